/**
 * Well-known label and annotation keys the rules read.
 *
 * @module
 */

/**
 * Label on an EndpointSlice naming its Service.
 *
 * @category input
 * @example
 * ```ts
 * slice.metadata.labels[SERVICE_NAME_LABEL]; // => 'web'
 * ```
 */
export const SERVICE_NAME_LABEL = 'kubernetes.io/service-name';

/**
 * Node label holding the node's zone. The older `failure-domain.beta…` label is not consulted.
 *
 * @category input
 * @example
 * ```ts
 * const node = { name: 'node-a', labels: { [ZONE_LABEL]: 'zone-a' } };
 * ```
 */
export const ZONE_LABEL = 'topology.kubernetes.io/zone';

/**
 * Service/slice label handing the object to another proxy: kube-proxy ignores it.
 *
 * @category input
 * @example
 * ```ts
 * categorizeEndpoints({ ...input, service: { ...service, metadata: { ...service.metadata, labels: { [SERVICE_PROXY_NAME_LABEL]: 'cilium' } } } }).kind;
 * // => 'not-proxied'
 * ```
 */
export const SERVICE_PROXY_NAME_LABEL = 'service.kubernetes.io/service-proxy-name';

/**
 * Service/slice label marking it headless: kube-proxy ignores it.
 *
 * @category input
 * @example
 * ```ts
 * HEADLESS_LABEL; // => 'service.kubernetes.io/headless'
 * ```
 */
export const HEADLESS_LABEL = 'service.kubernetes.io/headless';

/**
 * Annotation enabling topology-aware routing (`Auto`) in the EndpointSlice controller.
 *
 * @category input
 * @example
 * ```ts
 * const service = { metadata: { name: 'web', annotations: { [TOPOLOGY_MODE_ANNOTATION]: 'Auto' } }, spec: {} };
 * ```
 */
export const TOPOLOGY_MODE_ANNOTATION = 'service.kubernetes.io/topology-mode';

/**
 * Deprecated annotation; wins over {@link TOPOLOGY_MODE_ANNOTATION} whenever present, even empty.
 *
 * @category input
 * @example
 * ```ts
 * isAutoAnnotation({ [TOPOLOGY_AWARE_HINTS_ANNOTATION]: 'disabled', [TOPOLOGY_MODE_ANNOTATION]: 'Auto' }); // => false
 * ```
 */
export const TOPOLOGY_AWARE_HINTS_ANNOTATION = 'service.kubernetes.io/topology-aware-hints';

/** Node role labels whose nodes the topology algorithm does not count. @internal */
export const CONTROL_PLANE_LABELS = ['node-role.kubernetes.io/control-plane', 'node-role.kubernetes.io/master'] as const;
