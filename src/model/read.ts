/**
 * Checked reading of untyped input. Every reader records a problem (with the JSON path of the
 * field at fault) instead of throwing, so that one call reports every problem of its input;
 * `finish()` throws them together as one {@link KubeTrafficError}. Paths are only built when a
 * problem is found, which keeps reading 100,000 endpoints cheap.
 *
 * @module
 * @internal
 */
import { describe, type ErrorCode, type InputProblem, KubeTrafficError, problem } from './errors.js';

/** A record or array whose members are read by key. */
export type Container = { readonly [key: string]: unknown } | readonly unknown[];
/** A record read from input. */
export type Rec = { readonly [key: string]: unknown };
/** An object key or array index. */
export type Key = string | number;

/** Joins a JSON path and a key: `$.a` + `b` → `$.a.b`, + `0` → `$.a[0]`, + `x/y` → `$.a["x/y"]`. */
export function at(parent: string, key: Key): string {
  if (typeof key === 'number') return `${parent}[${key}]`;
  return simpleKey(key) ? `${parent}.${key}` : `${parent}[${JSON.stringify(key)}]`;
}

/**
 * A key written `.key` in a path (`/^[A-Za-z_$][A-Za-z0-9_$]*$/`; anything else is quoted),
 * checked without a regular expression: paths are built for every slice read.
 */
function simpleKey(key: string): boolean {
  if (key.length === 0) return false;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    // A-Z, a-z, _ and $ anywhere; digits after the first character.
    const letter = (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 36;
    if (!letter && !(i > 0 && c >= 48 && c <= 57)) return false;
  }
  return true;
}

