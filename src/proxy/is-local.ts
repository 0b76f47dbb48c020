/**
 * Whether an endpoint runs on the client's node (kube-proxy.md §3.7). It is asked of a result
 * rather than stored on the endpoint: endpoints are shared by every node's result, and a field
 * that depends on the node would force a copy of every list per query.
 *
 * @module
 */
import type { Endpoint } from '../model/endpoint.js';
import { KubeTrafficError, describe, problem } from '../model/errors.js';
import { isRec } from '../model/read.js';

/**
 * Anything that names the client node a result was decided for: a categorisation
 * (`{ node }`, kube-proxy's or a profile's) or a flow result (`{ categorized: { node } }`).
 *
 * @category kube-proxy
 * @example
 * ```ts
 * const about: LocalityOf = { node: { name: 'node-a', zone: 'zone-a' } };
 * ```
 */
export type LocalityOf = { readonly node: { readonly name: string } } | { readonly categorized: { readonly node: { readonly name: string } } };

/**
 * `true` when `endpoint` runs on the node `result` was decided for: its `nodeName` equals the
 * node's name exactly, and that name is not empty (upstream sets `IsLocal` the same way in
 * `EndpointSliceCache`). A client known only by its zone is on no node, so nothing is local to it.
 *
 * @param result - a result of `categorizeEndpoints`, `selectEndpoints` or a prepared Service's query
 * @param endpoint - an endpoint of one of its lists
 * @throws {@link KubeTrafficError} (`invalid-type` at `$.result` or `$.endpoint`) for anything
 *   else, such as a not-proxied result, which names no node
 * @category kube-proxy
 * @example
 * ```ts
 * const r = categorizeEndpoints({ ...input, node: { name: 'node-a', zone: 'zone-a' } });
 * if (r.kind === 'proxied') r.allReachableEndpoints.filter((e) => isLocal(r, e)).map((e) => e.key); // => ['10.1.2.3:8080']
 * ```
 */
export function isLocal(result: LocalityOf, endpoint: Pick<Endpoint, 'nodeName'>): boolean {
  // Checked, not trusted: callers from JavaScript pass what they have, and a wrong argument
  // must be a typed error, not a TypeError or a silent `false`.
  const holder: unknown = isRec(result) ? ('node' in result ? result : result['categorized']) : undefined;
  const node: unknown = isRec(holder) && isRec(holder['node']) ? holder['node']['name'] : undefined;
  if (typeof node !== 'string') {
    throw new KubeTrafficError([problem('invalid-type', '$.result', 'a proxied result naming its node ({ node } or { categorized: { node } })', describe(result))]);
  }
  if (!isRec(endpoint)) throw new KubeTrafficError([problem('invalid-type', '$.endpoint', 'an endpoint of the result', describe(endpoint))]);
  return node !== '' && endpoint['nodeName'] === node;
}
