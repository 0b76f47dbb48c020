import { readFileSync } from 'node:fs';
import { defineConfig } from 'tsup';

export default defineConfig([
  // The library: ESM + CJS + types, no runtime dependencies. `xds` is the `kube-traffic/xds`
  // subpath; code splitting (CJS too) keeps one copy of the core, so `KubeTrafficError` is the
  // same class whichever entry threw it. No source maps: the code is plain enough to read as built,
  // and the maps (sources embedded) were 2 MB of a 250 kB package.
  {
    entry: { index: 'src/index.ts', xds: 'src/xds/index.ts' },
    splitting: true,
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: false,
    clean: true,
    target: 'node20',
    treeshake: true,
  },
  // The `kube-traffic` and `kubectl-traffic` commands and kubectl's `kubectl_complete-traffic`
  // (package.json `bin`): ESM only, no types.
  // They are the only code that imports `js-yaml`, which is bundled in (a devDependency), so the
  // package installs nothing; the licences of what is bundled are in dist/THIRD-PARTY-NOTICES.txt.
  {
    entry: { cli: 'src/cli/bin.ts', 'kubectl-traffic': 'src/cli/plugin.ts', 'kubectl_complete-traffic': 'src/cli/kubectl-complete.ts' },
    outDir: 'dist',
    noExternal: ['js-yaml', '@kubernetes/client-node'],
    splitting: true,
    // Every bundled package's licence goes to dist/THIRD-PARTY-NOTICES.txt (from esbuild's metafile).
    metafile: true,
    onSuccess: async () => {
      const { writeNotices } = await import('./scripts/third-party-notices.mjs');
      writeNotices();
    },
    // CommonJS code in the bundle may require Node built-ins; give the ESM bundle a real `require`.
    banner: {
      js: [
        `/*! Bundles js-yaml (https://github.com/nodeca/js-yaml):\n${readFileSync('node_modules/js-yaml/LICENSE', 'utf8').replaceAll('*/', '* /')}*/`,
        "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
      ].join('\n'),
    },
    format: ['esm'],
    dts: false,
    sourcemap: false,
    clean: false,
    target: 'node20',
    treeshake: true,
  },
]);
