/**
 * Explanation steps: every decision can say why, as data a program can act on and one line of
 * English a person can read. Codes are stable: never renamed once released.
 *
 * @module
 */
import type { AddressType, AutoCause, HintsEvent, TrafficDistribution, ZoneAllocation, ZoneRatio } from '../controller/types.js';
import type { NotManagedCause, SliceExclusion } from '../controller/ownership.js';
import type { GateName } from '../model/gates.js';
import type { KubernetesVersion } from '../model/releases.js';
import type { NotProxiedReason } from '../proxy/not-proxied.js';
import type { KeptCopyReason } from '../proxy/duplicates.js';
import type { From, Via } from '../proxy/types.js';
import type { IPFamily } from '../util/ip.js';

/**
 * Stable codes of explanation steps.
 *
 * Service and release:
 * - `service-not-proxied`: kube-proxy does not program the Service at all.
 * - `client-zone-only`: the client node was given by its zone alone; node rules see a node holding no endpoint.
 * - `release-rule`: a rule of the selected Kubernetes release (not the newest) applied.
 *
 * Topology mode (kube-proxy, kube-proxy.md §4):
 * - `topology-not-used`: the port uses no Cluster list, so no mode is computed.
 * - `topology-same-node` / `topology-same-zone`: the mode chosen, with how many endpoints qualify.
 * - `topology-no-ready-endpoints`: nothing is ready, so nothing is filtered.
 * - `topology-endpoint-without-zone-hint`: a ready endpoint (named) has no zone hint: zone mode is off for every client.
 * - `topology-endpoint-without-node-hint`: a ready endpoint (named) has no node hint: node mode falls back to zone mode.
 * - `topology-no-endpoint-for-node`: no ready endpoint is hinted for this node: node mode falls back to zone mode.
 * - `topology-no-endpoint-for-zone`: no ready endpoint is hinted for the node's zone.
 * - `topology-node-without-zone`: the node has no `topology.kubernetes.io/zone` label.
 * - `topology-node-hints-gated-off`: slices carry node hints, but `PreferSameTrafficDistribution` is off.
 * - `topology-annotation-required`: (1.27–1.32) the Service lacks an enabling topology annotation.
 * - `topology-hints-gated-off`: (before 1.33) `TopologyAwareHints` is off.
 *
 * Fallbacks (kube-proxy.md §5.2, 6.2):
 * - `fallback-cluster-terminating` / `fallback-local-terminating`: no ready endpoint, so serving-terminating ones are used.
 *
 * Per input endpoint (each names its `IP:port` in `endpoint`, and the list in `list`):
 * - `endpoint-in-cluster` / `endpoint-in-local`: the endpoint is in that list.
 * - `endpoint-not-ready`: neither ready nor serving-and-terminating: never used.
 * - `endpoint-terminating-unused`: serving but terminating, and ready endpoints exist (or the fallback is off).
 * - `endpoint-other-zone` / `endpoint-other-node`: its hints name other zones / nodes.
 * - `endpoint-not-local`: it runs on another node (Local list).
 * - `endpoint-duplicate`: another slice's copy of the same `IP:port` was kept.
 * - `endpoint-other-family`: its slice is of the other address family (or FQDN).
 * - `endpoint-other-port`: its slice has no port with this name and protocol.
 * - `endpoint-hidden-slice`: its slice carries a label kube-proxy does not watch.
 * - `endpoint-no-addresses`: it has no address.
 * - `slice-other-service`: a slice of another Service (one step per slice, with its endpoint count).
 *
 * Flows (kube-proxy.md §8):
 * - `flow-internal-policy` / `flow-external-policy`: which traffic policy chose the list.
 * - `flow-short-circuit`: node-originated traffic to an eTP Local port uses the Cluster list.
 * - `flow-forward` / `flow-drop` / `flow-reject`: what happens to the packets, and why.
 * - `flow-not-handled`: kube-proxy writes no rule for the address (external IPs with
 *   `AllowServiceExternalIPs` off, 1.36 on): the packets are not kube-proxy's to forward, drop or reject.
 *
 * Deviation profiles (another data plane's rules, docs/profiles.md):
 * - `profile-rule`: a rule of the profile decided something kube-proxy decides differently or not at all
 *   (`data.profile` and `data.rule` name it, for example `cilium@…` and `Ci2`).
 * - `endpoint-lower-tier`: (priority-tier profiles) the endpoint is healthy but in a tier that gets no new connections.
 *
 * Hints (EndpointSlice controller, controller.md §0–5):
 * - `hints-service-not-managed`: the controller does not manage the Service (ExternalName, or no selector).
 * - `hints-slice-not-managed`: an input slice is not the controller's (label, namespace, pending deletion, FQDN).
 * - `hints-annotation-precedence`: the topology annotation is enabled, so `trafficDistribution` is not consulted.
 * - `hints-topology-auto`: the Auto algorithm ran.
 * - `hints-traffic-distribution`: the `trafficDistribution` heuristic ran.
 * - `hints-removed`: no path writes hints (annotation not enabled, field unset).
 * - `hints-value-not-usable`: the field's value is not usable under the gates.
 * - `hints-gate-off`: a gate turned the path off.
 * - `hints-safeguard`: an Auto safeguard fired (cause and numbers in `data`), every hint removed.
 * - `hints-zone-allocation`: one zone's CPU ratio, minimum, maximum, target and assigned count.
 * - `hints-slice-kept`: a slice's existing hints were acceptable and kept.
 * - `hints-endpoint-moved`: an endpoint was hinted for another zone than its own.
 * - `hints-written`: the result: how many endpoints carry hints.
 * - `hints-event`: the event upstream records.
 *
 * @category explanations
 * @example
 * ```ts
 * const code: ExplanationCode = 'topology-endpoint-without-zone-hint';
 * ```
 */
