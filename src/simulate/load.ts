/**
 * Expected load per endpoint. kube-proxy picks uniformly at random among a node's eligible
 * endpoints (iptables `statistic --mode random` probabilities 1/n, 1/(n-1), …; nftables
 * `numgen random mod n`), so a class of weight w spreads w/n on each of its n endpoints.
 *
 * @module
 * @internal
 */
import type { Endpoint } from '../model/endpoint.js';
import type { ClassDraft } from './classes.js';

/**
 * Forwarded weight per distinct eligible list (classes of several zones may share a list).
 *
 * @example
 * ```ts
 * weightPerList(drafts).get(readyList); // => 100 (every zone's class uses the one Cluster list)
 * ```
 */
export function weightPerList(drafts: readonly ClassDraft[]): Map<readonly Endpoint[], number> {
  const out = new Map<readonly Endpoint[], number>();
  for (const d of drafts) {
    if (d.decision.flow.action !== 'forward') continue;
    const list = d.decision.flow.endpoints;
    out.set(list, (out.get(list) ?? 0) + d.weight);
  }
  return out;
}

/** A list shorter than `1/SHORT_LIST` of all endpoints is located by key rather than walked. */
const SHORT_LIST = 16;

/**
 * Each endpoint's share of all client traffic, indexed like `all`: the sum over the lists that
 * contain it of (list weight / total) / list length. Costs one pass per distinct long list, and
 * a key lookup per endpoint of a short one.
 *
 * @example
 * ```ts
 * endpointShares([e1, e2], new Map([[[e1, e2], 4]]), 4); // => Float64Array [0.5, 0.5]
 * ```
 */
export function endpointShares(all: readonly Endpoint[], perList: ReadonlyMap<readonly Endpoint[], number>, total: number): Float64Array {
  const shares = new Float64Array(all.length);
  if (total <= 0 || perList.size === 0) return shares;
  let byKey: Map<string, number> | undefined;
  for (const [list, weight] of perList) {
    const each = weight / total / list.length;
    // A walk costs up to the whole of `all`; a short list (a node's own endpoints under a Local
    // policy, one list per node class) is looked up by key instead, so thousands of classes
    // stay linear in the endpoints they name.
    let at = list.length * SHORT_LIST >= all.length ? walk(all, list) : undefined;
    if (at === undefined) {
      byKey ??= new Map(all.map((e, i) => [e.key, i]));
      const positions = byKey;
      at = Int32Array.from(list, (e) => positions.get(e.key)!);
    }
    for (const i of at) shares[i]! += each;
  }
  return shares;
}

/**
 * Positions in `all` of each endpoint of `list`, found in one walk along `all`, or `undefined`
 * when `list` is not a subsequence of `all`. Every shared list of a prepared Service is one
 * (same objects, in address then port order), so no map of 10^5 keys is needed. The exception
 * is looked up by key: before the newest code a node named by a duplicate's later copy gets its
 * own copy of that endpoint (kube-proxy.md §3.9), which is not an object of `all`.
 */
function walk(all: readonly Endpoint[], list: readonly Endpoint[]): Int32Array | undefined {
  const at = new Int32Array(list.length);
  let j = 0;
  for (let k = 0; k < list.length; k++) {
    const e = list[k]!;
    while (j < all.length && all[j] !== e) j++;
    if (j === all.length) return undefined;
    at[k] = j++;
  }
  return at;
}

/**
 * The endpoints a fair share is measured against: the ready ones, or the serving-terminating
 * ones when none is ready (what kube-proxy would spread over without topology or locality,
 * kube-proxy.md §5.1–5.2).
 *
 * @example
 * ```ts
 * servingMask([ready, terminating]); // => [true, false]
 * servingMask([terminating]);        // => [true]
 * ```
 */
export function servingMask(all: readonly Endpoint[]): boolean[] {
  // Index loops: `all` is frozen, and V8 takes a slow path for Array#some and #map on frozen arrays.
  let anyReady = false;
  for (let i = 0; i < all.length && !anyReady; i++) anyReady = all[i]!.ready;
  const mask = new Array<boolean>(all.length);
  for (let i = 0; i < all.length; i++) {
    const e = all[i]!;
    mask[i] = anyReady ? e.ready : e.serving && e.terminating;
  }
  return mask;
}
