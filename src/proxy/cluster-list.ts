/**
 * The Cluster-list rule (kube-proxy.md §5; upstream `CategorizeEndpoints` in
 * `pkg/proxy/topology.go`, its `clusterEndpoints` filter and `availableForTopology`): the ready
 * endpoints the topology mode allows, else — when nothing is ready anywhere — every
 * serving-terminating endpoint, ignoring hints.
 *
 * It is stated twice on purpose, in two shapes that a property test holds equal on random
 * inputs (test/proxy/explain.prop.test.ts): per endpoint ({@link clusterMembership}, the words an
 * explanation uses) and per list from the index ({@link clusterList}, what queries run in O(1)).
 *
 * @module
 * @internal
 */
import type { Endpoint } from '../model/endpoint.js';
import type { EndpointIndex } from './endpoint-index.js';
import type { TopologyMode } from './topology-mode.js';

/** Why an endpoint is in or out of a list: the explanation code that states it. */
export type ClusterMembership =
  | 'endpoint-in-cluster'
  | 'endpoint-not-ready'
  | 'endpoint-terminating-unused'
  | 'endpoint-other-zone'
  | 'endpoint-other-node';

/** The rule's answer for one node. */
export interface ClusterList {
  readonly list: readonly Endpoint[];
  /** Nothing ready anywhere: the list is the serving-terminating endpoints (§5.2). */
  readonly fallback: boolean;
}

const NONE: readonly Endpoint[] = Object.freeze([]);

/** The Cluster list for a node whose topology mode is `mode` (§5.1–5.2). */
export function clusterList(index: EndpointIndex, mode: TopologyMode, terminatingFallback: boolean): ClusterList {
  // §5.1: the ready endpoints available for the mode.
  const list =
    mode.kind === 'sameNode'
      ? (index.readyByNodeHint.get(mode.node) ?? NONE)
      : mode.kind === 'sameZone'
        ? (index.readyByZoneHint.get(mode.zone) ?? NONE)
        : index.ready;
  // §5.2: nothing ready anywhere: serving-terminating endpoints, ignoring hints and locality.
  // (Under a mode every ready endpoint qualifies somewhere, so an empty list means none is ready.)
  if (list.length === 0 && terminatingFallback && index.servingTerminating.length > 0) return { list: index.servingTerminating, fallback: true };
  return { list, fallback: false };
}

function servingTerminating(ep: Endpoint): boolean {
  return !ep.ready && ep.serving && ep.terminating;
}

/** Whether and why `ep` is in the Cluster list of a node with topology `mode`, given whether the list fell back. */
export function clusterMembership(mode: TopologyMode, fallback: boolean, ep: Endpoint): ClusterMembership {
  // §5.3: neither ready nor serving-terminating: never used.
  if (!ep.ready && !servingTerminating(ep)) return 'endpoint-not-ready';
  // §5.2: the fallback takes every serving-terminating endpoint, ignoring hints and locality.
  if (fallback) return ep.ready ? 'endpoint-not-ready' : 'endpoint-in-cluster';
  if (!ep.ready) return 'endpoint-terminating-unused';
  // availableForTopology: the mode's hint must name this node or zone.
  if (mode.kind === 'none') return 'endpoint-in-cluster';
  if (mode.kind === 'sameZone') return ep.zoneHints.includes(mode.zone) ? 'endpoint-in-cluster' : 'endpoint-other-zone';
  return ep.nodeHints.includes(mode.node) ? 'endpoint-in-cluster' : 'endpoint-other-node';
}
