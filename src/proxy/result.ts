/**
 * Result objects of a prepared Service's queries: frozen plain objects, no getters and no hidden
 * state. They hand out the prepared index's lists as they are (frozen, shared by every node that
 * gets the same list), so a query costs the same whatever the Service's size. That is why an
 * endpoint carries nothing that depends on the client node: whether it runs there is
 * {@link isLocal}'s question, asked of the result.
 *
 * @module
 * @internal
 */
import type { Explanation } from '../explain/codes.js';
import type { KubernetesVersion } from '../model/releases.js';
import type { IPFamily } from '../util/ip.js';
import { type Decision, reachableEndpoints } from './categorize.js';
import type { EndpointIndex } from './endpoint-index.js';
import type { FlowDecision } from './flow.js';
import type { NodeIdentity } from './node.js';
import type { PortPolicy } from './port-policy.js';
import type { TopologyMode } from './topology-mode.js';
import type { CategorizedEndpoints, FlowResult, From, PortRef, Via } from './types.js';

/** What every result of one prepared Service shares. */
export interface Frame {
  readonly service: { readonly namespace: string; readonly name: string };
  readonly port: PortRef;
  readonly ipFamily: IPFamily;
  readonly kubernetesVersion: KubernetesVersion;
  readonly policy: PortPolicy;
}

/**
 * Most of a query's cost on V8 is `Object.freeze`, so the parts that many queries share (the
 * client node as read, a same-zone or same-node mode) are frozen once per prepared Service and
 * handed out again. At most {@link SHARED_LIMIT} of each are kept, so a caller asking about
 * endless distinct nodes gets fresh objects instead of a growing memo.
 */
export class SharedParts {
  // Made on first use: a one-shot query asks once and never needs them.
  #nodes: Map<string, { readonly name: string; readonly zone: string }> | undefined;
  // By the zone or node name itself: a composite key would be a new string to build and hash
  // on every query.
  #zoneModes: Map<string, TopologyMode> | undefined;
  #nodeModes: Map<string, TopologyMode> | undefined;

  node(node: NodeIdentity): { readonly name: string; readonly zone: string } {
    const nodes = (this.#nodes ??= new Map());
    const seen = nodes.get(node.name);
    if (seen !== undefined && seen.zone === node.zone) return seen;
    const fresh = Object.freeze({ name: node.name, zone: node.zone });
    if (nodes.size < SHARED_LIMIT) nodes.set(node.name, fresh);
    return fresh;
  }

  mode(mode: TopologyMode | null): TopologyMode | null {
    // The refusals come frozen from the rule.
    if (mode === null || mode.kind === 'none') return mode;
    const modes = mode.kind === 'sameZone' ? (this.#zoneModes ??= new Map()) : (this.#nodeModes ??= new Map());
    const name = mode.kind === 'sameZone' ? mode.zone : mode.node;
    const seen = modes.get(name);
    if (seen !== undefined) return seen;
    const fresh = Object.freeze(mode);
    if (modes.size < SHARED_LIMIT) modes.set(name, fresh);
    return fresh;
  }
}

/** How many nodes (and modes) one prepared Service keeps frozen for reuse. */
export const SHARED_LIMIT = 65_536;

const FALLBACK = [
  [Object.freeze({ cluster: false, local: false }), Object.freeze({ cluster: false, local: true })],
  [Object.freeze({ cluster: true, local: false }), Object.freeze({ cluster: true, local: true })],
] as const;

/** The categorisation result for one node. */
export function categorized(frame: Frame, parts: SharedParts, index: EndpointIndex, node: NodeIdentity, d: Decision, explanation?: Explanation): CategorizedEndpoints {
  const result: CategorizedEndpoints = {
    kind: 'proxied',
    service: frame.service,
    port: frame.port,
    ipFamily: frame.ipFamily,
    kubernetesVersion: frame.kubernetesVersion,
    node: parts.node(node),
    policy: frame.policy,
    topologyMode: parts.mode(d.topologyMode),
    clusterEndpoints: d.cluster,
    localEndpoints: d.local,
    allReachableEndpoints: reachableEndpoints(index, d),
    hasAnyEndpoints: d.hasAnyEndpoints,
    terminatingFallback: FALLBACK[d.clusterFallback ? 1 : 0][d.localFallback ? 1 : 0],
  };
  return Object.freeze(explanation === undefined ? result : { ...result, explanation });
}

/** The flow result for one node. */
export function flowResult(frame: Frame, flow: FlowDecision, via: Via, from: From, cat: CategorizedEndpoints, explanation?: Explanation): FlowResult {
  const { kubernetesVersion } = frame;
  // The same literal in both branches, so that `policy` and `decidedBy` narrow with `action`.
  const result: FlowResult =
    flow.action === 'not-handled'
      ? { kind: 'proxied', action: flow.action, endpoints: flow.endpoints, policy: flow.policy, decidedBy: flow.decidedBy, via, from, kubernetesVersion, categorized: cat }
      : { kind: 'proxied', action: flow.action, endpoints: flow.endpoints, policy: flow.policy, decidedBy: flow.decidedBy, via, from, kubernetesVersion, categorized: cat };
  return Object.freeze(explanation === undefined ? result : { ...result, explanation });
}
