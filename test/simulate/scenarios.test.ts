/**
 * compareScenarios and the what-if changes on the hand-checked 3-zone cluster: nodes 2/2/4,
 * endpoints 1/1/4, clients 60/30/10 %, no hints and no trafficDistribution in the base.
 */
import { describe, expect, it } from 'vitest';
import { KubeTrafficError, type ScenarioChange, type SimulateInput, applyScenarioChange, compareScenarios } from '../../src/index.js';
import { deepFreeze } from '../helpers.js';
import { ep, node, service, slice } from './fixtures.js';

const close = (x: number) => expect.closeTo(x, 12);

function base(): SimulateInput {
  return deepFreeze({
    service: service(),
    nodes: [
      node('a1', 'zone-a'), node('a2', 'zone-a'),
      node('b1', 'zone-b'), node('b2', 'zone-b'),
      node('c1', 'zone-c'), node('c2', 'zone-c'), node('c3', 'zone-c'), node('c4', 'zone-c'),
    ],
    endpointSlices: [
      slice('web-1', [
        ep('10.0.0.1', 'a1', 'zone-a'),
        ep('10.0.1.1', 'b1', 'zone-b'),
        ep('10.0.2.1', 'c1', 'zone-c'),
        ep('10.0.2.2', 'c2', 'zone-c'),
        ep('10.0.2.3', 'c3', 'zone-c'),
        ep('10.0.2.4', 'c4', 'zone-c'),
      ]),
    ],
    clients: { byZone: { 'zone-a': 60, 'zone-b': 30, 'zone-c': 10 } },
  });
}

const PREFER_CLOSE: ScenarioChange = { kind: 'trafficDistribution', value: 'PreferClose' };
const shares = (r: { simulation: { endpoints: readonly { share: number }[] } }) => r.simulation.endpoints.map((e) => e.share);

describe('Service changes', () => {
  const { baseline, scenarios } = compareScenarios(base(), [
    PREFER_CLOSE,
    { kind: 'topologyAuto' },
    { kind: 'internalTrafficPolicy', value: 'Local' },
  ]);

  it('baseline: no hints (trafficDistribution unset), even spread 1/6', () => {
    expect(baseline.label).toBe('baseline');
    expect([baseline.hints.path, baseline.hints.cause]).toEqual(['none', 'traffic-distribution-unset']);
    expect(shares(baseline)).toEqual(Array(6).fill(close(1 / 6)));
  });

  it('PreferClose: hints written, the zone-a endpoint gets 60 %', () => {
    const s = scenarios[0]!;
    expect(s.label).toBe('trafficDistribution: PreferClose');
    expect([s.hints.path, s.hints.cause, s.hints.reason]).toEqual(['traffic-distribution', 'traffic-distribution-applied', null]);
    // Every zone has its own endpoint: 0.6, 0.3, then 0.1 / 4 for each zone-c endpoint.
    expect(shares(s)).toEqual([close(0.6), close(0.3), close(0.025), close(0.025), close(0.025), close(0.025)]);
    expect(s.simulation.crossZoneFraction).toBe(0);
  });

  it('topology-mode Auto: the safeguard refuses and says why', () => {
    const s = scenarios[1]!;
    // CPU 8/8/16 → ratios 1/4, 1/4, 1/2 of N = 6: desired 1.5, 1.5, 3; minimum ceil(desired / 1.2)
    // = 2, 2, 3 → 7 > 6 endpoints: hints are removed and the spread stays even.
    expect([s.hints.path, s.hints.cause, s.hints.reason]).toEqual(['topology-auto', 'minimum-exceeds-endpoints', 'TopologyAwareHintsDisabled']);
    expect(shares(s)).toEqual(Array(6).fill(close(1 / 6)));
    expect(s.warnings).toEqual([expect.objectContaining({ code: 'hints-not-written', cause: 'minimum-exceeds-endpoints' })]);
  });

  it('internalTrafficPolicy Local: nodes without a local endpoint drop', () => {
    const s = scenarios[2]!;
    // zone-a: a1 0.3 forward, a2 0.3 drop; zone-b: b1 0.15 forward, b2 0.15 drop; zone-c: 4 × 0.025 forward.
    expect(s.simulation.droppedFraction).toBeCloseTo(0.45, 12);
    expect(s.simulation.droppedNodes).toEqual(['a2', 'b2']);
    expect(shares(s)).toEqual([close(0.3), close(0.15), close(0.025), close(0.025), close(0.025), close(0.025)]);
    expect(s.warnings.map((w) => w.code)).toContain('traffic-dropped');
  });
});

