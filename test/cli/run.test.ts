/**
 * `run()` in-process: help, kubectl-style flags, every usage error's message and exit code,
 * input problems, output formats, --fail-on (fast; no child process).
 */
import { describe, expect, it } from 'vitest';
import { runIn, yamlDump } from './helpers.js';

const SUBCOMMANDS = ['select', 'hints', 'simulate', 'report', 'compare', 'explain'];

describe('help and version', () => {
  it('top-level --help lists every subcommand and the exit codes', async () => {
    for (const args of [['--help'], ['-h'], ['help']]) {
      const r = await runIn(args);
      expect(r.exitCode).toBe(0);
      for (const c of [...SUBCOMMANDS, 'completion']) expect(r.stdout).toMatch(new RegExp(`^  ${c}\\s`, 'm'));
      expect(r.stdout).toContain('Exit codes: 0 ok, 1 usage error');
      expect(r.stdout).toContain('4 a --fail-on condition holds, 5 the cluster could not be read');
    }
  });

  it.each(SUBCOMMANDS)('%s --help prints its usage and the global options', async (c) => {
    for (const args of [[c, '--help'], ['help', c]]) {
      const r = await runIn(args);
      expect(r.exitCode).toBe(0);
      expect(r.stdout).toMatch(new RegExp(`^Usage: kube-traffic ${c} `));
      expect(r.stdout).toContain('--kubernetes-version');
      expect(r.stdout).toContain('-n, --namespace');
    }
  });

  it('--version and version print the package version', async () => {
    for (const args of [['--version'], ['version'], ['explain', '--version']]) {
      const r = await runIn(args);
      expect([r.exitCode, r.stdout]).toEqual([0, 'kube-traffic 9.9.9-test\n']);
    }
  });

  it('completion bash|zsh|fish prints a script naming every command and both programs', async () => {
    for (const shell of ['bash', 'zsh', 'fish']) {
      const r = await runIn(['completion', shell]);
      expect(r.exitCode).toBe(0);
      for (const c of SUBCOMMANDS) expect(r.stdout).toContain(c);
      expect(r.stdout).toContain('kubectl-traffic');
      expect(r.stdout).toContain('fail-on');
    }
    expect((await runIn(['completion', 'bash'])).stdout).toMatch(/^complete -F _kube_traffic kube-traffic kubectl-traffic$/m);
    const bad = await runIn(['completion', 'tcsh']);
    expect([bad.exitCode, bad.stderr]).toEqual([1, "error: completion needs a shell: bash, zsh or fish, not \"tcsh\"\nSee 'kube-traffic completion --help' for usage.\n"]);
  });
});