/** True for a non-null, non-array object. */
export function isRec(value: unknown): value is Rec {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Collects problems while input is read. */
export class Reader {
  readonly problems: InputProblem[] = [];

  /** Records a problem and returns `undefined`, so a reader can `return r.fail(...)`. */
  fail(code: ErrorCode, path: string, expected: string, received: unknown): undefined {
    this.problems.push(problem(code, path, expected, describe(received)));
    return undefined;
  }

  /** Records a problem whose received value is already described. */
  report(code: ErrorCode, path: string, expected: string, received: string): void {
    this.problems.push(problem(code, path, expected, received));
  }

  /** Throws every recorded problem as one error. */
  finish(): void {
    if (this.problems.length > 0) throw new KubeTrafficError(this.problems);
  }

  /** `o[key]` as an object; `null`/absent is `undefined`. */
  object(o: Container, key: Key, parent: string): Rec | undefined {
    const v = (o as Rec)[key];
    if (v === undefined || v === null) return undefined;
    if (isRec(v)) return v;
    return this.fail('invalid-type', at(parent, key), 'an object', v);
  }

  /** `o[key]` as an array; `null`/absent is `undefined`. */
  array(o: Container, key: Key, parent: string): readonly unknown[] | undefined {
    const v = (o as Rec)[key];
    if (v === undefined || v === null) return undefined;
    if (Array.isArray(v)) return v;
    return this.fail('invalid-type', at(parent, key), 'an array', v);
  }

  /** `o[key]` as a string; `null`/absent is `undefined`. */
  string(o: Container, key: Key, parent: string): string | undefined {
    const v = (o as Rec)[key];
    if (typeof v === 'string') return v;
    if (v === undefined || v === null) return undefined;
    return this.fail('invalid-type', at(parent, key), 'a string', v);
  }

  /** `o[key]` as a boolean; `null`/absent is `undefined`. */
  boolean(o: Container, key: Key, parent: string): boolean | undefined {
    const v = (o as Rec)[key];
    if (typeof v === 'boolean') return v;
    if (v === undefined || v === null) return undefined;
    return this.fail('invalid-type', at(parent, key), 'a boolean', v);
  }

  /** `o[key]` as an integer in `[min, max]`; `null`/absent is `undefined`. */
  integer(o: Container, key: Key, parent: string, min: number, max: number): number | undefined {
    const v = (o as Rec)[key];
    if (typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max) return v;
    if (v === undefined || v === null) return undefined;
    return this.fail('invalid-type', at(parent, key), `an integer from ${min} to ${max}`, v);
  }

  /**
   * `o[key]` as a map of strings (labels, annotations); `null`/absent is `undefined`. A value that
   * is not a string is recorded as a problem (so the map is only trusted once `finish()` passed).
   */
  stringMap(o: Container, key: Key, parent: string): Readonly<Record<string, string>> | undefined {
    const map = this.object(o, key, parent);
    if (map === undefined) return undefined;
    for (const k of Object.keys(map)) {
      if (typeof map[k] !== 'string') {
        this.fail('invalid-type', at(at(parent, key), k), 'a string', map[k]);
      }
    }
    return map as Readonly<Record<string, string>>;
  }

  /**
   * A collection argument: an array, or a `List` object (`kind` absent or ending in `List`) with
   * an `items` array. `null`/absent is an empty collection. Anything else (a single object, a
   * List whose `items` is not an array) is `invalid-type` at the collection's path. `path` is
   * where the items are: `$.endpointSlices` for an array, `$.endpointSlices.items` for a List,
   * so every reader reports the same item as `$.endpointSlices.items[0]`.
   */
  list(o: Container, key: Key, parent: string): { readonly items: readonly unknown[]; readonly path: string } {
    const path = at(parent, key);
    const v = (o as Rec)[key];
    if (v === undefined || v === null) return { items: [], path };
    if (Array.isArray(v)) return { items: v, path };
    if (isRec(v)) {
      const kind = v['kind'];
      const items = v['items'];
      const listKind = kind === undefined || kind === null || (typeof kind === 'string' && (kind === '' || kind.endsWith('List')));
      if (listKind && Array.isArray(items)) return { items: items as readonly unknown[], path: at(path, 'items') };
      if (listKind && items !== undefined && items !== null) {
        this.fail('invalid-type', at(path, 'items'), 'an array (the List items)', items);
        return { items: [], path: at(path, 'items') };
      }
    }
    const kind = isRec(v) && typeof v['kind'] === 'string' && v['kind'] !== '' ? ` (kind ${JSON.stringify(v['kind'].slice(0, 40))})` : '';
    this.report('invalid-type', path, 'an array or a List object with an items array', `${describe(v)}${kind}`);
    return { items: [], path };
  }

  /** The items of {@link Reader.list}. */
  collection(o: Container, key: Key, parent: string): readonly unknown[] {
    return this.list(o, key, parent).items;
  }
}

/**
 * Refuses keys that belong elsewhere: each of `keys` present (not `null`) in `rec` is an
 * `invalid-value` problem at its path, `expected` saying where it goes. For keys another entry
 * point takes in this place (`via` beside the Service, `flow: { via }`, a prepared Service's
 * `port` in a query): ignored, they would have the answer be for another question without
 * saying so. Other unknown keys stay ignored.
 *
 * @example
 * ```ts
 * refuseMisplaced(reader, { via: 'nodePort' }, '$', ['via', 'from'], 'a simulation reads the flow from flow: { via, from }');
 * // => problem invalid-value at $.via: expected no such key (a simulation reads …)
 * ```
 */
export function refuseMisplaced(reader: Reader, rec: Rec, parent: string, keys: readonly string[], where: string): void {
  for (const key of keys) {
    const v = rec[key];
    if (v !== undefined && v !== null) reader.fail('invalid-value', at(parent, key), `no such key (${where})`, v);
  }
}

/** Own-property lookup in a string map, safe for keys such as `__proto__` or `constructor`. */
export function label(map: Rec | undefined, key: string): string | undefined {
  // Not `map === undefined`: public helpers hand this untyped values (null, a string).
  if (!isRec(map) || !Object.hasOwn(map, key)) return undefined;
  const v = map[key];
  return typeof v === 'string' ? v : undefined;
}

/** Own-property presence in a string map (a label that is present with any value, even `""`). */
export function hasLabel(map: Rec | undefined, key: string): boolean {
  return isRec(map) && Object.hasOwn(map, key);
}
