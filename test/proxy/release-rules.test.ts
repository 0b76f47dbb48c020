/**
 * kube-proxy by release (proxy-semantics §10): for every row of the release table, one input
 * whose answer differs between the releases on either side of the change, asserted for both.
 */
import { describe, expect, it } from 'vitest';
import {
  isLocal,
  type CategorizeInput,
  type CategorizedEndpoints,
  type EndpointInput,
  type EndpointSliceInput,
  type KubernetesVersion,
  type ServiceInput,
  KubeTrafficError,
  categorizeEndpoints,
  prepareService,
  proxyAnnotationAllowsHints,
  selectEndpoints,
} from '../../src/index.js';

const ZONE = 'topology.kubernetes.io/zone';

function service(opts: { annotations?: Record<string, string>; spec?: Record<string, unknown>; status?: Record<string, unknown> } = {}): ServiceInput {
  return {
    metadata: { name: 'web', namespace: 'shop', ...(opts.annotations && { annotations: opts.annotations }) },
    spec: { clusterIP: '10.96.0.10', ports: [{ name: 'http', port: 80 }], ...opts.spec },
    ...(opts.status && { status: opts.status }),
  } as ServiceInput;
}

function slice(name: string, endpoints: EndpointInput[]): EndpointSliceInput {
  return {
    metadata: { name, namespace: 'shop', labels: { 'kubernetes.io/service-name': 'web' } },
    addressType: 'IPv4',
    ports: [{ name: 'http', port: 8080 }],
    endpoints,
  };
}

/** Two ready endpoints hinted for zone-a and zone-b (and their own nodes). */
const HINTED = [
  slice('s1', [
    { addresses: ['10.0.0.1'], nodeName: 'node-a', zone: 'zone-a', hints: { forZones: [{ name: 'zone-a' }], forNodes: [{ name: 'node-a' }] } },
    { addresses: ['10.0.0.2'], nodeName: 'node-b', zone: 'zone-b', hints: { forZones: [{ name: 'zone-b' }], forNodes: [{ name: 'node-b' }] } },
  ]),
];

function run(version: KubernetesVersion, input: Partial<CategorizeInput> = {}): CategorizedEndpoints {
  const r = categorizeEndpoints({
    service: service(),
    endpointSlices: HINTED,
    node: { name: 'node-c', labels: { [ZONE]: 'zone-a' } },
    ...input,
    kubernetesVersion: version,
  });
  if (r.kind !== 'proxied') throw new Error('expected a proxied Service');
  expect(r.kubernetesVersion).toBe(version);
  return r;
}

const keys = (list: readonly { key: string }[] | null) => list?.map((e) => e.key) ?? null;

