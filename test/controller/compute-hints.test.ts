import { describe, expect, it } from 'vitest';
import { computeHints, type AutoOutcome } from '../../src/index.js';
import { KubeTrafficError } from '../../src/model/errors.js';
import { AUTO, deepFreeze, endpoint, node, service, slice, zoneHintsOf } from './helpers.js';

const threeZones = [node('n-a', 'zone-a', '1'), node('n-b', 'zone-b', '1'), node('n-c', 'zone-c', '1')];

function thrown(f: () => unknown): KubeTrafficError {
  try {
    f();
  } catch (e) {
    if (e instanceof KubeTrafficError) return e;
    throw e;
  }
  throw new Error('did not throw');
}

describe('computeHints: Auto outcome', () => {
  it('reports allocation, moves and the Enabled event', () => {
    const input = deepFreeze({
      service: service({ annotations: AUTO }),
      endpointSlices: [slice('s1', [endpoint('10.0.0.1', 'zone-a'), endpoint('10.0.0.2', 'zone-a')])],
      nodes: [node('n-a', 'zone-a', '1'), node('n-b', 'zone-b', '1')],
    });
    const { endpointSlices, outcome } = computeHints(input);
    expect(zoneHintsOf(endpointSlices)).toEqual({ '10.0.0.1': ['zone-b'], '10.0.0.2': ['zone-a'] });
    expect(outcome.reason).toBe('TopologyAwareHintsEnabled');
    expect(outcome.event).toEqual({ type: 'Normal', reason: 'TopologyAwareHintsEnabled', message: 'Topology Aware Hints has been enabled, addressType: IPv4' });
    const auto = outcome.byAddressType[0] as AutoOutcome;
    expect(auto.path).toBe('topology-auto');
    expect(auto.cause).toBe('hints-allocated');
    expect(auto.readyEndpoints).toBe(2);
    expect(auto.allocations).toEqual([
      { zone: 'zone-a', cpuMillicores: 1000, ratio: 0.5, desired: 1, minimum: 1, maximum: 1, target: 1, assigned: 1 },
      { zone: 'zone-b', cpuMillicores: 1000, ratio: 0.5, desired: 1, minimum: 1, maximum: 1, target: 1, assigned: 1 },
    ]);
    expect(auto.moves).toEqual([{ slice: 0, endpoint: 0, address: '10.0.0.1', from: 'zone-a', to: 'zone-b' }]);
    expect(auto.rewrittenSlices).toEqual([0]);
    expect(auto.keptSlices).toEqual([]);
  });

  it('breaks surplus ties by zone name: a/b/c = 1/3/3 over equal zones, zone-b gives (3.6.3)', () => {
    const eps = [
      endpoint('10.0.0.1', 'zone-a'),
      endpoint('10.0.0.2', 'zone-b'),
      endpoint('10.0.0.3', 'zone-b'),
      endpoint('10.0.0.4', 'zone-b'),
      endpoint('10.0.0.5', 'zone-c'),
      endpoint('10.0.0.6', 'zone-c'),
      endpoint('10.0.0.7', 'zone-c'),
    ];
    const { outcome, endpointSlices } = computeHints({ service: service({ annotations: AUTO }), endpointSlices: [slice('s', eps)], nodes: threeZones });
    const auto = outcome.byAddressType[0] as AutoOutcome;
    expect(auto.moves).toEqual([{ slice: 0, endpoint: 1, address: '10.0.0.2', from: 'zone-b', to: 'zone-a' }]);
    expect(auto.allocations.map((a) => [a.zone, a.assigned])).toEqual([
      ['zone-a', 2],
      ['zone-b', 2],
      ['zone-c', 3],
    ]);
    expect(zoneHintsOf(endpointSlices)['10.0.0.2']).toEqual(['zone-a']);
  });

  it('picks the receiving zone by name when several receive (3.7.2)', () => {
    const eps = ['1', '2', '3'].map((i) => endpoint(`10.0.0.${i}`, 'zone-c'));
    const { outcome } = computeHints({ service: service({ annotations: AUTO }), endpointSlices: [slice('s', eps)], nodes: threeZones });
    expect((outcome.byAddressType[0] as AutoOutcome).moves.map((m) => [m.address, m.to])).toEqual([
      ['10.0.0.1', 'zone-a'],
      ['10.0.0.2', 'zone-b'],
    ]);
  });

  it('reports the overload failure with N and Z in the message', () => {
    const eps = ['1', '2', '3', '4', '5', '6'].map((i) => endpoint(`10.0.0.${i}`, i === '1' ? 'zone-a' : 'zone-b'));
    const { outcome, endpointSlices } = computeHints({
      service: service({ annotations: AUTO }),
      endpointSlices: [slice('s', eps)],
      nodes: [node('a', 'zone-a', '2'), node('b', 'zone-b', '8')],
    });
    expect(outcome.cause).toBe('minimum-exceeds-endpoints');
    expect(outcome.event?.message).toBe(
      'Unable to allocate minimum required endpoints to each zone without exceeding overload threshold (6 endpoints, 2 zones), addressType: IPv4',
    );
    expect((outcome.byAddressType[0] as AutoOutcome).allocations.map((a) => a.minimum)).toEqual([2, 5]);
    expect(outcome.hintsPresent).toBe(false);
    expect(Object.values(zoneHintsOf(endpointSlices)).every((h) => h === null)).toBe(true);
  });

  it('keeps acceptable hints on a slice and reports it kept', () => {
    const hinted = (a: string, z: string) => endpoint(a, z, { hints: { forZones: [{ name: z }] } });
    const input = deepFreeze({
      service: service({ annotations: AUTO }),
      endpointSlices: [slice('s1', [hinted('10.0.0.1', 'zone-a'), hinted('10.0.0.2', 'zone-b')])],
      nodes: [node('a', 'zone-a', '1'), node('b', 'zone-b', '1')],
    });
    const { outcome, endpointSlices } = computeHints(input);
    expect((outcome.byAddressType[0] as AutoOutcome).keptSlices).toEqual([0]);
    expect(outcome.byAddressType[0]!.rewrittenSlices).toEqual([]);
    expect(endpointSlices[0]).toBe(input.endpointSlices[0]);
  });
});

