/**
 * The edge where objects come in, read alike by every entry point: collections (array or List),
 * kinds and API versions, and the same JSON path for the same problem whichever function reads it.
 */
import { describe, expect, it } from 'vitest';
import { categorizeEndpoints, compareScenarios, computeHints, isKubeTrafficError, kindMismatch, simulateTraffic } from '../../src/index.js';

const labels = { 'kubernetes.io/service-name': 'web', 'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io' };
const service = {
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: 'web', namespace: 'shop', annotations: { 'service.kubernetes.io/topology-mode': 'Auto' } },
  spec: { selector: { app: 'web' }, clusterIP: '10.96.0.10', ports: [{ name: 'http', port: 80 }] },
};
const slice = {
  apiVersion: 'discovery.k8s.io/v1',
  kind: 'EndpointSlice',
  metadata: { name: 'web-1', namespace: 'shop', labels },
  addressType: 'IPv4',
  ports: [{ name: 'http', port: 8080 }],
  endpoints: [
    { addresses: ['10.1.0.1'], conditions: { ready: true }, nodeName: 'node-a', zone: 'zone-a' },
    { addresses: ['10.1.0.2'], conditions: { ready: true }, nodeName: 'node-b', zone: 'zone-b' },
  ],
};
const nodeObject = (name: string, zone: string) => ({
  apiVersion: 'v1',
  kind: 'Node',
  metadata: { name, labels: { 'topology.kubernetes.io/zone': zone } },
  status: { allocatable: { cpu: '4' }, conditions: [{ type: 'Ready', status: 'True' }] },
});
const nodes = [nodeObject("node-a", "zone-a"), nodeObject("node-b", "zone-b")] as const;

/** The three entry points that read Service, slices (and nodes), each on the same fields. */
const ENTRY_POINTS = {
  categorizeEndpoints: (i: Record<string, unknown>) => categorizeEndpoints({ node: { name: 'node-a', zone: 'zone-a' }, port: 'http', ...i } as never),
  computeHints: (i: Record<string, unknown>) => computeHints({ nodes, ...i } as never),
  simulateTraffic: (i: Record<string, unknown>) => simulateTraffic({ nodes, ...i } as never),
};

function problems(f: () => unknown): [string, string][] {
  try {
    f();
  } catch (e) {
    if (isKubeTrafficError(e)) return e.problems.map((p) => [p.code, p.path]);
    throw e;
  }
  return [];
}

describe('collections: an array or a List with an items array', () => {
  const cases: [string, unknown, [string, string][]][] = [
    ['a single EndpointSlice', slice, [['invalid-type', '$.endpointSlices']]],
    ['a Service object', service, [['invalid-type', '$.endpointSlices']]],
    ['a List with items null', { kind: 'List', items: null }, [['invalid-type', '$.endpointSlices']]],
    ['a List without items', { kind: 'EndpointSliceList', metadata: {} }, [['invalid-type', '$.endpointSlices']]],
    ['a List with items an object', { kind: 'List', items: {} }, [['invalid-type', '$.endpointSlices.items']]],
    ['a string', 'web-1', [['invalid-type', '$.endpointSlices']]],
  ];
  for (const [name, endpointSlices, want] of cases) {
    it(`${name} is refused alike by every entry point`, () => {
      for (const [fn, call] of Object.entries(ENTRY_POINTS)) {
        expect(problems(() => call({ service, endpointSlices })), fn).toEqual(want);
      }
    });
  }

  it('accepts an array, a List and a kind-less { items }, with null/absent as empty', () => {
    for (const endpointSlices of [[slice], { kind: 'EndpointSliceList', items: [slice] }, { items: [slice] }, { kind: 'List', apiVersion: 'v1', items: [slice] }]) {
      for (const [fn, call] of Object.entries(ENTRY_POINTS)) expect(problems(() => call({ service, endpointSlices })), fn).toEqual([]);
    }
    expect(problems(() => computeHints({ service, endpointSlices: null, nodes: null }))).toEqual([]);
  });

  it('reports an item of a List at $.x.items[i] and of an array at $.x[i], in every entry point', () => {
    const bad = { ...slice, endpoints: [{ addresses: ['10.1.0.1'], conditions: { ready: 'yes' } }] };
    for (const [fn, call] of Object.entries(ENTRY_POINTS)) {
      expect(problems(() => call({ service, endpointSlices: [bad] })), fn).toEqual([['invalid-type', '$.endpointSlices[0].endpoints[0].conditions.ready']]);
      expect(problems(() => call({ service, endpointSlices: { kind: 'List', items: [bad] } })), fn).toEqual([
        ['invalid-type', '$.endpointSlices.items[0].endpoints[0].conditions.ready'],
      ]);
    }
  });

  it('refuses nodes that are not a collection where nodes are read', () => {
    expect(problems(() => computeHints({ service, endpointSlices: [slice], nodes: nodeObject('node-a', 'zone-a') } as never))).toEqual([['invalid-type', '$.nodes']]);
    expect(problems(() => simulateTraffic({ service, endpointSlices: [slice], nodes: { items: null } } as never))).toEqual([['invalid-type', '$.nodes']]);
  });
});

