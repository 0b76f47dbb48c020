/**
 * kube-proxy's answer for one client node and flow, as the four Envoy v3 resources a proxyless
 * gRPC client (or Envoy over ADS) needs to reach the Service.
 *
 * @module
 */
import {
  type ClientNode,
  type Endpoint,
  type HandledFlowAction,
  type HandledFlowResult,
  type NotHandledFlowResult,
  type NotProxiedResult,
  type PreparedService,
  type PrepareOptions,
  type SelectInput,
  KubeTrafficError,
  prepareService,
} from '../index.js';
import { refuseNestedFlow } from '../proxy/select-endpoints.js';
import { asUdp, assignment, localities } from './assignment.js';
import {
  TYPE_URLS,
  type XdsAdsConfigSource,
  type XdsCluster,
  type XdsClusterLoadAssignment,
  type XdsListener,
  type XdsLocalityLbEndpoints,
  type XdsRouteConfiguration,
} from './proto.js';

/**
 * How the assignment is built.
 * - `exact` (the default): exactly kube-proxy's set, at priority 0. Nothing else is reachable.
 * - `failover`: kube-proxy's set at priority 0 and the Service's other usable endpoints at
 *   priority 1. **A deliberate departure from kube-proxy**: see {@link XdsInput.mode}.
 *
 * @category xds
 * @example
 * ```ts
 * const mode: XdsMode = 'failover';
 * ```
 */
export type XdsMode = 'exact' | 'failover';

/**
 * Resource names. Every one is optional; the defaults let a gRPC client dial
 * `xds:///NAME.NAMESPACE` (one-port Service) or `xds:///NAME.NAMESPACE:PORT` (a Service with
 * several ports, `PORT` the Service port's number), because gRPC's default listener name
 * template is the target's path itself.
 *
 * | resource | default |
 * | --- | --- |
 * | `listener` | `web.shop`, or `web.shop:80` when the Service has several ports |
 * | `routeConfiguration` | the listener's name |
 * | `cluster` | `web.shop:80` (always with the port number) |
 * | `clusterLoadAssignment` | the cluster's name |
 *
 * @category xds
 * @example
 * ```ts
 * const names: XdsNames = { listener: 'web.shop.svc.cluster.local:80' };
 * ```
 */
export interface XdsNames {
  readonly listener?: string;
  readonly routeConfiguration?: string;
  readonly cluster?: string;
  /** The EDS resource name (the cluster's `edsClusterConfig.serviceName`). */
  readonly clusterLoadAssignment?: string;
}

/**
 * Input of {@link xdsResources}: exactly what `selectEndpoints` takes (a Service, its
 * EndpointSlices, the client node, the port, the flow, the release), plus resource names and
 * the mode. As there, `via` and `from` sit beside the Service: `flow: { via, from }` is refused
 * with `invalid-value` at `$.flow` rather than ignored.
 *
 * @category xds
 * @example
 * ```ts
 * const input: XdsInput = { service, endpointSlices: slices, node: { name: 'node-a1', zone: 'zone-a' }, port: 'http' };
 * ```
 */
export interface XdsInput extends SelectInput {
  /** Resource names; see {@link XdsNames} for the defaults. */
  readonly names?: XdsNames;
  /**
   * `exact` (default) or `failover`. Failover puts the Service's other usable endpoints (those
   * kube-proxy would use for a `Cluster` policy without topology: the ready ones, or the serving
   * terminating ones when none is ready) at priority 1, so a client falls back to them when
   * kube-proxy's set fails. That is not what kube-proxy does: it never leaves its set, drops
   * Local-policy traffic on a node without a local endpoint, and picks uniformly. gRPC uses
   * priority 1 only when every priority-0 endpoint is unreachable (it ignores Envoy's
   * overprovisioning factor); Envoy starts spilling a share of the traffic as soon as part of
   * priority 0 is unhealthy. When kube-proxy's set is empty (drop), the fallback endpoints take
   * priority 0, since priorities must start at 0. A reject (no usable endpoint at all) stays empty.
   */
  readonly mode?: XdsMode;
}

