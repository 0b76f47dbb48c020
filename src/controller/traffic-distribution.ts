/**
 * The `spec.trafficDistribution` heuristics: every ready endpoint hinted for its own zone, and
 * for `PreferSameNode` also its own node (controller.md §5).
 *
 * @module
 */
import { hintsMaker, SliceEdits, type HintsEdit, type HintsRule } from './edits.js';
import { type CheckedEndpoint, hintListIs, nodeNameOf, zoneOf } from './endpoint-terms.js';
import type { ParsedSlice } from './read-input.js';
import type { TrafficDistribution } from './types.js';

/**
 * The zone a ready endpoint should be hinted for (controller.md §5.2): its `zone` when it has the
 * key (an empty string included). `emptyZoneHint` (1.30–1.32) reads a missing zone as `""`:
 * upstream read `*endpoint.Zone` defaulting to "" then (releases.md).
 */
function wantedZone(e: CheckedEndpoint, emptyZoneHint: boolean): string | undefined {
  return zoneOf(e) ?? (emptyZoneHint ? '' : undefined);
}

/** The node a ready endpoint should be hinted for: its `nodeName`, for `PreferSameNode` only (5.2). */
function wantedNode(e: CheckedEndpoint, trafficDistribution: TrafficDistribution): string | undefined {
  return trafficDistribution === 'PreferSameNode' ? nodeNameOf(e) : undefined;
}

/**
 * The hints a ready endpoint should carry (controller.md §5.2), or `null` (no `hints` key) when
 * it wants neither a zone nor a node hint.
 *
 * @example
 * ```ts
 * wantedHints({ conditions: { ready: true }, zone: 'zone-a', nodeName: 'node-a' }, 'PreferSameNode');
 * // => { forZones: [{ name: 'zone-a' }], forNodes: [{ name: 'node-a' }] }
 * wantedHints({ conditions: { ready: true }, nodeName: 'node-a' }, 'PreferClose');
 * // => null
 * ```
 */
export function wantedHints(endpoint: CheckedEndpoint, trafficDistribution: TrafficDistribution, make = hintsMaker(), emptyZoneHint = false): HintsEdit {
  const zone = wantedZone(endpoint, emptyZoneHint);
  const node = wantedNode(endpoint, trafficDistribution);
  if (zone === undefined && node === undefined) return null;
  return make(zone, node);
}

/**
 * controller.md §5.3: a ready endpoint's hints are exactly the wanted ones (no hints at all when
 * nothing is wanted); the per-endpoint test of upstream `trafficdist`
 * `preferCloseHeuristic.needsUpdate`. `readHintsInput` asks it of every ready endpoint in the
 * walk that checks them, and records the slice's answer as `ParsedSlice.hintsAsWanted`.
 */
export function hintsAsWanted(e: CheckedEndpoint, trafficDistribution: TrafficDistribution, emptyZoneHint: boolean): boolean {
  const zone = wantedZone(e, emptyZoneHint);
  const node = wantedNode(e, trafficDistribution);
  const current = e.hints;
  if (current === undefined || current === null) return zone === undefined && node === undefined;
  return hintListIs(current.forZones, zone) && hintListIs(current.forNodes, node);
}

/**
 * Applies a usable `trafficDistribution` to one address type's slices (controller.md §5.3,
 * §5.4; upstream `trafficdist` `ReconcileHints`). Every slice is an unchanged slice (controller.md §6.1):
 * it is rewritten only when some ready endpoint's hints differ from the wanted ones; then every
 * ready endpoint gets exactly its wanted hints while not-ready endpoints keep theirs. No nodes,
 * counts or events are involved.
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
  // §5.4: ready endpoints get their wanted hints, the others keep theirs (upstream `update`).
  const rule: HintsRule = (e, i, slice) => (slice.ready[i] ? wantedHints(e, trafficDistribution, make, emptyZoneHint) : undefined);
  for (const slice of slices) if (!slice.hintsAsWanted) edits.rewrite(slice, rule);
  return edits;
}