describe('kinds and API versions', () => {
  it('refuses a core/v1 Endpoints object in endpointSlices at its kind, in every entry point', () => {
    const endpoints = { apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'web', namespace: 'shop' }, subsets: [] };
    for (const [fn, call] of Object.entries(ENTRY_POINTS)) {
      expect(problems(() => call({ service, endpointSlices: [slice, endpoints] })), fn).toEqual([['invalid-value', '$.endpointSlices[1].kind']]);
    }
  });

  it('refuses a v1beta1 EndpointSlice at its apiVersion', () => {
    const beta = { ...slice, apiVersion: 'discovery.k8s.io/v1beta1' };
    for (const [fn, call] of Object.entries(ENTRY_POINTS)) {
      expect(problems(() => call({ service, endpointSlices: { kind: 'List', items: [beta] } })), fn).toEqual([['invalid-value', '$.endpointSlices.items[0].apiVersion']]);
    }
  });

  it('refuses a Knative Service (serving.knative.dev/v1) at $.service.apiVersion', () => {
    const knative = { ...service, apiVersion: 'serving.knative.dev/v1' };
    for (const [fn, call] of Object.entries(ENTRY_POINTS)) {
      expect(problems(() => call({ service: knative, endpointSlices: [slice] })), fn).toEqual([['invalid-value', '$.service.apiVersion']]);
    }
  });

  it('refuses a Node of another kind where nodes are read, and a client node of another kind', () => {
    const pod = { ...nodeObject('node-a', 'zone-a'), kind: 'Pod' };
    expect(problems(() => computeHints({ service, endpointSlices: [slice], nodes: [pod, nodes[1]!] }))).toEqual([['invalid-value', '$.nodes[0].kind']]);
    expect(problems(() => simulateTraffic({ service, endpointSlices: [slice], nodes: [pod, nodes[1]!] } as never))).toEqual([['invalid-value', '$.nodes[0].kind']]);
    expect(problems(() => categorizeEndpoints({ service, endpointSlices: [slice], node: pod, port: 'http' } as never))).toEqual([['invalid-value', '$.node.kind']]);
  });

  it('accepts objects without kind or apiVersion (API list items, client-node objects)', () => {
    const bare = ({ kind: _k, apiVersion: _v, ...rest }: Record<string, unknown>) => rest;
    for (const [fn, call] of Object.entries(ENTRY_POINTS)) {
      expect(problems(() => call({ service: bare(service), endpointSlices: [bare(slice)], nodes: nodes.map(bare) })), fn).toEqual([]);
    }
  });

  it('kindMismatch states the field, what was expected and what was found', () => {
    expect(kindMismatch({ apiVersion: 'discovery.k8s.io/v1beta1', kind: 'EndpointSlice' }, 'EndpointSlice')).toEqual({
      field: 'apiVersion',
      expected: 'discovery.k8s.io/v1',
      found: 'discovery.k8s.io/v1beta1',
    });
    expect(kindMismatch({ kind: 'Endpoints', apiVersion: 'v1' }, 'EndpointSlice')).toEqual({ field: 'kind', expected: 'EndpointSlice', found: 'Endpoints' });
    expect(kindMismatch({ kind: 'Node', apiVersion: 'v1' }, 'Node')).toBeNull();
    expect(kindMismatch({ kind: '', apiVersion: null }, 'Service')).toBeNull();
    expect(kindMismatch('text', 'Service')).toBeNull();
  });

  it('reports a kind that is not a string as invalid-type', () => {
    expect(problems(() => computeHints({ service: { ...service, kind: 7 }, endpointSlices: [] } as never))).toEqual([['invalid-type', '$.service.kind']]);
  });
});

