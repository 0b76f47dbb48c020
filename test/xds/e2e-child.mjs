// The end-to-end run, in its own process (test/xds/e2e.test.ts forks it and kills it when done):
// @grpc/grpc-js-xds keeps a 15-minute retention timer alive once a locality layout changes, so
// the processes that host its clients must not be ones a test runner waits on.
//
// Real @grpc/grpc-js-xds clients, one per (node, Service) of examples/cluster.json, each with its
// own bootstrap (node id and locality) and so its own ADS stream to the loopback server of
// ./ads-server.mjs in this process, which serves kube-traffic/xds' resources for that node. The
// clients live in two worker processes (./clients-child.mjs) that this one drives. Every endpoint
// of the dump is a loopback gRPC backend (./backends-child.mjs) answering with its own key; the
// server maps each endpoint's address to its backend's loopback address, as a pod network would.
// Prints one JSON report.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { selectEndpoints } from 'kube-traffic';
import { xdsResources } from 'kube-traffic/xds';
import { startAdsServer } from './ads-server.mjs';

const started = Date.now();
const CALLS = 1000;
// Processes hosting the clients. Their work is most of the run's CPU; two spread it over both
// cores of the 2-core machines this runs on (each pays ~2 s of CPU to load grpc-js-xds).
const CLIENT_PROCESSES = 2;

/**
 * A child process speaking one JSON line per message: `request(message)` writes it with a fresh
 * `seq` and resolves with the child's `result` for that `seq` (rejects on its `error`, or if the
 * child exits). `first` resolves with the first line the child prints unasked (the ports of
 * ./backends-child.mjs), and rejects if it exits before.
 */
