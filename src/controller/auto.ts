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
import { hintsMaker, type HintsRule, SliceEdits } from './edits.js';
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
 * Counts a slice's zone hints into `counts` (by position in `quotas`, zeroed first) if the slice
 * may keep them (controller.md §3.4): every ready endpoint has a non-empty `forZones` naming only
 * allocated zones, and no zone would pass its maximum. Returns `false` when the slice is
 * rejected. Not-ready endpoints are ignored; a slice without ready endpoints counts nothing.
 */
function acceptableHints(slice: ParsedSlice, assigned: readonly number[], quotas: readonly ZoneQuota[], position: ReadonlyMap<string, number>, counts: number[]): boolean {
  counts.fill(0);
  for (let i = 0; i < slice.endpoints.length; i++) {
    if (!slice.ready[i]) continue;
    const hints = zoneHints(slice.endpoints[i]!);
    if (hints.length === 0) return false;
    for (const hint of hints) {
      const z = position.get(hintName(hint));
      if (z === undefined) return false;
      counts[z]!++;
    }
  }
  for (let z = 0; z < counts.length; z++) {
    if (counts[z]! > 0 && assigned[z]! + counts[z]! > quotas[z]!.maximum!) return false;
  }
  return true;
}

/**
 * The position of the largest value above 0, the first on a tie (topologycache `getMost`, with
 * ties broken by position, i.e. zone name: controller.md §3.6); -1 when none is above 0.
 */
function largest(values: readonly number[]): number {
  let best = -1;
  let bestValue = 0;
  for (let z = 0; z < values.length; z++) {
    if (values[z]! > bestValue) {
      best = z;
      bestValue = values[z]!;
    }
  }
  return best;
}

/** The first position holding a count above 0 (the first zone by name, controller.md §3.7), or -1. */
function firstPositive(counts: readonly number[]): number {
  for (let z = 0; z < counts.length; z++) if (counts[z]! > 0) return z;
  return -1;
}

/**
 * How many endpoints each zone gives and receives (controller.md §3.6; topologycache
 * `getGivingAndReceivingZones`), by position in `quotas`, which are in zone-name order. Upstream
 * moves one endpoint per step between float64 maps; the same steps run here over arrays of
 * doubles (zones absent from upstream's maps hold 0 here, which `largest` never picks), so
 * 10,000 steps allocate nothing. `toMove` is the number of steps, the endpoints to move in all.
 */
function givingAndReceiving(quotas: readonly ZoneQuota[], assigned: readonly number[]): { give: number[]; receive: number[]; toMove: number } {
  const surplus = new Array<number>(quotas.length).fill(0);
  const deficit = new Array<number>(quotas.length).fill(0);
  for (let z = 0; z < quotas.length; z++) {
    const have = assigned[z]!;
    const target = quotas[z]!.target;
    if (have > target) surplus[z] = have - target;
    else if (have < target) deficit[z] = target - have;
  }
  const give = new Array<number>(quotas.length).fill(0);
  const receive = new Array<number>(quotas.length).fill(0);
  let toMove = 0;
  for (;;) {
    const giving = largest(surplus);
    const receiving = largest(deficit);
    if (giving < 0 || receiving < 0) break;
    const toGive = surplus[giving]!;
    const toReceive = deficit[receiving]!;
    // §3.6: whole endpoints move only while one side is a whole endpoint off, and neither is under half.
    if ((toGive < 1 && toReceive < 1) || toGive < 0.5 || toReceive < 0.5) break;
    give[giving]!++;
    surplus[giving] = toGive - 1;
    receive[receiving]!++;
    deficit[receiving] = toReceive - 1;
    toMove++;
  }
  return { give, receive, toMove };
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
  const { quotas } = allocation;
  // Zones by position in `quotas` (zone-name order): counts are arrays indexed by it.
  const position = new Map<string, number>();
  for (let z = 0; z < quotas.length; z++) position.set(quotas[z]!.zone, z);
  const assigned = new Array<number>(quotas.length).fill(0);
  // Upstream's allocation map also counts ready endpoints in zones that have no quota (zones
  // without counted nodes); only whether it is empty matters for them (§3.8).
  let anyAssigned = false;

  // §3.4: keep acceptable hints on unchanged slices; rejected ones become allocatable (§3.3).
  const keptSlices: number[] = [];
  const allocatable: ParsedSlice[] = [];
  const counts = new Array<number>(quotas.length).fill(0);
  for (const slice of slices) {
    if (!acceptableHints(slice, assigned, quotas, position, counts)) {
      allocatable.push(slice);
      continue;
    }
    keptSlices.push(slice.index);
    for (let z = 0; z < counts.length; z++) {
      if (counts[z] === 0) continue;
      assigned[z]! += counts[z]!;
      anyAssigned = true;
    }
  }

  // §3.5: every ready endpoint of an allocatable slice starts in its own zone; not-ready ones keep their hints.
  const edits = new SliceEdits();
  const make = hintsMaker();
  // Every ready endpoint of an allocatable slice has a zone: `zonelessReady` is checked first.
  const ownZone: HintsRule = (e, i, slice) => (slice.ready[i] ? make(zoneOf(e), undefined) : undefined);
  for (const slice of allocatable) {
    if (slice.zonelessReady) return failed('endpoint-without-zone', slices, readyEndpoints, zones ?? [], quotas);
    edits.rewrite(slice, ownZone);
    for (const [zone, count] of slice.readyByZone) {
      const z = position.get(zone);
      if (z !== undefined) assigned[z]! += count;
      anyAssigned = true;
    }
  }

  // §3.6, §3.7: move the first ready endpoints of giving zones, in processing order
  // (topologycache `redistributeHints`). Every step gives one and receives one, so one count of
  // endpoints still to move stands for both of upstream's "no zone left" checks.
  const steps = givingAndReceiving(quotas, assigned);
  const { give, receive } = steps;
  let toMove = steps.toMove;
  const moves: EndpointMove[] = [];
  redistribute: for (const slice of allocatable) {
    for (let i = 0; i < slice.endpoints.length; i++) {
      if (!slice.ready[i]) continue;
      if (toMove === 0) break redistribute;
      const e = slice.endpoints[i]!;
      const from = zoneOf(e);
      const giving = from === undefined ? undefined : position.get(from);
      if (giving === undefined || give[giving] === 0) continue;
      const receiving = firstPositive(receive);
      const to = quotas[receiving]!.zone;
      edits.override(slice, i, make(to, undefined));
      moves.push({ slice: slice.index, endpoint: i, address: firstAddress(e), from: from!, to });
      // §3.8: the moves change the per-zone counts.
      give[giving]!--;
      assigned[giving]!--;
      receive[receiving]!--;
      assigned[receiving]!++;
      toMove--;
    }
  }
  if (!anyAssigned) return failed('no-hints-allocated', slices, readyEndpoints, zones ?? [], quotas);

  return {
    cause: 'hints-allocated',
    readyEndpoints,
    zones: zones ?? [],
    allocations: quotas.map((q, z) => withAssigned(q, assigned[z]!)),
    keptSlices,
    moves,
    edits,
  };
}
