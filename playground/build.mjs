// Builds the browser playground into dist/playground/: index.html, app.js (the page's code, the
// kube-traffic library and the yaml parser, minified), app.css. Run: npm run build:playground.
// The folder is a static site: serve it from anywhere (GitHub Pages, a bucket, file server).
import { copyFile, mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Builds the site into `outdir` (default dist/playground) and returns the files written with
 * their raw and gzipped sizes in bytes.
 */
export async function buildPlayground(outdir = join(root, 'dist', 'playground')) {
  await rm(outdir, { recursive: true, force: true });
  await mkdir(outdir, { recursive: true });
  const yamlLicence = (await readFile(join(root, 'node_modules', 'yaml', 'LICENSE'), 'utf8')).replaceAll('*/', '* /');
  const pkg = JSON.parse(await readFile(join(root, 'package.json'), 'utf8'));
  await build({
    absWorkingDir: root,
    entryPoints: { app: 'playground/src/main.ts' },
    outdir,
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: ['es2022', 'chrome111', 'firefox113', 'safari16.4'],
    loader: { '.yaml': 'text' },
    // platform 'browser': a `node:` import anywhere in the graph fails the build, not the page.
    banner: { js: `/*! kube-traffic ${pkg.version} playground (Apache-2.0). Bundles yaml (https://github.com/eemeli/yaml):\n${yamlLicence}*/` },
    legalComments: 'inline',
    sourcemap: false,
    logLevel: 'warning',
  });
  // The report's style sheet (REPORT_CSS, scoped under .kt-report) joins the page's own: the
  // page's Content-Security-Policy allows no inline <style>.
  const css = await build({
    absWorkingDir: root,
    stdin: { contents: "import { REPORT_CSS } from './src/render/index.ts'; export default REPORT_CSS;", resolveDir: root, loader: 'ts' },
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    write: false,
    logLevel: 'warning',
  });
  const reportCss = (await import(`data:text/javascript;base64,${Buffer.from(css.outputFiles[0].text).toString('base64')}`)).default;
  await build({
    absWorkingDir: root,
    stdin: { contents: `${await readFile(join(root, 'playground', 'src', 'style.css'), 'utf8')}\n${reportCss}`, loader: 'css', resolveDir: root },
    outfile: join(outdir, 'app.css'),
    bundle: true,
    minify: true,
    logLevel: 'warning',
  });
  await copyFile(join(root, 'playground', 'index.html'), join(outdir, 'index.html'));
  const files = [];
  for (const name of ['index.html', 'app.js', 'app.css']) {
    const bytes = await readFile(join(outdir, name));
    files.push({ name, bytes: (await stat(join(outdir, name))).size, gzipped: gzipSync(bytes, { level: 9 }).length });
  }
  return files;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const files = await buildPlayground();
  const total = files.reduce((s, f) => s + f.gzipped, 0);
  for (const f of files) console.log(`dist/playground/${f.name.padEnd(10)} ${String(f.bytes).padStart(8)} B  ${String(f.gzipped).padStart(7)} B gzipped`);
  console.log(`total gzipped: ${(total / 1000).toFixed(1)} kB (budget 250 kB)`);
}
