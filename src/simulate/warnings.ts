/**
 * Warnings: stable codes for what users want to know before a rollout, with thresholds as
 * options.
 *
 * @module
 */
import type { AutoCause, HintsEvent, HintsOutcome } from '../controller/types.js';
import type { NotProxiedReason } from '../proxy/not-proxied.js';
import type { PolicySource } from '../proxy/types.js';

/**
 * A warning about a simulated traffic pattern. Codes are stable (never renamed once released):
 * - `endpoint-overloaded`: endpoints of `zone` get more than `threshold` × the fair share (one warning per zone);
 * - `zone-without-endpoints`: clients in `zone` send traffic but no serving endpoint is in that zone, so all of it leaves the zone;
 * - `traffic-dropped`: a Local traffic policy drops `fraction` of all traffic (nodes without a local endpoint);
 * - `traffic-rejected`: no usable endpoint anywhere, kube-proxy rejects `fraction` of all traffic;
 * - `hints-not-written`: the Auto annotation is set but a safeguard removed every hint (`cause`, with upstream's event);
 * - `clients-unplaced`: client weight on zones or nodes that are not in `nodes` was left out;
 * - `service-not-proxied`: kube-proxy does not program the Service at all.
 *
 * @example
 * ```ts
 * const w: SimulationWarning = {
 *   code: 'endpoint-overloaded', zone: 'zone-a', endpoints: 1, maxOverload: 3.6, threshold: 1.5,
 *   message: '1 endpoint in zone "zone-a" gets up to 3.6× the fair share (threshold 1.5×)',
 * };
 * ```
 */
export type SimulationWarning =
  | {
      readonly code: 'endpoint-overloaded';
      readonly message: string;
      readonly zone: string;
      readonly endpoints: number;
      readonly maxOverload: number;
      readonly threshold: number;
    }
  | { readonly code: 'zone-without-endpoints'; readonly message: string; readonly zone: string; readonly fraction: number }
  | {
      readonly code: 'traffic-dropped';
      readonly message: string;
      readonly fraction: number;
      readonly nodes: number;
      readonly decidedBy: PolicySource;
    }
  | { readonly code: 'traffic-rejected'; readonly message: string; readonly fraction: number; readonly nodes: number }
  | { readonly code: 'hints-not-written'; readonly message: string; readonly cause: AutoCause; readonly event: HintsEvent | null }
  | { readonly code: 'clients-unplaced'; readonly message: string; readonly weight: number }
  | { readonly code: 'service-not-proxied'; readonly message: string; readonly reason: NotProxiedReason };

/**
 * Stable warning codes.
 *
 * @example
 * ```ts
 * const code: SimulationWarningCode = 'zone-without-endpoints';
 * ```
 */
export type SimulationWarningCode = SimulationWarning['code'];

const pct = (f: number): string => `${+(f * 100).toFixed(2)} %`;
const times = (x: number): string => `${+x.toFixed(2)}×`;

/**
 * The facts the simulation warnings are drawn from. @internal
 *
 * @example
 * ```ts
 * const f: WarningFacts = { overloaded: [], zonesWithoutEndpoints: [], dropped: null, rejected: null, unplacedWeight: 0 };
 * ```
 */
export interface WarningFacts {
  /** Overloaded endpoints per zone: count and maximum, zones sorted by name. */
  readonly overloaded: readonly { zone: string; endpoints: number; maxOverload: number }[];
  /** Client zones (known, sorted) sending forwarded traffic with no serving endpoint in them. */
  readonly zonesWithoutEndpoints: readonly { zone: string; fraction: number }[];
  readonly dropped: { fraction: number; nodes: number; decidedBy: PolicySource } | null;
  readonly rejected: { fraction: number; nodes: number } | null;
  readonly unplacedWeight: number;
}

/**
 * The warnings of one simulation, in a fixed order. @internal
 *
 * @example
 * ```ts
 * simulationWarnings({ ...facts, rejected: { fraction: 1, nodes: 2 } }, { overload: 1.5, dropped: 0 })[0]?.code;
 * // => 'traffic-rejected'
 * ```
 */
export function simulationWarnings(f: WarningFacts, thresholds: { overload: number; dropped: number }): SimulationWarning[] {
  const out: SimulationWarning[] = [];
  for (const o of f.overloaded) {
    const n = o.endpoints === 1 ? '1 endpoint' : `${o.endpoints} endpoints`;
    out.push({
      code: 'endpoint-overloaded',
      message: `${n} in zone ${JSON.stringify(o.zone)} get${o.endpoints === 1 ? 's' : ''} up to ${times(o.maxOverload)} the fair share (threshold ${times(thresholds.overload)})`,
      zone: o.zone,
      endpoints: o.endpoints,
      maxOverload: o.maxOverload,
      threshold: thresholds.overload,
    });
  }
  for (const z of f.zonesWithoutEndpoints) {
    out.push({
      code: 'zone-without-endpoints',
      message: `clients in zone ${JSON.stringify(z.zone)} send ${pct(z.fraction)} of all traffic, but no serving endpoint is in that zone: all of it crosses zones`,
      zone: z.zone,
      fraction: z.fraction,
    });
  }
  if (f.dropped !== null && f.dropped.fraction > thresholds.dropped) {
    out.push({
      code: 'traffic-dropped',
      message: `${pct(f.dropped.fraction)} of all traffic is dropped: ${f.dropped.nodes} client node(s) have no local endpoint under the Local ${f.dropped.decidedBy}`,
      ...f.dropped,
    });
  }
  if (f.rejected !== null) {
    out.push({
      code: 'traffic-rejected',
      message: `${pct(f.rejected.fraction)} of all traffic is rejected: the port has no usable endpoint anywhere`,
      ...f.rejected,
    });
  }
  if (f.unplacedWeight > 0) {
    out.push({
      code: 'clients-unplaced',
      message: `client weight ${f.unplacedWeight} names zones or nodes with no (schedulable) node in $.nodes and is left out`,
      weight: f.unplacedWeight,
    });
  }
  return out;
}

/**
 * The warning for a Service whose Auto annotation was refused by a safeguard, if it was. @internal
 *
 * @example
 * ```ts
 * hintsWarning(computeHints(input).outcome)?.code; // => 'hints-not-written' (cause 'minimum-exceeds-endpoints')
 * ```
 */
export function hintsWarning(outcome: HintsOutcome): SimulationWarning | null {
  if (outcome.path !== 'topology-auto' || outcome.cause === 'hints-allocated') return null;
  const cause = outcome.cause as AutoCause;
  const why = outcome.event?.message ?? cause;
  return {
    code: 'hints-not-written',
    message: `topology-mode Auto is set, but the EndpointSlice controller removed every hint (${cause}): ${why}`,
    cause,
    event: outcome.event,
  };
}
