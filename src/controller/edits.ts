/**
 * Pending hint changes of one reconcile, and how they become new slice objects without
 * touching the input (inputs may be deep-frozen).
 *
 * @module
 * @internal
 */
import type { EndpointInput, EndpointSliceInput } from '../model/input.js';
import { hasHints } from './endpoint-terms.js';
import type { ParsedSlice } from './read-input.js';

/**
 * Hints as the controller writes them: one entry per list (controller.md §1.4).
 *
 * @example
 * ```ts
 * const h: WrittenHints = { forZones: [{ name: 'zone-a' }], forNodes: [{ name: 'node-a' }] };
 * ```
 */
export interface WrittenHints {
  readonly forZones?: readonly { readonly name: string }[];
  readonly forNodes?: readonly { readonly name: string }[];
}

/**
 * Makes hints objects for one call, one deeply frozen object per (zone, node) pair shared by
 * every endpoint that gets it: 100,000 endpoints then cost no allocation per hint, and sharing
 * is safe because nobody can mutate them (the input never holds them).
 *
 * @example
 * ```ts
 * const hints = hintsMaker();
 * hints('zone-a', undefined) === hints('zone-a', undefined); // => true
 * hints('zone-a', 'node-1'); // => { forZones: [{ name: 'zone-a' }], forNodes: [{ name: 'node-1' }] }
 * ```
 */
export function hintsMaker(): (zone: string | undefined, node: string | undefined) => WrittenHints {
  const byZone = new Map<string | undefined, Map<string | undefined, WrittenHints>>();
  const named = (name: string) => Object.freeze([Object.freeze({ name })]);
  return (zone, node) => {
    let byNode = byZone.get(zone);
    if (byNode === undefined) byZone.set(zone, (byNode = new Map()));
    let hints = byNode.get(node);
    if (hints === undefined) {
      if (zone === undefined) hints = Object.freeze(node === undefined ? {} : { forNodes: named(node) });
      else hints = Object.freeze(node === undefined ? { forZones: named(zone) } : { forZones: named(zone), forNodes: named(node) });
      byNode.set(node, hints);
    }
    return hints;
  };
}

/** New hints for an endpoint, or `null` to remove its `hints` key. */
export type HintsEdit = WrittenHints | null;

/**
 * Hint changes keyed by slice (its input index) and endpoint index. A slice with an entry here is
 * one the controller rewrites.
 *
 * @example
 * ```ts
 * const edits = new SliceEdits();
 * edits.set(slice, 0, { forZones: [{ name: 'zone-a' }] });
 * edits.rewritten(); // => [slice.index]
 * ```
 */
export class SliceEdits {
  private readonly bySlice = new Map<number, (HintsEdit | undefined)[]>();

  /** Marks the slice as rewritten, even if no endpoint of it changes. */
  touch(slice: ParsedSlice): (HintsEdit | undefined)[] {
    let list = this.bySlice.get(slice.index);
    if (list === undefined) {
      list = new Array<HintsEdit | undefined>(slice.endpoints.length);
      this.bySlice.set(slice.index, list);
    }
    return list;
  }

  /** Sets endpoint `endpoint` of `slice` to `edit`. */
  set(slice: ParsedSlice, endpoint: number, edit: HintsEdit): void {
    this.touch(slice)[endpoint] = edit;
  }

  /** The pending edit of one endpoint: `undefined` when it keeps what it has. */
  get(slice: ParsedSlice, endpoint: number): HintsEdit | undefined {
    return this.bySlice.get(slice.index)?.[endpoint];
  }

  /** The slice's pending edits by endpoint index, or `undefined` when it is not rewritten. */
  list(slice: ParsedSlice): readonly (HintsEdit | undefined)[] | undefined {
    return this.bySlice.get(slice.index);
  }

  /** Input indexes of rewritten slices, ascending. */
  rewritten(): number[] {
    return [...this.bySlice.keys()].sort((a, b) => a - b);
  }

  /** Every edit, for {@link applySliceEdits}. */
  entries(): IterableIterator<[number, (HintsEdit | undefined)[]]> {
    return this.bySlice.entries();
  }
}

