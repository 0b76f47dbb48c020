// The Envoy v3 .proto files an ADS server for kube-traffic/xds' resources needs, and where
// @grpc/grpc-js-xds ships them (its deps/ folder). One list, read by the example control plane
// (./control-plane.mjs) and by the tests' strict encoder (test/xds/proto-json.mjs).
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** The files, relative to an include directory: ADS itself and every resource type it serves. */
export const ENVOY_PROTO_FILES = Object.freeze([
  'envoy/service/discovery/v3/ads.proto',
  'envoy/config/listener/v3/listener.proto',
  'envoy/config/route/v3/route.proto',
  'envoy/config/cluster/v3/cluster.proto',
  'envoy/config/endpoint/v3/endpoint.proto',
  'envoy/extensions/filters/network/http_connection_manager/v3/http_connection_manager.proto',
  'envoy/extensions/filters/http/router/v3/router.proto',
]);

const require = createRequire(import.meta.url);
const deps = join(dirname(require.resolve('@grpc/grpc-js-xds/package.json')), 'deps');

/** The include directories the files import from (Envoy's API, xDS, googleapis, validate). */
export const ENVOY_INCLUDE_DIRS = Object.freeze(['envoy-api', 'xds', 'googleapis', 'protoc-gen-validate'].map((d) => join(deps, d)));
