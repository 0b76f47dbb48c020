/**
 * simulateTraffic on small hand-checked clusters: every expected number is worked out in the
 * comments from kube-proxy's uniform choice among a node's eligible endpoints.
 */
import { describe, expect, it } from 'vitest';
import { computeHints, KubeTrafficError, simulateTraffic } from '../../src/index.js';
import { deepFreeze } from '../helpers.js';
import { ep, node, service, slice } from './fixtures.js';

const close = (x: number) => expect.closeTo(x, 12);

/** 3 zones; zone-a and zone-b hold 2 nodes each, zone-c 4; endpoints 1 / 1 / 4. */
function threeZones(hinted: boolean) {
  const nodes = [
    node('a1', 'zone-a'), node('a2', 'zone-a'),
    node('b1', 'zone-b'), node('b2', 'zone-b'),
    node('c1', 'zone-c'), node('c2', 'zone-c'), node('c3', 'zone-c'), node('c4', 'zone-c'),
  ];
  const h = (z: string) => (hinted ? { hint: z } : {});
  const endpointSlices = [
    slice('web-1', [
      ep('10.0.0.1', 'a1', 'zone-a', h('zone-a')),
      ep('10.0.1.1', 'b1', 'zone-b', h('zone-b')),
      ep('10.0.2.1', 'c1', 'zone-c', h('zone-c')),
      ep('10.0.2.2', 'c2', 'zone-c', h('zone-c')),
      ep('10.0.2.3', 'c3', 'zone-c', h('zone-c')),
      ep('10.0.2.4', 'c4', 'zone-c', h('zone-c')),
    ]),
  ];
  return { service: service({ trafficDistribution: 'PreferClose' }), endpointSlices, nodes };
}

describe('PreferClose, clients 60/30/10 %, endpoints 1/1/4', () => {
  const clients = { byZone: { 'zone-a': 60, 'zone-b': 30, 'zone-c': 10 } };

  it('gives the lone zone-a endpoint 60 % of all traffic', () => {
    const r = simulateTraffic(deepFreeze({ ...threeZones(true), clients }));
    // Every zone has a hinted endpoint, so every client keeps its traffic in its zone:
    //   zone-a endpoint: 60/100 = 0.6; zone-b endpoint: 0.3; each zone-c endpoint: 0.1 / 4 = 0.025.
    // 6 serving endpoints → fair share 1/6; overload = share × 6: 3.6, 1.8, 0.15.
    expect(r.endpoints.map((e) => [e.key, e.zone, e.share, e.overload])).toEqual([
      ['10.0.0.1:8080', 'zone-a', close(0.6), close(3.6)],
      ['10.0.1.1:8080', 'zone-b', close(0.3), close(1.8)],
      ['10.0.2.1:8080', 'zone-c', close(0.025), close(0.15)],
      ['10.0.2.2:8080', 'zone-c', close(0.025), close(0.15)],
      ['10.0.2.3:8080', 'zone-c', close(0.025), close(0.15)],
      ['10.0.2.4:8080', 'zone-c', close(0.025), close(0.15)],
    ]);
    expect(r.fairShare).toBeCloseTo(1 / 6, 12);
    expect(r.mostOverloaded).toMatchObject({ key: '10.0.0.1:8080', zone: 'zone-a' });
    expect(r.crossZoneFraction).toBe(0);
    expect(r.inZoneFraction).toBeCloseTo(1, 12);
    expect(r.forwardedFraction).toBeCloseTo(1, 12);
    expect(r.zoneMatrix.zones).toEqual(['zone-a', 'zone-b', 'zone-c']);
    expect(r.zoneMatrix.fractions).toEqual([
      [close(0.6), 0, 0],
      [0, close(0.3), 0],
      [0, 0, close(0.1)],
    ]);
    expect(r.inZoneNodes).toEqual(['a1', 'a2', 'b1', 'b2', 'c1', 'c2', 'c3', 'c4']);
    // zone-a (3.6×) and zone-b (1.8×) exceed the default 1.5× threshold; zone-c does not.
    expect(r.warnings.map((w) => [w.code, 'zone' in w ? w.zone : null])).toEqual([
      ['endpoint-overloaded', 'zone-a'],
      ['endpoint-overloaded', 'zone-b'],
    ]);
    // One class per zone: nodes of a zone share kube-proxy's answer.
    expect(r.classes.map((c) => [c.zone, c.nodes.length, c.weight, c.endpoints.length])).toEqual([
      ['zone-a', 2, close(0.6), 1],
      ['zone-b', 2, close(0.3), 1],
      ['zone-c', 4, close(0.1), 4],
    ]);
  });

  it('gives the same numbers when computeHints writes the hints', () => {
    const base = threeZones(false);
    const hinted = computeHints(base);
    expect(hinted.outcome.path).toBe('traffic-distribution');
    const a = simulateTraffic({ ...base, endpointSlices: hinted.endpointSlices, clients });
    const b = simulateTraffic({ ...threeZones(true), clients });
    expect(a.endpoints.map((e) => e.share)).toEqual(b.endpoints.map((e) => e.share));
  });

  it('without hints spreads evenly: 1/6 each, and 100 % − in-zone crosses zones', () => {
    const r = simulateTraffic({ ...threeZones(false), clients });
    // No topology: every client picks among all 6 → share 1/6 each, overload 1.
    for (const e of r.endpoints) expect(e.share).toBeCloseTo(1 / 6, 12);
    // In-zone: zone-a 0.6 × 1/6 + zone-b 0.3 × 1/6 + zone-c 0.1 × 4/6 = 0.1 + 0.05 + 0.0667 = 0.21667.
    expect(r.inZoneFraction).toBeCloseTo(0.6 / 6 + 0.3 / 6 + 0.4 / 6, 12);
    expect(r.crossZoneFraction).toBeCloseTo(1 - (0.6 / 6 + 0.3 / 6 + 0.4 / 6), 12);
    expect(r.warnings).toEqual([]);
  });
});

