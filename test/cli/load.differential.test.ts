/**
 * The YAML reader against references it must agree with: js-yaml's plain YAML 1.2 core schema
 * (what the reader is configured from) on every example dump and on the benchmark's dump shape,
 * and the JSON path on the same objects written as JSON. A change of parser, schema or options
 * that changes one value fails here.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import yaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { largeDump } from '../../bench/cli-dump.mjs';
import { type LoadedObjects, loadObjects } from '../../src/cli/load.js';
import { root } from './helpers.js';

type Obj = Record<string, unknown>;

/** What the commands keep, by kind, from documents as js-yaml's CORE schema gives them. */
function reference(docs: unknown[]): Pick<LoadedObjects, 'services' | 'endpointSlices' | 'nodes' | 'pods'> {
  const out = { services: [] as Obj[], endpointSlices: [] as Obj[], nodes: [] as Obj[], pods: [] as Obj[] };
  const visit = (o: Obj): void => {
    if (typeof o['kind'] === 'string' && o['kind'].endsWith('List')) {
      (o['items'] as Obj[]).forEach(visit);
      return;
    }
    const bucket = { Service: out.services, EndpointSlice: out.endpointSlices, Node: out.nodes, Pod: out.pods }[o['kind'] as string];
    bucket?.push(o);
  };
  for (const d of docs) if (d !== null && d !== undefined) visit(d as Obj);
  return out;
}

const kept = (r: LoadedObjects) => ({ services: r.services, endpointSlices: r.endpointSlices, nodes: r.nodes, pods: r.pods });

const examples = readdirSync(join(root, 'examples')).filter((f) => /\.ya?ml$/.test(f));
const bench = largeDump({ services: 60, nodes: 30 });

describe('the YAML reader agrees with js-yaml CORE', () => {
  it('examples/ has YAML dumps to compare', () => {
    expect(examples).toContain('cluster.yaml');
  });

  it.each(examples)('examples/%s: every object, value for value', (file) => {
    const text = readFileSync(join(root, 'examples', file), 'utf8');
    const expected = reference(yaml.loadAll(text, undefined, { schema: yaml.CORE_SCHEMA }));
    const got = kept(loadObjects([{ name: file, text }]));
    expect(got.services.length + got.endpointSlices.length + got.nodes.length).toBeGreaterThan(10);
    expect(got).toEqual(expected);
  });

  it('the benchmark dump shape (managedFields, node images and conditions, hints)', () => {
    const expected = reference(yaml.loadAll(bench.yaml, undefined, { schema: yaml.CORE_SCHEMA }));
    const got = kept(loadObjects([{ name: 'big.yaml', text: bench.yaml }]));
    expect(got.services).toHaveLength(60);
    expect(got.endpointSlices).toHaveLength(60);
    expect(got.nodes).toHaveLength(30);
    expect(got).toEqual(expected);
    // Types the core schema decides: numbers stay numbers, quoted numbers and timestamps strings.
    const node = got.nodes[0] as { status: { images: { sizeBytes: unknown }[]; allocatable: { pods: unknown } }; metadata: { creationTimestamp: unknown; resourceVersion: unknown } };
    expect(typeof node.status.images[0]!.sizeBytes).toBe('number');
    expect(node.status.allocatable.pods).toBe('110');
    expect(node.metadata.creationTimestamp).toBe('2026-11-30T10:00:00Z');
    expect(node.metadata.resourceVersion).toBe('100000');
  });
});

describe('YAML and JSON of the same objects load the same', () => {
  it('the benchmark dump shape', () => {
    expect(kept(loadObjects([{ name: 'big.yaml', text: bench.yaml }]))).toEqual(kept(loadObjects([{ name: 'big.json', text: bench.json }])));
  });

  it('examples/cluster.yaml and examples/cluster.json, object by object', () => {
    const y = kept(loadObjects([{ name: 'cluster.yaml', text: readFileSync(join(root, 'examples', 'cluster.yaml'), 'utf8') }]));
    const j = kept(loadObjects([{ name: 'cluster.json', text: readFileSync(join(root, 'examples', 'cluster.json'), 'utf8') }]));
    const byName = (objs: readonly Obj[]) => Object.fromEntries(objs.map((o) => [JSON.stringify([(o['metadata'] as Obj)['namespace'], (o['metadata'] as Obj)['name']]), o]));
    for (const kind of ['services', 'endpointSlices', 'nodes', 'pods'] as const) expect(byName(y[kind]), kind).toEqual(byName(j[kind]));
  });

  it('the benchmark dump shape as UTF-16 with a byte-order mark and CRLF line ends', () => {
    const text = `\ufeff${bench.yaml.replace(/\n/g, '\r\n')}`;
    const bytes = new Uint8Array(text.length * 2);
    for (let i = 0; i < text.length; i++) {
      bytes[2 * i] = text.charCodeAt(i) & 0xff;
      bytes[2 * i + 1] = text.charCodeAt(i) >> 8;
    }
    expect(kept(loadObjects([{ name: 'big.yaml', text: bytes }]))).toEqual(kept(loadObjects([{ name: 'big.json', text: bench.json }])));
  });
});
