/**
 * Which topology mode kube-proxy uses for a node (proxy-semantics 4): same node, same zone, or
 * none. kube-proxy reads only hints here; `trafficDistribution` and the annotations act through
 * the hints the EndpointSlice controller writes.
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

/** The topology mode for `node` (proxy-semantics 4.1–4.5). */
export function topologyMode(index: EndpointIndex, node: NodeIdentity, rules: TopologyRules): TopologyMode {
  // 4.1: only ready endpoints count; with none, nothing is filtered.
  if (index.ready.length === 0) return { kind: 'none', cause: 'no-ready-endpoints' };
  // 4.3: every ready endpoint node-hinted, and one for this node.
  // A client known only by its zone is on no node a hint could name (not even the empty name).
  if (rules.nodeMode && node.named !== false && index.everyReadyHasNodeHint && index.readyByNodeHint.has(node.name)) {
    return { kind: 'sameNode', node: node.name };
  }
  if (rules.zoneHintsBlocked !== null) return { kind: 'none', cause: rules.zoneHintsBlocked };
  if (rules.requireZoneLabel && !node.hasZoneLabel) return { kind: 'none', cause: 'node-without-zone' };
  // 4.4: every ready endpoint zone-hinted, and one for this zone (exact, case-sensitive match).
  if (!index.everyReadyHasZoneHint) return { kind: 'none', cause: 'endpoint-without-hint' };
  if (!index.readyByZoneHint.has(node.zone)) return { kind: 'none', cause: 'no-endpoint-for-zone' };
  return { kind: 'sameZone', zone: node.zone };
}
