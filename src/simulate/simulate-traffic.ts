/**
 * `simulateTraffic`: the expected spread of a Service's traffic over its endpoints, cluster-wide.
 *
 * @module
 */
import { KubeTrafficError, problem } from '../model/errors.js';
import { type Rec, Reader, isRec } from '../model/read.js';
import { DECIDE, type PrepareOptions, type PreparedInternals, type PreparedService, prepareService } from '../proxy/prepare.js';
import type { From, Via } from '../proxy/types.js';
import { groupClients, toClientClass, type ClassDraft } from './classes.js';
import { placeClients } from './clients.js';
import { endpointShares, servingMask, weightPerList } from './load.js';
import { endpointZone, staysInZone, zoneCounts, zoneTraffic } from './matrix.js';
import { readFlow, readNodes, readThresholds } from './read-input.js';
import type { SimulateInput, SimulatedEndpoint, SimulationResult } from './types.js';
import { type WarningFacts, simulationWarnings } from './warnings.js';

const byName = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Simulates where a Service's traffic goes: for every client node, kube-proxy's eligible
 * endpoints and action (forward, drop, reject), then the expected load on every endpoint under
 * kube-proxy's uniform random choice among the eligible ones.
 *
 * Definitions (every fraction is of all placed client weight W; node n has weight wₙ and, when
 * forwarded, eligible list Lₙ):
 * - `share(e)` = Σ over forwarded nodes n with e ∈ Lₙ of wₙ / (W·|Lₙ|); shares sum to `forwardedFraction`;
 * - `fairShare` = 1 / S, S = serving endpoints (ready ones, or serving-terminating ones when none is
 *   ready): each endpoint's share if all traffic were spread evenly;
 * - `overload(e)` = share(e) / fairShare (0 when S = 0). Dropped traffic lowers every overload;
 * - `crossZoneFraction`: forwarded from a client zone to a different endpoint zone, both known; an
 *   endpoint's zone is its slice `zone`, else its node's zone label. Unknown (`''`) zones go to
 *   `unknownZoneFraction`.
 *
 * Cost grows with the number of distinct answers kube-proxy gives (client classes), not with the
 * number of nodes: 5,000 nodes and 100,000 endpoints take well under a second.
 *
 * @param input - `{ service, endpointSlices, nodes, clients?, port?, ipFamily?, flow?, gates?, kubernetesVersion?, thresholds? }`
 * @returns shares, the zone matrix, fractions, classes and warnings; deterministic for one input
 * @throws {KubeTrafficError} for malformed input, every problem with its JSON path
 *   (`$.clients.byZone["zone-a"]`, `$.nodes[2].metadata.name`, `$.flow.via`, `$.service.spec`)
 * @example
 * ```ts
 * const r = simulateTraffic({
 *   service,                       // trafficDistribution: PreferClose, hints written
 *   endpointSlices,                // zones a/b/c hold 1/1/4 endpoints
 *   nodes,
 *   clients: { byZone: { 'zone-a': 60, 'zone-b': 30, 'zone-c': 10 } },
 * });
 * r.mostOverloaded?.share;    // => 0.6
 * r.mostOverloaded?.overload; // => 3.6 (fair share 1/6)
 * r.crossZoneFraction;        // => 0
 * ```
 */
