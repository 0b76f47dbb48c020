/**
 * The endpoints of one Service port, indexed once so that every per-node question
 * (topology mode, Cluster list, Local list) is a few map look-ups, whatever the Service's size.
 *
 * @module
 * @internal
 */
import type { Endpoint } from '../model/endpoint.js';

/** Endpoints of one node, split the way the Local list needs them (kube-proxy.md §6). */
export interface NodeEndpoints {
  readonly ready: Endpoint[];
  readonly servingTerminating: Endpoint[];
}

/** One port's endpoints, indexed by the facts the rules ask about. */
export interface EndpointIndex {
  /** Every endpoint, merged and sorted (usable or not). */
  readonly all: readonly Endpoint[];
  readonly ready: readonly Endpoint[];
  /** Not ready, but serving and terminating: the fallback set (kube-proxy.md §5.2, 6.2). */
  readonly servingTerminating: readonly Endpoint[];
  /** Every ready endpoint names at least one zone. */
  readonly everyReadyHasZoneHint: boolean;
  /** Every ready endpoint names at least one node. */
  readonly everyReadyHasNodeHint: boolean;
  /** Ready endpoints by each zone their hints name. */
  readonly readyByZoneHint: ReadonlyMap<string, readonly Endpoint[]>;
  /** Ready endpoints by each node their hints name. */
  readonly readyByNodeHint: ReadonlyMap<string, readonly Endpoint[]>;
  /**
   * Usable endpoints by `nodeName` (non-empty names only: an empty name is never local); empty
   * unless built with `byNode`, since only the Local list reads it.
   */
  readonly byNodeName: ReadonlyMap<string, NodeEndpoints>;
}

/** What to index beyond what every port needs. */
export interface IndexOptions {
  /** Index usable endpoints by node, for a port that uses the Local list (kube-proxy.md §6). */
  readonly byNode: boolean;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}

/** Builds the index of one port's endpoints (already merged and sorted). */
export function indexEndpoints(all: readonly Endpoint[], options: IndexOptions): EndpointIndex {
  // Usually every endpoint is ready: then the ready list is `all` itself, which saves a second
  // array as long as the input (time to fill it, and heap a prepared Service keeps). `all` is
  // frozen, and V8 walks a frozen array fastest by index (Array#every takes a slow path, several
  // times slower), hence the index loops here.
  let everyReady = true;
  for (let i = 0; i < all.length; i++) {
    if (!all[i]!.ready) {
      everyReady = false;
      break;
    }
  }
  const ready: Endpoint[] = [];
  const servingTerminating: Endpoint[] = [];
  const readyByZoneHint = new Map<string, Endpoint[]>();
  const readyByNodeHint = new Map<string, Endpoint[]>();
  const byNodeName = new Map<string, NodeEndpoints>();
  let everyReadyHasZoneHint = true;
  let everyReadyHasNodeHint = true;
  for (let i = 0; i < all.length; i++) {
    const ep = all[i]!;
    const usable = ep.ready || (ep.serving && ep.terminating);
    if (options.byNode && usable && ep.nodeName) {
      let own = byNodeName.get(ep.nodeName);
      if (own === undefined) byNodeName.set(ep.nodeName, (own = { ready: [], servingTerminating: [] }));
      (ep.ready ? own.ready : own.servingTerminating).push(ep);
    }
    if (!ep.ready) {
      if (usable) servingTerminating.push(ep);
      continue;
    }
    if (!everyReady) ready.push(ep);
    // kube-proxy.md §4.4–4.5: only ready endpoints' hints count, and one without hints disables the mode.
    if (ep.zoneHints.length === 0) everyReadyHasZoneHint = false;
    if (ep.nodeHints.length === 0) everyReadyHasNodeHint = false;
    // The hint lists are frozen too.
    for (let h = 0; h < ep.zoneHints.length; h++) push(readyByZoneHint, ep.zoneHints[h]!, ep);
    for (let h = 0; h < ep.nodeHints.length; h++) push(readyByNodeHint, ep.nodeHints[h]!, ep);
  }
  // Results hand these lists out as they are (a node with no endpoint of its own sees the shared
  // lists): freeze them, or a caller could corrupt the prepared index through a result.
  if (!everyReady) Object.freeze(ready);
  Object.freeze(servingTerminating);
  for (const list of readyByZoneHint.values()) Object.freeze(list);
  for (const list of readyByNodeHint.values()) Object.freeze(list);
  for (const own of byNodeName.values()) {
    Object.freeze(own.ready);
    Object.freeze(own.servingTerminating);
  }
  const readyList = everyReady ? all : ready;
  return {
    all,
    ready: readyList,
    servingTerminating,
    everyReadyHasZoneHint: everyReadyHasZoneHint && readyList.length > 0,
    everyReadyHasNodeHint: everyReadyHasNodeHint && readyList.length > 0,
    readyByZoneHint,
    readyByNodeHint,
    byNodeName,
  };
}
