/**
 * Where traffic goes between zones. An endpoint's zone comes from ./endpoint-zone.ts; a client's zone is its node's zone label. `''` means unknown and never counts as the
 * same zone as anything.
 *
 * @module
 * @internal
 */
import type { Endpoint } from '../model/endpoint.js';
import type { ClassDraft } from './classes.js';
import type { ZoneMatrix } from './types.js';

/**
 * Per distinct list: how many of its endpoints sit in each zone (one pass per list).
 *
 * @example
 * ```ts
 * zoneCounts([list], zoneOf).get(list); // => Map { 'zone-a' => 1, 'zone-c' => 4 }
 * ```
 */
export function zoneCounts(lists: Iterable<readonly Endpoint[]>, zoneOf: (e: Endpoint) => string): Map<readonly Endpoint[], Map<string, number>> {
  const out = new Map<readonly Endpoint[], Map<string, number>>();
  for (const list of lists) {
    const counts = new Map<string, number>();
    for (const e of list) {
      const z = zoneOf(e);
      counts.set(z, (counts.get(z) ?? 0) + 1);
    }
    out.set(list, counts);
  }
  return out;
}

/**
 * Zone-to-zone fractions and the in-zone / cross-zone / unknown split of forwarded traffic.
 *
 * @example
 * ```ts
 * const t: ZoneTraffic = { matrix: { zones: ['zone-a'], fractions: [[1]] }, inZone: 1, crossZone: 0, unknownZone: 0 };
 * ```
 */
export interface ZoneTraffic {
  readonly matrix: ZoneMatrix;
  readonly inZone: number;
  readonly crossZone: number;
  readonly unknownZone: number;
}

const byName = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Builds the matrix over every client zone and endpoint zone (sorted by name). Each forwarded
 * class sends weight/total × (endpoints of zone z in its list / list length) to zone z.
 *
 * @example
 * ```ts
 * zoneTraffic(drafts, counts, ['zone-a', 'zone-b'], 100).crossZone; // => 0.5
 * ```
 */
export function zoneTraffic(
  drafts: readonly ClassDraft[],
  counts: ReadonlyMap<readonly Endpoint[], ReadonlyMap<string, number>>,
  endpointZones: Iterable<string>,
  total: number,
): ZoneTraffic {
  // Endpoint zones come in runs (slices are written zone by zone): a repeat of the last zone
  // is not hashed again.
  const names = new Set<string>();
  let last: string | undefined;
  for (const z of endpointZones) {
    if (z === last) continue;
    names.add(z);
    last = z;
  }
  for (const d of drafts) names.add(d.zone);
  const zones = [...names].sort(byName);
  const row = new Map(zones.map((z, i) => [z, i]));
  const fractions = zones.map(() => zones.map(() => 0));
  let inZone = 0;
  let crossZone = 0;
  let unknownZone = 0;
  for (const d of drafts) {
    if (d.decision.flow.action !== 'forward' || total <= 0) continue;
    const list = d.decision.flow.endpoints;
    const from = fractions[row.get(d.zone)!]!;
    for (const [z, n] of counts.get(list)!) {
      const f = ((d.weight / total) * n) / list.length;
      from[row.get(z)!]! += f;
      if (z === '' || d.zone === '') unknownZone += f;
      else if (z === d.zone) inZone += f;
      else crossZone += f;
    }
  }
  return { matrix: { zones, fractions }, inZone, crossZone, unknownZone };
}

/**
 * The class's forwarded traffic all stays in its own, known zone.
 *
 * @example
 * ```ts
 * staysInZone(zoneADraft, counts); // => true when its list holds only zone-a endpoints
 * ```
 */
export function staysInZone(d: ClassDraft, counts: ReadonlyMap<readonly Endpoint[], ReadonlyMap<string, number>>): boolean {
  if (d.decision.flow.action !== 'forward' || d.zone === '') return false;
  const c = counts.get(d.decision.flow.endpoints);
  return c !== undefined && c.size === 1 && c.has(d.zone);
}
