// An example xDS control plane: serves kube-proxy's answer for each client node, from a cluster
// dump, to proxyless gRPC clients (or Envoy) over ADS, state of the world.
//
//   node examples/xds/control-plane.mjs [--file examples/cluster.json] [--port 18000] [--pod-ips]
//
// Each client's bootstrap names its node (`node.id` = the Kubernetes node name); the server builds
// that node's resources with kube-traffic/xds and serves them on the client's stream. A client
// dials `xds:///NAME.NAMESPACE` (for example xds:///web.shop).
//
// A dump is not a live cluster, so by default every endpoint is stood in for by a small gRPC
// server on 127.0.0.1 that answers with its endpoint's address, and the assignments point there.
// `--pod-ips` serves the dump's own addresses instead (for clients inside that cluster's network).
//
// Uses @grpc/grpc-js, and the Envoy .proto files that @grpc/grpc-js-xds ships (./envoy-protos.mjs).
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { xdsResources } from 'kube-traffic/xds';
import { ENVOY_INCLUDE_DIRS, ENVOY_PROTO_FILES } from './envoy-protos.mjs';

const { values: args } = parseArgs({
  options: { file: { type: 'string', default: new URL('../cluster.json', import.meta.url).pathname }, port: { type: 'string', default: '18000' }, 'pod-ips': { type: 'boolean', default: false } },
});

// --- The cluster: Services, EndpointSlices and Nodes of a `kubectl get … -o json` List. ---------
const dump = JSON.parse(readFileSync(args.file, 'utf8'));
const items = dump.items ?? [];
const services = items.filter((o) => o.kind === 'Service');
const slices = items.filter((o) => o.kind === 'EndpointSlice');
const nodes = new Map(items.filter((o) => o.kind === 'Node').map((n) => [n.metadata.name, n]));

// --- Stand-in backends (unless --pod-ips): endpoint IP:port -> 127.0.0.1:<port>. ---------------
const identity = (b) => b;
const standIns = new Map();
if (!args['pod-ips']) {
  for (const slice of slices) {
    for (const port of slice.ports ?? []) {
      for (const ep of slice.endpoints ?? []) {
        const key = `${ep.addresses[0]}:${port.port}`;
        if (standIns.has(key)) continue;
        const server = new grpc.Server();
        // Any method: the stand-in answers every call with the endpoint it stands for.
        server.addService({ Name: { path: '/kt.Who/Name', requestStream: false, responseStream: false, requestSerialize: identity, requestDeserialize: identity, responseSerialize: identity, responseDeserialize: identity } }, { Name: (_c, cb) => cb(null, Buffer.from(key)) });
        const p = await new Promise((ok, fail) => server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (e, bound) => (e ? fail(e) : ok(bound))));
        standIns.set(key, p);
      }
    }
  }
}

// --- Envoy's protos, loaded so that protobufjs can encode every `Any` by its `@type`. ----------
const definition = protoLoader.loadSync([...ENVOY_PROTO_FILES], { keepCase: false, includeDirs: [...ENVOY_INCLUDE_DIRS] });
const ads = grpc.loadPackageDefinition(definition).envoy.service.discovery.v3.AggregatedDiscoveryService;

/** One node's resources: typeUrl -> name -> resource (proto3 JSON, as kube-traffic/xds gives it). */
function resourcesFor(nodeName) {
  const node = nodes.get(nodeName) ?? { name: nodeName };
  const byType = new Map();
  const add = (r) => {
    if (!byType.has(r['@type'])) byType.set(r['@type'], new Map());
    byType.get(r['@type']).set(r.name ?? r.clusterName, r);
  };
  for (const service of services) {
    for (const port of service.spec?.ports ?? []) {
      const r = xdsResources({ service, endpointSlices: slices, node, port: port.name ?? port.port });
      if (r.kind !== 'proxied') continue; // headless and the like: nothing to route
      add(r.listener);
      add(r.routeConfiguration);
      add(r.cluster);
      add(forWire(r.clusterLoadAssignment));
    }
  }
  return byType;
}

/**
 * protobufjs reads objects, not proto3 JSON: a wrapper (`loadBalancingWeight`, a UInt32Value)
 * must be `{ value }` there. This is also where stand-in addresses replace the dump's.
 */
function forWire(cla) {
  return {
    ...cla,
    endpoints: cla.endpoints.map((l) => ({
      ...l,
      loadBalancingWeight: { value: l.loadBalancingWeight },
      lbEndpoints: l.lbEndpoints.map((lb) => {
        const { address, portValue } = lb.endpoint.address.socketAddress;
        const local = standIns.get(`${address}:${portValue}`);
        return local === undefined ? lb : { ...lb, endpoint: { address: { socketAddress: { address: '127.0.0.1', portValue: local } } } };
      }),
    })),
  };
}

// --- ADS, state of the world: per stream a node; per type a subscription, a version and a nonce.
let nonces = 0;
function streamAggregatedResources(call) {
  let nodeName = null;
  const types = new Map(); // typeUrl -> { names, nonce, version }
  call.on('data', (req) => {
    nodeName ??= req.node?.id || null;
    const st = types.get(req.typeUrl) ?? { names: [], nonce: '', version: 0 };
    types.set(req.typeUrl, st);
    if (req.responseNonce && req.responseNonce !== st.nonce) return; // stale: answers an older response
    if (req.errorDetail) console.error(`NACK from ${nodeName} for ${req.typeUrl}: ${req.errorDetail.message}`);
    const names = [...req.resourceNames].sort().join(',');
    // An ACK (or NACK) of the current subscription gets no new response: only a changed one does.
    if (req.responseNonce && names === st.names.join(',')) return;
    st.names = [...req.resourceNames].sort();
    const all = resourcesFor(nodeName).get(req.typeUrl) ?? new Map();
    st.version += 1;
    st.nonce = String(++nonces);
    call.write({
      versionInfo: String(st.version),
      typeUrl: req.typeUrl,
      nonce: st.nonce,
      resources: st.names.filter((n) => all.has(n)).map((n) => all.get(n)),
    });
  });
  call.on('end', () => call.end());
  call.on('error', () => {});
}

const server = new grpc.Server();
server.addService(ads.service, { streamAggregatedResources });
const port = await new Promise((ok, fail) => server.bindAsync(`127.0.0.1:${args.port}`, grpc.ServerCredentials.createInsecure(), (e, p) => (e ? fail(e) : ok(p))));
console.log(`xDS control plane on 127.0.0.1:${port}: ${services.length} Services, ${nodes.size} nodes${args['pod-ips'] ? '' : `, ${standIns.size} stand-in endpoints on 127.0.0.1`}`);
