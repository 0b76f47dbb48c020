/**
 * kube-proxy by release (proxy-semantics §10): for every row of the release table, one input
 * whose answer differs between the releases on either side of the change, asserted for both.
 */
import { describe, expect, it } from 'vitest';
import {
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
});

describe('§10 row 7: duplicate IP:port across slices', () => {
  // The first copy is ready on node-b; a later copy of the same IP is terminating on node-a.
  const dup = [
    slice('first', [{ addresses: ['10.0.0.1'], nodeName: 'node-b', conditions: { ready: true } }]),
    slice('later', [{ addresses: ['10.0.0.1'], nodeName: 'node-a', conditions: { ready: false, serving: true, terminating: true } }]),
  ];
  it('1.35: kube-proxy on node-a keeps its own (later, local) copy; master keeps the non-terminating one', () => {
    const onA = { endpointSlices: dup, node: { name: 'node-a', zone: 'zone-a' } };
    const old = run('1.35', onA);
    expect(old.clusterEndpoints?.map((e) => [e.key, e.slice, e.ready, e.isLocal])).toEqual([['10.0.0.1:8080', 'later', false, true]]);
    expect(old.terminatingFallback.cluster).toBe(true);
    const newest = run('master', onA);
    expect(newest.clusterEndpoints?.map((e) => [e.key, e.slice, e.ready, e.isLocal])).toEqual([['10.0.0.1:8080', 'first', true, false]]);
    expect(newest.terminatingFallback.cluster).toBe(false);
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
      expect(err.message).toContain("'1.27'");
      expect(err.message).toContain("'master'");
    }
    expect(() => prepareService(service(), [], { kubernetesVersion: 1.3 as unknown as KubernetesVersion })).toThrow(/kubernetesVersion: expected a string/);
  });
});
