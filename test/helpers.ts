/**
 * Small helpers shared by tests.
 */

/**
 * Freezes `value` and everything reachable from it (own properties, arrays), in place, and
 * returns it. Accessor properties are not invoked.
 *
 * @example
 * ```ts
 * const input = deepFreeze({ a: [{ b: 1 }] });
 * Object.isFrozen(input.a[0]); // => true
 * ```
 */
export function deepFreeze<T>(value: T): T {
  const seen = new Set<object>();
  const walk = (v: unknown): void => {
    if (typeof v !== 'object' || v === null || seen.has(v)) return;
    seen.add(v);
    for (const key of Reflect.ownKeys(v)) {
      const d = Object.getOwnPropertyDescriptor(v, key);
      if (d !== undefined && 'value' in d) walk(d.value);
    }
    Object.freeze(v);
  };
  walk(value);
  return value;
}

/**
 * Every object and array reachable from `value` (own data properties; getters are read).
 *
 * @example
 * ```ts
 * const o = { a: [1] };
 * reachableObjects(o).has(o.a); // => true
 * ```
 */
export function reachableObjects(value: unknown): Set<object> {
  const seen = new Set<object>();
  const walk = (v: unknown): void => {
    if (typeof v !== 'object' || v === null || seen.has(v)) return;
    seen.add(v);
    for (const key of Reflect.ownKeys(v)) walk((v as Record<PropertyKey, unknown>)[key]);
  };
  walk(value);
  return seen;
}

/** A JSON copy of `value`, with getters evaluated: for deep equality of results. */
export function plain<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
