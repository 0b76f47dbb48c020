/**
 * Properties of every profile on random inputs: answers come from the input, do not depend on
 * the order of slices or endpoints (first on inputs without a duplicate IP:port or a Pod listed
 * twice; then with copies, where only equal copies must be order-free for every profile, because
 * A3 and Calico's kube-proxy ingestion keep a copy by position and Linkerd keeps the last copy of
 * an address or a Pod), the input is never mutated, and where the spec says a profile coincides
 * with kube-proxy, it does.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type CategorizeInput, KubeTrafficError, PROFILES, type ProfileCategorized, categorizeEndpoints } from '../../src/index.js';
import { profileInputArb, shuffled } from './arbitraries.js';

const RUNS = { numRuns: 300 } as const;
const OTHERS = PROFILES.filter((p) => p.name !== 'kube-proxy').map((p) => p.name);
const keys = (l: readonly { key: string }[] | null): string[] | null => (l === null ? null : l.map((e) => e.key).sort());

/** The profile's answer, or `null` where its pinned source does not settle the input (never another error). */
function answer(input: Record<string, unknown>, profile: unknown): ProfileCategorized | null {
  try {
    return categorizeEndpoints({ ...input, profile } as never) as unknown as ProfileCategorized;
  } catch (e) {
    expect(e).toBeInstanceOf(KubeTrafficError);
    expect((e as KubeTrafficError).code).toBe('profile-not-pinned');
    return null;
  }
}

function inputKeys(input: Record<string, unknown>): Set<string> {
  const out = new Set<string>();
  for (const s of input['endpointSlices'] as { ports: { port: number }[]; endpoints: { addresses: string[] }[] }[]) {
    for (const e of s.endpoints) for (const a of e.addresses) for (const p of s.ports) out.add(`${a}:${p.port}`);
  }
  return out;
}

describe('every profile', () => {
  for (const name of OTHERS) {
    const profile = name === 'cilium' ? { name, options: { 'enable-service-topology': true } } : name;
    // Envoy Gateway refuses zone-aware Services and unnamed slice ports (not pinned): draw inputs it answers.
    const arb = () => profileInputArb({ gatewaySafe: name === 'envoy-gateway' });
    it(`${name}: every endpoint returned comes from the input, and tiers partition healthy endpoints without repeats`, () => {
      let answered = 0;
      fc.assert(
        fc.property(arb(), (input) => {
          const r = answer(input, profile);
          if (r === null) return;
          answered++;
          const valid = inputKeys(input);
          for (const e of [...(r.clusterEndpoints ?? []), ...(r.localEndpoints ?? []), ...(r.tiers ?? []).flat()]) expect(valid.has(e.key)).toBe(true);
          if (r.tiers !== null) {
            const flat = r.tiers.flat().map((e) => e.key);
            expect(new Set(flat).size).toBe(flat.length);
            for (const t of r.tiers) expect(t.length).toBeGreaterThan(0);
            // The receiving set is a union of leading tiers.
            const chosen = keys(r.clusterEndpoints ?? r.localEndpoints)!;
            expect(chosen.every((k) => flat.includes(k))).toBe(true);
          }
        }),
        RUNS,
      );
      // The properties must be about answers, not refusals.
      expect(answered).toBeGreaterThan(RUNS.numRuns / 4);
    });

    it(`${name}: the answer does not depend on slice or endpoint order, and the input is not mutated`, () => {
      fc.assert(
        fc.property(arb(), fc.integer({ min: 1, max: 1 << 30 }), (input, seed) => {
          const before = JSON.stringify(input);
          const a = answer(input, profile);
          expect(JSON.stringify(input)).toBe(before);
          const b = answer(shuffled(input, seed), profile);
          expect(b === null).toBe(a === null);
          if (a === null || b === null) return;
          expect(keys(b.clusterEndpoints)).toEqual(keys(a.clusterEndpoints));
          expect(keys(b.localEndpoints)).toEqual(keys(a.localEndpoints));
          expect(b.tiers?.map(keys) ?? null).toEqual(a.tiers?.map(keys) ?? null);
        }),
        RUNS,
      );
    });
  }
});

