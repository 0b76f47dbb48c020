/**
 * Smoke test of the built package (run after `npm run build`, as `npm test` does): it must load
 * through its `exports` map both as ESM and as CommonJS and answer the same.
 */
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SMOKE_INPUT } from '../../scripts/smoke-input.mjs';

const distDir = new URL('../../dist/', import.meta.url);
const built = ['index.js', 'index.cjs', 'xds.js', 'xds.cjs'].every((f) => existsSync(new URL(f, distDir)));

const input = SMOKE_INPUT;

describe.runIf(built)('built package', () => {
  it('loads as ESM through the exports map', async () => {
    // A computed specifier: the typecheck (which runs before the build) must not need dist/.
    const specifier = 'kube-traffic';
    const esm = (await import(specifier)) as typeof import('../../src/index.js');
    const r = esm.categorizeEndpoints(input);
    expect(r.kind === 'proxied' && r.clusterEndpoints?.map((e) => e.key)).toEqual(['10.0.0.1:8080']);
    expect(() => esm.categorizeEndpoints({ ...input, port: 'nope' })).toThrow(esm.KubeTrafficError);
  });

  it('loads as CommonJS through the exports map and answers the same', () => {
    const require = createRequire(import.meta.url);
    const specifier = 'kube-traffic';
    const cjs = require(specifier) as typeof import('../../src/index.js');
    const r = cjs.categorizeEndpoints(input);
    expect(r.kind === 'proxied' && r.clusterEndpoints?.map((e) => e.key)).toEqual(['10.0.0.1:8080']);
    expect(typeof cjs.computeHints).toBe('function');
  });

  it('recognises an error thrown by the other build (isKubeTrafficError and instanceof)', async () => {
    const require = createRequire(import.meta.url);
    const specifier = 'kube-traffic';
    const cjs = require(specifier) as typeof import('../../src/index.js');
    const esm = (await import(specifier)) as typeof import('../../src/index.js');
    expect(cjs.KubeTrafficError).not.toBe(esm.KubeTrafficError);
    const caught = (f: () => unknown): unknown => {
      try {
        f();
      } catch (e) {
        return e;
      }
      return undefined;
    };
    const fromCjs = caught(() => cjs.categorizeEndpoints({ ...input, port: 'nope' }));
    const fromEsm = caught(() => esm.categorizeEndpoints({ ...input, port: 'nope' }));
    for (const lib of [esm, cjs]) {
      for (const e of [fromCjs, fromEsm]) {
        expect(lib.isKubeTrafficError(e)).toBe(true);
        expect(e instanceof lib.KubeTrafficError).toBe(true);
      }
      expect(lib.isKubeTrafficError(new Error('x'))).toBe(false);
      expect(lib.isKubeTrafficError({ code: 'invalid-type', path: '$' })).toBe(false);
      expect(new Error('x') instanceof lib.KubeTrafficError).toBe(false);
    }
  });

  it('kube-traffic/xds loads as ESM and CommonJS, and shares the core with kube-traffic (one KubeTrafficError)', async () => {
    const require = createRequire(import.meta.url);
    const [main, sub] = ['kube-traffic', 'kube-traffic/xds'];
    type Xds = typeof import('../../src/xds/index.js');
    const esm = (await import(sub)) as Xds;
    const cjs = require(sub) as Xds;
    for (const [xds, core] of [
      [esm, (await import(main)) as typeof import('../../src/index.js')],
      [cjs, require(main) as typeof import('../../src/index.js')],
    ] as const) {
      const r = xds.xdsResources(input);
      expect(r.kind === 'proxied' && r.clusterLoadAssignment.endpoints.flatMap((l) => l.lbEndpoints.map((e) => e.endpoint.address.socketAddress.address))).toEqual(['10.0.0.1']);
      expect(() => xds.xdsResources({ ...input, port: 'nope' })).toThrow(core.KubeTrafficError);
    }
  });
});

it('the build exists when the suite runs from npm test', () => {
  // `npm test` builds before running vitest; a missing build there is a packaging failure.
  if (process.env['npm_lifecycle_event'] === 'test') expect(built).toBe(true);
});
