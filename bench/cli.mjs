/**
 * The command line on a large dump: 1,000 Services (one EndpointSlice of 8 endpoints each) and
 * 500 Nodes with the fields a real API server prints, as YAML (~12 MB) and as JSON. Times one
 * `select` end to end (process start, reading, parsing, the library) and its peak memory, best
 * of five runs. Targets (issue 15): YAML ≤ 1 s and ≤ 300 MB, and no slower than 2× JSON.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { largeDump } from './cli-dump.mjs';
import { report } from './floors.mjs';

const dir = mkdtempSync(join(tmpdir(), 'kt-bench-'));
try {
  const dump = largeDump();
  const files = { yaml: join(dir, 'big.yaml'), json: join(dir, 'big.json') };
  writeFileSync(files.yaml, dump.yaml);
  writeFileSync(files.json, dump.json);
  console.log(`cli: dump of 1,000 Services, 1,000 EndpointSlices, 500 Nodes: YAML ${(dump.yaml.length / 1e6).toFixed(1)} MB, JSON ${(dump.json.length / 1e6).toFixed(1)} MB`);
  const results = {};
  for (const [format, file] of Object.entries(files)) {
    let best = { ms: Infinity, rss: 0 };
    // CPU time (the least of the five) beside wall time: on a shared machine it moves less with load.
    let cpu = Infinity;
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      const r = spawnSync(process.execPath, ['--import', new URL('./rss-hook.mjs', import.meta.url).pathname, 'dist/cli.js', 'select', 'svc-7', '-n', 'team-7', '--node', 'node-3', '-f', file, '-o', 'json'], { encoding: 'utf8' });
      const ms = performance.now() - t0;
      if (r.status !== 0) throw new Error(`select on ${format} failed (${r.status}): ${r.stderr}`);
      const rss = Number(/\[peak-rss-kb (\d+)\]/.exec(r.stderr)?.[1] ?? 0) / 1024;
      cpu = Math.min(cpu, Number(/\[cpu-us (\d+)\]/.exec(r.stderr)?.[1] ?? NaN) / 1000);
      if (ms < best.ms) best = { ms, rss };
    }
    results[format] = { ...best, cpu };
    console.log(`  select -f big.${format}: ${best.ms.toFixed(0)} ms, peak ${best.rss.toFixed(0)} MB (best of 5); CPU ${cpu.toFixed(0)} ms (least of 5)`);
  }
  // Floors and earlier figures from issue 15 (4.7–5.5 s and 800 MB for YAML before the parser change).
  report('cli: select on the 12 MB dump, end to end (best of 5)', [
    { name: 'select -f big.yaml, wall time', value: results.yaml.ms, unit: 'ms', floor: 1000, earlier: 5100 },
    { name: 'select -f big.yaml, peak memory', value: results.yaml.rss, unit: 'MB', floor: 300, earlier: 800 },
    { name: 'select -f big.json, wall time', value: results.json.ms, unit: 'ms', earlier: 200 },
    { name: 'YAML time / JSON time', value: results.yaml.ms / results.json.ms, unit: '×', floor: 2 },
    // Not floors (the are wall time on a quiet machine): for comparing runs under load.
    { name: 'select -f big.yaml, CPU time', value: results.yaml.cpu, unit: 'ms' },
    { name: 'select -f big.json, CPU time', value: results.json.cpu, unit: 'ms' },
    { name: 'YAML CPU / JSON CPU', value: results.yaml.cpu / results.json.cpu, unit: '×' },
  ]);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
