/**
 * `simulateTraffic`: the expected spread of a Service's traffic over its endpoints, cluster-wide.
 *
 * @module
 */
import { KubeTrafficError, problem } from '../model/errors.js';
import { type Rec, Reader, isRec } from '../model/read.js';
import { type PrepareOptions, type PreparedService, prepareService, preparedIndex } from '../proxy/prepare.js';
import type { From, Via } from '../proxy/types.js';
import { groupClients, toClientClass, type ClassDraft } from './classes.js';
import { computeHints } from '../controller/compute-hints.js';
import { withAdvice } from './advice.js';
import { type ClientSpec, placeClients, readClients } from './clients.js';
import { loadBalancerNodes, loadBalancerSummary, localReadyEndpoints } from './load-balancer.js';
import { readTolerations, whyNoClients } from './scheduling.js';
import { endpointShares, servingMask, weightPerList } from './load.js';
import { endpointZone } from './endpoint-zone.js';
import { staysInZone, zoneCounts, zoneTraffic } from './matrix.js';
import { checkAdvise, readFlow, readNodes, readThresholds } from './read-input.js';
import type { AssumedNode, ExcludedClientNode, LoadBalancerNode, LoadBalancerTargets, SimNode, SimulateInput, SimulatedEndpoint, SimulationResult } from './types.js';
import { type SimulationWarning, type WarningFacts, simulationWarnings } from './warnings.js';
import type { Endpoint } from '../model/endpoint.js';
import type { IndexDecision } from '../proxy/prepare.js';
import type { NodeIdentity } from '../proxy/node.js';
import { profileOf } from '../profiles/categorize.js';
import { simulateWithProfile } from '../profiles/simulate.js';

const byName = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Simulates where a Service's traffic goes: for every client node, kube-proxy's eligible
 * endpoints and action (forward, drop, reject, or not handled by kube-proxy), then the expected load on every endpoint under
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
 * With `profile` (a deviation profile, as in `categorizeEndpoints`) each client node's endpoints come from
 * that data plane's rules instead of kube-proxy's; the result then names the `profile`. A profile
 * runs its rules once per client node, so its cost grows with the number of nodes.
 *
 * @param input - `{ service, endpointSlices, nodes, clients?, port?, ipFamily?, flow?, gates?, kubernetesVersion?, thresholds?, profile? }`
 * @returns shares, the zone matrix, fractions, classes and warnings; deterministic for one input
 * @throws {KubeTrafficError} for malformed input, every problem with its JSON path
 *   (`$.clients.byZone["zone-a"]`, `$.nodes[2].metadata.name`, `$.flow.via`, `$.service.spec`)
 * @category simulation
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
  const result = simulateOnce(input);
  if (input.advise !== true) return result;
  const plain: SimulateInput = { ...input, advise: false };
  // Advice asks what the EndpointSlice controller would write, so the controller reads this input
  // too: what it refuses is refused here, with its problems, whether or not a warning asks for
  // advice (compareScenarios refuses it alike), never advice built on a rewrite it would not make.
  const reconciled = reconciledSlices(plain);
  // withAdvice first asks for the unchanged input once reconciled: the slices just computed serve
  // it, so computeHints does not run twice on the same input.
  const rerun = (next: SimulateInput): SimulationResult =>
    next === plain ? simulateOnce({ ...plain, endpointSlices: reconciled }) : reconcileAndSimulate(next);
  return Object.freeze({ ...result, warnings: Object.freeze(withAdvice(plain, result, rerun)) });
}

/** `computeHints` on the input's slices: the controller's reconciliation of them. */
function reconciledSlices(input: SimulateInput): SimulateInput['endpointSlices'] {
  return computeHints({
    service: input.service,
    endpointSlices: input.endpointSlices,
    nodes: input.nodes,
    ...(input.gates != null && { gates: input.gates }),
    ...(input.kubernetesVersion != null && { kubernetesVersion: input.kubernetesVersion }),
  }).endpointSlices;
}

/**
 * The controller's reconciliation of the slices (`computeHints`), then the simulation on them:
 * how any change plays out once the EndpointSlice controller has rewritten the hints.
 */
