/**
 * `kube-traffic explain --profile NAME`: one status line per Service as another data plane
 * decides it. Topology modes and hint outcomes are kube-proxy's and the controller's notions, so
 * the line says instead what the data plane picks for cluster-IP traffic from a Pod on each
 * client node, and on how many nodes (and by which of its rules) that differs from kube-proxy.
 * Every decision is the library's (`prepareService` with the profile, `compareProfiles`).
 *
 * @module
 */
import { type CategorizeInput, type DataPlaneProfileOption, KubeTrafficError, type ProfileFlowResult, compareProfiles, prepareService } from '../../index.js';
import { type CommandOutput, type Conditions, type Context, json } from '../context.js';
import type { KubeObject } from '../load.js';
import { firstPort, meta, slicesOf } from '../lookup.js';
import { formatTable } from '../table.js';

/**
 * One client node's answer in {@link ProfileStatus}.
 *
 * @example
 * ```ts
 * const n: ProfileNodeStatus = { node: 'node-b2', action: 'forward', policy: 'Cluster', decidedBy: 'Ci7', endpoints: ['10.0.1.2:80'], differsFromKubeProxy: true, notPinned: null };
 * ```
 */
export interface ProfileNodeStatus {
  readonly node: string;
  /** `null` when the data plane's pinned source does not settle this node's flow (`notPinned` says why). */
  readonly action: 'forward' | 'reject' | null;
  readonly policy: 'Cluster' | 'Local' | null;
  /** The profile rule that chose the list. */
  readonly decidedBy: string | null;
  readonly endpoints: readonly string[];
  /** The data plane's Cluster or Local list differs from kube-proxy's for this node; `null` when its pinned source gives no lists here. */
  readonly differsFromKubeProxy: boolean | null;
  readonly notPinned: string | null;
}

/**
 * One Service's status through a data plane.
 *
 * @example
 * ```ts
 * const s: ProfileStatus = { namespace: 'shop', name: 'web', type: 'ClusterIP', profile: 'cilium@1.21.0-dev+5b27d687', nodes: [], differingRules: ['Ci1'], error: null };
 * ```
 */
export interface ProfileStatus {
  readonly namespace: string;
  readonly name: string;
  readonly type: string;
  readonly profile: string;
  readonly nodes: readonly ProfileNodeStatus[];
  /** The data plane's rules behind the endpoints on which it and kube-proxy disagree. */
  readonly differingRules: readonly string[];
  /** A problem with this Service's objects, or an answer the pinned source does not settle for the whole Service. */
  readonly error: string | null;
}

const notPinned = (e: unknown): e is KubeTrafficError => e instanceof KubeTrafficError && e.code === 'profile-not-pinned';

/**
 * The status of one Service through `profile`, on the client nodes (schedulable Nodes).
 *
 * @example
 * ```ts
 * profileStatus(ctx, service, { name: 'cilium' }, nodes).differingRules; // => ['Ci1']
 * ```
 */
export function profileStatus(ctx: Context, service: KubeObject, profile: Exclude<DataPlaneProfileOption, string>, nodes: readonly KubeObject[]): ProfileStatus {
  const m = meta(service);
  const spec = (service['spec'] ?? {}) as { type?: unknown; clusterIP?: unknown };
  const type = typeof spec.type === 'string' ? spec.type : 'ClusterIP';
  const base = { namespace: m.namespace, name: m.name, type: spec.clusterIP === 'None' ? `${type} (headless)` : type, profile: String(profile.name) };
  const port = firstPort(service);
  const slices = slicesOf(ctx.objects, service);
  try {
    // --kubernetes-version and --gate set up kube-proxy, the column compared against; the data
    // plane itself answers as pinned (the library refuses those knobs beside a profile).
    const prepared = prepareService(service, slices, { ...(port !== undefined && { port }), profile });
    const rules = new Set<string>();
    const out: ProfileNodeStatus[] = [];
    for (const node of nodes) {
      const name = meta(node).name;
      const input = { service, endpointSlices: slices, node, ...(port !== undefined && { port }), ...ctx.release } as CategorizeInput;
      const c = compareProfiles(input, ['kube-proxy', profile]);
      for (const d of c.differences) for (const r of d.reasons) if (r.profile !== 'kube-proxy' && r.rule !== null) rules.add(r.rule);
      // Different lists for the port (Envoy Gateway ignores the traffic policies) differ too.
      const mixedLists = new Set(c.listUse.map((u) => `${u.cluster}/${u.local}`)).size > 1;
      if (mixedLists) for (const u of c.listUse) if (u.profile !== 'kube-proxy' && u.rule !== null) rules.add(u.rule);
      // No answer from the profile (its pinned source does not settle the lists): unknown, not different.
      const differs = c.answers.some((a) => a.result === null) ? null : c.differences.length > 0 || mixedLists;
      let r: ProfileFlowResult;
      try {
        r = prepared.select(node, { via: 'clusterIP', from: 'pod' });
      } catch (e) {
        if (!notPinned(e)) throw e;
        out.push({ node: name, action: null, policy: null, decidedBy: null, endpoints: [], differsFromKubeProxy: differs, notPinned: e.message });
        continue;
      }
      out.push({ node: name, action: r.action, policy: r.policy, decidedBy: r.decidedBy, endpoints: r.endpoints.map((e) => e.key), differsFromKubeProxy: differs, notPinned: null });
    }
    return { ...base, profile: prepared.profile, nodes: out, differingRules: [...rules].sort(), error: null };
  } catch (e) {
    if (!(e instanceof KubeTrafficError)) throw e;
    return { ...base, nodes: [], differingRules: [], error: e.code === 'profile-not-pinned' ? `not settled by the pinned source: ${e.message}` : e.message };
  }
}

