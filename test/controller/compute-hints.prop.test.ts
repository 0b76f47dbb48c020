/**
 * fast-check properties of computeHints. Runs are kept modest (the whole controller suite stays
 * well under 30 s).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeHints, type AutoOutcome } from '../../src/index.js';
import type { EndpointInput, EndpointSliceInput, NamedHintInput, NodeInput } from '../../src/model/input.js';
import { AUTO, deepFreeze, node, service, slice } from './helpers.js';

const RUNS = { numRuns: 300 };
const ZONES = ['zone-a', 'zone-b', 'zone-c', 'zone-d'];

const hintsArb = fc.option(
  fc.record(
    {
      forZones: fc.array(fc.record({ name: fc.constantFrom(...ZONES, 'zone-x') }), { maxLength: 2 }),
      forNodes: fc.array(fc.record({ name: fc.constantFrom('n0', 'n1', 'n2') }), { maxLength: 2 }),
    },
    { requiredKeys: [] },
  ),
  { nil: undefined },
);

function endpointArb(zones: fc.Arbitrary<string | undefined>, withHints: boolean): fc.Arbitrary<Omit<EndpointInput, 'addresses'>> {
  return fc
    .record({
      ready: fc.constantFrom<boolean | undefined>(true, true, true, false, undefined),
      zone: zones,
      nodeName: fc.option(fc.constantFrom('n0', 'n1', 'n2', 'n3'), { nil: undefined }),
      hints: withHints ? hintsArb : fc.constant(undefined),
    })
    .map(({ ready, zone, nodeName, hints }) => ({
      conditions: ready === undefined ? {} : { ready },
      ...(zone === undefined ? {} : { zone }),
      ...(nodeName === undefined ? {} : { nodeName }),
      ...(hints === undefined ? {} : { hints }),
    }));
}

/** Slices of svc with unique addresses 10.0.<slice>.<endpoint>. */
function slicesArb(zones: fc.Arbitrary<string | undefined>, withHints = true): fc.Arbitrary<EndpointSliceInput[]> {
  return fc
    .array(fc.array(endpointArb(zones, withHints), { maxLength: 12 }), { maxLength: 4 })
    .map((lists) => lists.map((eps, s) => slice(`s${s}`, eps.map((e, i) => ({ addresses: [`10.0.${s}.${i}`], ...e })))));
}

const nodesArb: fc.Arbitrary<NodeInput[]> = fc
  .array(
    fc.record({
      zone: fc.constantFrom(...ZONES.slice(0, 3)),
      cpu: fc.constantFrom('1', '2', '500m', '1500m', '4', '0.25'),
      ready: fc.constantFrom('True', 'True', 'True', 'False'),
    }),
    { minLength: 1, maxLength: 8 },
  )
  .map((ns) => ns.map((n, i) => node(`node-${i}`, n.zone, n.cpu, { ready: n.ready })));

const anyZone = fc.constantFrom<string | undefined>(...ZONES, '', undefined);
/** Zones that the generated nodes can have, so the Auto path often succeeds. */
const nodeZone = fc.constantFrom<string | undefined>(...ZONES.slice(0, 3));

function names(list: readonly NamedHintInput[] | null | undefined): string[] {
  return (list ?? []).map((x) => x.name ?? '');
}

function readyEndpoints(slices: readonly EndpointSliceInput[]): EndpointInput[] {
  return slices.flatMap((s) => (s.endpoints ?? []).filter((e) => e.conditions?.ready === true));
}

function hintsView(slices: readonly EndpointSliceInput[]): unknown {
  return slices.map((s) => (s.endpoints ?? []).map((e) => (e.hints == null ? null : [names(e.hints.forZones), names(e.hints.forNodes)])));
}

function zoneCounts(slices: readonly EndpointSliceInput[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const e of readyEndpoints(slices)) for (const z of names(e.hints?.forZones)) counts[z] = (counts[z] ?? 0) + 1;
  return counts;
}

