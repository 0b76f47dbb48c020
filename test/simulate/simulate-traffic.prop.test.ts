/**
 * Properties of simulateTraffic on generated clusters, and a naive per-node evaluation through
 * the public `prepareService().select` that the class aggregation must agree with.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type SimulateInput, type SimulationResult, prepareService, simulateTraffic } from '../../src/index.js';
import { clusterArb } from './arbitraries.js';
import { ZONE } from './fixtures.js';

const RUNS = { numRuns: 300 } as const;
const EPS = 1e-9;

interface NaiveNode {
  name: string;
  zone: string;
  schedulable: boolean;
  labels: Record<string, string>;
}

function nodesOf(input: SimulateInput): NaiveNode[] {
  return (input.nodes as readonly { metadata: { name: string; labels: Record<string, string> }; spec?: { unschedulable?: boolean } }[]).map((n) => ({
    name: n.metadata.name,
    zone: n.metadata.labels[ZONE] ?? '',
    schedulable: n.spec?.unschedulable !== true,
    labels: n.metadata.labels,
  }));
}

/** Client weight per node, written from the documented rules, independently of src/simulate. */
function naiveWeights(input: SimulateInput, nodes: NaiveNode[]): number[] {
  const c = input.clients as { byZone?: Record<string, number>; byNode?: Record<string, number> } | undefined;
  if (c === undefined) return nodes.map((n) => (n.schedulable ? 1 : 0));
  if (c.byNode !== undefined) return nodes.map((n) => c.byNode![n.name] ?? 0);
  const w = nodes.map(() => 0);
  for (const [zone, weight] of Object.entries(c.byZone!)) {
    const targets = nodes.flatMap((n, i) => (n.schedulable && n.zone === zone ? [i] : []));
    for (const i of targets) w[i]! += weight / targets.length;
  }
  return w;
}

/** Evaluates every client node one by one through the public API. */
function naive(input: SimulateInput) {
  const nodes = nodesOf(input);
  const weights = naiveWeights(input, nodes);
  const total = weights.reduce((a, b) => a + b, 0);
  const prepared = prepareService(input.service, input.endpointSlices, input.kubernetesVersion ? { kubernetesVersion: input.kubernetesVersion } : {});
  const nodeZone = new Map(nodes.map((n) => [n.name, n.zone]));
  const shares = new Map<string, number>();
  const fractions = { forward: 0, drop: 0, reject: 0, 'not-handled': 0 };
  let cross = 0;
  let inZone = 0;
  let unknown = 0;
  nodes.forEach((n, i) => {
    const w = weights[i]!;
    if (w <= 0) return;
    const r = prepared.select({ name: n.name, labels: n.labels });
    if (r.kind !== 'proxied') throw new Error('not proxied');
    fractions[r.action] += w / total;
    for (const e of r.endpoints) {
      const f = w / total / r.endpoints.length;
      shares.set(e.key, (shares.get(e.key) ?? 0) + f);
      const z = e.zone || (e.nodeName === null ? '' : (nodeZone.get(e.nodeName) ?? ''));
      if (z === '' || n.zone === '') unknown += f;
      else if (z === n.zone) inZone += f;
      else cross += f;
    }
  });
  return { total, shares, fractions, cross, inZone, unknown };
}

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
const shareOf = (r: SimulationResult) => new Map(r.endpoints.map((e) => [e.key, e.share]));

describe('simulateTraffic properties', () => {
  it('shares sum to the forwarded fraction; forwarded + dropped + rejected = 1', () => {
    fc.assert(
      fc.property(clusterArb(), (input) => {
        const r = simulateTraffic(input);
        expect(sum(r.endpoints.map((e) => e.share))).toBeCloseTo(r.forwardedFraction, 9);
        expect(r.inZoneFraction + r.crossZoneFraction + r.unknownZoneFraction).toBeCloseTo(r.forwardedFraction, 9);
        expect(sum(r.zoneMatrix.fractions.flat())).toBeCloseTo(r.forwardedFraction, 9);
        if (r.totalWeight > 0) expect(r.forwardedFraction + r.droppedFraction + r.rejectedFraction).toBeCloseTo(1, 9);
        expect(sum(r.classes.map((c) => c.weight))).toBeCloseTo(r.totalWeight > 0 ? 1 : 0, 9);
      }),
      RUNS,
    );
  });

  it('without topology hints and Local policy every serving endpoint gets the same share', () => {
    fc.assert(
      fc.property(clusterArb({ hints: 'none', local: false, version: 'master' }), (input) => {
        const r = simulateTraffic(input);
        for (const e of r.endpoints) {
          expect(e.share).toBeCloseTo(e.serving ? r.forwardedFraction / r.servingEndpoints : 0, 9);
          if (e.serving && r.forwardedFraction > 0) expect(e.overload).toBeCloseTo(1, 9);
        }
      }),
      RUNS,
    );
  });

  it('with PreferClose hints and a ready endpoint in every client zone, nothing crosses zones', () => {
    fc.assert(
      fc.property(clusterArb({ hints: 'own-zone', local: false, zoned: true, allReady: true, version: 'master' }), (input) => {
        const r = simulateTraffic(input);
        const endpointZones = new Set(r.endpoints.map((e) => e.zone));
        fc.pre(r.classes.every((c) => endpointZones.has(c.zone)) && r.forwardedFraction > 0);
        expect(r.crossZoneFraction).toBe(0);
        expect(r.inZoneFraction).toBeCloseTo(1, 9);
        expect(r.warnings.filter((w) => w.code === 'zone-without-endpoints')).toEqual([]);
      }),
      RUNS,
    );
  });

  it('aggregating by client class gives the numbers of evaluating every node one by one', () => {
    fc.assert(
      fc.property(clusterArb(), (input) => {
        const r = simulateTraffic(input);
        const n = naive(input);
        expect(r.totalWeight).toBeCloseTo(n.total, 9);
        const got = shareOf(r);
        for (const [key, share] of n.shares) expect(got.get(key)).toBeCloseTo(share, 9);
        for (const [key, share] of got) if (!n.shares.has(key)) expect(share).toBe(0);
        expect(r.forwardedFraction).toBeCloseTo(n.fractions.forward, 9);
        expect(r.droppedFraction).toBeCloseTo(n.fractions.drop, 9);
        expect(r.rejectedFraction).toBeCloseTo(n.fractions.reject, 9);
        expect(r.crossZoneFraction).toBeCloseTo(n.cross, 9);
        expect(r.inZoneFraction).toBeCloseTo(n.inZone, 9);
        expect(r.unknownZoneFraction).toBeCloseTo(n.unknown, 9);
        expect(Math.abs(sum(r.endpoints.map((e) => e.share)) - sum([...n.shares.values()]))).toBeLessThan(EPS);
      }),
      RUNS,
    );
  });

  it('is deterministic and does not mutate its input', () => {
    fc.assert(
      fc.property(clusterArb(), (input) => {
        const before = JSON.stringify(input);
        const a = simulateTraffic(input);
        const b = simulateTraffic(input);
        expect(JSON.stringify(a)).toBe(JSON.stringify(b));
        expect(JSON.stringify(input)).toBe(before);
      }),
      { numRuns: 100 },
    );
  });
});