export function simulateTraffic(input: SimulateInput): SimulationResult {
  if (!isRec(input)) {
    const r = new Reader();
    r.fail('invalid-type', '$', 'an object with service, endpointSlices and nodes', input);
    r.finish();
  }
  const rec = input as unknown as Rec;
  const reader = new Reader();
  const nodes = readNodes(reader, rec);
  const flow = readFlow(reader, rec);
  const thresholds = readThresholds(reader, rec);
  const placement = placeClients(reader, rec, nodes);
  const prepared = absorb(reader, () => prepareService(input.service, input.endpointSlices, prepareOptions(input)));
  reader.finish();
  if (prepared === undefined) throw new Error('unreachable: prepareService failed without problems');
  checkFlow(prepared, flow);

  let total = 0;
  for (const w of placement.weights) total += w;
  const unplacedWeight = placement.unplaced.reduce((s, u) => s + u.weight, 0);
  const decide = (prepared as PreparedInternals)[DECIDE];
  if (decide === undefined) {
    // Not proxied: kube-proxy does not intercept the Service's traffic at all.
    const notProxied = prepared.categorize({ name: '' });
    if (notProxied.kind !== 'not-proxied') throw new Error('unreachable: a proxied Service without a decision hook');
    return emptyResult(prepared, flow, total, placement.unplaced, notProxied, unplacedWeight, thresholds);
  }

  const drafts = groupClients(nodes, placement.weights, (node) => decide(node, flow));
  const all = prepared.endpoints;
  const perList = weightPerList(drafts);
  const shares = endpointShares(all, perList, total);
  const serving = servingMask(all);
  const servingCount = serving.reduce((n, s) => n + (s ? 1 : 0), 0);
  const fairShare = servingCount > 0 ? 1 / servingCount : 0;

  const nodeZones = new Map(nodes.map((n) => [n.name, n.zone]));
  const zoneOf = (e: (typeof all)[number]): string => endpointZone(e, nodeZones);
  const zones = all.map(zoneOf);
  const counts = zoneCounts(perList.keys(), zoneOf);
  const traffic = zoneTraffic(drafts, counts, zones, total);

  const endpoints: SimulatedEndpoint[] = all.map((e, i) =>
    Object.freeze({
      key: e.key,
      ip: e.ip,
      port: e.port,
      zone: zones[i]!,
      nodeName: e.nodeName,
      serving: serving[i]!,
      share: shares[i]!,
      overload: fairShare > 0 ? shares[i]! / fairShare : 0,
    }),
  );
  let most: SimulatedEndpoint | null = null;
  for (const e of endpoints) if (e.share > 0 && (most === null || e.share > most.share)) most = e;

  const fraction = (action: string): number =>
    total > 0 ? drafts.reduce((s, d) => s + (d.decision.flow.action === action ? d.weight : 0), 0) / total : 0;
  const nodesWhere = (pick: (d: ClassDraft) => boolean): readonly string[] =>
    Object.freeze(drafts.filter(pick).flatMap((d) => d.nodes).sort(byName));
  const droppedFraction = fraction('drop');
  const rejectedFraction = fraction('reject');
  const droppedNodes = nodesWhere((d) => d.decision.flow.action === 'drop');
  const rejectedNodes = nodesWhere((d) => d.decision.flow.action === 'reject');

  const facts: WarningFacts = {
    overloaded: overloadedByZone(endpoints, thresholds.overload),
    zonesWithoutEndpoints: zonesWithoutEndpoints(drafts, endpoints, total),
    dropped:
      droppedFraction > 0
        ? {
            fraction: droppedFraction,
            nodes: droppedNodes.length,
            decidedBy: drafts.find((d) => d.decision.flow.action === 'drop')!.decision.flow.decidedBy,
          }
        : null,
    rejected: rejectedFraction > 0 ? { fraction: rejectedFraction, nodes: rejectedNodes.length } : null,
    unplacedWeight,
  };

  const ordered = drafts.map((d, i) => ({ d, i })).sort((a, b) => byName(a.d.zone, b.d.zone) || a.i - b.i);
  return Object.freeze({
    notProxied: null,
    port: prepared.port,
    ipFamily: prepared.ipFamily,
    kubernetesVersion: prepared.kubernetesVersion,
    flow: Object.freeze({ ...flow }),
    endpoints: Object.freeze(endpoints),
    servingEndpoints: servingCount,
    fairShare,
    mostOverloaded: most,
    classes: Object.freeze(ordered.map(({ d }) => toClientClass(d, total))),
    zoneMatrix: Object.freeze({
      zones: Object.freeze(traffic.matrix.zones),
      fractions: Object.freeze(traffic.matrix.fractions.map((r) => Object.freeze(r))),
    }),
    forwardedFraction: fraction('forward'),
    crossZoneFraction: traffic.crossZone,
    inZoneFraction: traffic.inZone,
    unknownZoneFraction: traffic.unknownZone,
    droppedFraction,
    rejectedFraction,
    droppedNodes,
    rejectedNodes,
    inZoneNodes: nodesWhere((d) => staysInZone(d, counts)),
    totalWeight: total,
    unplacedClients: Object.freeze(placement.unplaced.map((u) => Object.freeze({ ...u }))),
    warnings: Object.freeze(simulationWarnings(facts, thresholds)),
  });
}

