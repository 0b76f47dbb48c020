/**
 * The kinds and API versions the library reads: core/v1 Service and Node, discovery.k8s.io/v1
 * EndpointSlice. Objects without `kind` / `apiVersion` are accepted (list items from the API
 * server and `@kubernetes/client-node` objects lack them); present and different is an error.
 *
 * @module
 */
import { type Reader, at, isRec } from './read.js';

/**
 * An object kind the library reads.
 *
 * @category input
 * @example
 * ```ts
 * const kind: ObjectKind = 'EndpointSlice';
 * ```
 */
export type ObjectKind = 'Service' | 'EndpointSlice' | 'Node';

/**
 * The `apiVersion` each {@link ObjectKind} must have when it says which it has.
 *
 * @category input
 * @example
 * ```ts
 * EXPECTED_API_VERSIONS.EndpointSlice; // => 'discovery.k8s.io/v1'
 * ```
 */
export const EXPECTED_API_VERSIONS: Readonly<Record<ObjectKind, string>> = Object.freeze({
  Service: 'v1',
  EndpointSlice: 'discovery.k8s.io/v1',
  Node: 'v1',
});

/**
 * Why an object is not the kind a field expects: the field (`kind` or `apiVersion`), what it
 * should hold and what it holds.
 *
 * @category input
 * @example
 * ```ts
 * const m: KindMismatch = { field: 'apiVersion', expected: 'discovery.k8s.io/v1', found: 'discovery.k8s.io/v1beta1' };
 * ```
 */
export interface KindMismatch {
  readonly field: 'kind' | 'apiVersion';
  readonly expected: string;
  readonly found: unknown;
}

/**
 * Checks an object's `kind` and `apiVersion` against `kind`. Absent, `null` or `""` fields are
 * accepted (Go omits them when empty; list items and client objects lack them). This is the
 * check every reader of the library applies, exported so that loaders (the CLI's) can keep only
 * what the library reads and say what they dropped.
 *
 * @param value - the object as given
 * @param kind - the kind the field expects
 * @returns `null` when it fits, else the first field that does not
 * @category input
 * @example
 * ```ts
 * kindMismatch({ apiVersion: 'discovery.k8s.io/v1beta1', kind: 'EndpointSlice' }, 'EndpointSlice');
 * // => { field: 'apiVersion', expected: 'discovery.k8s.io/v1', found: 'discovery.k8s.io/v1beta1' }
 * kindMismatch({ apiVersion: 'serving.knative.dev/v1', kind: 'Service' }, 'Service');
 * // => { field: 'apiVersion', expected: 'v1', found: 'serving.knative.dev/v1' }
 * kindMismatch({ metadata: { name: 'web' } }, 'Service'); // => null
 * ```
 */
export function kindMismatch(value: unknown, kind: ObjectKind): KindMismatch | null {
  if (!isRec(value)) return null;
  const k = value['kind'];
  if (k !== undefined && k !== null && k !== '' && k !== kind) return { field: 'kind', expected: kind, found: k };
  const v = value['apiVersion'];
  const expected = EXPECTED_API_VERSIONS[kind];
  if (v !== undefined && v !== null && v !== '' && v !== expected) return { field: 'apiVersion', expected, found: v };
  return null;
}

/**
 * Records a {@link kindMismatch} of `value` (at `path`) in `reader`: `invalid-type` when the
 * field is not a string, else `invalid-value`. Returns whether the object fits.
 *
 * @internal
 */
export function checkKind(reader: Reader, value: unknown, kind: ObjectKind, path: string): boolean {
  const m = kindMismatch(value, kind);
  if (m === null) return true;
  const where = at(path, m.field);
  const expected = m.field === 'kind' ? `kind ${kind} (${EXPECTED_API_VERSIONS[kind]})` : `apiVersion ${m.expected} for a ${kind}`;
  if (typeof m.found !== 'string') reader.fail('invalid-type', where, expected, m.found);
  else reader.fail('invalid-value', where, expected, m.found);
  return false;
}
