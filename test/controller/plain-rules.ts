/**
 * The EndpointSlice controller's hint rules stated plainly, as the reference of the differential
 * test (plain-rules.diff.test.ts): one function per upstream step, on deep copies of the input
 * objects, with no shared hint objects, edit lists, caches or fast paths. It reads like
 * docs/controller.md and upstream's `topologycache` (`SetNodes`, `getAllocations`, `AddHints`,
 * `getHintsByZone`, `getGivingAndReceivingZones`, `redistributeHints`,
 * `RemoveHintsFromSlices`) and `trafficdist` (`ReconcileHints`), where Go leaves a choice to
 * map order, the library's documented tie-break (the first zone by name, controller.md §3.6).
 *
 * It expects well-formed input (the differential test generates only that) and reuses only what
 * is not on computeHints' optimised path: the path decision (`decideHintsPath`), release rules,
 * the version and gate readers, the per-zone arithmetic of `getAllocations` (`allocateZones`,
 * already a plain statement), exact quantities (`parseQuantity` and friends, covered by their
 * own vectors) and the event texts.
 */
import { allocateZones } from '../../src/controller/allocation.js';
import { autoEvent } from '../../src/controller/events.js';
import { decideHintsPath } from '../../src/controller/precedence.js';
import { addQuantities, parseQuantity, toMillicores, ZERO_QUANTITY, type Quantity } from '../../src/controller/quantity.js';
import { controllerReleaseRules } from '../../src/controller/release-rules.js';
import type { AddressType, HintsEvent, ZoneAllocation, ZoneRatio, EndpointMove } from '../../src/controller/types.js';
import { readGates, readVersion } from '../../src/model/gates.js';
import { Reader } from '../../src/model/read.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** One address type's result, in the terms of `AddressTypeOutcome`. */
export interface PlainOutcome {
  readonly addressType: string;
  readonly path: string;
  readonly cause: string;
  readonly reason: string | null;
  readonly event: HintsEvent | null;
  readonly hintsPresent: boolean;
  readonly rewrittenSlices: number[];
  /** Auto only. */
  readonly readyEndpoints?: number;
  readonly zones?: readonly ZoneRatio[];
  readonly allocations?: readonly ZoneAllocation[];
  readonly keptSlices?: number[];
  readonly moves?: EndpointMove[];
}

export interface PlainResult {
  /** Every input slice in input order: the input object when unchanged, else a rewritten deep copy. */
  readonly endpointSlices: unknown[];
  readonly byAddressType: PlainOutcome[];
}

const MANAGED_BY = 'endpointslice.kubernetes.io/managed-by';
const CONTROLLER = 'endpointslice-controller.k8s.io';
const SERVICE_NAME = 'kubernetes.io/service-name';

const items = (c: unknown): Json[] => (Array.isArray(c) ? c : c == null ? [] : ((c as Json)['items'] as Json[]));
const own = (map: unknown, key: string): unknown => (map != null && Object.hasOwn(map as object, key) ? (map as Json)[key] : undefined);
const ready = (e: Json): boolean => e['conditions']?.['ready'] === true; // topologycache EndpointReady
const hasHints = (e: Json): boolean => e['hints'] !== undefined && e['hints'] !== null;

/** A slice being rewritten: a deep copy of the input, and whether anything was written. */
interface Work {
  readonly index: number;
  readonly source: Json;
  copy: Json;
  changed: boolean;
}

function setHints(work: Work, i: number, hints: Json | null): void {
  const e = work.copy['endpoints'][i] as Json;
  if (hints === null) delete e['hints'];
  else e['hints'] = hints;
  work.changed = true;
}

/** `RemoveHintsFromSlices`: a slice is rewritten only when some endpoint has hints. */
function removeHints(slices: Work[]): void {
  for (const s of slices) (s.copy['endpoints'] as Json[]).forEach((e, i) => hasHints(e) && setHints(s, i, null));
}

