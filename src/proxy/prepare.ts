/**
 * A Service parsed and indexed once, then asked about many nodes and flows. The one-shot
 * functions `categorizeEndpoints` and `selectEndpoints` are thin wrappers over it, so the rules
 * have one implementation.
 *
 * @module
 */
import type { Endpoint } from '../model/endpoint.js';
import type { GateOverrides } from '../model/gates.js';
import type { DataPlaneProfileOption, KubeProxyProfileOption, ProfileOption } from '../profiles/names.js';
import { profileOf } from '../profiles/categorize.js';
import { type PreparedProfileService, prepareWithProfile } from '../profiles/prepare.js';
import { readGates, readVersion } from '../model/gates.js';
import { type DuplicateRule, type KubernetesVersion, RELEASES } from '../model/releases.js';
import type { KubernetesVersionInput } from '../model/version.js';
import type { ClientNode, Collection, EndpointSliceInput, ServiceInput } from '../model/input.js';
import { type Rec, Reader, isRec, refuseMisplaced } from '../model/read.js';
import type { IPFamily } from '../util/ip.js';
import { type Decision, decideLists } from './categorize.js';
import { type EndpointIndex, indexEndpoints } from './endpoint-index.js';
import { type ConversionFacts, type DuplicateGroups, type Skipped, collectEndpoints } from './endpoints.js';
import { type Copy, type DuplicateChoice, keptCopy, nodeHasOwnCopy } from './duplicates.js';
import { type ExplainFrame, type InputFacts, explainFlow, explainLists } from './explain.js';
import { step } from '../explain/codes.js';
import { SharedParts, categorized, flowResult } from './result.js';
import { type FlowDecision, type FlowLists, type FlowRules, decideFlow } from './flow.js';
import { type NodeIdentity, fastNode, readNode } from './node.js';
import { notProxiedMessage, notProxiedReason } from './not-proxied.js';
import { type PortPolicy, portPolicy, resolvePort } from './port-policy.js';
import { proxyReleaseRules } from './release-rules.js';
import { type ServiceView, primaryFamily, readService } from './service.js';
import type {
  CategorizeResult,
  CategorizedEndpoints,
  From,
  NotProxiedResult,
  PortRef,
  SelectResult,
  Via,
} from './types.js';

/**
 * Options of {@link prepareService}. No flow: each `select(node, { via, from })` takes its own,
 * and `via` / `from` here are refused (`invalid-value` at `$.via` / `$.from`) rather than ignored.
 *
 * @category kube-proxy
 * @example
 * ```ts
 * const options: PrepareOptions = { port: 'http', ipFamily: 'IPv6', gates: { PreferSameTrafficDistribution: false } };
 * ```
 */
export interface PrepareOptions {
  /** The Service port: its name (`''` for an unnamed port) or its number. Optional when the Service has one port. */
  readonly port?: string | number;
  /** The proxier's family; default the Service's primary family. */
  readonly ipFamily?: IPFamily;
  /** Feature-gate overrides; they win over the defaults of `kubernetesVersion`. */
  readonly gates?: GateOverrides;
  /**
   * The Kubernetes release whose kube-proxy to reproduce, `'1.27'` … `'1.37'`, in any spelling
   * {@link index!parseKubernetesVersion} reads; default `'master'` (the newest code, which decides like 1.37).
   */
  readonly kubernetesVersion?: KubernetesVersionInput;
  /**
   * kube-proxy (the default) or, through {@link ProfiledPrepareOptions}, another data plane's
   * rules: the prepared object then answers as {@link PreparedProfileService}.
   */
  readonly profile?: KubeProxyProfileOption;
}

/**
 * {@link PrepareOptions} with another data plane's rules (a deviation profile); `gates` and
 * `kubernetesVersion` must be absent.
 *
 * @category kube-proxy
 * @example
 * ```ts
 * const options: ProfiledPrepareOptions = { port: 'http', profile: { name: 'cilium', options: { 'enable-service-topology': true } } };
 * ```
 */
export type ProfiledPrepareOptions<P extends ProfileOption = ProfileOption> = Omit<PrepareOptions, 'profile'> & { readonly profile: P };

/**
 * Options of a prepared Service's `categorize` query.
 *
 * @category kube-proxy
 * @example
 * ```ts
 * prepared.categorize(node, { explain: true }).explanation; // => [{ code: 'topology-same-zone', ... }, ...]
 * ```
 */