describe('§10 row 1: the topology annotation', () => {
  it('1.29 ignores zone hints without the annotation; 1.33 uses them', () => {
    expect(run('1.29').topologyMode).toEqual({ kind: 'none', cause: 'annotation-required' });
    expect(keys(run('1.29').clusterEndpoints)).toEqual(['10.0.0.1:8080', '10.0.0.2:8080']);
    expect(run('1.33').topologyMode).toEqual({ kind: 'sameZone', zone: 'zone-a' });
    expect(keys(run('1.33').clusterEndpoints)).toEqual(['10.0.0.1:8080']);
  });

  it('1.30 checks it (ServiceTrafficDistribution alpha, off); 1.31 does not (gate beta, on)', () => {
    expect(run('1.30').topologyMode).toEqual({ kind: 'none', cause: 'annotation-required' });
    expect(run('1.31').topologyMode).toEqual({ kind: 'sameZone', zone: 'zone-a' });
    // The gate, not the release number, decides within 1.30–1.32.
    expect(run('1.30', { gates: { ServiceTrafficDistribution: true } }).topologyMode?.kind).toBe('sameZone');
    expect(run('1.32', { gates: { ServiceTrafficDistribution: false } }).topologyMode).toEqual({ kind: 'none', cause: 'annotation-required' });
    // 1.33 never checks, even with the (locked) gate forced off.
    expect(run('1.33', { gates: { ServiceTrafficDistribution: false } }).topologyMode?.kind).toBe('sameZone');
  });

  it('any non-empty value but disabled/Disabled enables in 1.27–1.29; topology-aware-hints wins whenever present', () => {
    const mode = (annotations: Record<string, string>) => run('1.27', { service: service({ annotations }) }).topologyMode ?? { kind: 'no list' };
    expect(mode({ 'service.kubernetes.io/topology-mode': 'aUto' }).kind).toBe('sameZone');
    expect(mode({ 'service.kubernetes.io/topology-mode': 'PreferZone' }).kind).toBe('sameZone');
    expect(mode({ 'service.kubernetes.io/topology-mode': 'Disabled' })).toEqual({ kind: 'none', cause: 'annotation-required' });
    expect(mode({ 'service.kubernetes.io/topology-aware-hints': 'disabled', 'service.kubernetes.io/topology-mode': 'Auto' }).kind).toBe('none');
    expect(mode({ 'service.kubernetes.io/topology-aware-hints': '', 'service.kubernetes.io/topology-mode': 'Auto' }).kind).toBe('none');
    expect(mode({ 'service.kubernetes.io/topology-aware-hints': 'Auto', 'service.kubernetes.io/topology-mode': 'Disabled' }).kind).toBe('sameZone');
    expect(proxyAnnotationAllowsHints(undefined)).toBe(false);
  });
});

describe('§10 row 2: zone hints read only with TopologyAwareHints before 1.33', () => {
  it('1.32 with the gate off ignores hints; 1.33 reads them whatever the gate', () => {
    const auto = service({ annotations: { 'service.kubernetes.io/topology-mode': 'Auto' } });
    expect(run('1.32', { service: auto, gates: { TopologyAwareHints: false } }).topologyMode).toEqual({ kind: 'none', cause: 'gate-off' });
    expect(run('1.32', { service: auto }).topologyMode?.kind).toBe('sameZone');
    expect(run('1.33', { service: auto, gates: { TopologyAwareHints: false } }).topologyMode?.kind).toBe('sameZone');
  });
});

describe('§10 row 3: a node without a zone label', () => {
  const emptyZoneHints = [
    slice('s1', [
      { addresses: ['10.0.0.1'], nodeName: 'node-a', hints: { forZones: [{ name: '' }] } },
      { addresses: ['10.0.0.2'], nodeName: 'node-b', hints: { forZones: [{ name: 'zone-b' }] } },
    ]),
  ];
  it('1.32 refuses zone mode explicitly; 1.33 matches "" against a hint named ""', () => {
    const input = { endpointSlices: emptyZoneHints, node: { name: 'node-c' } };
    expect(run('1.32', input).topologyMode).toEqual({ kind: 'none', cause: 'node-without-zone' });
    expect(run('1.33', input).topologyMode).toEqual({ kind: 'sameZone', zone: '' });
    expect(keys(run('1.33', input).clusterEndpoints)).toEqual(['10.0.0.1:8080']);
  });
});

describe('§10 row 4: node hints (PreferSameTrafficDistribution)', () => {
  const onNodeA = { node: { name: 'node-a', zone: 'zone-b' } };
  it('1.33: off by default, on when turned on; 1.34: on by default', () => {
    expect(run('1.33', onNodeA).topologyMode).toEqual({ kind: 'sameZone', zone: 'zone-b' });
    expect(run('1.33', { ...onNodeA, gates: { PreferSameTrafficDistribution: true } }).topologyMode).toEqual({ kind: 'sameNode', node: 'node-a' });
    expect(run('1.34', onNodeA).topologyMode).toEqual({ kind: 'sameNode', node: 'node-a' });
    expect(run('1.34', onNodeA).clusterEndpoints?.map((e) => e.nodeHints)).toEqual([['node-a']]);
  });
  it('1.32 has no node hints at all: the gate (absent there) is accepted and changes nothing', () => {
    const r = run('1.32', { ...onNodeA, gates: { PreferSameTrafficDistribution: true } });
    // Zone mode (1.32 with ServiceTrafficDistribution on skips the annotation), never node mode.
    expect(r.topologyMode).toEqual({ kind: 'sameZone', zone: 'zone-b' });
    expect(r.clusterEndpoints?.map((e) => e.nodeHints)).toEqual([[]]);
  });
});

