/**
 * The simulation agrees with a Monte-Carlo replay of kube-proxy: draw a client node with
 * probability proportional to its weight, ask the public `prepareService().select(node)` for the
 * flow, and pick one of its `endpoints` uniformly at random (what iptables' random probabilities
 * and nftables' `numgen random` do). Observed frequencies must match `share` within 5 standard
 * errors (sqrt(p(1−p)/N)). The PRNG is seeded, so the test is deterministic.
 */
import { describe, expect, it } from 'vitest';
import { type EndpointSliceInput, type SimulateInput, computeHints, prepareService, simulateTraffic } from '../../src/index.js';
import { ep, lbService, node, service, slice } from './fixtures.js';

/** mulberry32: a small seeded PRNG, uniform in [0, 1). */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const N = 200_000;

function replay(input: SimulateInput, weights: ReadonlyMap<string, number>, seed: number) {
  const random = prng(seed);
  const prepared = prepareService(input.service, input.endpointSlices);
  const nodes = (input.nodes as readonly { metadata: { name: string; labels: Record<string, string> } }[]).filter((n) => (weights.get(n.metadata.name) ?? 0) > 0);
  const cumulative: number[] = [];
  let total = 0;
  for (const n of nodes) cumulative.push((total += weights.get(n.metadata.name)!));
  const hits = new Map<string, number>();
  const actions = { forward: 0, drop: 0, reject: 0, 'not-handled': 0 };
  for (let i = 0; i < N; i++) {
    const x = random() * total;
    let k = 0;
    while (cumulative[k]! <= x) k++;
    const n = nodes[k]!;
    const r = prepared.select({ name: n.metadata.name, labels: n.metadata.labels });
    if (r.kind !== 'proxied') throw new Error('not proxied');
    actions[r.action]++;
    if (r.action !== 'forward') continue;
    const chosen = r.endpoints[Math.floor(random() * r.endpoints.length)]!;
    hits.set(chosen.key, (hits.get(chosen.key) ?? 0) + 1);
  }
  return { hits, actions };
}

function expectWithinSamplingError(observed: number, p: number): void {
  const se = Math.sqrt((p * (1 - p)) / N);
  expect(Math.abs(observed / N - p)).toBeLessThanOrEqual(5 * se + 1e-12);
}

describe('Monte-Carlo replay of selectEndpoints', () => {
  // 3 zones; zone-c has nodes but no endpoint (its clients go cluster-wide); skewed clients.
  const nodes = [node('a1', 'zone-a'), node('a2', 'zone-a'), node('a3', 'zone-a'), node('b1', 'zone-b'), node('c1', 'zone-c'), node('c2', 'zone-c')];
  const endpoints = [
    ep('10.0.0.1', 'a1', 'zone-a'),
    ep('10.0.1.1', 'b1', 'zone-b'),
    ep('10.0.1.2', 'b1', 'zone-b'),
    ep('10.0.1.3', 'b1', 'zone-b', { terminating: true }),
  ];
  const weights = new Map([['a1', 5], ['a2', 1], ['a3', 2], ['b1', 3], ['c1', 4], ['c2', 0.5]]);
  const clients = { byNode: Object.fromEntries(weights) };

  const cases: [string, SimulateInput][] = [
    ['no topology', { service: service(), endpointSlices: [slice('web-1', endpoints)], nodes, clients }],
    ['PreferClose, via computeHints', (() => {
      const base = { service: service({ trafficDistribution: 'PreferClose' }), endpointSlices: [slice('web-1', endpoints)], nodes };
      return { ...base, endpointSlices: computeHints(base).endpointSlices, clients };
    })()],
    ['internalTrafficPolicy Local', { service: service({ internalTrafficPolicy: 'Local' }), endpointSlices: [slice('web-1', endpoints)], nodes, clients }],
  ];

  it.each(cases)('%s: observed frequencies match share', (_, input) => {
    const r = simulateTraffic(input);
    const { hits, actions } = replay(input, weights, 0x5eed);
    for (const e of r.endpoints) expectWithinSamplingError(hits.get(e.key) ?? 0, e.share);
    expectWithinSamplingError(actions.drop, r.droppedFraction);
    expectWithinSamplingError(actions.reject, r.rejectedFraction);
  });
});

describe('Monte-Carlo replay of a cloud load balancer with health checks (externalTrafficPolicy: Local)', () => {
  // The replay's own health check, written from the rule (proxy-semantics 8.4), not from the
  // simulator: a node is healthy when some slice of the Service lists a ready endpoint on it.
  function healthy(slices: readonly EndpointSliceInput[], name: string): boolean {
    return slices.some((s) => (s.endpoints ?? []).some((e) => e.nodeName === name && e.conditions?.ready !== false));
  }

  const nodes = [node('a1', 'zone-a'), node('a2', 'zone-a'), node('b1', 'zone-b'), node('b2', 'zone-b'), node('c1', 'zone-c')];
  // a1 has 1 ready endpoint, b1 has 3 (one on the other port only: b1 passes the health check
  // for it but has 2 for http), b2 only a terminating one (fails), a2 and c1 none.
  const http = slice('web-1', [ep('10.0.0.1', 'a1', 'zone-a'), ep('10.0.1.1', 'b1', 'zone-b'), ep('10.0.1.2', 'b1', 'zone-b'), ep('10.0.1.9', 'b2', 'zone-b', { terminating: true })]);
  const admin = { ...slice('web-admin', [ep('10.0.1.3', 'b1', 'zone-b'), ep('10.0.4.1', 'c1', 'zone-c', { ready: false })]), ports: [{ name: 'admin', port: 9090, protocol: 'TCP' }] };
  const svc = lbService({ ports: [{ name: 'http', port: 80, nodePort: 30080 }, { name: 'admin', port: 9090, nodePort: 30090 }] });
  const input: SimulateInput = { service: svc, endpointSlices: [http, admin], nodes, flow: { via: 'loadBalancer', from: 'outside' }, port: 'http' };

  it('observed frequencies match share: the load balancer picks a healthy node evenly, kube-proxy an endpoint of it', () => {
    const r = simulateTraffic(input);
    const random = prng(0x1b);
    const prepared = prepareService(svc, [http, admin], { port: 'http' });
    const targets = nodes.filter((n) => healthy([http, admin], n.metadata!.name!));
    expect(targets.map((n) => n.metadata!.name)).toEqual(['a1', 'b1']);
    const hits = new Map<string, number>();
    let dropped = 0;
    for (let i = 0; i < N; i++) {
      const n = targets[Math.floor(random() * targets.length)]!;
      const sel = prepared.select({ name: n.metadata!.name!, labels: n.metadata!.labels! }, { via: 'loadBalancer', from: 'outside' });
      if (sel.kind !== 'proxied') throw new Error('not proxied');
      if (sel.action !== 'forward') {
        dropped++;
        continue;
      }
      const chosen = sel.endpoints[Math.floor(random() * sel.endpoints.length)]!;
      hits.set(chosen.key, (hits.get(chosen.key) ?? 0) + 1);
    }
    for (const e of r.endpoints) expectWithinSamplingError(hits.get(e.key) ?? 0, e.share);
    expectWithinSamplingError(dropped, r.droppedFraction);
    // And the arithmetic: a1's endpoint 1/2, b1's two http endpoints 1/4 each, nothing dropped.
    expect(r.endpoints.map((e) => [e.key, e.share])).toEqual([
      ['10.0.0.1:8080', 0.5],
      ['10.0.1.1:8080', 0.25],
      ['10.0.1.2:8080', 0.25],
      ['10.0.1.9:8080', 0],
    ]);
  });
});
