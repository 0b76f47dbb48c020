/**
 * Input and result types of the what-if simulator ({@link simulateTraffic}).
 *
 * @module
 */
import type { ProfileId, ProfileOption } from '../profiles/names.js';
import type { Endpoint } from '../model/endpoint.js';
import type { GateOverrides } from '../model/gates.js';
import type { Collection, EndpointSliceInput, NodeInput, Nullable, ServiceInput } from '../model/input.js';
import type { NodeIdentity } from '../proxy/node.js';
import type { Flow } from '../proxy/prepare.js';
import type { FlowAction, NotProxiedResult, PortRef } from '../proxy/types.js';
import type { NoTopologyCause } from '../proxy/topology-mode.js';
import type { KubernetesVersion } from '../model/releases.js';
import type { KubernetesVersionInput } from '../model/version.js';
import type { IPFamily } from '../util/ip.js';
import type { ClientToleration, NodeTaint } from './scheduling.js';
import type { SimulationWarning } from './warnings.js';


/**
 * A core/v1 Node as the simulator reads it: the traffic fields plus `spec.unschedulable` and
 * `spec.taints`, which decide whether client Pods can run there, and the
 * `node.kubernetes.io/exclude-from-external-load-balancers` label, which keeps the node out of
 * cloud load balancers.
 *
 * @category simulation
 * @example
 * ```ts
 * const node: SimulationNodeInput = {
 *   metadata: { name: 'control-1', labels: { 'topology.kubernetes.io/zone': 'zone-a' } },
 *   spec: { taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }] },
 * };
 * ```
 */
export type SimulationNodeInput = NodeInput & {
  readonly spec?: Nullable<{
    readonly unschedulable?: Nullable<boolean>;
    readonly taints?: Nullable<readonly { readonly key?: Nullable<string>; readonly value?: Nullable<string>; readonly effect?: Nullable<string> }[]>;
  }>;
};

/**
 * A client Pod: only where it runs (`spec.nodeName`) and whether it still runs (`status.phase`).
 *
 * @category simulation
 * @example
 * ```ts
 * const pod: ClientPodInput = { metadata: { name: 'shop-1' }, spec: { nodeName: 'node-a' }, status: { phase: 'Running' } };
 * ```
 */
export interface ClientPodInput {
  readonly metadata?: Nullable<{ readonly name?: Nullable<string> }>;
  readonly spec?: Nullable<{ readonly nodeName?: Nullable<string> }>;
  readonly status?: Nullable<{ readonly phase?: Nullable<string> }>;
}

/**
 * Where client traffic comes from. Weights are relative (any non-negative finite numbers):
 * - `byZone`: a zone's weight is spread evenly over its schedulable nodes;
 * - `byNode`: weights per node name;
 * - a list of client Pods (array or `List`): one unit per Pod on its `spec.nodeName`.
 *
 * @category simulation
 * @example
 * ```ts
 * const clients: ClientsInput = { byZone: { 'zone-a': 60, 'zone-b': 30, 'zone-c': 10 } };
 * ```
 */
export type ClientsInput =
  | { readonly byZone: Readonly<Record<string, number>> }
  | { readonly byNode: Readonly<Record<string, number>> }
  | Collection<ClientPodInput>;

/**
 * Thresholds of the warnings (see {@link SimulationWarning}).
 *
 * @category simulation
 * @example
 * ```ts
 * const thresholds: WarningThresholds = { overload: 2, dropped: 0.01 };
 * ```
 */
export interface WarningThresholds {
  /** Warn when an endpoint's `overload` exceeds this. Default 1.5. */
  readonly overload?: number;
  /** Warn when `droppedFraction` exceeds this. Default 0 (any drop). */
  readonly dropped?: number;
}

