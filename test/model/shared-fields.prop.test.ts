/**
 * Property: where `categorizeEndpoints`, `computeHints` and `simulateTraffic` read the same field
 * of the same input, they accept or refuse a bad value there alike, with the same problem: code,
 * path, what was expected and what was found.
 * A valid input (read by all three: a managed Service with the Auto annotation, so the controller
 * reads nodes too) gets one generated bad value at one shared field, as an array or a List.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { categorizeEndpoints, computeHints, isKubeTrafficError, simulateTraffic } from '../../src/index.js';

const LABELS = { 'kubernetes.io/service-name': 'web', 'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io' };

function base(): Record<string, unknown> {
  return {
    service: {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'web', namespace: 'shop', annotations: { 'service.kubernetes.io/topology-mode': 'Auto' } },
      spec: { type: 'ClusterIP', selector: { app: 'web' }, clusterIP: '10.96.0.10', ipFamilies: ['IPv4'], ports: [{ name: 'http', port: 80 }], trafficDistribution: 'PreferClose' },
    },
    endpointSlices: [
      {
        apiVersion: 'discovery.k8s.io/v1',
        kind: 'EndpointSlice',
        metadata: { name: 'web-1', namespace: 'shop', labels: { ...LABELS } },
        addressType: 'IPv4',
        ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
        endpoints: [
          { addresses: ['10.1.0.1'], conditions: { ready: true }, nodeName: 'node-a', zone: 'zone-a', hints: { forZones: [{ name: 'zone-a' }], forNodes: [{ name: 'node-a' }] } },
          { addresses: ['10.1.0.2'], conditions: { ready: true }, nodeName: 'node-b', zone: 'zone-b', hints: { forZones: [{ name: 'zone-b' }], forNodes: [{ name: 'node-b' }] } },
        ],
      },
    ],
    nodes: ['a', 'b'].map((x) => ({
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name: `node-${x}`, labels: { 'topology.kubernetes.io/zone': `zone-${x}` } },
      status: { allocatable: { cpu: '4' }, conditions: [{ type: 'Ready', status: 'True' }] },
    })),
  };
}

type Key = string | number;
/** Fields every reader of it reads with the same meaning (addresses and conditions.serving are kube-proxy's alone). */
const SHARED: readonly (readonly Key[])[] = [
  ['service'],
  ['service', 'kind'],
  ['service', 'apiVersion'],
  ['service', 'metadata'],
  ['service', 'metadata', 'name'],
  ['service', 'metadata', 'namespace'],
  ['service', 'metadata', 'annotations'],
  ['service', 'metadata', 'annotations', 'service.kubernetes.io/topology-mode'],
  ['service', 'spec'],
  ['service', 'spec', 'type'],
  ['service', 'spec', 'ipFamilies'],
  ['service', 'spec', 'ipFamilies', 0],
  ['service', 'spec', 'trafficDistribution'],
  ['endpointSlices'],
  ['endpointSlices', 0],
  ['endpointSlices', 0, 'kind'],
  ['endpointSlices', 0, 'apiVersion'],
  ['endpointSlices', 0, 'metadata'],
  ['endpointSlices', 0, 'metadata', 'name'],
  ['endpointSlices', 0, 'metadata', 'namespace'],
  ['endpointSlices', 0, 'metadata', 'labels'],
  ['endpointSlices', 0, 'metadata', 'labels', 'app'],
  ['endpointSlices', 0, 'addressType'],
  ['endpointSlices', 0, 'endpoints'],
  ['endpointSlices', 0, 'endpoints', 1],
  ['endpointSlices', 0, 'endpoints', 1, 'conditions'],
  ['endpointSlices', 0, 'endpoints', 1, 'conditions', 'ready'],
  ['endpointSlices', 0, 'endpoints', 1, 'zone'],
  ['endpointSlices', 0, 'endpoints', 1, 'nodeName'],
  ['endpointSlices', 0, 'endpoints', 1, 'hints'],
  ['endpointSlices', 0, 'endpoints', 1, 'hints', 'forZones'],
  ['endpointSlices', 0, 'endpoints', 1, 'hints', 'forZones', 0],
  ['endpointSlices', 0, 'endpoints', 1, 'hints', 'forZones', 0, 'name'],
  ['endpointSlices', 0, 'endpoints', 1, 'hints', 'forNodes'],
  ['endpointSlices', 0, 'endpoints', 1, 'hints', 'forNodes', 0],
  ['endpointSlices', 0, 'endpoints', 1, 'hints', 'forNodes', 0, 'name'],
];
/**
 * Node fields both `computeHints` (Auto path) and `simulateTraffic` read: both read a list item
 * as a core/v1 Node. Not its name: the simulator needs it (to place clients), the controller never
 * reads it, so problems at `metadata.name` are left out of the comparison ({@link ONE_READER}).
 */
