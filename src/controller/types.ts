/**
 * Result types of {@link computeHints}: the hints path taken for each address type, the event
 * upstream would record, a stable cause code, and for the topology (Auto) path the per-zone
 * allocation and the endpoints moved between zones.
 *
 * @module
 */
import type { Explanation } from '../explain/codes.js';
import type { Collection, EndpointSliceInput, NodeInput, ServiceInput } from '../model/input.js';
import type { GateName, GateOverrides } from '../model/gates.js';
import type { KubernetesVersion } from '../model/releases.js';
import type { KubernetesVersionInput } from '../model/version.js';
import type { NotManagedCause } from './ownership.js';

export type { NotManagedCause } from './ownership.js';

/**
 * An EndpointSlice `addressType` the controller manages (`FQDN` slices are never its own).
 * Hints are computed separately for each (controller.md §1.5).
 *
 * @category controller
 * @example
 * ```ts
 * const t: AddressType = 'IPv6';
 * ```
 */
export type AddressType = 'IPv4' | 'IPv6';

/**
 * The `spec.trafficDistribution` values the controller acts on (controller.md §2.2).
 *
 * @category controller
 * @example
 * ```ts
 * const td: TrafficDistribution = 'PreferSameNode';
 * ```
 */
export type TrafficDistribution = 'PreferClose' | 'PreferSameZone' | 'PreferSameNode';

/**
 * Which code path of the controller ran (controller.md §2.3):
 * - `topology-auto`: the Auto annotation is enabled and the topology cache exists (controller.md §3);
 * - `traffic-distribution`: `spec.trafficDistribution` is usable (controller.md §5);
 * - `none`: every hint is removed (controller.md §4) without consulting nodes or endpoints;
 * - `not-managed`: the controller does not manage the Service at all (an `ExternalName` Service,
 *   or one without a selector; controller.md §0): every slice is returned exactly as given, no event.
 *
 * @category controller
 * @example
 * ```ts
 * const path: HintsPath = 'traffic-distribution';
 * ```
 */
export type HintsPath = 'topology-auto' | 'traffic-distribution' | 'none' | 'not-managed';

/**
 * Causes on the topology (Auto) path. `hints-allocated` is success; the others remove every
 * hint and come with a `TopologyAwareHintsDisabled` event (controller.md §3.1–3.8, §4.2):
 * - `insufficient-node-info`: a counted node lacks a zone or CPU, or fewer than two zones / no CPU (controller.md §3.1);
 * - `nodes-in-one-zone`: fewer than two zones have a ratio (unreachable, controller.md §3.1);
 * - `fewer-endpoints-than-zones`: fewer ready endpoints than zones (controller.md §3.2);
 * - `minimum-exceeds-endpoints`: the zones' minimums under the 20 % overload threshold add up to more than the ready endpoints (controller.md §3.2);
 * - `endpoint-without-zone`: a ready endpoint to (re)assign has no zone (controller.md §3.5);
 * - `no-hints-allocated`: nothing was assigned (controller.md §3.8; unreachable with two or more ready endpoints).
 *
 * @category controller
 * @example
 * ```ts
 * const cause: AutoCause = 'minimum-exceeds-endpoints';
 * ```
 */
export type AutoCause =
  | 'hints-allocated'
  | 'insufficient-node-info'
  | 'nodes-in-one-zone'
  | 'fewer-endpoints-than-zones'
  | 'minimum-exceeds-endpoints'
  | 'endpoint-without-zone'
  | 'no-hints-allocated';

/**
 * Causes of the `none` path (controller.md §2.3, §4.2):
 * - `gate-off`: the feature asked for is behind a gate that is off (`gate` names it): the Auto
 *   annotation with `TopologyAwareHints` off, or a known `trafficDistribution` value with
 *   `ServiceTrafficDistribution` / `PreferSameTrafficDistribution` off;
 * - `annotation-disabled`: a topology annotation is present with a value other than `Auto`/`auto`,
 *   and `trafficDistribution` is unset;
 * - `traffic-distribution-unset`: no topology annotation and no `trafficDistribution`;
 * - `value-not-usable`: `trafficDistribution` holds a value the controller does not know.
 *
 * @category controller
 * @example
 * ```ts
 * const cause: NoneCause = 'value-not-usable';
 * ```
 */
