// npm run fuzz: at least 100,000 generated inputs across every public decision function, against
// the built package. Generators and checks: bench/fuzz-inputs.mjs (shared with the vitest fuzz).
//
// The fuzz runs in a worker; the main thread is a watchdog: a call that does not return within
// WATCHDOG_MS (a real hang, which no in-thread timer can interrupt) is reported with its case, seed
// and index, and the input is regenerated deterministically and printed. Calls slower than
// HANG_MS are reported by the worker itself.
//
// Exit code 1 on any non-KubeTrafficError exception, malformed error, prototype pollution,
// shared mutable result, or hang.
//
// Env: FUZZ_RUNS (total, default 110000), FUZZ_SEED (default 20240401).
import fc from 'fast-check';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { CASES, HANG_MS, badArgsArb, checkCall, describeArgs } from './fuzz-inputs.mjs';

const TOTAL = Number(process.env.FUZZ_RUNS ?? 110_000);
const SEED = Number(process.env.FUZZ_SEED ?? 20240401);
const BATCH = 500;
const WATCHDOG_MS = 30_000;

// Both threads load the package: the worker to call it, the watchdog to regenerate a hanging
// input (formatComparison's valid inputs are compareProfiles results). `xds` is kube-traffic/xds.
const lib = { ...(await import('kube-traffic')), xds: await import('kube-traffic/xds') };

/** The inputs of one batch: deterministic in (case, seed). */
const batch = (c, seed) => fc.sample(badArgsArb(c, lib), { numRuns: BATCH, seed });

if (isMainThread) {
  const started = performance.now();
  const worker = new Worker(new URL(import.meta.url), { workerData: { total: TOTAL, seed: SEED } });
  let current = null;
  let lastBeat = performance.now();
  let done = false;
  worker.on('message', (m) => {
    lastBeat = performance.now();
    if (m.type === 'batch') current = m;
    else if (m.type === 'report') {
      done = true;
      clearInterval(timer);
      const failed = print(m, performance.now() - started);
      process.exitCode = failed ? 1 : 0;
    }
  });
  worker.on('error', (e) => {
    console.error('fuzz worker crashed:', e);
    process.exitCode = 1;
  });
  const timer = setInterval(() => {
    if (done || performance.now() - lastBeat < WATCHDOG_MS || current === null) return;
    clearInterval(timer);
    console.error(`HANG: no progress for ${WATCHDOG_MS} ms in ${current.name}, batch seed ${current.seed}, after index ${current.index}`);
    const c = CASES.find((x) => x.name === current.name);
    const inputs = batch(c, current.seed);
    console.error(`Counterexample (first candidate, index ${current.index}):\n${describeArgs(inputs[current.index] ?? [])}`);
    worker.terminate();
    process.exitCode = 1;
  }, 1000);
} else {
  const { total, seed } = workerData;
  const perCase = Math.ceil(total / CASES.length / BATCH) * BATCH;
  const stats = {};
  const failures = [];
  for (const [ci, c] of CASES.entries()) {
    const s = (stats[c.name] = { calls: 0, ok: 0, errors: {}, maxMs: 0, totalMs: 0, bugs: 0 });
    for (let b = 0; b * BATCH < perCase; b++) {
      const batchSeed = seed + ci * 100_003 + b;
      const inputs = batch(c, batchSeed);
      for (let i = 0; i < inputs.length; i++) {
        // One heartbeat per 50 calls keeps the message traffic small; the index is exact enough
        // for the watchdog to regenerate the candidate inputs.
        if (i % 50 === 0) parentPort.postMessage({ type: 'batch', name: c.name, seed: batchSeed, index: i });
        const args = inputs[i];
        const r = checkCall(lib, c, args);
        s.calls++;
        s.totalMs += r.ms;
        if (r.ms > s.maxMs) s.maxMs = r.ms;
        if (r.outcome === 'ok') s.ok++;
        else if (r.outcome === 'error') s.errors[r.code] = (s.errors[r.code] ?? 0) + 1;
        else {
          s.bugs++;
          if (failures.length < 5) failures.push({ name: c.name, seed: batchSeed, index: i, message: r.message, input: describeArgs(args) });
        }
      }
    }
  }
  parentPort.postMessage({ type: 'report', stats, failures });
}

function print({ stats, failures }, elapsed) {
  const rows = Object.entries(stats);
  const pad = (v, n) => String(v).padStart(n);
  console.log(`kube-traffic fuzz: ${rows.reduce((n, [, s]) => n + s.calls, 0).toLocaleString('en')} generated inputs, seed ${SEED}, ${(elapsed / 1000).toFixed(1)} s`);
  console.log(`${'function'.padEnd(26)} ${pad('calls', 7)} ${pad('returned', 8)} ${pad('errors', 7)} ${pad('max ms', 8)} ${pad('mean ms', 8)} ${pad('bugs', 5)}  errors by code`);
  const byCode = {};
  for (const [name, s] of rows) {
    const errors = Object.values(s.errors).reduce((a, b) => a + b, 0);
    for (const [code, n] of Object.entries(s.errors)) byCode[code] = (byCode[code] ?? 0) + n;
    const codes = Object.entries(s.errors)
      .sort((a, b) => b[1] - a[1])
      .map(([k, n]) => `${k} ${n}`)
      .join(', ');
    console.log(
      `${name.padEnd(26)} ${pad(s.calls, 7)} ${pad(s.ok, 8)} ${pad(errors, 7)} ${pad(s.maxMs.toFixed(1), 8)} ${pad((s.totalMs / s.calls).toFixed(3), 8)} ${pad(s.bugs, 5)}  ${codes}`,
    );
  }
  console.log(`errors by code (all functions): ${Object.entries(byCode).sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} ${n}`).join(', ')}`);
  console.log(`hang guard: every call under ${HANG_MS} ms (watchdog ${WATCHDOG_MS} ms for calls that never return)`);
  for (const f of failures) {
    console.error(`\nFAILURE in ${f.name} (batch seed ${f.seed}, index ${f.index}): ${f.message}\nCounterexample:\n${f.input}`);
  }
  const failed = failures.length > 0;
  console.log(failed ? 'FUZZ FAILED' : 'fuzz passed');
  return failed;
}