describe('with copies of one IP:port in several slices', () => {
  const DUP_RUNS = { numRuns: 150 } as const;
  // Which copy the data plane keeps depends on the order it reads them for Antrea (A3) and Calico
  // (kube-proxy 1.35's duplicate rule), and Linkerd keeps the last copy of an address; Cilium, Istio
  // and Envoy Gateway merge equal copies and refuse differing ones, so their answer has no order.
  const ORDER_FREE = new Set(['cilium', 'istio', 'envoy-gateway']);
  for (const name of OTHERS) {
    const profile = name === 'cilium' ? { name, options: { 'enable-service-topology': true } } : name;
    const gatewaySafe = name === 'envoy-gateway';
    it(`${name}: every endpoint returned comes from the input, and equal copies are one endpoint whatever the order`, () => {
      fc.assert(
        fc.property(profileInputArb({ gatewaySafe, duplicates: 'identical' }), fc.integer({ min: 1, max: 1 << 30 }), (input, seed) => {
          const a = answer(input, profile);
          const b = answer(shuffled(input, seed), profile);
          expect(b === null).toBe(a === null);
          if (a === null || b === null) return;
          const valid = inputKeys(input);
          for (const e of [...(a.clusterEndpoints ?? []), ...(a.localEndpoints ?? [])]) expect(valid.has(e.key)).toBe(true);
          for (const l of [a.clusterEndpoints, a.localEndpoints]) if (l !== null) expect(new Set(l.map((e) => e.key)).size).toBe(l.length);
          expect(keys(b.clusterEndpoints)).toEqual(keys(a.clusterEndpoints));
          expect(keys(b.localEndpoints)).toEqual(keys(a.localEndpoints));
          expect(b.tiers?.map(keys) ?? null).toEqual(a.tiers?.map(keys) ?? null);
        }),
        DUP_RUNS,
      );
    });

    it(`${name}: differing copies give an answer from the input or a refusal${ORDER_FREE.has(name) ? ', the same in any order' : ''}`, () => {
      fc.assert(
        fc.property(profileInputArb({ gatewaySafe, duplicates: 'differing' }), fc.integer({ min: 1, max: 1 << 30 }), (input, seed) => {
          const a = answer(input, profile);
          const b = answer(shuffled(input, seed), profile);
          const valid = inputKeys(input);
          for (const r of [a, b]) for (const e of [...(r?.clusterEndpoints ?? []), ...(r?.localEndpoints ?? [])]) expect(valid.has(e.key)).toBe(true);
          if (!ORDER_FREE.has(name)) return;
          expect(b === null).toBe(a === null);
          if (a === null || b === null) return;
          expect(keys(b.clusterEndpoints)).toEqual(keys(a.clusterEndpoints));
          expect(keys(b.localEndpoints)).toEqual(keys(a.localEndpoints));
        }),
        DUP_RUNS,
      );
    });
  }
});

describe('where the spec says a profile coincides with kube-proxy', () => {
  it('Antrea with its node-hint gate on, no duplicates and no DSR gives kube-proxy\'s lists (A1)', () => {
    fc.assert(
      fc.property(profileInputArb(), (input) => {
        const kp = categorizeEndpoints(input as unknown as CategorizeInput);
        const an = answer(input, { name: 'antrea', gates: { PreferSameTrafficDistribution: true } });
        if (kp.kind !== 'proxied') return;
        expect(an).not.toBeNull();
        expect(keys(an!.clusterEndpoints)).toEqual(keys(kp.clusterEndpoints));
        expect(keys(an!.localEndpoints)).toEqual(keys(kp.localEndpoints));
      }),
      RUNS,
    );
  });

  it('Antrea with default gates equals kube-proxy whenever no slice carries node hints (A2 is the only difference)', () => {
    fc.assert(
      fc.property(profileInputArb(), (input) => {
        const slices = input['endpointSlices'] as { endpoints: { hints?: { forNodes?: unknown } }[] }[];
        fc.pre(slices.every((s) => s.endpoints.every((e) => e.hints?.forNodes === undefined)));
        const kp = categorizeEndpoints(input as unknown as CategorizeInput);
        const an = answer(input, 'antrea');
        if (kp.kind !== 'proxied') return;
        expect(keys(an!.clusterEndpoints)).toEqual(keys(kp.clusterEndpoints));
        expect(keys(an!.localEndpoints)).toEqual(keys(kp.localEndpoints));
      }),
      RUNS,
    );
  });

  it('Linkerd, for ready Pod-backed single-address endpoints without node hints and iTP Cluster, picks kube-proxy\'s Cluster list (L3 is kube-proxy\'s zone rule)', () => {
    fc.assert(
      fc.property(profileInputArb({ plain: true, clusterOnly: true }), (input) => {
        const kp = categorizeEndpoints(input as unknown as CategorizeInput);
        const li = answer(input, 'linkerd');
        if (kp.kind !== 'proxied') return;
        expect(keys(li!.clusterEndpoints)).toEqual(keys(kp.clusterEndpoints));
        expect(li!.localEndpoints).toBeNull();
      }),
      RUNS,
    );
  });

  it('Cilium with its default (topology off) and Envoy Gateway without a distribution both send to every ready, non-terminating endpoint of plain inputs', () => {
    fc.assert(
      fc.property(profileInputArb({ plain: true, clusterOnly: true }), (input) => {
        const svc = input['service'] as { spec: Record<string, unknown>; metadata: Record<string, unknown> };
        const all = [...inputKeys(input)].sort();
        expect(keys(answer(input, 'cilium')!.clusterEndpoints)).toEqual(all);
        if (svc.spec['trafficDistribution'] === undefined && (svc.metadata['annotations'] as Record<string, string> | undefined)?.['service.kubernetes.io/topology-mode']?.toLowerCase() !== 'auto') {
          expect(keys(answer(input, 'envoy-gateway')!.clusterEndpoints)).toEqual(all);
        }
      }),
      RUNS,
    );
  });
});
