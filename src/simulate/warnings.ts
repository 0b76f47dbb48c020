/**
 * Warnings: stable codes for what users want to know before a rollout, with thresholds as
 * options.
 *
 * @module
 */
import type { AutoCause, HintsEvent, HintsOutcome } from '../controller/types.js';
import type { NotProxiedReason } from '../proxy/not-proxied.js';
import type { PolicySource } from '../proxy/types.js';
import type { Advice } from './advice.js';

/**
 * How serious a warning is: `error` means the simulation has nothing to stand on (no client could
 * be placed: the figures are all zero), `warning` a traffic pattern to fix before a rollout,
 * `info` an assumption the simulation made and says.
 *
 * @category simulation
 * @example
 * ```ts
 * const level: WarningLevel = 'error';
 * ```
 */
export type WarningLevel = 'error' | 'warning' | 'info';

/**
 * A warning about a simulated traffic pattern. Codes are stable (never renamed once released);
 * each carries its `level`:
 * - `endpoint-overloaded` (warning): endpoints of `zone` get more than `threshold` × the fair share (one warning per zone);
 * - `zone-without-endpoints` (warning): clients in `zone` send traffic but no serving endpoint is in that zone, so all of it leaves the zone;
 * - `traffic-dropped` (warning): a Local traffic policy drops `fraction` of all traffic (nodes without a local endpoint);
 * - `traffic-rejected` (warning): no usable endpoint anywhere, kube-proxy rejects `fraction` of all traffic;
 * - `traffic-not-handled` (warning): kube-proxy handles none of `fraction` of all traffic (external IPs with
 *   `AllowServiceExternalIPs` off), so it reaches no endpoint through kube-proxy;
 * - `hints-not-written` (warning): the Auto annotation is set but a safeguard removed every hint (`cause`, with upstream's event);
 * - `clients-unplaced` (warning): client weight on zones or nodes that cannot send the flow was left out;
 * - `service-not-proxied` (warning): kube-proxy does not program the Service at all;
 * - `no-clients` (error): no client could be placed at all, so every figure is zero; the message says what to add;
 * - `load-balancer-no-healthy-node` (warning): `externalTrafficPolicy: Local` and no node passes the health check: the load balancer has no backend;
 * - `load-balancer-imbalance` (warning): the load balancer's even spread over nodes with different numbers of ready endpoints loads some endpoints `ratio` × more than others, or one node carries it all;
 * - `nodes-assumed` (info): `$.nodes` is empty, so clients were placed on assumed nodes (`nodes`);
 * - `client-nodes-excluded` (info): nodes left out of the default client set, with why.
 *
 * `endpoint-overloaded` and `traffic-dropped` carry `advice` when the simulation was asked to
 * advise (`advise: true`).
 *
 * @category simulation
 * @example
 * ```ts
 * const w: SimulationWarning = {
 *   code: 'endpoint-overloaded', level: 'warning', zone: 'zone-a', endpoints: 1, maxOverload: 3.6, threshold: 1.5,
 *   message: '1 endpoint in zone "zone-a" gets up to 3.6× the fair share (threshold 1.5×)',
 * };
 * ```
 */
export type SimulationWarning =
  | {
      readonly code: 'endpoint-overloaded';
      readonly level: 'warning';
      readonly message: string;
      readonly zone: string;
      readonly endpoints: number;
      readonly maxOverload: number;
      readonly threshold: number;
      readonly advice?: readonly Advice[];
    }
  | { readonly code: 'zone-without-endpoints'; readonly level: 'warning'; readonly message: string; readonly zone: string; readonly fraction: number }
  | {
      readonly code: 'traffic-dropped';
      readonly level: 'warning';
      readonly message: string;
      readonly fraction: number;
      readonly nodes: number;
      readonly decidedBy: PolicySource;
      readonly advice?: readonly Advice[];
    }
  | { readonly code: 'traffic-rejected'; readonly level: 'warning'; readonly message: string; readonly fraction: number; readonly nodes: number }
  | { readonly code: 'traffic-not-handled'; readonly level: 'warning'; readonly message: string; readonly fraction: number; readonly nodes: number }
  | { readonly code: 'hints-not-written'; readonly level: 'warning'; readonly message: string; readonly cause: AutoCause; readonly event: HintsEvent | null }
  | { readonly code: 'clients-unplaced'; readonly level: 'warning'; readonly message: string; readonly weight: number }
  | { readonly code: 'service-not-proxied'; readonly level: 'warning'; readonly message: string; readonly reason: NotProxiedReason }
  | { readonly code: 'no-clients'; readonly level: 'error'; readonly message: string }
  | { readonly code: 'load-balancer-no-healthy-node'; readonly level: 'warning'; readonly message: string }
  | { readonly code: 'load-balancer-imbalance'; readonly level: 'warning'; readonly message: string; readonly targets: number; readonly ratio: number }
  | { readonly code: 'nodes-assumed'; readonly level: 'info'; readonly message: string; readonly nodes: readonly string[] }
  | { readonly code: 'client-nodes-excluded'; readonly level: 'info'; readonly message: string; readonly nodes: readonly { readonly name: string; readonly reason: string }[] };