describe('topology-mode Auto that succeeds', () => {
  it('writes hints and keeps traffic in zone', () => {
    const nodes = [node('a1', 'zone-a'), node('b1', 'zone-b'), node('c1', 'zone-c')];
    const endpoints = ['a', 'b', 'c'].flatMap((z, zi) => [1, 2, 3].map((i) => ep(`10.0.${zi}.${i}`, `${z}1`, `zone-${z}`)));
    const input = { service: service(), nodes, endpointSlices: [slice('web-1', endpoints)] };
    const [s] = compareScenarios(input, [{ kind: 'topologyAuto' }]).scenarios;
    // Equal CPU: desired 3 per zone, minimum ceil(3 / 1.2) = 3, Σ 9 = N: every zone keeps its 3.
    expect([s!.hints.path, s!.hints.cause, s!.hints.reason]).toEqual(['topology-auto', 'hints-allocated', 'TopologyAwareHintsEnabled']);
    expect(s!.simulation.crossZoneFraction).toBe(0);
    expect(shares(s!)).toEqual(Array(9).fill(close(1 / 9)));
    expect(s!.warnings).toEqual([]);
  });
});

describe('rollout and failure what-ifs (with PreferClose)', () => {
  it('a zone rolling: its clients go cluster-wide and overload zone-b', () => {
    const [s] = compareScenarios(base(), [[PREFER_CLOSE, { kind: 'zoneTerminating', zone: 'zone-a' }]]).scenarios;
    expect(s!.label).toBe('trafficDistribution: PreferClose + endpoints in zone-a terminating');
    // The zone-a endpoint is terminating; the 5 ready ones are hinted for their zones. zone-a has
    // no hinted endpoint, so its 0.6 spreads over all 5 ready: 0.12 each.
    //   zone-b endpoint: 0.3 + 0.12 = 0.42; each zone-c endpoint: 0.025 + 0.12 = 0.145.
    // Fair share 1/5 (5 ready): overloads 0.42 × 5 = 2.1 and 0.725.
    expect(s!.simulation.endpoints.map((e) => [e.share, e.overload])).toEqual([
      [0, 0],
      [close(0.42), close(2.1)],
      ...Array(4).fill([close(0.145), close(0.725)]),
    ]);
    expect(s!.simulation.crossZoneFraction).toBeCloseTo(0.6, 12);
    expect(s!.warnings.map((w) => [w.code, 'zone' in w ? w.zone : null])).toEqual([
      ['endpoint-overloaded', 'zone-b'],
      ['zone-without-endpoints', 'zone-a'],
    ]);
  });

  it('one endpoint without hints turns zone routing off everywhere', () => {
    const [s] = compareScenarios(base(), [[PREFER_CLOSE, { kind: 'endpointWithoutHints', zone: 'zone-c' }]]).scenarios;
    expect(s!.hints.path).toBe('traffic-distribution');
    const added = s!.simulation.endpoints.find((e) => e.ip === '192.0.2.1');
    expect(added).toMatchObject({ zone: 'zone-c', nodeName: 'c1' });
    // 7 ready endpoints, one unhinted → no zone mode: 1/7 each. In zone: 0.6 × 1/7 + 0.3 × 1/7 + 0.1 × 5/7 = 0.2.
    expect(shares(s!)).toEqual(Array(7).fill(close(1 / 7)));
    expect(s!.simulation.inZoneFraction).toBeCloseTo(0.2, 12);
    expect(s!.simulation.classes.every((c) => c.topology?.kind === 'none' && c.topology.cause === 'endpoint-without-hint')).toBe(true);
  });

  it('a node losing its zone label loses its endpoint’s hint too, which turns zone routing off', () => {
    const [s] = compareScenarios(base(), [[PREFER_CLOSE, { kind: 'nodeLosesZoneLabel', node: 'a1' }]]).scenarios;
    // The endpoint on a1 has no zone any more, so PreferClose writes it no hint (controller 5.2).
    expect(s!.simulation.endpoints[0]).toMatchObject({ key: '10.0.0.1:8080', zone: '' });
    expect(shares(s!)).toEqual(Array(6).fill(close(1 / 6)));
    // Every client sends 1/6 to the endpoint with no known zone.
    expect(s!.simulation.unknownZoneFraction).toBeCloseTo(1 / 6, 12);
  });

  it('a zone outage: its clients and endpoints are gone', () => {
    const [s] = compareScenarios(base(), [[PREFER_CLOSE, { kind: 'zoneLosesNodes', zone: 'zone-c' }]]).scenarios;
    // zone-c's weight 10 has no node: left out, W = 90. zone-a 60/90, zone-b 30/90, each in zone.
    expect(s!.simulation.totalWeight).toBe(90);
    expect(shares(s!)).toEqual([close(2 / 3), close(1 / 3)]);
    expect(s!.simulation.unplacedClients).toEqual([{ zone: 'zone-c', node: null, weight: 10, reason: 'no-node-in-zone' }]);
    expect(s!.warnings.map((w) => w.code)).toContain('clients-unplaced');
  });
});