/**
 * The resource names a result uses, defaults filled in (see {@link XdsNames}).
 *
 * @category xds
 * @example
 * ```ts
 * const names: XdsResourceNames = { listener: 'web.shop', routeConfiguration: 'web.shop', cluster: 'web.shop:80', clusterLoadAssignment: 'web.shop:80' };
 * ```
 */
export interface XdsResourceNames {
  readonly listener: string;
  readonly routeConfiguration: string;
  readonly cluster: string;
  readonly clusterLoadAssignment: string;
}

/**
 * The four Envoy v3 resources, in proto3 JSON form. Each carries its `@type`, so it can be put
 * as it is into a `DiscoveryResponse`'s `resources` or an Envoy config file.
 *
 * @category xds
 * @example
 * ```ts
 * const { listener, routeConfiguration, cluster, clusterLoadAssignment }: XdsResourceSet = resources;
 * ```
 */
export interface XdsResourceSet {
  readonly listener: XdsListener;
  readonly routeConfiguration: XdsRouteConfiguration;
  readonly cluster: XdsCluster;
  readonly clusterLoadAssignment: XdsClusterLoadAssignment;
}

/**
 * The answer of {@link xdsResources} for a flow kube-proxy handles: the resources, what
 * kube-proxy does with the flow (`forward`, or `drop` / `reject`, which give an empty
 * assignment), and the decision they were built from.
 *
 * @category xds
 * @example
 * ```ts
 * const r = xdsResources(input);
 * if (r.kind === 'proxied' && r.action !== 'forward') r.clusterLoadAssignment.endpoints; // => []
 * ```
 */
export interface XdsProxiedResources extends XdsResourceSet {
  readonly kind: 'proxied';
  /** What kube-proxy does with this flow on this node. */
  readonly action: HandledFlowAction;
  readonly mode: XdsMode;
  readonly names: XdsResourceNames;
  /** kube-proxy's decision (`selectEndpoints`' answer) the resources were built from. */
  readonly selection: HandledFlowResult;
}

/**
 * The answer for a Service kube-proxy does not program (headless, another proxy's, no
 * cluster IP of the family…): there is no virtual service to route to, so no resources.
 *
 * @category xds
 * @example
 * ```ts
 * const r = xdsResources(input);
 * if (r.kind === 'not-proxied') r.selection.reason; // => 'headless'
 * ```
 */
export interface XdsNotProxied {
  readonly kind: 'not-proxied';
  readonly selection: NotProxiedResult;
}

/**
 * Why kube-proxy handles none of a flow's traffic. The one case: the flow comes through an
 * external IP while kube-proxy's `AllowServiceExternalIPs` gate is off (Kubernetes 1.36 on), so
 * kube-proxy writes no rule for those addresses (docs/kube-proxy.md §8).
 *
 * @category xds
 * @example
 * ```ts
 * const reason: XdsNotHandledReason = 'external-ips-not-allowed';
 * ```
 */
export type XdsNotHandledReason = 'external-ips-not-allowed';

/**
 * The answer for a flow kube-proxy does not handle at all (`selectEndpoints` says
 * `action: 'not-handled'`): kube-proxy neither forwards, drops nor rejects the traffic, so there
 * is no kube-proxy answer to serve — no resources, rather than an empty assignment (which a
 * client would read as a drop or a reject).
 *
 * @category xds
 * @example
 * ```ts
 * const r = xdsResources({ ...input, via: 'externalIP', from: 'outside', kubernetesVersion: '1.36', gates: { AllowServiceExternalIPs: false } });
 * if (r.kind === 'not-handled') r.reason; // => 'external-ips-not-allowed'
 * ```
 */
export interface XdsNotHandled {
  readonly kind: 'not-handled';
  readonly reason: XdsNotHandledReason;
  /** The reason in a sentence, naming the Service. */
  readonly message: string;
  /** kube-proxy's decision (`selectEndpoints`' answer, `action: 'not-handled'`). */
  readonly selection: NotHandledFlowResult;
}