export type ExplanationCode =
  | 'service-not-proxied'
  | 'client-zone-only'
  | 'release-rule'
  | 'topology-not-used'
  | 'topology-same-node'
  | 'topology-same-zone'
  | 'topology-no-ready-endpoints'
  | 'topology-endpoint-without-zone-hint'
  | 'topology-endpoint-without-node-hint'
  | 'topology-no-endpoint-for-node'
  | 'topology-no-endpoint-for-zone'
  | 'topology-node-without-zone'
  | 'topology-node-hints-gated-off'
  | 'topology-annotation-required'
  | 'topology-hints-gated-off'
  | 'fallback-cluster-terminating'
  | 'fallback-local-terminating'
  | 'endpoint-in-cluster'
  | 'endpoint-in-local'
  | 'endpoint-not-ready'
  | 'endpoint-terminating-unused'
  | 'endpoint-other-zone'
  | 'endpoint-other-node'
  | 'endpoint-not-local'
  | 'endpoint-duplicate'
  | 'endpoint-other-family'
  | 'endpoint-other-port'
  | 'endpoint-hidden-slice'
  | 'endpoint-no-addresses'
  | 'slice-other-service'
  | 'flow-internal-policy'
  | 'flow-external-policy'
  | 'flow-short-circuit'
  | 'flow-forward'
  | 'flow-drop'
  | 'flow-reject'
  | 'flow-not-handled'
  | 'hints-service-not-managed'
  | 'hints-slice-not-managed'
  | 'profile-rule'
  | 'endpoint-lower-tier'
  | 'hints-annotation-precedence'
  | 'hints-topology-auto'
  | 'hints-traffic-distribution'
  | 'hints-removed'
  | 'hints-value-not-usable'
  | 'hints-gate-off'
  | 'hints-safeguard'
  | 'hints-zone-allocation'
  | 'hints-slice-kept'
  | 'hints-endpoint-moved'
  | 'hints-written'
  | 'hints-event';

/**
 * Every explanation code, in documentation order.
 *
 * @category explanations
 * @example
 * ```ts
 * EXPLANATION_CODES.includes('flow-drop'); // => true
 * ```
 */