describe('internalTrafficPolicy Local', () => {
  it('drops traffic of nodes without a local endpoint', () => {
    const nodes = [node('n1', 'zone-a'), node('n2', 'zone-a'), node('n3', 'zone-b'), node('n4', 'zone-b')];
    const endpointSlices = [
      slice('web-1', [ep('10.0.0.1', 'n1', 'zone-a'), ep('10.0.0.2', 'n1', 'zone-a'), ep('10.0.1.1', 'n3', 'zone-b')]),
    ];
    const r = simulateTraffic({ service: service({ internalTrafficPolicy: 'Local' }), endpointSlices, nodes });
    // Default clients: 1 per node, W = 4. n1 splits 1/4 over its 2 endpoints (0.125 each); n3
    // sends 1/4 to its one endpoint; n2 and n4 have no local endpoint: 2/4 dropped.
    // 3 serving endpoints → fair share 1/3: overloads 0.375, 0.375, 0.75.
    expect(r.endpoints.map((e) => [e.share, e.overload])).toEqual([
      [close(0.125), close(0.375)],
      [close(0.125), close(0.375)],
      [close(0.25), close(0.75)],
    ]);
    expect(r.droppedFraction).toBeCloseTo(0.5, 12);
    expect(r.droppedNodes).toEqual(['n2', 'n4']);
    expect(r.forwardedFraction).toBeCloseTo(0.5, 12);
    expect(r.rejectedFraction).toBe(0);
    expect(r.inZoneNodes).toEqual(['n1', 'n3']);
    expect(r.warnings).toEqual([
      expect.objectContaining({ code: 'traffic-dropped', fraction: 0.5, nodes: 2, decidedBy: 'internalTrafficPolicy' }),
    ]);
    // A threshold above the dropped fraction silences the warning.
    const quiet = simulateTraffic({ service: service({ internalTrafficPolicy: 'Local' }), endpointSlices, nodes, thresholds: { dropped: 0.5 } });
    expect(quiet.warnings).toEqual([]);
  });
});

describe('no usable endpoint', () => {
  it('rejects everything', () => {
    const nodes = [node('n1', 'zone-a'), node('n2', 'zone-b')];
    const endpointSlices = [slice('web-1', [ep('10.0.0.1', 'n1', 'zone-a', { ready: false })])];
    const r = simulateTraffic({ service: service(), endpointSlices, nodes });
    // The one endpoint is neither ready nor serving-terminating: no usable endpoint, REJECT (8.1).
    expect(r.rejectedFraction).toBe(1);
    expect(r.rejectedNodes).toEqual(['n1', 'n2']);
    expect(r.forwardedFraction).toBe(0);
    expect(r.endpoints).toEqual([expect.objectContaining({ key: '10.0.0.1:8080', share: 0, overload: 0, serving: false })]);
    expect(r.servingEndpoints).toBe(0);
    expect(r.fairShare).toBe(0);
    expect(r.mostOverloaded).toBeNull();
    expect(r.warnings).toEqual([expect.objectContaining({ code: 'traffic-rejected', fraction: 1, nodes: 2 })]);
  });
});