/**
 * The argument of {@link simulateTraffic}.
 *
 * @category simulation
 * @example
 * ```ts
 * const input: SimulateInput = {
 *   service, endpointSlices, nodes,
 *   clients: { byZone: { 'zone-a': 60, 'zone-b': 40 } },
 *   flow: { via: 'clusterIP', from: 'pod' },
 * };
 * ```
 */
export interface SimulateInput {
  readonly service: ServiceInput;
  readonly endpointSlices: Collection<EndpointSliceInput>;
  readonly nodes: Collection<SimulationNodeInput>;
  /**
   * Default: one unit per node that can send this flow: for traffic from Pods, nodes where the
   * client Pods can run (schedulable, every `NoSchedule`/`NoExecute` taint tolerated by
   * `clientTolerations`); from nodes, every node; from outside through a load balancer, the
   * nodes the load balancer sends to (see {@link LoadBalancerTargets}); from outside otherwise,
   * every node. Without Node objects, zone weights go to an assumed node of each zone that holds
   * no endpoint, and node or Pod weights to assumed nodes of those names (said in
   * `assumedNodes` and a `nodes-assumed` warning).
   */
  readonly clients?: ClientsInput | null;
  /**
   * Tolerations of the client Pods (default none): which tainted nodes they may run on.
   * `tolerations` (a Pod spec's spelling) is refused at `$.tolerations` rather than ignored.
   */
  readonly clientTolerations?: readonly ClientToleration[] | null;
  /**
   * Compute advice for each `endpoint-overloaded` and `traffic-dropped` warning (the smallest
   * change that clears it, found by re-running the simulation); default `false`. Advice runs the
   * EndpointSlice controller (`computeHints`) on the input, so with `advise: true` the input is
   * also read as `computeHints` reads it, and what it refuses (a `spec.selector` that is not a
   * string map, a node CPU that is not a quantity on the `Auto` path) is refused here too. A
   * value that is not a boolean (`'true'`) is refused (`invalid-type` at `$.advise`).
   */
  readonly advise?: boolean | null;
  /** The Service port (name or number); optional when the Service has one port. */
  readonly port?: string | number | null;
  /** The proxier's family; default the Service's primary family. */
  readonly ipFamily?: IPFamily | null;
  /**
   * Default `{ via: 'clusterIP', from: 'pod' }`. For external flows the client nodes are the nodes
   * the traffic enters through: for `via: 'loadBalancer'` from outside, the load balancer's
   * targets (with `externalTrafficPolicy: Local` only nodes passing its health check, see
   * `loadBalancer` in the result); for node ports and external IPs from outside, every node.
   * `via` and `from` go here, not beside the Service as in `selectEndpoints`: given there they
   * are refused (`invalid-value` at `$.via` / `$.from`) rather than ignored.
   */
  readonly flow?: Flow | null;
  readonly gates?: GateOverrides | null;
  /**
   * The release whose kube-proxy (and, in `compareScenarios`, controller) to reproduce, in any
   * spelling {@link parseKubernetesVersion} reads; default `'master'` (decides like 1.37).
   */
  readonly kubernetesVersion?: KubernetesVersionInput | null;
  readonly thresholds?: WarningThresholds | null;
  /**
   * Simulate another data plane (a deviation profile, as in `categorizeEndpoints`): each client
   * node's endpoints come from that data plane's rules. `gates` and `kubernetesVersion` must then
   * be absent; flows and empty lists the profile's pinned source does not settle throw
   * `profile-not-pinned`.
   */
  readonly profile?: ProfileOption | null;
}

/**
 * The topology mode of a client class, without the node name (a class may hold many nodes).
 *
 * @category simulation
 * @example
 * ```ts
 * const t: ClassTopology = { kind: 'none', cause: 'endpoint-without-hint' };
 * ```
 */
export type ClassTopology =
  | { readonly kind: 'sameNode' }
  | { readonly kind: 'sameZone'; readonly zone: string }
  | { readonly kind: 'none'; readonly cause: NoTopologyCause };