describe('usage errors: exit 1, one line naming the flag, then where the usage is', () => {
  it.each([
    [[], 'no command given; try explain, select, simulate, compare, hints, report or watch', ''],
    [['selct', '-f', yamlDump], 'unknown command "selct"; did you mean select?', ''],
    [['select', '-f', yamlDump, '--node', 'node-a1'], 'select needs a Service: svc/NAME (with -n NAMESPACE) or NAMESPACE/NAME', 'select'],
    [['select', 'svc/web', '-n', 'shop', '-f', yamlDump], '--node NODE is required', 'select'],
    [['explain', '-f', yamlDump, '--bogus'], 'unknown flag --bogus', 'explain'],
    [['explain', '-f', yamlDump, '--namepsace', 'shop'], 'unknown flag --namepsace; did you mean --namespace?', 'explain'],
    [['explain', '-f', yamlDump, '-x'], 'unknown flag -x', 'explain'],
    [['explain', '-f'], 'flag -f needs a value (FILE)', 'explain'],
    [['select', 'svc/web', '-n', '--node', 'a', '-f', yamlDump], 'flag -n needs a value (NAMESPACE)', 'select'],
    [['explain', '-f', yamlDump, '-o', 'xml'], '-o/--output: explain prints text, wide, json, yaml, name, not "xml"', 'explain'],
    [['select', 'shop/web', '-f', yamlDump, '--node', 'node-a1', '-o', 'name'], '-o/--output: select prints text, wide, json, yaml, not "name"', 'select'],
    [['explain', '-f', yamlDump, '--kubernetes-version', '1.19'], '--kubernetes-version: found string "1.19" (1.19 is not a modelled release); expected a Kubernetes release from 1.27 to 1.37', 'explain'],
    [['explain', '-f', yamlDump, '--kubernetes-version', '1.38'], '--kubernetes-version: found string "1.38" (1.38 is not a modelled release)', 'explain'],
    [['explain', '-f', yamlDump, '--kubernetes-version', 'v1.36.0-alpha.1'], '--kubernetes-version: found string "v1.36.0-alpha.1", a pre-release of 1.36; expected a released version', 'explain'],
    [['explain', '-f', yamlDump, '--kubernetes-version', 'v1.37.0-rc.0'], '--kubernetes-version: found string "v1.37.0-rc.0", a pre-release of 1.37; expected a released version', 'explain'],
    [['explain', '-f', yamlDump, '--kubernetes-version', '1.26'], '--kubernetes-version: found string "1.26" (1.26 is not a modelled release); expected a Kubernetes release from 1.27 to 1.37', 'explain'],
    // kubectl's own version is not the cluster's: refused rather than answered for the wrong release.
    [['explain', '-f', yamlDump, '--kubernetes-version', 'Client Version: v1.36.2'], '--kubernetes-version: found "Client Version: v1.36.2", kubectl\'s own version; give the cluster\'s release instead', 'explain'],
    [['explain', '-f', yamlDump, '--gate', 'TopologyAwareHint=false'], '--gate: unknown feature gate "TopologyAwareHint"; known gates (closest first): TopologyAwareHints', 'explain'],
    [['explain', '-f', yamlDump, '--gate', 'TopologyAwareHints'], '--gate expects NAME=true or NAME=false', 'explain'],
    [['explain', '-f', yamlDump, '--no-headers=maybe'], 'flag --no-headers takes true or false, not "maybe"', 'explain'],
    [['select', 'shop/web', '-f', yamlDump, '--node', 'node-a1', '--via', 'ingress'], '--via must be one of clusterIP, nodePort, loadBalancer, externalIP, not "ingress"', 'select'],
    [['select', 'shop/web', '-f', yamlDump, '--node', 'node-a1', '--via', 'nodePort'], '--via: Service shop/web (ClusterIP) is reached by clusterIP; not nodePort', 'select'],
    [['select', 'shop/cache', '-f', yamlDump, '--node', 'node-b2', '--port', 'htp'], '--port: Service shop/cache has no port "htp"; its ports (closest first): http (80/TCP)', 'select'],
    [['simulate', 'shop/web', '-f', yamlDump, '--clients', 'zone-a=x'], '--clients: "zone-a=x" is not ZONE=WEIGHT', 'simulate'],
    [['simulate', 'shop/web', '-f', yamlDump, '--compare', 'PreferFar'], '--compare: unknown scenario "PreferFar"', 'simulate'],
    [['explain', '-f', yamlDump, 'web', 'extra'], 'unexpected argument "extra": a command takes one Service', 'explain'],
    [['select', 'svc/web', '--service', 'shop/web', '-f', yamlDump], 'give the Service once: either "svc/web" or --service shop/web', 'select'],
    [['select', 'shop/web', '-n', 'other', '-f', yamlDump], 'the Service shop/web is not in namespace "other" given with -n', 'select'],
    [['select', 'deploy/web', '-f', yamlDump], '"deploy/web": kube-traffic follows Services', 'select'],
    [['select', 'shop/web', '-A', '-f', yamlDump, '--node', 'node-a1'], '-A/--all-namespaces: select reads one Service; name its namespace with -n', 'select'],
    [['hints', 'shop/web', '-f', yamlDump, '--fail-on', 'drop'], '--fail-on works with explain, select and simulate, not hints', 'hints'],
    [['explain', '-f', yamlDump, '--fail-on', 'drops'], '--fail-on: unknown condition "drops"; expected drop, reject, not-handled, topology-off, warning (did you mean drop?)', 'explain'],
    [['explain', '-f', yamlDump, '--context', 'prod'], '--context selects a cluster to read; it does not apply with -f', 'explain'],
    [['explain'], 'no -f given, and this program cannot read a cluster; give a dump with -f FILE', 'explain'],
  ])('%j', async (args, message, command) => {
    const r = await runIn(args);
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toBe('');
    const lines = r.stderr.split('\n');
    expect(lines).toHaveLength(3); // the message, where the usage is, and the final newline
    expect(lines[0]).toContain(`error: ${message}`);
    expect(lines[1]).toBe(`See 'kube-traffic${command === '' ? '' : ` ${command}`} --help' for usage.`);
  });

  it('a multi-port Service without --port is a usage error listing its ports', async () => {
    const dump = JSON.stringify({
      kind: 'List',
      items: [
        { kind: 'Service', apiVersion: 'v1', metadata: { name: 'two', namespace: 'ns' }, spec: { clusterIP: '10.0.0.1', ports: [{ name: 'http', port: 80 }, { name: 'https', port: 443 }] } },
        { kind: 'Node', apiVersion: 'v1', metadata: { name: 'n1' } },
      ],
    });
    const r = await runIn(['select', 'two', '-n', 'ns', '--node', 'n1', '-f', 'd.json'], { 'd.json': dump });
    expect(r.exitCode).toBe(1);
    expect(r.stderr.split('\n')[0]).toBe('error: --port is needed: Service ns/two has 2 ports: http (80/TCP), https (443/TCP)');
  });
});

