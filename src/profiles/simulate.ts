/**
 * `simulateTraffic` with a deviation profile: every client node's answer from the data plane's
 * rules, then the expected load on each endpoint. The reading of nodes, clients, the flow and the
 * thresholds, and the warnings, are the simulator's own.
 *
 * @module
 * @internal
 */
import type { Endpoint } from '../model/endpoint.js';
import { KubeTrafficError, problem } from '../model/errors.js';
import { type Rec, Reader } from '../model/read.js';
import { placeClients, readClients } from '../simulate/clients.js';
import { readTolerations, whyNoClients } from '../simulate/scheduling.js';
import { notPinned } from './decision.js';
import { endpointZone } from '../simulate/endpoint-zone.js';
import { checkAdvise, readFlow, readNodes, readThresholds } from '../simulate/read-input.js';
import type { ClientClass, SimulatedEndpoint, SimulationResult } from '../simulate/types.js';
import { simulationWarnings } from '../simulate/warnings.js';
import { decideProfile, flowOf } from './categorize.js';
import type { ResolvedProfile } from './names.js';

const byName = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

interface Answer {
  readonly action: 'forward' | 'reject';
  readonly policy: 'Cluster' | 'Local';
  readonly endpoints: readonly Endpoint[];
  /** Fraction of the node's new connections per endpoint (sums to 1 when forwarded). */
  readonly weights: readonly number[];
}