/**
 * The answer of {@link xdsResources}: resources for a flow kube-proxy handles, or no resources
 * and why (`not-proxied`: kube-proxy does not program the Service; `not-handled`: it programs no
 * rule for this flow). Narrow on `kind`.
 *
 * @category xds
 * @example
 * ```ts
 * const r: XdsResult = xdsResources(input);
 * ```
 */
export type XdsResult = XdsProxiedResources | XdsNotProxied | XdsNotHandled;

/**
 * Envoy v3 resources that send a client on `input.node` exactly where kube-proxy on that node
 * would: an API `Listener` (HTTP connection manager, routes over RDS, router filter), a
 * `RouteConfiguration`, an EDS `Cluster` over ADS and the `ClusterLoadAssignment`. In the default
 * `exact` mode the assignment holds exactly `selectEndpoints(input).endpoints` at priority 0, one
 * locality per zone weighted by its endpoint count, so each endpoint gets an equal share as with
 * kube-proxy's uniform choice; a drop or a reject gives an empty assignment, and `action` says
 * which. A flow kube-proxy does not handle (external IPs with `AllowServiceExternalIPs` off) and
 * a Service it does not program give no resources (`kind: 'not-handled'`, `'not-proxied'`).
 *
 * Pure: no I/O; the objects are plain proto3 JSON (see {@link XdsListener} and the other types).
 *
 * @param input - what `selectEndpoints` takes, plus `names` and `mode`
 * @returns the resources and the decision, or `kind: 'not-proxied'` / `'not-handled'` and why
 * @throws `KubeTrafficError` for malformed input, as `selectEndpoints` does; also for bad
 * `names` or `mode`, a `profile` other than kube-proxy's, and an SCTP port (Envoy's
 * `SocketAddress` has no SCTP)
 * @category xds
 * @example
 * ```ts
 * import { xdsResources } from 'kube-traffic/xds';
 *
 * const r = xdsResources({ service, endpointSlices: slices, node: { name: 'node-a1', zone: 'zone-a' }, port: 'http' });
 * if (r.kind === 'proxied') {
 *   r.names.listener; // => 'web.shop': a gRPC client dials xds:///web.shop
 *   r.clusterLoadAssignment.endpoints.map((l) => [l.locality.zone, l.loadBalancingWeight]); // => [['zone-a', 2]]
 * }
 * ```
 */
export function xdsResources(input: XdsInput): XdsResult {
  const { prepared, node, flow, options } = prepareXds(input);
  return resourcesFor(prepared, node, flow, options);
}

/** What {@link prepareXds} reads besides the prepared Service. @internal */
export interface XdsOptions {
  readonly names: XdsNames;
  readonly mode: XdsMode;
  /** How many ports the Service has (the listener name takes the port form when more than one). */
  readonly portCount: number;
}

/** The flow part of the input, passed as given. @internal */
export type XdsFlow = Pick<SelectInput, 'via' | 'from' | 'explain'>;

/** Reads the input's xDS options, then prepares the Service once. @internal */
export function prepareXds(input: Omit<XdsInput, 'node'> & { readonly node?: ClientNode }): {
  prepared: PreparedService;
  node: ClientNode | undefined;
  flow: XdsFlow;
  options: XdsOptions;
} {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw problem('invalid-type', '$', 'an input object { service, endpointSlices, node, port }', describeValue(input));
  }
  refuseNestedFlow(input as Record<string, unknown>);
  const names = readNames(input.names);
  const mode = readMode(input.mode);
  readProfile((input as { profile?: unknown }).profile);
  const prepareOptions: PrepareOptions = {
    ...(input.port !== undefined && { port: input.port }),
    ...(input.ipFamily !== undefined && { ipFamily: input.ipFamily }),
    ...(input.gates !== undefined && { gates: input.gates }),
    ...(input.kubernetesVersion !== undefined && { kubernetesVersion: input.kubernetesVersion }),
  };
  const prepared = prepareService(input.service, input.endpointSlices, prepareOptions);
  const flow: XdsFlow = {
    ...(input.via !== undefined && { via: input.via }),
    ...(input.from !== undefined && { from: input.from }),
    ...(input.explain !== undefined && { explain: input.explain }),
  };
  // Read after prepareService, which has already checked that the Service has `spec.ports`.
  const ports = (input.service as { spec?: { ports?: unknown } }).spec?.ports;
  return { prepared, node: input.node, flow, options: { names, mode, portCount: Array.isArray(ports) ? ports.length : 0 } };
}