/**
 * The endpoint with new hints (upstream writes `endpoint.Hints` on a deep copy of the slice in
 * `AddHints`, `RemoveHintsFromSlices` and the trafficDistribution heuristics), as a shallow copy
 * with the input's keys in the input's order: an existing `hints` key keeps its place, a new one
 * comes last (where Go's `Endpoint` struct puts it), a removed one is dropped.
 *
 * How the copy is made matters on V8: copies of endpoints of one shape must share one hidden
 * class, or every later reader of 100,000 of them goes megamorphic. `{ ...e, hints }` does when
 * `hints` is already a key (the clone keeps the shape), but when it adds the key every result
 * gets a hidden class of its own; `Object.assign` onto `{}` then adding the key builds the copy
 * through the shared transition tree instead, onto a {@link PlainObject} so the keys fit inside
 * the object. `Object.assign` sets keys where spread defines them, which differs only for an own
 * `__proto__` key (from `JSON.parse`): such an endpoint is spread, so the key stays a plain key.
 */
function withHints(endpoint: EndpointInput, edit: HintsEdit): EndpointInput {
  if (edit === null) {
    if (!Object.hasOwn(endpoint, 'hints')) return endpoint;
    const { hints: _removed, ...rest } = endpoint;
    return rest;
  }
  if (Object.hasOwn(endpoint, 'hints') || Object.hasOwn(endpoint, '__proto__')) return { ...endpoint, hints: edit };
  const copy: { -readonly [K in keyof EndpointInput]: EndpointInput[K] } = Object.assign(new PlainObject(), endpoint);
  copy.hints = edit;
  return copy;
}

/**
 * `new PlainObject()` is `{}` (its prototype is `Object.prototype`, nothing tells them apart but
 * the engine): V8 sizes objects made by a constructor from the first ones it makes (slack
 * tracking), so an endpoint copy holds its five or so keys inside the object rather than four
 * inside and the rest in a separate store. For 100,000 copies that is a third less memory and
 * half the time.
 */
const PlainObject = function PlainObject() {} as unknown as new () => object;
PlainObject.prototype = Object.prototype;

/**
 * The result slices: every input slice in input order; a slice with edits is a shallow copy with
 * a new `endpoints` array in which edited endpoints are shallow copies. Everything else is the
 * input object itself.
 *
 * @example
 * ```ts
 * applySliceEdits(inputSlices, new SliceEdits()); // => a new array holding the same slice objects
 * ```
 */
export function applySliceEdits(slices: readonly EndpointSliceInput[], edits: Iterable<SliceEdits>): EndpointSliceInput[] {
  const out = [...slices];
  for (const set of edits) {
    for (const [index, list] of set.entries()) {
      const source = out[index]!;
      const given = source.endpoints ?? [];
      // A loop, not .map (an input array with an own `constructor` key must not pick the species)
      // nor Array.from with a callback (twice as slow on 100,000 endpoints); push keeps it packed.
      const endpoints: EndpointInput[] = [];
      for (let i = 0; i < given.length; i++) {
        const edit = list[i];
        endpoints.push(edit === undefined ? given[i]! : withHints(given[i]!, edit));
      }
      out[index] = copyWith(source, endpoints);
    }
  }
  return out;
}

/**
 * A shallow copy of `source` with new `endpoints`. A plain object is spread; an instance of a
 * model class (`kubernetes-models`) keeps its prototype, so the copy is still of the caller's type
 * (methods, `instanceof`). Own enumerable keys are defined, never assigned, so a `__proto__` key
 * from `JSON.parse` stays a plain key, as it does under spread.
 */
function copyWith<S extends EndpointSliceInput>(source: S, endpoints: EndpointInput[]): S {
  const proto: unknown = Object.getPrototypeOf(source);
  if (proto === Object.prototype || proto === null) return { ...source, endpoints };
  const copy = Object.create(proto as object) as S;
  for (const key of Reflect.ownKeys(source)) {
    if (!Object.prototype.propertyIsEnumerable.call(source, key)) continue;
    Object.defineProperty(copy, key, { value: (source as Record<PropertyKey, unknown>)[key], writable: true, enumerable: true, configurable: true });
  }
  Object.defineProperty(copy, 'endpoints', { value: endpoints, writable: true, enumerable: true, configurable: true });
  return copy;
}

/** True when some endpoint of the slices will carry a `hints` object after the edits. */
export function anyHintsAfter(slices: readonly ParsedSlice[], edits: SliceEdits): boolean {
  for (const slice of slices) {
    const list = edits.list(slice);
    for (let i = 0; i < slice.endpoints.length; i++) {
      const edit = list?.[i];
      if (edit === undefined ? hasHints(slice.endpoints[i]!) : edit !== null) return true;
    }
  }
  return false;
}