export type NoneCause = 'gate-off' | 'annotation-disabled' | 'traffic-distribution-unset' | 'value-not-usable';

/**
 * Cause of the `traffic-distribution` path: the heuristic of controller.md §5 was applied.
 *
 * @category controller
 * @example
 * ```ts
 * const cause: TrafficDistributionCause = 'traffic-distribution-applied';
 * ```
 */
export type TrafficDistributionCause = 'traffic-distribution-applied';

/**
 * Every stable cause code. Never renamed once released.
 *
 * @category controller
 * @example
 * ```ts
 * const cause: HintsCause = 'fewer-endpoints-than-zones';
 * ```
 */
export type HintsCause = AutoCause | NoneCause | TrafficDistributionCause | NotManagedCause;

/**
 * Reason of the one event the controller records for an address type.
 *
 * @category controller
 * @example
 * ```ts
 * const reason: HintsEventReason = 'TopologyAwareHintsEnabled';
 * ```
 */
export type HintsEventReason = 'TopologyAwareHintsEnabled' | 'TopologyAwareHintsDisabled';

/**
 * An event upstream records on the Service (controller.md §3.2, §3.8, §4.2).
 *
 * @category controller
 * @example
 * ```ts
 * const event: HintsEvent = {
 *   type: 'Warning',
 *   reason: 'TopologyAwareHintsDisabled',
 *   message: 'Insufficient number of endpoints (2 endpoints, 3 zones), addressType: IPv4',
 * };
 * ```
 */
export interface HintsEvent {
  readonly type: 'Normal' | 'Warning';
  readonly reason: HintsEventReason;
  readonly message: string;
}

/**
 * A zone with its share of the counted nodes' allocatable CPU (controller.md §3.1).
 *
 * @category controller
 * @example
 * ```ts
 * const z: ZoneRatio = { zone: 'zone-a', cpuMillicores: 4500, ratio: 0.45 };
 * ```
 */
export interface ZoneRatio {
  readonly zone: string;
  /** Sum of the zone's counted nodes' allocatable CPU, in millicores rounded up (controller.md §3.1). */
  readonly cpuMillicores: number;
  /** `cpuMillicores / total`, one double division (controller.md §3.1). */
  readonly ratio: number;
}

/**
 * A zone's allocation on the Auto path (controller.md §3.2) and what it got.
 *
 * @category controller
 * @example
 * ```ts
 * const a: ZoneAllocation = {
 *   zone: 'zone-a', cpuMillicores: 2000, ratio: 0.2,
 *   desired: 1.2000000000000002, minimum: 2, maximum: null, target: 2, assigned: 0,
 * };
 * ```
 */
export interface ZoneAllocation extends ZoneRatio {
  /** `ratio * N` (N = ready endpoints of the address type). */
  readonly desired: number;
  /** `ceil(desired * (1 / (1 + 0.2)))`: fewest endpoints before the zone is overloaded. */
  readonly minimum: number;
  /** `minimum + (N − Σ minimum)`; `null` when the minimums exceed N (controller.md §3.2). */
  readonly maximum: number | null;
  /** `max(desired, minimum)`: what redistribution aims for (controller.md §3.2, §3.6). */
  readonly target: number;
  /** Ready endpoints' `forZones` entries naming this zone after reconciling (0 when hints were removed). */
  readonly assigned: number;
}

/**
 * A ready endpoint whose zone hint points at another zone after redistribution (controller.md §3.7).
 *
 * @category controller
 * @example
 * ```ts
 * const m: EndpointMove = { slice: 0, endpoint: 3, address: '10.0.0.4', from: 'zone-a', to: 'zone-b' };
 * ```
 */
export interface EndpointMove {
  /** Index of the slice in the `endpointSlices` argument (and result). */
  readonly slice: number;
  /** Index of the endpoint in that slice's `endpoints`. */
  readonly endpoint: number;
  /** The endpoint's first address, or `null` when it has none. */
  readonly address: string | null;
  /** The endpoint's own zone (the giving zone). */
  readonly from: string;
  /** The zone it is now hinted for (the receiving zone). */
  readonly to: string;
}

