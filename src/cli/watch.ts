/**
 * `watch svc/NAME`: follows a Service, its EndpointSlices and the Nodes on a live cluster and
 * prints a timestamped line whenever a routing decision changes — the rollout-time view.
 *
 * The decisions are the library's: {@link decisionFacts} asks `prepareService` for every client
 * node and reduces the answers to facts (topology state, which ready endpoint lacks a hint,
 * the hints on each endpoint, nodes that drop Local traffic, zones that fell back to
 * cluster-wide, lists served only by terminating endpoints); {@link diffFacts} turns two fact
 * sets into change lines. The I/O ({@link runWatch}) lists, then watches each resource from the
 * list's resourceVersion with bookmarks; an ended stream is resumed from the last version seen,
 * a 410 Gone (an ERROR event with an Expired Status, or HTTP 410) relists, a lost connection is
 * retried with exponential back-off, and Ctrl-C ends it cleanly (exit 0).
 *
 * @module
 */
import { KubeTrafficError, type Via, prepareService } from '../index.js';
import type { ReleaseOptions } from './context.js';
import { ClusterError } from './cluster.js';
import { EXIT } from './errors.js';
import { type KubeObject, loadObjects } from './load.js';
import { meta } from './lookup.js';
import { type Connection, type Resource, answerError, collectionPath, connect, listAll, readCluster } from './live.js';
import { type CliIO, parseInvocation } from './run.js';

/**
 * What the decisions about one Service come to, at one moment.
 *
 * @example
 * ```ts
 * const f: DecisionFacts = { exists: true, topology: 'active (same zone)', unhinted: [], hints: { '10.0.0.1:80': 'zone-a' }, drops: [], fallbackZones: [], terminatingOnly: false, error: null };
 * ```
 */
export interface DecisionFacts {
  /** The Service is in the cluster. */
  readonly exists: boolean;
  /** Topology on the client nodes: `active (same zone)`, `off (cause)`, `partial (…)`, `not requested`, `n/a (…)`. */
  readonly topology: string;
  /** Ready endpoints without a zone hint while others have one (what turns zone routing off for everyone). */
  readonly unhinted: readonly string[];
  /** Zone hints per endpoint (`''` for none), as the slices carry them. */
  readonly hints: Readonly<Record<string, string>>;
  /** Nodes that drop traffic under a Local policy (`node (itp)`, `node (etp)`). */
  readonly drops: readonly string[];
  /** Zones whose nodes fell back to cluster-wide routing: no endpoint is hinted for them. */
  readonly fallbackZones: readonly string[];
  /** No endpoint is ready: traffic goes to serving-terminating endpoints (or nowhere). */
  readonly terminatingOnly: boolean;
  /** The library refused the objects (the message), or null. */
  readonly error: string | null;
}

const describeEndpoint = (e: { key: string; nodeName: string | null; zone: string | null }): string => `${e.key}${e.nodeName === null ? '' : ` on ${e.nodeName}`}${e.zone === null ? '' : ` (${e.zone})`}`;

/**
 * The facts about a Service's routing from the objects as they are now.
 *
 * @param service - the Service object, or `undefined` when it does not exist (now)
 * @example
 * ```ts
 * decisionFacts(service, slices, nodes, {}).topology; // => 'active (same zone)'
 * ```
 */