const nodeList = (names: readonly string[]): string => (names.length <= 3 ? names.join(',') : `${names.slice(0, 3).join(',')},+${names.length - 3}`);

/** The ENDPOINTS cell: how many endpoints the nodes' flows may use, and the nodes left without any. */
function endpointsCell(s: ProfileStatus): string {
  const counts = s.nodes.filter((n) => n.action === 'forward').map((n) => n.endpoints.length);
  const parts: string[] = [];
  if (counts.length > 0) {
    const lo = Math.min(...counts);
    const hi = Math.max(...counts);
    parts.push(`${lo === hi ? lo : `${lo}-${hi}`} per node`);
  }
  const rejects = s.nodes.filter((n) => n.action === 'reject').map((n) => n.node);
  if (rejects.length > 0) parts.push(`reject on ${nodeList(rejects)}`);
  const open = s.nodes.filter((n) => n.action === null).map((n) => n.node);
  if (open.length > 0) parts.push(`not pinned on ${nodeList(open)}`);
  return parts.join('; ') || '-';
}

/**
 * Runs `explain` with a data-plane profile over the Services `services`. A Service whose
 * objects are malformed is listed with its error (on standard error too) and makes the exit
 * code 2. For `--fail-on`, a node whose empty list the pinned source does not settle (drop or
 * reject unknown) counts as both a drop and a reject: a gate should not pass on a guess.
 *
 * @example
 * ```ts
 * runExplainProfile(ctx, services, { name: 'cilium' }, nodes).stdout; // => 'NAMESPACE   NAME   TYPE   PROFILE …'
 * ```
 */
export function runExplainProfile(ctx: Context, services: readonly KubeObject[], profile: Exclude<DataPlaneProfileOption, string>, nodes: readonly KubeObject[]): CommandOutput {
  const statuses = services.map((s) => profileStatus(ctx, s, profile, nodes));
  const errors = statuses.filter((s) => s.error !== null).map((s) => `error: Service ${s.namespace}/${s.name}: ${s.error}\n`);
  const failed: { stderr?: string; exitCode?: number } = errors.length > 0 ? { stderr: errors.join(''), exitCode: 2 } : {};
  const unsettled = statuses.filter((s) => s.nodes.some((n) => n.action === null)).map((s) => `${s.namespace}/${s.name} as ${s.profile} on ${nodeList(s.nodes.filter((n) => n.action === null).map((n) => n.node))} (no endpoint; drop or reject not pinned)`);
  const conditions: Conditions = {
    drop: unsettled,
    reject: [...statuses.filter((s) => s.nodes.some((n) => n.action === 'reject')).map((s) => `${s.namespace}/${s.name} as ${s.profile} on ${nodeList(s.nodes.filter((n) => n.action === 'reject').map((n) => n.node))}`), ...unsettled],
  };
  // Why some nodes have no answer, once per Service and reason (the table has no room for it).
  const notes = statuses.flatMap((s) => {
    const by = new Map<string, string[]>();
    for (const n of s.nodes) if (n.notPinned !== null) by.set(n.notPinned, [...(by.get(n.notPinned) ?? []), n.node]);
    return [...by].map(([why, on]) => `note: ${s.namespace}/${s.name} as ${s.profile}, not settled by the pinned source on ${on.length === s.nodes.length ? 'every node' : nodeList(on)}: ${why}\n`);
  });
  if (notes.length > 0 && ctx.output !== 'json') Object.assign(failed, { stderr: notes.join('') + ('stderr' in failed ? String(failed.stderr) : '') });
  if (ctx.output === 'json') return { stdout: json(statuses), conditions, ...failed };
  if (ctx.format === 'name') return { stdout: statuses.map((s) => `service/${s.name}\n`).join(''), conditions, ...failed };
  if (statuses.length === 0) return { stdout: '', stderr: `No Services found${ctx.namespace === null ? '' : ` in namespace ${ctx.namespace}`}.\n`, conditions, ...failed };
  const wide = ctx.format === 'wide';
  const rows = statuses.map((s) => {
    const differing = s.nodes.filter((n) => n.differsFromKubeProxy === true).length;
    const unknown = s.nodes.filter((n) => n.differsFromKubeProxy === null).length;
    const known = s.nodes.length - unknown;
    const vs = s.error !== null || known === 0
      ? '-'
      : `${differing === 0 ? 'same' : `differs on ${differing}/${s.nodes.length} nodes${s.differingRules.length === 0 ? '' : ` (${s.differingRules.join(',')})`}`}${unknown === 0 ? '' : `; ${unknown} not settled`}`;
    const row = [s.namespace, s.name, s.type, s.profile, s.error === null ? endpointsCell(s) : 'error (see below)', vs];
    if (wide) row.push([...new Set(s.nodes.flatMap((n) => (n.decidedBy === null ? [] : [`${n.policy}:${n.decidedBy}`])))].join(',') || '-');
    return row;
  });
  const { style } = ctx;
  let table = formatTable(['NAMESPACE', 'NAME', 'TYPE', 'PROFILE', 'ENDPOINTS', 'VS-KUBE-PROXY', ...(wide ? ['LIST'] : [])], rows, (t, cell, col, row) =>
    row < 0 ? style.bold(t) : col === 5 && cell.startsWith('differs') ? style.yellow(t) : col === 4 && (cell.includes('reject') || cell.includes('not pinned')) ? style.red(t) : t);
  if (ctx.values['no-headers'] === true) table = table.slice(table.indexOf('\n') + 1);
  return { stdout: table, conditions, ...failed };
}
