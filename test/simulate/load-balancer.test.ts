/**
 * Load balancers as they behave, and clients that exist: hand-checked cases, the arithmetic
 * written beside each expectation.
 */
import { describe, expect, it } from 'vitest';
import { type SimulationNodeInput, simulateTraffic } from '../../src/index.js';
import { EXCLUDE_FROM_LB_LABEL } from '../../src/simulate/scheduling.js';
import { ZONE, ep, lbService, node, service, slice } from './fixtures.js';

const close = (x: number) => expect.closeTo(x, 12);
const share = (r: ReturnType<typeof simulateTraffic>, key: string) => r.endpoints.find((e) => e.key === key)!.share;

describe('a load balancer with externalTrafficPolicy: Local', () => {
  // n1 (zone-a) has 1 ready endpoint, n2 (zone-b) 2, n3 (zone-c) none; n4 (zone-c) has one but
  // carries the exclude-from-external-load-balancers label.
  const nodes: SimulationNodeInput[] = [
    node('n1', 'zone-a'),
    node('n2', 'zone-b'),
    node('n3', 'zone-c'),
    { kind: 'Node', metadata: { name: 'n4', labels: { [ZONE]: 'zone-c', [EXCLUDE_FROM_LB_LABEL]: '' } } },
  ];
  const slices = [slice('web-1', [ep('10.0.0.1', 'n1', 'zone-a'), ep('10.0.1.1', 'n2', 'zone-b'), ep('10.0.1.2', 'n2', 'zone-b'), ep('10.0.3.1', 'n4', 'zone-c')])];
  const input = { service: lbService(), endpointSlices: slices, nodes, flow: { via: 'loadBalancer', from: 'outside' } } as const;

  it('sends only to nodes that pass the health check, evenly: nothing is dropped', () => {
    const r = simulateTraffic(input);
    // Targets: n1 and n2 (n3 has no ready local endpoint, n4 is excluded) → 1/2 each.
    expect(r.loadBalancer?.nodes.map((n) => [n.name, n.localReadyEndpoints, n.target, n.reason, n.share])).toEqual([
      ['n1', 1, true, 'health-check-passes', 0.5],
      ['n2', 2, true, 'health-check-passes', 0.5],
      ['n3', 0, false, 'no-ready-local-endpoint', 0],
      ['n4', 1, false, 'excluded-by-label', 0],
    ]);
    expect(r.loadBalancer?.targets).toBe(2);
    expect(r.loadBalancer?.healthCheckNodePort).toBe(32000);
    expect(r.loadBalancer?.summary).toMatch(/^2 of 4 nodes pass the health check \(n1, n2\)/);
    expect(r.droppedFraction).toBe(0);
    expect(r.forwardedFraction).toBe(1);
    // n1's one endpoint takes all of n1's half; n2 splits its half over two: 1/4 each; n4's none.
    expect(share(r, '10.0.0.1:8080')).toBe(0.5);
    expect(share(r, '10.0.1.1:8080')).toBe(0.25);
    expect(share(r, '10.0.1.2:8080')).toBe(0.25);
    expect(share(r, '10.0.3.1:8080')).toBe(0);
    // Fair share 1/4 (4 serving endpoints): n1's endpoint is at 0.5 / 0.25 = 2× > 1.5.
    expect(r.mostOverloaded?.overload).toBe(2);
    const codes = r.warnings.map((w) => w.code);
    expect(codes).toContain('endpoint-overloaded');
    expect(codes).not.toContain('traffic-dropped');
    // Per endpoint, n1's carries (1/2)/1 and n2's (1/2)/2: ratio 2 > 1.5.
    const imbalance = r.warnings.find((w) => w.code === 'load-balancer-imbalance');
    expect(imbalance).toMatchObject({ level: 'warning', targets: 2, ratio: 2 });
    expect(imbalance?.message).toContain('n1 with 1 ready endpoint(s) gets 50 % as n2 with 2 gets 50 %');
  });

  it('the same Service through its NodePort from outside: no health check, drops are real', () => {
    const r = simulateTraffic({ ...input, flow: { via: 'nodePort', from: 'outside' } });
    // Every node receives 1/4; n3 has no local endpoint: it drops its 1/4.
    expect(r.loadBalancer).toBeNull();
    expect(r.droppedFraction).toBe(0.25);
    expect(r.droppedNodes).toEqual(['n3']);
    expect(share(r, '10.0.0.1:8080')).toBe(0.25);
    expect(share(r, '10.0.1.1:8080')).toBe(0.125);
    expect(share(r, '10.0.3.1:8080')).toBe(0.25);
    expect(r.warnings).toContainEqual(expect.objectContaining({ code: 'traffic-dropped', fraction: 0.25, nodes: 1 }));
  });

  it('counts the health check as kube-proxy does: ready only, distinct IPs over every port', () => {
    const twoPorts = lbService({ ports: [{ name: 'http', port: 80, nodePort: 30080 }, { name: 'admin', port: 9090, nodePort: 30090 }] });
    const adminOnly = { ...slice('web-admin', [ep('10.0.2.1', 'n3', 'zone-c'), ep('10.0.0.1', 'n1', 'zone-a')]), ports: [{ name: 'admin', port: 9090, protocol: 'TCP' }] };
    const terminating = slice('web-2', [ep('10.0.4.1', 'n5', 'zone-a', { terminating: true })]);
    const r = simulateTraffic({
      service: twoPorts,
      endpointSlices: [...slices, adminOnly, terminating],
      nodes: [...nodes, node('n5', 'zone-a')],
      flow: { via: 'loadBalancer', from: 'outside' },
      port: 'http',
    });
    const n = new Map(r.loadBalancer!.nodes.map((x) => [x.name, x]));
    // 10.0.0.1 serves http and admin: one endpoint for the health check.
    expect(n.get('n1')!.localReadyEndpoints).toBe(1);
    // n3's only endpoint serves admin, not http: n3 passes the health check…
    expect(n.get('n3')).toMatchObject({ localReadyEndpoints: 1, target: true, reason: 'health-check-passes' });
    // …n5's only endpoint is terminating: it fails it.
    expect(n.get('n5')).toMatchObject({ localReadyEndpoints: 0, target: false, reason: 'no-ready-local-endpoint' });
    // Targets n1, n2, n3 get 1/3 each; http traffic reaching n3 has no local http endpoint: dropped.
    expect(r.droppedFraction).toEqual(close(1 / 3));
    expect(r.droppedNodes).toEqual(['n3']);
  });

  it('with externalTrafficPolicy: Cluster every node but the excluded one receives traffic', () => {
    const r = simulateTraffic({ ...input, service: lbService({ etp: 'Cluster' }) });
    expect(r.loadBalancer?.healthCheck).toBe(false);
    expect(r.loadBalancer?.nodes.map((x) => [x.name, x.reason, x.share])).toEqual([
      ['n1', 'every-node', close(1 / 3)],
      ['n2', 'every-node', close(1 / 3)],
      ['n3', 'every-node', close(1 / 3)],
      ['n4', 'excluded-by-label', 0],
    ]);
    // Each target forwards over all 4 endpoints: 1/4 each.
    expect(r.endpoints.map((e) => e.share)).toEqual([close(0.25), close(0.25), close(0.25), close(0.25)]);
  });

  it('says when no node passes the health check', () => {
    const r = simulateTraffic({ ...input, endpointSlices: [slice('web-1', [ep('10.0.0.1', 'n1', 'zone-a', { ready: false })])] });
    expect(r.totalWeight).toBe(0);
    expect(r.warnings.map((w) => w.code)).toEqual(['load-balancer-no-healthy-node']);
  });
});

