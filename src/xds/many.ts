/**
 * Per-client answers made cheap: one assignment per distinct answer over many client nodes.
 *
 * @module
 */
import { type ClientNode, type Endpoint, type HandledFlowAction, type HandledFlowResult, KubeTrafficError, type NotProxiedResult } from '../index.js';
import { assignment, asUdp } from './assignment.js';
import type { XdsCluster, XdsClusterLoadAssignment } from './proto.js';
import {
  type XdsInput,
  type XdsMode,
  type XdsNotHandled,
  type XdsResourceNames,
  type XdsResourceSet,
  assignmentGroups,
  describeValue,
  notHandled,
  prepareXds,
  problem,
  resourceNames,
  staticResources,
} from './resources.js';

/**
 * Input of {@link xdsAssignments}: an {@link XdsInput} with `nodes` in place of `node`, and how
 * the assignments are named.
 *
 * @category xds
 * @example
 * ```ts
 * const input: XdsManyInput = { service, endpointSlices: slices, nodes, port: 'http', assignmentNames: 'per-answer' };
 * ```
 */
export interface XdsManyInput extends Omit<XdsInput, 'node'> {
  /**
   * The client nodes, in any shape `selectEndpoints` accepts. Nodes are keyed by name: a name
   * may repeat only with the same zone.
   */
  readonly nodes: readonly ClientNode[];
  /**
   * `shared` (default): every answer's assignment carries the one EDS name, for a control plane
   * that serves each client's own answer on its own stream. `per-answer`: each answer gets
   * `NAME/ID` and its own `cluster` pointing at it, for a control plane that serves every answer
   * on one name space and tells each client which cluster to use.
   */
  readonly assignmentNames?: 'shared' | 'per-answer';
}

/**
 * One distinct answer: what a group of nodes gets.
 *
 * @category xds
 * @example
 * ```ts
 * const answer: XdsAnswer = many.byNode.get('node-b2')!;
 * answer.nodes; // => ['node-b1', 'node-b2']
 * ```
 */
export interface XdsAnswer {
  /**
   * A stable identifier of the answer's content (its action and endpoint set, with priorities):
   * the same content gives the same `id` in every call, so it can name a resource.
   */
  readonly id: string;
  readonly action: HandledFlowAction;
  /** The endpoints' keys (`IP:port`), sorted. Empty for a drop or a reject in exact mode. */
  readonly endpoints: readonly string[];
  /** The nodes (by name, in input order) that get this answer. */
  readonly nodes: readonly string[];
  readonly clusterLoadAssignment: XdsClusterLoadAssignment;
  /** The cluster whose EDS name is this answer's assignment (differs per answer only with `per-answer` names). */
  readonly cluster: XdsCluster;
  /** The decision of the first node of the group (every node of the group has the same set). */
  readonly selection: HandledFlowResult;
}

/**
 * The answer of {@link xdsAssignments} for a Service kube-proxy programs.
 *
 * @category xds
 * @example
 * ```ts
 * const many = xdsAssignments({ service, endpointSlices: slices, nodes, port: 'http' });
 * if (many.kind === 'proxied') many.answers.length; // => 4 (zones a, b, c, and node-a1's own set)
 * ```
 */
export interface XdsManyProxied extends Omit<XdsResourceSet, 'clusterLoadAssignment'> {
  readonly kind: 'proxied';
  readonly mode: XdsMode;
  /** The shared names (`clusterLoadAssignment` is the prefix of per-answer names). */
  readonly names: XdsResourceNames;
  /** The distinct answers, in the order their first node appears. */
  readonly answers: readonly XdsAnswer[];
  /** Node name → its answer. */
  readonly byNode: ReadonlyMap<string, XdsAnswer>;
}

/**
 * The answer of {@link xdsAssignments} for a Service kube-proxy does not program.
 *
 * @category xds
 * @example
 * ```ts
 * if (many.kind === 'not-proxied') many.selection.message;
 * ```
 */
export interface XdsManyNotProxied {
  readonly kind: 'not-proxied';
  readonly selection: NotProxiedResult;
}

