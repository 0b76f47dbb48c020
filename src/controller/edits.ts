/**
 * Pending hint changes of one reconcile, and how they become new slice objects without
 * touching the input (inputs may be deep-frozen).
 *
 * @module
 * @internal
 */
import type { EndpointInput, EndpointSliceInput } from '../model/input.js';
import { type CheckedEndpoint, hasHints } from './endpoint-terms.js';
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
  // Zone-only hints (PreferClose, PreferSameZone, Auto) are one lookup; node hints a second.
  // Made at the first use: the zone-only paths never make the second.
  let byZone: Map<string | undefined, WrittenHints> | undefined;
  let byZoneAndNode: Map<string | undefined, Map<string, WrittenHints>> | undefined;
  // A slice's endpoints of one zone usually come in runs: the last zone-only answer is at hand.
  let lastZone: string | undefined;
  let lastHints: WrittenHints | undefined;
  return (zone, node) => {
    if (node === undefined) {
      if (lastHints !== undefined && zone === lastZone) return lastHints;
      let hints = (byZone ??= new Map()).get(zone);
      if (hints === undefined) byZone.set(zone, (hints = Object.freeze(zone === undefined ? {} : { forZones: named(zone) })));
      lastZone = zone;
      lastHints = hints;
      return hints;
    }
    let byNode = (byZoneAndNode ??= new Map()).get(zone);
    if (byNode === undefined) byZoneAndNode.set(zone, (byNode = new Map()));
    let hints = byNode.get(node);
    if (hints === undefined) {
      hints = Object.freeze(zone === undefined ? { forNodes: named(node) } : { forZones: named(zone), forNodes: named(node) });
      byNode.set(node, hints);
    }
    return hints;
  };
}

/** A frozen one-entry hint list. */
function named(name: string): readonly { readonly name: string }[] {
  return Object.freeze([Object.freeze({ name })]);
}

/** New hints for an endpoint, or `null` to remove its `hints` key. */
export type HintsEdit = WrittenHints | null;

/**
 * What a rewritten slice's endpoint gets, by the rule of the path that rewrites it: new hints,
 * `null` to remove its hints, `undefined` to keep what it has. Asked once per endpoint, while the
 * result is built ({@link applySliceEdits}), so a rewrite stores no list per endpoint and the
 * endpoints are not walked once more to fill one.
 */
export type HintsRule = (endpoint: CheckedEndpoint, index: number, slice: ParsedSlice) => HintsEdit | undefined;

/** One rewritten slice: the rule, and the endpoints that get something else (Auto's moves). */
interface SliceRewrite {
  readonly slice: ParsedSlice;
  readonly rule: HintsRule;
  /** By endpoint index, made at the first exception (an array: Auto moves 10,000 endpoints of 100,000 in order). */
  overrides: (HintsEdit | undefined)[] | undefined;
}

/**
 * The slices one path rewrites (keyed by input index), each with the rule that gives its
 * endpoints their hints and the endpoints that are exceptions to it.
 *
 * @example
 * ```ts
 * const edits = new SliceEdits();
 * edits.rewrite(slice, (e, i, s) => (s.ready[i] ? { forZones: [{ name: 'zone-a' }] } : undefined));
 * edits.rewritten(); // => [slice.index]
 * ```
 */
export class SliceEdits {
  /**
   * By input index, holes for the slices left alone: an array rather than a Map, so the slices
   * come out in ascending order without a sort, and a call that rewrites one slice makes no hash table.
   */
  private readonly bySlice: (SliceRewrite | undefined)[] = [];

  /** Marks the slice as rewritten: each endpoint gets what `rule` says (even if that changes nothing). */
  rewrite(slice: ParsedSlice, rule: HintsRule): void {
    this.bySlice[slice.index] = { slice, rule, overrides: undefined };
  }

  /** Endpoint `endpoint` of a slice already rewritten gets `edit`, whatever the rule says. */
  override(slice: ParsedSlice, endpoint: number, edit: HintsEdit): void {
    const rewrite = this.bySlice[slice.index]!;
    (rewrite.overrides ??= new Array<HintsEdit | undefined>(slice.endpoints.length))[endpoint] = edit;
  }

  /** The pending edit of one endpoint: `undefined` when it keeps what it has. */
  get(slice: ParsedSlice, endpoint: number): HintsEdit | undefined {
    const rewrite = this.bySlice[slice.index];
    return rewrite === undefined ? undefined : editOf(rewrite, endpoint);
  }

  /** True when the slice is rewritten. */
  has(slice: ParsedSlice): boolean {
    return this.bySlice[slice.index] !== undefined;
  }

  /** Input indexes of rewritten slices, ascending. */
  rewritten(): number[] {
    const out: number[] = [];
    for (let i = 0; i < this.bySlice.length; i++) if (this.bySlice[i] !== undefined) out.push(i);
    return out;
  }

  /** Every rewrite, for {@link applySliceEdits}. */
  *rewrites(): IterableIterator<SliceRewrite> {
    for (const rewrite of this.bySlice) if (rewrite !== undefined) yield rewrite;
  }
}

function editOf(rewrite: SliceRewrite, endpoint: number): HintsEdit | undefined {
  const { overrides, slice } = rewrite;
  const override = overrides?.[endpoint];
  return override !== undefined ? override : rewrite.rule(slice.endpoints[endpoint]!, endpoint, slice);
}

