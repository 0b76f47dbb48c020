/**
 * The one-shot form of a flow decision.
 *
 * @module
 */
import type { CategorizeInput, ProfiledInput } from './categorize-endpoints.js';
import type { DataPlaneProfileOption, ProfileOption } from '../profiles/names.js';
import { prepareInput } from './categorize-endpoints.js';
import type { Flow } from './prepare.js';
import type { SelectResult } from './types.js';
import { type Rec, Reader, isRec, refuseMisplaced } from '../model/read.js';
import type { ProfileFlowResult } from '../profiles/types.js';
import { asRecord, profileOf, readProfileFlow, selectWithProfile } from '../profiles/categorize.js';

/**
 * Input of {@link selectEndpoints}: a categorisation input plus the flow. `via` and `from` sit
 * beside the Service; `flow: { via, from }` (how `simulateTraffic` takes them) is refused with
 * `invalid-value` at `$.flow` rather than ignored.
 *
 * @category kube-proxy
 * @example
 * ```ts
 * const input: SelectInput = { service, endpointSlices: slices, node: { name: 'node-a' }, via: 'nodePort', from: 'outside' };
 * ```
 */
export interface SelectInput extends CategorizeInput, Flow {}

/**
 * A {@link SelectInput} decided by another data plane's rules (see {@link ProfiledInput}).
 *
 * @category kube-proxy
 * @example
 * ```ts
 * const input: ProfiledSelectInput = { service, endpointSlices: slices, node: { name: 'node-a' }, profile: 'antrea' };
 * ```
 */
export type ProfiledSelectInput<P extends ProfileOption = ProfileOption> = ProfiledInput<P> & Flow;

/**
 * What kube-proxy's rules on `node` do with one flow: `forward` to one of `endpoints`, `drop`
 * (a Local policy with no local endpoint) or `reject` (no usable endpoint anywhere), with the
 * policy that chose the list. Node-originated traffic to an external address of an
 * `externalTrafficPolicy: Local` port is short-circuited to the Cluster list, as kube-proxy does.
 *
 * @param input - a {@link CategorizeInput} plus `via` (default `clusterIP`) and `from` (default `pod`)
 * @returns the flow decision, or a "not proxied" verdict
 * With `profile` (see {@link CategorizeInput.profile}) the flow is decided by that data plane's rules where its
 * pinned source settles the outcome (Antrea rejects where kube-proxy drops); otherwise it throws
 * `profile-not-pinned` rather than guess.
 *
 * @throws {@link KubeTrafficError} for malformed input, or a `via` the port does not expose (`unsupported-flow`)
 * @category kube-proxy
 * @example
 * ```ts
 * const r = selectEndpoints({ ...input, via: 'nodePort', from: 'outside' });
 * if (r.kind === 'proxied') r.action; // => 'drop' when eTP is Local and the node has no local endpoint
 * ```
 */
export function selectEndpoints(input: SelectInput): SelectResult;
export function selectEndpoints(input: ProfiledSelectInput<DataPlaneProfileOption>): ProfileFlowResult;
export function selectEndpoints(input: SelectInput | ProfiledSelectInput): SelectResult | ProfileFlowResult;
export function selectEndpoints(input: SelectInput | ProfiledSelectInput): SelectResult | ProfileFlowResult {
  if (isRec(input)) refuseNestedFlow(input);
  const profile = isRec(input) ? profileOf(input) : null;
  if (profile !== null) {
    const rec = asRecord(input);
    const { via, from, explain } = readProfileFlow(rec, false);
    return selectWithProfile(rec, profile, via, from, explain);
  }
  const rec = input as SelectInput;
  return prepareInput(input).select(rec.node, { ...(rec.via !== undefined && { via: rec.via }), ...(rec.from !== undefined && { from: rec.from }) });
}

/**
 * Refuses `flow: { via, from }` (simulateTraffic's spelling) in a one-shot flow query, which
 * reads `via` and `from` beside the Service: ignored, the answer would be for cluster-IP traffic
 * from a Pod without saying so. Shared by `selectEndpoints` and kube-traffic/xds, whose input is
 * `selectEndpoints`' own. @internal
 */
export function refuseNestedFlow(input: Rec): void {
  const reader = new Reader();
  refuseMisplaced(reader, input, '$', ['flow'], 'via and from go beside the Service, not in flow: { service, endpointSlices, via, from, ... }');
  reader.finish();
}
