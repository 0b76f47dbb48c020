/**
 * dist/THIRD-PARTY-NOTICES.txt names every package bundled into the commands with its licence
 * text, and the npm package ships it. The bundled packages are found independently of the
 * generator: esbuild marks each bundled module with a `// node_modules/…` comment.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { licenceText, packageDir } from '../../scripts/third-party-notices.mjs';
import { built, root } from './helpers.js';

const dist = join(root, 'dist');
const notices = join(dist, 'THIRD-PARTY-NOTICES.txt');

/** Package directories of every module bundled into the built commands' files. */
function bundledPackages(): string[] {
  const files = readdirSync(dist).filter((f) => f.endsWith('.js'));
  const dirs = new Set<string>();
  for (const f of files) {
    for (const m of readFileSync(join(dist, f), 'utf8').matchAll(/^\/\/ (\S*node_modules\/\S+)$/gm)) {
      const dir = packageDir(m[1]!);
      if (dir !== null) dirs.add(dir);
    }
  }
  return [...dirs].sort();
}

describe.runIf(built)('dist/THIRD-PARTY-NOTICES.txt', () => {
  it('names every bundled package with its version and its whole licence text', () => {
    expect(existsSync(notices)).toBe(true);
    const text = readFileSync(notices, 'utf8');
    const packages = bundledPackages();
    // js-yaml, the Kubernetes client and what the client bundles (about 30 packages today).
    // (paths are relative to the checkout; a linked node_modules puts ../ before them)
    expect(packages.some((d) => d.endsWith('node_modules/js-yaml'))).toBe(true);
    expect(packages.some((d) => d.endsWith('node_modules/@kubernetes/client-node'))).toBe(true);
    expect(packages.length).toBeGreaterThan(10);
    for (const dir of packages) {
      const l = licenceText(join(root, dir));
      expect(text, `${l.name}@${l.version}`).toContain(`${l.name}@${l.version} (${l.license})\n${'-'.repeat(72)}\n${l.text}\n`);
    }
    // esbuild does not mark every module (some follow another's code unmarked), so the file may
    // name more than the markers show (jsonpath-plus, agent-base): every one it names is a real
    // package with its own licence text. No metafile is left behind in dist/.
    const named = [...text.matchAll(/^(\S+)@(\S+) \((.*)\)\n-{72}\n/gm)];
    expect(named.length).toBeGreaterThanOrEqual(packages.length);
    expect(named.map((m) => m[1])).toContain('jsonpath-plus');
    expect(readdirSync(dist).filter((f) => f.startsWith('metafile-'))).toEqual([]);
  });

  it('a licence file is found for every bundled package but those that ship none (stream-buffers: Unlicense)', () => {
    const missing = bundledPackages().map((d) => licenceText(join(root, d))).filter((l) => l.text.startsWith('(the package ships no licence file'));
    expect(missing.map((l) => `${l.name} ${l.license}`)).toEqual(['stream-buffers Unlicense']);
  });

  it('is in the npm package', () => {
    const r = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: root, encoding: 'utf8' });
    expect(r.status).toBe(0);
    const [pack] = JSON.parse(r.stdout) as { files: { path: string }[] }[];
    expect(pack!.files.map((f) => f.path)).toContain('dist/THIRD-PARTY-NOTICES.txt');
  });
});