const SHARED_NODES: readonly (readonly Key[])[] = [
  ['nodes'],
  ['nodes', 1],
  ['nodes', 1, 'metadata'],
  ['nodes', 1, 'kind'],
  ['nodes', 1, 'apiVersion'],
  ['nodes', 1, 'metadata', 'labels'],
  ['nodes', 1, 'metadata', 'labels', 'topology.kubernetes.io/zone'],
];

const badValue = fc.constantFrom<unknown>(7, -1.5, true, 'text', '', 'IPv7', 'Endpoints', {}, { name: 3 }, [], [7], null, undefined, 'discovery.k8s.io/v1beta1');

function set(root: Record<string, unknown>, path: readonly Key[], value: unknown): void {
  let o = root as Record<Key, unknown>;
  for (const k of path.slice(0, -1)) o = o[k] as Record<Key, unknown>;
  const last = path[path.length - 1]!;
  // JSON has no holes: an absent array entry is null.
  if (value === undefined && typeof last === 'number') o[last] = null;
  else if (value === undefined) delete o[last];
  else o[last] = value;
}

/** The JSON path of `path`, as a collection of `shape` ("array" or "list") is reported. */
function jsonPath(path: readonly Key[], list: boolean): string {
  let out = '$';
  path.forEach((k, i) => {
    if (typeof k === 'number') out += `[${k}]`;
    else out += /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(k) ? `.${k}` : `[${JSON.stringify(k)}]`;
    if (list && i === 0 && (k === 'endpointSlices' || k === 'nodes') && path.length > 1) out += '.items';
  });
  return out;
}

/** Paths only one of the compared readers reads (a node's name: the simulator alone). */
const ONE_READER = /^\$\.nodes(\.items)?\[\d+\]\.metadata\.name$/;

/** Every problem under `prefix`, whole: code, path, expected and received (the message holds the last three). */
function problemsUnder(call: () => unknown, prefix: string): string[] {
  try {
    call();
  } catch (e) {
    if (!isKubeTrafficError(e)) throw e;
    return e.problems
      .filter((p) => p.path === prefix || p.path.startsWith(`${prefix}.`) || p.path.startsWith(`${prefix}[`))
      .filter((p) => !ONE_READER.test(p.path))
      .map((p) => `${p.code} ${p.message}`);
  }
  return [];
}

function run(fields: readonly (readonly Key[])[], readers: Record<string, (i: Record<string, unknown>) => unknown>) {
  fc.assert(
    fc.property(fc.constantFrom(...fields), badValue, fc.boolean(), (path, value, list) => {
      const input = base();
      set(input, path, value);
      if (list) {
        for (const k of ['endpointSlices', 'nodes']) {
          const v = input[k];
          if (Array.isArray(v)) input[k] = { kind: 'List', items: v };
        }
      }
      const prefix = jsonPath(path, list && path.length > 1);
      const seen = Object.fromEntries(Object.entries(readers).map(([name, f]) => [name, problemsUnder(() => f(input), prefix)]));
      const [first, ...rest] = Object.values(seen);
      for (const other of rest) expect(other, JSON.stringify({ path: prefix, value, seen })).toEqual(first);
    }),
    { numRuns: 400 },
  );
}

describe('shared fields are accepted or refused alike, with the same problem', () => {
  it('categorizeEndpoints, computeHints and simulateTraffic on the Service and its slices', () => {
    run(SHARED, {
      categorizeEndpoints: (i) => categorizeEndpoints({ service: i['service'], endpointSlices: i['endpointSlices'], node: { name: 'node-a', zone: 'zone-a' }, port: 'http' } as never),
      computeHints: (i) => computeHints({ service: i['service'], endpointSlices: i['endpointSlices'], nodes: base()['nodes'] } as never),
      simulateTraffic: (i) => simulateTraffic({ service: i['service'], endpointSlices: i['endpointSlices'], nodes: base()['nodes'] } as never),
    });
  });

  it('computeHints (Auto) and simulateTraffic on the nodes', () => {
    run(SHARED_NODES, {
      computeHints: (i) => computeHints(i as never),
      simulateTraffic: (i) => simulateTraffic(i as never),
    });
  });
});