export function decisionFacts(service: KubeObject | undefined, slices: readonly KubeObject[], nodes: readonly KubeObject[], release: ReleaseOptions, port?: string | number): DecisionFacts {
  const empty: DecisionFacts = { exists: false, topology: '-', unhinted: [], hints: {}, drops: [], fallbackZones: [], terminatingOnly: false, error: null };
  if (service === undefined) return empty;
  const m = meta(service);
  const own = slices.filter((s) => meta(s).namespace === m.namespace && meta(s).labels['kubernetes.io/service-name'] === m.name);
  const clients = nodes.filter((n) => (n['spec'] as { unschedulable?: unknown } | undefined)?.unschedulable !== true);
  try {
    const prepared = prepareService(service, own, { ...(port !== undefined && { port }), ...release });
    const hints: Record<string, string> = {};
    for (const e of prepared.endpoints) hints[describeEndpoint(e)] = [...e.zoneHints, ...e.nodeHints.map((n) => `node:${n}`)].join(',');
    const anyHint = prepared.endpoints.some((e) => e.zoneHints.length > 0 || e.nodeHints.length > 0);
    const spec = (service['spec'] ?? {}) as { trafficDistribution?: unknown };
    const annotated = ['service.kubernetes.io/topology-mode', 'service.kubernetes.io/topology-aware-hints'].some((k) => {
      const v = m.annotations[k];
      return v !== undefined && v !== '' && v.toLowerCase() !== 'disabled';
    });
    const requested = anyHint || annotated || (typeof spec.trafficDistribution === 'string' && spec.trafficDistribution !== '');
    const counts = new Map<string, number>();
    const fallback = new Set<string>();
    const drops: string[] = [];
    let local = false;
    let notProxied: string | null = null;
    let terminatingOnly = false;
    for (const node of clients) {
      const c = prepared.categorize(node);
      if (c.kind === 'not-proxied') {
        notProxied = c.reason;
        break;
      }
      if (c.terminatingFallback.cluster || c.terminatingFallback.local) terminatingOnly = true;
      const mode = c.topologyMode;
      if (mode === null) local = true;
      else {
        const k = mode.kind === 'none' ? `none:${mode.cause}` : mode.kind;
        counts.set(k, (counts.get(k) ?? 0) + 1);
        if (mode.kind === 'none' && mode.cause === 'no-endpoint-for-zone' && c.node.zone !== '') fallback.add(c.node.zone);
      }
      for (const [via, from, label] of [['clusterIP', 'pod', 'itp'], ...(c.policy.externalLocal ? [[c.policy.loadBalancerIPs ? 'loadBalancer' : c.policy.nodePort ? 'nodePort' : 'externalIP', 'outside', 'etp']] : [])] as [Via, 'pod' | 'outside', string][]) {
        if ((label === 'itp' && !c.policy.internalLocal)) continue;
        const r = prepared.select(node, { via, from });
        if (r.kind === 'proxied' && r.action === 'drop') drops.push(`${c.node.name} (${label})`);
      }
    }
    if (!prepared.endpoints.some((e) => e.ready) && prepared.endpoints.some((e) => e.serving && e.terminating)) terminatingOnly = true;
    let topology: string;
    const total = [...counts.values()].reduce((a, b) => a + b, 0);
    const active = (counts.get('sameZone') ?? 0) + (counts.get('sameNode') ?? 0);
    const causes = [...counts.keys()].filter((k) => k.startsWith('none:')).map((k) => k.slice(5)).sort();
    if (notProxied !== null) topology = `not proxied (${notProxied})`;
    else if (total === 0) topology = local ? 'n/a (internalTrafficPolicy: Local)' : 'n/a (no client nodes)';
    else if (active === total) topology = `active (${counts.has('sameNode') ? 'same node' : 'same zone'})`;
    else if (active === 0 && !requested) topology = 'not requested';
    else if (active === 0) topology = `off (${causes.join(', ')})`;
    else topology = `partial (${active}/${total} nodes; others: ${causes.join(', ')})`;
    const unhinted = anyHint ? prepared.endpoints.filter((e) => e.ready && e.zoneHints.length === 0).map(describeEndpoint) : [];
    return { exists: true, topology, unhinted, hints, drops: drops.sort(), fallbackZones: [...fallback].sort(), terminatingOnly, error: null };
  } catch (e) {
    if (!(e instanceof KubeTrafficError)) throw e;
    return { ...empty, exists: true, error: e.message };
  }
}

/**
 * One change in the decisions.
 *
 * @example
 * ```ts
 * const c: Change = { kind: 'topology', message: 'zone routing is off for every node: 10.244.0.99:8080 on node-a2 is ready without a zone hint', before: 'active (same zone)', after: 'off (endpoint-without-hint)' };
 * ```
 */
