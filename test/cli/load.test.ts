/**
 * loadObjects: what kubectl prints, in every shape, and errors that name file, document and line.
 */
import { describe, expect, it } from 'vitest';
import { LoadError, loadObjects } from '../../src/cli/load.js';

const svc = (name: string) => ({ apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: 'ns' } });

describe('loadObjects', () => {
  it('sorts single objects, multi-document YAML and Lists by kind, in input order', () => {
    const yaml = `kind: Service\nmetadata: {name: a, namespace: ns}\n---\n---\nkind: List\nitems:\n- kind: Node\n  metadata: {name: n1}\n- kind: Pod\n  metadata: {name: p1}\n- kind: Deployment\n  metadata: {name: d}\n`;
    const json = JSON.stringify({ kind: 'List', items: [svc('b'), { kind: 'EndpointSlice', metadata: { name: 'b-1' } }] });
    const r = loadObjects([{ name: 'a.yaml', text: yaml }, { name: 'b.json', text: json }]);
    expect(r.services.map((s) => (s['metadata'] as { name: string }).name)).toEqual(['a', 'b']);
    expect(r.nodes).toHaveLength(1);
    expect(r.pods).toHaveLength(1);
    expect(r.endpointSlices).toHaveLength(1);
    expect(r.ignored).toEqual({ Deployment: 1 });
  });

  it('reads nested Lists and typed lists (ServiceList items carry no kind)', () => {
    const text = JSON.stringify({ kind: 'List', items: [{ kind: 'List', items: [svc('x')] }, { kind: 'NodeList', items: [{ metadata: { name: 'n' } }] }] });
    const r = loadObjects([{ name: 'l.json', text }]);
    expect(r.services).toHaveLength(1);
    expect(r.nodes).toHaveLength(1);
  });

  it('a YAML syntax error names the file, the document and the line', () => {
    const text = `kind: Service\nmetadata: {name: a}\n---\nkind: Node\nmetadata:\n  name: [b\n  labels: x\n`;
    expect(() => loadObjects([{ name: 'dump.yaml', text }])).toThrow(LoadError);
    try {
      loadObjects([{ name: 'dump.yaml', text }]);
    } catch (e) {
      expect(e).toBeInstanceOf(LoadError);
      const err = e as LoadError;
      expect(err.file).toBe('dump.yaml');
      expect(err.document).toBe(2);
      expect(err.line).toBeGreaterThanOrEqual(6);
      expect(err.message).toMatch(/^dump\.yaml: document 2, line \d+: /);
    }
  });

  it('a JSON syntax error names the line', () => {
    const text = '{\n  "kind": "List",\n  "items": [\n    {"kind": "Service",}\n  ]\n}\n';
    expect(() => loadObjects([{ name: 'dump.json', text }])).toThrow(/^dump\.json: document 1, line 4: invalid JSON/);
  });

  it('a document that is not an object, or an object without kind, is an input problem', () => {
    expect(() => loadObjects([{ name: 's.yaml', text: 'just a string\n' }])).toThrow(/s\.yaml: document 1, line 1: \$: expected a Kubernetes object/);
    expect(() => loadObjects([{ name: 'k.yaml', text: 'kind: List\nitems:\n- metadata: {name: x}\n' }])).toThrow(/\$\.items\[0\]: object without kind/);
  });

  it('empty input and empty documents load nothing', () => {
    expect(loadObjects([{ name: 'e.yaml', text: '' }, { name: 'f.yaml', text: '---\n---\n' }]).services).toEqual([]);
  });
});