interface OutcomeBase {
  readonly addressType: AddressType;
  /** Some endpoint of this address type carries a `hints` key after reconciling. */
  readonly hintsPresent: boolean;
  /** `event.reason`, or `null` when upstream records no event. */
  readonly reason: HintsEventReason | null;
  /** The event upstream records for this address type in a fresh reconcile, or `null`. */
  readonly event: HintsEvent | null;
  /** Indexes (into `endpointSlices`) of this address type's slices that were rewritten. */
  readonly rewrittenSlices: readonly number[];
}

/**
 * What happened for one address type on the Auto path (controller.md §3).
 *
 * @category controller
 * @example
 * ```ts
 * const o: AutoOutcome = {
 *   path: 'topology-auto', addressType: 'IPv4', cause: 'fewer-endpoints-than-zones',
 *   hintsPresent: false, reason: 'TopologyAwareHintsDisabled',
 *   event: { type: 'Warning', reason: 'TopologyAwareHintsDisabled',
 *            message: 'Insufficient number of endpoints (2 endpoints, 3 zones), addressType: IPv4' },
 *   readyEndpoints: 2, zones: [], allocations: [], keptSlices: [], moves: [], rewrittenSlices: [],
 * };
 * ```
 */
export interface AutoOutcome extends OutcomeBase {
  readonly path: 'topology-auto';
  readonly cause: AutoCause;
  /** N: ready endpoints over all slices of the address type (controller.md §3.2). */
  readonly readyEndpoints: number;
  /** Zones with a CPU ratio, by name; empty when node information is insufficient. */
  readonly zones: readonly ZoneRatio[];
  /** Per-zone allocation, by zone name; empty when the run failed before allocating (controller.md §3.2). */
  readonly allocations: readonly ZoneAllocation[];
  /** Indexes of slices whose existing hints were kept (controller.md §3.4). */
  readonly keptSlices: readonly number[];
  /** Endpoints hinted for another zone by redistribution (controller.md §3.7). */
  readonly moves: readonly EndpointMove[];
}

/**
 * What happened for one address type on the trafficDistribution path (controller.md §5). No event.
 *
 * @category controller
 * @example
 * ```ts
 * const o: TrafficDistributionOutcome = {
 *   path: 'traffic-distribution', addressType: 'IPv4', cause: 'traffic-distribution-applied',
 *   trafficDistribution: 'PreferClose', hintsPresent: true, reason: null, event: null, rewrittenSlices: [0],
 * };
 * ```
 */
export interface TrafficDistributionOutcome extends OutcomeBase {
  readonly path: 'traffic-distribution';
  readonly cause: TrafficDistributionCause;
  readonly trafficDistribution: TrafficDistribution;
}

/**
 * What happened for one address type when every hint is removed (controller.md §4).
 *
 * @category controller
 * @example
 * ```ts
 * const o: NoneOutcome = {
 *   path: 'none', addressType: 'IPv4', cause: 'gate-off', gate: 'TopologyAwareHints',
 *   hintsPresent: false, reason: null, event: null, rewrittenSlices: [],
 * };
 * ```
 */
export interface NoneOutcome extends OutcomeBase {
  readonly path: 'none';
  readonly cause: NoneCause;
  /** The gate that is off, for cause `gate-off`; else `null`. */
  readonly gate: GateName | null;
}

/**
 * What happened for one address type of a Service the controller does not manage (controller.md
 * §0.1, §0.2): nothing. `rewrittenSlices` is empty and `hintsPresent` says whether the slices as given
 * carry hints (kube-proxy still reads them).
 *
 * @category controller
 * @example
 * ```ts
 * const o: NotManagedOutcome = {
 *   path: 'not-managed', addressType: 'IPv4', cause: 'no-selector',
 *   hintsPresent: false, reason: null, event: null, rewrittenSlices: [],
 * };
 * ```
 */
