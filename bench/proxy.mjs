// kube-proxy half benchmark. Run with `npm run bench` (builds first). Numbers are medians.
import { categorizeEndpoints, prepareService } from 'kube-traffic';
import { ZONES, makeNodes, makeService, makeSlices, skewedZone } from './shapes.mjs';
import { time } from './timing.mjs';


const fmt = (ms) => (ms < 0.01 ? `${(ms * 1000).toFixed(2)} µs` : `${ms.toFixed(3)} ms`);
const rows = [];

// Shape 1: 1,000 slices x 100 endpoints over 5,000 nodes, zones skewed 50/30/20, PreferClose hints.
const NODES = 5000;
const nodes = makeNodes(NODES);
const service = makeService({ trafficDistribution: 'PreferClose' });
const slices = makeSlices({ total: 100_000, nodes: NODES, zoneOfNode: (i) => skewedZone(i, NODES) });
const clientNodes = nodes.map((n) => ({ name: n.metadata.name, zone: n.metadata.labels['topology.kubernetes.io/zone'] }));

const prepareMs = time(() => prepareService(service, slices, { port: 'http' }), { ms: 3000 });
rows.push(['prepareService, 100,000 endpoints (1,000 slices x 100)', fmt(prepareMs), 'floor 150 ms']);

const prepared = prepareService(service, slices, { port: 'http' });
const allQueries = time(() => {
  for (const node of clientNodes) prepared.categorize(node);
});
rows.push(['prepared categorize(node), all 5,000 nodes together', fmt(allQueries), 'floor 10 ms']);
rows.push(['  per query', fmt(allQueries / NODES), '']);
const explainAll = time(() => {
  for (let i = 0; i < 5; i++) prepared.categorize(clientNodes[i * 1000], { explain: true });
});
rows.push(['prepared categorize(node, { explain: true }), 5 nodes (a step per endpoint)', fmt(explainAll), '']);
const selectAll = time(() => {
  for (const node of clientNodes) prepared.select(node);
});
rows.push(['prepared select(node), all 5,000 nodes together', fmt(selectAll), '']);
const readLists = time(() => {
  let n = 0;
  for (const node of clientNodes) n += prepared.categorize(node).clusterEndpoints.length;
  return n;
}, { ms: 3000 });
rows.push(['  ...and reading every Cluster list (materialises ~20-50k endpoints each)', fmt(readLists), '']);

// Shape 2: one-shot categorizeEndpoints on 10 / 1,000 / 100,000 ready endpoints, round-robin over 3 zones.
for (const total of [10, 1000, 100_000]) {
  const zoneOfNode = (i) => ZONES[i % 3];
  const s = makeSlices({ total, nodes: Math.min(total, 5000), zoneOfNode });
  const input = { service, endpointSlices: s, node: { name: 'client', zone: 'zone-a' }, port: 'http' };
  const oneShot = time(() => categorizeEndpoints(input), { ms: total > 10_000 ? 3000 : 1500 });
  rows.push([`one-shot categorizeEndpoints, ${total.toLocaleString('en')} endpoints`, fmt(oneShot), total === 1000 ? 'floor 1 ms' : '']);
}

console.log(`kube-traffic proxy benchmark (node ${process.version}, ${process.arch})`);
const w = Math.max(...rows.map((r) => r[0].length));
for (const [name, value, note] of rows) console.log(`${name.padEnd(w)}  ${value.padStart(12)}  ${note}`);