/** The resources for one node on a prepared Service. @internal */
export function resourcesFor(prepared: PreparedService, node: ClientNode | undefined, flow: XdsFlow, options: XdsOptions): XdsResult {
  const selection = prepared.select(node as ClientNode, flow);
  if (selection.kind !== 'proxied') return { kind: 'not-proxied', selection };
  if (selection.action === 'not-handled') return notHandled(selection);
  const names = resourceNames(selection, options);
  const groups = assignmentGroups(prepared, selection, options.mode);
  return {
    kind: 'proxied',
    action: selection.action,
    mode: options.mode,
    names,
    ...staticResources(names),
    clusterLoadAssignment: assignment(names.clusterLoadAssignment, selection.categorized.port.protocol === 'UDP' ? asUdp(groups) : groups),
    selection,
  };
}

/**
 * No resources for a flow kube-proxy does not handle. Not an empty assignment: a client reads
 * that as a drop or a reject, and failover mode would even fill it. @internal
 */
export function notHandled(selection: NotHandledFlowResult): XdsNotHandled {
  const { namespace, name } = selection.categorized.service;
  return {
    kind: 'not-handled',
    reason: 'external-ips-not-allowed',
    message: `kube-proxy writes no rule for the external IPs of ${namespace}/${name} (the AllowServiceExternalIPs gate is off, Kubernetes ${selection.kubernetesVersion}): it neither forwards, drops nor rejects this traffic, so there is no answer to serve over xDS`,
    selection,
  };
}

/** The locality groups for one decision: the only place a decision becomes EDS content. @internal */
export function assignmentGroups(prepared: PreparedService, selection: HandledFlowResult, mode: XdsMode): XdsLocalityLbEndpoints[] {
  const protocol = selection.categorized.port.protocol;
  if (protocol !== 'TCP' && protocol !== 'UDP') {
    throw problem('unsupported-flow', '$.port', 'a TCP or UDP port (Envoy addresses have no SCTP)', `protocol ${JSON.stringify(protocol)}`);
  }
  // drop and reject: kube-proxy sends the packet nowhere, so the client must find no endpoint.
  const chosen: readonly Endpoint[] = selection.action === 'forward' ? selection.endpoints : [];
  if (mode === 'exact' || selection.action === 'reject') return localities(chosen, 0);
  const inSet = new Set(chosen.map((ep) => ep.key));
  const others = usableWithoutTopology(prepared.endpoints).filter((ep) => !inSet.has(ep.key));
  if (chosen.length === 0) return localities(others, 0);
  return [...localities(chosen, 0), ...localities(others, 1)];
}

/**
 * The endpoints kube-proxy would use for a Cluster policy with no topology: the ready ones, or
 * when none is ready the serving terminating ones (`CategorizeEndpoints`' fallback in
 * pkg/proxy/topology.go). Only failover mode uses it.
 */
function usableWithoutTopology(all: readonly Endpoint[]): Endpoint[] {
  const ready = all.filter((ep) => ep.ready);
  return ready.length > 0 ? ready : all.filter((ep) => ep.serving && ep.terminating);
}

/** The names, defaults filled in (see {@link XdsNames}). @internal */
export function resourceNames(selection: HandledFlowResult, options: XdsOptions): XdsResourceNames {
  const { namespace, name } = selection.categorized.service;
  const port = selection.categorized.port;
  const portText = port.port !== null ? String(port.port) : port.name;
  const host = `${name}.${namespace}`;
  const listener = options.names.listener ?? (options.portCount > 1 ? `${host}:${portText}` : host);
  const cluster = options.names.cluster ?? `${host}:${portText}`;
  return {
    listener,
    routeConfiguration: options.names.routeConfiguration ?? listener,
    cluster,
    clusterLoadAssignment: options.names.clusterLoadAssignment ?? cluster,
  };
}