export interface NotManagedOutcome extends OutcomeBase {
  readonly path: 'not-managed';
  readonly cause: NotManagedCause;
}

/**
 * One address type's outcome, discriminated by `path`.
 *
 * @category controller
 * @example
 * ```ts
 * const o: AddressTypeOutcome = {
 *   path: 'none', addressType: 'IPv6', cause: 'traffic-distribution-unset', gate: null,
 *   hintsPresent: false, reason: null, event: null, rewrittenSlices: [],
 * };
 * ```
 */
export type AddressTypeOutcome = AutoOutcome | TrafficDistributionOutcome | NoneOutcome | NotManagedOutcome;

/**
 * The outcome of one reconcile: a summary (the IPv4 address type's when it exists, else the
 * first one's; controller.md) and every address type's own outcome, IPv4 first.
 *
 * @category controller
 * @example
 * ```ts
 * const o: HintsOutcome = {
 *   path: 'none', cause: 'traffic-distribution-unset', hintsPresent: false, reason: null, event: null,
 *   byAddressType: [], kubernetesVersion: 'master',
 * };
 * ```
 */
export interface HintsOutcome {
  readonly path: HintsPath;
  readonly cause: HintsCause;
  /** Some endpoint of any address type carries hints after reconciling. */
  readonly hintsPresent: boolean;
  readonly reason: HintsEventReason | null;
  readonly event: HintsEvent | null;
  readonly byAddressType: readonly AddressTypeOutcome[];
  /** The release whose rules decided (`'master'` unless the input named one). */
  readonly kubernetesVersion: KubernetesVersion;
}

/**
 * The argument of {@link computeHints}.
 *
 * @category controller
 * @example
 * ```ts
 * const input: ComputeHintsInput = {
 *   service: { metadata: { name: 'web', namespace: 'shop' }, spec: { trafficDistribution: 'PreferClose' } },
 *   endpointSlices: [],
 *   nodes: [],
 * };
 * ```
 */
export interface ComputeHintsInput<S extends EndpointSliceInput = EndpointSliceInput> {
  readonly service: ServiceInput;
  /** The Service's slices (array or List); their type is the result's slice type. */
  readonly endpointSlices?: Collection<S> | null;
  readonly nodes?: Collection<NodeInput> | null;
  /** Feature-gate overrides; they win over the defaults of `kubernetesVersion`, even a locked gate. */
  readonly gates?: GateOverrides | null;
  /**
   * The Kubernetes release whose controller to reproduce, `'1.27'` … `'1.37'`, in any spelling
   * {@link parseKubernetesVersion} reads (`'v1.36.2'`, `'v1.36.2+k3s1'`); default `'master'`
   * (the newest code, which decides like 1.37).
   */
  readonly kubernetesVersion?: KubernetesVersionInput | null;
  /** Attach `explanation`: which path ran and why, each safeguard with its numbers, and the moves. */
  readonly explain?: boolean | null;
}

/**
 * The result of {@link computeHints}.
 *
 * @category controller
 * @example
 * ```ts
 * const result: ComputeHintsResult = {
 *   endpointSlices: [],
 *   outcome: { path: 'none', cause: 'traffic-distribution-unset', hintsPresent: false, reason: null, event: null,
 *              byAddressType: [], kubernetesVersion: 'master' },
 *   kubernetesVersion: 'master',
 * };
 * ```
 */
export interface ComputeHintsResult<S extends EndpointSliceInput = EndpointSliceInput> {
  /**
   * The slices after reconciling, in input order, of the caller's own slice type. A slice (or
   * endpoint) that did not change is the input object itself. A changed slice is a new shallow
   * copy (with the input's prototype, so a model-class instance stays one); a changed endpoint is
   * a new plain object holding the endpoint's own enumerable string-keyed properties, in order.
   */
  readonly endpointSlices: readonly (S & EndpointSliceInput)[];
  readonly outcome: HintsOutcome;
  /** The release whose rules decided. */
  readonly kubernetesVersion: KubernetesVersion;
  /** Present when asked for with `explain: true`. */
  readonly explanation?: Explanation;
}
