// What-if simulator benchmark, run by `npm run bench` (or `npm run bench:simulate`). Medians.
// Floor (issue 13): 5,000 nodes × 100,000 endpoints with PreferClose hints in 100 ms; every other
// shape under 1 s (issue 6).
import { compareScenarios, simulateTraffic } from 'kube-traffic';
import { report } from './floors.mjs';
import { makeNodes, makeService, makeSlices, skewedZone } from './shapes.mjs';
import { time as timeWith } from './timing.mjs';

const time = (fn, options = {}) => timeWith(fn, { ms: 3000, warmup: 2, ...options });
const rows = [];

// 5,000 nodes (zones skewed 50/30/20), 100,000 ready endpoints in 1,000 slices, endpoint n on node n % 5,000.
const NODES = 5000;
const nodes = makeNodes(NODES);
const zoneOfNode = (i) => skewedZone(i, NODES);
const hinted = makeSlices({ total: 100_000, nodes: NODES, zoneOfNode });
const unhinted = makeSlices({ total: 100_000, nodes: NODES, zoneOfNode, hinted: false });
const withLocal = (svc) => ({ ...svc, spec: { ...svc.spec, internalTrafficPolicy: 'Local' } });

const cases = [
  ['5,000 nodes × 100,000 endpoints, PreferClose hints (3 classes)', { service: makeService({ trafficDistribution: 'PreferClose' }), endpointSlices: hinted, nodes }, 100, 198],
  ['no hints (3 classes, one 100,000-endpoint list)', { service: makeService(), endpointSlices: unhinted, nodes }, 1000],
  ['PreferClose hints, clients byZone 60/30/10', {
    service: makeService({ trafficDistribution: 'PreferClose' }), endpointSlices: hinted, nodes,
    clients: { byZone: { 'zone-a': 60, 'zone-b': 30, 'zone-c': 10 } },
  }, 1000],
  ['internalTrafficPolicy Local (5,000 classes, one per node)', { service: withLocal(makeService()), endpointSlices: unhinted, nodes }, 1000],
];

for (const [name, input, floor, earlier] of cases) {
  rows.push({ name: `simulateTraffic, ${name}`, value: time(() => simulateTraffic(input)), unit: 'ms', floor, ...(earlier !== undefined && { earlier }) });
}

// compareScenarios: computeHints + simulateTraffic for the baseline and each of 3 changes.
const compareMs = time(
  () =>
    compareScenarios({ service: makeService(), endpointSlices: unhinted, nodes }, [
      { kind: 'trafficDistribution', value: 'PreferClose' },
      { kind: 'topologyAuto' },
      [{ kind: 'trafficDistribution', value: 'PreferClose' }, { kind: 'zoneTerminating', zone: 'zone-a' }],
    ]),
  { ms: 5000 },
);
rows.push({ name: 'compareScenarios, baseline + 3 scenarios (4 × computeHints + simulateTraffic)', value: compareMs, unit: 'ms' });

report('kube-traffic simulate benchmark', rows);