describe('computeHints: upstream edge case where Auto ends outside [minimum, maximum] and rewrites a slice every pass', () => {
  // zone-a 8000m, zone-c 1500m, N = 8: minimums 6 + 2 = 8 = N, so maximum(a) = 6 but target(a) =
  // 6.7368…; after one move the surplus is 0.263 < 0.5 and redistribution stops (3.6.2) at a = 7.
  const slices = [
    slice('s0', [endpoint('10.0.0.1', 'zone-a')]),
    slice('s1', ['1', '2', '3'].map((i) => endpoint(`10.0.1.${i}`, 'zone-a'))),
    slice('s2', ['1', '2', '3', '4'].map((i) => endpoint(`10.0.2.${i}`, 'zone-a'))),
  ];
  const nodes = [node('n1', 'zone-a', '4'), node('n2', 'zone-c', '1500m'), node('n3', 'zone-a', '4')];

  it('first pass leaves zone-a at 7 > maximum 6 and zone-c at 1 < minimum 2', () => {
    const { outcome } = computeHints({ service: service({ annotations: AUTO }), endpointSlices: slices, nodes });
    const a = (outcome.byAddressType[0] as AutoOutcome).allocations;
    expect(a.map((z) => [z.zone, z.minimum, z.maximum, z.assigned])).toEqual([
      ['zone-a', 6, 6, 7],
      ['zone-c', 2, 2, 1],
    ]);
  });

  it('second pass keeps s0 and s1, rejects s2 (3 + 4 > 6), rewrites it to the same hints, 7 / 1 again', () => {
    const first = computeHints({ service: service({ annotations: AUTO }), endpointSlices: slices, nodes });
    const second = computeHints({ service: service({ annotations: AUTO }), endpointSlices: first.endpointSlices, nodes });
    const auto = second.outcome.byAddressType[0] as AutoOutcome;
    expect(auto.keptSlices).toEqual([0, 1]);
    expect(auto.moves).toEqual([]); // surplus 0.263 < 0.5 again
    expect(auto.rewrittenSlices).toEqual([2]); // upstream churn: s2 is updated on every sync
    expect(auto.allocations.map((z) => z.assigned)).toEqual([7, 1]);
    expect(zoneHintsOf(second.endpointSlices)).toEqual(zoneHintsOf(first.endpointSlices));
  });
});

