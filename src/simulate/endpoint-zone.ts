/**
 * The simulator's endpoint-zone rule: an endpoint sits in its slice entry's `zone`, else in the
 * zone label of the node it names; `''` means unknown (never the same zone as anything). kube-proxy
 * itself never reads an endpoint's zone (hints decide); the EndpointSlice controller writes `zone`
 * from the node's label, so the fallback covers slices written by hand or by other controllers.
 * The zone matrix and the what-if changes (drain or lose a zone) both ask this one function.
 *
 * @module
 * @internal
 */

/** What the rule reads of an endpoint: a converted `Endpoint` or a raw slice entry both fit. */
export interface ZonedEndpoint {
  readonly zone?: unknown;
  readonly nodeName?: unknown;
}

/**
 * The zone of an endpoint, falling back to its node's zone label (`nodeZones` is asked only then).
 *
 * @example
 * ```ts
 * endpointZone({ zone: null, nodeName: 'a1' }, new Map([['a1', 'zone-a']])); // => 'zone-a'
 * endpointZone({ zone: 'zone-b', nodeName: 'a1' }, new Map([['a1', 'zone-a']])); // => 'zone-b'
 * ```
 */
export function endpointZone(e: ZonedEndpoint, nodeZones: Pick<ReadonlyMap<string, string>, 'get'>): string {
  if (typeof e.zone === 'string' && e.zone !== '') return e.zone;
  return (typeof e.nodeName === 'string' ? nodeZones.get(e.nodeName) : undefined) ?? '';
}