describe('kubectl conventions', () => {
  const base = ['-f', yamlDump, '--node', 'node-b2', '-o', 'json'];
  it.each([
    [['select', 'svc/cache', '-n', 'shop']],
    [['select', 'service/cache', '--namespace', 'shop']],
    [['select', 'svc', 'cache', '-n=shop']],
    [['select', 'cache', '-nshop']],
    [['select', 'shop/cache']],
    [['select', '--service', 'shop/cache']],
    [['-n', 'shop', 'select', 'cache']],
  ])('%j names shop/cache', async (args) => {
    const r = await runIn([...args, ...base]);
    expect(r.exitCode).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ action: 'drop', policy: 'Local' });
  });

  it('-o=json, -ojson and --output=json are the same', async () => {
    const outs = await Promise.all([['-o=json'], ['-ojson'], ['--output=json'], ['--output', 'json']].map((o) => runIn(['explain', '-f', yamlDump, ...o])));
    for (const r of outs) expect(r.stdout).toBe(outs[0]!.stdout);
    expect(JSON.parse(outs[0]!.stdout)).toHaveLength(6);
  });

  it('-o yaml prints the same data as -o json', async () => {
    const { load } = await import('js-yaml');
    const j = await runIn(['explain', '-f', yamlDump, '-o', 'json']);
    const y = await runIn(['explain', '-f', yamlDump, '-o', 'yaml']);
    expect(y.exitCode).toBe(0);
    expect(load(y.stdout)).toEqual(JSON.parse(j.stdout));
  });

  it('-o name, -o wide and --no-headers', async () => {
    expect((await runIn(['explain', '-f', yamlDump, '-o', 'name', '-n', 'shop'])).stdout.split('\n').slice(0, 2)).toEqual(['service/web', 'service/checkout']);
    const wide = await runIn(['explain', '-f', yamlDump, '-o', 'wide']);
    expect(wide.stdout.split('\n')[0]).toMatch(/^NAMESPACE\s+NAME\s+TYPE\s+TOPOLOGY\s+HINTS\s+LOCAL-DROPS\s+NODES\s+EVENT$/);
    expect(wide.stdout).toMatch(/^shop\s+payments\s.*TopologyAwareHintsDisabled/m);
    const plain = await runIn(['explain', '-f', yamlDump, '--no-headers']);
    expect(plain.stdout.split('\n')[0]).toMatch(/^shop\s+web\s+ClusterIP\s+active/);
  });

  it('explain svc/NAME lists one Service; -n keeps one namespace; an unknown one says so', async () => {
    const one = await runIn(['explain', 'svc/cache', '-f', yamlDump, '-o', 'name']);
    expect(one.stdout).toBe('service/cache\n');
    const none = await runIn(['explain', '-n', 'kube-system', '-f', yamlDump]);
    expect([none.exitCode, none.stdout, none.stderr]).toEqual([0, '', 'No Services found in namespace kube-system.\n']);
  });

  it('--kubernetes-version takes what kubectl version prints', async () => {
    const args = ['select', 'shop/web', '-f', yamlDump, '--node', 'node-a1', '-o', 'json'];
    for (const v of ['v1.29.3', '1.29', 'v1.29.3-eks-1234', 'Server Version: v1.29.3']) {
      const r = await runIn([...args, '--kubernetes-version', v]);
      expect(r.exitCode).toBe(0);
      expect((JSON.parse(r.stdout) as { kubernetesVersion: string }).kubernetesVersion).toBe('1.29');
    }
  });

  it('-f objects without a namespace go to the kubeconfig context\'s namespace, as with kubectl apply -f', async () => {
    const manifest = 'apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec: {clusterIP: 10.0.0.1, ports: [{port: 80}]}\n';
    let asked = 0;
    const cluster = { read: () => Promise.reject(new Error('not read')), contextNamespace: () => (asked++, Promise.resolve('team')) };
    const r = await runIn(['explain', '-f', 'm.yaml', '-o', 'name', '-n', 'team'], { 'm.yaml': manifest }, { cluster });
    const c = await runIn(['explain', '-f', 'm.yaml', '-o', 'name', '-n', 'team'], { 'm.yaml': manifest });
    expect([r.stdout, c.stdout, asked]).toEqual(['service/web\n', 'service/web\n', 0]); // -n given: no context asked
    const viaContext = await runIn(['explain', '-f', 'm.yaml', '-o', 'wide'], { 'm.yaml': manifest }, { cluster });
    expect([viaContext.exitCode, asked]).toEqual([0, 1]);
    expect(viaContext.stdout).toMatch(/^team\s+web\s/m);
  });

  it('a Service that never asked for topology reads "not requested"; one that asked but lost it reads "off"', async () => {
    const r = await runIn(['explain', '-f', yamlDump]);
    expect(r.stdout).toMatch(/^shop\s+storefront\s+LoadBalancer\s+not requested\s/m);
    expect(r.stdout).toMatch(/^shop\s+search\s+ClusterIP\s+off \(endpoint-without-hint\)/m);
  });
});

