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
  // The `kube-traffic` command (package.json `bin`): ESM only, no types. It is the only code
  // that imports `yaml`, which is bundled in (a devDependency), so the package installs nothing.
  {
    entry: { cli: 'src/cli/main.ts' },
    noExternal: ['yaml'],
    // yaml's CommonJS build requires Node built-ins; give the ESM bundle a real `require`.
    banner: {
      js: [
        `/*! Bundles yaml (https://github.com/eemeli/yaml):\n${readFileSync('node_modules/yaml/LICENSE', 'utf8').replaceAll('*/', '* /')}*/`,
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
