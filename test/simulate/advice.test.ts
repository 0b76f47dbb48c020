/**
 * Advice is computed, not generic: every suggestion is applied to the input, the controller and
 * the simulation re-run, and the warning must be gone; endpoint counts are minimal.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Advice, type ScenarioChange, type SimulateInput, type SimulationResult, applyScenarioChange, computeHints, simulateTraffic } from '../../src/index.js';
import { ep, lbService, node, service, slice } from './fixtures.js';

/** What the advice promises: apply the changes, let the controller reconcile, simulate. */
function applyAndRun(input: SimulateInput, changes: readonly ScenarioChange[]): SimulationResult {
  let next = input;
  for (const c of changes) next = applyScenarioChange(next, c);
  const hinted = computeHints({ service: next.service, endpointSlices: next.endpointSlices, nodes: next.nodes });
  return simulateTraffic({ ...next, endpointSlices: hinted.endpointSlices });
}

const codes = (r: SimulationResult) => r.warnings.map((w) => w.code);
const adviceOf = (r: SimulationResult, code: string): readonly Advice[] => {
  const w = r.warnings.find((x) => x.code === code);
  return w !== undefined && 'advice' in w ? (w.advice ?? []) : [];
};

// Three zones, two nodes each; endpoints 1 / 1 / 4; clients 60 / 30 / 10 (the README's example).
const nodes = ['a', 'b', 'c'].flatMap((z) => [node(`${z}1`, `zone-${z}`), node(`${z}2`, `zone-${z}`)]);
const endpoints = [ep('10.0.0.1', 'a1', 'zone-a'), ep('10.0.1.1', 'b1', 'zone-b'), ep('10.0.2.1', 'c1', 'zone-c'), ep('10.0.2.2', 'c1', 'zone-c'), ep('10.0.2.3', 'c2', 'zone-c'), ep('10.0.2.4', 'c2', 'zone-c')];
const base = (): SimulateInput => {
  const svc = service({ trafficDistribution: 'PreferClose' });
  const hinted = computeHints({ service: svc, endpointSlices: [slice('web-1', endpoints)], nodes });
  return { service: svc, endpointSlices: hinted.endpointSlices, nodes, clients: { byZone: { 'zone-a': 60, 'zone-b': 30, 'zone-c': 10 } } };
};

describe('advice on an overload (PreferClose, clients 60/30/10 over endpoints 1/1/4)', () => {
  const input = base();
  const r = simulateTraffic({ ...input, advise: true });
  const advice = adviceOf(r, 'endpoint-overloaded');

  it('gives the endpoints each zone needs, with the figures they lead to', () => {
    // zone-a's endpoint: 0.6 of all traffic, fair share 1/6: 3.6×. With a+3 and b+1 there are 10
    // endpoints (fair 1/10): zone-a's four get 0.6/4 = 0.15 = 1.5× and zone-b's two 0.3/2 = 1.5×,
    // zone-c's 0.1/4: none above 1.5×.
    const e = advice.find((a) => a.kind === 'endpoints');
    expect(e).toMatchObject({ kind: 'endpoints', perZone: [{ zone: 'zone-a', add: 3, total: 4 }, { zone: 'zone-b', add: 1, total: 2 }] });
    expect(e && 'result' in e ? e.result.maxOverload : 0).toBeCloseTo(1.5, 12);
    expect(e!.message).toMatch(/^add 3 endpoints in zone-a \(4 there\), 1 endpoint in zone-b \(2 there\)/);
  });

  it('every suggestion, applied and re-run, clears the warning with the figures it states', () => {
    expect(advice.length).toBeGreaterThanOrEqual(2);
    for (const a of advice) {
      if (a.kind === 'none') throw new Error(`unexpected: ${a.message}`);
      const after = applyAndRun(input, a.changes);
      expect(codes(after)).not.toContain('endpoint-overloaded');
      expect(after.mostOverloaded?.overload ?? 0).toBeCloseTo(a.result.maxOverload, 12);
      expect(after.crossZoneFraction).toBeCloseTo(a.result.crossZoneFraction, 12);
    }
    // Removing trafficDistribution spreads evenly: every endpoint at 1×, 2/3 … crossing zones.
    const unset = advice.find((a) => a.kind === 'setting' && a.changes[0]?.kind === 'trafficDistribution');
    expect(unset && 'result' in unset ? unset.result.maxOverload : 0).toBeCloseTo(1, 12);
  });

  it('one endpoint fewer in any zone brings the warning back', () => {
    const e = advice.find((a) => a.kind === 'endpoints');
    if (e === undefined || e.kind !== 'endpoints') throw new Error('no endpoint advice');
    for (const z of e.perZone) {
      const fewer = e.changes.map((c) => (c.kind === 'endpointsAdded' && c.zone === z.zone ? { ...c, count: c.count - 1 } : c));
      expect(codes(applyAndRun(input, fewer))).toContain('endpoint-overloaded');
    }
  });
});

