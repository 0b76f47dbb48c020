// The end-to-end run, in its own process (test/xds/e2e.test.ts forks it and kills it when done):
// @grpc/grpc-js-xds keeps a 15-minute retention timer alive once a locality layout changes, so
// the process that hosts its clients must not be one a test runner waits on.
//
// Real @grpc/grpc-js-xds clients, one per (node, Service) of examples/cluster.json, each with its
// own bootstrap (node id and locality) and so its own ADS stream to the loopback server of
// ./ads-server.mjs, which serves kube-traffic/xds' resources for that node. Every endpoint of the
// dump is a loopback gRPC backend answering with its own key; the server maps each endpoint's
// address to its backend's loopback address, as a pod network would. Prints one JSON report.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import * as grpc from '@grpc/grpc-js';
import * as grpcXds from '@grpc/grpc-js-xds';
import { selectEndpoints } from 'kube-traffic';
import { xdsResources } from 'kube-traffic/xds';
import { startAdsServer } from './ads-server.mjs';

const started = Date.now();
const CALLS = 1000;
// Generous: on a loaded 2-core machine hundreds of calls in flight can queue for seconds. Every
// call still has a deadline (a missing resource would otherwise leave a call waiting 15 s).
const DEADLINE_MS = 20_000;
// Calls in flight per channel: enough that HTTP/2 batches its writes (a tenth less CPU than 10 at
// a time, measured), few enough to stay far from the deadline.
const WIDTH = 50;
grpcXds.register();

// grpc-js-xds 1.14.1 means to parse its ADS protos once (`loadedProtos` in xds-client.js) but
// never stores them, so every XdsClient (one per channel here: each has its own bootstrap)
// parses them again, about 130 ms of CPU each, 42 times before the first call. Remember the
// parsed definitions for exactly those arguments; what the clients do with them is unchanged.
{
  const xdsRequire = createRequire(createRequire(import.meta.url).resolve('@grpc/grpc-js-xds'));
  const protoLoader = xdsRequire('@grpc/proto-loader');
  const loadSync = protoLoader.loadSync;
  const parsed = new Map();
  protoLoader.loadSync = (files, options) => {
    const key = JSON.stringify([files, options]);
    if (!parsed.has(key)) parsed.set(key, loadSync(files, options));
    return parsed.get(key);
  };
}

const dump = JSON.parse(readFileSync(new URL('../../examples/cluster.json', import.meta.url), 'utf8'));
const services = dump.items.filter((o) => o.kind === 'Service');
const nodes = dump.items.filter((o) => o.kind === 'Node');
let slices = dump.items.filter((o) => o.kind === 'EndpointSlice');
const zoneOf = (node) => node.metadata.labels?.['topology.kubernetes.io/zone'] ?? '';

