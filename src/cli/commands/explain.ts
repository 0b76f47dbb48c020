/**
 * `kube-traffic explain`: one status line per Service of the dump, the way `kubectl get` lists
 * resources: is topology routing active (and if not, why), what the controller does with hints,
 * and on which nodes a Local traffic policy drops traffic.
 *
 * @module
 */
import { KubeTrafficError, type PreparedService, type TopologyMode, type Via, prepareService } from '../../index.js';
import { type CommandOutput, type Conditions, type Context, json } from '../context.js';
import { hintsText } from '../describe.js';
import type { KubeObject } from '../load.js';
import { firstPort, meta, slicesOf, targetService } from '../lookup.js';
import { formatTable } from '../table.js';
import { PROFILE_HELP, PROFILE_OPTIONS, checkProfileFailOn, profileOption } from '../profile.js';
import { runExplainProfile } from './explain-profile.js';
import { hintsFor } from './hints.js';

/** Usage of `explain`. */
export const EXPLAIN_HELP = `Usage: kube-traffic explain [svc/NAME] [-n NAMESPACE | -A] [-f FILE] [options]

One line of status for every Service (of the namespace, or the one named):

  NAMESPACE, NAME, TYPE
  TOPOLOGY     whether kube-proxy filters by topology hints on the client nodes (schedulable
               nodes of the input): "same zone" on all nodes, "partial" on some, or "off" with
               the cause (endpoint-without-hint, no-endpoint-for-zone, …); "not requested"
               when the Service never asked for it (no hints on its endpoints, no
               trafficDistribution, no topology annotation); "n/a" when the Service's traffic
               never uses the Cluster list (internalTrafficPolicy: Local)
  HINTS        the EndpointSlice controller's path/cause, and how many endpoints' hints it
               would change in the slices as given
  LOCAL-DROPS  nodes where a Local traffic policy drops traffic: "itp:" for
               internalTrafficPolicy (cluster IP from a Pod), "etp:" for
               externalTrafficPolicy (from outside through the node port or an external
               IP; a load balancer health-checks the nodes and sends these nothing)

The first port of each Service is examined. -o wide adds NODES (client nodes per topology
mode) and EVENT (the controller's event); -o name prints service/NAME lines; --no-headers
leaves out the header line. With -o json (or yaml), prints an array of
{ namespace, name, type, topology, hints, localDrops, error } objects.

With files, every namespace of the input is listed unless -n names one; on a live cluster,
the context's namespace unless -n or -A.

--fail-on: drop (a Local policy drops traffic on some node), reject (no usable endpoint for
some node), topology-off (requested, but off or partial), warning (a controller Warning
event, or a warning printed while reading).

${PROFILE_HELP}

With --profile, each line is that data plane's answer for cluster-IP traffic from a Pod on
each client node: PROFILE (the pinned name), ENDPOINTS (how many endpoints a node's traffic
may use; nodes it rejects on; nodes where the pinned source does not settle an empty list),
VS-KUBE-PROXY (on how many nodes its lists differ from kube-proxy's, and its rules behind the
difference; "kube-traffic compare" shows them endpoint by endpoint; --kubernetes-version and
--gate set up that kube-proxy, not the data plane); -o wide adds LIST (the
list used and the rule that chose it). -o json prints { namespace, name, type, profile,
nodes, differingRules, error } objects. --fail-on topology-off does not apply; a node left
unsettled counts for both drop and reject.

Examples:
  kube-traffic explain -f examples/cluster.yaml
  kube-traffic explain -A --fail-on drop,topology-off
`;

/** Option definitions of `explain`. */
export const EXPLAIN_OPTIONS = { 'no-headers': { type: 'boolean' }, ...PROFILE_OPTIONS } as const;

/**
 * One Service's status.
 *
 * @example
 * ```ts
 * const s: ServiceStatus = {
 *   namespace: 'shop', name: 'cache', type: 'ClusterIP',
 *   topology: { state: 'n/a', summary: 'n/a (internalTrafficPolicy: Local)', nodes: {} },
 *   hints: { path: 'none', cause: 'traffic-distribution-unset', event: null, eventType: null, endpointsToChange: 0 },
 *   localDrops: { internal: ['node-a2', 'node-b1'], external: [], externalVia: null }, rejects: [], error: null,
 * };
 * ```
 */