/**
 * The endpoint with new hints (upstream writes `endpoint.Hints` on a deep copy of the slice in
 * `AddHints`, `RemoveHintsFromSlices` and the trafficDistribution heuristics), as a new plain
 * object holding the endpoint's own enumerable string-keyed properties in the input's order: an
 * existing `hints` key keeps its place, a new one comes last (where Go's `Endpoint` struct puts
 * it), a removed one is dropped. Symbol keys, which JSON and Kubernetes objects never carry, are
 * not copied.
 *
 * How the copy is made matters on V8: copies of endpoints of one shape must share one hidden
 * class, or every later reader of 100,000 of them goes megamorphic (`{ ...e, hints }` that adds
 * the key gives every result a hidden class of its own). Keys are added one by one onto a
 * {@link PlainObject}, so copies walk one shared transition tree. The keys of discovery/v1
 * `Endpoint` are copied by named stores ({@link copyKnownKeys}), a third of the time of
 * `Object.assign`, which takes V8's generic path for a target that is not a literal; an endpoint
 * with any other key is copied key by key ({@link copyAnyKeys}).
 */
function withHints(given: EndpointInput, edit: HintsEdit, plainPrototype: boolean): EndpointInput {
  if (edit === null && !Object.hasOwn(given, 'hints')) return given;
  const endpoint = given as AnyEndpoint;
  if (plainPrototype && Object.getPrototypeOf(endpoint) === Object.prototype) {
    const copy = copyKnownKeys(endpoint, edit);
    if (copy !== undefined) return copy;
  }
  return copyAnyKeys(endpoint, edit);
}

type Writable<T> = { -readonly [K in keyof T]: T[K] };
type EndpointCopy = Writable<EndpointInput> & Record<string, unknown>;
type AnyEndpoint = EndpointInput & Readonly<Record<string, unknown>>;

/**
 * The copy of an endpoint whose keys are all discovery/v1 `Endpoint` fields, or `undefined` when
 * it has another one. `for…in` lists own keys in order and then inherited enumerable ones, which
 * {@link applySliceEdits} ruled out for `Object.prototype` (and the caller for other prototypes).
 */
function copyKnownKeys(e: AnyEndpoint, edit: HintsEdit): EndpointInput | undefined {
  const copy = new PlainObject() as EndpointCopy;
  let hinted = false;
  for (const key in e) {
    switch (key) {
      case 'addresses': copy.addresses = e.addresses; break;
      case 'conditions': copy.conditions = e.conditions; break;
      case 'hostname': copy['hostname'] = e['hostname']; break;
      case 'targetRef': copy['targetRef'] = e['targetRef']; break;
      case 'nodeName': copy.nodeName = e.nodeName; break;
      case 'zone': copy.zone = e.zone; break;
      case 'hints':
        hinted = true;
        if (edit !== null) copy.hints = edit;
        break;
      case 'deprecatedTopology': copy['deprecatedTopology'] = e['deprecatedTopology']; break;
      default: return undefined;
    }
  }
  if (!hinted && edit !== null) copy.hints = edit;
  return copy;
}

/**
 * The copy of any endpoint, key by key. Keys are defined, not assigned, so an own `__proto__` key
 * (from `JSON.parse`) stays a plain key, as under spread, and stays in its place.
 */
function copyAnyKeys(e: AnyEndpoint, edit: HintsEdit): EndpointInput {
  const copy = new PlainObject() as EndpointCopy;
  let hinted = false;
  for (const key of Object.keys(e)) {
    if (key === 'hints') {
      hinted = true;
      if (edit !== null) copy.hints = edit;
    } else define(copy, key, e[key]);
  }
  if (!hinted && edit !== null) copy.hints = edit;
  return copy;
}

function define(o: object, key: string, value: unknown): void {
  Object.defineProperty(o, key, { value, writable: true, enumerable: true, configurable: true });
}

/** True when `Object.prototype` has no enumerable key, so `for…in` over a plain object lists only its own keys. */
function noInheritedKeys(): boolean {
  for (const _ in Object.prototype) return false;
  return true;
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
  const plainPrototype = noInheritedKeys();
  for (const set of edits) {
    for (const rewrite of set.rewrites()) {
      const index = rewrite.slice.index;
      const source = out[index]!;
      const given = rewrite.slice.endpoints;
      // A loop, not .map (an input array with an own `constructor` key must not pick the species)
      // nor Array.from with a callback (twice as slow on 100,000 endpoints). Sized up front, not
      // pushed onto `[]`: V8 moves an array literal's arrays to the old generation once many
      // survive, and 100,000 young copies stored into old arrays then cost the collector more
      // than the copies (a third of a cold call).
      const endpoints = new Array<EndpointInput>(given.length);
      for (let i = 0; i < given.length; i++) {
        const edit = editOf(rewrite, i);
        endpoints[i] = edit === undefined ? given[i]! : withHints(given[i]!, edit, plainPrototype);
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
    const rewritten = edits.has(slice);
    for (let i = 0; i < slice.endpoints.length; i++) {
      const edit = rewritten ? edits.get(slice, i) : undefined;
      if (edit === undefined ? hasHints(slice.endpoints[i]!) : edit !== null) return true;
    }
  }
  return false;
}
