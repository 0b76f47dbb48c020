// A loopback Aggregated Discovery Service server written for the end-to-end test: state of the
// world (the only variant @grpc/grpc-js-xds speaks), one node per stream, per-type version and
// nonce, ACK/NACK handling. It never answers an ACK with a new response, ignores requests whose
// nonce is stale, and pushes a type again only when its content for that stream changed.
import * as grpc from '@grpc/grpc-js';
import { encodeAny, root } from './proto-json.mjs';

const DiscoveryRequest = root.lookupType('envoy.service.discovery.v3.DiscoveryRequest');
const DiscoveryResponse = root.lookupType('envoy.service.discovery.v3.DiscoveryResponse');

const ADS_SERVICE = {
  StreamAggregatedResources: {
    path: '/envoy.service.discovery.v3.AggregatedDiscoveryService/StreamAggregatedResources',
    requestStream: true,
    responseStream: true,
    requestSerialize: (m) => Buffer.from(DiscoveryRequest.encode(DiscoveryRequest.fromObject(m)).finish()),
    requestDeserialize: (b) => DiscoveryRequest.toObject(DiscoveryRequest.decode(b), { enums: String, longs: Number, defaults: true }),
    responseSerialize: (m) => Buffer.from(DiscoveryResponse.encode(DiscoveryResponse.fromObject(m)).finish()),
    responseDeserialize: (b) => DiscoveryResponse.toObject(DiscoveryResponse.decode(b)),
  },
};

/** Listener and Cluster are state-of-the-world "wildcard" types: an empty subscription means all. */
const WILDCARD_TYPES = new Set(['type.googleapis.com/envoy.config.listener.v3.Listener', 'type.googleapis.com/envoy.config.cluster.v3.Cluster']);

/**
 * Starts the server on 127.0.0.1. `world(nodeId)` returns that node's resources:
 * `Map<typeUrl, Map<name, proto3 JSON object with @type>>`.
 */
export async function startAdsServer(world) {
  const server = new grpc.Server();
  const streams = new Set();
  const stats = { streams: 0, requests: 0, responses: 0, acks: 0, nacks: [], stale: 0, nodes: new Set() };
  let nonceCounter = 0;

  server.addService(ADS_SERVICE, {
    StreamAggregatedResources(call) {
      const stream = { call, node: null, types: new Map() };
      streams.add(stream);
      stats.streams++;
      const forget = () => streams.delete(stream);
      call.on('end', () => {
        forget();
        call.end();
      });
      call.on('error', forget);
      call.on('cancelled', forget);
      call.on('data', (req) => {
        stats.requests++;
        // The node is sent on the stream's first request (later ones may omit it).
        if (stream.node === null && req.node && req.node.id) {
          stream.node = req.node;
          stats.nodes.add(req.node.id);
        }
        const typeUrl = req.typeUrl;
        let st = stream.types.get(typeUrl);
        if (st === undefined) stream.types.set(typeUrl, (st = { names: [], version: 0, nonce: '', sent: null }));
        if (req.responseNonce !== '' && req.responseNonce !== st.nonce) {
          // An answer to a response we have since replaced: the protocol says ignore it.
          stats.stale++;
          return;
        }
        const names = [...req.resourceNames].sort();
        const changed = names.join('\n') !== st.names.join('\n');
        st.names = names;
        if (req.responseNonce === '') {
          send(stream, typeUrl, st, true);
          return;
        }
        if (req.errorDetail && req.errorDetail.message) {
          stats.nacks.push({ node: stream.node?.id, typeUrl, version: req.versionInfo, message: req.errorDetail.message });
          return; // NACK: keep what we have; the client keeps its last accepted version.
        }
        stats.acks++;
        // An ACK. Reply only when the subscription itself changed (a new name was asked for).
        if (changed) send(stream, typeUrl, st, false);
      });
    },
  });

  /** Sends the subscribed resources of `typeUrl` if `force` or if they changed since last sent. */
  function send(stream, typeUrl, st, force) {
    if (stream.node === null) return;
    const all = world(stream.node.id).get(typeUrl) ?? new Map();
    const wanted = st.names.length === 0 && WILDCARD_TYPES.has(typeUrl) ? [...all.keys()].sort() : st.names;
    const resources = wanted.filter((n) => all.has(n)).map((n) => all.get(n));
    // Safety net: this server hands out loopback addresses only, whatever `world` returns.
    for (const r of resources) for (const l of r.endpoints ?? []) for (const lb of l.lbEndpoints ?? []) {
      const address = lb.endpoint?.address?.socketAddress?.address;
      if (typeof address !== 'string' || !/^127\./.test(address)) throw new Error(`refusing to serve the non-loopback address ${address}`);
    }
    const content = JSON.stringify(resources);
    if (!force && content === st.sent) return;
    st.sent = content;
    st.version++;
    st.nonce = `n${++nonceCounter}`;
    stats.responses++;
    stream.call.write({
      versionInfo: String(st.version),
      typeUrl,
      nonce: st.nonce,
      resources: resources.map((r) => {
        const any = encodeAny(r);
        return { type_url: any.typeUrl, value: any.value };
      }),
    });
  }

  const port = await new Promise((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (err, p) => (err ? reject(err) : resolve(p))),
  );
  return {
    address: `127.0.0.1:${port}`,
    stats,
    /** Re-evaluates `world` for every stream and sends each type whose content changed. */
    push() {
      for (const stream of streams) for (const [typeUrl, st] of stream.types) if (st.nonce !== '') send(stream, typeUrl, st, false);
    },
    close() {
      for (const stream of streams) stream.call.end();
      server.forceShutdown();
    },
  };
}
