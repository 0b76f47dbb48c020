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
 * Counts a slice's zone hints if the slice may keep them (controller.md §3.4): every
 * ready endpoint has a non-empty `forZones` naming only allocated zones, and no zone would pass
 * its maximum. Returns `undefined` when the slice is rejected. Not-ready endpoints are ignored.
 */
function acceptableHints(slice: ParsedSlice, assigned: ReadonlyMap<string, number>, quotas: ReadonlyMap<string, ZoneQuota>): Map<string, number> | undefined {
  let counts: Map<string, number> | undefined; // made at the first hint: most rejected slices have none
  for (let i = 0; i < slice.endpoints.length; i++) {
    if (!slice.ready[i]) continue;
    const e = slice.endpoints[i]!;
    const hints = zoneHints(e);
    if (hints.length === 0) return undefined;
    counts ??= new Map();
    for (const hint of hints) {
      const zone = hintName(hint);
      if (!quotas.has(zone)) return undefined;
      counts.set(zone, (counts.get(zone) ?? 0) + 1);
    }
  }
  if (counts === undefined) return new Map(); // no ready endpoint: nothing to count, nothing to reject
  for (const [zone, count] of counts) {
    if ((assigned.get(zone) ?? 0) + count > quotas.get(zone)!.maximum!) return undefined;
  }
  return counts;
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
 * 10,000 steps allocate nothing.
 */
function givingAndReceiving(quotas: readonly ZoneQuota[], assigned: ReadonlyMap<string, number>): { give: number[]; receive: number[] } {
  const surplus = quotas.map(() => 0);
  const deficit = quotas.map(() => 0);
  quotas.forEach((q, z) => {
    const have = assigned.get(q.zone) ?? 0;
    if (have > q.target) surplus[z] = have - q.target;
    else if (have < q.target) deficit[z] = q.target - have;
  });
  const give = quotas.map(() => 0);
  const receive = quotas.map(() => 0);
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
  }
  return { give, receive };
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
  // Every ready endpoint of an allocatable slice has a zone: `zonelessReady` is checked first.
  const ownZone: HintsRule = (e, i, slice) => (slice.ready[i] ? make(zoneOf(e), undefined) : undefined);
  for (const slice of allocatable) {
    if (slice.zonelessReady) return failed('endpoint-without-zone', slices, readyEndpoints, zones ?? [], allocation.quotas);
    edits.rewrite(slice, ownZone);
    for (const [zone, count] of slice.readyByZone) assigned.set(zone, (assigned.get(zone) ?? 0) + count);
  }

  // §3.6, §3.7: move the first ready endpoints of giving zones, in processing order
  // (topologycache `redistributeHints`). Every step gives one and receives one, so one count of
  // endpoints still to move stands for both of upstream's "no zone left" checks.
  const { give, receive } = givingAndReceiving(allocation.quotas, assigned);
  const position = new Map<string, number>();
  allocation.quotas.forEach((q, z) => position.set(q.zone, z));
  let toMove = give.reduce((a, b) => a + b, 0);
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
      const to = allocation.quotas[receiving]!.zone;
      edits.override(slice, i, make(to, undefined));
      moves.push({ slice: slice.index, endpoint: i, address: firstAddress(e), from: from!, to });
      give[giving]!--;
      receive[receiving]!--;
      toMove--;
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
