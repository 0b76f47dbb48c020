// Benchmark: computeHints on 100,000 endpoints (1,000 slices × 100) over 5,000 nodes in three
// zones (CPU 50/30/20 %), for PreferClose and for the Auto annotation. Inputs are generated
// deterministically; slices start without hints, so every call writes 100,000 hints.
// Floor: each shape under 100 ms per call. Run after `npm run build`: node bench/hints.mjs
import { Bench } from 'tinybench';
import { computeHints } from 'kube-traffic';

const ZONES = ['zone-a', 'zone-b', 'zone-c'];
/** Zone of item i for a 50/30/20 split, interleaved. */
const zoneOf = (i, split) => (i % 10 < split[0] ? ZONES[0] : i % 10 < split[0] + split[1] ? ZONES[1] : ZONES[2]);

function nodes() {
  return Array.from({ length: 5000 }, (_, i) => ({
    kind: 'Node',
    metadata: { name: `node-${i}`, labels: { 'topology.kubernetes.io/zone': zoneOf(i, [5, 3]) } },
    status: { allocatable: { cpu: i % 2 === 0 ? '4' : '4000m' }, conditions: [{ type: 'Ready', status: 'True' }] },
  }));
}

/** Endpoint zones split 40/30/30, so the Auto path has to move endpoints into zone-a. */
function slices() {
  return Array.from({ length: 1000 }, (_, s) => ({
    kind: 'EndpointSlice',
    metadata: {
      name: `svc-${s}`,
      namespace: 'ns',
      labels: { 'kubernetes.io/service-name': 'svc', 'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io' },
    },
    addressType: 'IPv4',
    ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
    endpoints: Array.from({ length: 100 }, (_, e) => {
      const i = s * 100 + e;
      return {
        addresses: [`10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`],
        conditions: { ready: true, serving: true, terminating: false },
        nodeName: `node-${i % 5000}`,
        zone: zoneOf(i, [4, 3]),
      };
    }),
  }));
}

const service = (extra) => ({
  kind: 'Service',
  metadata: { name: 'svc', namespace: 'ns', ...(extra.annotations ? { annotations: extra.annotations } : {}) },
  spec: { clusterIP: '10.96.0.10', selector: { app: 'svc' }, ipFamilies: ['IPv4'], ports: [{ name: 'http', port: 80 }], ...extra.spec },
});

const input = { endpointSlices: slices(), nodes: nodes() };
const shapes = {
  'PreferClose, 100k endpoints, 5k nodes': { ...input, service: service({ spec: { trafficDistribution: 'PreferClose' } }) },
  'Auto, 100k endpoints, 5k nodes': { ...input, service: service({ annotations: { 'service.kubernetes.io/topology-mode': 'Auto' } }) },
};

for (const [name, args] of Object.entries(shapes)) {
  const { outcome } = computeHints(args);
  console.log(`${name}: path ${outcome.path}, cause ${outcome.cause}`);
}

const FLOOR_MS = 100;
const bench = new Bench({ time: 2000, warmupTime: 500 });
for (const [name, args] of Object.entries(shapes)) bench.add(name, () => computeHints(args));
await bench.run();

let failed = false;
for (const task of bench.tasks) {
  const mean = task.result?.latency?.mean ?? task.result?.mean;
  const ok = typeof mean === 'number' && mean < FLOOR_MS;
  failed ||= !ok;
  console.log(`${ok ? 'ok  ' : 'SLOW'} ${task.name}: ${typeof mean === 'number' ? mean.toFixed(1) : '?'} ms/call (floor ${FLOOR_MS} ms)`);
}
if (failed) process.exitCode = 1;
