import { defineConfig } from 'tsup';

export default defineConfig([
  // The library: ESM + CJS + types, no runtime dependencies.
  {
    entry: ['src/index.ts'],
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: true,
    clean: true,
    target: 'node20',
    treeshake: true,
  },
  // The `kube-traffic` command (package.json `bin`): ESM only, no types; the only code that
  // imports `yaml` (a dependency, so it stays external).
  {
    entry: { cli: 'src/cli/main.ts' },
    format: ['esm'],
    dts: false,
    sourcemap: true,
    clean: false,
    target: 'node20',
    treeshake: true,
  },
]);
