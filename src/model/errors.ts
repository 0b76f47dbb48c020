/**
 * The one error class the library throws, and the problem records it carries.
 *
 * @module
 */

/**
 * Stable machine codes for input problems. Never renamed once released.
 *
 * - `invalid-type`: a field holds a value of the wrong JSON type.
 * - `required`: a field the rules cannot do without is missing.
 * - `invalid-value`: a field has the right type but a value the API would reject.
 * - `invalid-ip`: an address that is not an IP of the expected family.
 * - `invalid-quantity`: a CPU quantity that is not a Kubernetes `resource.Quantity`.
 * - `unknown-port`: the requested port is not one of the Service's ports.
 * - `unknown-gate`: a feature gate name no release knows.
 * - `unsupported-flow`: the flow asks for a path the port does not expose (no node port, no external IP).
 * - `unknown-profile`: a deviation profile name or version the library does not know (the message lists the known ones).
 * - `profile-not-pinned`: the profile's pinned source does not settle this input or flow, so the library refuses to guess.
 *
 * @category errors
 * @example
 * ```ts
 * try { categorizeEndpoints({ ...input, port: 'grpc' }); } catch (e) { if (isKubeTrafficError(e)) e.code; } // => 'unknown-port'
 * ```
 */
export type ErrorCode =
  | 'invalid-type'
  | 'required'
  | 'invalid-value'
  | 'invalid-ip'
  | 'invalid-quantity'
  | 'unknown-port'
  | 'unknown-gate'
  | 'unsupported-flow'
  | 'unknown-profile'
  | 'profile-not-pinned';

/**
 * One thing wrong with an input, with the JSON path of the field at fault.
 *
 * @category errors
 * @example
 * ```ts
 * const problem: InputProblem = {
 *   code: 'invalid-type',
 *   path: '$.service.spec.ports[0].port',
 *   expected: 'a number',
 *   received: 'string "80"',
 *   message: '$.service.spec.ports[0].port: expected a number, found string "80"',
 * };
 * ```
 */
export interface InputProblem {
  readonly code: ErrorCode;
  /** JSON path of the field at fault, rooted at the call's argument (`$.service.spec`). */
  readonly path: string;
  /** What the field should hold. */
  readonly expected: string;
  /** What it holds, briefly described. */
  readonly received: string;
  /** `path: expected …, found …`. */
  readonly message: string;
}

/**
 * The brand every {@link KubeTrafficError} carries. `Symbol.for` gives the ESM and the CJS build
 * (and two copies of the package in one process) the same symbol, so the check works across them.
 */
const BRAND: unique symbol = Symbol.for('kube-traffic.KubeTrafficError') as never;

/**
 * True when `value` is a {@link KubeTrafficError} thrown by any copy of this library: the ESM or
 * the CJS build, or another installed version. Prefer it to `instanceof`, which compares one
 * class object (though `instanceof KubeTrafficError` also checks the brand, so it agrees).
 *
 * @param value - anything caught
 * @returns whether it is a `KubeTrafficError` (narrowed)
 * @category errors
 * @example
 * ```ts
 * try {
 *   categorizeEndpoints({ ...input, port: 'grpc' });
 * } catch (e) {
 *   if (isKubeTrafficError(e)) console.log(e.code, e.path); // => 'unknown-port' '$.port'
 *   else throw e;
 * }
 * ```
 */
export function isKubeTrafficError(value: unknown): value is KubeTrafficError {
  return typeof value === 'object' && value !== null && (value as { [BRAND]?: unknown })[BRAND] === true;
}

/**
 * Thrown for input that no Kubernetes API server would accept or that cannot be answered.
 * `code` and `path` are those of the first problem; `problems` lists all that were found.
 * Test for it with {@link isKubeTrafficError}; `instanceof` works too, across the ESM and CJS
 * builds, because it checks the same brand.
 *
 * @category errors
 * @example
 * ```ts
 * try {
 *   categorizeEndpoints({ service: {}, endpointSlices: [], node: { name: 'n' }, port: 'http' });
 * } catch (e) {
 *   if (isKubeTrafficError(e)) console.log(e.code, e.path); // => 'required' '$.service.spec'
 * }
 * ```
 */
export class KubeTrafficError extends Error {
  /** Brand: `instanceof` and {@link isKubeTrafficError} agree across builds. */
  static override [Symbol.hasInstance](value: unknown): boolean {
    return isKubeTrafficError(value);
  }

  /** @internal */
  readonly [BRAND] = true;
  override readonly name = 'KubeTrafficError';
  /** Code of the first problem. */
  readonly code: ErrorCode;
  /** JSON path of the first problem. */
  readonly path: string;
  /** Every problem found in the input, in the order found. */
  readonly problems: readonly InputProblem[];

  constructor(problems: readonly InputProblem[]) {
    const first = problems[0];
    if (first === undefined) throw new RangeError('KubeTrafficError needs at least one problem');
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more problem${problems.length > 2 ? 's' : ''})` : '';
    super(first.message + more);
    this.code = first.code;
    this.path = first.path;
    this.problems = Object.freeze([...problems]);
  }
}

/** Describes a received value briefly for a message: its type and a short preview. */
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return `an array of ${value.length}`;
  switch (typeof value) {
    case 'string': {
      const shown = value.length > 40 ? `${value.slice(0, 40)}…` : value;
      return `string ${JSON.stringify(shown)}`;
    }
    case 'number':
    case 'boolean':
    case 'bigint':
      return `${typeof value} ${String(value)}`;
    case 'object':
      return 'an object';
    default:
      return typeof value;
  }
}

/** Builds one problem record. */
export function problem(code: ErrorCode, path: string, expected: string, received: string): InputProblem {
  return { code, path, expected, received, message: `${path}: expected ${expected}, found ${received}` };
}