/** `SetNodes`: zone CPU ratios, or `undefined` when the information is insufficient. */
function cpuRatios(nodes: Json[]): ZoneRatio[] | undefined {
  const byZone = new Map<string, Quantity>();
  let total = ZERO_QUANTITY;
  for (const node of nodes) {
    const labels = node['metadata']?.['labels'];
    if (own(labels, 'node-role.kubernetes.io/control-plane') !== undefined || own(labels, 'node-role.kubernetes.io/master') !== undefined) continue;
    const readyCondition = ((node['status']?.['conditions'] ?? []) as Json[]).find((c) => c['type'] === 'Ready'); // isNodeReady
    if (readyCondition?.['status'] !== 'True') continue;
    const zone = own(labels, 'topology.kubernetes.io/zone') as string | undefined;
    const text = node['status']?.['allocatable']?.['cpu'];
    const cpu = text == null ? undefined : parseQuantity(String(text));
    if (zone === undefined || zone === '' || cpu === undefined || cpu.coefficient === 0n) return undefined;
    total = addQuantities(total, cpu);
    byZone.set(zone, addQuantities(byZone.get(zone) ?? ZERO_QUANTITY, cpu));
  }
  if (toMillicores(total) === 0n || byZone.size < 2) return undefined;
  return [...byZone.keys()].sort().map((zone) => {
    const cpuMillicores = Number(toMillicores(byZone.get(zone)!));
    return { zone, cpuMillicores, ratio: cpuMillicores / Number(toMillicores(total)) };
  });
}

/** The zone with the largest value above 0; the first by name among equals (Go: map order). */
function most(values: Map<string, number>): [string, number] | undefined {
  let best: [string, number] | undefined;
  for (const zone of [...values.keys()].sort()) if (values.get(zone)! > (best?.[1] ?? 0)) best = [zone, values.get(zone)!];
  return best;
}

interface AutoResult {
  cause: string;
  readyEndpoints: number;
  zones: ZoneRatio[];
  allocations: ZoneAllocation[];
  keptSlices: number[];
  moves: EndpointMove[];
}