describe('computeHints: dual stack (1.5, 11)', () => {
  const v4 = slice('v4', [endpoint('10.0.0.1', 'zone-a'), endpoint('10.0.0.2', 'zone-b')], 'IPv4');
  const v6 = slice('v6', [endpoint('fd00::1', 'zone-a')], 'IPv6');
  const nodes = [node('a', 'zone-a', '1'), node('b', 'zone-b', '1')];

  it('reports each address type; the summary is IPv4', () => {
    const { outcome, endpointSlices } = computeHints({
      service: service({ annotations: AUTO, ipFamilies: ['IPv6', 'IPv4'] }),
      endpointSlices: [v6, v4],
      nodes,
    });
    expect(outcome.byAddressType.map((o) => [o.addressType, o.cause, o.reason])).toEqual([
      ['IPv4', 'hints-allocated', 'TopologyAwareHintsEnabled'],
      ['IPv6', 'fewer-endpoints-than-zones', 'TopologyAwareHintsDisabled'],
    ]);
    expect(outcome.reason).toBe('TopologyAwareHintsEnabled');
    expect(outcome.byAddressType[1]!.event?.message).toBe('Insufficient number of endpoints (1 endpoints, 2 zones), addressType: IPv6');
    expect(zoneHintsOf(endpointSlices)).toEqual({ 'fd00::1': null, '10.0.0.1': ['zone-a'], '10.0.0.2': ['zone-b'] });
  });

  it('records one Enabled event per Service when both address types succeed (3.8.2)', () => {
    const v6b = slice('v6', [endpoint('fd00::1', 'zone-a'), endpoint('fd00::2', 'zone-b')], 'IPv6');
    const { outcome } = computeHints({ service: service({ annotations: AUTO, ipFamilies: ['IPv4', 'IPv6'] }), endpointSlices: [v4, v6b], nodes });
    expect(outcome.byAddressType.map((o) => o.reason)).toEqual(['TopologyAwareHintsEnabled', null]);
  });

  it('takes address types from spec.ipFamilies when there are no slices', () => {
    const { outcome } = computeHints({ service: service({ annotations: AUTO, ipFamilies: ['IPv6', 'IPv4'] }), endpointSlices: [], nodes: [] });
    expect(outcome.byAddressType.map((o) => [o.addressType, o.cause, o.reason])).toEqual([
      ['IPv4', 'insufficient-node-info', 'TopologyAwareHintsDisabled'],
      ['IPv6', 'insufficient-node-info', 'TopologyAwareHintsDisabled'],
    ]);
    expect(outcome.byAddressType[1]!.event?.message).toBe(
      'Insufficient Node information: allocatable CPU or zone not specified on one or more nodes, addressType: IPv6',
    );
  });

  it('summarises IPv6 when it is the only address type', () => {
    const { outcome } = computeHints({ service: service({ trafficDistribution: 'PreferClose', ipFamilies: ['IPv6'] }), endpointSlices: [v6] });
    expect(outcome.byAddressType.map((o) => o.addressType)).toEqual(['IPv6']);
    expect(outcome.path).toBe('traffic-distribution');
    expect(outcome.hintsPresent).toBe(true);
  });
});