function prepareOptions(input: SimulateInput): PrepareOptions {
  return {
    ...(input.port !== undefined && input.port !== null && { port: input.port }),
    ...(input.ipFamily !== undefined && input.ipFamily !== null && { ipFamily: input.ipFamily }),
    ...(input.gates !== undefined && input.gates !== null && { gates: input.gates }),
    ...(input.kubernetesVersion !== undefined && input.kubernetesVersion !== null && { kubernetesVersion: input.kubernetesVersion }),
  };
}

/** Runs `build`, moving its input problems into `reader` so one error lists everything. */
function absorb<T>(reader: Reader, build: () => T): T | undefined {
  try {
    return build();
  } catch (e) {
    if (!(e instanceof KubeTrafficError)) throw e;
    // Not push(...problems): one argument per problem overflows the stack for 10^5 problems.
    for (const p of e.problems) reader.problems.push(p);
    return undefined;
  }
}

/** The port must expose `via` (no node port → no `nodePort` flow); reported at `$.flow`. */
function checkFlow(prepared: PreparedService, flow: { via: Via; from: From }): void {
  try {
    prepared.select({ name: '' }, flow);
  } catch (e) {
    if (!(e instanceof KubeTrafficError)) throw e;
    // select roots the flow at `$`; the simulator's flow lives at `$.flow`.
    throw new KubeTrafficError(e.problems.map((p) => problem(p.code, p.path.replace(/^\$/, '$.flow'), p.expected, p.received)));
  }
}

function overloadedByZone(endpoints: readonly SimulatedEndpoint[], threshold: number): WarningFacts['overloaded'] {
  const byZone = new Map<string, { zone: string; endpoints: number; maxOverload: number }>();
  for (const e of endpoints) {
    if (!(e.overload > threshold)) continue;
    const z = byZone.get(e.zone);
    if (z === undefined) byZone.set(e.zone, { zone: e.zone, endpoints: 1, maxOverload: e.overload });
    else {
      z.endpoints++;
      z.maxOverload = Math.max(z.maxOverload, e.overload);
    }
  }
  return [...byZone.values()].sort((a, b) => byName(a.zone, b.zone));
}

function zonesWithoutEndpoints(drafts: readonly ClassDraft[], endpoints: readonly SimulatedEndpoint[], total: number): WarningFacts['zonesWithoutEndpoints'] {
  const servingZones = new Set(endpoints.filter((e) => e.serving).map((e) => e.zone));
  const sent = new Map<string, number>();
  for (const d of drafts) {
    if (d.zone === '' || d.decision.flow.action !== 'forward' || servingZones.has(d.zone)) continue;
    sent.set(d.zone, (sent.get(d.zone) ?? 0) + d.weight / total);
  }
  return [...sent].map(([zone, fraction]) => ({ zone, fraction })).sort((a, b) => byName(a.zone, b.zone));
}

function emptyResult(
  prepared: PreparedService,
  flow: { via: Via; from: From },
  total: number,
  unplaced: SimulationResult['unplacedClients'],
  notProxied: NonNullable<SimulationResult['notProxied']>,
  unplacedWeight: number,
  thresholds: { overload: number; dropped: number },
): SimulationResult {
  const warnings = simulationWarnings({ overloaded: [], zonesWithoutEndpoints: [], dropped: null, rejected: null, unplacedWeight }, thresholds);
  warnings.unshift({ code: 'service-not-proxied', message: notProxied.message, reason: notProxied.reason });
  return Object.freeze({
    notProxied,
    port: prepared.port,
    ipFamily: prepared.ipFamily,
    kubernetesVersion: prepared.kubernetesVersion,
    flow: Object.freeze({ ...flow }),
    endpoints: Object.freeze([]),
    servingEndpoints: 0,
    fairShare: 0,
    mostOverloaded: null,
    classes: Object.freeze([]),
    zoneMatrix: Object.freeze({ zones: Object.freeze([]), fractions: Object.freeze([]) }),
    forwardedFraction: 0,
    crossZoneFraction: 0,
    inZoneFraction: 0,
    unknownZoneFraction: 0,
    droppedFraction: 0,
    rejectedFraction: 0,
    droppedNodes: Object.freeze([]),
    rejectedNodes: Object.freeze([]),
    inZoneNodes: Object.freeze([]),
    totalWeight: total,
    unplacedClients: Object.freeze(unplaced.map((u) => Object.freeze({ ...u }))),
    warnings: Object.freeze(warnings),
  });
}
