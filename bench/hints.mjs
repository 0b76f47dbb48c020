// Benchmark: computeHints, the controller half (issue #13's floors).
//
// Shapes: 100,000 endpoints (1,000 slices × 100) over 5,000 nodes in three zones. Node CPU is
// split 50/30/20 % over the zones and endpoint zones 40/30/30 %, so the Auto path has to move
// endpoints into zone-a. "Without hints" slices start with no hints, so every call writes
// 100,000 hints; "steady state" feeds a call its own result back (every hint already correct,
// nothing to write). The warm rows run the same shapes at 10 endpoints / 10 nodes.
//
// Each row is the median of repeated calls (bench/timing.mjs). The heap row forces a collection
// (run with --expose-gc, as bench/run.mjs does) and measures what a result keeps alive beyond
// the input it was computed from. Run after `npm run build`: node --expose-gc bench/hints.mjs
import { computeHints } from 'kube-traffic';
import { report } from './floors.mjs';
import { time } from './timing.mjs';

const ZONES = ['zone-a', 'zone-b', 'zone-c'];
/** Zone of item i for a split in tenths (e.g. [5, 3] = 50/30/20 %), interleaved. */
const zoneOf = (i, split) => (i % 10 < split[0] ? ZONES[0] : i % 10 < split[0] + split[1] ? ZONES[1] : ZONES[2]);

function nodes(count) {
  return Array.from({ length: count }, (_, i) => ({
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name: `node-${i}`, labels: { 'topology.kubernetes.io/zone': zoneOf(i, [5, 3]) } },
    status: { allocatable: { cpu: i % 2 === 0 ? '4' : '4000m' }, conditions: [{ type: 'Ready', status: 'True' }] },
  }));
}

function slices(sliceCount, perSlice, nodeCount) {
  return Array.from({ length: sliceCount }, (_, s) => ({
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: {
      name: `svc-${s}`,
      namespace: 'ns',
      labels: { 'kubernetes.io/service-name': 'svc', 'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io' },
    },
    addressType: 'IPv4',
    ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
    endpoints: Array.from({ length: perSlice }, (_, e) => {
      const i = s * perSlice + e;
      return {
        addresses: [`10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`],
        conditions: { ready: true, serving: true, terminating: false },
        nodeName: `node-${i % nodeCount}`,
        zone: zoneOf(i, [4, 3]),
      };
    }),
  }));
}

const service = (extra) => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: 'svc', namespace: 'ns', ...(extra.annotations ? { annotations: extra.annotations } : {}) },
  spec: { clusterIP: '10.96.0.10', selector: { app: 'svc' }, ipFamilies: ['IPv4'], ports: [{ name: 'http', port: 80 }], ...extra.spec },
});
const preferClose = service({ spec: { trafficDistribution: 'PreferClose' } });
const auto = service({ annotations: { 'service.kubernetes.io/topology-mode': 'Auto' } });

const large = { endpointSlices: slices(1000, 100, 5000), nodes: nodes(5000) };
const small = { endpointSlices: slices(1, 10, 10), nodes: nodes(10) };

const closeCold = { ...large, service: preferClose };
const closeSteady = { ...large, service: preferClose, endpointSlices: computeHints(closeCold).endpointSlices };
const autoCold = { ...large, service: auto };

for (const [name, args] of Object.entries({ closeCold, closeSteady, autoCold })) {
  const { outcome } = computeHints(args);
  const rewritten = outcome.byAddressType.reduce((n, o) => n + o.rewrittenSlices.length, 0);
  console.log(`${name}: path ${outcome.path}, cause ${outcome.cause}, ${rewritten} slices rewritten`);
}
if (computeHints(closeSteady).outcome.byAddressType.some((o) => o.rewrittenSlices.length > 0)) throw new Error('steady state rewrote slices');

const ms = (fn) => time(fn, { ms: 3000, min: 10, warmup: 5 });
const µs = (fn) => {
  const batch = 1000;
  return (time(() => { for (let i = 0; i < batch; i++) fn(); }, { ms: 1500, min: 10, warmup: 20 }) * 1000) / batch;
};

/** MB a result keeps alive beyond its input: heap with the result held minus heap without it. */
function retainedMB(args) {
  if (typeof globalThis.gc !== 'function') throw new Error('run with --expose-gc (bench/run.mjs does)');
  const samples = [];
  for (let i = 0; i < 3; i++) {
    globalThis.gc();
    const before = process.memoryUsage().heapUsed;
    let held = computeHints(args);
    globalThis.gc();
    samples.push((process.memoryUsage().heapUsed - before) / 2 ** 20);
    if (held.endpointSlices.length !== args.endpointSlices.length) throw new Error('unexpected result');
    held = null;
  }
  return samples.sort((a, b) => a - b)[1];
}

report('computeHints (controller half)', [
  { name: 'computeHints PreferClose, 100,000 endpoints, slices without hints', value: ms(() => computeHints(closeCold)), unit: 'ms', floor: 15, earlier: 75 },
  { name: 'computeHints PreferClose, slices already hinted correctly (steady state)', value: ms(() => computeHints(closeSteady)), unit: 'ms', floor: 8, earlier: 52 },
  { name: 'computeHints Auto, 100,000 endpoints / 5,000 nodes', value: ms(() => computeHints(autoCold)), unit: 'ms', floor: 25, earlier: 87 },
  { name: 'warm computeHints PreferClose, 10 endpoints, 10 nodes', value: µs(() => computeHints({ ...small, service: preferClose })), unit: 'µs', floor: 5, earlier: 12 },
  { name: 'warm computeHints Auto, 10 endpoints, 10 nodes', value: µs(() => computeHints({ ...small, service: auto })), unit: 'µs', floor: 8, earlier: 22 },
  { name: 'heap retained by a computeHints result beyond its input (PreferClose, 100k)', value: retainedMB(closeCold), unit: 'MB', floor: 12, earlier: 31 },
  { name: 'heap retained by a computeHints result beyond its input (Auto, 100k)', value: retainedMB(autoCold), unit: 'MB', floor: 12 },
]);
