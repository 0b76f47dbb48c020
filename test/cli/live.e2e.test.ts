/**
 * End to end against a live (fake) cluster: the BUILT CLI under Node 22 and 24 reads the
 * loopback API server of fake-apiserver.ts through a kubeconfig, and kubectl finds and runs it
 * as the `traffic` plugin.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeApiServer, startFakeApiServer } from './fake-apiserver.js';
import { cli, jsonDump, root, yamlDump } from './helpers.js';
import { nodeBinary } from './node-versions.js';

interface Ran {
  readonly stdout: string;
  readonly stderr: string;
  readonly status: number | null;
}

/** Runs a program without blocking the event loop (the fake API server is in this process). */
export function runAsync(cmd: string, args: readonly string[], env: Record<string, string | undefined> = {}, timeoutMs = 60_000): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: root, env: { ...process.env, NO_COLOR: '1', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ stdout, stderr, status });
    });
  });
}

const dumpItems = (JSON.parse(readFileSync(jsonDump, 'utf8')) as { items: Record<string, unknown>[] }).items;
const cliJs = join(root, 'dist', 'cli.js');

describe('live cluster (fake API server), built CLI', () => {
  let api: FakeApiServer;
  let node22: string;
  let node24: string;
  beforeAll(async () => {
    node22 = nodeBinary(22);
    node24 = nodeBinary(24);
    // An EndpointSlice field no model class knows: it must reach the library untouched.
    const items = dumpItems.map((o) => (o['kind'] === 'EndpointSlice' && (o['metadata'] as { name: string }).name.startsWith('search')
      ? { ...o, endpoints: (o['endpoints'] as Record<string, unknown>[]).map((e, i) => (i === 0 ? { ...e, futureField: 'kept' } : e)) }
      : o));
    api = await startFakeApiServer(items, {
      tokens: { good: {}, 'no-nodes': { deny: ['nodes'], user: 'viewer' }, 'no-services': { deny: ['services'], user: 'intern' } },
    });
  }, 600_000);
  afterAll(async () => api?.close());

  const live = (node: string, args: readonly string[], token = 'good', kubeconfig?: { namespace?: string }): Promise<Ran> =>
    runAsync(node, [cliJs, ...args], { KUBECONFIG: api.kubeconfig(token, kubeconfig) });

  it.each([22, 24] as const)('Node %i: explain -n shop reads the same objects as the dump', async (major) => {
    const node = major === 22 ? node22 : node24;
    const r = await live(node, ['explain', '-n', 'shop']);
    expect([r.status, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toBe(cli(['explain', '-f', yamlDump]).stdout);
    expect(r.stdout).toMatch(/^shop\s+cache\s+ClusterIP\s+n\/a/m);
  });

  it.each([22, 24] as const)('Node %i: the built package smoke test (library as ESM and CJS, both commands)', async (major) => {
    const r = await runAsync(major === 22 ? node22 : node24, ['scripts/smoke.mjs']);
    expect([r.status, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toMatch(new RegExp(`^smoke ok v${major}\\.`));
  });

  it('lists only the namespace asked for, pages with continue, and keeps fields no model class knows', async () => {
    const before = api.received.length;
    const r = await live(node22, ['hints', 'svc/search', '-n', 'shop', '--chunk-size', '2', '-o', 'json']);
    expect([r.status, r.stderr]).toEqual([0, '']);
    const paths = api.received.slice(before).map((x) => x.path);
    expect(paths).toContain('/api/v1/namespaces/shop/services?limit=2');
    expect(paths.some((p) => p.startsWith('/api/v1/namespaces/shop/services?limit=2&continue='))).toBe(true);
    expect(paths.some((p) => p.startsWith('/apis/discovery.k8s.io/v1/namespaces/shop/endpointslices?limit=2'))).toBe(true);
    expect(paths.some((p) => p.startsWith('/api/v1/nodes?limit=2&continue='))).toBe(true);
    expect(paths.some((p) => p.includes('/pods'))).toBe(false); // Pods only with --clients pods
    expect(paths.every((p) => !p.startsWith('/api/v1/services'))).toBe(true); // not every namespace
    const out = JSON.parse(r.stdout) as { endpointSlices: { endpoints: Record<string, unknown>[] }[] };
    expect(out.endpointSlices[0]!.endpoints[0]!['futureField']).toBe('kept');
  });

  it('-A lists every namespace; the kubeconfig context namespace is the default', async () => {
    const before = api.received.length;
    const all = await live(node22, ['explain', '-A', '-o', 'name']);
    expect(all.status).toBe(0);
    expect(all.stdout.split('\n').filter(Boolean)).toHaveLength(6);
    expect(api.received.slice(before).map((x) => x.path)).toContain('/api/v1/services?limit=500');
    const ctx = await live(node22, ['select', 'svc/cache', '--node', 'node-b2', '-o', 'json'], 'good', { namespace: 'shop' });
    expect(ctx.status).toBe(0);
    expect(JSON.parse(ctx.stdout)).toMatchObject({ action: 'drop', policy: 'Local' });
    const empty = await live(node22, ['explain']);
    expect([empty.status, empty.stdout, empty.stderr]).toEqual([0, '', 'No Services found in namespace default.\n']);
  });

  it('an expired continue token (410 Gone) restarts the list', async () => {
    api.expireNextContinue('services');
    const before = api.received.length;
    const r = await live(node22, ['explain', '-n', 'shop', '--chunk-size', '4', '-o', 'name']);
    expect([r.status, r.stderr]).toEqual([0, '']);
    expect(r.stdout.split('\n').filter(Boolean)).toHaveLength(6);
    const firstPages = api.received.slice(before).map((x) => x.path).filter((p) => p === '/api/v1/namespaces/shop/services?limit=4');
    expect(firstPages).toHaveLength(2);
  });

  it('Nodes forbidden by RBAC: goes on from the nodes the EndpointSlices name, and says so', async () => {
    const r = await live(node22, ['select', 'svc/cache', '-n', 'shop', '--node', 'node-b2', '-o', 'json', '--fail-on', 'warning'], 'no-nodes');
    expect(r.stderr.split('\n')[0]).toMatch(/^warning: cannot list nodes \(forbidden: user "no-nodes" may not list nodes \(context "fake"\): nodes is forbidden: User "viewer" cannot list resource "nodes" in API group "" at the cluster scope\); going on without Node objects/);
    expect(JSON.parse(r.stdout)).toMatchObject({ action: 'drop', categorized: { node: { name: 'node-b2', zone: 'zone-b' } } });
    expect(r.status).toBe(4); // --fail-on warning trips on it
  });

  it.each([
    ['forbidden Services: the verb and the resource', ['explain', '-n', 'shop'], 'no-services', /^error: forbidden: user "no-services" may not list services in namespace "shop" \(context "fake"\): services is forbidden: User "intern" cannot list resource "services" in API group "" in the namespace "shop"\n$/],
    ['rejected (expired) credentials', ['explain', '-n', 'shop'], 'expired', /^error: the API server https:\/\/127\.0\.0\.1:\d+ did not accept the credentials of user "expired" \(401 Unauthorized: Unauthorized\); they may have expired: log in again or refresh the kubeconfig\n$/],
    ['an unknown context', ['explain', '--context', 'prod'], 'good', /^error: context "prod" is not in the kubeconfig; its contexts: fake\n$/],
  ])('%s: exit 5, one line', async (_name, args, token, message) => {
    const r = await live(node22, args, token);
    expect(r.status).toBe(5);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
  });

  it('an unreachable server: exit 5, one line', async () => {
    const { createServer } = await import('node:net');
    const port = await new Promise<number>((resolve) => {
      const s = createServer();
      s.listen(0, '127.0.0.1', () => {
        const p = (s.address() as { port: number }).port;
        s.close(() => resolve(p));
      });
    });
    const config = api.kubeconfig('good', { context: 'gone' });
    const text = readFileSync(config, 'utf8').replace(api.url, `https://127.0.0.1:${port}`);
    const dir = mkdtempSync(join(tmpdir(), 'kt-kc-'));
    try {
      const path = join(dir, 'config');
      (await import('node:fs')).writeFileSync(path, text);
      const r = await runAsync(node22, [cliJs, 'explain', '--kubeconfig', path]);
      expect(r.status).toBe(5);
      expect(r.stderr).toMatch(new RegExp(`^error: cannot reach the API server https://127\\.0\\.0\\.1:${port} \\(context "gone"\\): .*ECONNREFUSED.*\\n$`));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('on Node 20, live mode says it needs Node 22.19 (files still work there)', async () => {
    const r = await runAsync(process.execPath, [cliJs, 'explain'], { KUBECONFIG: api.kubeconfig('good') });
    if (Number(process.versions.node.split('.')[0]) >= 22) return; // the suite itself runs on a newer Node
    expect(r.status).toBe(5);
    expect(r.stderr).toBe(`error: reading a live cluster needs Node.js 22.19 or later (this is ${process.version}); with Node 20, dump the objects and use -f: kubectl get svc,endpointslices,nodes -A -o yaml > cluster.yaml\n`);
  });

  it('kubectl lists the plugin, runs kubectl traffic --version, and a live explain through it', async () => {
    const bin = mkdtempSync(join(tmpdir(), 'kt-path-'));
    try {
      symlinkSync(join(root, 'dist', 'kubectl-traffic.js'), join(bin, 'kubectl-traffic'));
      symlinkSync(node22, join(bin, 'node'));
      const kubectl = spawnSync('sh', ['-c', 'command -v kubectl'], { encoding: 'utf8' }).stdout.trim();
      expect(kubectl, 'kubectl is needed (Debian: apt-get install kubernetes-client)').not.toBe('');
      const env = { PATH: `${bin}:${dirname(kubectl)}:/usr/bin:/bin`, KUBECONFIG: api.kubeconfig('good'), HOME: bin };
      const list = await runAsync(kubectl, ['plugin', 'list'], env);
      expect(list.stdout).toContain(join(bin, 'kubectl-traffic'));
      const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
      const version = await runAsync(kubectl, ['traffic', '--version'], env);
      expect([version.status, version.stdout]).toEqual([0, `kubectl traffic ${pkg.version}\n`]);
      const explain = await runAsync(kubectl, ['traffic', 'explain', '-n', 'shop'], env);
      expect([explain.status, explain.stderr]).toEqual([0, '']);
      expect(explain.stdout).toBe(cli(['explain', '-f', yamlDump]).stdout);
      // kubectl itself talks to the fake server through the same kubeconfig.
      const get = await runAsync(kubectl, ['get', '--raw', '/api/v1/namespaces/shop/services?limit=1'], env);
      expect(get.status).toBe(0);
      expect(JSON.parse(get.stdout)).toMatchObject({ kind: 'ServiceList', metadata: { continue: expect.any(String) } });
    } finally {
      rmSync(bin, { recursive: true, force: true });
    }
  });
});

/** A running `watch`: its lines so far, and a way to wait for one. */
function startWatch(node: string, args: readonly string[], env: Record<string, string>) {
  const child = spawn(node, [cliJs, 'watch', ...args], { cwd: root, env: { ...process.env, NO_COLOR: '1', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  let stderr = '';
  let buffer = '';
  const waiters: { re: RegExp; resolve: (l: string) => void }[] = [];
  child.stdout.setEncoding('utf8').on('data', (d: string) => {
    buffer += d;
    let nl: number;
    while ((nl = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, nl);
      buffer = buffer.slice(nl + 1);
      lines.push(line);
      for (const w of [...waiters]) if (w.re.test(line)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(line);
      }
    }
  });
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  return {
    lines,
    get stderr() {
      return stderr;
    },
    waitFor(re: RegExp, ms = 30_000): Promise<string> {
      const seen = lines.find((l) => re.test(l));
      if (seen !== undefined) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const t = setTimeout(() => reject(new Error(`no line matching ${String(re)} within ${ms} ms; lines:\n${lines.join('\n')}\nstderr:\n${stderr}`)), ms);
        waiters.push({ re, resolve: (l) => {
          clearTimeout(t);
          resolve(l);
        } });
      });
    },
    async interrupt(): Promise<number | null> {
      child.kill('SIGINT');
      return exited;
    },
  };
}

describe('watch (fake API server), built CLI under Node 22', () => {
  let api: FakeApiServer;
  let node22: string;
  beforeAll(async () => {
    node22 = nodeBinary(22);
    api = await startFakeApiServer(dumpItems, { tokens: { good: {} } });
  }, 600_000);
  afterAll(async () => api?.close());

  const slice = (name: string) => structuredClone(dumpItems.find((o) => o['kind'] === 'EndpointSlice' && (o['metadata'] as { name: string }).name === name)!) as Record<string, unknown> & { endpoints: Record<string, unknown>[] };
  const T = '\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ';

  it('prints the state, then a line per routing change through a rollout; survives 410 Gone; Ctrl-C exits 0', async () => {
    const w = startWatch(node22, ['svc/web', '-n', 'shop'], { KUBECONFIG: api.kubeconfig('good') });
    await w.waitFor(new RegExp(`^${T}  shop/web  topology active \\(same zone\\)$`));

    // A rollout adds a ready Pod without a hint: zone routing goes off for every node, naming it.
    const web = slice('web-1p3q');
    const added = { addresses: ['10.244.1.99'], conditions: { ready: true, serving: true, terminating: false }, nodeName: 'node-a2', zone: 'zone-a' };
    api.apply({ ...web, endpoints: [...web.endpoints, added] });
    await w.waitFor(new RegExp(`^${T}  shop/web  topology active \\(same zone\\) -> off \\(endpoint-without-hint\\): 10\\.244\\.1\\.99:8080 on node-a2 \\(zone-a\\) is ready without a zone hint, which turns zone routing off for every node$`));
    await w.waitFor(/ {2}endpoint 10\.244\.1\.99:8080 on node-a2 \(zone-a\) added without hints$/);

    // The controller writes its hint: back to same-zone routing.
    api.apply({ ...web, endpoints: [...web.endpoints, { ...added, hints: { forZones: [{ name: 'zone-a' }] } }] });
    await w.waitFor(/ {2}the controller wrote hints zone-a for 10\.244\.1\.99:8080 on node-a2 \(zone-a\)$/);
    await w.waitFor(/ {2}topology off \(endpoint-without-hint\) -> active \(same zone\)$/);

    // The watch expires (410 Gone on the resumed watch): the command lists again and goes on.
    const lists = (): number => api.received.filter((r) => r.path === '/api/v1/namespaces/shop/services?limit=500').length;
    expect(lists()).toBe(1);
    api.bookmark(); // every watch learns the current version…
    const node = dumpItems.find((o) => o['kind'] === 'Node')!;
    api.apply({ ...node, metadata: { ...(node['metadata'] as object), annotations: { touched: 'yes' } } }); // …then only Nodes move on
    api.compact();
    api.closeWatches(); // Services and EndpointSlices resume from a compacted version: 410 Gone
    await new Promise((r) => setTimeout(r, 1500));
    // A zone's endpoints terminate: that zone falls back to cluster-wide routing.
    const terminating = web.endpoints.map((e) => (e['zone'] === 'zone-c' ? { ...e, conditions: { ready: false, serving: true, terminating: true } } : e));
    api.apply({ ...web, endpoints: [...terminating, { ...added, hints: { forZones: [{ name: 'zone-a' }] } }] });
    await w.waitFor(/ {2}zone zone-c falls back to cluster-wide routing: no endpoint is hinted for it$/);
    expect(lists()).toBe(2); // relisted once after the 410
    const before = w.lines.length;
    expect(await w.interrupt()).toBe(0);
    expect(w.lines.length).toBe(before);
    expect(w.stderr).toBe('');
    expect(api.received.some((r) => r.path.includes('watch=1') && r.path.includes('allowWatchBookmarks=true'))).toBe(true);
  });

  it('reconnects with back-off when the connection is lost, and reports what changed meanwhile', async () => {
    const w = startWatch(node22, ['svc/search', '-n', 'shop'], { KUBECONFIG: api.kubeconfig('good') });
    try {
      await w.waitFor(new RegExp(`^${T}  shop/search  topology `));
      const search = slice(dumpItems.filter((o) => o['kind'] === 'EndpointSlice').map((o) => (o['metadata'] as { name: string }).name).find((n) => n.startsWith('search'))!);
      const since = Date.now();
      api.goDown();
      // While the server is away, a ready endpoint without a hint is added.
      api.apply({ ...search, endpoints: [...search.endpoints, { addresses: ['10.244.5.98'], conditions: { ready: true, serving: true, terminating: false }, nodeName: 'node-c2', zone: 'zone-c' }] });
      const until = Date.now() + 20_000;
      while (!/retrying in 2 s/.test(w.stderr) && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
      expect(w.stderr).toMatch(/^warning: .*; retrying in 1 s$/m);
      expect(w.stderr).toMatch(/^warning: .*; retrying in 2 s$/m);
      api.comeUp();
      await w.waitFor(/ {2}endpoint 10\.244\.5\.98:8080 on node-c2 \(zone-c\) added without hints$/);
      // Back-off: the cut-off attempts on one resource are at least 1 s, then at least 2 s apart.
      const tries = api.received.filter((r) => r.at >= since && r.path.startsWith('/apis/discovery.k8s.io/v1/namespaces/shop/endpointslices'));
      const refused = tries.filter((r) => r.refused);
      expect(refused.length).toBeGreaterThanOrEqual(2);
      // A relist and the watch after it come together: one attempt.
      const attempts: number[] = [];
      for (const r of refused) if (attempts.length === 0 || r.at - attempts[attempts.length - 1]! > 500) attempts.push(r.at);
      const gaps = attempts.slice(1).map((t, i) => t - attempts[i]!);
      if (gaps.length > 0) expect(gaps[0]).toBeGreaterThanOrEqual(900);
      if (gaps.length > 1) expect(gaps[1]).toBeGreaterThanOrEqual(1.8 * gaps[0]!);
      expect(refused[0]!.at - since).toBeLessThan(3000); // the first retry is not late either
      // Once back, it lists again and watches on.
      const watching = (): boolean => api.received.some((r) => r.at >= since && !r.refused && r.path.startsWith('/apis/discovery.k8s.io/v1/namespaces/shop/endpointslices?watch=1'));
      for (let i = 0; i < 100 && !watching(); i++) await new Promise((r) => setTimeout(r, 100));
      expect(watching()).toBe(true);
    } finally {
      expect(await w.interrupt()).toBe(0);
    }
  });

  it('-o json prints one object per change; a Local policy starting to drop is a change', async () => {
    const w = startWatch(node22, ['shop/cache', '-o', 'json'], { KUBECONFIG: api.kubeconfig('good') });
    const first = JSON.parse(await w.waitFor(/"kind":"topology"/)) as Record<string, unknown>;
    expect(first).toMatchObject({ service: 'shop/cache', kind: 'topology', after: 'n/a (internalTrafficPolicy: Local)' });
    expect(first['time']).toMatch(new RegExp(`^${T}$`));
    const cache = slice(dumpItems.filter((o) => o['kind'] === 'EndpointSlice').map((o) => (o['metadata'] as { name: string }).name).find((n) => n.startsWith('cache'))!);
    api.apply({ ...cache, endpoints: cache.endpoints.filter((e) => e['nodeName'] !== 'node-a1') });
    const drop = JSON.parse(await w.waitFor(/node-a1 \(itp\) starts dropping/)) as Record<string, unknown>;
    expect(drop).toMatchObject({ kind: 'drop', message: 'node-a1 (itp) starts dropping Local traffic: no local endpoint', before: false, after: true });
    expect(await w.interrupt()).toBe(0);
    for (const l of w.lines) expect(() => JSON.parse(l)).not.toThrow();
  });

  it('watch needs a Service and a live cluster (usage errors)', async () => {
    const r = await runAsync(node22, [cliJs, 'watch', '-n', 'shop'], { KUBECONFIG: api.kubeconfig('good') });
    expect([r.status, r.stderr]).toEqual([1, "error: watch needs a Service: svc/NAME (with -n NAMESPACE) or NAMESPACE/NAME\nSee 'kube-traffic watch --help' for usage.\n"]);
    const f = await runAsync(node22, [cliJs, 'watch', 'svc/web', '-f', yamlDump]);
    expect([f.status, f.stderr]).toEqual([1, "error: watch follows a live cluster; it does not read -f files\nSee 'kube-traffic watch --help' for usage.\n"]);
  });
});
