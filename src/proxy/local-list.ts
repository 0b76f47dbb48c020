/**
 * The Local-list rule (kube-proxy.md §6; upstream `CategorizeEndpoints` in
 * `pkg/proxy/topology.go`, its `localEndpoints` filter): the client node's ready endpoints, else
 * its serving-terminating ones; hints never filter it. An empty node name makes nothing local.
 *
 * Stated per endpoint ({@link localMembership}) and per list from the index ({@link localList});
 * test/proxy/explain.prop.test.ts holds the two equal on random inputs.
 *
 * @module
 * @internal
 */
import type { Endpoint } from '../model/endpoint.js';
import type { EndpointIndex } from './endpoint-index.js';

/** Why an endpoint is in or out of the Local list: the explanation code that states it. */
export type LocalMembership = 'endpoint-in-local' | 'endpoint-not-local' | 'endpoint-not-ready' | 'endpoint-terminating-unused';

/** The rule's answer for one node. */
export interface LocalList {
  readonly list: readonly Endpoint[];
  /** No local endpoint is ready: the list is the local serving-terminating ones (§6.2). */
  readonly fallback: boolean;
}

const NONE: LocalList = Object.freeze({ list: Object.freeze([]), fallback: false });

/** The Local list for the node named `node` (§6.1–6.3). */
export function localList(index: EndpointIndex, node: string, terminatingFallback: boolean): LocalList {
  const own = node === '' ? undefined : index.byNodeName.get(node);
  if (own === undefined) return NONE;
  if (own.ready.length > 0) return { list: own.ready, fallback: false };
  if (terminatingFallback && own.servingTerminating.length > 0) return { list: own.servingTerminating, fallback: true };
  return NONE;
}

/** Whether and why `ep` is in the Local list of the node named `node`, given whether that list fell back. */
export function localMembership(node: string, fallback: boolean, ep: Endpoint): LocalMembership {
  if (node === '' || ep.nodeName !== node) return 'endpoint-not-local';
  if (!ep.ready && !(ep.serving && ep.terminating)) return 'endpoint-not-ready';
  // §6.2: serving-terminating local endpoints only when no local endpoint is ready.
  if (!ep.ready) return fallback ? 'endpoint-in-local' : 'endpoint-terminating-unused';
  return 'endpoint-in-local';
}
