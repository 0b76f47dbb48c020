/**
 * Bugs the robustness fuzz found in code other engineers own right now (src/proxy,
 * src/controller): not fixed here. Each `it.fails` passes while the bug is there; when the owner
 * fixes it the test fails, and the `.fails` (and the matching KNOWN_BUGS entry in
 * bench/fuzz-inputs.mjs) should be removed.
 */
import { describe, expect, it } from 'vitest';
import { loadObjects } from '../../src/cli/load.js';
import { KubeTrafficError, computeHints, parseQuantity } from '../../src/index.js';

/** Passes only when `call` returns or throws a KubeTrafficError. */
function onlyKubeTrafficError(call: () => unknown): void {
  try {
    call();
  } catch (e) {
    expect(e).toBeInstanceOf(KubeTrafficError);
  }
}

describe('known bugs (reported, owners fixing)', () => {
  // src/controller/quantity.ts: `QUANTITY.exec(text.trim())` on a non-string.
  // TypeError: text.trim is not a function (null: Cannot read properties of null (reading 'trim')).
  // Suggested fix: `if (typeof text !== 'string') throw new KubeTrafficError([problem('invalid-type', '$', 'a quantity string', describe(text))]);`
  it.fails('parseQuantity(42) throws a KubeTrafficError, not a TypeError', () => {
    onlyKubeTrafficError(() => parseQuantity(42 as never));
  });
  it.fails('parseQuantity(null) throws a KubeTrafficError, not a TypeError', () => {
    onlyKubeTrafficError(() => parseQuantity(null as never));
  });

  // src/controller/edits.ts applySliceEdits (line ~129): `(source.endpoints ?? []).map(...)` on the
  // caller's endpoints array of a slice whose hints change. An array with
  // an own `constructor` key (possible from code, not from JSON) makes Array#map read it as the
  // species: TypeError: object.constructor[Symbol.species] is not a constructor.
  // Suggested fix: `Array.from(source.endpoints ?? [], f)` instead of `.map(f)` (as src/simulate/changes.ts now does).
  it.fails('computeHints on an endpoints array with an own constructor key', () => {
    const endpoints = Object.defineProperty([{ addresses: ['10.0.0.1'], zone: 'zone-a', conditions: { ready: true } }], 'constructor', { value: 7, enumerable: true });
    const slices = [{ metadata: { name: 'w', namespace: 'shop', labels: { 'kubernetes.io/service-name': 'web' } }, addressType: 'IPv4', endpoints }];
    onlyKubeTrafficError(() => computeHints({ service: { metadata: { name: 'web', namespace: 'shop' }, spec: { trafficDistribution: 'PreferClose' } }, endpointSlices: slices, nodes: [] }));
  });

  // src/cli/load.ts classify() recurses once per nesting level of arrays (and List items): a
  // document that is a 10^5-deep array overflows the stack (RangeError: Maximum call stack size
  // exceeded) instead of a LoadError. JSON.parse itself handles the depth.
  // Suggested fix: an explicit stack (push [value, path] pairs, pop until empty) instead of recursion.
  it.fails('the CLI loader on a 10^5-deep nested array', () => {
    const text = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    expect(() => loadObjects([{ name: 'deep.json', text }])).not.toThrow(RangeError);
  });
});
