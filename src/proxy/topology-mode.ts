/**
 * The topology-mode rule: which hints filter the Cluster list for one node — same node, same
 * zone, or none — and why. Upstream states it in `topologyModeFromHints` (`pkg/proxy/topology.go`,
 * which logs the reason where it refuses a mode; `canUseTopology` in releases before 1.33).
 * kube-proxy reads only hints here; `trafficDistribution` and the annotations act through the hints
 * the EndpointSlice controller writes.
 *
 * @module
 */
import type { EndpointIndex } from './endpoint-index.js';
import type { NodeIdentity } from './node.js';

/**
 * Why no topology filtering applies. Stable codes.
 *
 * - `no-ready-endpoints`: no endpoint is ready, so there is nothing to filter.
 * - `endpoint-without-hint`: some ready endpoint has no zone hint (one is enough to disable zone mode for everyone).
 * - `no-endpoint-for-zone`: no ready endpoint is hinted for the node's zone (or the node has no zone label).
 * - `annotation-required`: (1.27–1.30 rule) the Service lacks an enabling topology annotation.
 * - `gate-off`: (releases with the gate) `TopologyAwareHints` is off, so hints are not read.
 * - `node-without-zone`: (before 1.33) the node has no zone label, which older kube-proxy refuses explicitly.
 *
 * @category kube-proxy
 * @example
 * ```ts
 * const r = categorizeEndpoints(input);
 * if (r.kind === 'proxied' && r.topologyMode?.kind === 'none') r.topologyMode.cause; // => 'endpoint-without-hint'
 * ```
 */
export type NoTopologyCause =
  | 'no-ready-endpoints'
  | 'endpoint-without-hint'
  | 'no-endpoint-for-zone'
  | 'annotation-required'
  | 'gate-off'
  | 'node-without-zone';

/**
 * The topology mode kube-proxy picks for a node.
 *
 * @category kube-proxy
 * @example
 * ```ts
 * const zoneMode: TopologyMode = { kind: 'sameZone', zone: 'zone-a' };
 * const nodeMode: TopologyMode = { kind: 'sameNode', node: 'node-a' };
 * const none: TopologyMode = { kind: 'none', cause: 'endpoint-without-hint' };
 * ```
 */
export type TopologyMode =
  | { readonly kind: 'sameNode'; readonly node: string }
  | { readonly kind: 'sameZone'; readonly zone: string }
  | { readonly kind: 'none'; readonly cause: NoTopologyCause };

/** Switches that older releases or gates add to the mode choice. */
export interface TopologyRules {
  /** Read node hints and allow "same node" (PreferSameTrafficDistribution). */
  readonly nodeMode: boolean;
  /** Why zone hints must be ignored for this Service, if they must (release rules). */
  readonly zoneHintsBlocked: NoTopologyCause | null;
  /** Refuse zone mode for a node without a zone label (before 1.33). */
  readonly requireZoneLabel: boolean;
}

/**
 * Why same-node routing was not chosen although node hints are read and some ready endpoint
 * carries one (zone hints are tried instead, not "no topology"):
 * - `endpoint-without-node-hint`: a ready endpoint has no node hint;
 * - `no-endpoint-for-node`: no ready endpoint is hinted for this node.
 */
export type SameNodeRefusal = 'endpoint-without-node-hint' | 'no-endpoint-for-node';

/** The rule's answer and its reason. */
export interface TopologyChoice {
  readonly mode: TopologyMode;
  /** Set when node hints were considered and refused before zone hints were tried. */
  readonly sameNodeRefused: SameNodeRefusal | null;
}

/** The index facts the rule reads (an {@link EndpointIndex} fits). */
export type TopologyFacts = Pick<EndpointIndex, 'ready' | 'everyReadyHasNodeHint' | 'everyReadyHasZoneHint' | 'readyByNodeHint' | 'readyByZoneHint'>;

/** The refusals, one frozen object per cause (results hand modes out frozen). */
const NO_TOPOLOGY: Readonly<Record<NoTopologyCause, TopologyMode>> = Object.freeze({
  'no-ready-endpoints': Object.freeze({ kind: 'none', cause: 'no-ready-endpoints' }),
  'endpoint-without-hint': Object.freeze({ kind: 'none', cause: 'endpoint-without-hint' }),
  'no-endpoint-for-zone': Object.freeze({ kind: 'none', cause: 'no-endpoint-for-zone' }),
  'annotation-required': Object.freeze({ kind: 'none', cause: 'annotation-required' }),
  'gate-off': Object.freeze({ kind: 'none', cause: 'gate-off' }),
  'node-without-zone': Object.freeze({ kind: 'none', cause: 'node-without-zone' }),
});

/**
 * The topology mode for `node` (kube-proxy.md §4.1–4.5; upstream `topologyModeFromHints`), with
 * the reason: a refused mode carries its cause, and a refused same-node mode says why.
 */
export function topologyMode(index: TopologyFacts, node: NodeIdentity, rules: TopologyRules): TopologyChoice {
  // kube-proxy.md §4.1: only ready endpoints count; with none, nothing is filtered.
  if (index.ready.length === 0) return { mode: NO_TOPOLOGY['no-ready-endpoints'], sameNodeRefused: null };
  let sameNodeRefused: SameNodeRefusal | null = null;
  // §4.3: every ready endpoint node-hinted, and one for this node.
  // A client known only by its zone is on no node a hint could name (not even the empty name).
  if (rules.nodeMode && index.readyByNodeHint.size > 0) {
    if (!index.everyReadyHasNodeHint) sameNodeRefused = 'endpoint-without-node-hint';
    else if (node.named === false || !index.readyByNodeHint.has(node.name)) sameNodeRefused = 'no-endpoint-for-node';
    else return { mode: { kind: 'sameNode', node: node.name }, sameNodeRefused: null };
  }
  return { mode: zoneMode(index, node, rules), sameNodeRefused };
}

/** kube-proxy.md §4.4–4.5: the zone part of the rule, once same-node is out. */
function zoneMode(index: TopologyFacts, node: NodeIdentity, rules: TopologyRules): TopologyMode {
  if (rules.zoneHintsBlocked !== null) return NO_TOPOLOGY[rules.zoneHintsBlocked];
  // Before 1.33 (`canUseTopology`): a node without a zone label is refused before hints are read.
  if (rules.requireZoneLabel && !node.hasZoneLabel) return NO_TOPOLOGY['node-without-zone'];
  // §4.4: every ready endpoint zone-hinted, and one for this zone (exact, case-sensitive match).
  if (!index.everyReadyHasZoneHint) return NO_TOPOLOGY['endpoint-without-hint'];
  if (!index.readyByZoneHint.has(node.zone)) return NO_TOPOLOGY['no-endpoint-for-zone'];
  return { kind: 'sameZone', zone: node.zone };
}
