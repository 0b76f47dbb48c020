// xDS end-to-end benchmark: the run of test/xds/e2e-child.mjs (42 grpc-js-xds clients, one per
// node × Service of examples/cluster.json, 1,000 calls each, then four endpoint changes), timed
// from spawning its process to its exit (so with its worker processes' start-up).
// Run after `npm run build` (the child imports the built package):
//   npm run build --silent && node bench/xds.mjs
// Floor (issue 18): the whole run under 30 s.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { report as table } from './floors.mjs';

const child = fileURLToPath(new URL('../test/xds/e2e-child.mjs', import.meta.url));
const t0 = Date.now();
const run = spawnSync(process.execPath, [child], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
const wall = Date.now() - t0;
if (run.status !== 0) throw new Error(`test/xds/e2e-child.mjs failed (exit ${run.status ?? run.signal}): ${run.stderr}`);
const report = JSON.parse(run.stdout);
if (report.error) throw new Error(report.error);
const calls = report.pairs.reduce((n, p) => n + p.calls, 0) + report.moves.reduce((n, m) => n + (m.calls ?? 0), 0);
const moved = report.moves.map((m) => `${m.movedMs} ms`).join(', ');
console.log('xDS end to end (grpc-js-xds clients, loopback ADS and backends)');
console.log(`  ${report.pairs.length} node × Service pairs, ${calls} calls counted`);
console.log(`  all pairs answered:  ${(report.timings.allPairsMs / 1000).toFixed(1)} s`);
console.log(`  traffic moved after an endpoint change: ${moved}`);
const t = report.timings;
const s = (ms) => `${(ms / 1000).toFixed(1)} s`;
console.log(`  CPU: ADS server ${s(t.cpuMs)}, clients ${t.clientsCpuMs.map(s).join(' + ')}, backends ${s(t.backendsCpuMs)}`);
// Through the shared table, so a missed floor fails `npm run bench` like every other row.
table('xDS end to end', [
  { name: 'all pairs answered', value: t.allPairsMs / 1000, unit: 's' },
  { name: 'whole run (process wall time)', value: wall / 1000, unit: 's', floor: 30 },
]);