export interface QueryOptions {
  /**
   * Attach `explanation` to the result. (`port`, `ipFamily`, `gates`, `kubernetesVersion` and
   * `profile` are fixed by `prepareService`: given here they are refused with `invalid-value` at
   * `$.options.port` and so on, rather than ignored.)
   */
  readonly explain?: boolean;
}

/**
 * A flow: how traffic reaches the Service and where it comes from.
 *
 * @category kube-proxy
 * @example
 * ```ts
 * const flow: Flow = { via: 'loadBalancer', from: 'outside' };
 * ```
 */
export interface Flow {
  /** Default `clusterIP`. */
  readonly via?: Via;
  /** Default `pod`. */
  readonly from?: From;
  /** Attach `explanation` to the result. */
  readonly explain?: boolean;
}

/**
 * A Service prepared for many queries. Queries cost the same whatever the Service's size: they
 * look up what was indexed, and results share the prepared lists.
 *
 * @category kube-proxy
 * @example
 * ```ts
 * const prepared = prepareService(service, slices, { port: 'http' });
 * for (const node of nodes) prepared.categorize(node);
 * prepared.select({ name: 'node-a', zone: 'zone-a' }, { via: 'nodePort', from: 'outside' });
 * ```
 */
export interface PreparedService {
  readonly service: { readonly namespace: string; readonly name: string };
  readonly ipFamily: IPFamily;
  /** The release whose rules decide. */
  readonly kubernetesVersion: KubernetesVersion;
  /** The port decided for; `null` when the Service is not proxied and no port was resolved. */
  readonly port: PortRef | null;
  /** The Service's endpoints of this port and family (merged, sorted). */
  readonly endpoints: readonly Endpoint[];
  /** kube-proxy's lists for a client on `node`. */
  categorize(node: ClientNode, options?: QueryOptions): CategorizeResult;
  /**
   * The decision for one flow from a client on `node`. `flow` is the flow itself, `{ via, from }`;
   * a nested `flow: { via, from }` is refused with `invalid-value` at `$.flow` rather than ignored,
   * and so are `port`, `ipFamily`, `gates`, `kubernetesVersion` and `profile` (`$.port`, …),
   * which `prepareService` fixes for every query, and `via` / `from` in a `{ name, zone }` node
   * (`$.node.via`).
   */
  select(node: ClientNode, flow?: Flow): SelectResult;
}

/**
 * A prepared, proxied Service's decision for one client node and one flow, as the simulator
 * needs it: the rules' answers on the shared lists (endpoints not marked local), and a key that
 * two nodes share exactly when they get the same list and action. @internal
 */
export interface IndexDecision {
  readonly decision: Decision;
  readonly flow: FlowDecision;
  /** Equal for two nodes of one prepared Service ⇔ same view, action, policy and list. */
  readonly classKey: string;
}

/** The internal seam of a prepared, proxied Service (the simulator's). @internal */
export interface PreparedIndex {
  decide(node: NodeIdentity, flow: { readonly via: Via; readonly from: From }): IndexDecision;
}

const INDEXES = new WeakMap<PreparedService, PreparedIndex>();

/**
 * The decision seam of a prepared Service, `undefined` when kube-proxy does not program it.
 * @internal
 */
export function preparedIndex(prepared: PreparedService): PreparedIndex | undefined {
  return INDEXES.get(prepared);
}

/** The part of a class key that names the list a flow uses (see {@link IndexDecision}). */
function listKey(d: Decision, flow: FlowDecision, node: NodeIdentity): string {
  if (flow.policy === 'Local') return d.local === null || d.local.length === 0 ? 'local:none' : `local:${node.name}:${d.localFallback ? 't' : 'r'}`;
  if (d.clusterFallback) return 'cluster:terminating';
  const mode = d.topologyMode;
  if (mode === null || mode.kind === 'none') return 'cluster:ready';
  return mode.kind === 'sameZone' ? `cluster:zone:${mode.zone}` : `cluster:node:${mode.node}`;
}

function flowLists(policy: PortPolicy, d: Decision): FlowLists {
  return { policy, hasAnyEndpoints: d.hasAnyEndpoints, clusterEndpoints: d.cluster, localEndpoints: d.local };
}

const FAMILIES: readonly string[] = ['IPv4', 'IPv6'];
const VIAS: readonly string[] = ['clusterIP', 'nodePort', 'loadBalancer', 'externalIP'];
const FROMS: readonly string[] = ['pod', 'node', 'outside'];
const NONE: readonly Endpoint[] = Object.freeze([]);