describe('one input, one reading', () => {
  it('a slice namespace that is not a string is refused by both halves at its path (not read as another namespace)', () => {
    for (const namespace of [7, true, {}, ['shop']]) {
      const bad = { ...slice, metadata: { ...slice.metadata, namespace } };
      for (const [fn, call] of Object.entries(ENTRY_POINTS)) {
        expect(problems(() => call({ service, endpointSlices: [bad] })), fn).toEqual([['invalid-type', '$.endpointSlices[0].metadata.namespace']]);
      }
    }
  });

  it('the same bad value gets the same problem, word for word, whichever function reads it', () => {
    const whole = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        if (isKubeTrafficError(e)) return e.problems;
        throw e;
      }
      return [];
    };
    const cases: Record<string, unknown>[] = [
      { service: 'web', endpointSlices: [slice] },
      { service: null, endpointSlices: [slice] },
      { service: { ...service, spec: null }, endpointSlices: [slice] },
      { service, endpointSlices: [{ ...slice, endpoints: [7] }] },
      { service, endpointSlices: [{ ...slice, endpoints: [{ ...slice.endpoints[0], hints: { forZones: ['zone-a'], forNodes: [null] } }] }] },
    ];
    for (const input of cases) {
      const [first, ...rest] = Object.values(ENTRY_POINTS).map((call) => whole(() => call(input)));
      expect(first!.length).toBeGreaterThan(0);
      for (const other of rest) expect(other).toEqual(first);
    }
    const badNode = [nodes[0], 'node-b'];
    expect(whole(() => simulateTraffic({ service, endpointSlices: [slice], nodes: badNode } as never))).toEqual(whole(() => computeHints({ service, endpointSlices: [slice], nodes: badNode } as never)));
  });

  it('simulateTraffic reads its nodes as core/v1 Nodes, as computeHints and compareScenarios do: a { name, zone } item is refused, not read with a zone the controller does not see', () => {
    const flat = [
      { name: 'node-a', zone: 'zone-a', status: nodes[0].status },
      { name: 'node-b', labels: { 'topology.kubernetes.io/zone': 'zone-b' }, status: nodes[1].status },
    ];
    expect(problems(() => simulateTraffic({ service, endpointSlices: [slice], nodes: flat } as never))).toEqual([
      ['required', '$.nodes[0].metadata.name'],
      ['required', '$.nodes[1].metadata.name'],
    ]);
    expect(problems(() => compareScenarios({ service, endpointSlices: [slice], nodes: flat } as never, []))).toEqual([
      ['required', '$.nodes[0].metadata.name'],
      ['required', '$.nodes[1].metadata.name'],
    ]);
    // The same nodes as Node objects: the simulator and the controller see the same zones.
    const sim = simulateTraffic({ service, endpointSlices: [slice], nodes });
    expect(sim.classes.map((c) => c.zone)).toEqual(['zone-a', 'zone-b']);
    expect(compareScenarios({ service, endpointSlices: [slice], nodes }, []).baseline.hints.path).toBe('topology-auto');
  });
});