/**
 * The answer of {@link xdsAssignments} for a flow kube-proxy does not handle (external IPs with
 * `AllowServiceExternalIPs` off): no resources for any node, as with {@link xdsResources}. That
 * decision does not depend on the node; `selection` is the first node's.
 *
 * @category xds
 * @example
 * ```ts
 * if (many.kind === 'not-handled') many.message;
 * ```
 */
export type XdsManyNotHandled = XdsNotHandled;

/**
 * The answer of {@link xdsAssignments}. Narrow on `kind`.
 *
 * @category xds
 * @example
 * ```ts
 * const many: XdsManyResult = xdsAssignments(input);
 * ```
 */
export type XdsManyResult = XdsManyProxied | XdsManyNotProxied | XdsManyNotHandled;

/**
 * {@link xdsResources} for many client nodes at once: the Service is read and indexed once, and
 * nodes whose answers are equal (same action, same endpoints at the same priorities; for
 * instance the nodes of a zone without local endpoints) share one assignment. A control plane
 * serves `byNode.get(node)` on each client's stream, or every answer under its own name.
 *
 * @param input - an {@link XdsInput} with `nodes` instead of `node`
 * @returns the distinct answers and the node → answer map, or `kind: 'not-proxied'` / `'not-handled'` and why
 * @throws `KubeTrafficError` for malformed input (paths as in `xdsResources`, nodes at `$.nodes[i]`),
 * no node, or one node name given with two zones
 * @category xds
 * @example
 * ```ts
 * import { xdsAssignments } from 'kube-traffic/xds';
 *
 * const many = xdsAssignments({ service, endpointSlices: slices, nodes, port: 'http' });
 * if (many.kind === 'proxied') {
 *   for (const answer of many.answers) console.log(answer.id, answer.nodes, answer.endpoints);
 *   many.byNode.get('node-b2')?.clusterLoadAssignment; // what node-b2's clients receive over EDS
 * }
 * ```
 */