describe('clients that exist', () => {
  const controlPlane: SimulationNodeInput = {
    kind: 'Node',
    metadata: { name: 'cp', labels: { [ZONE]: 'zone-a' } },
    spec: { taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }] },
  };
  const nodes = [controlPlane, node('a1', 'zone-a'), node('b1', 'zone-b')];
  const slices = [slice('web-1', [ep('10.0.0.1', 'a1', 'zone-a')])];

  it('a tainted control-plane node hosts no client Pods under internalTrafficPolicy: Local', () => {
    const r = simulateTraffic({ service: service({ internalTrafficPolicy: 'Local' }), endpointSlices: slices, nodes });
    // Clients on a1 and b1 only (cp's NoSchedule taint is not tolerated): 1/2 each. a1 forwards
    // to its endpoint, b1 has none and drops: 1/2 dropped (not 2/3).
    expect(r.totalWeight).toBe(2);
    expect(r.droppedFraction).toBe(0.5);
    expect(r.droppedNodes).toEqual(['b1']);
    expect(r.excludedClientNodes).toEqual([{ name: 'cp', reason: 'taint node-role.kubernetes.io/control-plane:NoSchedule not tolerated' }]);
    expect(r.warnings).toContainEqual(expect.objectContaining({ code: 'client-nodes-excluded', level: 'info' }));
  });

  it('clients that tolerate the taint run there too', () => {
    const r = simulateTraffic({
      service: service({ internalTrafficPolicy: 'Local' }),
      endpointSlices: slices,
      nodes,
      clientTolerations: [{ key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' }],
    });
    // cp, a1, b1 at 1/3 each; cp and b1 drop: 2/3.
    expect(r.droppedFraction).toEqual(close(2 / 3));
    expect(r.excludedClientNodes).toEqual([]);
  });

  it('a cordoned node hosts no new clients, and byZone weight skips it', () => {
    const r = simulateTraffic({ service: service(), endpointSlices: slices, nodes: [node('a1', 'zone-a'), node('a2', 'zone-a', { unschedulable: true })], clients: { byZone: { 'zone-a': 10 } } });
    expect(r.classes.flatMap((c) => c.nodes)).toEqual(['a1']);
    expect(r.excludedClientNodes).toEqual([{ name: 'a2', reason: 'unschedulable (cordoned)' }]);
  });

  it('without Node objects, zone clients go to an assumed node of the zone that holds no endpoint, and it says so', () => {
    const hinted = [slice('web-1', [ep('10.0.0.1', 'a1', 'zone-a', { hint: 'zone-a' }), ep('10.0.1.1', 'b1', 'zone-b', { hint: 'zone-b' })])];
    const r = simulateTraffic({ service: service({ trafficDistribution: 'PreferClose' }), endpointSlices: hinted, nodes: [], clients: { byZone: { 'zone-a': 60, 'zone-b': 40 } } });
    expect(r.assumedNodes).toEqual([
      { name: 'assumed:zone-a', zone: 'zone-a', reason: 'a node of zone zone-a that holds no endpoint' },
      { name: 'assumed:zone-b', zone: 'zone-b', reason: 'a node of zone zone-b that holds no endpoint' },
    ]);
    // Each zone keeps its traffic: 0.6 and 0.4, all in-zone.
    expect(r.endpoints.map((e) => e.share)).toEqual([0.6, 0.4]);
    expect(r.inZoneFraction).toBe(1);
    expect(r.warnings).toContainEqual(expect.objectContaining({ code: 'nodes-assumed', level: 'info', nodes: ['assumed:zone-a', 'assumed:zone-b'] }));
    // Under internalTrafficPolicy: Local the assumed nodes hold no endpoint: everything drops.
    const local = simulateTraffic({ service: service({ internalTrafficPolicy: 'Local' }), endpointSlices: hinted, nodes: [], clients: { byZone: { 'zone-a': 60, 'zone-b': 40 } } });
    expect(local.droppedFraction).toBe(1);
  });

  it('without Node objects and without client weights there is no way to place clients: an error-level warning', () => {
    const r = simulateTraffic({ service: service(), endpointSlices: slices, nodes: [] });
    expect(r.totalWeight).toBe(0);
    expect(r.forwardedFraction + r.droppedFraction + r.rejectedFraction).toBe(0);
    expect(r.warnings[0]).toMatchObject({ code: 'no-clients', level: 'error' });
    expect(r.warnings[0]!.message).toMatch(/no Node objects.*--clients zone=weight.*Node objects.*client Pods/);
    // --clients pods on a dump without Pods: the same.
    const pods = simulateTraffic({ service: service(), endpointSlices: slices, nodes, clients: [] });
    expect(pods.warnings[0]).toMatchObject({ code: 'no-clients', level: 'error' });
  });

  it('without Node objects, Pods place clients on assumed nodes that take their zone from the endpoints', () => {
    const r = simulateTraffic({ service: service(), endpointSlices: slices, nodes: [], clients: [{ spec: { nodeName: 'a1' } }, { spec: { nodeName: 'x9' } }] });
    expect(r.assumedNodes.map((n) => [n.name, n.zone])).toEqual([['a1', 'zone-a'], ['x9', '']]);
    // x9's zone is unknown: its half is forwarded with an unknown zone, a1's half in-zone.
    expect(r.inZoneFraction).toBe(0.5);
    expect(r.unknownZoneFraction).toBe(0.5);
    expect(r.zoneMatrix.zones).toEqual(['', 'zone-a']);
    // Rows add up: each row sums to its zone's client weight (1/2 each).
    expect(r.zoneMatrix.fractions.map((row) => row.reduce((a, b) => a + b, 0))).toEqual([0.5, 0.5]);
  });

  it('an eTP Local load balancer without Node objects: the nodes of ready endpoints pass the health check', () => {
    const r = simulateTraffic({ service: lbService(), endpointSlices: [slice('web-1', [ep('10.0.0.1', 'n1', 'zone-a'), ep('10.0.1.1', 'n2', 'zone-b'), ep('10.0.1.2', 'n2', 'zone-b')])], nodes: [], flow: { via: 'loadBalancer', from: 'outside' } });
    expect(r.loadBalancer?.nodes.map((n) => [n.name, n.share])).toEqual([['n1', 0.5], ['n2', 0.5]]);
    expect(r.droppedFraction).toBe(0);
    expect(r.warnings.map((w) => w.code)).toContain('nodes-assumed');
  });
});
