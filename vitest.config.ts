import { configDefaults, defineConfig } from 'vitest/config';

// Tests that drive real gRPC clients and servers in child processes (test/xds/): heavy on a small
// machine, so they run as a second group, after every other test file, one file at a time.
const PROCESS_TESTS = ['test/xds/e2e.test.ts', 'test/xds/example.test.ts'];

export default defineConfig({
  test: {
    // A guard against hangs, not a speed check (speed is `npm run bench`'s): on a 2-core machine
    // shared with other work, the heaviest property and fuzz tests can take over a minute.
    testTimeout: 180_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts'],
          exclude: [...configDefaults.exclude, ...PROCESS_TESTS],
          typecheck: { enabled: true, include: ['test/**/*.test-d.ts'] },
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: {
          name: 'processes',
          include: PROCESS_TESTS,
          fileParallelism: false,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