export const EXPLANATION_CODES: readonly ExplanationCode[] = Object.freeze([
  'service-not-proxied',
  'client-zone-only',
  'release-rule',
  'topology-not-used',
  'topology-same-node',
  'topology-same-zone',
  'topology-no-ready-endpoints',
  'topology-endpoint-without-zone-hint',
  'topology-endpoint-without-node-hint',
  'topology-no-endpoint-for-node',
  'topology-no-endpoint-for-zone',
  'topology-node-without-zone',
  'topology-node-hints-gated-off',
  'topology-annotation-required',
  'topology-hints-gated-off',
  'fallback-cluster-terminating',
  'fallback-local-terminating',
  'endpoint-in-cluster',
  'endpoint-in-local',
  'endpoint-not-ready',
  'endpoint-terminating-unused',
  'endpoint-other-zone',
  'endpoint-other-node',
  'endpoint-not-local',
  'endpoint-duplicate',
  'endpoint-other-family',
  'endpoint-other-port',
  'endpoint-hidden-slice',
  'endpoint-no-addresses',
  'slice-other-service',
  'flow-internal-policy',
  'flow-external-policy',
  'flow-short-circuit',
  'flow-forward',
  'flow-drop',
  'flow-reject',
  'flow-not-handled',
  'hints-service-not-managed',
  'hints-slice-not-managed',
  'profile-rule',
  'endpoint-lower-tier',
  'hints-annotation-precedence',
  'hints-topology-auto',
  'hints-traffic-distribution',
  'hints-removed',
  'hints-value-not-usable',
  'hints-gate-off',
  'hints-safeguard',
  'hints-zone-allocation',
  'hints-slice-kept',
  'hints-endpoint-moved',
  'hints-written',
  'hints-event',
]);

/**
 * Which release rule a `release-rule` step reports:
 * - `zone-label-required`: before 1.33 kube-proxy refuses zone routing for a node without a zone label;
 * - `topology-annotation-required`: 1.27–1.32 kube-proxy reads zone hints only with an enabling topology annotation;
 * - `no-terminating-fallback`: 1.27 with `ProxyTerminatingEndpoints` off never uses serving-terminating endpoints.
 *
 * @category explanations
 * @example
 * ```ts
 * const rule: ReleaseRuleName = 'zone-label-required';
 * ```
 */
export type ReleaseRuleName = 'zone-label-required' | 'topology-annotation-required' | 'no-terminating-fallback';

/**
 * The facts of one input endpoint that its list verdict looked at.
 *
 * @category explanations
 * @example
 * ```ts
 * const facts: EndpointFacts = { ready: true, serving: true, terminating: false, nodeName: 'node-a', zoneHints: ['zone-a'], nodeHints: [] };
 * ```
 */
export interface EndpointFacts {
  readonly ready: boolean;
  readonly serving: boolean;
  readonly terminating: boolean;
  readonly nodeName: string | null;
  readonly zoneHints: readonly string[];
  readonly nodeHints: readonly string[];
}

/**
 * The `data` of each kind of step, by code: what the rule looked at or answered. Field names are
 * stable like the codes.
 *
 * @category explanations
 * @example
 * ```ts
 * const data: ExplanationData['topology-same-zone'] = { zone: 'zone-a', candidates: 2 };
 * ```
 */
