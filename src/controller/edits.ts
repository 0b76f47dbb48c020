/**
 * Pending hint changes of one reconcile, and how they become new slice objects without
 * touching the input (inputs may be deep-frozen).
 *
 * @module
 * @internal
 */
import type { EndpointInput, EndpointSliceInput } from '../model/input.js';
import type { ParsedSlice } from './read-input.js';

/**
 * Hints as the controller writes them: one entry per list (controller-semantics 1.4).
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

  /** Input indexes of rewritten slices, ascending. */
  rewritten(): number[] {
    return [...this.bySlice.keys()].sort((a, b) => a - b);
  }

  /** Every edit, for {@link applySliceEdits}. */
  entries(): IterableIterator<[number, (HintsEdit | undefined)[]]> {
    return this.bySlice.entries();
  }
}

function withHints(endpoint: EndpointInput, edit: HintsEdit): EndpointInput {
  if (edit !== null) return { ...endpoint, hints: edit };
  if (!Object.hasOwn(endpoint, 'hints')) return endpoint;
  const { hints: _removed, ...rest } = endpoint;
  return rest;
}

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
      const endpoints = (source.endpoints ?? []).map((e, i) => {
        const edit = list[i];
        return edit === undefined ? e : withHints(e, edit);
      });
      out[index] = { ...source, endpoints };
    }
  }
  return out;
}

/** True when some endpoint of the slices will carry a `hints` object after the edits. */
export function anyHintsAfter(slices: readonly ParsedSlice[], edits: SliceEdits): boolean {
  for (const slice of slices) {
    for (let i = 0; i < slice.endpoints.length; i++) {
      const edit = edits.get(slice, i);
      if (edit === undefined ? slice.endpoints[i]!.hints !== undefined : edit !== null) return true;
    }
  }
  return false;
}