describe('advice on drops', () => {
  it('internalTrafficPolicy: Local → Cluster removes the drop', () => {
    const input: SimulateInput = { service: service({ internalTrafficPolicy: 'Local' }), endpointSlices: [slice('web-1', endpoints)], nodes };
    const r = simulateTraffic({ ...input, advise: true });
    // a2, b2 drop (no local endpoint): 2 of 6 nodes = 1/3.
    expect(r.droppedFraction).toBeCloseTo(1 / 3, 12);
    const advice = adviceOf(r, 'traffic-dropped');
    expect(advice).toEqual([expect.objectContaining({ kind: 'setting', changes: [{ kind: 'internalTrafficPolicy', value: 'Cluster' }] })]);
    const after = applyAndRun(input, advice[0]!.kind === 'none' ? [] : advice[0]!.changes);
    expect(after.droppedFraction).toBe(0);
    expect(codes(after)).not.toContain('traffic-dropped');
  });

  it('an eTP Local NodePort from outside: externalTrafficPolicy: Cluster removes the drop', () => {
    const input: SimulateInput = { service: lbService(), endpointSlices: [slice('web-1', endpoints)], nodes, flow: { via: 'nodePort', from: 'outside' } };
    const r = simulateTraffic({ ...input, advise: true });
    const advice = adviceOf(r, 'traffic-dropped');
    expect(advice[0]).toMatchObject({ kind: 'setting', changes: [{ kind: 'externalTrafficPolicy', value: 'Cluster' }] });
    expect(codes(applyAndRun(input, advice[0]!.kind === 'none' ? [] : advice[0]!.changes))).not.toContain('traffic-dropped');
  });
});

describe('advice that is not there', () => {
  it('says when no change clears the warning', () => {
    // Threshold 0.5×: an endpoint at even load is already at 1×, so nothing can clear it.
    const input: SimulateInput = { service: service(), endpointSlices: [slice('web-1', endpoints)], nodes, thresholds: { overload: 0.5 } };
    const advice = adviceOf(simulateTraffic({ ...input, advise: true }), 'endpoint-overloaded');
    expect(advice).toEqual([expect.objectContaining({ kind: 'none' })]);
    expect(advice[0]!.message).toMatch(/^no change found/);
  });

  it('says when the controller alone clears it (stale hints today)', () => {
    // b1 (in zone-b) is hinted for zone-a: zone-a's clients (1/3) use a1 and b1, zone-b's (2/3)
    // only b2, which gets 2/3 against a fair share of 1/3: 2×. Reconciled (each endpoint hinted for
    // its own zone), a1 gets 1/3 and b1, b2 1/3 each: 1×.
    const stale = [slice('web-1', [ep('10.0.0.1', 'a1', 'zone-a', { hint: 'zone-a' }), ep('10.0.1.1', 'b1', 'zone-b', { hint: 'zone-a' }), ep('10.0.1.2', 'b2', 'zone-b', { hint: 'zone-b' })])];
    const r = simulateTraffic({ service: service({ trafficDistribution: 'PreferClose' }), endpointSlices: stale, nodes: nodes.slice(0, 4), clients: { byZone: { 'zone-a': 1, 'zone-b': 2 } }, advise: true });
    expect(r.mostOverloaded).toMatchObject({ key: '10.0.1.2:8080', overload: 2 });
    expect(adviceOf(r, 'endpoint-overloaded')).toEqual([expect.objectContaining({ kind: 'reconcile', changes: [] })]);
  });
});