describe('external IPs with AllowServiceExternalIPs off (1.36)', () => {
  const withIPs = { ...service(), spec: { ...service().spec, externalIPs: ['192.0.2.10'] } };
  const nodes = [node('n1', 'zone-a'), node('n2', 'zone-b')];
  const endpointSlices = [slice('web-1', [ep('10.0.0.1', 'n1', 'zone-a')])];
  const base = { service: withIPs, endpointSlices, nodes, flow: { via: 'externalIP' as const, from: 'outside' as const }, kubernetesVersion: '1.36' };

  it('counts the traffic as not handled by kube-proxy: no endpoint share, no drop, no reject', () => {
    const r = simulateTraffic({ ...base, gates: { AllowServiceExternalIPs: false } });
    expect([r.forwardedFraction, r.droppedFraction, r.rejectedFraction, r.notHandledFraction]).toEqual([0, 0, 0, 1]);
    expect(r.notHandledNodes).toEqual(['n1', 'n2']);
    expect(r.endpoints.map((e) => e.share)).toEqual([0]);
    expect(r.mostOverloaded).toBeNull();
    expect(r.classes.map((c) => [c.action, c.policy, c.endpoints.length])).toEqual([
      ['not-handled', null, 0],
      ['not-handled', null, 0],
    ]);
    expect(r.warnings).toEqual([expect.objectContaining({ code: 'traffic-not-handled', fraction: 1, nodes: 2 })]);
    expect(r.warnings[0]!.message).toContain('AllowServiceExternalIPs');
  });

  it('with the gate on (the default) forwards as before, and the fractions still add up to 1', () => {
    const r = simulateTraffic(base);
    expect([r.forwardedFraction, r.notHandledFraction]).toEqual([1, 0]);
    expect(r.notHandledNodes).toEqual([]);
    expect(r.forwardedFraction + r.droppedFraction + r.rejectedFraction + r.notHandledFraction).toBe(1);
    expect(r.warnings.map((w) => w.code)).not.toContain('traffic-not-handled');
  });
});

describe('zones', () => {
  it('splits in-zone and cross-zone traffic (2 clients in zone-a, 1 in zone-b; endpoints 1 / 2)', () => {
    const nodes = [node('a1', 'zone-a'), node('a2', 'zone-a'), node('b1', 'zone-b')];
    const endpointSlices = [slice('web-1', [ep('10.0.0.1', 'a1', 'zone-a'), ep('10.0.1.1', 'b1', 'zone-b'), ep('10.0.1.2', 'b1', 'zone-b')])];
    const r = simulateTraffic({ service: service(), endpointSlices, nodes });
    // No hints: each client spreads over all 3. zone-a (2/3) → a: 2/3 × 1/3 = 2/9, → b: 2/3 × 2/3 = 4/9;
    // zone-b (1/3) → a: 1/3 × 1/3 = 1/9, → b: 1/3 × 2/3 = 2/9. Cross = 4/9 + 1/9 = 5/9.
    expect(r.zoneMatrix.fractions).toEqual([
      [close(2 / 9), close(4 / 9)],
      [close(1 / 9), close(2 / 9)],
    ]);
    expect(r.crossZoneFraction).toBeCloseTo(5 / 9, 12);
    expect(r.inZoneFraction).toBeCloseTo(4 / 9, 12);
    expect(r.inZoneNodes).toEqual([]);
  });

  it('takes the endpoint zone from its node when the slice has none, and keeps unknown zones apart', () => {
    const nodes = [node('a1', 'zone-a'), node('x', null)];
    const endpointSlices = [
      slice('web-1', [
        { addresses: ['10.0.0.1'], nodeName: 'a1' },
        { addresses: ['10.0.0.2'], nodeName: 'x' },
      ]),
    ];
    const r = simulateTraffic({ service: service(), endpointSlices, nodes });
    expect(r.endpoints.map((e) => e.zone)).toEqual(['zone-a', '']);
    // a1 (1/2) → zone-a endpoint 1/4 in zone, → unknown 1/4; x (1/2, no zone) → 1/2 unknown.
    expect(r.inZoneFraction).toBeCloseTo(0.25, 12);
    expect(r.unknownZoneFraction).toBeCloseTo(0.75, 12);
    expect(r.crossZoneFraction).toBe(0);
    expect(r.zoneMatrix.zones).toEqual(['', 'zone-a']);
  });

  it('warns about a client zone with no serving endpoint', () => {
    const nodes = [node('a1', 'zone-a'), node('b1', 'zone-b')];
    const endpointSlices = [slice('web-1', [ep('10.0.0.1', 'a1', 'zone-a')])];
    const r = simulateTraffic({ service: service(), endpointSlices, nodes, thresholds: { overload: 10 } });
    expect(r.warnings).toEqual([expect.objectContaining({ code: 'zone-without-endpoints', zone: 'zone-b', fraction: 0.5 })]);
  });
});

