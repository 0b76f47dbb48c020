/**
 * `--profile` on select, explain and simulate, and the `compare` command (in-process). The
 * expected answers come from the library called directly on the same objects, so these tests
 * check that the command line hands the library the right input and prints what it decided.
 */
import { readFileSync } from 'node:fs';
import yaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { PROFILES, compareProfiles, formatComparison, selectEndpoints, simulateTraffic } from '../../src/index.js';
import { runIn, yamlDump } from './helpers.js';

type Obj = { kind?: string; metadata: { name: string; namespace?: string; labels?: Record<string, string> }; spec?: Record<string, unknown> };
const objects = (yaml.loadAll(readFileSync(yamlDump, 'utf8')) as ({ items?: Obj[] } & Obj)[]).filter(Boolean).flatMap((d) => d.items ?? [d]);
const service = (name: string): Obj => objects.find((o) => o.kind === 'Service' && o.metadata.name === name)!;
const slices = (name: string): Obj[] => objects.filter((o) => o.kind === 'EndpointSlice' && o.metadata.labels?.['kubernetes.io/service-name'] === name);
const nodes = objects.filter((o) => o.kind === 'Node');
const node = (name: string): Obj => nodes.find((n) => n.metadata.name === name)!;
const CILIUM = PROFILES.find((p) => p.name === 'cilium')!.id;
const ANTREA = PROFILES.find((p) => p.name === 'antrea')!.id;
const F = ['-f', yamlDump];