describe('computeHints properties', () => {
  it('PreferClose / PreferSameZone: every ready endpoint is hinted for exactly its own zone, never a node', () => {
    fc.assert(
      fc.property(fc.constantFrom('PreferClose', 'PreferSameZone'), slicesArb(anyZone), (td, slices) => {
        const { endpointSlices } = computeHints({ service: service({ trafficDistribution: td }), endpointSlices: slices });
        for (const e of readyEndpoints(endpointSlices)) {
          expect(names(e.hints?.forZones)).toEqual(e.zone == null ? [] : [e.zone]);
          expect(names(e.hints?.forNodes)).toEqual([]);
        }
      }),
      RUNS,
    );
  });

  it('PreferSameNode: every ready endpoint is hinted for its own zone and its own node', () => {
    fc.assert(
      fc.property(slicesArb(anyZone), (slices) => {
        const { endpointSlices } = computeHints({ service: service({ trafficDistribution: 'PreferSameNode' }), endpointSlices: slices });
        for (const e of readyEndpoints(endpointSlices)) {
          expect(names(e.hints?.forZones)).toEqual(e.zone == null ? [] : [e.zone]);
          expect(names(e.hints?.forNodes)).toEqual(e.nodeName == null ? [] : [e.nodeName]);
        }
      }),
      RUNS,
    );
  });

  it('Auto: either no endpoint keeps a hint, or every ready endpoint has one and no zone ends over its maximum', () => {
    fc.assert(
      fc.property(slicesArb(nodeZone, false), nodesArb, (slices, nodes) => {
        const { endpointSlices, outcome } = computeHints({ service: service({ annotations: AUTO }), endpointSlices: slices, nodes });
        const auto = outcome.byAddressType[0] as AutoOutcome;
        if (auto.cause !== 'hints-allocated') {
          expect(endpointSlices.flatMap((s) => s.endpoints ?? []).every((e) => e.hints == null)).toBe(true);
          expect(outcome.reason).toBe('TopologyAwareHintsDisabled');
          return;
        }
        expect(outcome.reason).toBe('TopologyAwareHintsEnabled');
        for (const e of readyEndpoints(endpointSlices)) expect(names(e.hints?.forZones)).toHaveLength(1);
        // Endpoints in a zone without a counted node keep their own-zone hint and never move
        // (controller-semantics 3.6.1), so other zones may then stay under their minimum.
        fc.pre(readyEndpoints(endpointSlices).every((e) => auto.allocations.some((a) => a.zone === e.zone)));
        // When a zone's target exceeds its maximum (Σ minimum = N), redistribution can stop with
        // that zone over its maximum; upstream does the same (see compute-hints.test.ts). The
        // minimum is not asserted: the 0.5 stop rule (3.6.2) can leave a zone one under it.
        fc.pre(auto.allocations.every((a) => a.target <= a.maximum!));
        const counts = zoneCounts(endpointSlices);
        for (const a of auto.allocations) {
          expect(counts[a.zone] ?? 0).toBe(a.assigned);
          expect(a.assigned).toBeLessThanOrEqual(a.maximum!);
        }
      }),
      RUNS,
    );
  });

  it('Auto with arbitrary existing hints: all-or-nothing still holds', () => {
    fc.assert(
      fc.property(slicesArb(nodeZone), nodesArb, (slices, nodes) => {
        const { endpointSlices, outcome } = computeHints({ service: service({ annotations: AUTO }), endpointSlices: slices, nodes });
        const all = endpointSlices.flatMap((s) => s.endpoints ?? []);
        if (outcome.cause !== 'hints-allocated') expect(all.every((e) => e.hints == null)).toBe(true);
        else for (const e of readyEndpoints(endpointSlices)) expect(names(e.hints?.forZones).length).toBeGreaterThan(0);
      }),
      RUNS,
    );
  });

  it('the Auto annotation always wins over trafficDistribution', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('PreferClose', 'PreferSameZone', 'PreferSameNode', 'Unknown'),
        fc.constantFrom('topology-mode', 'topology-aware-hints'),
        fc.constantFrom('Auto', 'auto'),
        slicesArb(nodeZone),
        nodesArb,
        (td, key, value, slices, nodes) => {
          const annotations = { [`service.kubernetes.io/${key}`]: value };
          const withTd = computeHints({ service: service({ annotations, trafficDistribution: td }), endpointSlices: slices, nodes });
          const without = computeHints({ service: service({ annotations }), endpointSlices: slices, nodes });
          expect(withTd.outcome.path).toBe('topology-auto');
          expect(hintsView(withTd.endpointSlices)).toEqual(hintsView(without.endpointSlices));
        },
      ),
      RUNS,
    );
  });

  it('is idempotent: reconciling the output again changes nothing', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<Record<string, string>>({ trafficDistribution: 'PreferClose' }, { trafficDistribution: 'PreferSameNode' }, {}, { annotations: 'auto' }),
        slicesArb(anyZone),
        nodesArb,
        (svc, slices, nodes) => {
          const s = svc['annotations'] ? service({ annotations: AUTO }) : service(svc);
          const first = computeHints({ service: s, endpointSlices: slices, nodes });
          const second = computeHints({ service: s, endpointSlices: first.endpointSlices, nodes });
          expect(hintsView(second.endpointSlices)).toEqual(hintsView(first.endpointSlices));
          // Upstream quirk: an Auto slice whose endpoint sits in a zone without a counted node
          // carries a hint for an unallocated zone, so 3.4.1 rejects and rewrites it on every
          // reconcile (same hints); so is one that pushed a zone over its maximum (see
          // compute-hints.test.ts). Everywhere else the second pass writes nothing.
          const auto = second.outcome.byAddressType[0];
          const churn =
            auto?.path === 'topology-auto' &&
            (readyEndpoints(first.endpointSlices).some((e) => !auto.allocations.some((a) => a.zone === e.zone)) ||
              auto.allocations.some((a) => a.assigned > a.maximum!));
          if (!churn) expect(second.outcome.byAddressType.flatMap((o) => o.rewrittenSlices)).toEqual([]);
        },
      ),
      RUNS,
    );
  });

  it('node order does not change the zone counts', () => {
    fc.assert(
      fc.property(
        slicesArb(nodeZone, false),
        nodesArb.chain((ns) => fc.tuple(fc.constant(ns), fc.shuffledSubarray(ns, { minLength: ns.length, maxLength: ns.length }))),
        (slices, [nodes, shuffled]) => {
          const a = computeHints({ service: service({ annotations: AUTO }), endpointSlices: slices, nodes });
          const b = computeHints({ service: service({ annotations: AUTO }), endpointSlices: slices, nodes: shuffled });
          expect(zoneCounts(b.endpointSlices)).toEqual(zoneCounts(a.endpointSlices));
          expect(b.outcome.byAddressType).toEqual(a.outcome.byAddressType);
        },
      ),
      RUNS,
    );
  });

  it('never mutates deep-frozen input', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<Record<string, string>>({ trafficDistribution: 'PreferSameNode' }, {}, { annotations: 'auto' }),
        slicesArb(anyZone),
        nodesArb,
        (svc, slices, nodes) => {
          const input = { service: svc['annotations'] ? service({ annotations: AUTO }) : service(svc), endpointSlices: slices, nodes };
          const before = structuredClone(input);
          deepFreeze(input);
          const result = computeHints(input);
          expect(input).toEqual(before);
          // changed objects are new; unchanged ones are shared
          result.endpointSlices.forEach((s, i) => {
            if (s !== input.endpointSlices[i]) expect(Object.isFrozen(s)).toBe(false);
          });
        },
      ),
      RUNS,
    );
  });
});