describe('§10 row 5: ProxyTerminatingEndpoints', () => {
  const draining = [slice('s1', [{ addresses: ['10.0.0.1'], nodeName: 'node-a', conditions: { ready: false, serving: true, terminating: true } }])];
  it('1.27 with the gate off: no fallback, and such endpoints do not count; 1.28 ignores the gate', () => {
    const local = service({ spec: { internalTrafficPolicy: 'Local' } });
    const off = { endpointSlices: draining, gates: { ProxyTerminatingEndpoints: false }, node: { name: 'node-a', zone: 'zone-a' } };
    const old = run('1.27', off);
    expect([keys(old.clusterEndpoints), old.hasAnyEndpoints]).toEqual([[], false]);
    expect(run('1.27', { ...off, service: local }).localEndpoints).toEqual([]);
    expect(run('1.27', { ...off, service: local }).hasAnyEndpoints).toBe(false);
    const newer = run('1.28', off);
    expect([keys(newer.clusterEndpoints), newer.hasAnyEndpoints, newer.terminatingFallback.cluster]).toEqual([['10.0.0.1:8080'], true, true]);
    expect(keys(run('1.28', { ...off, service: local }).localEndpoints)).toEqual(['10.0.0.1:8080']);
    // 1.27 by default falls back like every later release.
    expect(keys(run('1.27', { endpointSlices: draining }).clusterEndpoints)).toEqual(['10.0.0.1:8080']);
  });
});

describe('§10 row 6: LB ingress ipMode Proxy (LoadBalancerIPMode)', () => {
  const lb = service({
    spec: { type: 'LoadBalancer', allocateLoadBalancerNodePorts: false, externalTrafficPolicy: 'Local' },
    status: { loadBalancer: { ingress: [{ ip: '203.0.113.7', ipMode: 'Proxy' }] } },
  });
  it('1.29 (gate alpha, off) counts it as external reachability; 1.30 (gate beta, on) does not', () => {
    expect(run('1.29', { service: lb }).policy.portExternal).toBe(true);
    expect(run('1.29', { service: lb }).localEndpoints).toEqual([]);
    expect(run('1.30', { service: lb }).policy.portExternal).toBe(false);
    expect(run('1.30', { service: lb }).localEndpoints).toBeNull();
    expect(run('1.29', { service: lb, gates: { LoadBalancerIPMode: true } }).policy.portExternal).toBe(false);
    // 1.28 has no ipMode at all: forcing the (absent) gate on changes nothing.
    expect(run('1.28', { service: lb, gates: { LoadBalancerIPMode: true } }).policy.portExternal).toBe(true);
  });
  it('1.33 and 1.34: locked on, but still read, so forcing it off takes effect', () => {
    for (const v of ['1.33', '1.34'] as const) {
      expect(run(v, { service: lb }).policy.portExternal, v).toBe(false);
      expect(run(v, { service: lb, gates: { LoadBalancerIPMode: false } }).policy.portExternal, v).toBe(true);
      expect(run(v, { service: lb, gates: { LoadBalancerIPMode: false } }).localEndpoints, v).toEqual([]);
    }
  });
  it('1.35: the gate is removed: ipMode Proxy never counts, and an override is an error saying the gate is gone', () => {
    expect(run('1.35', { service: lb }).policy.portExternal).toBe(false);
    expect(run('1.35', { service: lb }).localEndpoints).toBeNull();
    for (const v of ['1.35', '1.36', 'master'] as const) {
      expect(() => run(v, { service: lb, gates: { LoadBalancerIPMode: false } }), v).toThrow(
        expect.objectContaining({ code: 'unknown-gate', path: '$.gates.LoadBalancerIPMode', message: expect.stringContaining('removed in 1.35') }),
      );
    }
  });
});

