/**
 * kube-proxy's categorisation of one port for one node (upstream `CategorizeEndpoints`): the
 * topology mode, the Cluster list, the Local list, and whether any endpoint is usable at all.
 * Each part is one rule in its own file; this file only puts their answers side by side.
 *
 * @module
 * @internal
 */
import type { Endpoint } from '../model/endpoint.js';
import { clusterList, clusterMembership } from './cluster-list.js';
import type { EndpointIndex } from './endpoint-index.js';
import { localList } from './local-list.js';
import type { NodeIdentity } from './node.js';
import type { PortPolicy } from './port-policy.js';
import { type SameNodeRefusal, type TopologyMode, type TopologyRules, topologyMode } from './topology-mode.js';

/** Release switches for the list rules. */
export interface ListRules extends TopologyRules {
  /** Use serving-terminating endpoints when nothing is ready (ProxyTerminatingEndpoints; off only in 1.27 by choice). */
  readonly terminatingFallback: boolean;
}

/** The rules' answers for one node, before locality is marked on the endpoints. */
export interface Decision {
  /** The topology-mode rule's answer, `null` when the port uses no Cluster list. */
  readonly topologyMode: TopologyMode | null;
  /** The topology-mode rule's reason for refusing same-node routing, if it did. */
  readonly sameNodeRefused: SameNodeRefusal | null;
  readonly cluster: readonly Endpoint[] | null;
  readonly local: readonly Endpoint[] | null;
  /** The Cluster list fell back to serving-terminating endpoints (kube-proxy.md §5.2). */
  readonly clusterFallback: boolean;
  /** The Local list fell back to serving-terminating endpoints (kube-proxy.md §6.2). */
  readonly localFallback: boolean;
  readonly hasAnyEndpoints: boolean;
}

/** Decides both lists for `node`. */
export function decideLists(index: EndpointIndex, policy: PortPolicy, node: NodeIdentity, rules: ListRules): Decision {
  const topology = policy.usesCluster ? topologyMode(index, node, rules) : null;
  const cluster = topology === null ? null : clusterList(index, topology.mode, rules.terminatingFallback);
  const local = policy.usesLocal ? localList(index, node.name, rules.terminatingFallback) : null;
  // kube-proxy.md §7.2: with a Local policy, any usable endpoint anywhere means "drop, not reject".
  const anyUsable = index.ready.length > 0 || (rules.terminatingFallback && index.servingTerminating.length > 0);
  const hasAnyEndpoints = (cluster !== null && cluster.list.length > 0) || (policy.usesLocal && anyUsable);
  return {
    topologyMode: topology?.mode ?? null,
    sameNodeRefused: topology?.sameNodeRefused ?? null,
    cluster: cluster?.list ?? null,
    local: local?.list ?? null,
    clusterFallback: cluster?.fallback ?? false,
    localFallback: local?.fallback ?? false,
    hasAnyEndpoints,
  };
}

const NONE: readonly Endpoint[] = Object.freeze([]);

/**
 * Every endpoint the node can reach (kube-proxy.md §7.1): the union of both lists by key, in the
 * index's sorted order. Both lists are subsequences of that order, and the Local endpoints
 * outside the Cluster list are the node's own few, so the common cases hand out a list as it is.
 */
export function reachableEndpoints(index: EndpointIndex, d: Decision): readonly Endpoint[] {
  if (d.local === null) return d.cluster ?? NONE;
  if (d.cluster === null) return d.local;
  let extra: Set<Endpoint> | undefined;
  for (const ep of d.local) if (!inCluster(d, ep)) (extra ??= new Set()).add(ep);
  if (extra === undefined) return d.cluster;
  const outside = extra;
  return Object.freeze(index.all.filter((ep) => outside.has(ep) || inCluster(d, ep)));
}

/** `ep` is in the Cluster list of `d`. */
export function inCluster(d: Decision, ep: Endpoint): boolean {
  return d.topologyMode !== null && clusterMembership(d.topologyMode, d.clusterFallback, ep) === 'endpoint-in-cluster';
}