export interface ServiceStatus {
  readonly namespace: string;
  readonly name: string;
  readonly type: string;
  readonly topology: {
    readonly state: 'active' | 'partial' | 'off' | 'not-requested' | 'n/a' | 'not-proxied';
    readonly summary: string;
    /** How many client nodes got each mode (`sameZone`, `sameNode`, `none:<cause>`). */
    readonly nodes: Readonly<Record<string, number>>;
  };
  readonly hints: { readonly path: string; readonly cause: string; readonly event: string | null; readonly eventType: string | null; readonly endpointsToChange: number } | null;
  readonly localDrops: { readonly internal: readonly string[]; readonly external: readonly string[]; readonly externalVia: Via | null };
  /** Client nodes whose traffic to the cluster IP (from a Pod) is rejected: no usable endpoint. */
  readonly rejects: readonly string[];
  /** A problem with this Service's objects (the other Services are still listed). */
  readonly error: string | null;
}

const modeKey = (m: TopologyMode): string => (m.kind === 'none' ? `none:${m.cause}` : m.kind);

function clientNodes(nodes: readonly KubeObject[]): KubeObject[] {
  return nodes.filter((n) => (n['spec'] as { unschedulable?: unknown } | undefined)?.unschedulable !== true);
}

/**
 * Whether the Service asked for topology routing at all: a `trafficDistribution`, the
 * topology annotation (not set to disabled), or hints on any of its endpoints. kube-proxy reads
 * hints wherever they are, so without any of these "off" is simply the normal state.
 *
 * @example
 * ```ts
 * topologyRequested(service, slices); // => false for a plain ClusterIP Service without hints
 * ```
 */
export function topologyRequested(service: KubeObject, slices: readonly KubeObject[]): boolean {
  const spec = (service['spec'] ?? {}) as { trafficDistribution?: unknown };
  if (typeof spec.trafficDistribution === 'string' && spec.trafficDistribution !== '') return true;
  const a = meta(service).annotations;
  for (const key of ['service.kubernetes.io/topology-mode', 'service.kubernetes.io/topology-aware-hints']) {
    const v = a[key];
    if (v !== undefined && v !== '' && v.toLowerCase() !== 'disabled') return true;
  }
  return slices.some((slice) => Array.isArray(slice['endpoints']) && (slice['endpoints'] as unknown[]).some((e) => {
    const h = (e as { hints?: { forZones?: unknown; forNodes?: unknown } } | null)?.hints;
    return (Array.isArray(h?.forZones) && h.forZones.length > 0) || (Array.isArray(h?.forNodes) && h.forNodes.length > 0);
  }));
}

function topologyStatus(prepared: PreparedService, nodes: readonly KubeObject[], requested: boolean): ServiceStatus['topology'] {
  const counts: Record<string, number> = {};
  let notProxied: string | null = null;
  let local = false;
  for (const node of nodes) {
    const r = prepared.categorize(node);
    if (r.kind === 'not-proxied') {
      notProxied = r.reason;
      break;
    }
    if (r.topologyMode === null) {
      local = true;
      continue;
    }
    const k = modeKey(r.topologyMode);
    counts[k] = (counts[k] ?? 0) + 1;
  }
  if (notProxied !== null) return { state: 'not-proxied', summary: `not proxied (${notProxied})`, nodes: {} };
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  if (total === 0) return { state: 'n/a', summary: local ? 'n/a (internalTrafficPolicy: Local)' : 'n/a (no client nodes)', nodes: counts };
  const active = (counts['sameZone'] ?? 0) + (counts['sameNode'] ?? 0);
  const kinds = ['sameNode', 'sameZone'].filter((k) => (counts[k] ?? 0) > 0).map((k) => (k === 'sameNode' ? 'same node' : 'same zone'));
  const causes = Object.entries(counts)
    .filter(([k]) => k.startsWith('none:'))
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .map(([k]) => k.slice(5));
  if (active === total) return { state: 'active', summary: `active (${kinds.join(', ')})`, nodes: counts };
  if (active === 0 && !requested) return { state: 'not-requested', summary: 'not requested', nodes: counts };
  if (active === 0) return { state: 'off', summary: `off (${causes.join(', ')})`, nodes: counts };
  return { state: 'partial', summary: `partial (${kinds.join(', ')} on ${active}/${total} nodes; others: ${causes.join(', ')})`, nodes: counts };
}

