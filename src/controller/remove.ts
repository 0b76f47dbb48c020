/**
 * Removing every hint of an address type (controller.md §4).
 *
 * @module
 */
import { type HintsRule, SliceEdits } from './edits.js';
import { hasHints } from './endpoint-terms.js';
import type { ParsedSlice } from './read-input.js';

/**
 * Removes the `hints` of every endpoint, ready or not, of every slice (controller.md §4.1;
 * topologycache `RemoveHintsFromSlices`).
 * Slices without any hint are left alone (upstream does not update them); so is an endpoint
 * whose `hints` is already absent or `null`.
 *
 * @param slices - the Service's slices of one address type
 * @param edits - where the changes are recorded (a fresh set by default)
 * @returns `edits`, with the removals
 * @example
 * ```ts
 * removeAllHints(slices).rewritten(); // => input indexes of the slices that had hints
 * ```
 */
export function removeAllHints(slices: readonly ParsedSlice[], edits = new SliceEdits()): SliceEdits {
  for (const slice of slices) if (slice.endpoints.some(hasHints)) edits.rewrite(slice, removeHints);
  return edits;
}

/** `RemoveHintsFromSlices` sets every endpoint's `Hints` to nil: absent or `null` already is. */
const removeHints: HintsRule = (e) => (hasHints(e) ? null : undefined);
