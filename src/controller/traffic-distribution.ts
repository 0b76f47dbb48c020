/**
 * The `spec.trafficDistribution` heuristics: every ready endpoint hinted for its own zone, and
 * for `PreferSameNode` also its own node (controller.md §5).
 *
 * @module
 */
import { hintsMaker, SliceEdits, type HintsEdit } from './edits.js';
import type { ParsedEndpoint, ParsedHints, ParsedSlice } from './read-input.js';
import type { TrafficDistribution } from './types.js';

/**
 * The hints a ready endpoint should carry (controller.md §5.2): a zone hint when the
 * endpoint has a `zone` key (an empty string included, 11), a node hint for `PreferSameNode`
 * when it has a `nodeName`; `null` (no `hints` key) when neither applies.
 *
 * @example
 * ```ts
 * wantedHints({ ready: true, zone: 'zone-a', nodeName: 'node-a', hints: undefined, address: null }, 'PreferSameNode');
 * // => { forZones: [{ name: 'zone-a' }], forNodes: [{ name: 'node-a' }] }
 * wantedHints({ ready: true, zone: undefined, nodeName: 'node-a', hints: undefined, address: null }, 'PreferClose');
 * // => null
 * ```
 */
export function wantedHints(endpoint: ParsedEndpoint, trafficDistribution: TrafficDistribution, make = hintsMaker()): HintsEdit {
  const zone = endpoint.zone;
  const node = trafficDistribution === 'PreferSameNode' ? endpoint.nodeName : undefined;
  if (zone === undefined && node === undefined) return null;
  return make(zone, node);
}

function listMatches(current: readonly string[], wanted: string | undefined): boolean {
  // §5.3: wanted → exactly one entry naming it; not wanted → empty.
  return wanted === undefined ? current.length === 0 : current.length === 1 && current[0] === wanted;
}

function hintsMatch(current: ParsedHints | undefined, endpoint: ParsedEndpoint, trafficDistribution: TrafficDistribution): boolean {
  const zone = endpoint.zone;
  const node = trafficDistribution === 'PreferSameNode' ? endpoint.nodeName : undefined;
  if (current === undefined) return zone === undefined && node === undefined;
  return listMatches(current.forZones, zone) && listMatches(current.forNodes, node);
}

/**
 * Applies a usable `trafficDistribution` to one address type's slices (controller.md §5.3,
 * §5.4). Every slice is an unchanged slice (controller.md §6.1): it is rewritten only when some ready
 * endpoint's hints differ from the wanted ones; then every ready endpoint gets exactly its
 * wanted hints while not-ready endpoints keep theirs. No nodes, counts or events are involved.
 *
 * @param slices - the Service's slices of one address type
 * @param trafficDistribution - the usable value
 * @param emptyZoneHint - 1.30–1.32: a ready endpoint without `zone` wants the zone hint `""`
 *   (written, and expected by the check of unchanged slices); default `false` (1.33 on)
 * @returns the edits (rewritten slices only)
 * @example
 * ```ts
 * applyTrafficDistribution(slicesWithCorrectHints, 'PreferClose').rewritten(); // => []
 * ```
 */
export function applyTrafficDistribution(slices: readonly ParsedSlice[], trafficDistribution: TrafficDistribution, emptyZoneHint = false): SliceEdits {
  const edits = new SliceEdits();
  const make = hintsMaker();
  // releases.md (1.30–1.32): the zone was read as `*endpoint.Zone` defaulting to "".
  const view = (e: ParsedEndpoint): ParsedEndpoint => (emptyZoneHint && e.zone === undefined ? { ...e, zone: '' } : e);
  for (const slice of slices) {
    const stale = slice.endpoints.some((e) => e.ready && !hintsMatch(e.hints, view(e), trafficDistribution));
    if (!stale) continue;
    const list = edits.touch(slice);
    slice.endpoints.forEach((e, i) => {
      if (e.ready) list[i] = wantedHints(view(e), trafficDistribution, make);
    });
  }
  return edits;
}