/** `AddHints` over one address type's slices, every one an unchanged slice (controller.md §3). */
function addHints(slices: Work[], zones: ZoneRatio[] | undefined): AutoResult {
  const readyEndpoints = slices.reduce((n, s) => n + (s.copy['endpoints'] as Json[]).filter(ready).length, 0);
  const allocation = allocateZones(zones, readyEndpoints); // getAllocations, stated in allocation.ts
  const fail = (cause: string): AutoResult => {
    // Every hint goes, from the slices as they came (nothing written so far stays).
    for (const s of slices) {
      s.copy = structuredClone(s.source);
      s.changed = false;
    }
    removeHints(slices);
    return { cause, readyEndpoints, zones: zones ?? [], allocations: allocation.quotas.map((q) => ({ ...q, assigned: 0 })), keptSlices: [], moves: [] };
  };
  if (!allocation.ok) return fail(allocation.cause);
  const quota = new Map(allocation.quotas.map((q) => [q.zone, q]));

  // getAllocatedHintsByZone / getHintsByZone: an unchanged slice keeps acceptable hints.
  const assigned = new Map<string, number>();
  const keptSlices: number[] = [];
  const allocatable: Work[] = [];
  for (const s of slices) {
    const counts = new Map<string, number>();
    let acceptable = true;
    for (const e of (s.copy['endpoints'] as Json[]).filter(ready)) {
      const forZones = (e['hints']?.['forZones'] ?? []) as Json[];
      if (forZones.length === 0) acceptable = false;
      for (const z of forZones) {
        const name = (z['name'] ?? '') as string;
        if (!quota.has(name)) acceptable = false;
        counts.set(name, (counts.get(name) ?? 0) + 1);
      }
    }
    for (const [zone, n] of counts) if (acceptable && (assigned.get(zone) ?? 0) + n > quota.get(zone)!.maximum!) acceptable = false;
    if (!acceptable) {
      allocatable.push(s);
      continue;
    }
    keptSlices.push(s.index);
    for (const [zone, n] of counts) assigned.set(zone, (assigned.get(zone) ?? 0) + n);
  }

  // Step 1: every ready endpoint of an allocatable slice is hinted for its own zone.
  for (const s of allocatable) {
    const endpoints = s.copy['endpoints'] as Json[];
    s.changed = true; // ToUpdate: written back even when no hint differs
    for (let i = 0; i < endpoints.length; i++) {
      const e = endpoints[i]!;
      if (!ready(e)) continue;
      const zone = e['zone'] as string | null | undefined;
      if (zone == null || zone === '') return fail('endpoint-without-zone');
      assigned.set(zone, (assigned.get(zone) ?? 0) + 1);
      setHints(s, i, { forZones: [{ name: zone }] });
    }
  }

  // Step 2: getGivingAndReceivingZones.
  const surplus = new Map<string, number>();
  const deficit = new Map<string, number>();
  for (const q of allocation.quotas) {
    const have = assigned.get(q.zone) ?? 0;
    if (have > q.target) surplus.set(q.zone, have - q.target);
    else if (have < q.target) deficit.set(q.zone, q.target - have);
  }
  const giving = new Map<string, number>();
  const receiving = new Map<string, number>();
  for (;;) {
    const g = most(surplus);
    const r = most(deficit);
    if (g === undefined || r === undefined || (g[1] < 1 && r[1] < 1) || g[1] < 0.5 || r[1] < 0.5) break;
    giving.set(g[0], (giving.get(g[0]) ?? 0) + 1);
    surplus.set(g[0], g[1] - 1);
    receiving.set(r[0], (receiving.get(r[0]) ?? 0) + 1);
    deficit.set(r[0], r[1] - 1);
  }

  // Step 3: redistributeHints, first ready endpoints of giving zones in slice order.
  const moves: EndpointMove[] = [];
  redistribute: for (const s of allocatable) {
    const endpoints = s.copy['endpoints'] as Json[];
    for (let i = 0; i < endpoints.length; i++) {
      const e = endpoints[i]!;
      if (!ready(e)) continue;
      if (giving.size === 0 || receiving.size === 0) break redistribute;
      const from = e['zone'] as string;
      if (!(giving.get(from)! > 0)) continue;
      const to = [...receiving.keys()].sort()[0]!;
      setHints(s, i, { forZones: [{ name: to }] });
      moves.push({ slice: s.index, endpoint: i, address: (e['addresses']?.[0] as string | undefined) ?? null, from, to });
      for (const [map, zone] of [[giving, from], [receiving, to]] as const) {
        map.set(zone, map.get(zone)! - 1);
        if (map.get(zone) === 0) map.delete(zone);
      }
      assigned.set(from, assigned.get(from)! - 1);
      assigned.set(to, (assigned.get(to) ?? 0) + 1);
    }
  }
  if (assigned.size === 0) return fail('no-hints-allocated');
  return {
    cause: 'hints-allocated',
    readyEndpoints,
    zones: zones ?? [],
    allocations: allocation.quotas.map((q) => ({ ...q, assigned: assigned.get(q.zone) ?? 0 })),
    keptSlices,
    moves,
  };
}

/** `trafficdist` `ReconcileHints`: same zone (and node, for PreferSameNode) for every ready endpoint. */
function trafficDistribution(slices: Work[], value: string, emptyZoneHint: boolean): void {
  const wanted = (e: Json): Json | null => {
    const zone = (e['zone'] as string | null | undefined) ?? (emptyZoneHint ? '' : undefined);
    const node = value === 'PreferSameNode' ? ((e['nodeName'] as string | null | undefined) ?? undefined) : undefined;
    if (zone === undefined && node === undefined) return null;
    return { ...(zone === undefined ? {} : { forZones: [{ name: zone }] }), ...(node === undefined ? {} : { forNodes: [{ name: node }] }) };
  };
  // An endpoint is up to date when it has no hints and wants none, or its lists name exactly what it wants.
  const names = (list: unknown): string => JSON.stringify(((list ?? []) as Json[]).map((x) => x['name'] ?? ''));
  const upToDate = (e: Json): boolean => {
    const want = wanted(e);
    const have = e['hints'];
    if (have == null) return want === null;
    return names(have['forZones']) === names(want?.['forZones']) && names(have['forNodes']) === names(want?.['forNodes']);
  };
  for (const s of slices) {
    const endpoints = s.copy['endpoints'] as Json[];
    const stale = endpoints.some((e) => ready(e) && !upToDate(e));
    if (!stale) continue;
    endpoints.forEach((e, i) => ready(e) && setHints(s, i, wanted(e)));
    s.changed = true;
  }
}

/**
 * computeHints, stated plainly. Well-formed input only.
 */
