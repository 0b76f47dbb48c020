// A proxyless gRPC client on one node, through the example control plane:
//
//   node examples/xds/client.mjs node-a1 web.shop [calls] [--server 127.0.0.1:18000]
//
// It counts which endpoint answered each call. The bootstrap tells grpc-js-xds where the
// control plane is and who the client is: node.id is the Kubernetes node name, and
// node.locality is required by grpc-js-xds (its zone is the node's).
import { parseArgs } from 'node:util';
import * as grpc from '@grpc/grpc-js';
import * as grpcXds from '@grpc/grpc-js-xds';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { server: { type: 'string', default: '127.0.0.1:18000' }, zone: { type: 'string' } } });
const [nodeName = 'node-a1', target = 'web.shop', count = '20'] = positionals;
const zone = values.zone ?? `zone-${nodeName.split('-')[1]?.[0] ?? 'a'}`;

const bootstrap = {
  xds_servers: [{ server_uri: values.server, channel_creds: [{ type: 'insecure' }], server_features: ['xds_v3'] }],
  node: { id: nodeName, locality: { zone } },
};
process.env.GRPC_XDS_BOOTSTRAP_CONFIG = JSON.stringify(bootstrap);
grpcXds.register();

const client = new grpc.Client(`xds:///${target}`, grpc.credentials.createInsecure());
const identity = (b) => b;
const seen = {};
for (let i = 0; i < Number(count); i++) {
  const answer = await new Promise((resolve) =>
    // Always a deadline: a resource the server never sends would hold the call for 15 s or more.
    client.makeUnaryRequest('/kt.Who/Name', identity, identity, Buffer.alloc(0), { deadline: Date.now() + 10_000 }, (err, res) => resolve(err ? grpc.status[err.code] : res.toString())),
  );
  seen[answer] = (seen[answer] ?? 0) + 1;
}
console.log(JSON.stringify({ node: nodeName, target, answers: seen }));
// grpc-js-xds keeps long timers (up to 15 minutes) alive; a command-line client just exits.
process.exit(0);
