/**
 * The endpoint as kube-proxy sees it, after conversion from an EndpointSlice.
 *
 * @module
 */
import type { IPFamily } from '../util/ip.js';

/**
 * One endpoint of one Service port, as kube-proxy builds it from an EndpointSlice entry.
 * Frozen; shared between results (and between the nodes of one prepared Service), never tied to
 * the input objects. Whether it runs on the client's node is what the `isLocal(result, endpoint)` helper answers.
 *
 * @category kube-proxy
 * @example
 * ```ts
 * const ep: Endpoint = {
 *   key: '10.1.2.3:8080', ip: '10.1.2.3', port: 8080, family: 'IPv4',
 *   nodeName: 'node-a', zone: 'zone-a', ready: true, serving: true, terminating: false,
 *   zoneHints: ['zone-a'], nodeHints: [], slice: 'web-abc',
 * };
 * ```
 */
export interface Endpoint {
  /** `IP:port`, IPv6 as `[IP]:port`: the identity kube-proxy merges duplicates by. */
  readonly key: string;
  /** Canonical text of the endpoint's first address. */
  readonly ip: string;
  /** The slice port's number (not the Service's `port` or `targetPort`). */
  readonly port: number;
  /** Family of `ip`. */
  readonly family: IPFamily;
  /** `nodeName` of the slice entry, or `null`. */
  readonly nodeName: string | null;
  /** `zone` of the slice entry, or `null`. kube-proxy does not use it; hints decide. */
  readonly zone: string | null;
  /** `conditions.ready`; a missing value counts as `true`. */
  readonly ready: boolean;
  /** `conditions.serving`; a missing value counts as `true`. */
  readonly serving: boolean;
  /** `conditions.terminating`; a missing value counts as `false`. */
  readonly terminating: boolean;
  /** Names in `hints.forZones`, sorted, without duplicates. */
  readonly zoneHints: readonly string[];
  /** Names in `hints.forNodes`, sorted, without duplicates; empty when node hints are gated off. */
  readonly nodeHints: readonly string[];
  /** Name of the EndpointSlice the endpoint was taken from (the copy that won, for duplicates). */
  readonly slice: string;
}
