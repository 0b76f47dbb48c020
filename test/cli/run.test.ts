/**
 * `run()` in-process: help, exit codes and error messages (fast; no child process).
 */
import { describe, expect, it } from 'vitest';
import { runIn, yamlDump } from './helpers.js';

const SUBCOMMANDS = ['select', 'hints', 'simulate', 'report', 'explain'];

describe('help', () => {
  it('top-level --help lists every subcommand and the exit codes', () => {
    for (const args of [['--help'], ['-h'], ['help']]) {
      const r = runIn(args);
      expect(r.exitCode).toBe(0);
      for (const c of SUBCOMMANDS) expect(r.stdout).toMatch(new RegExp(`^  ${c}\\s`, 'm'));
      expect(r.stdout).toContain('Exit codes: 0 ok, 1 usage error, 2 input problem');
    }
  });

  it.each(SUBCOMMANDS)('%s --help prints its usage and the global options', (c) => {
    for (const args of [[c, '--help'], ['help', c]]) {
      const r = runIn(args);
      expect(r.exitCode).toBe(0);
      expect(r.stdout).toMatch(new RegExp(`^Usage: kube-traffic ${c} `));
      expect(r.stdout).toContain('--kubernetes-version');
    }
  });

  it('no command, or an unknown one, is a usage error (exit 1)', () => {
    expect(runIn([]).exitCode).toBe(1);
    const r = runIn(['selct', '-f', yamlDump]);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain('did you mean select?');
  });
});

describe('usage errors (exit 1, with the subcommand usage)', () => {
  it.each([
    [['select', '-f', yamlDump, '--node', 'node-a1'], '--service NAMESPACE/NAME is required'],
    [['select', '-f', yamlDump, '--service', 'shop/web'], '--node NODE is required'],
    [['explain'], 'at least one -f/--filename is required'],
    [['explain', '-f', yamlDump, '--bogus'], "Unknown option '--bogus'"],
    [['explain', '-f', yamlDump, '-o', 'xml'], '--output must be text or json'],
    [['explain', '-f', yamlDump, '--kubernetes-version', '1.19'], "--kubernetes-version: expected a Kubernetes release from 1.27 to 1.37"],
    [['explain', '-f', yamlDump, '--kubernetes-version', '1.38'], '1.38 is not a modelled release'],
    [['explain', '-f', yamlDump, '--kubernetes-version', 'v1.36.0-alpha.1'], 'a pre-release of 1.36'],
    [['explain', '-f', yamlDump, '--gate', 'TopologyAwareHint=false'], 'unknown feature gate "TopologyAwareHint"; known gates (closest first): TopologyAwareHints'],
    [['explain', '-f', yamlDump, '--gate', 'TopologyAwareHints'], '--gate expects NAME=true or NAME=false'],
    [['select', '-f', yamlDump, '--service', 'shop/web', '--node', 'node-a1', '--via', 'ingress'], '--via must be one of clusterIP, nodePort'],
    [['simulate', '-f', yamlDump, '--service', 'shop/web', '--clients', 'zone-a=x'], '--clients: "zone-a=x" is not ZONE=WEIGHT'],
    [['simulate', '-f', yamlDump, '--service', 'shop/web', '--compare', 'PreferFar'], '--compare: unknown scenario "PreferFar"'],
    [['explain', '-f', yamlDump, 'extra'], 'unexpected argument "extra"'],
  ])('%j', (args, message) => {
    const r = runIn(args);
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(message);
    expect(r.stderr).toMatch(/Usage: kube-traffic \w+/);
  });
});

describe('input problems (exit 2)', () => {
  it('an unknown node names the closest nodes first', () => {
    const r = runIn(['select', '-f', yamlDump, '--service', 'shop/cache', '--node', 'node-b3']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/node "node-b3" not found in the input; nodes in the input \(closest first\): node-b1, node-b2, /);
  });

  it('an unknown port names the Service ports', () => {
    const r = runIn(['select', '-f', yamlDump, '--service', 'shop/cache', '--node', 'node-b2', '--port', 'htp']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('port "htp" is not a port of Service shop/cache; its ports (closest first): http (80/TCP)');
  });

  it('a Service name without namespace works when unique', () => {
    expect(runIn(['select', '-f', yamlDump, '--service', 'cache', '--node', 'node-a1']).exitCode).toBe(0);
  });

  it('an unreadable file is an input problem', () => {
    const r = runIn(['explain', '-f', '/nonexistent/dump.yaml']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toBe('error: cannot read /nonexistent/dump.yaml (ENOENT)\n');
  });

  it('a malformed file names the file, the document and the line', () => {
    const r = runIn(['explain', '-f', 'bad.yaml'], { 'bad.yaml': 'kind: Service\nmetadata: {name: a}\n---\nkind: Node\nmetadata: {name: [b\n' });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/^error: bad\.yaml: document 2, line \d+: /);
  });

  it('a KubeTrafficError from the library prints each problem path and message', () => {
    const dump = JSON.stringify({
      kind: 'List',
      items: [
        { kind: 'Service', metadata: { name: 'x', namespace: 'ns' }, spec: { clusterIP: '10.0.0.1', ports: [{ name: 'http', port: 'eighty' }] } },
        { kind: 'Node', metadata: { name: 'n1' } },
      ],
    });
    const r = runIn(['select', '-f', 'd.json', '--service', 'ns/x', '--node', 'n1'], { 'd.json': dump });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/^error: the input is not valid Kubernetes \(\d+ problems?\):\n {2}\$\.service\.spec\.ports\[0\]\.port: expected/);
  });

  it('explain lists the good Services and reports the broken one (exit 2)', () => {
    const dump = JSON.stringify({
      kind: 'List',
      items: [
        { kind: 'Service', metadata: { name: 'ok', namespace: 'ns' }, spec: { clusterIP: '10.0.0.1', ports: [{ name: 'http', port: 80 }] } },
        { kind: 'Service', metadata: { name: 'broken', namespace: 'ns' }, spec: { clusterIP: '10.0.0.2', ports: [{ name: 'http', port: 'eighty' }] } },
        { kind: 'Node', metadata: { name: 'n1' } },
      ],
    });
    const r = runIn(['explain', '-f', 'd.json'], { 'd.json': dump });
    expect(r.exitCode).toBe(2);
    expect(r.stdout).toMatch(/^ns\s+ok\s/m);
    expect(r.stdout).toMatch(/^ns\s+broken\s+ClusterIP\s+error \(see below\)/m);
    expect(r.stderr).toMatch(/^error: Service ns\/broken: \$\.service\.spec\.ports\[0\]\.port/);
  });
});