function reconcileAndSimulate(input: SimulateInput): SimulationResult {
  let slices = input.endpointSlices;
  try {
    slices = reconciledSlices(input);
  } catch (e) {
    // The caller's input passed the controller (simulateTraffic checks it first); a change applied
    // to it that the controller refuses leaves the slices as they are.
    if (!(e instanceof KubeTrafficError)) throw e;
  }
  return simulateOnce({ ...input, endpointSlices: slices, advise: false });
}

/** Refuses an argument that is not an object: an `invalid-type` error at `$`. */
function assertInputObject(input: unknown): asserts input is Rec {
  if (isRec(input)) return;
  const r = new Reader();
  r.fail('invalid-type', '$', 'an object with service, endpointSlices and nodes', input);
  r.finish();
}

function simulateOnce(input: SimulateInput): SimulationResult {
  assertInputObject(input);
  const rec: Rec = input;
  // Another data plane's rules (deviation profiles) decide each node's endpoints.
  const profile = profileOf(rec);
  if (profile !== null) return simulateWithProfile(rec, profile);
  const reader = new Reader();
  const given = readNodes(reader, rec);
  const flow = readFlow(reader, rec);
  const thresholds = readThresholds(reader, rec);
  checkAdvise(reader, rec);
  const spec = readClients(reader, rec);
  const tolerations = readTolerations(reader, rec);
  const prepared = absorb(reader, () => prepareService(input.service, input.endpointSlices, prepareOptions(input)));
  reader.finish();
  if (prepared === undefined) throw new Error('unreachable: prepareService failed without problems');
  checkFlow(prepared, flow);

  // The prepared Service's decision seam; undefined when kube-proxy does not program the Service.
  const index = preparedIndex(prepared);
  const decide = index === undefined ? undefined : (node: NodeIdentity, f: { via: Via; from: From }): IndexDecision => index.decide(node, f);
  // Without Node objects, clients still run somewhere: assume the nodes the clients name.
  const assumed = given.length === 0 ? assumeNodes(spec, prepared.endpoints, flow, decide !== undefined && isLocalLoadBalancer(decide, flow)) : [];
  const nodes: readonly SimNode[] = given.length === 0 ? assumed : given;

  // Which nodes can send this flow: client Pods' nodes, every node, or the load balancer's targets.
  let loadBalancer: LoadBalancerTargets | null = null;
  let lbNodes: LoadBalancerNode[] | null = null;
  let canHost: (i: number) => boolean;
  const excluded: ExcludedClientNode[] = [];
  if (flow.via === 'loadBalancer' && flow.from === 'outside' && decide !== undefined) {
    const healthCheck = isLocalLoadBalancer(decide, flow);
    const counts = localReadyEndpoints(input.service, input.endpointSlices, { ipFamily: prepared.ipFamily, gates: input.gates, kubernetesVersion: prepared.kubernetesVersion });
    lbNodes = loadBalancerNodes(nodes, counts, healthCheck);
    const targets = lbNodes;
    canHost = (i) => targets[i]!.target;
  } else if (flow.from === 'pod') {
    const why = nodes.map((n) => whyNoClients(n, tolerations));
    why.forEach((w, i) => {
      if (w !== null) excluded.push({ name: nodes[i]!.name, reason: w });
    });
    canHost = (i) => why[i] === null;
  } else {
    canHost = () => true;
  }
  const placement = placeClients(spec, nodes, canHost, lbNodes !== null);

  let total = 0;
  for (const w of placement.weights) total += w;
  if (lbNodes !== null) {
    const weights = placement.weights;
    lbNodes = lbNodes.map((n, i) => ({ ...n, share: total > 0 ? weights[i]! / total : 0 }));
    const healthCheck = lbNodes.some((n) => n.reason === 'health-check-passes' || n.reason === 'no-ready-local-endpoint');
    const sorted = [...lbNodes].sort((a, b) => byName(a.name, b.name)).map((n) => Object.freeze(n));
    const port = (input.service as { spec?: { healthCheckNodePort?: unknown } | null }).spec?.healthCheckNodePort;
    loadBalancer = Object.freeze({
      healthCheck,
      healthCheckNodePort: typeof port === 'number' ? port : null,
      nodes: Object.freeze(sorted),
      targets: sorted.filter((n) => n.target).length,
      summary: loadBalancerSummary(sorted, healthCheck),
    });
  }
  const unplacedWeight = placement.unplaced.reduce((s, u) => s + u.weight, 0);
  const context: Context = { nodes, spec, flow, given: given.length, assumed, excluded, loadBalancer, total };
  if (decide === undefined) {
    // Not proxied: kube-proxy does not intercept the Service's traffic at all.
    const notProxied = prepared.categorize({ name: '' });
    if (notProxied.kind !== 'not-proxied') throw new Error('unreachable: a proxied Service without a decision hook');
    return emptyResult(prepared, flow, total, placement.unplaced, notProxied, unplacedWeight, thresholds, context);
  }

  const drafts = groupClients(nodes as SimNode[], placement.weights, (node) => decide(node, flow));
  const all = prepared.endpoints;
  const perList = weightPerList(drafts);
  const shares = endpointShares(all, perList, total);
  const serving = servingMask(all);
  let servingCount = 0;
  for (let i = 0; i < serving.length; i++) if (serving[i]) servingCount++;
  const fairShare = servingCount > 0 ? 1 / servingCount : 0;

  // Only an endpoint without a zone of its own asks its node's zone: the map of every node's
  // zone is made on the first such question.
  let nodeZones: Map<string, string> | undefined;
  const lazyZones = { get: (name: string): string | undefined => (nodeZones ??= new Map(nodes.map((n) => [n.name, n.zone]))).get(name) };
  const zoneOf = (e: (typeof all)[number]): string => endpointZone(e, lazyZones);
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
  const notHandledFraction = fraction('not-handled');
  const droppedNodes = nodesWhere((d) => d.decision.flow.action === 'drop');
  const rejectedNodes = nodesWhere((d) => d.decision.flow.action === 'reject');
  const notHandledNodes = nodesWhere((d) => d.decision.flow.action === 'not-handled');
  const firstDrop = drafts.find((d) => d.decision.flow.action === 'drop')?.decision.flow;

  const facts: WarningFacts = {
    overloaded: overloadedByZone(endpoints, thresholds.overload),
    zonesWithoutEndpoints: zonesWithoutEndpoints(drafts, endpoints, total),
    dropped:
      droppedFraction > 0 && firstDrop !== undefined && firstDrop.decidedBy !== null
        ? { fraction: droppedFraction, nodes: droppedNodes.length, decidedBy: firstDrop.decidedBy }
        : null,
    rejected: rejectedFraction > 0 ? { fraction: rejectedFraction, nodes: rejectedNodes.length } : null,
    notHandled: notHandledFraction > 0 ? { fraction: notHandledFraction, nodes: notHandledNodes.length } : null,
    unplacedWeight,
    noClients: noClientsRemedy(context),
    extra: contextWarnings(context, endpoints, thresholds.overload),
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
    notHandledFraction,
    droppedNodes,
    rejectedNodes,
    notHandledNodes,
    inZoneNodes: nodesWhere((d) => staysInZone(d, counts)),
    totalWeight: total,
    unplacedClients: Object.freeze(placement.unplaced.map((u) => Object.freeze({ ...u }))),
    excludedClientNodes: Object.freeze(excluded.sort((a, b) => byName(a.name, b.name)).map((x) => Object.freeze(x))),
    assumedNodes: Object.freeze(assumedList(assumed)),
    loadBalancer,
    thresholds: Object.freeze({ ...thresholds }),
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
  const servingZones = new Set<string>();
  for (const e of endpoints) if (e.serving) servingZones.add(e.zone);
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
  context: Context,
): SimulationResult {
  const warnings = simulationWarnings({ overloaded: [], zonesWithoutEndpoints: [], dropped: null, rejected: null, notHandled: null, unplacedWeight, extra: contextWarnings(context, [], thresholds.overload) }, thresholds);
  warnings.unshift({ code: 'service-not-proxied', level: 'warning', message: notProxied.message, reason: notProxied.reason });
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
    notHandledFraction: 0,
    droppedNodes: Object.freeze([]),
    rejectedNodes: Object.freeze([]),
    notHandledNodes: Object.freeze([]),
    inZoneNodes: Object.freeze([]),
    totalWeight: total,
    unplacedClients: Object.freeze(unplaced.map((u) => Object.freeze({ ...u }))),
    excludedClientNodes: Object.freeze([...context.excluded].sort((a, b) => byName(a.name, b.name))),
    assumedNodes: Object.freeze(assumedList(context.assumed)),
    loadBalancer: context.loadBalancer,
    thresholds: Object.freeze({ ...thresholds }),
    warnings: Object.freeze(warnings),
  });
}