export interface ExplanationData {
  'service-not-proxied': { readonly reason: NotProxiedReason; readonly ipFamily: IPFamily };
  'client-zone-only': { readonly zone: string };
  'release-rule': { readonly kubernetesVersion: KubernetesVersion; readonly rule: ReleaseRuleName };
  'topology-not-used': { readonly usesCluster: false };
  'topology-same-node': { readonly node: string; readonly candidates: number };
  'topology-same-zone': { readonly zone: string; readonly candidates: number };
  'topology-no-ready-endpoints': { readonly ready: 0 };
  'topology-endpoint-without-zone-hint': { readonly endpoint: string; readonly withoutZoneHint: number; readonly ready: number };
  'topology-endpoint-without-node-hint': { readonly endpoint: string; readonly withoutNodeHint: number };
  'topology-no-endpoint-for-node': { readonly node: string; readonly hintedNodes: readonly string[] };
  'topology-no-endpoint-for-zone': { readonly zone: string; readonly hintedZones: readonly string[] };
  'topology-node-without-zone': { readonly node: string; readonly kubernetesVersion: KubernetesVersion };
  'topology-node-hints-gated-off': { readonly gate: 'PreferSameTrafficDistribution' };
  'topology-annotation-required': { readonly kubernetesVersion: KubernetesVersion };
  'topology-hints-gated-off': { readonly gate: 'TopologyAwareHints'; readonly kubernetesVersion: KubernetesVersion };
  'fallback-cluster-terminating': { readonly servingTerminating: number };
  'fallback-local-terminating': { readonly servingTerminating: number };
  'endpoint-in-cluster': EndpointFacts;
  'endpoint-in-local': EndpointFacts;
  'endpoint-not-ready': EndpointFacts;
  'endpoint-terminating-unused': EndpointFacts;
  'endpoint-other-zone': EndpointFacts;
  'endpoint-other-node': EndpointFacts;
  'endpoint-not-local': EndpointFacts;
  'endpoint-duplicate': {
    /** The slice of the copy left out. */
    readonly slice: string;
    /** The slice of the copy used, and its JSON path. */
    readonly keptSlice: string;
    readonly keptPath: string;
    readonly because: KeptCopyReason;
  };
  'endpoint-other-family': { readonly slice: string };
  'endpoint-other-port': { readonly slice: string };
  'endpoint-hidden-slice': { readonly slice: string };
  'endpoint-no-addresses': { readonly slice: string };
  'slice-other-service': { readonly slice: string; readonly endpoints: number };
  'flow-internal-policy': FlowData;
  'flow-external-policy': FlowData;
  'flow-short-circuit': FlowData;
  'flow-forward': { readonly endpoints: number };
  'flow-drop': { readonly hasAnyEndpoints: boolean; readonly list: 'Cluster' | 'Local' };
  'flow-reject': { readonly hasAnyEndpoints: false };
  'flow-not-handled': { readonly via: Via; readonly from: From; readonly gate: 'AllowServiceExternalIPs' };
  'hints-annotation-precedence': { readonly annotation: string; readonly trafficDistribution: string };
  'hints-topology-auto': { readonly addressType: AddressType; readonly readyEndpoints: number; readonly zones: readonly ZoneRatio[] };
  'hints-traffic-distribution': { readonly addressType: AddressType; readonly trafficDistribution: TrafficDistribution; readonly rewrittenSlices: number };
  'hints-removed': { readonly annotation?: string };
  'hints-value-not-usable': { readonly trafficDistribution: string };
  'hints-gate-off': { readonly gate: GateName };
  'hints-safeguard': {
    readonly addressType: AddressType;
    readonly cause: AutoCause;
    readonly readyEndpoints: number;
    readonly zones: number;
    readonly minimums: number;
    readonly overloadThreshold: number;
  };
  'hints-zone-allocation': { readonly addressType: AddressType } & ZoneAllocation;
  'hints-slice-kept': { readonly addressType: AddressType; readonly slice: string };
  'hints-endpoint-moved': { readonly addressType: AddressType; readonly slice: string; readonly endpoint: number; readonly from: string; readonly to: string };
  'hints-written': { readonly addressType: AddressType; readonly hintedReadyEndpoints: number; readonly rewrittenSlices: number };
  'hints-event': { readonly addressType: AddressType } & HintsEvent;
  'profile-rule': ProfileStepData;
  'endpoint-lower-tier': ProfileStepData;
  'hints-service-not-managed': { readonly cause: NotManagedCause; readonly slices: number };
  'hints-slice-not-managed': { readonly slice: string; readonly index: number; readonly reason: SliceExclusion | 'service-not-managed' };
}

/**
 * The data of the flow steps that say which policy chose the list.
 *
 * @category explanations
 * @example
 * ```ts
 * const data: FlowData = { via: 'nodePort', from: 'outside', policy: 'Local' };
 * ```
 */
export interface FlowData {
  readonly via: Via;
  readonly from: From;
  readonly policy: 'Cluster' | 'Local';
}

/**
 * The data of a deviation profile's step: the profile and the rule of its page (docs/profile-*.md) that
 * decided (`rule` absent where kube-proxy's own rule applied unchanged), with what the rule looked at.
 *
 * @category explanations
 * @example
 * ```ts
 * const data: ProfileStepData = { profile: 'cilium@1.16', rule: 'Ci2', zone: 'zone-a' };
 * ```
 */
export interface ProfileStepData {
  readonly profile: string;
  readonly rule?: string;
  readonly [key: string]: unknown;
}

/**
 * One step of a deviation profile's explanation. Its `code` is one of the stable codes, but its
 * `data` is the profile's own ({@link ProfileStepData}), not the kube-proxy shape of that code.
 *
 * @category explanations
 * @example
 * ```ts
 * const s: ProfileStep = { code: 'profile-rule', message: 'topology-mode is "auto" (calico-ebpf rule C1).', data: { profile: 'calico-ebpf', rule: 'C1' } };
 * ```
 */