describe('§10: TopologyAwareHints and ServiceTrafficDistribution are removed in 1.36', () => {
  const auto = service({ annotations: { 'service.kubernetes.io/topology-mode': 'Auto' } });
  it('1.35 accepts an override (kube-proxy no longer reads either gate, so nothing changes); 1.36 refuses it', () => {
    for (const gate of ['TopologyAwareHints', 'ServiceTrafficDistribution'] as const) {
      expect(run('1.35', { service: auto, gates: { [gate]: false } }).topologyMode).toEqual({ kind: 'sameZone', zone: 'zone-a' });
      for (const v of ['1.36', '1.37', 'master'] as const) {
        expect(() => run(v, { service: auto, gates: { [gate]: false } }), `${gate} in ${v}`).toThrow(
          expect.objectContaining({ code: 'unknown-gate', path: `$.gates.${gate}`, message: expect.stringContaining(`${gate} no longer exists`) }),
        );
      }
    }
    // Without the override 1.36 decides as 1.35 did.
    expect(run('1.36', { service: auto }).topologyMode).toEqual(run('1.35', { service: auto }).topologyMode);
  });
});

describe('§10: AllowServiceExternalIPs (1.36 on, default on)', () => {
  const withIPs = (spec: Record<string, unknown> = {}) => service({ spec: { externalIPs: ['192.0.2.10'], ...spec } });
  const onNodeC = { endpointSlices: HINTED, node: { name: 'node-c', labels: { [ZONE]: 'zone-a' } } };
  const select = (version: KubernetesVersion, input: Partial<CategorizeInput> & { via?: 'clusterIP' | 'nodePort' | 'externalIP'; from?: 'pod' | 'node' | 'outside' }) => {
    const r = selectEndpoints({ service: withIPs(), ...onNodeC, ...input, kubernetesVersion: version } as Parameters<typeof selectEndpoints>[0]);
    if (r.kind !== 'proxied') throw new Error('expected a proxied Service');
    return r;
  };
  const off = { gates: { AllowServiceExternalIPs: false } };

  it('1.36 with the gate off: external-IP traffic is not handled by kube-proxy (not forward, drop or reject)', () => {
    for (const from of ['pod', 'node', 'outside'] as const) {
      const r = select('1.36', { ...off, via: 'externalIP', from });
      expect([r.action, r.policy, r.decidedBy, r.endpoints]).toEqual(['not-handled', null, null, []]);
      expect([r.via, r.from, r.kubernetesVersion]).toEqual(['externalIP', from, '1.36']);
    }
    // Default on: forwarded as before.
    const on = select('1.36', { via: 'externalIP' });
    expect([on.action, on.policy, on.decidedBy]).toEqual(['forward', 'Cluster', 'externalTrafficPolicy']);
    expect(select('1.37', { ...off, via: 'externalIP' }).action).toBe('not-handled');
    expect(select('master', { ...off, via: 'externalIP' }).action).toBe('not-handled');
  });

  it('the lists do not change: the port still counts as reachable from outside', () => {
    const local = withIPs({ externalTrafficPolicy: 'Local' });
    for (const svc of [withIPs(), local]) {
      const gateOff = run('1.36', { service: svc, ...off });
      const gateOn = run('1.36', { service: svc });
      expect(gateOff).toEqual(gateOn);
      expect(gateOff.policy).toMatchObject({ portExternal: true, externalIPs: true });
      expect(select('1.36', { service: svc, ...off, via: 'externalIP' }).categorized).toEqual(gateOn);
    }
    // eTP Local and external IPs: a Local list exists because the port is external (2.6), gate or not.
    expect(run('1.36', { service: local, ...off }).localEndpoints).toEqual([]);
  });

  it('where 1.36 with the gate on would drop or reject, the gate off still means not handled', () => {
    const local = withIPs({ externalTrafficPolicy: 'Local' });
    expect(select('1.36', { service: local, via: 'externalIP', from: 'outside' }).action).toBe('drop');
    expect(select('1.36', { service: local, ...off, via: 'externalIP', from: 'outside' }).action).toBe('not-handled');
    const none = { endpointSlices: [slice('s1', [{ addresses: ['10.0.0.1'], nodeName: 'node-a', conditions: { ready: false } }])] };
    expect(select('1.36', { ...none, via: 'externalIP' }).action).toBe('reject');
    expect(select('1.36', { ...none, ...off, via: 'externalIP' }).action).toBe('not-handled');
    // Only external IPs: the cluster IP and node ports of the same Service are handled as before.
    expect(select('1.36', { ...none, ...off, via: 'clusterIP' }).action).toBe('reject');
    const np = withIPs({ type: 'NodePort', ports: [{ name: 'http', port: 80, nodePort: 30080 }] });
    expect(select('1.36', { service: np, ...off, via: 'nodePort', from: 'outside' }).action).toBe('forward');
  });

  it('before 1.36 there is no gate: an override is accepted and external IPs are handled', () => {
    const r = select('1.35', { ...off, via: 'externalIP' });
    expect([r.action, r.policy]).toEqual(['forward', 'Cluster']);
  });

  it('explains the outcome in its own step; a via the port lacks is still unsupported-flow', () => {
    const r = selectEndpoints({ service: withIPs(), ...onNodeC, ...off, via: 'externalIP', kubernetesVersion: '1.36', explain: true });
    const flowSteps = (r.explanation ?? []).filter((s) => s.code.startsWith('flow-'));
    expect(flowSteps.map((s) => s.code)).toEqual(['flow-not-handled']);
    expect(flowSteps[0]!.message).toContain('AllowServiceExternalIPs');
    expect(() => selectEndpoints({ service: service(), ...onNodeC, ...off, via: 'externalIP', kubernetesVersion: '1.36' })).toThrow(
      expect.objectContaining({ code: 'unsupported-flow', path: '$.via' }),
    );
    // A prepared Service answers the same.
    const prepared = prepareService(withIPs(), HINTED, { kubernetesVersion: 'v1.36.2', gates: { AllowServiceExternalIPs: false } });
    const p = prepared.select({ name: 'node-c', zone: 'zone-a' }, { via: 'externalIP' });
    expect(p.kind === 'proxied' && p.action).toBe('not-handled');
  });
});