/**
 * Parses and indexes a Service's endpoints once for one port and family.
 *
 * Bad input throws one {@link KubeTrafficError} listing every problem, with paths rooted at
 * `$.service`, `$.endpointSlices`, `$.port`, `$.ipFamily`, `$.gates` and `$.kubernetesVersion`.
 * `via` and `from` in `options` (where the one-shot `selectEndpoints` takes them) are refused
 * with `invalid-value` at `$.via` / `$.from`: the flow is given to each `select(node, flow)`.
 *
 * @param service - a core/v1 Service
 * @param endpointSlices - its EndpointSlices (others are ignored), as an array or a `List`
 * @param options - the port, family and gates, or a `profile` (another data plane's rules)
 * @returns a prepared Service answering `categorize(node)` and `select(node, flow)`
 * @category kube-proxy
 * @example
 * ```ts
 * const prepared = prepareService(service, slices, { port: 'http' });
 * const r = prepared.categorize({ name: 'node-a', zone: 'zone-a' });
 * if (r.kind === 'proxied') r.clusterEndpoints?.map((e) => e.key); // => ['10.1.2.3:8080']
 * ```
 */
export function prepareService(service: ServiceInput, endpointSlices: Collection<EndpointSliceInput>, options?: PrepareOptions): PreparedService;
export function prepareService(service: ServiceInput, endpointSlices: Collection<EndpointSliceInput>, options: ProfiledPrepareOptions<DataPlaneProfileOption>): PreparedProfileService;
export function prepareService(service: ServiceInput, endpointSlices: Collection<EndpointSliceInput>, options?: PrepareOptions | ProfiledPrepareOptions): PreparedService | PreparedProfileService;
export function prepareService(
  service: ServiceInput,
  endpointSlices: Collection<EndpointSliceInput>,
  options: PrepareOptions | ProfiledPrepareOptions = {},
): PreparedService | PreparedProfileService {
  const reader = new Reader();
  if (!isRec(options)) reader.fail('invalid-type', '$', 'an options object', options);
  // One-shot inputs carry the flow beside the Service; a prepared Service is asked it per query.
  // Given here, it would be ignored and every select() answer be for cluster-IP traffic from a Pod.
  else refuseMisplaced(reader, options, '$', ['via', 'from'], 'a prepared Service takes the flow per query: select(node, { via, from })');
  reader.finish();
  const record = { ...options, service, endpointSlices } as Rec;
  const profile = profileOf(record);
  if (profile !== null) return prepareWithProfile(record, profile);
  // Only what prepareService hands out can reach the simulator, so only it registers the seam
  // (a WeakMap entry costs more than the rest of a small one-shot query). `profile` (kube-proxy
  // here) stays in the record: buildPrepared reads only the keys it names.
  const { prepared, index } = buildPrepared(record);
  if (index !== undefined) INDEXES.set(prepared, index);
  return prepared;
}

/** Prepares from one input record rooted at `$` (shared by every entry point). @internal */
export function prepareFrom(input: Rec): PreparedService {
  return buildPrepared(input).prepared;
}

