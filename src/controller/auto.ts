/**
 * The topology (Auto) algorithm for one address type: keep acceptable existing hints, start
 * every other ready endpoint in its own zone, then move endpoints from zones over their target
 * to zones under it (controller.md §3.2–3.8).
 *
 * Upstream leaves two choices to Go map iteration order, i.e. random (controller.md §3.6, §3.7). Here both
 * are broken by zone name, lexically: among zones tied for the largest surplus (or deficit) the
 * first by name gives (receives), and a moved endpoint goes to the first receiving zone by name.
 * The conformance vectors do not depend on either choice.
 *
 * @module
 */
import { allocateZones, type ZoneQuota } from './allocation.js';
import { hintsMaker, SliceEdits } from './edits.js';
import { firstAddress, hintName, zoneHints, zoneOf } from './endpoint-terms.js';
import type { ParsedSlice } from './read-input.js';
import { removeAllHints } from './remove.js';
import type { AutoCause, AutoOutcome, EndpointMove, ZoneAllocation, ZoneRatio } from './types.js';

/**
 * What the Auto path decided for one address type, before events are attached.
 *
 * @example
 * ```ts
 * const r: AutoRun = {
 *   cause: 'insufficient-node-info', readyEndpoints: 2, zones: [], allocations: [],
 *   keptSlices: [], moves: [], edits: new SliceEdits(),
 * };
 * ```
 */
export interface AutoRun extends Pick<AutoOutcome, 'cause' | 'readyEndpoints' | 'zones' | 'allocations' | 'keptSlices' | 'moves'> {
  readonly edits: SliceEdits;
}

/**
 * Counts a slice's zone hints if the slice may keep them (controller.md §3.4): every
 * ready endpoint has a non-empty `forZones` naming only allocated zones, and no zone would pass
 * its maximum. Returns `undefined` when the slice is rejected. Not-ready endpoints are ignored.
 */
function acceptableHints(slice: ParsedSlice, assigned: ReadonlyMap<string, number>, quotas: ReadonlyMap<string, ZoneQuota>): Map<string, number> | undefined {
  const counts = new Map<string, number>();
  for (let i = 0; i < slice.endpoints.length; i++) {
    if (!slice.ready[i]) continue;
    const e = slice.endpoints[i]!;
    const hints = zoneHints(e);
    if (hints.length === 0) return undefined;
    for (const hint of hints) {
      const zone = hintName(hint);
      if (!quotas.has(zone)) return undefined;
      counts.set(zone, (counts.get(zone) ?? 0) + 1);
    }
  }
  for (const [zone, count] of counts) {
    if ((assigned.get(zone) ?? 0) + count > quotas.get(zone)!.maximum!) return undefined;
  }
  return counts;
}

/** The zone with the largest value above 0, the first by name on a tie (controller.md §3.6). */
function largest(values: ReadonlyMap<string, number>): string | undefined {
  let best: string | undefined;
  let bestValue = 0;
  for (const [zone, value] of values) {
    if (value > bestValue) {
      best = zone;
      bestValue = value;
    }
  }
  return best;
}

/**
 * How many endpoints each zone gives and receives (controller.md §3.6). `quotas` are in
 * zone-name order, which fixes the tie-breaking.
 */
function givingAndReceiving(quotas: readonly ZoneQuota[], assigned: ReadonlyMap<string, number>): { give: Map<string, number>; receive: Map<string, number> } {
  const surplus = new Map<string, number>();
  const deficit = new Map<string, number>();
  for (const q of quotas) {
    const have = assigned.get(q.zone) ?? 0;
    if (have > q.target) surplus.set(q.zone, have - q.target);
    else if (have < q.target) deficit.set(q.zone, q.target - have);
  }
  const give = new Map<string, number>();
  const receive = new Map<string, number>();
  for (;;) {
    const giving = largest(surplus);
    const receiving = largest(deficit);
    if (giving === undefined || receiving === undefined) break;
    const toGive = surplus.get(giving)!;
    const toReceive = deficit.get(receiving)!;
    // §3.6: whole endpoints move only while one side is a whole endpoint off, and neither is under half.
    if ((toGive < 1 && toReceive < 1) || toGive < 0.5 || toReceive < 0.5) break;
    give.set(giving, (give.get(giving) ?? 0) + 1);
    surplus.set(giving, toGive - 1);
    receive.set(receiving, (receive.get(receiving) ?? 0) + 1);
    deficit.set(receiving, toReceive - 1);
  }
  return { give, receive };
}

/** Sorted iteration order of a map's keys, so the receiving zone is chosen by name (controller.md §3.7). */
function firstByName(map: ReadonlyMap<string, number>): string | undefined {
  let first: string | undefined;
  for (const zone of map.keys()) if (first === undefined || zone < first) first = zone;
  return first;
}

/** A quota with its final count, as a literal (a spread adding `assigned` would give each its own hidden class on V8). */
function withAssigned(q: ZoneQuota, assigned: number): ZoneAllocation {
  return { zone: q.zone, cpuMillicores: q.cpuMillicores, ratio: q.ratio, desired: q.desired, minimum: q.minimum, target: q.target, maximum: q.maximum, assigned };
}