// --- Backends: one loopback gRPC server per endpoint of the dump, in ./backends-child.mjs. ------
const identity = (b) => b;
const keys = [...new Set(slices.flatMap((s) => (s.endpoints ?? []).flatMap((ep) => (s.ports ?? []).map((p) => `${ep.addresses[0]}:${p.port}`))))];
const backendProcess = spawn(process.execPath, ['--max-semi-space-size=64', fileURLToPath(new URL('./backends-child.mjs', import.meta.url))], { stdio: ['pipe', 'pipe', 'inherit'] });
backendProcess.stdin.write(`${JSON.stringify(keys)}\n`);
const ports = await new Promise((resolve, reject) => {
  let out = '';
  backendProcess.stdout.on('data', (d) => {
    out += d;
    if (out.includes('\n')) resolve(JSON.parse(out));
  });
  backendProcess.on('exit', (code) => reject(new Error(`backends exited with ${code}`)));
});
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
function world(nodeId) {
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

// --- Clients: one channel per (node, Service), each with its own node identity. ----------------
function bootstrap(node) {
  return {
    xds_servers: [{ server_uri: ads.address, channel_creds: [{ type: 'insecure' }], server_features: ['xds_v3'] }],
    // grpc-js-xds refuses a bootstrap whose node has no locality.
    node: { id: node.metadata.name, locality: { zone: zoneOf(node) } },
  };
}
const clients = new Map();
function clientFor(node, service) {
  const id = `${node.metadata.name}|${service.metadata.namespace}/${service.metadata.name}`;
  let c = clients.get(id);
  if (c === undefined) {
    const target = `xds:///${service.metadata.name}.${service.metadata.namespace}`;
    c = new grpc.Client(target, grpc.credentials.createInsecure(), { 'grpc.TEST_ONLY_DO_NOT_USE_IN_PROD.xds_bootstrap_config': JSON.stringify(bootstrap(node)) });
    clients.set(id, c);
  }
  return c;
}
function call(client) {
  return new Promise((resolve) => {
    // grpc-js records the caller's stack for every call (for the errors it may report); the run
    // reads only codes and details, and 43,000 stacks cost seconds of CPU.
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    try {
      client.makeUnaryRequest('/kt.Who/Name', identity, identity, Buffer.alloc(0), { deadline: Date.now() + DEADLINE_MS }, (err, res) =>
        resolve(err ? { code: grpc.status[err.code] ?? String(err.code), details: err.details } : { key: res.toString() }),
      );
    } finally {
      Error.stackTraceLimit = limit;
    }
  });
}
/** `n` calls, `width` at a time; counts responders and error codes. */
async function calls(client, n, width = WIDTH) {
  const counts = {};
  const codes = {};
  let details = '';
  for (let done = 0; done < n; ) {
    const batch = Math.min(width, n - done);
    const results = await Promise.all(Array.from({ length: batch }, () => call(client)));
    for (const r of results) {
      if (r.key !== undefined) counts[r.key] = (counts[r.key] ?? 0) + 1;
      else {
        codes[r.code] = (codes[r.code] ?? 0) + 1;
        details ||= r.details;
      }
    }
    done += batch;
  }
  return { counts, codes, details };
}
function expected(node, service) {
  const r = selectEndpoints({ service, endpointSlices: slices, node });
  return r.kind === 'proxied' ? { action: r.action, endpoints: r.endpoints.map((e) => e.key).sort() } : { action: 'not-proxied', endpoints: [] };
}
/** Calls until every response agrees with `want` (traffic has moved), or `ms` elapsed. */
async function until(client, want, ms) {
  const t0 = Date.now();
  for (;;) {
    const r = await calls(client, 20, 20);
    const keys = Object.keys(r.counts);
    const ok = want.action === 'forward' ? keys.length > 0 && keys.every((k) => want.endpoints.includes(k)) && !Object.keys(r.codes).length : keys.length === 0;
    if (ok || Date.now() - t0 > ms) return Date.now() - t0;
  }
}

const log = (m) => process.env.KT_E2E_DEBUG && process.stderr.write(`${Date.now() - started}ms ${m}\n`);
/**
 * Waits until the client has its configuration: a first call that does not time out (calls made
 * while the xDS resources are still arriving queue until their deadline). Not counted.
 */
async function warm(client, forward) {
  const t0 = Date.now();
  for (;;) {
    const r = await call(client);
    if ((forward ? r.key !== undefined : r.code === 'UNAVAILABLE') || Date.now() - t0 > 60_000) return Date.now() - t0;
  }
}

async function runPair(node, service) {
  const want = expected(node, service);
  const client = clientFor(node, service);
  const warmMs = await warm(client, want.action === 'forward');
  const warmedAt = Date.now() - started;
  log(`warm ${node.metadata.name} ${service.metadata.name} ${warmMs}ms`);
  const n = want.action === 'forward' ? CALLS : 20;
  const got = await calls(client, n);
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
    const movedMs = await until(clientFor(node, service), after, 15_000);
    const got = await calls(clientFor(node, service), after.action === 'forward' ? CALLS : 20);
    report.moves.push({ label: step.label, node: step.node, service: step.service, before, after, movedMs, totalMs: Date.now() - t0, ...got });
  }
  report.unmapped = [...unmapped];
  report.ads = { ...ads.stats, nodes: [...ads.stats.nodes].sort() };
  report.timings.totalMs = Date.now() - started;
  const cpu = process.cpuUsage();
  report.timings.cpuMs = Math.round((cpu.user + cpu.system) / 1000);
} catch (e) {
  report.error = String(e?.stack ?? e);
}
backendProcess.kill();
process.stdout.write(`${JSON.stringify(report)}\n`);
// Exit at once: the xDS clients' retention timers would keep the process alive for 15 minutes.
process.exit(0);