/** The prepared Service and, when kube-proxy programs it, its decision seam. */
function buildPrepared(input: Rec): { readonly prepared: PreparedService; readonly index?: PreparedIndex } {
  const reader = new Reader();
  const view = readService(reader, input['service'], '$.service');
  const version = readVersion(reader, input, '$');
  const gates = readGates(reader, input, 'gates', '$', version);
  const family = readFamily(reader, input, view);
  const explainByDefault = reader.boolean(input, 'explain', '$') ?? false;
  const reason = notProxiedReason(view, family);
  // Frozen here: the not-proxied result and the prepared object hand it out as it is.
  const ref = Object.freeze({ namespace: view.namespace, name: view.name });
  if (reason !== null) {
    reader.finish();
    const message = notProxiedMessage(reason, family);
    const plain: NotProxiedResult = Object.freeze({
      kind: 'not-proxied',
      reason,
      message,
      service: ref,
      ipFamily: family,
      kubernetesVersion: version,
    });
    const explained: NotProxiedResult = Object.freeze({
      ...plain,
      explanation: Object.freeze([step('service-not-proxied', `kube-proxy does not program ${view.namespace}/${view.name}: ${message}.`, { reason, ipFamily: family })]),
    });
    const prepared: PreparedService = Object.freeze({
      service: ref,
      ipFamily: family,
      kubernetesVersion: version,
      port: null,
      endpoints: NONE,
      categorize: (node: ClientNode, options?: QueryOptions) =>
        readCategorizeQuery(node, options, explainByDefault).explain ? explained : plain,
      select: (node: ClientNode, flow?: Flow) => (readSelectQuery(node, flow, explainByDefault, null).explain ? explained : plain),
    });
    return { prepared };
  }
  const port = resolvePort(reader, view, input['port'], '$.port');
  const { items: slices, path: slicesPath } = reader.list(input, 'endpointSlices', '$');
  // kube-proxy.md §3.9: every copy of each duplicated IP:port, for the per-node views and their explanations.
  const duplicates: DuplicateGroups = new Map();
  // What explanations say beyond the endpoints is gathered in this one pass, so the prepared
  // Service keeps nothing of the input alive (the caller may drop its slices).
  const skipped: Skipped[] = [];
  const facts: ConversionFacts = { ignoredNodeHints: false };
  const duplicateRule = RELEASES[version].behaviour.duplicates;
  const endpoints =
    port === undefined
      ? []
      : collectEndpoints(
          reader,
          slices,
          slicesPath,
          {
            namespace: view.namespace,
            serviceName: view.name,
            family,
            portName: port.name,
            protocol: port.protocol,
            nodeHints: gates.PreferSameTrafficDistribution,
            duplicates: duplicateRule,
          },
          (s) => skipped.push(s),
          duplicates,
          facts,
        );
  reader.finish();
  const chosen = port!;
  const portRef: PortRef = Object.freeze({
    name: chosen.name,
    protocol: chosen.protocol,
    port: chosen.port,
    nodePort: chosen.nodePort === 0 ? null : chosen.nodePort,
  });
  const policy = Object.freeze(portPolicy(view, chosen, family, gates));
  // Per-node endpoint lists serve only the Local list (kube-proxy.md §6): not built otherwise.
  const indexOptions = { byNode: policy.usesLocal };
  const shared = indexView(indexEndpoints(Object.freeze(endpoints), indexOptions), duplicateChoices(duplicateRule, duplicates, ''));
  const rules = proxyReleaseRules(version, gates, view.annotations);
  const flowRules: FlowRules = Object.freeze({ externalIPsHandled: gates.AllowServiceExternalIPs });
  const frame = { service: ref, port: portRef, ipFamily: family, kubernetesVersion: version, policy };
  const parts = new SharedParts();
  // Worked out when an explanation first asks, from what the conversion kept (never the input).
  const inputFacts = once(
    (): InputFacts => ({
      skipped,
      nodeHintsInInput: gates.PreferSameTrafficDistribution ? endpoints.some((ep) => ep.nodeHints.length > 0) : facts.ignoredNodeHints,
    }),
  );
  const explainFrame: ExplainFrame = { version, rules, policy, port: portRef, slicesPath, facts: inputFacts };
  // 1.27–1.35 (3.9): a node holding a later duplicate copy sees its own copy; its index is built
  // on its first query. Every other node shares one index, so queries stay O(1).
  // Nearly every Service has no duplicates: then neither set nor map is made.
  let ownCopyNodes: Set<string> | undefined;
  for (const copies of duplicates.values()) {
    for (const c of copies) if (c.endpoint.nodeName && nodeHasOwnCopy(duplicateRule, copies, c.endpoint.nodeName)) (ownCopyNodes ??= new Set()).add(c.endpoint.nodeName);
  }
  let ownViews: Map<string, IndexView> | undefined;
  const viewFor = (node: string): IndexView => {
    if (ownCopyNodes === undefined || !ownCopyNodes.has(node)) return shared;
    const views = (ownViews ??= new Map());
    let v = views.get(node);
    if (v === undefined) {
      const choices = duplicateChoices(duplicateRule, duplicates, node);
      const own = new Map(choices.map((d) => [d.key, d.copies[d.choice.kept]!.endpoint]));
      views.set(node, (v = indexView(indexEndpoints(Object.freeze(shared.index.all.map((ep) => own.get(ep.key) ?? ep)), indexOptions), choices)));
    }
    return v;
  };

  const categorize = (nodeInput: unknown, options?: QueryOptions): CategorizedEndpoints => {
    const { node, explain } = readCategorizeQuery(nodeInput, options, explainByDefault);
    const view = viewFor(node.name);
    const d = decideLists(view.index, policy, node, rules);
    return categorized(frame, parts, view.index, node, d, explain ? explainLists(explainFrame, view, node, d) : undefined);
  };

  const prepared: PreparedService = {
    service: frame.service,
    ipFamily: family,
    kubernetesVersion: version,
    port: portRef,
    endpoints: shared.index.all,
    categorize,
    select: (nodeInput: ClientNode, flowInput?: Flow): SelectResult => {
      const { node, via, from, explain } = readSelectQuery(nodeInput, flowInput, explainByDefault, policy);
      const view = viewFor(node.name);
      const d = decideLists(view.index, policy, node, rules);
      const flow = decideFlow(flowLists(policy, d), via, from, flowRules);
      const listSteps = explain ? explainLists(explainFrame, view, node, d) : undefined;
      const cat = categorized(frame, parts, view.index, node, d, listSteps);
      const steps = listSteps === undefined ? undefined : Object.freeze([...explainFlow(policy, flow, via, from, d), ...listSteps]);
      return flowResult(frame, flow, via, from, cat, steps);
    },
  };
  // The view a node decides on is part of its answer: a node with its own duplicate copies
  // (1.27–1.35) never shares a class with another node.
  const decide = (node: NodeIdentity, flow: { readonly via: Via; readonly from: From }): IndexDecision => {
    const view = viewFor(node.name);
    const d = decideLists(view.index, policy, node, rules);
    const f = decideFlow(flowLists(policy, d), flow.via, flow.from, flowRules);
    const viewKey = view === shared ? '' : node.name;
    return { decision: d, flow: f, classKey: `${viewKey}\u0000${f.action}\u0000${f.policy}\u0000${listKey(d, f, node)}` };
  };
  return { prepared: Object.freeze(prepared), index: { decide } };
}

