/**
 * Explanation steps: every decision can say why, as data a program can act on and one line of
 * English a person can read. Codes are stable: never renamed once released.
 *
 * @module
 */

/**
 * Stable codes of explanation steps.
 *
 * Service and release:
 * - `service-not-proxied`: kube-proxy does not program the Service at all.
 * - `client-zone-only`: the client node was given by its zone alone; node rules see a node holding no endpoint.
 * - `release-rule`: a rule of the selected Kubernetes release (not the newest) applied.
 *
 * Topology mode (kube-proxy, proxy-semantics 4):
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
 * Fallbacks (proxy-semantics 5.2, 6.2):
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
 * Flows (proxy-semantics 8):
 * - `flow-internal-policy` / `flow-external-policy`: which traffic policy chose the list.
 * - `flow-short-circuit`: node-originated traffic to an eTP Local port uses the Cluster list.
 * - `flow-forward` / `flow-drop` / `flow-reject`: what happens to the packets, and why.
 * - `flow-not-handled`: kube-proxy writes no rule for the address (external IPs with
 *   `AllowServiceExternalIPs` off, 1.36 on): the packets are not kube-proxy's to forward, drop or reject.
 *
 * Deviation profiles (another data plane's rules, deviation-profiles.md):
 * - `profile-rule`: a rule of the profile decided something kube-proxy decides differently or not at all
 *   (`data.profile` and `data.rule` name it, for example `cilium@…` and `Ci2`).
 * - `endpoint-lower-tier`: (priority-tier profiles) the endpoint is healthy but in a tier that gets no new connections.
 *
 * Hints (EndpointSlice controller, controller-semantics 0–5):
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
 * One step of an explanation.
 *
 * @example
 * ```ts
 * const step: ExplanationStep = {
 *   code: 'endpoint-other-zone',
 *   message: '10.1.0.2:8080 is not in the Cluster list: its zone hints name zone-b, not zone-a.',
 *   data: { zoneHints: ['zone-b'], zone: 'zone-a' },
 *   endpoint: '10.1.0.2:8080',
 *   list: 'cluster',
 * };
 * ```
 */
export interface ExplanationStep {
  readonly code: ExplanationCode;
  /** One line of English. */
  readonly message: string;
  /** The data the step looked at. */
  readonly data: Readonly<Record<string, unknown>>;
  /** The endpoint (`IP:port`, or the address where no port applies) the step is about. */
  readonly endpoint?: string;
  /** The list an endpoint step is about. */
  readonly list?: 'cluster' | 'local';
  /** JSON path of the input item the step is about. */
  readonly path?: string;
}

/**
 * An explanation: steps in decision order (service, topology, fallbacks, flow, then endpoints).
 *
 * @example
 * ```ts
 * const r = categorizeEndpoints({ ...input, explain: true });
 * r.explanation?.map((s) => s.code); // => ['topology-same-zone', 'endpoint-in-cluster', ...]
 * ```
 */
export type Explanation = readonly ExplanationStep[];

/** Builds a frozen step. @internal */
export function step(
  code: ExplanationCode,
  message: string,
  data: Readonly<Record<string, unknown>> = {},
  extra: { readonly endpoint?: string; readonly list?: 'cluster' | 'local'; readonly path?: string } = {},
): ExplanationStep {
  return Object.freeze({ code, message, data: Object.freeze({ ...data }), ...extra });
}
