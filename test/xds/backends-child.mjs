// Loopback gRPC backends standing in for a dump's endpoints, in their own process so that
// serving the calls does not share an event loop with the clients or the ADS server. Reads a
// JSON array of endpoint keys (`IP:port` of the dump) on the first line of stdin, starts one
// server per key on 127.0.0.1 (./grpc-backend.mjs, an ephemeral port each) whose one method
// answers with that key, prints `{ key: port }` as one JSON line, and exits when stdin closes
// (the parent ended or let go). Each later line is a command `{ seq, op: 'cpu' }`, answered
// `{ seq, result: { cpuMs } }`: this process's CPU time.
import { createInterface } from 'node:readline';
import { startBackend } from './grpc-backend.mjs';

const lines = createInterface({ input: process.stdin });
let started = false;
lines.on('line', async (line) => {
  if (started) {
    const { seq, op } = JSON.parse(line);
    const cpu = process.cpuUsage();
    const reply = op === 'cpu' ? { seq, result: { cpuMs: Math.round((cpu.user + cpu.system) / 1000) } } : { seq, error: `unknown op ${op}` };
    process.stdout.write(`${JSON.stringify(reply)}\n`);
    return;
  }
  started = true;
  const ports = {};
  for (const key of JSON.parse(line)) ports[key] = (await startBackend(key)).port;
  process.stdout.write(`${JSON.stringify(ports)}\n`);
});
lines.on('close', () => process.exit(0));
process.on('SIGTERM', () => process.exit(0));
