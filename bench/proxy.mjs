// kube-proxy half benchmark, run by `npm run bench` (builds first; bench/run.mjs passes
// --expose-gc for the memory row). Numbers are medians; floors and earlier figures are issue 13's.
import { categorizeEndpoints, prepareService } from 'kube-traffic';
import { report } from './floors.mjs';
import { ZONES, makeNodes, makeService, makeSlices, skewedZone } from './shapes.mjs';
import { time } from './timing.mjs';

const rows = [];
const ms = (name, value, floor, earlier) => rows.push({ name, value, unit: 'ms', ...(floor !== undefined && { floor }), ...(earlier !== undefined && { earlier }) });
const us = (name, value, floor, earlier) => rows.push({ name, value: value * 1000, unit: 'µs', ...(floor !== undefined && { floor }), ...(earlier !== undefined && { earlier }) });

// Shape 1: 1,000 slices × 100 endpoints over 5,000 nodes, zones skewed 50/30/20, PreferClose hints.
const NODES = 5000;
const nodes = makeNodes(NODES);
const service = makeService({ trafficDistribution: 'PreferClose' });
const slices = makeSlices({ total: 100_000, nodes: NODES, zoneOfNode: (i) => skewedZone(i, NODES) });
const clientNodes = nodes.map((n) => ({ name: n.metadata.name, zone: n.metadata.labels['topology.kubernetes.io/zone'] }));

ms('prepareService, 100,000 endpoints (1,000 slices × 100)', time(() => prepareService(service, slices, { port: 'http' }), { ms: 3000 }), 60, 134.5);

const prepared = prepareService(service, slices, { port: 'http' });
const allQueries = time(() => {
  for (const node of clientNodes) prepared.categorize(node);
});
us('prepared categorize(node), per query (5,000 nodes in turn)', allQueries / NODES, 0.2, 0.85);
us('prepared select(node), per query (5,000 nodes in turn)', time(() => {
  for (const node of clientNodes) prepared.select(node);
}) / NODES);
const readLists = time(() => {
  let n = 0;
  for (const node of clientNodes) n += prepared.categorize(node).clusterEndpoints.length;
  return n;
});
us('prepared categorize(node) and read its Cluster list (20–50k endpoints), per query', readLists / NODES);
ms('prepared categorize(node, { explain: true }), 5 nodes (a step per endpoint)', time(() => {
  for (let i = 0; i < 5; i++) prepared.categorize(clientNodes[i * 1000], { explain: true });
}));

// Shape 2: one-shot categorizeEndpoints, ready endpoints round-robin over 3 zones, each on its own node.
for (const total of [10, 1000, 100_000]) {
  const s = makeSlices({ total, nodes: total, zoneOfNode: (i) => ZONES[i % 3] });
  const input = { service, endpointSlices: s, node: { name: 'client', zone: 'zone-a' }, port: 'http' };
  const t = time(() => categorizeEndpoints(input), { ms: total > 10_000 ? 3000 : 1500, warmup: total > 10_000 ? 3 : 200 });
  if (total === 10) us('warm one-shot categorizeEndpoints, 10 endpoints', t, 5, 10);
  else if (total === 1000) us('one-shot categorizeEndpoints, 1,000 endpoints', t);
  else ms('one-shot categorizeEndpoints, 100,000 endpoints (each on its own node)', t, 80, 189);
}

// Memory: heap a prepared 100k Service keeps once the caller has dropped the slices it came from.
if (typeof globalThis.gc === 'function') {
  const heap = () => {
    for (let i = 0; i < 4; i++) globalThis.gc();
    return process.memoryUsage().heapUsed;
  };
  const base = heap();
  let kept = (() => {
    const input = makeSlices({ total: 100_000, nodes: NODES, zoneOfNode: (i) => skewedZone(i, NODES) });
    const p = prepareService(service, input, { port: 'http' });
    p.categorize(clientNodes[0]);
    return p;
  })();
  const retained = (heap() - base) / (1024 * 1024);
  rows.push({ name: 'heap retained by a prepared 100k Service after the caller drops its input', value: retained, unit: 'MB', floor: 25, earlier: 61 });
  kept = null;
} else {
  console.log('(run with --expose-gc, as bench/run.mjs does, for the memory row)');
}

report('kube-traffic proxy benchmark', rows);
