/**
 * Smoke test of the built package on whatever Node runs it (the tests run it under Node 22 and
 * 24): the library loads through its exports map as ESM and as CommonJS and answers the same,
 * the library entry imports nothing, and both commands run on the example dump. Prints
 * "smoke ok <version>" and exits 0, or throws.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { SMOKE_INPUT as input } from './smoke-input.mjs';

const root = fileURLToPath(new URL('../', import.meta.url));
const esm = await import('kube-traffic');
const cjs = createRequire(import.meta.url)('kube-traffic');
for (const lib of [esm, cjs]) {
  const r = lib.categorizeEndpoints(input);
  assert.deepEqual(r.clusterEndpoints.map((e) => e.key), ['10.0.0.1:8080']);
}
for (const file of ['dist/index.js', 'dist/index.cjs']) {
  const text = readFileSync(`${root}${file}`, 'utf8');
  assert.ok(!/^import .* from ['"]/m.test(text) && !/require\(['"](?!\.)/.test(text), `${file} imports nothing`);
}
for (const bin of ['dist/cli.js', 'dist/kubectl-traffic.js']) {
  const r = spawnSync(process.execPath, [bin, 'explain', '-f', 'examples/cluster.yaml', '-o', 'json'], { cwd: root, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(JSON.parse(r.stdout).length, 6);
}
// kubectl's completion helper answers in Cobra's format.
const complete = spawnSync(process.execPath, ['dist/kubectl_complete-traffic.js', 'sel'], { cwd: root, encoding: 'utf8' });
assert.equal(complete.stdout, 'select\n:4\n', complete.stderr);
console.log(`smoke ok ${process.version}`);
