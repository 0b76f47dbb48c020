/**
 * Result types of kube-proxy endpoint selection.
 *
 * @module
 */
import type { Explanation } from '../explain/codes.js';
import type { Endpoint } from '../model/endpoint.js';
import type { KubernetesVersion } from '../model/releases.js';
import type { IPFamily } from '../util/ip.js';
import type { NotProxiedReason } from './not-proxied.js';
import type { PortPolicy } from './port-policy.js';
import type { TopologyMode } from './topology-mode.js';

/**
 * The Service port a result is about.
 *
 * @category kube-proxy
 * @example
 * ```ts
 * const port: PortRef = { name: 'http', protocol: 'TCP', port: 80, nodePort: null };
 * ```
 */
export interface PortRef {
  /** `''` for an unnamed port. */
  readonly name: string;
  readonly protocol: string;
  readonly port: number | null;
  /** `null` when the port has no node port. */
  readonly nodePort: number | null;
}

/**
 * A Service kube-proxy does not program at all: no lists, no rules, traffic is not intercepted.
 *
 * @category kube-proxy
 * @example
 * ```ts
 * const r: NotProxiedResult = {
 *   kind: 'not-proxied', reason: 'headless', ipFamily: 'IPv4', kubernetesVersion: 'master',
 *   service: { namespace: 'shop', name: 'db' },
 *   message: 'a headless Service (clusterIP None) has no virtual IP; clients reach Pods directly',
 * };
 * ```
 */
export interface NotProxiedResult {
  readonly kind: 'not-proxied';
  readonly reason: NotProxiedReason;
  readonly message: string;
  readonly service: { readonly namespace: string; readonly name: string };
  readonly ipFamily: IPFamily;
  /** The release whose rules decided (`'master'` unless the input named one). */
  readonly kubernetesVersion: KubernetesVersion;
  /** Present when asked for with `explain: true`: why the Service is not proxied. */
  readonly explanation?: Explanation;
}

/**
 * kube-proxy's endpoint lists for one Service port, one IP family and one client node.
 * The lists are `null` where the port never uses that policy.
 *
 * @category kube-proxy
 * @example
 * ```ts
 * const r = categorizeEndpoints(input);
 * if (r.kind === 'proxied') r.clusterEndpoints?.map((e) => e.key); // => ['10.1.2.3:8080']
 * ```
 */
export interface CategorizedEndpoints {
  readonly kind: 'proxied';
  readonly service: { readonly namespace: string; readonly name: string };
  readonly port: PortRef;
  readonly ipFamily: IPFamily;
  /** The release whose rules decided (`'master'` unless the input named one). */
  readonly kubernetesVersion: KubernetesVersion;
  /** The client node as read: its name and zone (`''` when it has none). */
  readonly node: { readonly name: string; readonly zone: string };
  /** The port's policy flags. */
  readonly policy: PortPolicy;
  /** The topology mode, or `null` when the port does not use the Cluster list (no mode is computed). */
  readonly topologyMode: TopologyMode | null;
  /** Endpoints for `Cluster` policy traffic, or `null` when the port never uses it. */
  readonly clusterEndpoints: readonly Endpoint[] | null;
  /** Endpoints for `Local` policy traffic, or `null` when the port never uses it. */
  readonly localEndpoints: readonly Endpoint[] | null;
  /** Union of both lists: every endpoint this node can reach. */
  readonly allReachableEndpoints: readonly Endpoint[];
  /** `false`: kube-proxy rejects the port's traffic (no usable endpoint anywhere). */
  readonly hasAnyEndpoints: boolean;
  /** Which lists fell back to serving-terminating endpoints because nothing was ready. */
  readonly terminatingFallback: { readonly cluster: boolean; readonly local: boolean };
  /**
   * Present when asked for with `explain: true`: the topology mode and why, fallbacks, and for
   * every input endpoint why it is in or out of each list.
   */
  readonly explanation?: Explanation;
}

/**
 * The answer of `categorizeEndpoints`: lists, or a "not proxied" verdict.
 *
 * @category kube-proxy
 * @example
 * ```ts
 * const r: CategorizeResult = categorizeEndpoints(input);
 * r.kind; // => 'proxied' | 'not-proxied'
 * ```
 */
export type CategorizeResult = CategorizedEndpoints | NotProxiedResult;

/**
 * How traffic reaches the Service. `clusterIP` is internal; the others are external addresses.
 *
 * @category kube-proxy
 * @example
 * ```ts
 * const via: Via = 'nodePort';
 * ```
 */
export type Via = 'clusterIP' | 'nodePort' | 'loadBalancer' | 'externalIP';

/**
 * Where traffic comes from: a Pod on the client node, the node itself (host network), or
 * outside the cluster through the node.
 *
 * @category kube-proxy
 * @example
 * ```ts
 * const from: From = 'outside';
 * ```
 */
export type From = 'pod' | 'node' | 'outside';