function child(file, stdinFirst) {
  // A larger young generation: the run allocates per call, and scavenges were a seventh of its CPU.
  // KT_E2E_PROF=DIR writes a CPU profile of each child into DIR (for finding where time goes).
  const prof = process.env.KT_E2E_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.KT_E2E_PROF}`] : [];
  const proc = spawn(process.execPath, [...prof, '--max-semi-space-size=64', fileURLToPath(new URL(file, import.meta.url))], { stdio: ['pipe', 'pipe', 'inherit'] });
  if (stdinFirst !== undefined) proc.stdin.write(`${stdinFirst}\n`);
  const pending = new Map();
  let seq = 0;
  let onFirst;
  let onExit;
  const first = new Promise((resolve, reject) => ((onFirst = resolve), (onExit = reject)));
  first.catch(() => {});
  let exited = null;
  proc.on('exit', (code, signal) => {
    exited = new Error(`${file} exited with ${code ?? signal}`);
    onExit(exited);
    for (const p of pending.values()) p.reject(exited);
    pending.clear();
  });
  createInterface({ input: proc.stdout }).on('line', (line) => {
    const m = JSON.parse(line);
    const p = m.seq === undefined ? undefined : pending.get(m.seq);
    if (p === undefined) return onFirst(m);
    pending.delete(m.seq);
    if (m.error !== undefined) p.reject(new Error(`${file}: ${m.error}`));
    else p.resolve(m.result);
  });
  return {
    proc,
    first,
    request(message) {
      if (exited) return Promise.reject(exited);
      const n = ++seq;
      proc.stdin.write(`${JSON.stringify({ ...message, seq: n })}\n`);
      return new Promise((resolve, reject) => pending.set(n, { resolve, reject }));
    },
  };
}

const dump = JSON.parse(readFileSync(new URL('../../examples/cluster.json', import.meta.url), 'utf8'));
const services = dump.items.filter((o) => o.kind === 'Service');
const nodes = dump.items.filter((o) => o.kind === 'Node');
let slices = dump.items.filter((o) => o.kind === 'EndpointSlice');
const zoneOf = (node) => node.metadata.labels?.['topology.kubernetes.io/zone'] ?? '';

// --- Backends: one loopback gRPC server per endpoint of the dump, in ./backends-child.mjs. ------
const keys = [...new Set(slices.flatMap((s) => (s.endpoints ?? []).flatMap((ep) => (s.ports ?? []).map((p) => `${ep.addresses[0]}:${p.port}`))))];
const backendProcess = child('./backends-child.mjs', JSON.stringify(keys));
// Started now, so that they load grpc-js-xds while the backends and the ADS server start.
const workers = Array.from({ length: CLIENT_PROCESSES }, () => child('./clients-child.mjs'));
const ports = await backendProcess.first;
const backends = new Map(Object.entries(ports).map(([key, port]) => [key, { address: '127.0.0.1', port }]));

// --- The control plane's view: kube-traffic/xds for each node, addresses mapped to backends. ----
const unmapped = new Set();
function toLoopback(cla) {
  return {
    ...cla,
    endpoints: cla.endpoints.map((l) => ({
      ...l,
      lbEndpoints: l.lbEndpoints.map((lb) => {
        const { address, portValue } = lb.endpoint.address.socketAddress;
        const backend = backends.get(`${address}:${portValue}`);
        if (backend === undefined) {
          // Never hand out the dump's own address: only loopback is reachable here.
          unmapped.add(`${address}:${portValue}`);
          return { ...lb, endpoint: { address: { socketAddress: { address: '127.0.0.1', portValue: 1 } } } };
        }
        return { ...lb, endpoint: { address: { socketAddress: { address: backend.address, portValue: backend.port } } } };
      }),
    })),
  };
}
// The ADS server asks for a node's world on every response it may send; it changes only when
// the slices do (phase 2 replaces `slices`), so each node's is computed once per version.
const worlds = new Map();
let worldsOf = slices;
function world(nodeId) {
  if (worldsOf !== slices) {
    worlds.clear();
    worldsOf = slices;
  }
  let w = worlds.get(nodeId);
  if (w === undefined) worlds.set(nodeId, (w = computeWorld(nodeId)));
  return w;
}
function computeWorld(nodeId) {
  const node = nodes.find((n) => n.metadata.name === nodeId);
  const byType = new Map();
  const put = (r) => {
    let m = byType.get(r['@type']);
    if (m === undefined) byType.set(r['@type'], (m = new Map()));
    m.set(r.name ?? r.clusterName, r);
  };
  if (node === undefined) return byType;
  for (const service of services) {
    const r = xdsResources({ service, endpointSlices: slices, node });
    if (r.kind !== 'proxied') continue;
    put(r.listener);
    put(r.routeConfiguration);
    put(r.cluster);
    put(toLoopback(r.clusterLoadAssignment));
  }
  return byType;
}
const ads = await startAdsServer(world);
const setupMs = Date.now() - started;

await Promise.all(workers.map((w) => w.request({ op: 'init', ads: ads.address })));

// --- Clients: one channel per (node, Service), each with its own node identity, in a worker. ---
const clientIds = new Map();
const assigned = workers.map(() => 0);
/**
 * The client of (node, Service): which worker hosts it, and what that worker needs to make it.
 * A new client goes to the worker with the fewest calls assigned so far (`calls` is this
 * client's share), so that both carry the same load.
 */
function clientFor(node, service, calls = 0) {
  const id = `${node.metadata.name}|${service.metadata.namespace}/${service.metadata.name}`;
  let c = clientIds.get(id);
  if (c === undefined) {
    const w = assigned.indexOf(Math.min(...assigned));
    assigned[w] += calls;
    c = { worker: workers[w], spec: { id, target: `${service.metadata.name}.${service.metadata.namespace}`, node: node.metadata.name, zone: zoneOf(node) } };
    clientIds.set(id, c);
  }
  return c;
}
const calls = (c, n) => c.worker.request({ op: 'calls', client: c.spec, n });
function expected(node, service) {
  const r = selectEndpoints({ service, endpointSlices: slices, node });
  return r.kind === 'proxied' ? { action: r.action, endpoints: r.endpoints.map((e) => e.key).sort() } : { action: 'not-proxied', endpoints: [] };
}

const log = (m) => process.env.KT_E2E_DEBUG && process.stderr.write(`${Date.now() - started}ms ${m}\n`);

async function runPair(node, service) {
  const want = expected(node, service);
  const n = want.action === 'forward' ? CALLS : 20;
  const c = clientFor(node, service, n);
  // A first call that gets an answer: the client has its configuration. Not counted.
  const { warmMs } = await c.worker.request({ op: 'warm', client: c.spec, forward: want.action === 'forward' });
  const warmedAt = Date.now() - started;
  log(`warm ${node.metadata.name} ${service.metadata.name} ${warmMs}ms`);
  const got = await calls(c, n);
  log(`done ${node.metadata.name} ${service.metadata.name} ${JSON.stringify(got.codes)}`);
  return { node: node.metadata.name, service: `${service.metadata.namespace}/${service.metadata.name}`, ...want, calls: n, warmMs, warmedAt, ...got };
}

const report = { pairs: [], moves: [], timings: { setupMs } };
try {
  // Phase 1: every node × Service of the dump, all at once.
  const pairs = nodes.flatMap((node) => services.map((service) => [node, service]));
  report.pairs = await Promise.all(pairs.map(([n, s]) => runPair(n, s)));
  report.timings.allPairsMs = Date.now() - started;
  report.timings.warmedMs = Math.max(...report.pairs.map((p) => p.warmedAt));

  // Phase 2: marking endpoints not ready moves traffic.
  const setConditions = (serviceName, match, conditions) => {
    slices = slices.map((s) =>
      s.metadata.labels?.['kubernetes.io/service-name'] !== serviceName
        ? s
        : { ...s, endpoints: s.endpoints.map((ep) => (match(ep) ? { ...ep, conditions: { ...ep.conditions, ...conditions } } : ep)) },
    );
  };
  const steps = [
    // web (PreferClose): node-a1's zone loses one of its two endpoints.
    { label: 'web: 10.244.0.10 not ready', node: 'node-a1', service: 'web', change: () => setConditions('web', (ep) => ep.addresses[0] === '10.244.0.10', { ready: false, serving: false }) },
    // cache (internalTrafficPolicy Local): node-a1's only local endpoint goes: it drops.
    { label: 'cache: 10.244.0.26 not ready', node: 'node-a1', service: 'cache', change: () => setConditions('cache', (ep) => ep.addresses[0] === '10.244.0.26', { ready: false, serving: false }) },
    // payments: every endpoint not ready and not serving: kube-proxy rejects.
    { label: 'payments: all not ready', node: 'node-b1', service: 'payments', change: () => setConditions('payments', () => true, { ready: false, serving: false }) },
    // web again: ready again, traffic comes back.
    { label: 'web: 10.244.0.10 ready again', node: 'node-a1', service: 'web', change: () => setConditions('web', (ep) => ep.addresses[0] === '10.244.0.10', { ready: true, serving: true }) },
  ];
  for (const step of steps) {
    const node = nodes.find((n) => n.metadata.name === step.node);
    const service = services.find((s) => s.metadata.name === step.service);
    const before = expected(node, service);
    step.change();
    const after = expected(node, service);
    const t0 = Date.now();
    ads.push();
    const c = clientFor(node, service);
    const { movedMs } = await c.worker.request({ op: 'until', client: c.spec, want: after, ms: 15_000 });
    const got = await calls(c, after.action === 'forward' ? CALLS : 20);
    report.moves.push({ label: step.label, node: step.node, service: step.service, before, after, movedMs, totalMs: Date.now() - t0, ...got });
  }
  report.unmapped = [...unmapped];
  report.ads = { ...ads.stats, nodes: [...ads.stats.nodes].sort() };
  report.timings.totalMs = Date.now() - started;
  // CPU time of each process (where the time goes): this one (ADS server, kube-traffic), the
  // client workers and the backends.
  const cpu = process.cpuUsage();
  report.timings.cpuMs = Math.round((cpu.user + cpu.system) / 1000);
  report.timings.clientsCpuMs = await Promise.all(workers.map(async (w) => (await w.request({ op: 'cpu' })).cpuMs));
  report.timings.backendsCpuMs = (await backendProcess.request({ op: 'cpu' })).cpuMs;
} catch (e) {
  report.error = String(e?.stack ?? e);
}
for (const p of [backendProcess, ...workers]) p.proc.kill();
process.stdout.write(`${JSON.stringify(report)}\n`);
process.exit(0);
