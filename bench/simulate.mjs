// What-if simulator benchmark. Run after `npm run build` (imports the built package):
//   npm run build --silent && node bench/simulate.mjs
// Budget (issue 6): 5,000 nodes and 100,000 endpoints simulate in under 1 s. Numbers are medians.
import { compareScenarios, simulateTraffic } from 'kube-traffic';
import { makeNodes, makeService, makeSlices, skewedZone } from './shapes.mjs';
import { time as timeWith } from './timing.mjs';

const time = (fn, options = {}) => timeWith(fn, { ms: 3000, warmup: 2, ...options });

const fmt = (ms) => `${ms.toFixed(1)} ms`;
const BUDGET = 1000;
const rows = [];
let over = false;

// 5,000 nodes (zones skewed 50/30/20), 100,000 ready endpoints in 1,000 slices, endpoint n on node n % 5,000.
const NODES = 5000;
const nodes = makeNodes(NODES);
const zoneOfNode = (i) => skewedZone(i, NODES);
const hinted = makeSlices({ total: 100_000, nodes: NODES, zoneOfNode });
const unhinted = makeSlices({ total: 100_000, nodes: NODES, zoneOfNode, hinted: false });
const withLocal = (svc) => ({ ...svc, spec: { ...svc.spec, internalTrafficPolicy: 'Local' } });

const cases = [
  ['PreferClose hints, default clients (3 classes)', { service: makeService({ trafficDistribution: 'PreferClose' }), endpointSlices: hinted, nodes }],
  ['no hints, default clients (3 classes, one 100,000-endpoint list)', { service: makeService(), endpointSlices: unhinted, nodes }],
  ['PreferClose hints, clients byZone 60/30/10', {
    service: makeService({ trafficDistribution: 'PreferClose' }), endpointSlices: hinted, nodes,
    clients: { byZone: { 'zone-a': 60, 'zone-b': 30, 'zone-c': 10 } },
  }],
  ['internalTrafficPolicy Local (5,000 classes, one per node)', { service: withLocal(makeService()), endpointSlices: unhinted, nodes }],
];

for (const [name, input] of cases) {
  const ms = time(() => simulateTraffic(input));
  const ok = ms < BUDGET;
  over ||= !ok;
  rows.push([`simulateTraffic, ${name}`, fmt(ms), ok ? 'budget 1 s: ok' : 'budget 1 s: OVER']);
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
rows.push(['compareScenarios, baseline + 3 scenarios (4 × computeHints + simulateTraffic)', fmt(compareMs), '']);

console.log(`kube-traffic simulate benchmark (node ${process.version}, ${process.arch}); 5,000 nodes, 100,000 endpoints`);
const w = Math.max(...rows.map((r) => r[0].length));
for (const [name, value, note] of rows) console.log(`${name.padEnd(w)}  ${value.padStart(10)}  ${note}`);
if (over) process.exitCode = 1;