describe('computeHints: trafficDistribution (5)', () => {
  it('an empty zone string gets an empty-name zone hint; a missing zone gets none (11)', () => {
    const { endpointSlices } = computeHints({
      service: service({ trafficDistribution: 'PreferClose' }),
      endpointSlices: [slice('s', [endpoint('10.0.0.1', ''), endpoint('10.0.0.2', undefined)])],
    });
    expect(endpointSlices[0]!.endpoints![0]!.hints).toEqual({ forZones: [{ name: '' }] });
    expect(endpointSlices[0]!.endpoints![1]).not.toHaveProperty('hints');
  });

  it('rewrites only stale slices and leaves correct ones as the same object (5.3)', () => {
    const good = slice('good', [endpoint('10.0.0.1', 'zone-a', { hints: { forZones: [{ name: 'zone-a' }] } })]);
    const bad = slice('bad', [endpoint('10.0.0.2', 'zone-b', { hints: { forZones: [{ name: 'zone-a' }] } })]);
    const input = deepFreeze({ service: service({ trafficDistribution: 'PreferSameZone' }), endpointSlices: [good, bad] });
    const { endpointSlices, outcome } = computeHints(input);
    expect(endpointSlices[0]).toBe(input.endpointSlices[0]);
    expect(endpointSlices[1]).not.toBe(input.endpointSlices[1]);
    expect(endpointSlices[1]!.metadata).toBe(input.endpointSlices[1]!.metadata); // untouched subtrees shared
    expect(outcome.byAddressType[0]!.rewrittenSlices).toEqual([1]);
    expect(input.endpointSlices[1]!.endpoints![0]!.hints).toEqual({ forZones: [{ name: 'zone-a' }] });
  });
});

