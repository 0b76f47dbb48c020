// Runs every benchmark script in its own process (so one cannot warm or pollute another's heap),
// prints their tables, and exits non-zero when any of them missed a floor or failed.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const scripts = process.argv.slice(2).length > 0 ? process.argv.slice(2) : ['proxy.mjs', 'hints.mjs', 'simulate.mjs', 'large.mjs', 'xds.mjs', 'cli.mjs'];
const failed = [];
for (const s of scripts) {
  // --expose-gc lets the memory rows measure retained heap after a forced collection.
  const r = spawnSync(process.execPath, ['--expose-gc', join(here, s)], { stdio: 'inherit' });
  if (r.status !== 0) failed.push(`${s} (exit ${r.status ?? r.signal})`);
}
if (failed.length > 0) {
  console.error(`\nbench: ${failed.join(', ')}`);
  process.exit(1);
}
