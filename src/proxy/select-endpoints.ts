/**
 * The one-shot form of a flow decision.
 *
 * @module
 */
import type { CategorizeInput } from './categorize-endpoints.js';
import { prepareInput } from './categorize-endpoints.js';
import type { Flow } from './prepare.js';
import type { SelectResult } from './types.js';

/**
 * Input of {@link selectEndpoints}: a categorisation input plus the flow.
 *
 * @example
 * ```ts
 * const input: SelectInput = { service, endpointSlices: slices, node: { name: 'node-a' }, via: 'nodePort', from: 'outside' };
 * ```
 */
export interface SelectInput extends CategorizeInput, Flow {}

/**
 * What kube-proxy's rules on `node` do with one flow: `forward` to one of `endpoints`, `drop`
 * (a Local policy with no local endpoint) or `reject` (no usable endpoint anywhere), with the
 * policy that chose the list. Node-originated traffic to an external address of an
 * `externalTrafficPolicy: Local` port is short-circuited to the Cluster list, as kube-proxy does.
 *
 * @param input - a {@link CategorizeInput} plus `via` (default `clusterIP`) and `from` (default `pod`)
 * @returns the flow decision, or a "not proxied" verdict
 * @throws {@link KubeTrafficError} for malformed input, or a `via` the port does not expose (`unsupported-flow`)
 * @example
 * ```ts
 * const r = selectEndpoints({ ...input, via: 'nodePort', from: 'outside' });
 * if (r.kind === 'proxied') r.action; // => 'drop' when eTP is Local and the node has no local endpoint
 * ```
 */
export function selectEndpoints(input: SelectInput): SelectResult {
  const rec = input as SelectInput;
  return prepareInput(input).select(rec.node, { ...(rec.via !== undefined && { via: rec.via }), ...(rec.from !== undefined && { from: rec.from }) });
}
