/** The playground's reader: objects sorted by kind, and library paths placed in the text. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { KubeTrafficError } from '../../src/index.js';
import { DumpError, parsePath, readDump } from '../../playground/src/dump.js';
import { computeView, explainError } from '../../playground/src/view.js';

const example = readFileSync('examples/cluster.yaml', 'utf8');
const lineOf = (text: string, needle: string): number => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

describe('readDump', () => {
  it('reads the example (three List documents): 6 Services, 6 slices, 7 Nodes', () => {
    const d = readDump(example);
    expect([d.services.length, d.endpointSlices.length, d.nodes.length]).toEqual([6, 6, 7]);
    expect(d.ignored).toEqual({});
  });

  it('reads the JSON form the same way', () => {
    const d = readDump(readFileSync('examples/cluster.json', 'utf8'));
    expect([d.services.length, d.endpointSlices.length, d.nodes.length]).toEqual([6, 6, 7]);
  });

  it('places a path at the line of its key, and a missing field at its nearest ancestor', () => {
    const d = readDump(example);
    const web = d.endpointSlices[0]!;
    expect(d.locate(web, ['endpoints', 2, 'addresses', 0])).toEqual({ document: 2, line: lineOf(example, '10.244.2.12') });
    expect(d.locate(web, ['endpoints', 2, 'zone'])).toEqual({ document: 2, line: lineOf(example, 'zone: zone-b') });
    const node = d.nodes[0]!;
    // No such field: the line of its nearest ancestor, the key `metadata:` above `name: node-a1`.
    expect(d.locate(node, ['metadata', 'nothing', 'here'])).toEqual({ document: 3, line: lineOf(example, 'name: node-a1') - 1 });
    expect(d.locate({}, [])).toBeNull();
  });

  it('typed lists give their items kind and apiVersion; other kinds and versions are counted, not used', () => {
    const text = [
      'apiVersion: v1\nkind: NodeList\nitems:\n- metadata: {name: a}\n',
      'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\n',
      'apiVersion: discovery.k8s.io/v1beta1\nkind: EndpointSlice\nmetadata: {name: old}\n',
      '',
    ].join('---\n');
    const d = readDump(text);
    expect(d.nodes.map((n) => (n['metadata'] as { name: string }).name)).toEqual(['a']);
    expect(d.ignored).toEqual({ 'v1 Pod': 1, 'discovery.k8s.io/v1beta1 EndpointSlice': 1 });
  });

  it('syntax errors name the document and line', () => {
    const text = 'kind: Service\n---\nkind: Node\nmetadata:\n  name: [x\n';
    expect(() => readDump(text)).toThrow(DumpError);
    try {
      readDump(text);
    } catch (e) {
      expect((e as DumpError).place?.document).toBe(2);
      expect((e as DumpError).place?.line).toBeGreaterThanOrEqual(5);
    }
    expect(() => readDump('{"kind": "Service",')).toThrow(/invalid JSON/);
    expect(() => readDump('- 1\n- 2\n')).toThrow(/document 1, line 1: expected a Kubernetes object/);
  });
});

describe('library errors placed in the text', () => {
  it('an endpoint address that is not an IP: the library path and the line of the address', () => {
    const text = readFileSync('test/playground/fixtures/bad-address.yaml', 'utf8');
    const d = readDump(text);
    const sel = { service: 'demo/api', node: '', whatIf: {} };
    let caught: unknown;
    try {
      computeView(d, sel);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(KubeTrafficError);
    const shown = explainError(caught, d, sel);
    expect(shown[0]?.message).toContain('$.endpointSlices[0].endpoints[0].addresses[0]');
    expect(shown[0]?.place).toEqual({ document: 2, line: lineOf(text, 'not-an-ip') });
  });
});

describe('parsePath', () => {
  it('splits keys, indexes and quoted keys', () => {
    expect(parsePath('$.service.metadata.annotations["service.kubernetes.io/topology-mode"]')).toEqual(['service', 'metadata', 'annotations', 'service.kubernetes.io/topology-mode']);
    expect(parsePath('$.endpointSlices[3].endpoints[0].addresses[1]')).toEqual(['endpointSlices', 3, 'endpoints', 0, 'addresses', 1]);
    expect(parsePath('$')).toEqual([]);
  });
});