describe('select --profile', () => {
  it('prints the data plane\'s endpoints and names it and its rule (Cilium ignores PreferClose without enable-service-topology)', async () => {
    const r = await runIn(['select', 'svc/web', '-n', 'shop', '--node', 'node-b2', ...F, '--profile', 'cilium']);
    expect(r.exitCode).toBe(0);
    const lib = selectEndpoints({ service: service('web'), endpointSlices: slices('web'), node: node('node-b2'), profile: 'cilium' } as never) as unknown as { endpoints: { key: string }[]; decidedBy: string };
    expect(lib.endpoints.length).toBe(6); // kube-proxy picks 2 (zone-b) here; Cilium all 6
    expect(r.stdout).toContain(`Data plane:  ${CILIUM} (Cilium kube-proxy replacement)`);
    expect(r.stdout).toContain(`Policy:      Cluster (rule ${lib.decidedBy})`);
    expect(r.stdout).toContain('rule Ci1');
    for (const e of lib.endpoints) expect(r.stdout).toMatch(new RegExp(`^${e.key.replaceAll('.', '\\.')}\\s`, 'm'));
    const kubeProxy = await runIn(['select', 'svc/web', '-n', 'shop', '--node', 'node-b2', ...F]);
    expect(kubeProxy.stdout).toContain('Endpoints (2):');
    expect(r.stdout).toContain('Endpoints (6):');
  });

  it('the full pinned name gives the same answer; -o json is the library result', async () => {
    const short = await runIn(['select', 'shop/web', '--node', 'node-b2', ...F, '--profile', 'cilium', '-o', 'json']);
    const full = await runIn(['select', 'shop/web', '--node', 'node-b2', ...F, `--profile=${CILIUM}`, '-o', 'json']);
    expect(full.stdout).toBe(short.stdout);
    const j = JSON.parse(short.stdout) as { kind: string; profile: string; endpoints: unknown[] };
    expect([j.kind, j.profile, j.endpoints.length]).toEqual(['profile', CILIUM, 6]);
  });

  it('--profile-option and --profile-gate reach the library (Cilium with enable-service-topology filters by zone)', async () => {
    const r = await runIn(['select', 'shop/web', '--node', 'node-b2', ...F, '--profile', 'cilium', '--profile-option', 'enable-service-topology=true', '-o', 'json']);
    const lib = selectEndpoints({ service: service('web'), endpointSlices: slices('web'), node: node('node-b2'), profile: { name: 'cilium', options: { 'enable-service-topology': true } } } as never) as unknown as { endpoints: { key: string }[] };
    expect((JSON.parse(r.stdout) as { endpoints: { key: string }[] }).endpoints.map((e) => e.key)).toEqual(lib.endpoints.map((e) => e.key));
    expect(lib.endpoints.length).toBe(2);
    const bad = await runIn(['select', 'shop/web', '--node', 'node-b2', ...F, '--profile', 'antrea', '--profile-gate', 'Bogus=true']);
    expect(bad.exitCode).toBe(1);
    expect(bad.stderr.split('\n')[0]).toBe('error: --profile-gate: expected one of PreferSameTrafficDistribution, LoadBalancerModeDSR, TopologyAwareHints, ServiceTrafficDistribution, found gate "Bogus"');
    const locked = await runIn(['select', 'shop/web', '--node', 'node-b2', ...F, '--profile', 'antrea', '--profile-gate', 'TopologyAwareHints=false']);
    expect([locked.exitCode, locked.stderr.split('\n')[0]]).toEqual([1, 'error: --profile-gate: expected true (TopologyAwareHints is GA and locked on in antrea@2.7.0), found false']);
  });

  it('Antrea rejects where kube-proxy drops (--fail-on reject holds); Cilium\'s reaction to an empty list is not pinned (exit 2, no guess)', async () => {
    const antrea = await runIn(['select', 'shop/cache', '--node', 'node-b2', ...F, '--profile', 'antrea', '--fail-on', 'reject']);
    expect(antrea.stdout).toMatch(/^Action:\s+REJECT$/m);
    expect(antrea.exitCode).toBe(4);
    expect(antrea.stderr).toContain(`fail-on reject: shop/cache from pod on node-b2 as ${ANTREA} (Local, rule A1)`);
    const kubeProxy = await runIn(['select', 'shop/cache', '--node', 'node-b2', ...F]);
    expect(kubeProxy.stdout).toMatch(/^Action:\s+DROP$/m);
    const cilium = await runIn(['select', 'shop/cache', '--node', 'node-b2', ...F, '--profile', 'cilium']);
    expect(cilium.exitCode).toBe(2);
    expect(cilium.stdout).toBe('');
    expect(cilium.stderr).toMatch(/^error: the data plane's pinned source does not settle this \(profile-not-pinned\), and kube-traffic does not guess:\n {2}\$: .*found an empty Local list/);
  });

  it.each([
    [['--profile', 'cillium'], '--profile: unknown data plane "cillium"; did you mean cilium? Known: kube-proxy, antrea (antrea@2.7.0), calico-ebpf (calico-ebpf@3.32.1), cilium (cilium@1.21.0-dev+5b27d687), linkerd (linkerd@edge-26.8.3), istio (istio@1.31.0-rc.0), envoy-gateway (envoy-gateway@1.9.0)'],
    [['--profile', 'cilium@1.16.0'], '--profile: cilium@1.16.0 is not a pinned version; cilium is modelled at cilium@1.21.0-dev+5b27d687 only. Known: kube-proxy,'],
    [['--profile-gate', 'PreferSameTrafficDistribution=true'], '--profile-gate and --profile-option set a data plane\'s own knobs; name the data plane with --profile'],
    [['--profile', 'kube-proxy', '--profile-option', 'x=true'], '--profile kube-proxy has no --profile-gate or --profile-option; Kubernetes feature gates are --gate'],
    [['--profile', 'antrea', '--profile-gate', 'PreferSameTrafficDistribution'], '--profile-gate expects NAME=true or NAME=false, not "PreferSameTrafficDistribution"'],
    [['--profile', 'cilium', '--fail-on', 'drop,topology-off'], '--fail-on topology-off: the topology mode is kube-proxy\'s; with --profile cilium gate on drop, reject or warning'],
  ])('usage error %j (exit 1, one line, naming the flag and the known values)', async (flags, message) => {
    for (const command of [['select', 'shop/web', '--node', 'node-b2'], ['explain'], ['simulate', 'shop/web']]) {
      const r = await runIn([...command, ...F, ...flags]);
      expect(r.exitCode).toBe(1);
      expect(r.stderr.split('\n')[0]).toContain(`error: ${message}`);
      expect(r.stderr.split('\n')).toHaveLength(3);
    }
  });

  it('--profile kube-proxy is the default', async () => {
    const a = await runIn(['select', 'shop/web', '--node', 'node-b2', ...F, '--profile', 'kube-proxy']);
    const b = await runIn(['select', 'shop/web', '--node', 'node-b2', ...F]);
    expect(a).toEqual(b);
  });
});

describe('explain --profile', () => {
  it('one line per Service with the data plane\'s endpoints per node and where it differs from kube-proxy, by rule', async () => {
    const r = await runIn(['explain', ...F, '--profile', 'cilium', '-n', 'shop']);
    expect(r.exitCode).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^NAMESPACE\s+NAME\s+TYPE\s+PROFILE\s+ENDPOINTS\s+VS-KUBE-PROXY$/);
    expect(lines.find((l) => /^shop\s+web\s/.test(l))).toMatch(new RegExp(`${CILIUM.replaceAll('.', '\\.').replace('+', '\\+')}\\s+6 per node\\s+differs on \\d+/\\d+ nodes \\(Ci1\\)$`));
    expect(lines.find((l) => /^shop\s+payments\s/.test(l))).toMatch(/\s4 per node\s+same$/);
    // shop/cache: internalTrafficPolicy Local; nodes without a local endpoint are not settled for Cilium.
    expect(lines.find((l) => /^shop\s+cache\s/.test(l))).toMatch(/1 per node; not pinned on node-a2,/);
    expect(r.stderr).toMatch(new RegExp(`^note: shop/cache as ${CILIUM.replace('+', '\\+')}, not settled by the pinned source on node-a2,.*empty Local list`, 'm'));
  });

  it('-o json: per node, the endpoints selectEndpoints gives with the profile', async () => {
    const r = await runIn(['explain', 'svc/web', '-n', 'shop', ...F, '--profile', 'cilium', '-o', 'json']);
    const [status] = JSON.parse(r.stdout) as { profile: string; nodes: { node: string; endpoints: string[]; action: string; differsFromKubeProxy: boolean }[]; differingRules: string[] }[];
    expect(status!.profile).toBe(CILIUM);
    expect(status!.differingRules).toEqual(['Ci1']);
    expect(status!.nodes.length).toBeGreaterThan(2);
    for (const n of status!.nodes) {
      const lib = selectEndpoints({ service: service('web'), endpointSlices: slices('web'), node: node(n.node), profile: 'cilium' } as never) as unknown as { action: string; endpoints: { key: string }[] };
      expect([n.node, n.action, n.endpoints]).toEqual([n.node, lib.action, lib.endpoints.map((e) => e.key)]);
      expect(n.differsFromKubeProxy).toBe(true);
    }
  });

  it('--fail-on: Antrea\'s rejects; a node whose empty list is not pinned counts as drop and reject', async () => {
    const antrea = await runIn(['explain', ...F, '--profile', 'antrea', '--fail-on', 'reject']);
    expect(antrea.exitCode).toBe(4);
    expect(antrea.stderr).toMatch(new RegExp(`^fail-on reject: shop/cache as ${ANTREA} on node-a2,`, 'm'));
    expect((await runIn(['explain', ...F, '--profile', 'antrea', '--fail-on', 'drop'])).exitCode).toBe(0);
    const cilium = await runIn(['explain', ...F, '--profile', 'cilium', '--fail-on', 'drop']);
    expect(cilium.exitCode).toBe(4);
    expect(cilium.stderr).toContain('(no endpoint; drop or reject not pinned)');
  });

  it('--kubernetes-version sets up the kube-proxy compared against, not the data plane', async () => {
    // shop/web asks for PreferClose; kube-proxy 1.29 needs the topology annotation, so it spreads
    // where Istio (which reads the field) keeps the zone: the column differs, the answer does not.
    const newest = await runIn(['explain', 'svc/web', '-n', 'shop', ...F, '--profile', 'istio', '-o', 'json']);
    const old = await runIn(['explain', 'svc/web', '-n', 'shop', ...F, '--profile', 'istio', '--kubernetes-version', '1.29', '-o', 'json']);
    expect([newest.exitCode, old.exitCode, old.stderr]).toEqual([0, 0, '']);
    type Status = { nodes: { node: string; endpoints: string[]; differsFromKubeProxy: boolean }[]; differingRules: string[]; error: unknown };
    const [a] = JSON.parse(newest.stdout) as Status[];
    const [b] = JSON.parse(old.stdout) as Status[];
    expect(b!.error).toBeNull();
    expect(b!.nodes.map((n) => n.endpoints)).toEqual(a!.nodes.map((n) => n.endpoints));
    expect([a!.nodes.every((n) => !n.differsFromKubeProxy), b!.nodes.every((n) => n.differsFromKubeProxy), b!.differingRules]).toEqual([true, true, ['I2']]);
  });

  it('a data plane using another list than kube-proxy differs even with no endpoint in common lists (Envoy Gateway ignores traffic policies, E1)', async () => {
    const r = await runIn(['explain', 'svc/cache', '-n', 'shop', ...F, '--profile', 'envoy-gateway']);
    expect(r.stdout.split('\n')[1]).toMatch(/\s3 per node\s+differs on \d+\/\d+ nodes \(E1\)$/);
  });
});