describe('applyScenarioChange', () => {
  it('returns new inputs and never mutates (the base is deep-frozen)', () => {
    const input = base();
    const changes: ScenarioChange[] = [
      PREFER_CLOSE,
      { kind: 'trafficDistribution', value: null },
      { kind: 'topologyAuto' },
      { kind: 'internalTrafficPolicy', value: 'Local' },
      { kind: 'zoneTerminating', zone: 'zone-b' },
      { kind: 'endpointWithoutHints', zone: 'zone-a', nodeName: 'a2', ip: '10.9.9.9' },
      { kind: 'nodeLosesZoneLabel', node: 'b1' },
      { kind: 'zoneLosesNodes', zone: 'zone-a' },
    ];
    const before = JSON.stringify(input);
    for (const c of changes) expect(applyScenarioChange(input, c)).not.toBe(input);
    expect(JSON.stringify(input)).toBe(before);
    const auto = applyScenarioChange(
      { ...input, service: service({ annotations: { 'service.kubernetes.io/topology-aware-hints': 'disabled' } }) },
      { kind: 'topologyAuto' },
    );
    expect(auto.service.metadata?.annotations).toEqual({ 'service.kubernetes.io/topology-mode': 'Auto' });
    // Unchanged slices are the same objects.
    const rolled = applyScenarioChange(input, { kind: 'zoneTerminating', zone: 'zone-x' });
    expect((rolled.endpointSlices as unknown[])[0]).toBe((input.endpointSlices as unknown[])[0]);
  });

  it('reports bad changes at their path', () => {
    const paths = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        expect(e).toBeInstanceOf(KubeTrafficError);
        return (e as KubeTrafficError).problems.map((p) => [p.code, p.path]);
      }
      return [];
    };
    expect(paths(() => compareScenarios(base(), [{ kind: 'zoneTerminating' } as never]))).toEqual([['required', '$.changes[0].zone']]);
    expect(paths(() => compareScenarios(base(), [PREFER_CLOSE, [PREFER_CLOSE, { kind: 'trafficDistribution', value: 'Nearby' } as never]]))).toEqual([
      ['invalid-value', '$.changes[1][1].value'],
    ]);
    expect(paths(() => compareScenarios(base(), [{ kind: 'nodeLosesZoneLabel', node: 'zz' }]))).toEqual([['invalid-value', '$.changes[0].node']]);
    expect(paths(() => applyScenarioChange(base(), { kind: 'explode' } as never))).toEqual([['invalid-value', '$.change.kind']]);
  });
});