describe('computeHints: which slices are the Service’s', () => {
  it('returns other Services’ slices, other controllers’ slices and FQDN slices untouched, in place', () => {
    const other = { ...slice('other', [endpoint('10.0.0.9', 'zone-a', { hints: { forZones: [{ name: 'zone-z' }] } })]) };
    const foreign = deepFreeze({ ...other, metadata: { ...other.metadata, labels: { 'kubernetes.io/service-name': 'other' } } });
    const custom = deepFreeze({ ...other, metadata: { ...other.metadata, labels: { 'kubernetes.io/service-name': 'svc', 'endpointslice.kubernetes.io/managed-by': 'mesh' } } });
    const fqdn = deepFreeze({ ...other, addressType: 'FQDN' });
    const otherNs = deepFreeze({ ...other, metadata: { ...other.metadata, namespace: 'elsewhere' } });
    const own = slice('own', [endpoint('10.0.0.1', 'zone-a', { hints: { forZones: [{ name: 'zone-z' }] } })]);
    const { endpointSlices, outcome } = computeHints({ service: service(), endpointSlices: [foreign, own, custom, fqdn, otherNs] });
    expect(endpointSlices[0]).toBe(foreign);
    expect(endpointSlices[2]).toBe(custom);
    expect(endpointSlices[3]).toBe(fqdn);
    expect(endpointSlices[4]).toBe(otherNs);
    expect(endpointSlices[1]!.endpoints![0]).not.toHaveProperty('hints');
    expect(outcome.byAddressType[0]!.rewrittenSlices).toEqual([1]);
    expect(outcome.cause).toBe('traffic-distribution-unset');
  });

  it('reconciles only slices labelled managed-by the controller and not pending deletion (0.3)', () => {
    const stale = { hints: { forZones: [{ name: 'zone-z' }] } };
    const base = slice('base', [endpoint('10.0.0.9', 'zone-a', stale)]);
    const unlabelled = deepFreeze({ ...base, metadata: { ...base.metadata, labels: { 'kubernetes.io/service-name': 'svc' } } });
    const noServiceName = deepFreeze({ ...base, metadata: { ...base.metadata, labels: { 'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io' } } });
    const deleting = deepFreeze({ ...base, metadata: { ...base.metadata, deletionTimestamp: '2025-03-01T10:00:00Z' } });
    const noNamespace = deepFreeze({ ...base, metadata: { ...base.metadata, namespace: undefined } });
    const own = slice('own', [endpoint('10.0.0.1', 'zone-a', stale)]);
    const input = { service: service({ trafficDistribution: 'PreferSameZone' }), endpointSlices: [unlabelled, noServiceName, deleting, noNamespace, own], explain: true };
    const { endpointSlices, outcome, explanation } = computeHints(input);
    expect(endpointSlices.slice(0, 4)).toEqual([unlabelled, noServiceName, deleting, noNamespace]);
    endpointSlices.slice(0, 4).forEach((s, i) => expect(s).toBe(input.endpointSlices[i]));
    expect(endpointSlices[4]!.endpoints![0]!.hints).toEqual({ forZones: [{ name: 'zone-a' }] });
    expect(outcome.byAddressType[0]!.rewrittenSlices).toEqual([4]);
    // The stale hints of the other slices are still there, so hints are present either way.
    expect(outcome.hintsPresent).toBe(true);
    const reasons = (explanation ?? []).filter((s) => s.code === 'hints-slice-not-managed').map((s) => [s.data['index'], s.data['reason']]);
    expect(reasons).toEqual([
      [0, 'other-manager'],
      [1, 'other-service'],
      [2, 'pending-deletion'],
      [3, 'other-service'],
    ]);
  });

  it('leaves ExternalName and selector-less Services alone: slices as given, no event (0.1, 0.2)', () => {
    const own = deepFreeze(slice('own', [endpoint('10.0.0.1', 'zone-a', { hints: { forZones: [{ name: 'zone-z' }] } }), endpoint('10.0.0.2', undefined, { ready: 5 as never })]));
    const auto = service({ annotations: AUTO });
    const cases: [object, string][] = [
      [{ ...auto, spec: { ...auto.spec, type: 'ExternalName', externalName: 'db.example.com' } }, 'external-name'],
      [{ ...auto, spec: { ...auto.spec, selector: undefined } }, 'no-selector'],
      [{ ...auto, spec: { ...auto.spec, selector: null } }, 'no-selector'],
      [{ ...auto, spec: { ...auto.spec, selector: {} } }, 'no-selector'],
    ];
    for (const [svc, cause] of cases) {
      const { endpointSlices, outcome, explanation } = computeHints({ service: svc as never, endpointSlices: [own], nodes: 'unread' as never, explain: true });
      expect(endpointSlices).toEqual([own]);
      expect(endpointSlices[0]).toBe(own);
      expect(outcome).toMatchObject({ path: 'not-managed', cause, reason: null, event: null, hintsPresent: true });
      expect(outcome.byAddressType).toEqual([{ path: 'not-managed', addressType: 'IPv4', cause, hintsPresent: true, reason: null, event: null, rewrittenSlices: [] }]);
      expect(explanation?.[0]).toMatchObject({ code: 'hints-service-not-managed', data: { cause } });
    }
  });

  it('refuses a selector that is not a string map and an unknown Service type, at their paths', () => {
    const svc = service();
    expect(thrown(() => computeHints({ service: { ...svc, spec: { ...svc.spec, selector: 'app=web' } } as never })).path).toBe('$.service.spec.selector');
    expect(thrown(() => computeHints({ service: { ...svc, spec: { ...svc.spec, selector: { app: 1 } } } as never })).path).toBe('$.service.spec.selector.app');
    expect(thrown(() => computeHints({ service: { ...svc, spec: { ...svc.spec, type: 'Headless' } } })).path).toBe('$.service.spec.type');
  });

  it('weighs 3920000000n and 3920000u as 3920m (every quantity suffix)', () => {
    const run = (a: string, b: string) =>
      computeHints({
        service: service({ annotations: AUTO }),
        endpointSlices: [slice('s', [endpoint('10.0.0.1', 'zone-a'), endpoint('10.0.0.2', 'zone-b')])],
        nodes: [node('a', 'zone-a', a), node('b', 'zone-b', b)],
      }).outcome.byAddressType[0] as AutoOutcome;
    expect(run('3920m', '3920000000n').zones.map((z) => z.cpuMillicores)).toEqual([3920, 3920]);
    expect(run('3920000u', '3.92').zones.map((z) => z.ratio)).toEqual([0.5, 0.5]);
    // Finer than a nano-unit rounds up per node when parsed: 1n + 1n, so 2n, still 1m in total.
    expect(run('0.0000000001', '4').zones.map((z) => z.cpuMillicores)).toEqual([1, 4000]);
  });

  it('accepts List objects for slices and nodes', () => {
    const { endpointSlices, outcome } = computeHints({
      service: service({ annotations: AUTO }),
      endpointSlices: { kind: 'EndpointSliceList', items: [slice('s', [endpoint('10.0.0.1', 'zone-a'), endpoint('10.0.0.2', 'zone-b')])] },
      nodes: { kind: 'NodeList', items: [node('a', 'zone-a', '1'), node('b', 'zone-b', '1')] },
    });
    expect(outcome.cause).toBe('hints-allocated');
    expect(zoneHintsOf(endpointSlices)).toEqual({ '10.0.0.1': ['zone-a'], '10.0.0.2': ['zone-b'] });
  });
});