describe('property: suggested endpoint counts are minimal', () => {
  it('on random clusters, the endpoint advice clears the overload and one fewer in any zone brings it back', () => {
    const zones = ['zone-a', 'zone-b', 'zone-c'];
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 2, maxLength: 3 }),
        fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 3, maxLength: 3 }),
        (perZone, weights) => {
          const used = zones.slice(0, perZone.length);
          const ns = used.flatMap((z) => [node(`${z}-n1`, z), node(`${z}-n2`, z)]);
          const eps = used.flatMap((z, i) => Array.from({ length: perZone[i]! }, (_, k) => ep(`10.${i}.0.${k + 1}`, `${z}-n${(k % 2) + 1}`, z)));
          const svc = service({ trafficDistribution: 'PreferClose' });
          const hinted = computeHints({ service: svc, endpointSlices: [slice('web-1', eps)], nodes: ns }).endpointSlices;
          const byZone = Object.fromEntries(used.map((z, i) => [z, weights[i]!]));
          if (Object.values(byZone).every((w) => w === 0)) return;
          const input: SimulateInput = { service: svc, endpointSlices: hinted, nodes: ns, clients: { byZone } };
          const e = adviceOf(simulateTraffic({ ...input, advise: true }), 'endpoint-overloaded').find((a) => a.kind === 'endpoints');
          if (e === undefined || e.kind !== 'endpoints') return;
          expect(codes(applyAndRun(input, e.changes))).not.toContain('endpoint-overloaded');
          for (const z of e.perZone) {
            const fewer = e.changes.map((c) => (c.kind === 'endpointsAdded' && c.zone === z.zone ? { ...c, count: c.count - 1 } : c));
            expect(codes(applyAndRun(input, fewer))).toContain('endpoint-overloaded');
          }
        },
      ),
      { numRuns: 30, seed: 14 },
    );
  });
});

describe('advice reads the input as the controller does', () => {
  const problems = (f: () => unknown): string[] => {
    try {
      f();
    } catch (e) {
      if (e instanceof Error && 'problems' in e) return (e.problems as { message: string }[]).map((p) => p.message);
      throw e;
    }
    return [];
  };

  it('what computeHints refuses, simulateTraffic with advise refuses with the same problems (as compareScenarios does), warnings or not', () => {
    const input = base();
    const badSelector = { ...input, service: { ...input.service, spec: { ...input.service.spec, selector: 'app=web' } } } as never as SimulateInput;
    const want = problems(() => computeHints({ service: badSelector.service, endpointSlices: badSelector.endpointSlices, nodes: badSelector.nodes }));
    expect(want).toEqual(['$.service.spec.selector: expected an object, found string "app=web"']);
    // With an overload (advice is computed) and without one (clients spread evenly).
    expect(problems(() => simulateTraffic({ ...badSelector, advise: true }))).toEqual(want);
    const calm = { ...badSelector, clients: { byZone: { 'zone-a': 1, 'zone-b': 1, 'zone-c': 4 } } };
    expect(codes(simulateTraffic(calm))).not.toContain('endpoint-overloaded');
    expect(problems(() => simulateTraffic({ ...calm, advise: true }))).toEqual(want);
    // Without advise the controller is not asked, and the simulator does not read the selector.
    expect(problems(() => simulateTraffic(badSelector))).toEqual([]);
  });
});