export interface Change {
  readonly kind: 'service' | 'topology' | 'hints' | 'drop' | 'zone-fallback' | 'terminating' | 'error';
  readonly message: string;
  readonly before: unknown;
  readonly after: unknown;
}

const added = (a: readonly string[], b: readonly string[]): string[] => b.filter((x) => !a.includes(x));

/**
 * The changes from one fact set to the next, in a fixed order.
 *
 * @example
 * ```ts
 * diffFacts(before, after).map((c) => c.message); // => ['node-b2 (itp) starts dropping Local traffic: no local endpoint']
 * ```
 */
export function diffFacts(a: DecisionFacts, b: DecisionFacts): Change[] {
  const out: Change[] = [];
  if (a.exists !== b.exists) out.push({ kind: 'service', message: b.exists ? 'the Service exists' : 'the Service was deleted', before: a.exists, after: b.exists });
  if (a.error !== b.error) out.push({ kind: 'error', message: b.error === null ? 'the objects are readable again' : `the library refuses the objects: ${b.error}`, before: a.error, after: b.error });
  if (!b.exists) return out;
  if (a.topology !== b.topology || added(a.unhinted, b.unhinted).length > 0) {
    const unhinted = b.topology.includes('endpoint-without-hint') && b.unhinted.length > 0 ? `: ${b.unhinted.join(', ')} ${b.unhinted.length === 1 ? 'is' : 'are'} ready without a zone hint, which turns zone routing off for every node` : '';
    out.push({ kind: 'topology', message: `topology ${a.exists ? `${a.topology} -> ` : ''}${b.topology}${unhinted}`, before: a.topology, after: b.topology });
  }
  const keys = [...new Set([...Object.keys(a.hints), ...Object.keys(b.hints)])].sort();
  for (const k of keys) {
    const x = a.hints[k];
    const y = b.hints[k];
    if (x === y || !a.exists) continue;
    if (x === undefined) out.push({ kind: 'hints', message: `endpoint ${k} added${y === '' ? ' without hints' : ` with hints ${y}`}`, before: null, after: y });
    else if (y === undefined) out.push({ kind: 'hints', message: `endpoint ${k} removed`, before: x, after: null });
    else if (y === '') out.push({ kind: 'hints', message: `the controller removed the hints (${x}) of ${k}`, before: x, after: y });
    else out.push({ kind: 'hints', message: `the controller wrote hints ${y} for ${k}${x === '' ? '' : ` (was ${x})`}`, before: x, after: y });
  }
  for (const n of added(a.drops, b.drops)) out.push({ kind: 'drop', message: `${n} starts dropping Local traffic: no local endpoint`, before: false, after: true });
  for (const n of added(b.drops, a.drops)) out.push({ kind: 'drop', message: `${n} stops dropping Local traffic`, before: true, after: false });
  for (const z of added(a.fallbackZones, b.fallbackZones)) out.push({ kind: 'zone-fallback', message: `zone ${z} falls back to cluster-wide routing: no endpoint is hinted for it`, before: false, after: true });
  for (const z of added(b.fallbackZones, a.fallbackZones)) out.push({ kind: 'zone-fallback', message: `zone ${z} routes in-zone again`, before: true, after: false });
  if (a.terminatingOnly !== b.terminatingOnly) {
    out.push({ kind: 'terminating', message: b.terminatingOnly ? 'no endpoint is ready: traffic goes only to terminating endpoints' : 'ready endpoints are back', before: a.terminatingOnly, after: b.terminatingOnly });
  }
  return out;
}

/** The objects the watch follows, by resource and `namespace/name`. */
type State = Record<'services' | 'endpointslices' | 'nodes', Map<string, KubeObject>>;
const WATCHED = ['services', 'endpointslices', 'nodes'] as const;
const keyOf = (o: KubeObject): string => `${meta(o).namespace}/${meta(o).name}`;