/**
 * What kube-proxy's rules do with a packet: forward it to one of `endpoints`, drop it silently
 * (a Local policy with no local endpoint), or reject it (no usable endpoint anywhere) — or
 * `not-handled`: kube-proxy programs no rule for the address at all, so the packet is neither
 * load-balanced, dropped nor rejected by kube-proxy; the node handles it as ordinary traffic to
 * that address. Only traffic to an external IP with the `AllowServiceExternalIPs` gate turned off
 * (1.36 on; kube-proxy.md §8.5) is not handled.
 *
 * @category kube-proxy
 * @example
 * ```ts
 * const action: FlowAction = 'drop';
 * ```
 */
export type FlowAction = 'forward' | 'drop' | 'reject' | 'not-handled';

/**
 * The actions of a flow kube-proxy handles: every {@link FlowAction} but `not-handled`.
 *
 * @category kube-proxy
 * @example
 * ```ts
 * const action: HandledFlowAction = 'forward';
 * ```
 */
export type HandledFlowAction = Exclude<FlowAction, 'not-handled'>;

/**
 * Which rule chose the list: the port's `internalTrafficPolicy`, its `externalTrafficPolicy`,
 * or kube-proxy's short-circuit of node-originated traffic to an eTP Local port (kube-proxy.md §8.3).
 *
 * @category kube-proxy
 * @example
 * ```ts
 * const rule: PolicySource = 'short-circuit';
 * ```
 */
export type PolicySource = 'internalTrafficPolicy' | 'externalTrafficPolicy' | 'short-circuit';

/**
 * The answer for one flow: {@link HandledFlowResult} when kube-proxy's rules take the packet
 * (forward, drop, reject), {@link NotHandledFlowResult} when kube-proxy programs nothing for the
 * address. Narrow on `action`.
 *
 * @category kube-proxy
 * @example
 * ```ts
 * const r = selectEndpoints({ ...input, via: 'nodePort', from: 'outside' });
 * if (r.kind === 'proxied' && r.action !== 'not-handled') [r.action, r.policy]; // => ['drop', 'Local']
 * ```
 */
export type FlowResult = HandledFlowResult | NotHandledFlowResult;

/**
 * A flow kube-proxy handles: forwarded to one of `endpoints`, dropped or rejected, through the
 * list `policy` names.
 *
 * @category kube-proxy
 * @example
 * ```ts
 * const r = selectEndpoints({ ...input, via: 'nodePort', from: 'outside' });
 * if (r.kind === 'proxied' && r.action === 'forward') r.endpoints.map((e) => e.key); // => ['10.1.2.3:8080']
 * ```
 */
export interface HandledFlowResult extends FlowResultBase {
  readonly action: HandledFlowAction;
  /** The list used. */
  readonly policy: 'Cluster' | 'Local';
  readonly decidedBy: PolicySource;
}

/**
 * A flow kube-proxy does not handle: traffic to an external IP while `AllowServiceExternalIPs`
 * is off (1.36 on). kube-proxy installs no rule for the Service's external IPs, so it neither
 * forwards, drops nor rejects such packets; what happens to them is up to the node (usually they
 * reach a local socket on that address, if any, or are routed as any other packet). No list is
 * used (`policy` and `decidedBy` are `null`, `endpoints` is empty), but the port still counts as
 * externally reachable, so `categorized` holds the same lists as with the gate on.
 *
 * @category kube-proxy
 * @example
 * ```ts
 * const r = selectEndpoints({ ...input, via: 'externalIP', kubernetesVersion: '1.36', gates: { AllowServiceExternalIPs: false } });
 * if (r.kind === 'proxied' && r.action === 'not-handled') r.endpoints.length; // => 0
 * ```
 */
export interface NotHandledFlowResult extends FlowResultBase {
  readonly action: 'not-handled';
  /** No list is used. */
  readonly policy: null;
  readonly decidedBy: null;
}

/**
 * What every flow answer carries.
 *
 * @category kube-proxy
 * @example
 * ```ts
 * const base: FlowResultBase = selectEndpoints(input) as FlowResult;
 * ```
 */
export interface FlowResultBase {
  readonly kind: 'proxied';
  readonly action: FlowAction;
  /** The endpoints the packet may go to (chosen uniformly at random); empty unless forwarded. */
  readonly endpoints: readonly Endpoint[];
  /** The list used; `null` when kube-proxy does not handle the flow. */
  readonly policy: 'Cluster' | 'Local' | null;
  /** The rule that chose the list; `null` when kube-proxy does not handle the flow. */
  readonly decidedBy: PolicySource | null;
  readonly via: Via;
  readonly from: From;
  /** The release whose rules decided. */
  readonly kubernetesVersion: KubernetesVersion;
  /** The full categorisation the flow was decided from. */
  readonly categorized: CategorizedEndpoints;
  /** Present when asked for with `explain: true`: the flow's steps, then the categorisation's. */
  readonly explanation?: Explanation;
}

/**
 * The answer of `selectEndpoints`: a flow decision, or a "not proxied" verdict.
 *
 * @category kube-proxy
 * @example
 * ```ts
 * const r: SelectResult = selectEndpoints(input);
 * ```
 */
export type SelectResult = FlowResult | NotProxiedResult;