export function xdsAssignments(input: XdsManyInput): XdsManyResult {
  const { prepared, flow, options } = prepareXds(input);
  const nodes: unknown = (input as { nodes?: unknown }).nodes;
  if (!Array.isArray(nodes)) throw problem(nodes === undefined ? 'required' : 'invalid-type', '$.nodes', 'an array of client nodes', describeValue(nodes));
  const perAnswer = readAssignmentNames((input as { assignmentNames?: unknown }).assignmentNames);
  const answers: XdsAnswer[] = [];
  const byContent = new Map<string, { answer: XdsAnswer; nodes: string[] }>();
  const byNode = new Map<string, XdsAnswer>();
  const ids = new Set<string>();
  const zoneByNode = new Map<string, string>();
  const byList = new Map<readonly Endpoint[], { answer: XdsAnswer; nodes: string[] }>();
  const byAction = new Map<HandledFlowAction, { answer: XdsAnswer; nodes: string[] }>();
  let shared: { names: XdsResourceNames; statics: Omit<XdsResourceSet, 'clusterLoadAssignment'> } | undefined;
  for (const [i, node] of nodes.entries()) {
    let selection;
    try {
      selection = prepared.select(node as ClientNode, flow);
    } catch (e) {
      throw rootAt(e, `$.nodes[${i}]`);
    }
    if (selection.kind !== 'proxied') return { kind: 'not-proxied', selection };
    // Whether kube-proxy handles the flow depends on the flow and the gates, never on the node.
    if (selection.action === 'not-handled') return notHandled(selection);
    shared ??= (() => {
      const names = resourceNames(selection, options);
      return { names, statics: staticResources(names) };
    })();
    const { name, zone } = selection.categorized.node;
    const seenZone = zoneByNode.get(name);
    if (seenZone !== undefined) {
      // Node names are unique in a cluster: the same name twice must be the same node.
      if (seenZone !== zone) throw problem('invalid-value', `$.nodes[${i}]`, `node ${JSON.stringify(name)} with the zone it has earlier in the list (${JSON.stringify(seenZone)})`, `zone ${JSON.stringify(zone)}`);
      continue;
    }
    zoneByNode.set(name, zone);
    // Nodes that share kube-proxy's list (every node of a zone without local endpoints, say) get
    // the same array from the prepared Service: their answer is known without rebuilding it.
    const sameList = selection.action === 'forward' ? byList.get(selection.endpoints) : byAction.get(selection.action);
    if (sameList !== undefined) {
      sameList.nodes.push(name);
      byNode.set(name, sameList.answer);
      continue;
    }
    const groups = assignmentGroups(prepared, selection, options.mode);
    const content = `${selection.action}|${groups.map((g) => `${g.priority}:${g.lbEndpoints.map((lb) => endpointText(lb)).join(',')}`).join(';')}`;
    let entry = byContent.get(content);
    if (entry === undefined) {
      // A hash collision between two different contents (improbable) must still give two ids.
      let id = contentId(content);
      for (let n = 2; ids.has(id); n++) id = `${contentId(content)}-${n}`;
      ids.add(id);
      const edsName = perAnswer ? `${shared.names.clusterLoadAssignment}/${id}` : shared.names.clusterLoadAssignment;
      const memberNodes: string[] = [];
      const answer: XdsAnswer = {
        id,
        action: selection.action,
        endpoints: groups.flatMap((g) => g.lbEndpoints.map(endpointText)).sort(),
        nodes: memberNodes,
        clusterLoadAssignment: assignment(edsName, selection.categorized.port.protocol === 'UDP' ? asUdp(groups) : groups),
        cluster: perAnswer ? { ...shared.statics.cluster, edsClusterConfig: { ...shared.statics.cluster.edsClusterConfig, serviceName: edsName } } : shared.statics.cluster,
        selection,
      };
      entry = { answer, nodes: memberNodes };
      byContent.set(content, entry);
      answers.push(answer);
    }
    entry.nodes.push(name);
    byNode.set(name, entry.answer);
    if (selection.action === 'forward') byList.set(selection.endpoints, entry);
    else byAction.set(selection.action, entry);
  }
  if (shared === undefined) {
    // No node at all: the names and static resources still exist; there is no answer to give.
    throw problem('required', '$.nodes', 'at least one client node', 'an array of 0');
  }
  return { kind: 'proxied', mode: options.mode, names: shared.names, ...shared.statics, answers, byNode };
}

function endpointText(lb: { endpoint: { address: { socketAddress: { address: string; portValue: number } } } }): string {
  const { address, portValue } = lb.endpoint.address.socketAddress;
  return address.includes(':') ? `[${address}]:${portValue}` : `${address}:${portValue}`;
}

function readAssignmentNames(v: unknown): boolean {
  if (v === undefined || v === 'shared') return false;
  if (v === 'per-answer') return true;
  throw problem(typeof v === 'string' ? 'invalid-value' : 'invalid-type', '$.assignmentNames', "'shared' or 'per-answer'", describeValue(v));
}

/** Re-roots a node's problems from `$.node` to `$.nodes[i]`; other errors pass unchanged. */
function rootAt(e: unknown, path: string): unknown {
  const atNode = (p: string) => p === '$.node' || p.startsWith('$.node.') || p.startsWith('$.node[');
  if (!(e instanceof KubeTrafficError) || !e.problems.every((p) => atNode(p.path))) return e;
  return new KubeTrafficError(
    e.problems.map((p) => {
      const moved = path + p.path.slice('$.node'.length);
      return { ...p, path: moved, message: `${moved}: expected ${p.expected}, found ${p.received}` };
    }),
  );
}

/** Two 32-bit FNV-1a hashes (different offset bases) of the content, as 16 hex digits: stable across calls and processes. */
function contentId(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x050c5d1f;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193) >>> 0;
    b = Math.imul(b ^ c, 0x01000193) >>> 0;
  }
  return a.toString(16).padStart(8, '0') + b.toString(16).padStart(8, '0');
}