/** Reads a `categorize` query: `{ name, zone }` without a Reader (the hot path), else checked. */
function readCategorizeQuery(nodeInput: unknown, options: unknown, explainByDefault: boolean): { node: NodeIdentity; explain: boolean } {
  const fast = options === undefined ? fastNode(nodeInput) : undefined;
  if (fast !== undefined) return { node: fast, explain: explainByDefault };
  const reader = new Reader();
  const node = readNode(reader, nodeInput, '$.node', { zoneOnly: true });
  const explain = readExplain(reader, options, explainByDefault);
  reader.finish();
  return { node, explain };
}

/** Reads a `select` query; with the port's `policy`, also checks that the port exposes `via`. */
function readSelectQuery(
  nodeInput: unknown,
  flowInput: unknown,
  explainByDefault: boolean,
  policy: PortPolicy | null,
): { node: NodeIdentity; via: Via; from: From; explain: boolean } {
  const reader = new Reader();
  const node = readNode(reader, nodeInput, '$.node', { zoneOnly: true });
  refuseMisplacedInSelect(reader, nodeInput, flowInput);
  const flow = readFlow(reader, flowInput, explainByDefault);
  if (policy !== null) checkVia(reader, policy, flow.via);
  reader.finish();
  return { node, ...flow };
}

/**
 * What `prepareService` fixes for all queries of the prepared Service. Given to one query (as
 * the one-shot functions take them), they would be ignored and the answer be for the prepared
 * port, family and release without saying so.
 */
const PREPARED_KEYS: readonly string[] = ['port', 'ipFamily', 'gates', 'kubernetesVersion', 'profile'];
const AT_PREPARE = 'fixed when preparing: prepareService(service, endpointSlices, { port, ipFamily, gates, kubernetesVersion, profile })';

/**
 * Reads the options of a `categorize` query: `explain`, `fallback` when absent; the
 * {@link PREPARED_KEYS} are refused. Shared by the profile-prepared Service's `categorize`. @internal
 */
export function readExplain(reader: Reader, options: unknown, fallback: boolean): boolean {
  if (options === undefined || options === null) return fallback;
  if (!isRec(options)) {
    reader.fail('invalid-type', '$.options', 'an options object { explain? }', options);
    return fallback;
  }
  refuseMisplaced(reader, options, '$.options', PREPARED_KEYS, AT_PREPARE);
  return reader.boolean(options, 'explain', '$.options') ?? fallback;
}