function failed(cause: AutoCause, slices: readonly ParsedSlice[], readyEndpoints: number, zones: readonly ZoneRatio[], quotas: readonly ZoneQuota[]): AutoRun {
  return {
    cause,
    readyEndpoints,
    zones,
    allocations: quotas.map((q) => withAssigned(q, 0)),
    keptSlices: [],
    moves: [],
    edits: removeAllHints(slices), // controller.md §3.2, §3.5, §3.8: every hint goes
  };
}

/**
 * Runs the Auto algorithm over one address type's slices, every one treated as an unchanged
 * slice (controller.md).
 *
 * @param slices - the Service's slices of one address type, in processing order
 * @param zones - zone CPU ratios, or `undefined` when node information is insufficient (controller.md §3.1)
 * @returns the cause, the allocation, kept slices, moves and the edits to apply
 * @example
 * ```ts
 * // zones a/b at 0.5/0.5, two ready endpoints both in zone-a, no hints yet:
 * const run = runTopologyAuto(slices, [
 *   { zone: 'zone-a', cpuMillicores: 1000, ratio: 0.5 }, { zone: 'zone-b', cpuMillicores: 1000, ratio: 0.5 },
 * ]);
 * run.cause; // => 'hints-allocated'
 * run.moves; // => [{ slice: 0, endpoint: 0, address: '10.0.0.1', from: 'zone-a', to: 'zone-b' }]
 * ```
 */
export function runTopologyAuto(slices: readonly ParsedSlice[], zones: readonly ZoneRatio[] | undefined): AutoRun {
  let readyEndpoints = 0;
  for (const slice of slices) readyEndpoints += slice.readyCount;

  const allocation = allocateZones(zones, readyEndpoints);
  if (!allocation.ok) return failed(allocation.cause, slices, readyEndpoints, zones ?? [], allocation.quotas);
  const quotas = new Map<string, ZoneQuota>();
  for (const q of allocation.quotas) quotas.set(q.zone, q);

  // §3.4: keep acceptable hints on unchanged slices; rejected ones become allocatable (§3.3).
  const assigned = new Map<string, number>();
  const keptSlices: number[] = [];
  const allocatable: ParsedSlice[] = [];
  for (const slice of slices) {
    const counts = acceptableHints(slice, assigned, quotas);
    if (counts === undefined) {
      allocatable.push(slice);
      continue;
    }
    keptSlices.push(slice.index);
    for (const [zone, count] of counts) assigned.set(zone, (assigned.get(zone) ?? 0) + count);
  }

  // §3.5: every ready endpoint of an allocatable slice starts in its own zone; not-ready ones keep their hints.
  const edits = new SliceEdits();
  const make = hintsMaker();
  for (const slice of allocatable) {
    const list = edits.touch(slice);
    // Count runs of one zone locally: one map update per run instead of per endpoint.
    let runZone = '';
    let run = 0;
    for (let i = 0; i < slice.endpoints.length; i++) {
      if (!slice.ready[i]) continue;
      const e = slice.endpoints[i]!;
      const zone = zoneOf(e);
      if (zone === undefined || zone === '') {
        return failed('endpoint-without-zone', slices, readyEndpoints, zones ?? [], allocation.quotas);
      }
      list[i] = make(zone, undefined);
      if (zone !== runZone) {
        if (run > 0) assigned.set(runZone, (assigned.get(runZone) ?? 0) + run);
        runZone = zone;
        run = 0;
      }
      run++;
    }
    if (run > 0) assigned.set(runZone, (assigned.get(runZone) ?? 0) + run);
  }

  // §3.6, §3.7: move the first ready endpoints of giving zones, in processing order.
  const { give, receive } = givingAndReceiving(allocation.quotas, assigned);
  const moves: EndpointMove[] = [];
  redistribute: for (const slice of allocatable) {
    for (let i = 0; i < slice.endpoints.length; i++) {
      if (!slice.ready[i]) continue;
      const e = slice.endpoints[i]!;
      if (give.size === 0 || receive.size === 0) break redistribute;
      const from = zoneOf(e);
      if (from === undefined || from === '' || !give.has(from)) continue;
      const to = firstByName(receive)!;
      edits.set(slice, i, make(to, undefined));
      moves.push({ slice: slice.index, endpoint: i, address: firstAddress(e), from, to });
      decrement(give, from);
      decrement(receive, to);
    }
  }

  // §3.8: the moves change the per-zone counts.
  for (const m of moves) {
    assigned.set(m.from, assigned.get(m.from)! - 1);
    assigned.set(m.to, (assigned.get(m.to) ?? 0) + 1);
  }
  if (assigned.size === 0) return failed('no-hints-allocated', slices, readyEndpoints, zones ?? [], allocation.quotas);

  return {
    cause: 'hints-allocated',
    readyEndpoints,
    zones: zones ?? [],
    allocations: allocation.quotas.map((q) => withAssigned(q, assigned.get(q.zone) ?? 0)),
    keptSlices,
    moves,
    edits,
  };
}

function decrement(map: Map<string, number>, zone: string): void {
  const left = map.get(zone)! - 1;
  if (left === 0) map.delete(zone);
  else map.set(zone, left);
}
