// Loopback gRPC backends standing in for a dump's endpoints, in their own process so that
// serving the calls does not share a core with the clients. Reads a JSON array of endpoint keys
// (`IP:port` of the dump) on the first line of stdin, starts one server per key on 127.0.0.1
// (an ephemeral port each) whose one method answers with that key, prints `{ key: port }` as one
// JSON line, and exits when stdin closes (the parent ended or let go).
import { createInterface } from 'node:readline';
import * as grpc from '@grpc/grpc-js';

const identity = (b) => b;
const WHO = { Name: { path: '/kt.Who/Name', requestStream: false, responseStream: false, requestSerialize: identity, requestDeserialize: identity, responseSerialize: identity, responseDeserialize: identity } };

const lines = createInterface({ input: process.stdin });
let started = false;
lines.on('line', async (line) => {
  if (started) return;
  started = true;
  const ports = {};
  for (const key of JSON.parse(line)) {
    const server = new grpc.Server();
    const answer = Buffer.from(key);
    server.addService(WHO, { Name: (_call, cb) => cb(null, answer) });
    ports[key] = await new Promise((res, rej) => server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (e, p) => (e ? rej(e) : res(p))));
  }
  process.stdout.write(`${JSON.stringify(ports)}\n`);
});
lines.on('close', () => process.exit(0));