describe('simulate --profile', () => {
  it('is simulateTraffic with the profile', async () => {
    const r = await runIn(['simulate', 'shop/web', ...F, '--profile', 'istio', '-o', 'json']);
    expect(r.exitCode).toBe(0);
    const lib = simulateTraffic({ service: service('web'), endpointSlices: objects.filter((o) => o.kind === 'EndpointSlice'), nodes, profile: 'istio', flow: {} } as never);
    expect(JSON.parse(r.stdout)).toEqual(JSON.parse(JSON.stringify(lib)));
    const text = await runIn(['simulate', 'shop/web', ...F, '--profile', 'istio']);
    expect(text.stdout).toMatch(/^Service:\s+shop\/web as istio@1\.31\.0-rc\.0$/m);
  });

  it('--compare and --html stay kube-proxy\'s (usage error with --profile)', async () => {
    for (const flag of [['--compare', 'Local'], ['--html', 'x.html']]) {
      const r = await runIn(['simulate', 'shop/web', ...F, '--profile', 'istio', ...flag]);
      expect([r.exitCode, r.stderr.split('\n')[0]]).toEqual([1, `error: ${flag[0]} simulates kube-proxy (with the controller's hints); it does not combine with --profile istio`]);
    }
  });
});

describe('compare', () => {
  it('prints the library\'s comparison: one row per data plane, then each difference with every data plane\'s rule', async () => {
    const r = await runIn(['compare', 'svc/web', '-n', 'shop', '--node', 'node-b2', ...F]);
    expect(r.exitCode).toBe(0);
    const lib = compareProfiles({ service: service('web'), endpointSlices: slices('web'), node: node('node-b2') } as never);
    expect(r.stdout).toBe(`${formatComparison(lib)}\n`);
    for (const p of PROFILES) expect(r.stdout).toMatch(new RegExp(`^${p.id.replaceAll('.', '\\.').replace('+', '\\+')}\\s+(Cluster|not pinned)`, 'm'));
    expect(r.stdout).toContain('Differences:');
    expect(r.stdout).toMatch(/^ {4}cilium@1\.21\.0-dev\+5b27d687 \(Ci1\): /m);
  });

  it('--profile LIST picks the data planes (short or pinned names, comma-separated or repeated); knobs go to the one that has them', async () => {
    const r = await runIn(['compare', 'shop/web', '--node', 'node-b2', ...F, '--profile', 'kube-proxy,cilium', '--profile', ANTREA, '-o', 'json']);
    const j = JSON.parse(r.stdout) as { answers: { profile: string }[] };
    expect(j.answers.map((a) => a.profile)).toEqual(['kube-proxy', CILIUM, ANTREA]);
    const topo = await runIn(['compare', 'shop/web', '--node', 'node-b2', ...F, '--profile', 'kube-proxy,cilium', '--profile-option', 'enable-service-topology=true']);
    expect(topo.stdout).toContain('No differences');
    const wrong = await runIn(['compare', 'shop/web', '--node', 'node-b2', ...F, '--profile', 'kube-proxy,istio', '--profile-option', 'enable-service-topology=true']);
    expect([wrong.exitCode, wrong.stderr.split('\n')[0]]).toEqual([1, 'error: --profile-option: no compared data plane has "enable-service-topology"; known: cilium: enable-service-topology']);
  });

  it('-o yaml is the same data as -o json', async () => {
    const j = await runIn(['compare', 'shop/cache', '--node', 'node-b2', ...F, '-o', 'json']);
    const y = await runIn(['compare', 'shop/cache', '--node', 'node-b2', ...F, '-o', 'yaml']);
    expect(yaml.load(y.stdout)).toEqual(JSON.parse(j.stdout));
  });

  it('says when data planes use different lists (kube-proxy Local, Envoy Gateway one set)', async () => {
    const r = await runIn(['compare', 'shop/cache', '--node', 'node-b2', ...F]);
    expect(r.stdout).toMatch(/^Lists used \(they differ/m);
    expect(r.stdout).toMatch(/^ {2}envoy-gateway@1\.9\.0\s+Cluster \(E1\)$/m);
    expect(r.stdout).not.toContain('No differences');
  });

  it.each([
    [['compare', 'shop/web', ...F], '--node NODE is required'],
    [['compare', ...F, '--node', 'node-b2'], 'compare needs a Service'],
    [['compare', 'shop/web', '--node', 'node-b2', ...F, '--profile', 'kube-proxy,calico'], '--profile: unknown data plane "calico"; did you mean calico-ebpf? Known: kube-proxy,'],
    [['compare', 'shop/web', '--node', 'node-b2', ...F, '--via', 'nodePort'], 'unknown flag --via'],
    [['compare', 'shop/web', '--node', 'node-b2', ...F, '--fail-on', 'drop'], '--fail-on works with explain, select and simulate, not compare'],
    [['compare', 'shop/web', '--node', 'node-b2', ...F, '--port', 'grpc'], '--port: Service shop/web has no port "grpc"'],
  ])('usage error %j', async (args, message) => {
    const r = await runIn(args);
    expect(r.exitCode).toBe(1);
    expect(r.stderr.split('\n')[0]).toContain(`error: ${message}`);
  });

  it('an unknown node is an input problem naming the closest', async () => {
    const r = await runIn(['compare', 'shop/web', '--node', 'node-b9', ...F]);
    expect([r.exitCode, r.stderr]).toEqual([2, expect.stringContaining('node "node-b9" not found in the input; nodes in the input (closest first): node-b1, node-b2')]);
  });
});

describe('completion knows compare and --profile', () => {
  it.each(['bash', 'zsh', 'fish'])('%s', async (shell) => {
    const r = await runIn(['completion', shell]);
    expect(r.stdout).toContain('compare');
    expect(r.stdout).toContain('profile');
    for (const p of PROFILES) expect(r.stdout).toContain(p.name);
  });

  it('bash: compare completes --node and --profile, and --profile completes the names', async () => {
    const s = (await runIn(['completion', 'bash'])).stdout;
    expect(s).toMatch(/^ {4}compare\) flags="[^"]*--node[^"]*--profile[^"]*"/m);
    expect(s).toContain(`--profile) COMPREPLY=($(compgen -W "${PROFILES.map((p) => p.name).join(' ')}" -- "$cur")); return ;;`);
  });
});