function withAction(prepared: PreparedService, nodes: readonly KubeObject[], via: Via, from: 'pod' | 'outside', action: 'drop' | 'reject'): string[] {
  const out: string[] = [];
  for (const node of nodes) {
    const r = prepared.select(node, { via, from });
    if (r.kind === 'proxied' && r.action === action) out.push(r.categorized.node.name);
  }
  return out.sort();
}

/**
 * The status of one Service in the dump.
 *
 * @example
 * ```ts
 * serviceStatus(ctx, service).topology.summary; // => 'active (same zone)'
 * ```
 */
export function serviceStatus(ctx: Context, service: KubeObject): ServiceStatus {
  const m = meta(service);
  const spec = (service['spec'] ?? {}) as { type?: unknown; clusterIP?: unknown };
  const type = typeof spec.type === 'string' ? spec.type : 'ClusterIP';
  const base = { namespace: m.namespace, name: m.name, type: spec.clusterIP === 'None' ? `${type} (headless)` : type };
  try {
    const port = firstPort(service);
    const prepared = prepareService(service, ctx.objects.endpointSlices, { ...(port !== undefined && { port }), ...ctx.release });
    const nodes = clientNodes(ctx.objects.nodes);
    const topology = topologyStatus(prepared, nodes, topologyRequested(service, slicesOf(ctx.objects, service)));
    const { result, before, after } = hintsFor(ctx, service);
    let endpointsToChange = 0;
    before.forEach((slice, i) => {
      const now = Array.isArray(slice['endpoints']) ? (slice['endpoints'] as Record<string, unknown>[]) : [];
      const next = (after[i]?.['endpoints'] ?? []) as Record<string, unknown>[];
      now.forEach((e, j) => (endpointsToChange += hintsText(e['hints']) === hintsText(next[j]?.['hints']) ? 0 : 1));
    });
    const o = result.outcome;
    const hints = { path: o.path, cause: o.cause, event: o.event === null ? null : `${o.event.reason}: ${o.event.message}`, eventType: o.event?.type ?? null, endpointsToChange };
    let internal: string[] = [];
    let external: string[] = [];
    let externalVia: Via | null = null;
    let rejects: string[] = [];
    if (topology.state !== 'not-proxied') {
      rejects = withAction(prepared, nodes, 'clusterIP', 'pod', 'reject');
      const policy = prepared.categorize(nodes[0] ?? { name: '' });
      if (policy.kind === 'proxied') {
        if (policy.policy.internalLocal) internal = withAction(prepared, nodes, 'clusterIP', 'pod', 'drop');
        if (policy.policy.externalLocal) {
          // A load balancer health-checks the nodes and sends nothing to those without a ready
          // local endpoint (kube-proxy.md §8.6): its traffic is not dropped. Traffic through the
          // node port (or an external IP) reaches every node, so those drops are real.
          externalVia = policy.policy.nodePort ? 'nodePort' : policy.policy.loadBalancerIPs ? null : 'externalIP';
          if (externalVia !== null) external = withAction(prepared, nodes, externalVia, 'outside', 'drop');
        }
      }
    }
    return { ...base, topology, hints, localDrops: { internal, external, externalVia }, rejects, error: null };
  } catch (err) {
    if (!(err instanceof KubeTrafficError)) throw err;
    return { ...base, topology: { state: 'n/a', summary: 'error', nodes: {} }, hints: null, localDrops: { internal: [], external: [], externalVia: null }, rejects: [], error: err.message };
  }
}

const nodeList = (names: readonly string[]): string => (names.length <= 3 ? names.join(',') : `${names.slice(0, 3).join(',')},+${names.length - 3}`);

/**
 * Runs `explain`. A Service whose objects are malformed is listed with its error (on standard
 * error too) and makes the exit code 2; the others are still listed.
 *
 * @example
 * ```ts
 * runExplain(ctx).stdout; // => 'NAMESPACE   NAME   TYPE   TOPOLOGY   HINTS   LOCAL-DROPS\n…'
 * ```
 */
