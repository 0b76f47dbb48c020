/**
 * The Envoy v3 resources `kube-traffic/xds` builds, typed as their proto3 JSON form: the form of
 * Envoy's config files and of a `DiscoveryResponse` printed as JSON (lowerCamelCase field names,
 * enums as their names, `@type` on every `google.protobuf.Any`, wrapper types such as
 * `UInt32Value` as bare numbers). Only the fields this module writes are typed.
 *
 * @module
 */

/**
 * The `type_url`s (an `Any`'s `@type`) of the resources and extensions this module writes: what
 * a `DiscoveryRequest` asks for and a `DiscoveryResponse` carries.
 *
 * @category xds
 * @example
 * ```ts
 * import { TYPE_URLS } from 'kube-traffic/xds';
 * if (request.typeUrl === TYPE_URLS.clusterLoadAssignment) respond([resources.clusterLoadAssignment]);
 * ```
 */
export const TYPE_URLS = Object.freeze({
  listener: 'type.googleapis.com/envoy.config.listener.v3.Listener',
  routeConfiguration: 'type.googleapis.com/envoy.config.route.v3.RouteConfiguration',
  cluster: 'type.googleapis.com/envoy.config.cluster.v3.Cluster',
  clusterLoadAssignment: 'type.googleapis.com/envoy.config.endpoint.v3.ClusterLoadAssignment',
  httpConnectionManager: 'type.googleapis.com/envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager',
  router: 'type.googleapis.com/envoy.extensions.filters.http.router.v3.Router',
} as const);

/**
 * A `ConfigSource` that says "over the aggregated (ADS) stream, v3 resources".
 *
 * @category xds
 * @example
 * ```ts
 * const source: XdsAdsConfigSource = { ads: {}, resourceApiVersion: 'V3' };
 * ```
 */
export interface XdsAdsConfigSource {
  readonly ads: Readonly<Record<string, never>>;
  readonly resourceApiVersion: 'V3';
}

/**
 * `envoy.config.listener.v3.Listener` as an API listener: no socket, only an HTTP connection
 * manager that takes its routes over RDS and ends in the router filter. This is the resource a
 * proxyless gRPC client asks for first, named by its target (`xds:///NAME`).
 *
 * @category xds
 * @example
 * ```ts
 * const { listener } = resources;
 * listener.apiListener.apiListener.rds.routeConfigName; // => 'web.shop'
 * ```
 */
export interface XdsListener {
  readonly '@type': typeof TYPE_URLS.listener;
  readonly name: string;
  readonly apiListener: {
    readonly apiListener: {
      readonly '@type': typeof TYPE_URLS.httpConnectionManager;
      readonly statPrefix: string;
      readonly rds: { readonly configSource: XdsAdsConfigSource; readonly routeConfigName: string };
      readonly httpFilters: readonly [
        { readonly name: 'envoy.filters.http.router'; readonly typedConfig: { readonly '@type': typeof TYPE_URLS.router } },
      ];
    };
  };
}

/**
 * `envoy.config.route.v3.RouteConfiguration`: one virtual host matching every authority, one
 * route sending every path to the Service's cluster.
 *
 * @category xds
 * @example
 * ```ts
 * resources.routeConfiguration.virtualHosts[0].routes[0].route.cluster; // => 'web.shop:80'
 * ```
 */
export interface XdsRouteConfiguration {
  readonly '@type': typeof TYPE_URLS.routeConfiguration;
  readonly name: string;
  readonly virtualHosts: readonly [
    {
      readonly name: string;
      readonly domains: readonly ['*'];
      readonly routes: readonly [{ readonly match: { readonly prefix: '/' }; readonly route: { readonly cluster: string } }];
    },
  ];
}

/**
 * `envoy.config.cluster.v3.Cluster` of type EDS whose endpoints come over ADS. It names no load
 * reporting server (no LRS) and asks Envoy to honour locality weights, which is how every
 * endpoint gets an equal share (gRPC always honours them).
 *
 * @category xds
 * @example
 * ```ts
 * resources.cluster.edsClusterConfig.edsConfig; // => { ads: {}, resourceApiVersion: 'V3' }
 * ```
 */
export interface XdsCluster {
  readonly '@type': typeof TYPE_URLS.cluster;
  readonly name: string;
  readonly type: 'EDS';
  readonly edsClusterConfig: { readonly edsConfig: XdsAdsConfigSource; readonly serviceName: string };
  readonly lbPolicy: 'ROUND_ROBIN';
  readonly commonLbConfig: { readonly localityWeightedLbConfig: Readonly<Record<string, never>> };
}

/**
 * One `LbEndpoint`: an address and port, always `HEALTHY` (kube-proxy already removed what it
 * would not use; a proxy must not second-guess the set).
 *
 * @category xds
 * @example
 * ```ts
 * const ep: XdsLbEndpoint = {
 *   endpoint: { address: { socketAddress: { address: '10.1.2.3', portValue: 8080 } } },
 *   healthStatus: 'HEALTHY',
 * };
 * ```
 */
export interface XdsLbEndpoint {
  readonly endpoint: {
    readonly address: {
      readonly socketAddress: { readonly address: string; readonly portValue: number; readonly protocol?: 'UDP' };
    };
  };
  readonly healthStatus: 'HEALTHY';
}

/**
 * One `LocalityLbEndpoints`: the endpoints of one zone at one priority, weighted by their count
 * (a locality without a weight is ignored by gRPC).
 *
 * @category xds
 * @example
 * ```ts
 * const group: XdsLocalityLbEndpoints = {
 *   locality: { zone: 'zone-a' }, lbEndpoints: [ep1, ep2], loadBalancingWeight: 2, priority: 0,
 * };
 * ```
 */
export interface XdsLocalityLbEndpoints {
  /** `{ zone }` from the endpoints' EndpointSlice `zone`; `{}` for endpoints without one. */
  readonly locality: { readonly zone?: string };
  readonly lbEndpoints: readonly XdsLbEndpoint[];
  /** The number of endpoints in `lbEndpoints` (a `UInt32Value`, written as a bare number). */
  readonly loadBalancingWeight: number;
  /** 0: kube-proxy's set. 1: only in failover mode, the Service's other usable endpoints. */
  readonly priority: 0 | 1;
}

/**
 * `envoy.config.endpoint.v3.ClusterLoadAssignment`: what EDS delivers for the cluster. Empty
 * `endpoints` when kube-proxy drops or rejects the flow, so a client fails its calls with
 * `UNAVAILABLE` rather than reaching an endpoint kube-proxy would not.
 *
 * @category xds
 * @example
 * ```ts
 * resources.clusterLoadAssignment.endpoints.flatMap((l) => l.lbEndpoints).length; // => 2
 * ```
 */
export interface XdsClusterLoadAssignment {
  readonly '@type': typeof TYPE_URLS.clusterLoadAssignment;
  /** The EDS resource name: the cluster's `edsClusterConfig.serviceName`. */
  readonly clusterName: string;
  readonly endpoints: readonly XdsLocalityLbEndpoints[];
}
