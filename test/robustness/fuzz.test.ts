/**
 * Robustness fuzz (small budget; `npm run fuzz` runs 100,000+ inputs against the built package).
 * Generators and checks live in ONE module, bench/fuzz-inputs.mjs, shared with bench/fuzz.mjs;
 * its header lists the invariants asserted on every call:
 *  1. returns, or throws a well-formed KubeTrafficError (documented code, `$` path in the message);
 *  2. no prototype pollution; 3. deep-frozen inputs (so never mutated); 4. the whole result,
 *  lazy getters included, is readable; 5. the result shares no input object except where
 *  copy-on-write is documented (computeHints slices/endpoints, applyScenarioChange, the change
 *  objects echoed by compareScenarios); 6. no call over 2 s.
 * Test/proxy/errors.test.ts keeps its proxy-only cases; this file covers every decision function.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as lib from '../../src/index.js';
import * as xds from '../../src/xds/index.js';
import {
  CASES,
  NASTY,
  type FuzzCase,
  argumentArb,
  checkCall,
  describeArgs,
  errorProblem,
  mutatedArb,
  prototypeProblem,
  validArb,
} from '../../bench/fuzz-inputs.mjs';

/** What the cases call: the library and its `kube-traffic/xds` entry. */
const fuzzLib = { ...lib, xds };
const validOf = (c: FuzzCase) => validArb(c, fuzzLib);

/** Fails with the counterexample unless every invariant holds. */
function holds(c: FuzzCase, args: unknown[]): void {
  const r = checkCall(fuzzLib, c, args);
  if (r.outcome !== 'bug') return;
  throw new Error(`${c.name}: ${r.message}\n${describeArgs(args)}`);
}

const RUNS = { valid: 60, mutated: 150, argument: 60 };