/**
 * Client nodes that get the same answer from kube-proxy (the same eligible list, the same action)
 * and sit in the same zone. Loads are computed once per class.
 *
 * @category simulation
 * @example
 * ```ts
 * const c: ClientClass = {
 *   zone: 'zone-a', action: 'forward', policy: 'Cluster', topology: { kind: 'sameZone', zone: 'zone-a' },
 *   nodes: ['node-1', 'node-2'], weight: 0.6, endpoints: [],
 * };
 * ```
 */
export interface ClientClass {
  /** The nodes' zone label, `''` when absent. */
  readonly zone: string;
  readonly action: FlowAction;
  /** The list the flow uses; `null` when kube-proxy does not handle the flow (`action: 'not-handled'`). */
  readonly policy: 'Cluster' | 'Local' | null;
  /** `null` when the flow does not use the Cluster list (no mode is computed). */
  readonly topology: ClassTopology | null;
  /** Client nodes of the class with a positive weight, sorted by name. */
  readonly nodes: readonly string[];
  /** The class's fraction of all client traffic. */
  readonly weight: number;
  /**
   * The eligible endpoints (uniform random choice among them); empty unless forwarded. Shared
   * with {@link PreparedService.endpoints}: `isLocal` is always `false` here.
   */
  readonly endpoints: readonly Endpoint[];
  /**
   * Present when the data plane does not choose uniformly among `endpoints` (Istio spilling from a
   * partly healthy priority tier): each endpoint's fraction of the class's connections, in order.
   */
  readonly endpointWeights?: readonly number[];
}

/**
 * One endpoint and the traffic it receives.
 *
 * @category simulation
 * @example
 * ```ts
 * const e: SimulatedEndpoint = {
 *   key: '10.0.0.1:8080', ip: '10.0.0.1', port: 8080, zone: 'zone-a', nodeName: 'node-1',
 *   serving: true, share: 0.6, overload: 3.6,
 * };
 * ```
 */
export interface SimulatedEndpoint {
  readonly key: string;
  readonly ip: string;
  readonly port: number;
  /** The slice's `zone`, else its node's zone label, else `''`. */
  readonly zone: string;
  readonly nodeName: string | null;
  /** Counts towards the fair share: ready, or serving-terminating when nothing is ready. */
  readonly serving: boolean;
  /** Expected fraction of all client traffic this endpoint receives (0..1). */
  readonly share: number;
  /** `share / fairShare`; 0 when there is no serving endpoint. */
  readonly overload: number;
}

/**
 * Zone-to-zone traffic: `fractions[i][j]` is the fraction of all client traffic sent from clients
 * in `zones[i]` to endpoints in `zones[j]`. Rows sum to the zone's forwarded fraction.
 *
 * @category simulation
 * @example
 * ```ts
 * const m: ZoneMatrix = { zones: ['zone-a', 'zone-b'], fractions: [[0.5, 0.1], [0, 0.4]] };
 * ```
 */
export interface ZoneMatrix {
  /** Client and endpoint zones, sorted by name (`''`: no zone known). */
  readonly zones: readonly string[];
  readonly fractions: readonly (readonly number[])[];
}

/**
 * Client weight that could not be placed on any node (a zone without schedulable nodes, a node
 * or Pod's node not in `nodes`). It is left out of every fraction.
 *
 * @category simulation
 * @example
 * ```ts
 * const u: UnplacedClients = { zone: 'zone-d', node: null, weight: 5 };
 * ```
 */
export interface UnplacedClients {
  readonly zone: string | null;
  readonly node: string | null;
  readonly weight: number;
  /** Why: no node of the zone can host clients, the node is unknown, or the load balancer does not send to it. */
  readonly reason: 'no-node-in-zone' | 'unknown-node' | 'not-a-load-balancer-target';
}