describe('input problems (exit 2)', () => {
  it('an unknown node names the closest nodes first', async () => {
    const r = await runIn(['select', 'shop/cache', '-f', yamlDump, '--node', 'node-b3']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/node "node-b3" not found in the input; nodes in the input \(closest first\): node-b1, node-b2, /);
  });

  it('a Service name without namespace works when unique', async () => {
    expect((await runIn(['select', 'cache', '-f', yamlDump, '--node', 'node-a1'])).exitCode).toBe(0);
  });

  it('an unreadable file is an input problem', async () => {
    const r = await runIn(['explain', '-f', '/nonexistent/dump.yaml']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toBe('error: cannot read /nonexistent/dump.yaml (ENOENT)\n');
  });

  it('a malformed file names the file, the document and the line', async () => {
    const r = await runIn(['explain', '-f', 'bad.yaml'], { 'bad.yaml': 'kind: Service\nmetadata: {name: a}\n---\nkind: Node\nmetadata: {name: [b\n' });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/^error: bad\.yaml: document 2, line \d+: /);
  });

  it('a KubeTrafficError from the library prints each problem path and message', async () => {
    const dump = JSON.stringify({
      kind: 'List',
      items: [
        { kind: 'Service', metadata: { name: 'x', namespace: 'ns' }, spec: { clusterIP: '10.0.0.1', ports: [{ name: 'http', port: 'eighty' }] } },
        { kind: 'Node', metadata: { name: 'n1' } },
      ],
    });
    const r = await runIn(['select', 'ns/x', '-f', 'd.json', '--node', 'n1'], { 'd.json': dump });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/^error: the input is not valid Kubernetes \(\d+ problems?\):\n {2}\$\.service\.spec\.ports\[0\]\.port: expected/);
  });

  it('explain lists the good Services and reports the broken one (exit 2)', async () => {
    const dump = JSON.stringify({
      kind: 'List',
      items: [
        { kind: 'Service', metadata: { name: 'ok', namespace: 'ns' }, spec: { clusterIP: '10.0.0.1', ports: [{ name: 'http', port: 80 }] } },
        { kind: 'Service', metadata: { name: 'broken', namespace: 'ns' }, spec: { clusterIP: '10.0.0.2', ports: [{ name: 'http', port: 'eighty' }] } },
        { kind: 'Node', metadata: { name: 'n1' } },
      ],
    });
    const r = await runIn(['explain', '-f', 'd.json'], { 'd.json': dump });
    expect(r.exitCode).toBe(2);
    expect(r.stdout).toMatch(/^ns\s+ok\s/m);
    expect(r.stdout).toMatch(/^ns\s+broken\s+ClusterIP\s+error \(see below\)/m);
    expect(r.stderr).toMatch(/^error: Service ns\/broken: \$\.service\.spec\.ports\[0\]\.port/);
  });
});

