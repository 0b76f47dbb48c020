/**
 * Why one endpoint is in or out of each list. The union of the two lists and the explanations
 * both ask this, so the per-endpoint answer has one implementation, consistent with the lists
 * `decideLists` picks from the index.
 *
 * @module
 * @internal
 */
import type { ExplanationCode } from '../explain/codes.js';
import type { Endpoint } from '../model/endpoint.js';
import type { Decision } from './categorize.js';

/** The verdict for one endpoint and one list: the explanation code that states it. */
export type Membership = Extract<
  ExplanationCode,
  | 'endpoint-in-cluster'
  | 'endpoint-in-local'
  | 'endpoint-not-ready'
  | 'endpoint-terminating-unused'
  | 'endpoint-other-zone'
  | 'endpoint-other-node'
  | 'endpoint-not-local'
>;

function servingTerminating(ep: Endpoint): boolean {
  return !ep.ready && ep.serving && ep.terminating;
}

/** Whether and why `ep` is in the Cluster list of `d` (proxy-semantics 5). `d.cluster` must be non-null. */
export function clusterMembership(d: Decision, ep: Endpoint): Membership {
  // 5.3: neither ready nor serving-terminating: never used.
  if (!ep.ready && !servingTerminating(ep)) return 'endpoint-not-ready';
  // 5.2: the fallback takes every serving-terminating endpoint, ignoring hints and locality.
  if (d.clusterFallback) return ep.ready ? 'endpoint-not-ready' : 'endpoint-in-cluster';
  if (!ep.ready) return 'endpoint-terminating-unused';
  const mode = d.topologyMode;
  if (mode === null || mode.kind === 'none') return 'endpoint-in-cluster';
  if (mode.kind === 'sameZone') return ep.zoneHints.includes(mode.zone) ? 'endpoint-in-cluster' : 'endpoint-other-zone';
  return ep.nodeHints.includes(mode.node) ? 'endpoint-in-cluster' : 'endpoint-other-node';
}

/** Whether and why `ep` is in the Local list of `d` for `node` (proxy-semantics 6). */
export function localMembership(d: Decision, ep: Endpoint, node: string): Membership {
  if (node === '' || ep.nodeName !== node) return 'endpoint-not-local';
  if (!ep.ready && !servingTerminating(ep)) return 'endpoint-not-ready';
  // 6.2: serving-terminating local endpoints only when no local endpoint is ready.
  if (!ep.ready) return d.localFallback ? 'endpoint-in-local' : 'endpoint-terminating-unused';
  return 'endpoint-in-local';
}

/** `ep` is in the Cluster list of `d`. */
export function inCluster(d: Decision, ep: Endpoint): boolean {
  return d.cluster !== null && clusterMembership(d, ep) === 'endpoint-in-cluster';
}