describe('clients', () => {
  const nodes = [node('a1', 'zone-a'), node('a2', 'zone-a', { unschedulable: true }), node('b1', 'zone-b')];
  const endpointSlices = [slice('web-1', [ep('10.0.0.1', 'a1', 'zone-a'), ep('10.0.1.1', 'b1', 'zone-b')])];
  const base = { service: service({ internalTrafficPolicy: 'Local' }), endpointSlices, nodes };

  it('defaults to one unit per schedulable node', () => {
    const r = simulateTraffic(base);
    // a2 is unschedulable: W = 2 (a1, b1), both forward to their own endpoint.
    expect(r.totalWeight).toBe(2);
    expect(r.endpoints.map((e) => e.share)).toEqual([0.5, 0.5]);
  });

  it('spreads byZone weight over the zone’s schedulable nodes and reports unplaced zones', () => {
    const r = simulateTraffic({ ...base, clients: { byZone: { 'zone-a': 3, 'zone-b': 1, 'zone-x': 4 } } });
    expect(r.totalWeight).toBe(4);
    expect(r.endpoints.map((e) => e.share)).toEqual([0.75, 0.25]);
    expect(r.unplacedClients).toEqual([{ zone: 'zone-x', node: null, weight: 4, reason: 'no-node-in-zone' }]);
    expect(r.warnings.map((w) => w.code)).toContain('clients-unplaced');
  });

  it('takes byNode weights, including an unschedulable node named explicitly', () => {
    const r = simulateTraffic({ ...base, clients: { byNode: { a2: 1, b1: 3 } } });
    // a2 has no local endpoint: 1/4 dropped; b1 sends 3/4 to its endpoint.
    expect(r.droppedNodes).toEqual(['a2']);
    expect(r.endpoints.map((e) => e.share)).toEqual([0, 0.75]);
  });

  it('counts running client Pods on their node (array or List)', () => {
    const pods = [
      { spec: { nodeName: 'a1' } },
      { spec: { nodeName: 'a1' }, status: { phase: 'Running' } },
      { spec: { nodeName: 'b1' }, status: { phase: 'Succeeded' } },
      { spec: {} },
      { spec: { nodeName: 'b1' } },
    ];
    for (const clients of [pods, { kind: 'PodList', items: pods }]) {
      const r = simulateTraffic({ ...base, clients });
      expect(r.totalWeight).toBe(3);
      expect(r.endpoints.map((e) => e.share)).toEqual([close(2 / 3), close(1 / 3)]);
    }
  });
});

describe('bad input', () => {
  const ok = { service: service(), endpointSlices: [], nodes: [node('a1', 'zone-a')] };
  const problemsOf = (f: () => unknown) => {
    try {
      f();
    } catch (e) {
      expect(e).toBeInstanceOf(KubeTrafficError);
      return (e as KubeTrafficError).problems.map((p) => [p.code, p.path]);
    }
    throw new Error('no error thrown');
  };

  it('reports every problem with its JSON path', () => {
    const bad = {
      ...ok,
      service: { metadata: { name: 'web', namespace: 'shop' } },
      nodes: [node('a1', 'zone-a'), node('a1', 'zone-b'), 7],
      clients: { byZone: { 'zone-a': -1, ok: 2, 'x y': '3' } },
      flow: { via: 'bogus' },
      thresholds: { overload: 'high' },
    };
    expect(problemsOf(() => simulateTraffic(bad as never))).toEqual([
      ['invalid-value', '$.nodes[1].metadata.name'],
      ['invalid-type', '$.nodes[2]'],
      ['invalid-value', '$.flow.via'],
      ['invalid-value', '$.thresholds.overload'],
      ['invalid-value', '$.clients.byZone["zone-a"]'],
      ['invalid-value', '$.clients.byZone["x y"]'],
      ['required', '$.service.spec'],
    ]);
  });

  it('rejects a flow the port does not expose, at $.flow', () => {
    expect(problemsOf(() => simulateTraffic({ ...ok, flow: { via: 'nodePort' } }))).toEqual([['unsupported-flow', '$.flow.via']]);
  });

  it('refuses via and from beside the Service (selectEndpoints\' spelling) instead of simulating cluster-IP traffic from Pods', () => {
    const misplaced = { ...ok, via: 'nodePort', from: 'outside' };
    expect(problemsOf(() => simulateTraffic(misplaced as never))).toEqual([
      ['invalid-value', '$.via'],
      ['invalid-value', '$.from'],
    ]);
    try {
      simulateTraffic(misplaced as never);
    } catch (e) {
      expect((e as KubeTrafficError).problems[0]?.message).toContain('flow: { via, from }');
    }
    // Absent or null beside the Service, and given in `flow`, is fine.
    expect(() => simulateTraffic({ ...ok, via: null } as never)).not.toThrow();
    expect(simulateTraffic({ ...ok, flow: { via: 'clusterIP', from: 'pod' } }).flow).toEqual({ via: 'clusterIP', from: 'pod' });
  });

  it('rejects ambiguous or unknown client shapes', () => {
    expect(problemsOf(() => simulateTraffic({ ...ok, clients: { byZone: {}, byNode: {} } } as never))).toEqual([['invalid-type', '$.clients']]);
    expect(problemsOf(() => simulateTraffic({ ...ok, clients: { byNode: null } } as never))).toEqual([['required', '$.clients.byNode']]);
    expect(problemsOf(() => simulateTraffic(null as never))).toEqual([['invalid-type', '$']]);
  });
});