/** What the simulation knows about where its clients came from. */
interface Context {
  readonly nodes: readonly SimNode[];
  readonly spec: ClientSpec;
  readonly flow: { via: Via; from: From };
  /** How many nodes `$.nodes` gave. */
  readonly given: number;
  readonly assumed: readonly (SimNode & { reason: string })[];
  readonly excluded: readonly ExcludedClientNode[];
  readonly loadBalancer: LoadBalancerTargets | null;
  readonly total: number;
}

/** The prefix of assumed node names: a colon, which no real node name contains. */
const ASSUMED = 'assumed:';

/** The port's external traffic policy is Local: a load balancer health-checks the nodes. */
function isLocalLoadBalancer(decide: (node: NodeIdentity, flow: { via: Via; from: From }) => IndexDecision, flow: { via: Via; from: From }): boolean {
  return flow.via === 'loadBalancer' && flow.from === 'outside' && decide({ name: '', zone: '', hasZoneLabel: false }, flow).flow.policy === 'Local';
}

/**
 * Nodes to place clients on when `$.nodes` is empty: one per client zone (holding no endpoint,
 * named `assumed:ZONE`), one per node or Pod node named, and for an `externalTrafficPolicy:
 * Local` load balancer the nodes its health check passes (the nodes of ready endpoints).
 * A named node takes its zone from the endpoints on it when they agree.
 */