describe.each(CASES.map((c) => [c.name, c] as const))('%s', (_, c) => {
  it('valid inputs', () => {
    fc.assert(fc.property(validOf(c), (args) => holds(c, args)), { numRuns: RUNS.valid });
  });
  it('valid inputs with one value replaced, a key deleted or a __proto__/constructor key added', () => {
    fc.assert(fc.property(mutatedArb(validOf(c)), (args) => holds(c, args)), { numRuns: RUNS.mutated });
  });
  it('arbitrary values (JSON, fc.anything, null, huge, unicode, deep) in every argument position', () => {
    fc.assert(fc.property(argumentArb(validOf(c)), (args) => holds(c, args)), { numRuns: RUNS.argument });
  });
  it('an unfrozen (JSON) input is left exactly as it was', () => {
    // Frozen inputs (above) cannot be written; this also catches writes a frozen input would hide
    // (e.g. behind a try/catch). JSON-shaped inputs so that JSON text compares them exactly.
    fc.assert(
      fc.property(fc.oneof(validOf(c), mutatedArb(validOf(c))), (generated) => {
        let text: string | undefined;
        try {
          text = JSON.stringify(generated);
        } catch {
          return; // not JSON (bigint): nothing to compare
        }
        if (text === undefined) return;
        const args = JSON.parse(text) as unknown[];
        try {
          c.call(fuzzLib, args);
        } catch {
          // Only mutation is checked here.
        }
        expect(JSON.stringify(args)).toBe(text);
      }),
      { numRuns: 40 },
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Deep nesting: nothing recursive may overflow the stack (Node's default stack). A 10^5-deep
// array or object in any position is reported (or ignored), never a RangeError.

describe('deep nesting and huge values', () => {
  const service = { metadata: { name: 'web', namespace: 'shop' }, spec: { clusterIP: '10.96.0.10', ports: [{ name: 'http', port: 80 }] } };
  const slice = {
    metadata: { name: 'web-1', namespace: 'shop', labels: { 'kubernetes.io/service-name': 'web' } },
    addressType: 'IPv4',
    ports: [{ name: 'http', port: 8080 }],
    endpoints: [{ addresses: ['10.1.0.1'], zone: 'zone-a', conditions: { ready: true } }],
  };
  const deepArray = NASTY.deepArray(100_000);
  const deepObject = NASTY.deepObject(100_000);
  const huge = NASTY.hugeString();

  const expectError = (call: () => unknown, path: string): void => {
    let error: unknown;
    try {
      call();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(lib.KubeTrafficError);
    const e = error as lib.KubeTrafficError;
    expect(errorProblem(e)).toBeNull();
    expect(e.problems.map((p) => p.path)).toContain(path);
  };

  it.each([
    ['an array', deepArray],
    ['an object', deepObject],
  ])('a label value that is a 10^5-deep %s', (_, deep) => {
    const labels = { 'kubernetes.io/service-name': 'web', deep };
    expectError(() => lib.categorizeEndpoints({ service, endpointSlices: [{ ...slice, metadata: { ...slice.metadata, labels } as never }], node: { name: 'n' } }), '$.endpointSlices[0].metadata.labels.deep');
    expectError(() => lib.computeHints({ service: { ...service, metadata: { ...service.metadata, annotations: { deep } as never } }, endpointSlices: [slice], nodes: [] }), '$.service.metadata.annotations.deep');
    expectError(() => lib.simulateTraffic({ service, endpointSlices: [slice], nodes: [{ metadata: { name: 'n', labels: { deep } as never } }] }), '$.nodes[0].metadata.labels.deep');
  });

  it('10^5-deep values in every top-level position of every function', () => {
    for (const c of CASES) {
      for (const deep of [deepArray, deepObject]) {
        const valid = fc.sample(validOf(c), { numRuns: 1, seed: 42 })[0]!;
        for (let i = 0; i < valid.length; i++) holds(c, valid.map((a, j) => (j === i ? deep : a)));
        // And one level down: a deep value as each field of the first argument.
        const first = valid[0];
        if (typeof first === 'object' && first !== null && !Array.isArray(first)) {
          for (const k of Object.keys(first)) holds(c, [{ ...first, [k]: deep }, ...valid.slice(1)]);
        }
      }
    }
    // ~200 calls, each freezing and re-reading a 10^5-deep value for the invariants (about 0.5 s a
    // call on a loaded 2-core machine, most of it in the checks, not the library): more than the
    // suite's 60 s default. Each call's own 2 s limit is still asserted by checkCall.
  }, 300_000);

  it('a 1 MiB string and a 10^5-long address list', () => {
    expectError(() => lib.categorizeEndpoints({ service, endpointSlices: [{ ...slice, endpoints: [{ addresses: [huge] }] }], node: { name: 'n' } }), '$.endpointSlices[0].endpoints[0].addresses[0]');
    const e = (() => {
      try {
        lib.categorizeEndpoints({ service, endpointSlices: [{ ...slice, endpoints: [{ addresses: [huge] }] }], node: { name: 'n' } });
      } catch (x) {
        return x as lib.KubeTrafficError;
      }
      return undefined;
    })();
    // Messages quote a short preview, not the megabyte.
    expect(e!.message.length).toBeLessThan(400);
    const r = lib.categorizeEndpoints({ service, endpointSlices: [{ ...slice, endpoints: [{ addresses: NASTY.longArray() }] }], node: { name: 'n' } });
    expect(r.kind === 'proxied' && r.clusterEndpoints?.length).toBe(1);
    holds(CASES.find((c) => c.name === 'parseIP')!, [huge]);
    holds(CASES.find((c) => c.name === 'parseQuantity')!, ['9'.repeat(1 << 16)]);
  });

  it('__proto__ maps from JSON.parse everywhere a map is read', () => {
    const evil = NASTY.protoPolluter();
    for (const c of CASES) {
      const valid = fc.sample(validOf(c), { numRuns: 20, seed: 7 });
      for (const args of valid) {
        for (const p of ['labels', 'annotations', 'allocatable', 'gates', 'byZone', 'hints']) {
          const evilKeys = '"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}},"prototype":{"polluted":"yes"}';
          const text = JSON.stringify(args).replace(new RegExp(`"${p}":\\{(\\}?)`, 'g'), (_m, empty: string) => `"${p}":{${evilKeys}${empty === '' ? ',' : '}'}`);
          holds(c, JSON.parse(text) as unknown[]);
        }
        holds(c, args.map((a, i) => (i === 0 ? evil : a)));
      }
    }
    expect(prototypeProblem()).toBeNull();
  });
});
