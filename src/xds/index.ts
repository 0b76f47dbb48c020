/**
 * `kube-traffic/xds`: kube-proxy's choice as Envoy v3 xDS resources, so proxyless gRPC clients
 * and Envoy route exactly where kube-proxy would. Plain proto3 JSON objects, no I/O, no
 * runtime dependency.
 *
 * @packageDocumentation
 */
export { xdsResources } from './resources.js';
export type {
  XdsInput,
  XdsMode,
  XdsNames,
  XdsResourceNames,
  XdsResourceSet,
  XdsResult,
  XdsProxiedResources,
  XdsNotProxied,
  XdsNotHandled,
  XdsNotHandledReason,
} from './resources.js';
export { xdsAssignments } from './many.js';
export type { XdsManyInput, XdsAnswer, XdsManyResult, XdsManyProxied, XdsManyNotProxied, XdsManyNotHandled } from './many.js';
export { TYPE_URLS } from './proto.js';
export type {
  XdsAdsConfigSource,
  XdsListener,
  XdsRouteConfiguration,
  XdsCluster,
  XdsLbEndpoint,
  XdsLocalityLbEndpoints,
  XdsClusterLoadAssignment,
} from './proto.js';