function readFamily(reader: Reader, input: Rec, view: ServiceView): IPFamily {
  const v = reader.string(input, 'ipFamily', '$');
  if (v === undefined) return primaryFamily(view);
  if (FAMILIES.includes(v)) return v as IPFamily;
  reader.fail('invalid-value', '$.ipFamily', 'IPv4 or IPv6', v);
  return 'IPv4';
}

function readFlow(reader: Reader, flow: unknown, explainByDefault: boolean): { via: Via; from: From; explain: boolean } {
  if (flow === undefined || flow === null) return { via: 'clusterIP', from: 'pod', explain: explainByDefault };
  if (!isRec(flow)) {
    reader.fail('invalid-type', '$', 'a flow object { via?, from? }', flow);
    reader.finish();
  }
  const rec = flow as Rec;
  const via = reader.string(rec, 'via', '$') ?? 'clusterIP';
  const from = reader.string(rec, 'from', '$') ?? 'pod';
  if (!VIAS.includes(via)) reader.fail('invalid-value', '$.via', VIAS.join(', '), via);
  if (!FROMS.includes(from)) reader.fail('invalid-value', '$.from', FROMS.join(', '), from);
  const explain = reader.boolean(rec, 'explain', '$') ?? explainByDefault;
  return { via: via as Via, from: from as From, explain };
}

/**
 * Refuses what a `select(node, flow)` query must not carry, each ignored otherwise: in the flow,
 * a nested `flow` (simulateTraffic's spelling), which would have the answer be for cluster-IP
 * traffic from a Pod, and the {@link PREPARED_KEYS}; in a client node given as `{ name, zone }`
 * (not a core/v1 Node, whose unknown fields are tolerated), `via` and `from`, as if the one-shot
 * record were passed as the node. Shared by the profile-prepared Service's `select`. @internal
 */
export function refuseMisplacedInSelect(reader: Reader, nodeInput: unknown, flowInput: unknown): void {
  // Every select() comes here, so the common query is let through by cheap tests first: two
  // named loads on the node and one walk of the flow's own keys (looking up each refused key in
  // the flow instead cost a prepared select about 15%).
  const node = nodeInput as Rec;
  if (isRec(node) && node['metadata'] === undefined && (node['via'] != null || node['from'] != null)) {
    refuseMisplaced(reader, node, '$.node', ['via', 'from'], 'the flow is the second argument: select(node, { via, from })');
  }
  if (!isRec(flowInput)) return;
  // A flow with no key besides via, from and explain (nearly all) has nothing to refuse.
  let other = false;
  for (const key in flowInput) if (key !== 'via' && key !== 'from' && key !== 'explain') other = true;
  if (!other) return;
  refuseMisplaced(reader, flowInput, '$', ['flow'], 'select takes the flow itself: select(node, { via, from })');
  refuseMisplaced(reader, flowInput, '$', PREPARED_KEYS, AT_PREPARE);
}

function checkVia(reader: Reader, policy: PortPolicy, via: Via): void {
  const missing =
    via === 'nodePort' && !policy.nodePort
      ? 'node port'
      : via === 'externalIP' && !policy.externalIPs
        ? 'external IP of this family'
        : via === 'loadBalancer' && !policy.loadBalancerIPs
          ? 'load-balancer ingress IP of this family that kube-proxy programs (ipMode VIP)'
          : null;
  if (missing !== null) reader.report('unsupported-flow', '$.via', `a path the port exposes, but it has no ${missing}`, `via ${JSON.stringify(via)}`);
}

/** An index and the duplicates rule's answers it was built with. */
export interface IndexView {
  readonly index: EndpointIndex;
  readonly duplicates: readonly DuplicateDecision[];
}

/** The duplicates rule's answer for one duplicated `IP:port` in one view. */
export interface DuplicateDecision {
  readonly key: string;
  readonly copies: readonly Copy[];
  readonly choice: DuplicateChoice;
}

function duplicateChoices(rule: DuplicateRule, groups: DuplicateGroups, node: string): readonly DuplicateDecision[] {
  const out: DuplicateDecision[] = [];
  for (const [key, copies] of groups) out.push({ key, copies, choice: keptCopy(rule, copies, node) });
  return Object.freeze(out);
}

function indexView(index: EndpointIndex, duplicates: readonly DuplicateDecision[]): IndexView {
  return { index, duplicates };
}

function once<T>(build: () => T): () => T {
  let done = false;
  let value: T;
  return () => {
    if (!done) {
      value = build();
      done = true;
    }
    return value;
  };
}