describe('a Service kube-proxy does not program', () => {
  it('returns empty numbers and says why', () => {
    const headless = { kind: 'Service', metadata: { name: 'web', namespace: 'shop' }, spec: { clusterIP: 'None', ports: [{ name: 'http', port: 80 }] } };
    const r = simulateTraffic({ service: headless, endpointSlices: [], nodes: [node('a1', 'zone-a')] });
    expect(r.notProxied?.reason).toBe('headless');
    expect(r.forwardedFraction).toBe(0);
    expect(r.warnings.map((w) => w.code)).toEqual(['service-not-proxied']);
  });
});

describe('kubernetesVersion', () => {
  it('reproduces an older kube-proxy: 1.29 ignores zone hints without the topology annotation', () => {
    const input = { ...threeZones(true), clients: { byZone: { 'zone-a': 60, 'zone-b': 30, 'zone-c': 10 } } };
    const old = simulateTraffic({ ...input, kubernetesVersion: '1.29' });
    expect(old.kubernetesVersion).toBe('1.29');
    // Hints ignored → even spread, 1/6 each.
    for (const e of old.endpoints) expect(e.share).toBeCloseTo(1 / 6, 12);
    expect(old.classes.map((c) => c.topology)).toEqual(Array(3).fill({ kind: 'none', cause: 'annotation-required' }));
    expect(simulateTraffic(input).mostOverloaded?.share).toBeCloseTo(0.6, 12);
  });

  it('rejects an unknown release at $.kubernetesVersion', () => {
    expect(() => simulateTraffic({ ...threeZones(true), kubernetesVersion: '1.12' as never })).toThrow(
      expect.objectContaining({ path: '$.kubernetesVersion' }),
    );
  });
});

describe('external flows', () => {
  it('externalTrafficPolicy Local drops at nodes without a local endpoint, from outside only', () => {
    const lb = {
      kind: 'Service',
      metadata: { name: 'web', namespace: 'shop' },
      spec: { type: 'NodePort', clusterIP: '10.96.0.10', externalTrafficPolicy: 'Local', ports: [{ name: 'http', port: 80, nodePort: 30080 }] },
    };
    const nodes = [node('n1', 'zone-a'), node('n2', 'zone-a'), node('n3', 'zone-b')];
    const endpointSlices = [slice('web-1', [ep('10.0.0.1', 'n1', 'zone-a'), ep('10.0.1.1', 'n3', 'zone-b')])];
    const outside = simulateTraffic({ service: lb, endpointSlices, nodes, flow: { via: 'nodePort', from: 'outside' } });
    // 1/3 per node; n2 has no local endpoint → dropped 1/3; n1 and n3 keep theirs: 1/3 each.
    expect(outside.droppedNodes).toEqual(['n2']);
    expect(outside.endpoints.map((e) => e.share)).toEqual([close(1 / 3), close(1 / 3)]);
    expect(outside.warnings).toContainEqual(expect.objectContaining({ code: 'traffic-dropped', decidedBy: 'externalTrafficPolicy' }));
    // From a Pod on the node, kube-proxy short-circuits to the Cluster list (8.3): nothing dropped,
    // every node spreads over both: 1/2 each.
    const fromPod = simulateTraffic({ service: lb, endpointSlices, nodes, flow: { via: 'nodePort', from: 'pod' } });
    expect(fromPod.droppedFraction).toBe(0);
    expect(fromPod.endpoints.map((e) => e.share)).toEqual([close(0.5), close(0.5)]);
  });
});
