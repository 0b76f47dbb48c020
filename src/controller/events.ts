/**
 * The events upstream records for topology hints, with its exact messages
 * (controller.md §3.2, §3.8, §4.2).
 *
 * @module
 */
import type { AddressType, AutoCause, HintsEvent } from './types.js';

/**
 * The event the Auto path records for `cause` (without the "already active" suppression of
 * controller.md §3.8, which {@link computeHints} applies).
 *
 * @param cause - the Auto outcome
 * @param addressType - appended as `, addressType: <type>`
 * @param readyEndpoints - N, for the count messages
 * @param zones - Z, for the count messages
 * @example
 * ```ts
 * autoEvent('fewer-endpoints-than-zones', 'IPv4', 2, 3);
 * // => { type: 'Warning', reason: 'TopologyAwareHintsDisabled',
 * //      message: 'Insufficient number of endpoints (2 endpoints, 3 zones), addressType: IPv4' }
 * autoEvent('hints-allocated', 'IPv6', 9, 3);
 * // => { type: 'Normal', reason: 'TopologyAwareHintsEnabled',
 * //      message: 'Topology Aware Hints has been enabled, addressType: IPv6' }
 * ```
 */
export function autoEvent(cause: AutoCause, addressType: AddressType, readyEndpoints: number, zones: number): HintsEvent {
  const suffix = `, addressType: ${addressType}`;
  const disabled = (text: string): HintsEvent => ({ type: 'Warning', reason: 'TopologyAwareHintsDisabled', message: text + suffix });
  switch (cause) {
    case 'hints-allocated':
      return { type: 'Normal', reason: 'TopologyAwareHintsEnabled', message: `Topology Aware Hints has been enabled${suffix}` };
    case 'insufficient-node-info':
      return disabled('Insufficient Node information: allocatable CPU or zone not specified on one or more nodes');
    case 'nodes-in-one-zone':
      return disabled('Nodes only ready in one zone');
    case 'fewer-endpoints-than-zones':
      return disabled(`Insufficient number of endpoints ${counts(readyEndpoints, zones)}`);
    case 'minimum-exceeds-endpoints':
      return disabled(`Unable to allocate minimum required endpoints to each zone without exceeding overload threshold ${counts(readyEndpoints, zones)}`);
    case 'endpoint-without-zone':
      return disabled('One or more endpoints do not have a zone specified');
    case 'no-hints-allocated':
      return disabled('No hints allocated for zones');
  }
}

/** The counts the two count messages carry: `(N endpoints, Z zones)`. */
function counts(readyEndpoints: number, zones: number): string {
  return `(${readyEndpoints} endpoints, ${zones} zones)`;
}
