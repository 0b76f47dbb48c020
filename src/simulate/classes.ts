/**
 * Client classes: client nodes that get the same answer from kube-proxy. The prepared Service's
 * decision seam gives each answer a class key (same view, action, policy and list); nodes with the
 * same key, topology mode and zone (for the zone matrix) form one class. Everything after this
 * step costs per class, not per node.
 *
 * @module
 * @internal
 */
import type { IndexDecision } from '../proxy/prepare.js';
import type { NodeIdentity } from '../proxy/node.js';
import type { TopologyMode } from '../proxy/topology-mode.js';
import type { ClassTopology, ClientClass, SimNode } from './types.js';

/**
 * A class while it is being built (weights still absolute).
 *
 * @example
 * ```ts
 * const d: ClassDraft = { zone: 'zone-a', decision, topology: { kind: 'sameZone', zone: 'zone-a' }, nodes: ['a1'], weight: 30 };
 * ```
 */
export interface ClassDraft {
  readonly zone: string;
  readonly decision: IndexDecision;
  readonly topology: ClassTopology | null;
  readonly nodes: string[];
  weight: number;
}

function topologyOf(mode: TopologyMode | null): ClassTopology | null {
  if (mode === null) return null;
  if (mode.kind === 'sameNode') return { kind: 'sameNode' };
  return mode;
}

function topologyKey(t: ClassTopology | null): string {
  if (t === null) return '-';
  return t.kind === 'none' ? `none:${t.cause}` : t.kind;
}

/**
 * Groups client nodes with a positive weight into classes, in first-seen order.
 *
 * @param decide - the prepared Service's decision for a node (the flow is fixed), see `preparedIndex`
 * @example
 * ```ts
 * groupClients(nodes, weights, (n) => decide(n, { via: 'clusterIP', from: 'pod' })).length; // => 3 (one per zone)
 * ```
 */
export function groupClients(
  nodes: readonly SimNode[],
  weights: Float64Array,
  decide: (node: NodeIdentity) => IndexDecision,
): ClassDraft[] {
  const byKey = new Map<string, ClassDraft>();
  const drafts: ClassDraft[] = [];
  nodes.forEach((node, i) => {
    const w = weights[i]!;
    if (w <= 0) return;
    const decision = decide(node);
    const topology = topologyOf(decision.decision.topologyMode);
    // The class key names the answer; the mode keeps each class's explanation exact.
    const key = `${decision.classKey}\u0000${topologyKey(topology)}\u0000${node.zone}`;
    let draft = byKey.get(key);
    if (draft === undefined) {
      draft = { zone: node.zone, decision, topology, nodes: [], weight: 0 };
      byKey.set(key, draft);
      drafts.push(draft);
    }
    draft.nodes.push(node.name);
    draft.weight += w;
  });
  return drafts;
}

const byName = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The public, normalised form of a class (`weight` as a fraction of `total`).
 *
 * @example
 * ```ts
 * toClientClass(draft, 100).weight; // => 0.3 for a draft of weight 30
 * ```
 */
export function toClientClass(draft: ClassDraft, total: number): ClientClass {
  const flow = draft.decision.flow;
  return Object.freeze({
    zone: draft.zone,
    action: flow.action,
    policy: flow.policy,
    topology: draft.topology,
    nodes: Object.freeze([...draft.nodes].sort(byName)),
    weight: total > 0 ? draft.weight / total : 0,
    endpoints: flow.endpoints,
  });
}