describe('computeHints: bad input', () => {
  it('requires service.spec', () => {
    const e = thrown(() => computeHints({ service: { metadata: { name: 'svc' } } }));
    expect([e.code, e.path]).toEqual(['required', '$.service.spec']);
  });

  it('collects every problem with its path', () => {
    const own = (extra: object) => ({ ...extra, metadata: slice('x', []).metadata });
    const e = thrown(() =>
      computeHints({
        service: { metadata: { name: 'svc', namespace: 'ns', annotations: AUTO }, spec: { trafficDistribution: 5, selector: { app: 'svc' } } },
        endpointSlices: [
          slice('ok', []),
          own({ addressType: 'IPv4', endpoints: [{ conditions: { ready: 'yes' } }, 'x'] }),
          own({ addressType: 'IPv7' }),
          own({ endpoints: [] }),
        ],
        nodes: [node('a', 'zone-a', '1'), node('b', 'zone-b', '4 cores')],
        gates: { Nope: true },
      } as never),
    );
    expect(e.problems.map((p) => [p.code, p.path])).toEqual([
      ['invalid-type', '$.service.spec.trafficDistribution'],
      ['unknown-gate', '$.gates.Nope'],
      ['invalid-type', '$.endpointSlices[1].endpoints[0].conditions.ready'],
      ['invalid-type', '$.endpointSlices[1].endpoints[1]'],
      ['invalid-value', '$.endpointSlices[2].addressType'],
      ['required', '$.endpointSlices[3].addressType'],
      ['invalid-quantity', '$.nodes[1].status.allocatable.cpu'],
    ]);
  });

  it('reports a hole in the slice or node list (possible from code, not from JSON), as the kube-proxy side does', () => {
    const slices = [slice('a', [endpoint('10.0.0.1', 'zone-a')]), , slice('b', [])];
    const e = thrown(() => computeHints({ service: service({ trafficDistribution: 'PreferClose' }), endpointSlices: slices as never }));
    expect([e.code, e.path]).toEqual(['invalid-type', '$.endpointSlices[1]']);
    const nodes = [node('n-a', 'zone-a', '1'), , node('n-b', 'zone-b', '1')];
    const n = thrown(() => computeHints({ service: service({ annotations: AUTO }), endpointSlices: [slice('a', [])], nodes: nodes as never }));
    expect(n.path).toBe('$.nodes[1]');
  });

  it('requires the Service name: the controller selects slices by it', () => {
    const e = thrown(() => computeHints({ service: { spec: { selector: { app: 'svc' } } } }));
    expect([e.code, e.path]).toEqual(['required', '$.service.metadata.name']);
  });

  it('reads nodes only on the Auto path (controller-semantics 0.4)', () => {
    const badNodes = { items: [node('a', 'a', '1.2.3')] };
    const e = thrown(() => computeHints({ service: service({ annotations: AUTO }), nodes: badNodes }));
    expect([e.code, e.path]).toEqual(['invalid-quantity', '$.nodes.items[0].status.allocatable.cpu']);
    // trafficDistribution, removal, a gated-off annotation and an unmanaged Service never look at nodes.
    for (const svc of [service({ trafficDistribution: 'PreferClose' }), service(), { ...service(), spec: { clusterIP: '10.96.0.10' } }]) {
      expect(() => computeHints({ service: svc, nodes: badNodes })).not.toThrow();
      expect(() => computeHints({ service: svc, nodes: 'not nodes' } as never)).not.toThrow();
    }
    expect(computeHints({ service: service({ annotations: AUTO }), nodes: badNodes, gates: { TopologyAwareHints: false }, kubernetesVersion: '1.35' }).outcome.path).toBe('none');
  });

  it('throws KubeTrafficError, not TypeError, for a non-object argument or service', () => {
    expect(thrown(() => computeHints(null as never)).path).toBe('$');
    expect(thrown(() => computeHints({ service: 'svc' } as never)).path).toBe('$.service');
    expect(thrown(() => computeHints({} as never)).path).toBe('$.service');
  });

  it('tolerates endpoints without addresses or conditions, and null collections', () => {
    const { outcome } = computeHints({
      service: service({ trafficDistribution: 'PreferClose' }),
      endpointSlices: [{ ...slice('s', [{ zone: 'zone-a' }, { addresses: null, conditions: null }]) }],
      nodes: null,
    });
    expect(outcome.path).toBe('traffic-distribution');
    expect(outcome.hintsPresent).toBe(false); // not ready (no ready key) → no hints written
  });
});