describe('§10 row 7: duplicate IP:port across slices', () => {
  // The first copy is ready on node-b; a later copy of the same IP is terminating on node-a.
  const dup = [
    slice('first', [{ addresses: ['10.0.0.1'], nodeName: 'node-b', conditions: { ready: true } }]),
    slice('later', [{ addresses: ['10.0.0.1'], nodeName: 'node-a', conditions: { ready: false, serving: true, terminating: true } }]),
  ];
  it('1.35: kube-proxy on node-a keeps its own (later, local) copy; 1.36 (PR 135593, v1.36.0) keeps the non-terminating one', () => {
    const onA = { endpointSlices: dup, node: { name: 'node-a', zone: 'zone-a' } };
    const old = run('1.35', onA);
    expect(old.clusterEndpoints?.map((e) => [e.key, e.slice, e.ready, isLocal(old, e)])).toEqual([['10.0.0.1:8080', 'later', false, true]]);
    expect(old.terminatingFallback.cluster).toBe(true);
    for (const v of ['1.36', '1.37', 'master'] as const) {
      const newer = run(v, onA);
      expect(newer.clusterEndpoints?.map((e) => [e.key, e.slice, e.ready, isLocal(newer, e)]), v).toEqual([['10.0.0.1:8080', 'first', true, false]]);
      expect(newer.terminatingFallback.cluster, v).toBe(false);
    }
  });
  it('1.36: a later non-terminating copy replaces a kept terminating one, wherever it is', () => {
    const reversed = [
      slice('first', [{ addresses: ['10.0.0.1'], nodeName: 'node-a', conditions: { ready: false, serving: true, terminating: true } }]),
      slice('later', [{ addresses: ['10.0.0.1'], nodeName: 'node-b', conditions: { ready: true } }]),
    ];
    const onA = { endpointSlices: reversed, node: { name: 'node-a', zone: 'zone-a' } };
    expect(run('1.36', onA).clusterEndpoints?.map((e) => [e.slice, e.ready])).toEqual([['later', true]]);
    // 1.35 on node-a: the first copy is local and no later copy is local, so it stays (and is only serving-terminating).
    expect(run('1.35', onA).clusterEndpoints?.map((e) => [e.slice, e.ready])).toEqual([['first', false]]);
  });
  it('1.35: every other node sees the first copy; one prepared Service answers both', () => {
    const prepared = prepareService(service(), dup, { kubernetesVersion: '1.35' });
    expect(prepared.kubernetesVersion).toBe('1.35');
    const a = prepared.categorize({ name: 'node-a', zone: 'zone-a' });
    const c = prepared.categorize({ name: 'node-c', zone: 'zone-a' });
    if (a.kind !== 'proxied' || c.kind !== 'proxied') throw new Error('proxied');
    expect(a.clusterEndpoints?.map((e) => e.slice)).toEqual(['later']);
    expect(c.clusterEndpoints?.map((e) => e.slice)).toEqual(['first']);
    expect(prepared.endpoints.map((e) => e.slice)).toEqual(['first']);
    // Repeated queries reuse the node's own view.
    const again = prepared.select({ name: 'node-a', zone: 'zone-a' });
    expect(again.kind === 'proxied' && again.endpoints.map((e) => e.slice)).toEqual(['later']);
  });
  it('1.35: a later non-local copy never replaces the first one (first seen wins)', () => {
    const three = [...dup, slice('third', [{ addresses: ['10.0.0.1'], nodeName: 'node-d', conditions: { ready: false } }])];
    expect(run('1.35', { endpointSlices: three, node: { name: 'node-c' } }).clusterEndpoints?.map((e) => e.slice)).toEqual(['first']);
    expect(run('1.35', { endpointSlices: three, node: { name: 'node-d' } }).clusterEndpoints).toEqual([]);
  });
});