/**
 * Runs `watch`: exit code 0 after Ctrl-C, 1 for a usage error, 5 when the cluster cannot be read
 * at the start.
 *
 * @example
 * ```ts
 * process.exitCode = await runWatch(['watch', 'svc/web', '-n', 'shop'], io, process.stdout, process.stderr, signal);
 * ```
 */
export async function runWatch(argv: readonly string[], io: CliIO, out: { write(s: string): unknown }, err: { write(s: string): unknown }, stop: AbortSignal): Promise<number> {
  const program = io.programName ?? 'kube-traffic';
  const usage = (m: string): number => {
    err.write(`error: ${m}\nSee '${program} watch --help' for usage.\n`);
    return EXIT.usage;
  };
  const parsed = parseInvocation(argv, io);
  if (parsed.kind === 'done') {
    err.write(parsed.result.stderr);
    out.write(parsed.result.stdout);
    return parsed.result.exitCode;
  }
  const inv = parsed.invocation;
  if (inv.values['filename'] !== undefined) return usage('watch follows a live cluster; it does not read -f files');
  const portText = typeof inv.values['port'] === 'string' ? inv.values['port'] : undefined;
  const port = portText === undefined ? undefined : /^\d+$/.test(portText) ? Number(portText) : portText;

  let c: Connection;
  try {
    c = connect({ ...(typeof inv.values['kubeconfig'] === 'string' && { kubeconfig: inv.values['kubeconfig'] }), ...(typeof inv.values['context'] === 'string' && { context: inv.values['context'] }) });
  } catch (e) {
    if (e instanceof ClusterError) {
      err.write(`error: ${e.message}\n`);
      return EXIT.cluster;
    }
    throw e;
  }
  const namespace = inv.namespace ?? c.namespace ?? 'default';
  const name = inv.serviceName;
  const state: State = { services: new Map(), endpointslices: new Map(), nodes: new Map() };
  const versions: Partial<Record<Resource, string>> = {};
  let facts: DecisionFacts | null = null;
  let nodesReadable = true;

  const now = (): string => new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  const print = (changes: readonly Change[]): void => {
    const t = now();
    for (const ch of changes) {
      if (inv.format === 'json') out.write(`${JSON.stringify({ time: t, service: `${namespace}/${name}`, kind: ch.kind, message: ch.message, before: ch.before, after: ch.after })}\n`);
      else out.write(`${t}  ${namespace}/${name}  ${ch.message}\n`);
    }
  };
  const recompute = (): void => {
    const svc = state.services.get(`${namespace}/${name}`);
    const nodes = nodesReadable ? [...state.nodes.values()] : nodesFromEndpoints([...state.endpointslices.values()]);
    const next = decisionFacts(svc, [...state.endpointslices.values()], nodes, inv.release, port);
    print(diffFacts(facts ?? { exists: false, topology: '-', unhinted: [], hints: {}, drops: [], fallbackZones: [], terminatingOnly: false, error: null }, next));
    facts = next;
  };
  const relist = async (): Promise<void> => {
    const read = await readCluster(c, { namespace, pods: false });
    const loaded = loadObjects(read.lists.map((l) => ({ name: l.source, text: l.text })), { defaultNamespace: namespace });
    state.services = new Map(loaded.services.map((o) => [keyOf(o), o]));
    state.endpointslices = new Map(loaded.endpointSlices.map((o) => [keyOf(o), o]));
    state.nodes = new Map(loaded.nodes.map((o) => [keyOf(o), o]));
    Object.assign(versions, read.resourceVersions);
    if (read.nodesReadable === false && nodesReadable) for (const n of read.notes) err.write(`${n}\n`);
    nodesReadable = read.nodesReadable;
  };

  try {
    await relist();
  } catch (e) {
    if (e instanceof ClusterError) {
      err.write(`error: ${e.message}\n`);
      return EXIT.cluster;
    }
    throw e;
  }
  if (!state.services.has(`${namespace}/${name}`)) err.write(`note: Service ${namespace}/${name} does not exist (yet); watching for it\n`);
  recompute();

  // One loop per resource: watch from the last version; resume when the stream ends; relist
  // that resource on 410 Gone; back off on connection errors.
  const relistOne = async (resource: (typeof WATCHED)[number]): Promise<void> => {
    const { pages, resourceVersion } = await listAll(c, resource, resource === 'nodes' ? null : namespace);
    const loaded = loadObjects(pages.map((l) => ({ name: l.source, text: l.text })), { defaultNamespace: namespace });
    const objs = resource === 'services' ? loaded.services : resource === 'endpointslices' ? loaded.endpointSlices : loaded.nodes;
    state[resource] = new Map(objs.map((o) => [keyOf(o), o]));
    versions[resource] = resourceVersion;
    recompute();
  };
  const follow = async (resource: (typeof WATCHED)[number]): Promise<void> => {
    let delay = 1000;
    while (!stop.aborted) {
      if (resource === 'nodes' && !nodesReadable) return;
      const path = `${collectionPath(resource, resource === 'nodes' ? null : namespace)}?watch=1&allowWatchBookmarks=true&resourceVersion=${encodeURIComponent(versions[resource] ?? '0')}`;
      let gone = false;
      try {
        const answer = await c.stream(path, (line) => {
          let event: { type?: string; object?: KubeObject & { code?: number; reason?: string } };
          try {
            event = JSON.parse(line) as typeof event;
          } catch {
            return;
          }
          const obj = event.object;
          if (obj === undefined) return;
          if (event.type === 'ERROR') {
            if (obj.code === 410 || obj.reason === 'Expired' || obj.reason === 'Gone') gone = true;
            else err.write(`warning: watch ${resource}: ${String((obj as { message?: unknown }).message ?? 'error event')}\n`);
            return;
          }
          const rv = (obj['metadata'] as { resourceVersion?: unknown } | undefined)?.resourceVersion;
          if (typeof rv === 'string') versions[resource] = rv;
          if (event.type === 'BOOKMARK') return;
          const map = state[resource];
          if (event.type === 'DELETED') map.delete(keyOf(obj));
          else map.set(keyOf(obj), obj);
          recompute();
        }, stop);
        if (answer.status === 410) gone = true;
        else if (answer.status !== 200) {
          const e = answerError(c, 'watch', resource, resource === 'nodes' ? null : namespace, answer.status, answer.body);
          err.write(`warning: ${e.message}; retrying in ${delay / 1000} s\n`);
          await sleep(delay, stop);
          delay = Math.min(delay * 2, 30_000);
          continue;
        }
        delay = 1000;
        if (gone) await relistOne(resource);
      } catch (e) {
        if (stop.aborted) return;
        err.write(`warning: ${e instanceof Error ? e.message : String(e)}; retrying in ${delay / 1000} s\n`);
        await sleep(delay, stop);
        delay = Math.min(delay * 2, 30_000);
        try {
          await relistOne(resource);
        } catch {
          // still unreachable: the loop backs off again
        }
      }
    }
  };
  await Promise.all(WATCHED.map((r) => follow(r)));
  return EXIT.ok;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const t = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(t);
      resolve();
    }, { once: true });
  });
}

function nodesFromEndpoints(slices: readonly KubeObject[]): KubeObject[] {
  const zones = new Map<string, string>();
  for (const s of slices) {
    for (const e of Array.isArray(s['endpoints']) ? (s['endpoints'] as { nodeName?: unknown; zone?: unknown }[]) : []) {
      if (typeof e?.nodeName === 'string' && !zones.has(e.nodeName)) zones.set(e.nodeName, typeof e.zone === 'string' ? e.zone : '');
    }
  }
  return [...zones].map(([n, z]) => ({ kind: 'Node', apiVersion: 'v1', metadata: { name: n, labels: z === '' ? {} : { 'topology.kubernetes.io/zone': z } } }));
}