export function runExplain(ctx: Context): CommandOutput {
  const services = ctx.objects.services.filter((svc) => {
    const m = meta(svc);
    if (ctx.namespace !== null && m.namespace !== ctx.namespace) return false;
    return ctx.target === null || m.name === ctx.target.name;
  });
  if (ctx.target !== null && services.length === 0) targetService(ctx); // throws: not found, with candidates
  const profile = profileOption(ctx.values);
  checkProfileFailOn(ctx.values, profile);
  if (profile !== null) return runExplainProfile(ctx, services, profile, clientNodes(ctx.objects.nodes));
  const statuses = services.map((s) => serviceStatus(ctx, s));
  const errors = statuses.filter((s) => s.error !== null).map((s) => `error: Service ${s.namespace}/${s.name}: ${s.error}\n`);
  const failed = errors.length > 0 ? { stderr: errors.join(''), exitCode: 2 } : {};
  const conditions: Conditions = {
    drop: statuses.flatMap((s) => [
      ...(s.localDrops.internal.length > 0 ? [`${s.namespace}/${s.name} from Pods on ${nodeList(s.localDrops.internal)} (internalTrafficPolicy Local)`] : []),
      ...(s.localDrops.external.length > 0 ? [`${s.namespace}/${s.name} via ${s.localDrops.externalVia ?? '?'} on ${nodeList(s.localDrops.external)} (externalTrafficPolicy Local)`] : []),
    ]),
    reject: statuses.filter((s) => s.rejects.length > 0).map((s) => `${s.namespace}/${s.name} on ${nodeList(s.rejects)}`),
    topologyOff: statuses.filter((s) => s.topology.state === 'off' || s.topology.state === 'partial').map((s) => `${s.namespace}/${s.name}: ${s.topology.summary}`),
    warning: statuses.filter((s) => s.hints?.eventType === 'Warning').map((s) => `${s.namespace}/${s.name}: ${s.hints?.event ?? ''}`),
  };
  if (ctx.output === 'json') return { stdout: json(statuses), conditions, ...failed };
  if (ctx.format === 'name') return { stdout: statuses.map((s) => `service/${s.name}\n`).join(''), conditions, ...failed };
  if (statuses.length === 0) return { stdout: '', stderr: `No Services found${ctx.namespace === null ? '' : ` in namespace ${ctx.namespace}`}.\n`, conditions, ...failed };
  const { style } = ctx;
  const wide = ctx.format === 'wide';
  const rows = statuses.map((s) => {
    const d: string[] = [];
    if (s.localDrops.internal.length > 0) d.push(`itp: ${nodeList(s.localDrops.internal)}`);
    if (s.localDrops.external.length > 0) d.push(`etp: ${nodeList(s.localDrops.external)}`);
    const hints = s.hints === null ? '-' : `${s.hints.path}/${s.hints.cause}${s.hints.endpointsToChange > 0 ? ` (${s.hints.endpointsToChange} to change)` : ''}`;
    const row = [s.namespace, s.name, s.type, s.error === null ? s.topology.summary : 'error (see below)', hints, d.length === 0 ? '-' : d.join(' ')];
    if (wide) row.push(Object.entries(s.topology.nodes).map(([k, n]) => `${k}=${n}`).join(',') || '-', s.hints?.event ?? '-');
    return row;
  });
  const headers = ['NAMESPACE', 'NAME', 'TYPE', 'TOPOLOGY', 'HINTS', 'LOCAL-DROPS', ...(wide ? ['NODES', 'EVENT'] : [])];
  let table = formatTable(headers, rows, (t, cell, col, row) =>
    row < 0 ? style.bold(t) : col === 3 && cell.startsWith('active') ? style.green(t) : col === 3 && (cell.startsWith('off') || cell.startsWith('partial')) ? style.yellow(t) : col === 5 && cell !== '-' ? style.red(t) : t);
  if (ctx.values['no-headers'] === true) table = table.slice(table.indexOf('\n') + 1);
  return { stdout: table, conditions, ...failed };
}