export interface ProfileStep {
  readonly code: ExplanationCode;
  readonly message: string;
  readonly data: ProfileStepData;
  readonly endpoint?: string;
  readonly list?: 'cluster' | 'local';
  readonly path?: string;
}

/**
 * A deviation profile's explanation: every step names the profile, and the rule where one of its own decided.
 *
 * @category explanations
 * @example
 * ```ts
 * const r = categorizeEndpoints({ ...input, profile: 'istio', explain: true });
 * if (r.kind === 'profile') r.explanation?.filter((s) => s.code === 'profile-rule').length; // => 3
 * ```
 */
export type ProfileExplanation = readonly ProfileStep[];

/** Builds a frozen profile step. @internal */
export function profileStep(
  code: ExplanationCode,
  message: string,
  data: ProfileStepData,
  extra: { readonly endpoint?: string; readonly list?: 'cluster' | 'local'; readonly path?: string } = {},
): ProfileStep {
  // A profile's data may nest (priority tiers are lists of keys): freeze all of it, as results are.
  freezeAll(data);
  const out: ProfileStep = { code, message, data, ...extra };
  return Object.freeze(out);
}

/** Freezes `value` and every object and array reachable from it. */
function freezeAll(value: unknown): void {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return;
  Object.freeze(value);
  for (const field of Object.values(value)) freezeAll(field);
}

/** A field of a step's data, whatever the step's code (`undefined` when absent). @internal */
export function stepField(s: ExplanationStep | ProfileStep, key: string): unknown {
  return Object.hasOwn(s.data, key) ? (Reflect.get(s.data, key) as unknown) : undefined;
}

// Every code has its data type, and nothing else does.
const exhaustive: [Exclude<ExplanationCode, keyof ExplanationData>, Exclude<keyof ExplanationData, ExplanationCode>] extends [never, never] ? true : never = true;
void exhaustive;

/**
 * One step of an explanation with code `C`: its `data` is typed by the code, so a `switch` on
 * `step.code` narrows `step.data`.
 *
 * @category explanations
 * @example
 * ```ts
 * const s: StepOf<'endpoint-other-zone'> = {
 *   code: 'endpoint-other-zone',
 *   message: '10.1.0.2:8080 is not in the Cluster list: its zone hints name zone-b, not zone-a.',
 *   data: { ready: true, serving: true, terminating: false, nodeName: 'node-b', zoneHints: ['zone-b'], nodeHints: [] },
 *   endpoint: '10.1.0.2:8080',
 *   list: 'cluster',
 * };
 * ```
 */
export interface StepOf<C extends ExplanationCode> {
  readonly code: C;
  /** One line of English. */
  readonly message: string;
  /** The data the step looked at. */
  readonly data: ExplanationData[C];
  /** The endpoint (`IP:port`, or the address where no port applies) the step is about. */
  readonly endpoint?: string;
  /** The list an endpoint step is about. */
  readonly list?: 'cluster' | 'local';
  /** JSON path of the input item the step is about. */
  readonly path?: string;
}

/**
 * One step of an explanation: a union discriminated by `code`.
 *
 * @category explanations
 * @example
 * ```ts
 * function zoneOf(s: ExplanationStep): string | undefined {
 *   return s.code === 'topology-same-zone' ? s.data.zone : undefined;
 * }
 * ```
 */
export type ExplanationStep = { [C in ExplanationCode]: StepOf<C> }[ExplanationCode];

/**
 * An explanation: steps in decision order (service, topology, fallbacks, flow, then endpoints).
 *
 * @category explanations
 * @example
 * ```ts
 * const r = categorizeEndpoints({ ...input, explain: true });
 * r.explanation?.map((s) => s.code); // => ['topology-same-zone', 'endpoint-in-cluster', ...]
 * ```
 */
export type Explanation = readonly ExplanationStep[];

/** Builds a frozen step. @internal */
export function step<C extends ExplanationCode>(
  code: C,
  message: string,
  data: ExplanationData[C],
  extra: { readonly endpoint?: string; readonly list?: 'cluster' | 'local'; readonly path?: string } = {},
): StepOf<C> {
  // Data objects are built fresh by each caller for its step: freezing them takes no copy.
  Object.freeze(data);
  const out: StepOf<C> = { code, message, data, ...extra };
  return Object.freeze(out);
}
