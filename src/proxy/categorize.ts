/**
 * The Cluster and Local endpoint lists of one port for one node (proxy-semantics 5–7), decided
 * from the port's index without scanning its endpoints.
 *
 * @module
 */
import type { Endpoint } from '../model/endpoint.js';
import type { EndpointIndex } from './endpoint-index.js';
import type { NodeIdentity } from './node.js';
import type { PortPolicy } from './port-policy.js';
import { type TopologyMode, type TopologyRules, topologyMode } from './topology.js';

/** Release switches for the list rules. */
export interface ListRules extends TopologyRules {
  /** Use serving-terminating endpoints when nothing is ready (ProxyTerminatingEndpoints; off only in 1.27 by choice). */
  readonly terminatingFallback: boolean;
}

/** The lists before locality is marked on the endpoints. */
export interface Decision {
  readonly topologyMode: TopologyMode | null;
  readonly cluster: readonly Endpoint[] | null;
  readonly local: readonly Endpoint[] | null;
  /** The Cluster list fell back to serving-terminating endpoints (5.2). */
  readonly clusterFallback: boolean;
  /** The Local list fell back to serving-terminating endpoints (6.2). */
  readonly localFallback: boolean;
  readonly hasAnyEndpoints: boolean;
}

const NONE: readonly Endpoint[] = Object.freeze([]);

/** Decides both lists for `node`. */
export function decideLists(index: EndpointIndex, policy: PortPolicy, node: NodeIdentity, rules: ListRules): Decision {
  let mode: TopologyMode | null = null;
  let cluster: readonly Endpoint[] | null = null;
  let clusterFallback = false;
  if (policy.usesCluster) {
    mode = topologyMode(index, node, rules);
    // 5.1: the ready endpoints available for the mode.
    cluster =
      mode.kind === 'sameNode'
        ? (index.readyByNodeHint.get(mode.node) ?? NONE)
        : mode.kind === 'sameZone'
          ? (index.readyByZoneHint.get(mode.zone) ?? NONE)
          : index.ready;
    // 5.2: nothing ready anywhere: serving-terminating endpoints, ignoring hints and locality.
    if (cluster.length === 0 && rules.terminatingFallback && index.servingTerminating.length > 0) {
      cluster = index.servingTerminating;
      clusterFallback = true;
    }
  }

  let local: readonly Endpoint[] | null = null;
  let localFallback = false;
  if (policy.usesLocal) {
    // 6.1–6.3: local ready endpoints, else local serving-terminating ones; hints never filter.
    const own = node.name === '' ? undefined : index.byNodeName.get(node.name);
    if (own !== undefined && own.ready.length > 0) local = own.ready;
    else if (own !== undefined && rules.terminatingFallback && own.servingTerminating.length > 0) {
      local = own.servingTerminating;
      localFallback = true;
    } else local = NONE;
  }

  // 7.2: with a Local policy, any usable endpoint anywhere means "drop, not reject".
  const anyUsable = index.ready.length > 0 || (rules.terminatingFallback && index.servingTerminating.length > 0);
  const hasAnyEndpoints = (cluster !== null && cluster.length > 0) || (policy.usesLocal && anyUsable);
  return { topologyMode: mode, cluster, local, clusterFallback, localFallback, hasAnyEndpoints };
}
