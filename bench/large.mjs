// Large inputs (run by `npm run bench`): one Service with 10^4, 10^5 and 10^6 endpoints in slices
// of 1,000 (upstream's maximum per slice), and 10^6 endpoints in ONE slice. Times prepareService,
// one categorize, reading its Cluster list, computeHints (PreferClose and Auto) and
// simulateTraffic, and prints the time per endpoint, so linear growth shows as a flat column.
// Every row is the median of timed runs after one warm-up: 3 for 10^5 and 10^6, 7 below. At 10^6
// the heap holds about 1 GB, and one run of the same call took from 187 ms to 1,170 ms in one
// process depending on where a major collection fell (computeHints Auto, 1,000 slices); a single
// run measured that collection's timing more than the call.
import { categorizeEndpoints, computeHints, prepareService, simulateTraffic } from 'kube-traffic';
import { report } from './floors.mjs';
import { makeNodes, makeService, makeSlices, skewedZone } from './shapes.mjs';

const NODES = 1000; // 3 zones, skewed 50/30/20
const nodes = makeNodes(NODES);
const zoneOfNode = (i) => skewedZone(i, NODES);
const client = { name: 'node-7', zone: 'zone-a' };

/**
 * Median ms of `runs` timed calls after one warm-up. The heap is collected first (bench/run.mjs
 * passes --expose-gc), so that a row pays for its own garbage, not for what the rows before it
 * left: at 10^6 the heap holds about 1 GB, and a full collection of it fell on whichever row came
 * next (computeHints PreferClose, after the one-shot categorizeEndpoints, read 3.9-4.0x its 10^5
 * cost per endpoint in two runs, against a limit of 4x).
 */
function time(fn, runs) {
  globalThis.gc?.();
  fn();
  const samples = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    samples.push(performance.now() - t);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)];
}

const rows = [];
function measure(op, shape, total, fn, runs = total >= 100_000 ? 3 : 7) {
  const label = `${op.padEnd(40)}${shape}`;
  const ms = time(fn, runs);
  rows.push([label, total, ms]);
}

const shapes = [
  { total: 10_000, perSlice: 1000 },
  { total: 100_000, perSlice: 1000 },
  { total: 1_000_000, perSlice: 1000 },
  { total: 1_000_000, perSlice: 1_000_000 },
];

for (const { total, perSlice } of shapes) {
  const shape = `${total.toLocaleString('en')} endpoints, ${perSlice === total ? 'ONE slice' : `${(total / perSlice).toLocaleString('en')} slices of ${perSlice.toLocaleString('en')}`}`;
  const hinted = makeSlices({ total, perSlice, nodes: NODES, zoneOfNode, hinted: true });
  const preferClose = makeService({ trafficDistribution: 'PreferClose' });

  measure(`prepareService`, shape, total, () => prepareService(preferClose, hinted, { port: 'http' }));
  const prepared = prepareService(preferClose, hinted, { port: 'http' });
  measure(`  categorize(node) on the prepared`, shape, total, () => prepared.categorize(client));
  measure(`  categorize + read the Cluster list`, shape, total, () => prepared.categorize({ name: client.name, zone: client.zone, labels: {} }).clusterEndpoints.length);
  measure(`categorizeEndpoints (one-shot)`, shape, total, () =>
    categorizeEndpoints({ service: preferClose, endpointSlices: hinted, node: client, port: 'http' }),
  );

  const bare = makeSlices({ total, perSlice, nodes: NODES, zoneOfNode, hinted: false });
  measure(`computeHints PreferClose`, shape, total, () => computeHints({ service: preferClose, endpointSlices: bare, nodes }));
  const auto = makeService({ annotations: { 'service.kubernetes.io/topology-mode': 'Auto' } });
  measure(`computeHints topology-mode Auto`, shape, total, () => computeHints({ service: auto, endpointSlices: bare, nodes }));
  measure(`simulateTraffic (${NODES.toLocaleString('en')} client nodes)`, shape, total, () =>
    simulateTraffic({ service: preferClose, endpointSlices: hinted, nodes }),
  );
}

// Issue 13's floor: prepareService on 10^6 endpoints in 1,000 slices within 1 s (2.0 s before).
const FLOORED = 'prepareService'.padEnd(40) + '1,000,000 endpoints, 1,000 slices of 1,000';
report(
  'kube-traffic large inputs (default stack and heap; ns per endpoint in brackets)',
  rows.map(([label, total, ms]) => {
    const name = `${label} [${((ms * 1e6) / total).toFixed(0)} ns]`;
    return label === FLOORED ? { name, value: ms / 1000, unit: 's', floor: 1, earlier: 2.0 } : { name, value: ms, unit: 'ms' };
  }),
);

// Linear growth: per-endpoint cost at 10^6 (1,000-slices) within 4x of the cost at 10^5 for the
// whole-input operations (a quadratic step would show as ~10x). Exit 1 otherwise.
let ok = true;
for (const op of ['prepareService', 'categorizeEndpoints (one-shot)', 'computeHints PreferClose', 'computeHints topology-mode Auto', 'simulateTraffic']) {
  const per = (total) => {
    const r = rows.find(([label, t]) => label.startsWith(op) && t === total && !label.includes('ONE slice'));
    return r[2] / r[1];
  };
  const ratio = per(1_000_000) / per(100_000);
  if (ratio > 4) {
    ok = false;
    console.log(`NOT LINEAR: ${op} costs ${ratio.toFixed(1)}x more per endpoint at 10^6 than at 10^5`);
  }
}
console.log(ok ? 'per-endpoint cost stays flat from 10^5 to 10^6 (within 4x) for every whole-input operation' : 'FAILED');
if (!ok) process.exitCode = 1;