/**
 * Stable warning codes.
 *
 * @category simulation
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
 * const f: WarningFacts = { overloaded: [], zonesWithoutEndpoints: [], dropped: null, rejected: null, notHandled: null, unplacedWeight: 0 };
 * ```
 */
export interface WarningFacts {
  /** Overloaded endpoints per zone: count and maximum, zones sorted by name. */
  readonly overloaded: readonly { zone: string; endpoints: number; maxOverload: number }[];
  /** Client zones (known, sorted) sending forwarded traffic with no serving endpoint in them. */
  readonly zonesWithoutEndpoints: readonly { zone: string; fraction: number }[];
  readonly dropped: { fraction: number; nodes: number; decidedBy: PolicySource } | null;
  readonly rejected: { fraction: number; nodes: number } | null;
  readonly notHandled: { fraction: number; nodes: number } | null;
  readonly unplacedWeight: number;
  /** Set when no client could be placed: the message's remedy. */
  readonly noClients?: string | null;
  readonly extra?: readonly SimulationWarning[];
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
  if (f.noClients != null) out.push({ code: 'no-clients', level: 'error', message: f.noClients });
  for (const o of f.overloaded) {
    const n = o.endpoints === 1 ? '1 endpoint' : `${o.endpoints} endpoints`;
    out.push({
      code: 'endpoint-overloaded',
      level: 'warning',
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
      level: 'warning',
      message: `clients in zone ${JSON.stringify(z.zone)} send ${pct(z.fraction)} of all traffic, but no serving endpoint is in that zone: all of it crosses zones`,
      zone: z.zone,
      fraction: z.fraction,
    });
  }
  if (f.dropped !== null && f.dropped.fraction > thresholds.dropped) {
    out.push({
      code: 'traffic-dropped',
      level: 'warning',
      message: `${pct(f.dropped.fraction)} of all traffic is dropped: ${f.dropped.nodes} client node(s) have no local endpoint under the Local ${f.dropped.decidedBy}`,
      ...f.dropped,
    });
  }
  if (f.rejected !== null) {
    out.push({
      code: 'traffic-rejected',
      level: 'warning',
      message: `${pct(f.rejected.fraction)} of all traffic is rejected: the port has no usable endpoint anywhere`,
      ...f.rejected,
    });
  }
  if (f.notHandled !== null) {
    out.push({
      code: 'traffic-not-handled',
      level: 'warning',
      message: `${pct(f.notHandled.fraction)} of all traffic is not handled by kube-proxy: AllowServiceExternalIPs is off, so no rule exists for the Service's external IPs and none of it reaches an endpoint through kube-proxy`,
      ...f.notHandled,
    });
  }
  if (f.unplacedWeight > 0) {
    out.push({
      code: 'clients-unplaced',
      level: 'warning',
      message: `client weight ${+f.unplacedWeight.toFixed(4)} names zones or nodes that cannot send this traffic (not in $.nodes, no node there can host clients, or not a load-balancer target) and is left out`,
      weight: f.unplacedWeight,
    });
  }
  if (f.extra !== undefined) out.push(...f.extra);
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
    level: 'warning',
    message: `topology-mode Auto is set, but the EndpointSlice controller removed every hint (${cause}): ${why}`,
    cause,
    event: outcome.event,
  };
}