describe('--fail-on (exit 4 when a condition holds)', () => {
  it('explain: drop holds on the example (shop/cache, shop/storefront); reject does not', async () => {
    const r = await runIn(['explain', '-f', yamlDump, '--fail-on', 'drop']);
    expect(r.exitCode).toBe(4);
    expect(r.stdout).toMatch(/^NAMESPACE/); // the normal output is still printed
    expect(r.stderr).toMatch(/^fail-on drop: shop\/cache from Pods on control-1,node-a2,node-b2,\+1 \(internalTrafficPolicy Local\); shop\/storefront via nodePort on /);
    expect((await runIn(['explain', '-f', yamlDump, '--fail-on', 'reject'])).exitCode).toBe(0);
  });

  it('explain: topology-off (shop/payments and shop/search asked for it) and warning (the Auto safeguard event)', async () => {
    const r = await runIn(['explain', '-f', yamlDump, '--fail-on=topology-off,warning']);
    expect(r.exitCode).toBe(4);
    expect(r.stderr).toMatch(/^fail-on topology-off: shop\/payments: off \(endpoint-without-hint\); shop\/search: off/m);
    expect(r.stderr).toMatch(/^fail-on warning: shop\/payments: TopologyAwareHintsDisabled/m);
    expect(r.stderr).not.toContain('storefront: not requested');
  });

  it('select: drop on node-b2, none on node-a1', async () => {
    const drop = await runIn(['select', 'shop/cache', '-f', yamlDump, '--node', 'node-b2', '--fail-on', 'drop,reject']);
    expect([drop.exitCode, drop.stderr]).toEqual([4, 'fail-on drop: shop/cache from pod on node-b2 (Local, decided by internalTrafficPolicy)\n']);
    expect((await runIn(['select', 'shop/cache', '-f', yamlDump, '--node', 'node-a1', '--fail-on', 'drop,reject'])).exitCode).toBe(0);
  });

  it('simulate: warning when the simulation warns; drop when traffic is dropped', async () => {
    const warn = await runIn(['simulate', 'shop/storefront', '-f', yamlDump, '--fail-on', 'warning']);
    expect(warn.exitCode).toBe(4);
    expect(warn.stderr).toMatch(/^fail-on warning: shop\/storefront: zone-without-endpoints: /);
    const drop = await runIn(['simulate', 'shop/cache', '-f', yamlDump, '--fail-on', 'drop']);
    expect(drop.exitCode).toBe(4);
    expect(drop.stderr).toMatch(/^fail-on drop: shop\/cache: \d+(\.\d)?% of traffic dropped \(nodes /);
    expect((await runIn(['simulate', 'shop/web', '-f', yamlDump, '--fail-on', 'drop,reject'])).exitCode).toBe(0);
  });
});

describe('output', () => {
  it('colour on a TTY, none with NO_COLOR, none in JSON', async () => {
    const args = ['select', 'shop/cache', '-f', yamlDump, '--node', 'node-b2'];
    expect((await runIn(args, {}, { isTTY: true })).stdout).toContain('\u001b[31mDROP\u001b[39m');
    expect((await runIn(args, {}, { isTTY: true, env: { NO_COLOR: '1' } })).stdout).not.toContain('\u001b[');
    expect((await runIn([...args, '-o', 'json'], {}, { isTTY: true })).stdout).not.toContain('\u001b[');
  });

  it('--kubernetes-version and --gate reach the library', async () => {
    const base = ['select', 'shop/web', '-f', yamlDump, '--node', 'node-a1', '-o', 'json'];
    const zoned = JSON.parse((await runIn(base)).stdout) as { categorized: { topologyMode: { kind: string } } };
    expect(zoned.categorized.topologyMode.kind).toBe('sameZone');
    const old = JSON.parse((await runIn([...base, '--kubernetes-version', '1.30'])).stdout) as { kubernetesVersion: string };
    expect(old.kubernetesVersion).toBe('1.30');
    const gated = JSON.parse((await runIn([...base, '--kubernetes-version', '1.30', '--gate', 'TopologyAwareHints=false'])).stdout) as {
      categorized: { topologyMode: { kind: string } };
    };
    expect(gated.categorized.topologyMode).toMatchObject({ kind: 'none' });
  });

  it('--kubernetes-version takes the version as kubectl version prints it', async () => {
    const base = ['select', 'shop/web', '-f', yamlDump, '--node', 'node-a1', '-o', 'json'];
    const spellings = [
      ...['1.36', 'v1.36', '1.36.2', 'v1.36.2', 'v1.36.2-eks-1234', 'v1.36.2+k3s1', 'v1.36.2-gke.100', 'Server Version: v1.36.2'].map((t) => [t, '1.36'] as const),
      ['v1.37.1+k3s1', '1.37'], ['1.35.3', '1.35'], ['Server Version: v1.34.1', '1.34'], ['master', 'master'],
    ] as const;
    for (const [text, release] of spellings) {
      const r = await runIn([...base, '--kubernetes-version', text]);
      expect(r.exitCode, text).toBe(0);
      expect((JSON.parse(r.stdout) as { kubernetesVersion: string }).kubernetesVersion, text).toBe(release);
    }
    // The help names the release the default decides like.
    expect((await runIn(['--help'])).stdout).toContain('(default master, which decides like 1.37)');
    // A gate the release has removed is refused by the library; the flag is to blame (exit 1).
    const removed = await runIn([...base, '--kubernetes-version', 'v1.36.2', '--gate', 'TopologyAwareHints=false']);
    expect(removed.exitCode).toBe(1);
    expect(removed.stderr).toContain('error: --gate: expected a gate that exists in 1.36: TopologyAwareHints no longer exists');
  });

  it('--clients node weights are accepted', async () => {
    const r = await runIn(['simulate', 'shop/web', '-f', yamlDump, '--clients', 'node:node-a1=3,node:node-c2=1', '-o', 'json']);
    expect(r.exitCode).toBe(0);
    const sim = JSON.parse(r.stdout) as { classes: { nodes: string[] }[] };
    expect(sim.classes.flatMap((c) => c.nodes).sort()).toEqual(['node-a1', 'node-c2']);
  });

  it('report -o json prints the report data, not HTML; -o yaml the same as YAML', async () => {
    const r = await runIn(['report', 'shop/web', '-f', yamlDump, '-o', 'json']);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).not.toContain('<');
    const data = JSON.parse(r.stdout) as { title: string; views: { id: string; simulation: { endpoints: unknown[] } }[]; hints: { path: string } };
    expect(data.title).toBe('shop/web');
    expect(data.views[0]!.simulation.endpoints.length).toBeGreaterThan(0);
    expect(data.hints.path).toBe('traffic-distribution');
    const html = await runIn(['report', 'shop/web', '-f', yamlDump]);
    expect(html.stdout).toMatch(/^<!doctype html>/i);
  });
});