/**
 * Why a node does or does not receive load-balancer traffic:
 * - `health-check-passes`: `externalTrafficPolicy: Local` and the node has a ready local endpoint;
 * - `no-ready-local-endpoint`: `externalTrafficPolicy: Local` and it has none, so its
 *   `healthCheckNodePort` answers 503 and the load balancer sends it nothing;
 * - `excluded-by-label`: the node carries `node.kubernetes.io/exclude-from-external-load-balancers`;
 * - `every-node`: `externalTrafficPolicy: Cluster`: every node is a backend (kube-proxy forwards on).
 *
 * @category simulation
 * @example
 * ```ts
 * const why: LoadBalancerReason = 'no-ready-local-endpoint';
 * ```
 */
export type LoadBalancerReason = 'health-check-passes' | 'no-ready-local-endpoint' | 'excluded-by-label' | 'every-node';

/**
 * One node as a cloud load balancer sees it.
 *
 * @category simulation
 * @example
 * ```ts
 * const n: LoadBalancerNode = { name: 'node-a1', zone: 'zone-a', localReadyEndpoints: 1, target: true, reason: 'health-check-passes', share: 0.5 };
 * ```
 */
export interface LoadBalancerNode {
  readonly name: string;
  readonly zone: string;
  /**
   * Ready endpoints of the Service on this node, counted as kube-proxy's health check counts them
   * (`EndpointsMap.LocalReadyEndpoints`): distinct IPs over all the Service's ports, ready only
   * (terminating endpoints do not count), in the simulated IP family.
   */
  readonly localReadyEndpoints: number;
  /** The load balancer sends to this node. */
  readonly target: boolean;
  readonly reason: LoadBalancerReason;
  /** Fraction of all load-balancer traffic this node receives. */
  readonly share: number;
}

/**
 * How a cloud load balancer spreads traffic over the nodes, for flows `via: 'loadBalancer'`
 * from outside. With `externalTrafficPolicy: Local` it health-checks `healthCheckNodePort` and
 * sends only to nodes with a ready local endpoint (kube-proxy.md §8.6), evenly by default: a
 * node with one endpoint gets as much as a node with ten.
 *
 * @category simulation
 * @example
 * ```ts
 * const lb: LoadBalancerTargets = { healthCheck: true, healthCheckNodePort: 32000, nodes: [], targets: 2, summary: '2 of 7 nodes pass the health check' };
 * ```
 */
export interface LoadBalancerTargets {
  /** `externalTrafficPolicy: Local`: targets are chosen by the health check. */
  readonly healthCheck: boolean;
  readonly healthCheckNodePort: number | null;
  /** Every node, sorted by name. */
  readonly nodes: readonly LoadBalancerNode[];
  /** How many nodes receive load-balancer traffic. */
  readonly targets: number;
  /** One sentence: which nodes carry the traffic and why. */
  readonly summary: string;
}

/**
 * A node that hosts no clients by default, and why.
 *
 * @category simulation
 * @example
 * ```ts
 * const x: ExcludedClientNode = { name: 'control-1', reason: 'taint node-role.kubernetes.io/control-plane:NoSchedule not tolerated' };
 * ```
 */
export interface ExcludedClientNode {
  readonly name: string;
  readonly reason: string;
}

/**
 * A node the simulation made up because `$.nodes` has none (clients must run somewhere).
 *
 * @category simulation
 * @example
 * ```ts
 * const a: AssumedNode = { name: 'assumed:zone-a', zone: 'zone-a', reason: 'a node of zone-a that holds no endpoint' };
 * ```
 */
export interface AssumedNode {
  readonly name: string;
  readonly zone: string;
  readonly reason: string;
}

/**
 * The result of {@link simulateTraffic}. Every fraction is of all placed client traffic.
 *
 * @category simulation
 * @example
 * ```ts
 * const r = simulateTraffic(input);
 * r.forwardedFraction + r.droppedFraction + r.rejectedFraction + r.notHandledFraction; // => 1
 * r.mostOverloaded?.zone; // => 'zone-a'
 * ```
 */