function assumeNodes(spec: ClientSpec, endpoints: readonly Endpoint[], flow: { via: Via; from: From }, localLB: boolean): (SimNode & { reason: string })[] {
  const zoneOfNode = new Map<string, string | null>();
  for (const e of endpoints) {
    if (e.nodeName === null) continue;
    const z = e.zone ?? '';
    const seen = zoneOfNode.get(e.nodeName);
    zoneOfNode.set(e.nodeName, seen === undefined || seen === z ? z : null);
  }
  const named = (name: string, reason: string): SimNode & { reason: string } => {
    const zone = zoneOfNode.get(name) ?? '';
    return { name, zone, hasZoneLabel: zone !== '', schedulable: true, taints: [], excludedFromLoadBalancers: false, assumed: true, reason: zone === '' ? `${reason}; zone unknown` : `${reason}; zone ${zone} from its endpoints` };
  };
  if (spec.kind === 'byZone') {
    return [...spec.weights.keys()].sort(byName).map((zone) => ({
      name: `${ASSUMED}${zone}`,
      zone,
      hasZoneLabel: zone !== '',
      schedulable: true,
      taints: [],
      excludedFromLoadBalancers: false,
      assumed: true,
      reason: `a node of zone ${zone} that holds no endpoint`,
    }));
  }
  if (spec.kind === 'byNode' || spec.kind === 'pods') return [...spec.weights.keys()].sort(byName).map((n) => named(n, spec.kind === 'pods' ? 'named by client Pods' : 'named by the client weights'));
  if (flow.via === 'loadBalancer' && flow.from === 'outside' && localLB) {
    const ready = new Set(endpoints.filter((e) => e.ready && e.nodeName !== null).map((e) => e.nodeName!));
    return [...ready].sort(byName).map((n) => named(n, 'holds a ready endpoint, so it passes the load balancer\'s health check'));
  }
  return [];
}

function assumedList(assumed: readonly (SimNode & { reason: string })[]): AssumedNode[] {
  return assumed.map((n) => Object.freeze({ name: n.name, zone: n.zone, reason: n.reason }));
}