describe('external IPs with AllowServiceExternalIPs off (1.36): not handled by kube-proxy', () => {
  const dump = JSON.stringify({
    apiVersion: 'v1',
    kind: 'List',
    items: [
      { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'shop' }, spec: { clusterIP: '10.96.0.10', externalIPs: ['192.0.2.10'], ports: [{ name: 'http', port: 80 }] } },
      {
        apiVersion: 'discovery.k8s.io/v1',
        kind: 'EndpointSlice',
        metadata: { name: 'web-1', namespace: 'shop', labels: { 'kubernetes.io/service-name': 'web', 'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io' } },
        addressType: 'IPv4',
        ports: [{ name: 'http', port: 8080 }],
        endpoints: [{ addresses: ['10.0.0.1'], conditions: { ready: true }, nodeName: 'n1', zone: 'zone-a' }],
      },
      { apiVersion: 'v1', kind: 'Node', metadata: { name: 'n1', labels: { 'topology.kubernetes.io/zone': 'zone-a' } }, status: { allocatable: { cpu: '4' }, conditions: [{ type: 'Ready', status: 'True' }] } },
    ],
  });
  const files = { 'ext.json': dump };
  const off = ['--kubernetes-version', 'v1.36.2', '--gate', 'AllowServiceExternalIPs=false'];

  it('select says NOT-HANDLED and names no list', async () => {
    const r = await runIn(['select', '-f', 'ext.json', '--service', 'shop/web', '--node', 'n1', '--via', 'externalIP', ...off], files);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).toContain('NOT-HANDLED');
    expect(r.stdout).toContain('none: kube-proxy does not handle this flow');
    expect(r.stdout).not.toContain('null');
    const j = JSON.parse((await runIn(['select', '-f', 'ext.json', '--service', 'shop/web', '--node', 'n1', '--via', 'externalIP', '-o', 'json', ...off], files)).stdout) as { action: string; policy: unknown };
    expect([j.action, j.policy]).toEqual(['not-handled', null]);
    // The default (gate on) forwards.
    expect((await runIn(['select', '-f', 'ext.json', '--service', 'shop/web', '--node', 'n1', '--via', 'externalIP', '--kubernetes-version', '1.36'], files)).stdout).toContain('FORWARD');
  });

  it('report shows the not-handled share in its figures, its flow diagram and each client class', async () => {
    const r = await runIn(['report', '-f', 'ext.json', '--service', 'shop/web', '--via', 'externalIP', ...off], files);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).toContain('<tr><th>Not handled by kube-proxy</th><td>100% (AllowServiceExternalIPs is off)</td></tr>');
    expect(r.stdout).toContain('class="band not-handled"');
    expect(r.stdout).toMatch(/<h3>kube-proxy on n1 \(zone-a\), [^<]*: NOT-HANDLED<\/h3>/);
    // The gate on: forwarded, and no not-handled band at all.
    const on = await runIn(['report', '-f', 'ext.json', '--service', 'shop/web', '--via', 'externalIP', '--kubernetes-version', '1.36'], files);
    expect(on.stdout).not.toContain('class="band not-handled"');
    expect(on.stdout).not.toContain('Not handled by kube-proxy');
  });

  it('--fail-on not-handled gates on it; drop and reject do not hold for traffic kube-proxy never sees', async () => {
    const args = ['select', '-f', 'ext.json', '--service', 'shop/web', '--node', 'n1', '--via', 'externalIP', '--from', 'outside', ...off];
    const gated = await runIn([...args, '--fail-on', 'not-handled'], files);
    expect(gated.exitCode, gated.stderr).toBe(4);
    expect(gated.stdout).toContain('NOT-HANDLED');
    expect(gated.stderr).toBe('fail-on not-handled: shop/web from outside on n1 via externalIP: AllowServiceExternalIPs is off, so kube-proxy writes no rule for it\n');
    expect((await runIn([...args, '--fail-on', 'drop,reject'], files)).exitCode).toBe(0);
    // With the gate on (the 1.36 default) the flow is forwarded: nothing to gate on.
    expect((await runIn(['select', '-f', 'ext.json', '--service', 'shop/web', '--node', 'n1', '--via', 'externalIP', '--kubernetes-version', '1.36', '--fail-on', 'not-handled'], files)).exitCode).toBe(0);
    const sim = await runIn(['simulate', '-f', 'ext.json', '--service', 'shop/web', '--via', 'externalIP', ...off, '--fail-on', 'not-handled'], files);
    expect(sim.exitCode, sim.stderr).toBe(4);
    expect(sim.stderr).toMatch(/^fail-on not-handled: shop\/web: 100 ?% of traffic not handled by kube-proxy \(nodes n1\)$/m);
  });

  it('simulate reports the not-handled share and warns', async () => {
    const r = await runIn(['simulate', '-f', 'ext.json', '--service', 'shop/web', '--via', 'externalIP', ...off], files);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Not handled:\s+100 ?%/);
    expect(r.stdout).toContain('traffic-not-handled');
    expect(r.stdout).not.toContain('null');
    // The zone-to-zone rows still add up to the zone's clients: a NOT-HANDLED column holds them.
    expect(r.stdout).toMatch(/^FROM\\TO\s+zone-a\s+DROPPED\s+REJECTED\s+NOT-HANDLED$/m);
    expect(r.stdout).toMatch(/^zone-a\s+0%\s+0%\s+0%\s+100%$/m);
    const compared = await runIn(['simulate', '-f', 'ext.json', '--service', 'shop/web', '--via', 'externalIP', ...off, '--compare', 'PreferClose'], files);
    expect(compared.stdout).toMatch(/^SCENARIO .*\bREJECTED\s+NOT-HANDLED\s+MAX-OVERLOAD/m);
    // With the gate on there is nothing not handled, and no such column.
    const on = await runIn(['simulate', '-f', 'ext.json', '--service', 'shop/web', '--via', 'externalIP', '--kubernetes-version', '1.36'], files);
    expect(on.stdout).not.toContain('NOT-HANDLED');
  });
});