export interface SimulationResult {
  /** Set when kube-proxy does not program the Service at all; everything else is then empty. */
  readonly notProxied: NotProxiedResult | null;
  /** The deviation profile simulated (its full pinned name); absent for kube-proxy. */
  readonly profile?: ProfileId;
  readonly port: PortRef | null;
  readonly ipFamily: IPFamily;
  /** The release whose rules decided. */
  readonly kubernetesVersion: KubernetesVersion;
  readonly flow: { readonly via: NonNullable<Flow['via']>; readonly from: NonNullable<Flow['from']> };
  /** Every endpoint of the port and family, in `prepareService` order. */
  readonly endpoints: readonly SimulatedEndpoint[];
  /** Endpoints counted by the fair share (`serving: true`). */
  readonly servingEndpoints: number;
  /** `1 / servingEndpoints` (0 when none): each one's share if all traffic were spread evenly. */
  readonly fairShare: number;
  /** The endpoint with the largest share (first in order on ties); `null` when nothing is forwarded. */
  readonly mostOverloaded: SimulatedEndpoint | null;
  readonly classes: readonly ClientClass[];
  readonly zoneMatrix: ZoneMatrix;
  readonly forwardedFraction: number;
  /** Forwarded between two known, different zones. */
  readonly crossZoneFraction: number;
  /** Forwarded within one known zone. */
  readonly inZoneFraction: number;
  /** Forwarded where the client's or the endpoint's zone is unknown (`''`). */
  readonly unknownZoneFraction: number;
  readonly droppedFraction: number;
  readonly rejectedFraction: number;
  /**
   * Traffic kube-proxy does not handle at all (`action: 'not-handled'`: external IPs while
   * `AllowServiceExternalIPs` is off, 1.36 on). It reaches no endpoint through kube-proxy.
   */
  readonly notHandledFraction: number;
  /** Client nodes whose traffic is dropped, sorted by name. */
  readonly droppedNodes: readonly string[];
  /** Client nodes whose traffic is rejected, sorted by name. */
  readonly rejectedNodes: readonly string[];
  /** Client nodes whose traffic kube-proxy does not handle, sorted by name. */
  readonly notHandledNodes: readonly string[];
  /** Client nodes whose forwarded traffic all stays in their own (known) zone, sorted by name. */
  readonly inZoneNodes: readonly string[];
  /** Total placed client weight (the denominator of every fraction). */
  readonly totalWeight: number;
  readonly unplacedClients: readonly UnplacedClients[];
  /** Nodes left out of the default client set (taints, cordoned, not a load-balancer target), sorted by name. */
  readonly excludedClientNodes: readonly ExcludedClientNode[];
  /** Nodes made up to place clients when `$.nodes` is empty. */
  readonly assumedNodes: readonly AssumedNode[];
  /** Set for `via: 'loadBalancer'` from outside: which nodes the load balancer sends to. */
  readonly loadBalancer: LoadBalancerTargets | null;
  /** The thresholds the warnings used. */
  readonly thresholds: { readonly overload: number; readonly dropped: number };
  readonly warnings: readonly SimulationWarning[];
}

/**
 * A node as read: kube-proxy's identity for it, and whether it hosts clients by default. @internal
 *
 * @example
 * ```ts
 * const n: SimNode = { name: 'a1', zone: 'zone-a', hasZoneLabel: true, schedulable: true, taints: [], excludedFromLoadBalancers: false };
 * ```
 */
export interface SimNode extends NodeIdentity {
  readonly schedulable: boolean;
  /** `spec.taints` (for where client Pods can run). */
  readonly taints: readonly NodeTaint[];
  /** Carries `node.kubernetes.io/exclude-from-external-load-balancers`. */
  readonly excludedFromLoadBalancers: boolean;
  /** Not in `$.nodes`: made up to place clients (see `assumedNodes`). */
  readonly assumed?: boolean;
}