describe('computeHints: the caller’s own objects and types', () => {
  it('a kubernetes-models EndpointSlice stays one after its hints change; untouched ones are the same object', async () => {
    const { EndpointSlice } = await import('kubernetes-models/discovery.k8s.io/v1');
    const { Node } = await import('kubernetes-models/v1');
    const own = slice('own', [endpoint('10.0.0.1', 'zone-a'), endpoint('10.0.0.2', 'zone-b')]);
    const changed = new EndpointSlice({ ...own, addressType: 'IPv4', endpoints: [...own.endpoints!] } as never);
    const foreign = new EndpointSlice({ ...own, metadata: { ...own.metadata, name: 'foreign', labels: { 'kubernetes.io/service-name': 'svc' } }, addressType: 'IPv4', endpoints: [] } as never);
    const nodes = [new Node({ metadata: { name: 'a', labels: { 'topology.kubernetes.io/zone': 'zone-a' } }, status: { allocatable: { cpu: 4 }, conditions: [{ type: 'Ready', status: 'True' }] } }), new Node({ metadata: { name: 'b', labels: { 'topology.kubernetes.io/zone': 'zone-b' } }, status: { allocatable: { cpu: '4000m' }, conditions: [{ type: 'Ready', status: 'True' }] } })];
    const { endpointSlices, outcome } = computeHints({ service: service({ annotations: AUTO }), endpointSlices: [changed, foreign], nodes });
    expect(outcome.cause).toBe('hints-allocated');
    expect(endpointSlices[0]).not.toBe(changed);
    expect(endpointSlices[0]).toBeInstanceOf(EndpointSlice);
    expect(endpointSlices[0]!.toJSON().metadata?.name).toBe('own');
    expect(zoneHintsOf(endpointSlices)).toMatchObject({ '10.0.0.1': ['zone-a'], '10.0.0.2': ['zone-b'] });
    expect(endpointSlices[1]).toBe(foreign);
  });
});