/** When no client could be placed: what to add to the input (the `no-clients` message). */
function noClientsRemedy(c: Context): string | null {
  if (c.total > 0) return null;
  if (c.loadBalancer !== null && c.loadBalancer.healthCheck && c.loadBalancer.targets === 0 && c.nodes.length > 0) return null; // a real outage, said by load-balancer-no-healthy-node
  const add = 'add --clients zone=weight,… (clients.byZone), Node objects (kubectl get nodes -o yaml), or client Pods (--clients pods with kubectl get pods -o yaml)';
  if (c.spec.kind === 'pods') return `no client could be placed: the input has no running, scheduled client Pod${c.given === 0 ? ' and no Node objects' : ' on a known node'}; ${add}`;
  if (c.given === 0) return `no client could be placed: the input has no Node objects, so there is no node to run clients on; ${add}`;
  if (c.spec.kind === 'default') return `no client could be placed: none of the ${c.given} nodes can send this traffic (${c.excluded.length > 0 ? 'every node is cordoned or tainted against the clients; give clientTolerations' : 'no node qualifies'}); ${add}`;
  return `no client could be placed: the client weights name no zone or node that can send this traffic; ${add}`;
}

/** Warnings about the clients and the load balancer. */
function contextWarnings(c: Context, endpoints: readonly SimulatedEndpoint[], threshold: number): SimulationWarning[] {
  const out: SimulationWarning[] = [];
  const lb = c.loadBalancer;
  if (lb !== null && lb.healthCheck && lb.targets === 0 && c.nodes.length > 0) {
    out.push({ code: 'load-balancer-no-healthy-node', level: 'warning', message: `externalTrafficPolicy is Local and no node has a ready endpoint of the Service: every node fails the health check on healthCheckNodePort, so the load balancer has no backend and the traffic fails there` });
  }
  if (lb !== null && lb.healthCheck && lb.targets > 0 && c.total > 0) {
    // Per endpoint a node's traffic is split over its local endpoints: uneven counts, uneven load.
    const carrying = lb.nodes.filter((n) => n.share > 0 && n.localReadyEndpoints > 0);
    const per = carrying.map((n) => n.share / n.localReadyEndpoints);
    const max = Math.max(...per);
    const min = Math.min(...per);
    const ratio = min > 0 ? max / min : 1;
    const busiest = carrying[per.indexOf(max)];
    const lightest = carrying[per.indexOf(min)];
    if (carrying.length === 1 && c.nodes.length > 1) {
      out.push({ code: 'load-balancer-imbalance', level: 'warning', targets: 1, ratio: 1, message: `only ${carrying[0]!.name} passes the load balancer's health check: it carries all load-balancer traffic (${lb.nodes.length - 1} other node(s) get none)` });
    } else if (ratio > threshold && busiest !== undefined && lightest !== undefined) {
      out.push({
        code: 'load-balancer-imbalance',
        level: 'warning',
        targets: lb.targets,
        ratio,
        message: `the load balancer spreads evenly over ${carrying.length} nodes, not over endpoints: ${busiest.name} with ${busiest.localReadyEndpoints} ready endpoint(s) gets ${pct(busiest.share)} as ${lightest.name} with ${lightest.localReadyEndpoints} gets ${pct(lightest.share)}, so an endpoint on ${busiest.name} receives ${+ratio.toFixed(2)}× the traffic of one on ${lightest.name}`,
      });
    }
  }
  if (c.assumed.length > 0) {
    out.push({ code: 'nodes-assumed', level: 'info', nodes: c.assumed.map((n) => n.name), message: `the input has no Node objects, so clients were placed on assumed nodes: ${c.assumed.map((n) => `${n.name} (${n.reason})`).join(', ')}` });
  }
  if (c.excluded.length > 0 && c.total > 0 && c.spec.kind !== 'pods' && c.spec.kind !== 'byNode') {
    const list = [...c.excluded].sort((a, b) => byName(a.name, b.name));
    out.push({ code: 'client-nodes-excluded', level: 'info', nodes: list, message: `client Pods cannot run on ${list.length} node(s), which send nothing: ${list.map((x) => `${x.name} (${x.reason})`).join(', ')}` });
  }
  void endpoints;
  return out;
}

const pct = (f: number): string => `${+(f * 100).toFixed(2)} %`;