export function plainComputeHints(input: Json): PlainResult {
  const r = new Reader();
  const version = readVersion(r, input, '$');
  const rules = controllerReleaseRules(version, readGates(r, input, 'gates', '$', version));
  const service = input['service'] as Json;
  const name = service['metadata']['name'] as string;
  const namespace = (service['metadata']['namespace'] ?? '') as string;
  const spec = service['spec'] as Json;
  const annotations = service['metadata']['annotations'] ?? undefined;
  const trafficDistributionValue = spec['trafficDistribution'] ?? undefined;
  const families = [...new Set(((spec['ipFamilies'] ?? []) as string[]).filter((f) => f === 'IPv4' || f === 'IPv6'))];
  const serviceTypes = families.length === 0 ? ['IPv4'] : families;
  const all = items(input['endpointSlices']);
  const typesOf = (slices: Json[]): string[] => ['IPv4', 'IPv6'].filter((t) => serviceTypes.includes(t) || slices.some((s) => s['addressType'] === t));

  // syncService: ExternalName and selector-less Services are not the controller's.
  const selector = spec['selector'];
  const notManaged = spec['type'] === 'ExternalName' ? 'external-name' : selector == null || Object.keys(selector).length === 0 ? 'no-selector' : null;
  const readyHinted = (slices: Json[], t: string): boolean => slices.some((s) => s['addressType'] === t && ((s['endpoints'] ?? []) as Json[]).some((e) => ready(e) && hasHints(e)));
  if (notManaged !== null) {
    const byAddressType = typesOf(all).map((t) => ({ addressType: t, path: 'not-managed', cause: notManaged, reason: null, event: null, hintsPresent: readyHinted(all, t), rewrittenSlices: [] }));
    return { endpointSlices: [...all], byAddressType };
  }

  // The slices the controller lists (service-name and managed-by labels), not being deleted, not FQDN.
  const isOwn = (s: Json): boolean => {
    const meta = s['metadata'] ?? {};
    return (
      own(meta['labels'], SERVICE_NAME) === name &&
      (meta['namespace'] ?? '') === namespace &&
      own(meta['labels'], MANAGED_BY) === CONTROLLER &&
      meta['deletionTimestamp'] == null &&
      (s['addressType'] === 'IPv4' || s['addressType'] === 'IPv6')
    );
  };
  const work: Work[] = all.flatMap((s, index) => (isOwn(s) ? [{ index, source: s, copy: structuredClone(s), changed: false }] : []));
  const others = all.filter((s) => !isOwn(s));
  const decision = decideHintsPath(annotations, trafficDistributionValue, rules.gates);
  const ratios = decision.path === 'topology-auto' ? cpuRatios(items(input['nodes'])) : undefined;

  let hintsActive = false; // hintsPopulatedByService, fresh
  const byAddressType: PlainOutcome[] = [];
  for (const t of typesOf(work.map((w) => w.copy))) {
    const slices = work.filter((w) => w.copy['addressType'] === t);
    let outcome: Omit<PlainOutcome, 'hintsPresent' | 'rewrittenSlices'>;
    if (decision.path === 'topology-auto') {
      const auto = addHints(slices, ratios);
      const success = auto.cause === 'hints-allocated';
      const event = success && hintsActive ? null : autoEvent(auto.cause as never, t as AddressType, auto.readyEndpoints, auto.zones.length);
      hintsActive = success;
      outcome = { addressType: t, path: decision.path, reason: event?.reason ?? null, event, ...auto };
    } else if (decision.path === 'traffic-distribution') {
      trafficDistribution(slices, decision.trafficDistribution, rules.emptyZoneHint);
      outcome = { addressType: t, path: decision.path, cause: 'traffic-distribution-applied', reason: null, event: null };
    } else {
      removeHints(slices);
      outcome = { addressType: t, path: decision.path, cause: decision.cause, reason: null, event: null };
    }
    const hintsPresent = slices.some((s) => (s.copy['endpoints'] as Json[]).some(hasHints)) || readyHinted(others, t);
    byAddressType.push({ ...outcome, hintsPresent, rewrittenSlices: slices.filter((s) => s.changed).map((s) => s.index) });
  }
  const endpointSlices: unknown[] = [...all];
  for (const w of work) if (w.changed) endpointSlices[w.index] = w.copy;
  return { endpointSlices, byAddressType };
}
