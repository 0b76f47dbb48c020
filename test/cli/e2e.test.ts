/**
 * End-to-end: the BUILT command (`node dist/cli.js`) on the example dumps, as a person or a
 * script would run it.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { built, cli, jsonDump, yamlDump } from './helpers.js';

describe.runIf(built)('kube-traffic (built, child process)', () => {
  it('select: shop/cache on node-b2 drops under the Local policy (text)', () => {
    const r = cli(['select', '-f', yamlDump, '--service', 'shop/cache', '--node', 'node-b2']);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^Action:\s+DROP$/m);
    expect(r.stdout).toMatch(/^Policy:\s+Local \(decided by internalTrafficPolicy\)$/m);
    expect(r.stdout).toContain('Why:');
    expect(r.stdout).toContain('(no endpoints)');
  });

  it('compare: one row per data plane, each difference with the rule of each; select --profile with the pinned name', () => {
    const r = cli(['compare', 'svc/web', '-n', 'shop', '--node', 'node-b2', '-f', yamlDump, '--profile', 'kube-proxy,cilium']);
    expect([r.status, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toMatch(/^kube-proxy\s+Cluster: 10\.244\.2\.12:8080 10\.244\.3\.13:8080 {2}Local: -$/m);
    expect(r.stdout).toMatch(/^cilium@1\.21\.0-dev\+5b27d687\s+Cluster: (10\.244\.\d\.\d+:8080 ){5}10\.244\.5\.15:8080 {2}Local: -$/m);
    expect(r.stdout).toMatch(/^ {4}cilium@1\.21\.0-dev\+5b27d687 \(Ci1\): 10\.244\.0\.10:8080 /m);
    const s = cli(['select', 'svc/web', '-n', 'shop', '--node', 'node-b2', '-f', yamlDump, '--profile', 'cilium@1.21.0-dev+5b27d687', '-o', 'json']);
    expect(JSON.parse(s.stdout)).toMatchObject({ kind: 'profile', profile: 'cilium@1.21.0-dev+5b27d687', action: 'forward' });
    const bad = cli(['explain', '-f', yamlDump, '--profile', 'cilium@2']);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/^error: --profile: cilium@2 is not a pinned version; cilium is modelled at cilium@1\.21\.0-dev\+5b27d687 only\. Known: kube-proxy, antrea/);
  });

  it('select -o json: the selectEndpoints result object', () => {
    const r = cli(['select', '-f', yamlDump, '--service', 'shop/cache', '--node', 'node-b2', '-o', 'json']);
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(out).toMatchObject({ kind: 'proxied', action: 'drop', policy: 'Local', decidedBy: 'internalTrafficPolicy', via: 'clusterIP', from: 'pod', endpoints: [] });
    expect((out['categorized'] as { node: unknown }).node).toEqual({ name: 'node-b2', zone: 'zone-b' });
  });

  it('select -o json on node-a1 forwards to the local endpoint, with ip and port', () => {
    const r = cli(['select', '-f', jsonDump, '--service', 'shop/cache', '--node', 'node-a1', '-o', 'json']);
    const out = JSON.parse(r.stdout) as { action: string; endpoints: { ip: string; port: number; nodeName: string }[] };
    expect(out.action).toBe('forward');
    // The endpoint runs on the client's node (what isLocal(result, e) answers from nodeName).
    expect(out.endpoints).toEqual([expect.objectContaining({ ip: '10.244.0.26', port: 8080, nodeName: 'node-a1' })]);
  });

  it('select: eTP Local load balancer traffic from outside drops on a node without a local endpoint', () => {
    const r = cli(['select', '-f', yamlDump, '--service', 'shop/storefront', '--node', 'node-c2', '--via', 'loadBalancer', '--from', 'outside', '-o', 'json']);
    expect(JSON.parse(r.stdout)).toMatchObject({ action: 'drop', policy: 'Local', decidedBy: 'externalTrafficPolicy', via: 'loadBalancer' });
  });

  it('hints: shop/payments — the Auto safeguard fires (minimum-exceeds-endpoints)', () => {
    const text = cli(['hints', '-f', yamlDump, '--service', 'shop/payments']);
    expect(text.status).toBe(0);
    expect(text.stdout).toMatch(/^Cause:\s+minimum-exceeds-endpoints$/m);
    expect(text.stdout).toContain('TopologyAwareHintsDisabled');
    expect(text.stdout).toMatch(/^ZONE\s+CPU\s+RATIO/m);
    const json = JSON.parse(cli(['hints', '-f', yamlDump, '--service', 'shop/payments', '-o', 'json']).stdout) as {
      endpointSlices: { metadata: { name: string } }[];
      outcome: { path: string; cause: string; reason: string };
    };
    expect(json.outcome).toMatchObject({ path: 'topology-auto', cause: 'minimum-exceeds-endpoints', reason: 'TopologyAwareHintsDisabled' });
    expect(json.endpointSlices.map((s) => s.metadata.name)).toEqual(['payments-3qfe']);
  });

  it('hints: shop/search — the diff shows the unhinted endpoint gaining its zone', () => {
    const r = cli(['hints', '-f', jsonDump, '--service', 'shop/search']);
    expect(r.stdout).toMatch(/10\.244\.0\.99\s+node-a2\s+zone-a\s+true\s+-\s+zone-a\s+changed/);
    expect(r.stdout).toMatch(/^Diff:\s+1 endpoint would change$/m);
  });

  it('simulate: table, zone matrix and warnings; -o json is the simulation result', () => {
    const r = cli(['simulate', '-f', yamlDump, '--service', 'shop/web', '--clients', 'zone-a=60,zone-b=30,zone-c=10']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^ENDPOINT\s+NODE\s+ZONE\s+SERVING\s+SHARE\s+OVERLOAD$/m);
    expect(r.stdout).toMatch(/^10\.244\.0\.10:8080\s+node-a1\s+zone-a\s+true\s+30%\s+1\.8x$/m);
    expect(r.stdout).toMatch(/^FROM\\TO\s+zone-a\s+zone-b\s+zone-c\s+DROPPED\s+REJECTED$/m);
    // Each row adds up to its zone's clients: 60 % forwarded in zone-a, nothing lost.
    expect(r.stdout).toMatch(/^zone-a\s+60%\s+0%\s+0%\s+0%\s+0%$/m);
    expect(r.stdout).toContain('! endpoint-overloaded');
    expect(r.stdout).toContain('-> add 1 endpoint in zone-a (3 there)');
    expect(r.stdout).toContain('i client-nodes-excluded: client Pods cannot run on 1 node(s), which send nothing: control-1 (taint node-role.kubernetes.io/control-plane:NoSchedule not tolerated)');
    const json = JSON.parse(cli(['simulate', '-f', yamlDump, '--service', 'shop/web', '--clients', 'zone-a=60,zone-b=30,zone-c=10', '-o', 'json']).stdout) as {
      endpoints: { key: string; share: number }[];
      inZoneFraction: number;
      warnings: { code: string }[];
      zoneMatrix: { zones: string[] };
    };
    expect(json.endpoints).toHaveLength(6);
    expect(json.inZoneFraction).toBeCloseTo(1);
    expect(json.zoneMatrix.zones).toEqual(['zone-a', 'zone-b', 'zone-c']);
    expect(json.warnings.map((w) => w.code)).toEqual(['endpoint-overloaded', 'client-nodes-excluded']);
  });

  it('simulate through an eTP Local load balancer: health-checked nodes carry it, nothing dropped', () => {
    const r = cli(['simulate', '-f', yamlDump, '--service', 'shop/storefront', '--via', 'loadBalancer', '--from', 'outside']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^Dropped:\s+0%$/m);
    expect(r.stdout).toMatch(/^Load balancer:\s+2 of 7 nodes pass the health check \(node-a1, node-b2\)/m);
    expect(r.stdout).toMatch(/^node-c1\s+zone-c\s+0\s+no\s+0%\s+no-ready-local-endpoint$/m);
    // The same Service through its node port from outside: no health check, drops are real (5 of 7 nodes).
    const np = cli(['simulate', '-f', yamlDump, '--service', 'shop/storefront', '--via', 'nodePort', '--from', 'outside']);
    expect(np.stdout).toMatch(/^Dropped:\s+71\.4%/m);
  });

  it('simulate without Node objects or client weights fails with what to add (exit 2)', () => {
    const noNodes = cli(['simulate', '-f', '-', '--service', 'shop/web'], { input: JSON.stringify({ kind: 'List', items: (JSON.parse(readFileSync(jsonDump, 'utf8')) as { items: { kind: string }[] }).items.filter((o) => o.kind !== 'Node') }) });
    expect(noNodes.status).toBe(2);
    expect(noNodes.stderr).toMatch(/^error: no-clients: no client could be placed: the input has no Node objects.*--clients zone=weight/m);
    // With zone weights it places them on assumed nodes and says so.
    const byZone = cli(['simulate', '-f', '-', '--service', 'shop/web', '--clients', 'zone-a=1,zone-b=1'], { input: JSON.stringify({ kind: 'List', items: (JSON.parse(readFileSync(jsonDump, 'utf8')) as { items: { kind: string }[] }).items.filter((o) => o.kind !== 'Node') }) });
    expect(byZone.status).toBe(0);
    expect(byZone.stdout).toContain('i nodes-assumed: the input has no Node objects, so clients were placed on assumed nodes: assumed:zone-a');
  });

  it('simulate --compare: one row per scenario; -o json is the compareScenarios result', () => {
    const r = cli(['simulate', '-f', yamlDump, '--service', 'shop/cache', '--compare', 'Cluster,PreferClose']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^baseline \(reconciled\)\s/m);
    expect(r.stdout).toMatch(/^internalTrafficPolicy: Cluster\s/m);
    const json = JSON.parse(cli(['simulate', '-f', yamlDump, '--service', 'shop/cache', '--compare', 'Cluster', '-o', 'json']).stdout) as {
      baseline: { simulation: { droppedFraction: number } };
      scenarios: { label: string; simulation: { droppedFraction: number } }[];
    };
    expect(json.baseline.simulation.droppedFraction).toBeGreaterThan(0);
    expect(json.scenarios[0]).toMatchObject({ label: 'internalTrafficPolicy: Cluster', simulation: { droppedFraction: 0 } });
  });

  it('explain: one line per Service of the dump, kubectl style', () => {
    const r = cli(['explain', '-f', yamlDump]);
    expect(r.status).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^NAMESPACE\s+NAME\s+TYPE\s+TOPOLOGY\s+HINTS\s+LOCAL-DROPS$/);
    expect(lines.slice(1).map((l) => l.split(/\s+/).slice(0, 2).join('/'))).toEqual(['shop/web', 'shop/checkout', 'shop/payments', 'shop/cache', 'shop/storefront', 'shop/search']);
    const row = (name: string): string => lines.find((l) => l.split(/\s+/)[1] === name) ?? '';
    expect(row('web')).toContain('active (same zone)');
    expect(row('payments')).toContain('off (endpoint-without-hint)');
    expect(row('payments')).toContain('topology-auto/minimum-exceeds-endpoints');
    expect(row('cache')).toMatch(/itp: .*node-b2/);
    expect(row('storefront')).toMatch(/etp: /);
    expect(row('search')).toContain('(1 to change)');
  });

  it('explain -o json, and the JSON and YAML dumps agree', () => {
    const fromYaml = JSON.parse(cli(['explain', '-f', yamlDump, '-o', 'json']).stdout) as { name: string; localDrops: { internal: string[] } }[];
    const fromJson = JSON.parse(cli(['explain', '-f', jsonDump, '-o', 'json']).stdout) as unknown;
    expect(fromYaml).toEqual(fromJson);
    expect(fromYaml.find((s) => s.name === 'cache')?.localDrops.internal).toEqual(['control-1', 'node-a2', 'node-b2', 'node-c2']);
  });

  it('reads standard input with -f -', () => {
    const r = cli(['explain', '-f', '-'], { input: `${'# piped\n'}${readFileSync(yamlDump, 'utf8')}` });
    expect(r.status).toBe(0);
    expect(r.stdout.trimEnd().split('\n')).toHaveLength(7);
  });

  it('an unknown Service exits 2 naming the closest candidates first', () => {
    const r = cli(['select', '-f', yamlDump, '--service', 'shop/cach', '--node', 'node-b2']);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/Service "shop\/cach" not found .*: shop\/cache, /);
  });

  it('a usage error exits 1: one line, then where the usage is', () => {
    const r = cli(['select', '-f', yamlDump, '--node', 'node-b2']);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe("error: select needs a Service: svc/NAME (with -n NAMESPACE) or NAMESPACE/NAME\nSee 'kube-traffic select --help' for usage.\n");
  });

  it('kubectl-traffic names itself "kubectl traffic"; --version prints the package version', () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string; bin: Record<string, string> };
    expect(pkg.bin).toEqual({ 'kube-traffic': './dist/cli.js', 'kubectl-traffic': './dist/kubectl-traffic.js', 'kubectl_complete-traffic': './dist/kubectl_complete-traffic.js' });
    const v = cli(['--version'], { script: 'dist/kubectl-traffic.js' });
    expect([v.status, v.stdout]).toEqual([0, `kubectl traffic ${pkg.version}\n`]);
    const u = cli(['select', '--node', 'x', '-f', yamlDump], { script: 'dist/kubectl-traffic.js' });
    expect(u.stderr).toContain("See 'kubectl traffic select --help' for usage.");
  });

  it('-f DIR on a real directory, files in UTF-16 and with a BOM', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kt-dir-'));
    try {
      const text = readFileSync(yamlDump, 'utf8');
      writeFileSync(join(dir, 'a.yaml'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text.replace(/\n/g, '\r\n'), 'utf16le')]));
      mkdirSync(join(dir, 'sub'));
      writeFileSync(join(dir, 'sub', 'b.json'), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), readFileSync(jsonDump)]));
      const flat = cli(['explain', '-f', dir]);
      expect(flat.status).toBe(0);
      expect(flat.stdout).toBe(cli(['explain', '-f', yamlDump]).stdout);
      const deep = cli(['explain', '-f', dir, '-R']);
      expect([deep.status, deep.stderr]).toEqual([0, '']);
      expect(deep.stdout).toBe(flat.stdout); // the JSON dump holds the same objects: counted once
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('colour only on a TTY: piped output has no escape codes even without NO_COLOR', () => {
    const r = cli(['explain', '-f', yamlDump], { env: { NO_COLOR: '' } });
    expect(r.stdout).not.toContain('\u001b[');
  });
});

it('the built CLI exists when the suite runs from npm test', () => {
  // `npm test` builds before running vitest; a missing dist/cli.js there is a packaging failure.
  if (process.env['npm_lifecycle_event'] === 'test') expect(built).toBe(true);
});