describe('output', () => {
  it('colour on a TTY, none with NO_COLOR, none in JSON', () => {
    const args = ['select', '-f', yamlDump, '--service', 'shop/cache', '--node', 'node-b2'];
    expect(runIn(args, {}, { isTTY: true }).stdout).toContain('\u001b[31mDROP\u001b[39m');
    expect(runIn(args, {}, { isTTY: true, env: { NO_COLOR: '1' } }).stdout).not.toContain('\u001b[');
    expect(runIn([...args, '-o', 'json'], {}, { isTTY: true }).stdout).not.toContain('\u001b[');
  });

  it('--kubernetes-version and --gate reach the library', () => {
    const base = ['select', '-f', yamlDump, '--service', 'shop/web', '--node', 'node-a1', '-o', 'json'];
    const zoned = JSON.parse(runIn(base).stdout) as { categorized: { topologyMode: { kind: string }; kubernetesVersion: string } };
    expect(zoned.categorized.topologyMode.kind).toBe('sameZone');
    const old = JSON.parse(runIn([...base, '--kubernetes-version', '1.30']).stdout) as { kubernetesVersion: string };
    expect(old.kubernetesVersion).toBe('1.30');
    const gated = JSON.parse(runIn([...base, '--kubernetes-version', '1.30', '--gate', 'TopologyAwareHints=false']).stdout) as {
      categorized: { topologyMode: { kind: string; cause?: string } };
    };
    expect(gated.categorized.topologyMode).toMatchObject({ kind: 'none' });
  });

  it('--kubernetes-version takes the version as kubectl version prints it', () => {
    const base = ['select', '-f', yamlDump, '--service', 'shop/web', '--node', 'node-a1', '-o', 'json'];
    for (const [text, release] of [['v1.36.2-eks-1234', '1.36'], ['v1.37.1+k3s1', '1.37'], ['1.35.3', '1.35'], ['v1.36.2-gke.100', '1.36']] as const) {
      const r = runIn([...base, '--kubernetes-version', text]);
      expect(r.exitCode, text).toBe(0);
      expect((JSON.parse(r.stdout) as { kubernetesVersion: string }).kubernetesVersion).toBe(release);
    }
    // A gate the release has removed is refused by the library, naming it (exit 2, input the library rejects).
    const removed = runIn([...base, '--kubernetes-version', 'v1.36.2', '--gate', 'TopologyAwareHints=false']);
    expect(removed.exitCode).toBe(2);
    expect(removed.stderr).toContain('TopologyAwareHints no longer exists');
  });

  it('--clients pods and node weights are accepted', () => {
    const r = runIn(['simulate', '-f', yamlDump, '--service', 'shop/web', '--clients', 'node:node-a1=3,node:node-c2=1', '-o', 'json']);
    expect(r.exitCode).toBe(0);
    const sim = JSON.parse(r.stdout) as { classes: { nodes: string[] }[] };
    expect(sim.classes.flatMap((c) => c.nodes).sort()).toEqual(['node-a1', 'node-c2']);
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

  it('select says NOT-HANDLED and names no list', () => {
    const r = runIn(['select', '-f', 'ext.json', '--service', 'shop/web', '--node', 'n1', '--via', 'externalIP', ...off], files);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).toContain('NOT-HANDLED');
    expect(r.stdout).toContain('none: kube-proxy does not handle this flow');
    expect(r.stdout).not.toContain('null');
    const j = JSON.parse(runIn(['select', '-f', 'ext.json', '--service', 'shop/web', '--node', 'n1', '--via', 'externalIP', '-o', 'json', ...off], files).stdout) as { action: string; policy: unknown };
    expect([j.action, j.policy]).toEqual(['not-handled', null]);
    // The default (gate on) forwards.
    expect(runIn(['select', '-f', 'ext.json', '--service', 'shop/web', '--node', 'n1', '--via', 'externalIP', '--kubernetes-version', '1.36'], files).stdout).toContain('FORWARD');
  });

  it('simulate reports the not-handled share and warns', () => {
    const r = runIn(['simulate', '-f', 'ext.json', '--service', 'shop/web', '--via', 'externalIP', ...off], files);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Not handled:\s+100 ?%/);
    expect(r.stdout).toContain('traffic-not-handled');
    expect(r.stdout).not.toContain('null');
  });
});