/** Simulates `input` (already read as a record) through `profile`. @internal */
export function simulateWithProfile(rec: Rec, profile: ResolvedProfile): SimulationResult {
  const reader = new Reader();
  const nodes = readNodes(reader, rec);
  const flow = readFlow(reader, rec);
  const thresholds = readThresholds(reader, rec);
  checkAdvise(reader, rec);
  const spec = readClients(reader, rec);
  const tolerations = readTolerations(reader, rec);
  reader.finish();
  if (nodes.length === 0) notPinned(profile.info.id, '$.nodes', 'no Node objects: a profile simulation places clients on the nodes given only');
  // Which nodes a cloud load balancer sends to depends on its health checks of kube-proxy's port; not modelled for other data planes.
  if (flow.via === 'loadBalancer' && flow.from === 'outside') notPinned(profile.info.id, '$.flow.via', 'load-balancer traffic from outside: which nodes the load balancer sends to is not modelled for this data plane');
  const why = nodes.map((n) => (flow.from === 'pod' ? whyNoClients(n, tolerations) : null));
  const excluded = nodes.flatMap((n, i) => (why[i] === null ? [] : [Object.freeze({ name: n.name, reason: why[i]! })]));
  const placement = placeClients(spec, nodes, (i) => why[i] === null, false);
  const base: Rec = { service: rec['service'], endpointSlices: rec['endpointSlices'], ...(rec['port'] != null && { port: rec['port'] }), ...(rec['ipFamily'] != null && { ipFamily: rec['ipFamily'] }) };
  // Paths of the flow are rooted at $.flow in the simulator.
  const rooted = <T>(f: () => T): T => {
    try {
      return f();
    } catch (e) {
      if (!(e instanceof KubeTrafficError)) throw e;
      throw new KubeTrafficError(e.problems.map((p) => (p.path.startsWith('$.via') || p.path.startsWith('$.from') ? problem(p.code, p.path.replace(/^\$/, '$.flow'), p.expected, p.received) : p)));
    }
  };

  const all = new Map<string, Endpoint>();
  let port: SimulationResult['port'] = null;
  let ipFamily: SimulationResult['ipFamily'] = 'IPv4';
  const classes = new Map<string, { zone: string; answer: Answer; nodes: string[]; weight: number }>();
  let total = 0;
  nodes.forEach((node, i) => {
    const w = placement.weights[i]!;
    total += w;
    if (w <= 0) return;
    const { read, decision } = rooted(() => decideProfile(base, profile, { name: node.name, zone: node.zone }));
    port = read.kubeProxy.port;
    ipFamily = read.kubeProxy.ipFamily;
    for (const e of decision.all) if (!all.has(e.key)) all.set(e.key, e);
    const f = rooted(() => flowOf(read, decision, profile, flow.via, flow.from));
    const weights = f.endpoints.map((e) => decision.weights?.get(e.key) ?? 1 / f.endpoints.length);
    const answer: Answer = { action: f.action, policy: f.policy, endpoints: f.endpoints, weights };
    const key = `${answer.action}\u0000${answer.policy}\u0000${node.zone}\u0000${f.endpoints.map((e, j) => `${e.key}=${weights[j]}`).join(',')}`;
    let c = classes.get(key);
    if (c === undefined) classes.set(key, (c = { zone: node.zone, answer, nodes: [], weight: 0 }));
    c.nodes.push(node.name);
    c.weight += w;
  });

  const endpointsIn = [...all.values()].sort((a, b) => byName(a.key, b.key));
  const anyReady = endpointsIn.some((e) => e.ready);
  const serving = endpointsIn.map((e) => (anyReady ? e.ready : e.serving && e.terminating));
  const servingCount = serving.filter(Boolean).length;
  const fairShare = servingCount > 0 ? 1 / servingCount : 0;
  const nodeZones = new Map(nodes.map((n) => [n.name, n.zone]));
  const zoneOf = (e: Endpoint): string => endpointZone(e, nodeZones);
  const share = new Map<string, number>();
  const matrix = new Map<string, Map<string, number>>();
  let forwarded = 0;
  let rejected = 0;
  let cross = 0;
  let inZone = 0;
  let unknown = 0;
  const inZoneNodes: string[] = [];
  const rejectedNodes: string[] = [];
  for (const c of classes.values()) {
    const frac = total > 0 ? c.weight / total : 0;
    if (c.answer.action === 'reject') {
      rejected += frac;
      rejectedNodes.push(...c.nodes);
      continue;
    }
    forwarded += frac;
    let stays = c.zone !== '' && c.answer.endpoints.length > 0;
    c.answer.endpoints.forEach((e, j) => {
      const f = frac * c.answer.weights[j]!;
      share.set(e.key, (share.get(e.key) ?? 0) + f);
      const to = zoneOf(e);
      let row = matrix.get(c.zone);
      if (row === undefined) matrix.set(c.zone, (row = new Map()));
      row.set(to, (row.get(to) ?? 0) + f);
      if (c.zone === '' || to === '') unknown += f;
      else if (c.zone === to) inZone += f;
      else cross += f;
      if (c.answer.weights[j]! > 0 && to !== c.zone) stays = false;
    });
    if (stays) inZoneNodes.push(...c.nodes);
  }
  const endpoints: SimulatedEndpoint[] = endpointsIn.map((e, i) =>
    Object.freeze({ key: e.key, ip: e.ip, port: e.port, zone: zoneOf(e), nodeName: e.nodeName, serving: serving[i]!, share: share.get(e.key) ?? 0, overload: fairShare > 0 ? (share.get(e.key) ?? 0) / fairShare : 0 }),
  );
  let most: SimulatedEndpoint | null = null;
  for (const e of endpoints) if (e.share > 0 && (most === null || e.share > most.share)) most = e;
  const zones = [...new Set([...matrix.keys(), ...[...matrix.values()].flatMap((r) => [...r.keys()])])].sort(byName);
  const overloaded = new Map<string, { zone: string; endpoints: number; maxOverload: number }>();
  for (const e of endpoints) {
    if (!(e.overload > thresholds.overload)) continue;
    const z = overloaded.get(e.zone) ?? { zone: e.zone, endpoints: 0, maxOverload: 0 };
    z.endpoints++;
    z.maxOverload = Math.max(z.maxOverload, e.overload);
    overloaded.set(e.zone, z);
  }
  const servingZones = new Set(endpoints.filter((e) => e.serving).map((e) => e.zone));
  const without = new Map<string, number>();
  for (const c of classes.values()) {
    if (c.zone === '' || c.answer.action !== 'forward' || servingZones.has(c.zone) || total <= 0) continue;
    without.set(c.zone, (without.get(c.zone) ?? 0) + c.weight / total);
  }
  const unplacedWeight = placement.unplaced.reduce((s, u) => s + u.weight, 0);
  const warnings = simulationWarnings(
    {
      overloaded: [...overloaded.values()].sort((a, b) => byName(a.zone, b.zone)),
      zonesWithoutEndpoints: [...without].map(([zone, fraction]) => ({ zone, fraction })).sort((a, b) => byName(a.zone, b.zone)),
      dropped: null,
      rejected: rejected > 0 ? { fraction: rejected, nodes: rejectedNodes.length } : null,
      // A profile's flows are forwarded or rejected; none is left unhandled (that is kube-proxy's AllowServiceExternalIPs).
      notHandled: null,
      unplacedWeight,
    },
    thresholds,
  );
  const classList: ClientClass[] = [...classes.values()]
    .map((c, i) => ({ c, i }))
    .sort((a, b) => byName(a.c.zone, b.c.zone) || a.i - b.i)
    .map(({ c }) =>
      Object.freeze({
        zone: c.zone,
        action: c.answer.action,
        policy: c.answer.policy,
        topology: null,
        nodes: Object.freeze([...c.nodes].sort(byName)),
        weight: total > 0 ? c.weight / total : 0,
        endpoints: Object.freeze([...c.answer.endpoints]),
        ...(c.answer.weights.some((w) => Math.abs(w - 1 / c.answer.weights.length) > 1e-12) && { endpointWeights: Object.freeze([...c.answer.weights]) }),
      }),
    );
  return Object.freeze({
    notProxied: null,
    profile: profile.info.id,
    port,
    ipFamily,
    kubernetesVersion: 'master',
    flow: Object.freeze({ ...flow }),
    endpoints: Object.freeze(endpoints),
    servingEndpoints: servingCount,
    fairShare,
    mostOverloaded: most,
    classes: Object.freeze(classList),
    zoneMatrix: Object.freeze({ zones: Object.freeze(zones), fractions: Object.freeze(zones.map((from) => Object.freeze(zones.map((to) => matrix.get(from)?.get(to) ?? 0)))) }),
    forwardedFraction: forwarded,
    crossZoneFraction: cross,
    inZoneFraction: inZone,
    unknownZoneFraction: unknown,
    droppedFraction: 0,
    rejectedFraction: rejected,
    notHandledFraction: 0,
    droppedNodes: Object.freeze([]),
    rejectedNodes: Object.freeze(rejectedNodes.sort(byName)),
    notHandledNodes: Object.freeze([]),
    inZoneNodes: Object.freeze(inZoneNodes.sort(byName)),
    totalWeight: total,
    unplacedClients: Object.freeze(placement.unplaced.map((u) => Object.freeze({ ...u }))),
    warnings: Object.freeze(warnings),
    excludedClientNodes: Object.freeze(excluded.sort((a, b) => byName(a.name, b.name))),
    assumedNodes: Object.freeze([]),
    loadBalancer: null,
    thresholds: Object.freeze({ ...thresholds }),
  }) as SimulationResult;
}
