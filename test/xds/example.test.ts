/**
 * The example control plane (examples/xds/control-plane.mjs) and client (examples/xds/client.mjs)
 * work as the README says: a client on a node reaches kube-proxy's set for that node, and a
 * dropped flow fails with UNAVAILABLE. Both run as child processes, killed when done.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type EndpointSliceInput, type NodeInput, type ServiceInput, selectEndpoints } from '../../src/index.js';

const run = promisify(execFile);
const example = (f: string) => fileURLToPath(new URL(`../../examples/xds/${f}`, import.meta.url));
const dump = JSON.parse(readFileSync(new URL('../../examples/cluster.json', import.meta.url), 'utf8')) as { items: { kind: string; metadata: { name: string } }[] };
const of = <T>(kind: string) => dump.items.filter((o) => o.kind === kind) as unknown as T[];

let server: ChildProcess | undefined;
let address = '';

beforeAll(async () => {
  server = spawn(process.execPath, [example('control-plane.mjs'), '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  address = await new Promise<string>((resolve, reject) => {
    let out = '';
    server!.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /127\.0\.0\.1:(\d+)/.exec(out);
      if (m) resolve(m[0]);
    });
    server!.on('exit', (code) => reject(new Error(`control plane exited with ${code}: ${out}`)));
  });
}, 120_000);

afterAll(() => {
  server?.kill('SIGKILL');
});

async function client(node: string, target: string): Promise<Record<string, number>> {
  const { stdout } = await run(process.execPath, [example('client.mjs'), node, target, '40', '--server', address], { timeout: 120_000 });
  return (JSON.parse(stdout) as { answers: Record<string, number> }).answers;
}

function kubeProxy(node: string, service: string) {
  const r = selectEndpoints({
    service: of<ServiceInput & { metadata: { name: string } }>('Service').find((s) => s.metadata.name === service)!,
    endpointSlices: of<EndpointSliceInput>('EndpointSlice'),
    node: of<NodeInput & { metadata: { name: string } }>('Node').find((n) => n.metadata.name === node)!,
  });
  if (r.kind !== 'proxied') throw new Error('expected proxied');
  return r;
}

it('a client on node-a1 reaches exactly kube-proxy’s endpoints for shop/web', async () => {
  const answers = await client('node-a1', 'web.shop');
  expect(Object.keys(answers).sort()).toEqual(kubeProxy('node-a1', 'web').endpoints.map((e) => e.key).sort());
}, 120_000);

it('a client on node-b2, where kube-proxy drops shop/cache, gets UNAVAILABLE', async () => {
  expect(kubeProxy('node-b2', 'cache').action).toBe('drop');
  expect(await client('node-b2', 'cache.shop')).toEqual({ UNAVAILABLE: 40 });
}, 120_000);