describe('kubernetesVersion option', () => {
  it('defaults to master and is reported on every result', () => {
    const r = categorizeEndpoints({ service: service(), endpointSlices: HINTED, node: { name: 'node-c' } });
    expect(r.kubernetesVersion).toBe('master');
    const s = selectEndpoints({ service: service(), endpointSlices: HINTED, node: { name: 'node-c' }, kubernetesVersion: '1.28' });
    expect(s.kind === 'proxied' && [s.kubernetesVersion, s.categorized.kubernetesVersion]).toEqual(['1.28', '1.28']);
    const headless = categorizeEndpoints({ service: service({ spec: { clusterIP: 'None' } }), endpointSlices: [], node: { name: 'n' }, kubernetesVersion: '1.31' });
    expect(headless).toMatchObject({ kind: 'not-proxied', kubernetesVersion: '1.31' });
  });
  it('an unknown version is invalid-value at $.kubernetesVersion, naming the supported ones', () => {
    const call = () => categorizeEndpoints({ service: service(), endpointSlices: [], node: { name: 'n' }, kubernetesVersion: '1.26' as KubernetesVersion });
    expect(call).toThrow(KubeTrafficError);
    try {
      call();
    } catch (e) {
      const err = e as KubeTrafficError;
      expect([err.code, err.path]).toEqual(['invalid-value', '$.kubernetesVersion']);
      expect(err.message).toContain('from 1.27 to 1.37');
      expect(err.message).toContain("'master'");
      expect(err.message).toContain('1.26 is not a modelled release');
    }
    expect(() => prepareService(service(), [], { kubernetesVersion: 1.3 as unknown as KubernetesVersion })).toThrow(/kubernetesVersion: expected a string/);
  });
});
