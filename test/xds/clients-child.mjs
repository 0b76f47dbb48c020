// Real @grpc/grpc-js-xds clients for the end-to-end run, in a process of their own: the run
// (./e2e-child.mjs) starts two of these and gives each half of the (node, Service) pairs, so that
// the clients' work, most of the run's CPU, uses both cores of a small machine instead of one.
//
// Each client is one channel with its own bootstrap (node id and locality), so its own XdsClient
// and ADS stream. The process obeys one JSON command per line of stdin and answers each with one
// JSON line `{ seq, result }` or `{ seq, error }` on stdout; commands run concurrently:
//   { seq, op: 'init', ads }                       the ADS server's address; first, once
//   { seq, op: 'warm', client }                    first call that gets an answer: `{ warmMs, key?, code? }`
//   { seq, op: 'calls', client, n, width? }        `n` calls: `{ counts, codes, details }`
//   { seq, op: 'until', client, want, ms }         calls until every answer agrees with `want`: `{ movedMs }`
//   { seq, op: 'cpu' }                             `{ cpuMs }` used by this process so far
// where `client` is `{ id, target, node, zone }` (created on first use) and `want` is
// `{ action, endpoints }`. grpc-js-xds keeps a 15-minute timer alive once a locality layout
// changes, so this process does not end by itself: it exits when stdin closes or on SIGTERM.
import { createRequire } from 'node:module';
import { createInterface } from 'node:readline';
import * as grpc from '@grpc/grpc-js';
import * as grpcXds from '@grpc/grpc-js-xds';

// Generous: on a loaded 2-core machine hundreds of calls in flight can queue for seconds. Every
// call still has a deadline (a missing resource would otherwise leave a call waiting 15 s).
const DEADLINE_MS = 20_000;
// Calls in flight per channel: enough that HTTP/2 batches its writes (a tenth less CPU than 10 at
// a time, measured), few enough to stay far from the deadline.
const WIDTH = 50;
grpcXds.register();

// grpc-js-xds 1.14.1 means to parse its ADS protos once (`loadedProtos` in xds-client.js) but
// never stores them, so every XdsClient (one per channel here: each has its own bootstrap)
// parses them again, about 130 ms of CPU each. Remember the parsed definitions for exactly those
// arguments; what the clients do with them is unchanged.
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

const identity = (b) => b;
let adsAddress = null;
const clients = new Map();
function clientFor({ id, target, node, zone }) {
  let c = clients.get(id);
  if (c === undefined) {
    if (adsAddress === null) throw new Error('init first');
    const bootstrap = {
      xds_servers: [{ server_uri: adsAddress, channel_creds: [{ type: 'insecure' }], server_features: ['xds_v3'] }],
      // grpc-js-xds refuses a bootstrap whose node has no locality.
      node: { id: node, locality: { zone } },
    };
    c = new grpc.Client(`xds:///${target}`, grpc.credentials.createInsecure(), { 'grpc.TEST_ONLY_DO_NOT_USE_IN_PROD.xds_bootstrap_config': JSON.stringify(bootstrap) });
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

/**
 * Waits until the client has its configuration: a first call that does not time out (calls made
 * while the xDS resources are still arriving queue until their deadline). Not counted.
 */
async function warm(client, forward) {
  const t0 = Date.now();
  for (;;) {
    const r = await call(client);
    if ((forward ? r.key !== undefined : r.code === 'UNAVAILABLE') || Date.now() - t0 > 60_000) return { warmMs: Date.now() - t0 };
  }
}

/** Calls until every response agrees with `want` (traffic has moved), or `ms` elapsed. */
async function until(client, want, ms) {
  const t0 = Date.now();
  for (;;) {
    const r = await calls(client, 20, 20);
    const keys = Object.keys(r.counts);
    const ok = want.action === 'forward' ? keys.length > 0 && keys.every((k) => want.endpoints.includes(k)) && !Object.keys(r.codes).length : keys.length === 0;
    if (ok || Date.now() - t0 > ms) return { movedMs: Date.now() - t0 };
  }
}

const ops = {
  init: (m) => {
    adsAddress = m.ads;
    return {};
  },
  warm: (m) => warm(clientFor(m.client), m.forward),
  calls: (m) => calls(clientFor(m.client), m.n, m.width),
  until: (m) => until(clientFor(m.client), m.want, m.ms),
  cpu: () => {
    const cpu = process.cpuUsage();
    return { cpuMs: Math.round((cpu.user + cpu.system) / 1000) };
  },
};

const send = (m) => process.stdout.write(`${JSON.stringify(m)}\n`);
const lines = createInterface({ input: process.stdin });
lines.on('line', (line) => {
  const m = JSON.parse(line);
  Promise.resolve()
    .then(() => ops[m.op](m))
    .then(
      (result) => send({ seq: m.seq, result }),
      (e) => send({ seq: m.seq, error: String(e?.stack ?? e) }),
    );
});
// Exit at once: the xDS clients' retention timers would keep the process alive for 15 minutes.
lines.on('close', () => process.exit(0));
process.on('SIGTERM', () => process.exit(0));