const ADS: XdsAdsConfigSource = Object.freeze({ ads: Object.freeze({}), resourceApiVersion: 'V3' as const });

/** Listener, route configuration and cluster: they depend only on the names. @internal */
export function staticResources(names: XdsResourceNames): Omit<XdsResourceSet, 'clusterLoadAssignment'> {
  return {
    listener: {
      '@type': TYPE_URLS.listener,
      name: names.listener,
      apiListener: {
        apiListener: {
          '@type': TYPE_URLS.httpConnectionManager,
          statPrefix: names.listener,
          rds: { configSource: ADS, routeConfigName: names.routeConfiguration },
          // gRPC requires the router as the last (here the only) HTTP filter.
          httpFilters: [{ name: 'envoy.filters.http.router', typedConfig: { '@type': TYPE_URLS.router } }],
        },
      },
    },
    routeConfiguration: {
      '@type': TYPE_URLS.routeConfiguration,
      name: names.routeConfiguration,
      virtualHosts: [{ name: names.listener, domains: ['*'], routes: [{ match: { prefix: '/' }, route: { cluster: names.cluster } }] }],
    },
    cluster: {
      '@type': TYPE_URLS.cluster,
      name: names.cluster,
      type: 'EDS',
      edsClusterConfig: { edsConfig: ADS, serviceName: names.clusterLoadAssignment },
      lbPolicy: 'ROUND_ROBIN',
      commonLbConfig: { localityWeightedLbConfig: {} },
    },
  };
}

const NAME_KEYS = ['listener', 'routeConfiguration', 'cluster', 'clusterLoadAssignment'] as const;

function readNames(names: unknown): XdsNames {
  if (names === undefined) return {};
  if (typeof names !== 'object' || names === null || Array.isArray(names)) {
    throw problem('invalid-type', '$.names', 'an object { listener?, routeConfiguration?, cluster?, clusterLoadAssignment? }', describeValue(names));
  }
  const out: Record<string, string> = {};
  for (const key of NAME_KEYS) {
    const v = (names as Record<string, unknown>)[key];
    if (v === undefined) continue;
    if (typeof v !== 'string' || v === '') throw problem(typeof v === 'string' ? 'invalid-value' : 'invalid-type', `$.names.${key}`, 'a non-empty string', describeValue(v));
    out[key] = v;
  }
  return out;
}

/**
 * xDS resources follow kube-proxy's rules only: another data plane's profile is refused rather
 * than silently answered as kube-proxy.
 */
function readProfile(profile: unknown): void {
  if (profile === undefined || profile === 'kube-proxy') return;
  if (typeof profile === 'object' && profile !== null && !Array.isArray(profile) && (profile as { name?: unknown }).name === 'kube-proxy' && Object.keys(profile).length === 1) return;
  throw problem('invalid-value', '$.profile', "'kube-proxy' or nothing (kube-traffic/xds builds kube-proxy's answer only)", describeValue(profile));
}

function readMode(mode: unknown): XdsMode {
  if (mode === undefined) return 'exact';
  if (mode === 'exact' || mode === 'failover') return mode;
  throw problem(typeof mode === 'string' ? 'invalid-value' : 'invalid-type', '$.mode', "'exact' or 'failover'", describeValue(mode));
}

/** A one-problem {@link KubeTrafficError}. @internal */
export function problem(code: KubeTrafficError['code'], path: string, expected: string, received: string): KubeTrafficError {
  return new KubeTrafficError([{ code, path, expected, received, message: `${path}: expected ${expected}, found ${received}` }]);
}

/** A short description of a received value, for messages. @internal */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (typeof value === 'string') return `string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${String(value)}`;
}
