/**
 * Writes dist/THIRD-PARTY-NOTICES.txt: the name, version, licence and licence text of every npm
 * package bundled into the commands (js-yaml, @kubernetes/client-node and the packages it uses),
 * read from esbuild's metafile (tsup `metafile: true` on the CLI build), which is then removed.
 * tsup runs it after the CLI build (onSuccess); test/cli/notices.test.ts checks the file against
 * the `// node_modules/…` markers esbuild leaves in the built code.
 */
import { existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The package directory (`node_modules/@scope/name`, nested ones kept) of a bundled input path, or null. */
export function packageDir(input) {
  const parts = input.split('/');
  const i = parts.lastIndexOf('node_modules');
  if (i < 0 || parts[i + 1] === undefined) return null;
  const name = parts[i + 1].startsWith('@') ? `${parts[i + 1]}/${parts[i + 2]}` : parts[i + 1];
  return [...parts.slice(0, i + 1), name].join('/');
}

/** The licence text of a package directory: its LICENSE/LICENCE/COPYING file, else what package.json says. */
export function licenceText(dir) {
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  const file = readdirSync(dir).find((f) => /^(licen[cs]e|copying)(\.|-|$)/i.test(f));
  const text = file === undefined ? `(the package ships no licence file; its package.json declares ${pkg.license ?? 'no licence'})` : readFileSync(join(dir, file), 'utf8').trim();
  return { name: pkg.name, version: pkg.version, license: pkg.license ?? 'see the text', text };
}

export function writeNotices(dist = 'dist') {
  const metafiles = readdirSync(dist).filter((f) => /^metafile-.*\.json$/.test(f));
  const dirs = new Set();
  for (const m of metafiles) {
    const meta = JSON.parse(readFileSync(join(dist, m), 'utf8'));
    // Only what reached the output: an input tree-shaken to nothing is not bundled.
    for (const output of Object.values(meta.outputs)) {
      for (const [input, use] of Object.entries(output.inputs)) {
        const dir = use.bytesInOutput > 0 ? packageDir(input) : null;
        if (dir !== null) dirs.add(dir);
      }
    }
    rmSync(join(dist, m));
  }
  if (dirs.size === 0) throw new Error('third-party-notices: the metafile names no bundled package (is metafile: true set on the CLI build?)');
  const sections = [...dirs].sort().map((dir) => {
    const l = licenceText(dir);
    return `${l.name}@${l.version} (${l.license})\n${'-'.repeat(72)}\n${l.text}\n`;
  });
  writeFileSync(
    join(dist, 'THIRD-PARTY-NOTICES.txt'),
    `The kube-traffic commands (dist/cli.js, dist/kubectl-traffic.js and the chunks they load) bundle\nthe ${sections.length} packages below, each under its own licence, reproduced here. The library\n(dist/index.*, dist/xds.*) bundles none.\n\n${sections.join('\n')}`,
  );
  return sections.length;
}

if (import.meta.url === `file://${process.argv[1]}` && existsSync('dist')) console.log(`${writeNotices()} packages`);
