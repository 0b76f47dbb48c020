/**
 * The profile option as a caller meets it: names and pinned names, errors that list what is known,
 * flows where the spec pins them (and refusals where it does not), prepared Services, comparisons,
 * and the inputs a profile refuses rather than guess.
 */
import { describe, expect, it } from 'vitest';
import { KubeTrafficError, PROFILES, categorizeEndpoints, compareProfiles, formatComparison, formatExplanation, prepareService, selectEndpoints } from '../../src/index.js';

type Json = Record<string, unknown>;

const svc = (spec: Json = {}, meta: Json = {}): Json => ({
  metadata: { name: 'web', namespace: 'shop', ...meta },
  spec: { type: 'ClusterIP', clusterIP: '10.96.0.10', clusterIPs: ['10.96.0.10'], ipFamilies: ['IPv4'], ports: [{ name: 'http', port: 80, protocol: 'TCP' }], ...spec },
});
const ep = (ip: string, node: string | null, zone: string, extra: Json = {}): Json => ({
  addresses: [ip],
  ...(node !== null && { nodeName: node }),
  zone,
  conditions: { ready: true, serving: true, terminating: false },
  hints: { forZones: [{ name: zone }], ...(node !== null && { forNodes: [{ name: node }] }) },
  targetRef: { kind: 'Pod', name: `pod-${ip}`, namespace: 'shop' },
  ...extra,
});
const slice = (endpoints: Json[], extra: Json = {}): Json => ({
  metadata: { name: 'web-1', namespace: 'shop', labels: { 'kubernetes.io/service-name': 'web' } },
  addressType: 'IPv4',
  ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
  endpoints,
  ...extra,
});
const nodeA = { name: 'node-a', zone: 'zone-a' };
const four = [ep('10.0.1.1', 'node-a', 'zone-a'), ep('10.0.1.2', 'node-b', 'zone-a'), ep('10.0.1.3', 'node-c', 'zone-b')];
const input = (spec: Json = {}, endpoints: Json[] = four, meta: Json = {}): Json => ({ service: svc(spec, meta), endpointSlices: [slice(endpoints)], node: nodeA, port: 'http' });
const keys = (l: readonly { key: string }[] | null | undefined) => (l == null ? l : l.map((e) => e.key).sort());

function thrown(f: () => unknown): KubeTrafficError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(KubeTrafficError);
    return e as KubeTrafficError;
  }
  throw new Error('expected a KubeTrafficError');
}

describe('profile names', () => {
  it('accepts each short name and its full pinned name alike', () => {
    for (const p of PROFILES.filter((x) => x.name !== 'kube-proxy')) {
      const a = categorizeEndpoints({ ...input(), profile: p.name } as never);
      const b = categorizeEndpoints({ ...input(), profile: p.id } as never);
      expect(a).toEqual(b);
      expect((a as unknown as { profile: string }).profile).toBe(p.id);
    }
  });

  it("'kube-proxy' (or { name: 'kube-proxy' }) is the default, with kube-proxy's own result", () => {
    const plain = categorizeEndpoints(input() as never);
    expect(categorizeEndpoints({ ...input(), profile: 'kube-proxy' } as never)).toEqual(plain);
    expect(categorizeEndpoints({ ...input(), profile: { name: 'kube-proxy' } } as never)).toEqual(plain);
  });

  it('an unknown name, or an unknown version of a known one, is an error listing the known profiles', () => {
    const e = thrown(() => categorizeEndpoints({ ...input(), profile: 'kuma' } as never));
    expect(e.code).toBe('unknown-profile');
    expect(e.path).toBe('$.profile');
    for (const p of PROFILES) expect(e.message).toContain(p.id);
    const v = thrown(() => categorizeEndpoints({ ...input(), profile: 'cilium@1.16.0' } as never));
    expect(v.code).toBe('unknown-profile');
    expect(v.message).toMatch(/cilium@1\.21\.0-dev\+5b27d687, the only pinned version of cilium/);
    expect(thrown(() => categorizeEndpoints({ ...input(), profile: { name: 'cilium@1.16.0' } } as never)).path).toBe('$.profile.name');
  });

  it("a data plane's gates and options are checked against what it has", () => {
    expect(thrown(() => categorizeEndpoints({ ...input(), profile: { name: 'antrea', gates: { Bogus: true } } } as never))).toMatchObject({ code: 'unknown-gate', path: '$.profile.gates.Bogus' });
    expect(thrown(() => categorizeEndpoints({ ...input(), profile: { name: 'antrea', gates: { TopologyAwareHints: false } } } as never))).toMatchObject({ code: 'invalid-value', path: '$.profile.gates.TopologyAwareHints' });
    expect(thrown(() => categorizeEndpoints({ ...input(), profile: { name: 'cilium', options: { 'enable-service-topology': 'yes' } } } as never))).toMatchObject({ code: 'invalid-type' });
    expect(thrown(() => categorizeEndpoints({ ...input(), profile: { name: 'linkerd', options: { x: true } } } as never)).message).toMatch(/linkerd has no options/);
    expect(thrown(() => categorizeEndpoints({ ...input(), profile: { name: 'cilium', flags: {} } } as never))).toMatchObject({ path: '$.profile.flags' });
  });

  it("names that every object inherits are not gates or options (only a data plane's own are)", () => {
    for (const k of ['constructor', 'toString', 'hasOwnProperty', '__proto__']) {
      const gates = JSON.parse(`{${JSON.stringify(k)}: true}`) as Json;
      expect(thrown(() => categorizeEndpoints({ ...input(), profile: { name: 'antrea', gates } } as never))).toMatchObject({ code: 'unknown-gate', path: `$.profile.gates.${k}` });
      expect(thrown(() => categorizeEndpoints({ ...input(), profile: { name: 'cilium', options: gates } } as never))).toMatchObject({ code: 'invalid-value', path: `$.profile.options.${k}` });
    }
  });

  it("Kubernetes gates and releases are kube-proxy's knobs: refused beside another profile", () => {
    expect(thrown(() => categorizeEndpoints({ ...input(), gates: { PreferSameTrafficDistribution: true }, profile: 'antrea' } as never))).toMatchObject({ code: 'invalid-value', path: '$.gates' });
    expect(thrown(() => categorizeEndpoints({ ...input(), kubernetesVersion: '1.33', profile: 'cilium' } as never))).toMatchObject({ path: '$.kubernetesVersion' });
  });

  it("malformed input is refused with kube-proxy's paths, and so is a malformed later address that profiles read", () => {
    expect(thrown(() => categorizeEndpoints({ ...input(), port: 'grpc', profile: 'istio' } as never))).toMatchObject({ code: 'unknown-port', path: '$.port' });
    const bad = [{ ...ep('10.0.1.1', 'node-a', 'zone-a'), addresses: ['10.0.1.1', 'nope'] }];
    expect(thrown(() => categorizeEndpoints({ ...input({}, bad), profile: 'cilium' } as never))).toMatchObject({ code: 'invalid-ip', path: '$.endpointSlices[0].endpoints[0].addresses[1]' });
  });

  it('a Service kube-proxy does not program is refused: no profile was pinned for it', () => {
    const e = thrown(() => categorizeEndpoints({ ...input({ clusterIP: 'None', clusterIPs: ['None'] }), profile: 'linkerd' } as never));
    expect(e.code).toBe('profile-not-pinned');
  });
});

describe('answers', () => {
  it('PreferSameNode: kube-proxy and Cilium pick the local Pod, Antrea (gate off) and Linkerd the zone, Istio tiers it', () => {
    const i = input({ trafficDistribution: 'PreferSameNode' });
    const pick = (profile: unknown) => keys((categorizeEndpoints({ ...i, profile } as never) as unknown as { clusterEndpoints: { key: string }[] }).clusterEndpoints);
    expect(pick('kube-proxy')).toEqual(['10.0.1.1:8080']);
    expect(pick({ name: 'cilium', options: { 'enable-service-topology': true } })).toEqual(['10.0.1.1:8080']);
    expect(pick('antrea')).toEqual(['10.0.1.1:8080', '10.0.1.2:8080']);
    expect(pick({ name: 'antrea', gates: { PreferSameTrafficDistribution: true } })).toEqual(['10.0.1.1:8080']);
    expect(pick('linkerd')).toEqual(['10.0.1.1:8080', '10.0.1.2:8080']);
    const istio = categorizeEndpoints({ ...i, profile: 'istio' } as never) as unknown as { tiers: { key: string }[][] };
    expect(istio.tiers.map(keys)).toEqual([['10.0.1.1:8080'], ['10.0.1.2:8080'], ['10.0.1.3:8080']]);
  });

  it('Antrea with LoadBalancerModeDSR programs the Local list for a VIP port (A4)', () => {
    const lb = { ...input({ type: 'LoadBalancer', ports: [{ name: 'http', port: 80, protocol: 'TCP', nodePort: 30080 }] }), service: { ...svc({ type: 'LoadBalancer', ports: [{ name: 'http', port: 80, protocol: 'TCP', nodePort: 30080 }] }), status: { loadBalancer: { ingress: [{ ip: '192.0.2.1' }] } } } };
    const off = categorizeEndpoints({ ...lb, profile: 'antrea' } as never) as unknown as { localEndpoints: unknown };
    const on = categorizeEndpoints({ ...lb, profile: { name: 'antrea', gates: { LoadBalancerModeDSR: true } }, explain: true } as never) as unknown as { localEndpoints: { key: string }[]; explanation: { code: string; data: Json }[] };
    expect(off.localEndpoints).toBeNull();
    expect(keys(on.localEndpoints)).toEqual(['10.0.1.1:8080']);
    expect(on.explanation.some((s) => s.code === 'profile-rule' && s.data['rule'] === 'A4')).toBe(true);
  });

  it('Istio spills to the next tier when the best one is partly unhealthy (Envoy priority load, overprovisioning 1.4)', () => {
    const unhealthy = (ip: string, node: string, zone: string) => ({ ...ep(ip, node, zone), conditions: { ready: false, serving: false, terminating: false } });
    // zone-a: 1 healthy of 2 → 70 % of new connections; the rest goes to zone-b.
    const r = categorizeEndpoints({ ...input({ trafficDistribution: 'PreferClose' }, [ep('10.0.1.1', 'node-a', 'zone-a'), unhealthy('10.0.1.2', 'node-b', 'zone-a'), ep('10.0.1.3', 'node-c', 'zone-b')]), profile: 'istio' } as never) as unknown as { clusterEndpoints: { key: string }[]; tiers: { key: string }[][] };
    expect(r.tiers.map(keys)).toEqual([['10.0.1.1:8080'], ['10.0.1.3:8080']]);
    expect(keys(r.clusterEndpoints)).toEqual(['10.0.1.1:8080', '10.0.1.3:8080']);
    // 3 healthy of 4 → 100 % (capped): no spill.
    const full = categorizeEndpoints({ ...input({ trafficDistribution: 'PreferClose' }, [ep('10.0.1.1', 'node-a', 'zone-a'), ep('10.0.1.4', 'node-a', 'zone-a'), ep('10.0.1.5', 'node-a', 'zone-a'), unhealthy('10.0.1.2', 'node-b', 'zone-a'), ep('10.0.1.3', 'node-c', 'zone-b')]), profile: 'istio' } as never) as unknown as { clusterEndpoints: { key: string }[] };
    expect(keys(full.clusterEndpoints)).toEqual(['10.0.1.1:8080', '10.0.1.4:8080', '10.0.1.5:8080']);
  });
});

describe('Linkerd publishes by target kind (L6)', () => {
  const zoneHinted = (ip: string, node: string, extra: Json = {}): Json => ({ ...ep(ip, node, 'zone-a'), hints: { forZones: [{ name: 'zone-a' }] }, ...extra });
  const mixed = [
    zoneHinted('10.0.1.1', 'node-a'),
    zoneHinted('10.0.1.2', 'node-b', { targetRef: undefined }),
    zoneHinted('10.0.1.3', 'node-c', { targetRef: { kind: 'Node', name: 'node-c' } }),
    zoneHinted('10.0.1.4', 'node-c', { targetRef: { kind: 'Pod', namespace: 'shop' } }),
  ];
  it('endpoints without a targetRef and Pods are published; another target kind, or a Pod without a name, is not', () => {
    const r = categorizeEndpoints({ ...input({}, mixed), explain: true, profile: 'linkerd' } as never) as unknown as { clusterEndpoints: { key: string }[]; explanation: { endpoint?: string; data: Json; message: string }[] };
    expect(keys(r.clusterEndpoints)).toEqual(['10.0.1.1:8080', '10.0.1.2:8080']);
    for (const [key, text] of [['10.0.1.3:8080', 'kind "Node"'], ['10.0.1.4:8080', 'without a name']] as const) {
      const step = r.explanation.find((x) => x.endpoint === key);
      expect(step?.data['rule']).toBe('L6');
      expect(step?.message).toContain(text);
    }
    // kube-proxy does not look at targetRef: every one is in its list, and compareProfiles names L6.
    const c = compareProfiles(input({}, mixed) as never, ['kube-proxy', 'linkerd']);
    expect(c.differences.map((d) => [d.endpoint, d.pickedBy, d.reasons.find((x) => x.profile !== 'kube-proxy')?.rule])).toEqual([
      ['10.0.1.3:8080', ['kube-proxy'], 'L6'],
      ['10.0.1.4:8080', ['kube-proxy'], 'L6'],
    ]);
  });

  it('an ExternalWorkload target is refused: Linkerd reads the ExternalWorkload object, which the input does not carry', () => {
    const ew = [ep('10.0.1.1', 'node-a', 'zone-a'), { ...ep('10.0.1.5', null, 'zone-a'), targetRef: { kind: 'ExternalWorkload', name: 'vm-1', namespace: 'shop' } }];
    expect(thrown(() => categorizeEndpoints({ ...input({}, ew), profile: 'linkerd' } as never))).toMatchObject({ code: 'profile-not-pinned', path: '$.endpointSlices[0].endpoints[1].targetRef' });
    // A not-ready one is dropped before its target is looked at (L2).
    const notReady = [ew[0]!, { ...ew[1]!, conditions: { ready: false } }];
    expect(keys((categorizeEndpoints({ ...input({}, notReady), profile: 'linkerd' } as never) as unknown as { clusterEndpoints: { key: string }[] }).clusterEndpoints)).toEqual(['10.0.1.1:8080']);
  });
});

describe('refusals where the pinned source does not settle the input', () => {
  it('Envoy Gateway: zone-aware routing, an unnamed slice port, panic mode', () => {
    expect(thrown(() => categorizeEndpoints({ ...input({ trafficDistribution: 'PreferClose' }), profile: 'envoy-gateway' } as never))).toMatchObject({ code: 'profile-not-pinned', path: '$.service.spec.trafficDistribution' });
    expect(thrown(() => categorizeEndpoints({ ...input({}, four, { annotations: { 'service.kubernetes.io/topology-mode': 'Auto' } }), profile: 'envoy-gateway' } as never)).code).toBe('profile-not-pinned');
    const unnamed = { ...input(), endpointSlices: [slice(four, { ports: [{ port: 8080, protocol: 'TCP' }] })] };
    expect(thrown(() => categorizeEndpoints({ ...unnamed, profile: 'envoy-gateway' } as never)).path).toBe('$.endpointSlices[0].ports[0].name');
    const draining = four.map((e, i) => (i === 0 ? e : { ...e, conditions: { ready: false, serving: false, terminating: true } }));
    expect(thrown(() => categorizeEndpoints({ ...input({}, draining), profile: 'envoy-gateway' } as never)).message).toMatch(/1 of 3 endpoints healthy/);
  });

  it("Cilium: an endpoint without nodeName whose deprecatedTopology names a host (Ci6 would hinge on a reading not pinned)", () => {
    const hosted = [{ ...ep('10.0.1.1', null, 'zone-a'), deprecatedTopology: { 'kubernetes.io/hostname': 'node-b' } }, ep('10.0.1.2', 'node-b', 'zone-a')];
    expect(thrown(() => categorizeEndpoints({ ...input({}, hosted), profile: 'cilium' } as never))).toMatchObject({ code: 'profile-not-pinned', path: '$.endpointSlices[0].endpoints[0].deprecatedTopology' });
    // With nodeName set, the deprecated key plays no part; other profiles never read it.
    const named = [{ ...hosted[0]!, nodeName: 'node-b' }, hosted[1]!];
    expect(keys((categorizeEndpoints({ ...input({}, named), profile: 'cilium' } as never) as unknown as { clusterEndpoints: { key: string }[] }).clusterEndpoints)).toEqual(['10.0.1.1:8080', '10.0.1.2:8080']);
    expect(categorizeEndpoints({ ...input({}, hosted), profile: 'linkerd' } as never)).toMatchObject({ kind: 'profile' });
  });

  it('Cilium and Istio: two differing copies of one IP:port', () => {
    const copy = { ...four[1]!, conditions: { ready: false, serving: false, terminating: true } };
    const twice = { ...input(), endpointSlices: [slice(four), { ...slice([copy]), metadata: { name: 'web-2', namespace: 'shop', labels: { 'kubernetes.io/service-name': 'web' } } }] };
    for (const profile of ['cilium', 'istio']) expect(thrown(() => categorizeEndpoints({ ...twice, profile } as never)).code).toBe('profile-not-pinned');
    // Identical copies are one endpoint.
    const same = { ...input(), endpointSlices: [slice(four), { ...slice([four[1]!]), metadata: { name: 'web-2', namespace: 'shop', labels: { 'kubernetes.io/service-name': 'web' } } }] };
    expect(keys((categorizeEndpoints({ ...same, profile: 'istio' } as never) as unknown as { clusterEndpoints: { key: string }[] }).clusterEndpoints)).toHaveLength(3);
  });
});

describe('flows', () => {
  const local = input({ internalTrafficPolicy: 'Local' }, [ep('10.0.1.2', 'node-b', 'zone-a')]);

  it('Antrea rejects where kube-proxy drops (A5)', () => {
    const kp = selectEndpoints(local as never);
    expect(kp.kind === 'proxied' && kp.action).toBe('drop');
    const an = selectEndpoints({ ...local, profile: 'antrea', explain: true } as never);
    expect(an).toMatchObject({ kind: 'profile', action: 'reject', policy: 'Local', endpoints: [] });
    expect((an as unknown as { explanation: { code: string }[] }).explanation.map((s) => s.code)).toContain('flow-reject');
  });

  it('forwards where the list is not empty, and names the rule that chose the list', () => {
    const r = selectEndpoints({ ...input(), profile: 'calico-ebpf' } as never);
    expect(r).toMatchObject({ kind: 'profile', action: 'forward', policy: 'Cluster', decidedBy: 'C6' });
    const np = { ...input({ type: 'NodePort', externalTrafficPolicy: 'Local', ports: [{ name: 'http', port: 80, protocol: 'TCP', nodePort: 30080 }] }) };
    // Calico: traffic from the node to an eTP Local node port follows iTP (Cluster): no short-circuit rule of its own.
    expect(selectEndpoints({ ...np, via: 'nodePort', from: 'outside', profile: 'calico-ebpf' } as never)).toMatchObject({ policy: 'Local' });
    expect(selectEndpoints({ ...np, via: 'nodePort', from: 'node', profile: 'calico-ebpf' } as never)).toMatchObject({ policy: 'Cluster' });
    expect(selectEndpoints({ ...np, via: 'nodePort', from: 'node', profile: { name: 'cilium', options: { 'enable-service-topology': true } } } as never)).toMatchObject({ policy: 'Cluster', decidedBy: 'Ci7' });
  });

  it('refuses an empty list where the drop-or-reject outcome was not read, and flows a mesh does not serve', () => {
    expect(thrown(() => selectEndpoints({ ...local, profile: 'calico-ebpf' } as never))).toMatchObject({ code: 'profile-not-pinned' });
    expect(thrown(() => selectEndpoints({ ...local, profile: 'linkerd' } as never)).message).toMatch(/drops or rejects/);
    const np = input({ type: 'NodePort', ports: [{ name: 'http', port: 80, protocol: 'TCP', nodePort: 30080 }] });
    expect(thrown(() => selectEndpoints({ ...np, via: 'nodePort', from: 'outside', profile: 'istio' } as never))).toMatchObject({ code: 'profile-not-pinned', path: '$.via' });
    expect(thrown(() => selectEndpoints({ ...input(), via: 'nodePort', profile: 'cilium' } as never))).toMatchObject({ code: 'unsupported-flow' });
  });
});

describe('prepareService with a profile', () => {
  it('answers each node as the one-shot call does', () => {
    const i = input({ trafficDistribution: 'PreferSameNode' });
    const prepared = prepareService(i['service'] as never, i['endpointSlices'] as never, { port: 'http', profile: 'istio' });
    expect(prepared.profile).toBe('istio@1.31.0-rc.0');
    for (const node of [nodeA, { name: 'node-c', zone: 'zone-b' }, { name: 'node-z' }]) {
      expect(prepared.categorize(node)).toEqual(categorizeEndpoints({ ...i, node, profile: 'istio' } as never));
      expect(prepared.categorize(node, { explain: true }).explanation?.length).toBeGreaterThan(0);
    }
    expect(prepared.select(nodeA)).toMatchObject({ action: 'forward', policy: 'Cluster' });
  });

  it('checks the input once, up front', () => {
    expect(thrown(() => prepareService(svc() as never, [slice(four)] as never, { port: 'grpc', profile: 'cilium' })).code).toBe('unknown-port');
  });
});

describe('compareProfiles', () => {
  it('one row per profile and, per differing endpoint, who picks it and by which rule', () => {
    const c = compareProfiles(input({ trafficDistribution: 'PreferSameNode' }) as never);
    expect(c.answers.map((a) => a.profile)).toEqual(PROFILES.map((p) => p.id));
    // Envoy Gateway refuses a zone-aware Service; the others answer.
    expect(c.answers.find((a) => a.profile === 'envoy-gateway@1.9.0')).toMatchObject({ result: null, error: { code: 'profile-not-pinned' } });
    const d = c.differences.find((x) => x.endpoint === '10.0.1.2:8080' && x.list === 'cluster')!;
    // Cilium with its default configuration applies no topology at all (Ci1).
    expect([...d.pickedBy].sort()).toEqual(['antrea@2.7.0', 'cilium@1.21.0-dev+5b27d687', 'linkerd@edge-26.8.3']);
    expect(d.skippedBy).toContain('kube-proxy');
    const rule = (p: string) => d.reasons.find((r) => r.profile === p)!.rule;
    expect(rule('antrea@2.7.0')).toBe('A2');
    expect(rule('linkerd@edge-26.8.3')).toBe('L3');
    expect(rule('istio@1.31.0-rc.0')).toBe('I2');
    expect(rule('cilium@1.21.0-dev+5b27d687')).toBe('Ci1');
    expect(rule('kube-proxy')).toBeNull();
    expect(d.reasons.find((r) => r.profile === 'kube-proxy')!.code).toBe('endpoint-other-node');
  });

  it('no differences when the profiles agree; a subset of profiles on request', () => {
    const zoneOnly = four.map((e) => ({ ...e, hints: { forZones: (e['hints'] as { forZones: unknown }).forZones } }));
    const c = compareProfiles(input({ trafficDistribution: 'PreferClose' }, zoneOnly) as never, ['kube-proxy', 'antrea', 'calico-ebpf', 'linkerd']);
    expect(c.answers).toHaveLength(4);
    expect(c.differences).toEqual([]);
  });

  it("profiles that are not an array (one profile's name) are refused at $.profiles, not a TypeError", () => {
    for (const profiles of ['cilium', { name: 'cilium' }, 5]) {
      let error: unknown;
      try {
        compareProfiles(input({ trafficDistribution: 'PreferClose' }) as never, profiles as never);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(KubeTrafficError);
      expect(error).toMatchObject({ code: 'invalid-type', path: '$.profiles' });
    }
    expect(compareProfiles(input({ trafficDistribution: 'PreferClose' }) as never, null as never).answers).toHaveLength(PROFILES.length);
  });

  it("kubernetesVersion and gates move the kube-proxy row only: the other data planes stay at their pinned versions", () => {
    // A load-balancer IP with ipMode Proxy is not a VIP for newest kube-proxy; 1.29 predates ipMode.
    const lb = input({ type: 'LoadBalancer', allocateLoadBalancerNodePorts: false, externalTrafficPolicy: 'Local' });
    (lb['service'] as Json)['status'] = { loadBalancer: { ingress: [{ ip: '192.0.2.7', ipMode: 'Proxy' }] } };
    const newest = compareProfiles(lb as never, ['kube-proxy', { name: 'cilium', options: { 'enable-service-topology': true } }, 'calico-ebpf']);
    const old = compareProfiles({ ...lb, kubernetesVersion: '1.29', gates: { TopologyAwareHints: true } } as never, ['kube-proxy', { name: 'cilium', options: { 'enable-service-topology': true } }, 'calico-ebpf']);
    const lists = (c: typeof newest) => c.answers.map((a) => [a.profile, keys((a.result as { localEndpoints: { key: string }[] | null }).localEndpoints) ?? null]);
    expect(lists(newest)).toEqual([['kube-proxy', null], ['cilium@1.21.0-dev+5b27d687', null], ['calico-ebpf@3.32.1', null]]);
    expect(lists(old)).toEqual([['kube-proxy', ['10.0.1.1:8080']], ['cilium@1.21.0-dev+5b27d687', null], ['calico-ebpf@3.32.1', null]]);
    expect(old.answers.slice(1)).toEqual(newest.answers.slice(1));
  });

  it('refuses a profile inside the input, and an unknown profile in the list', () => {
    expect(thrown(() => compareProfiles({ ...input(), profile: 'cilium' } as never))).toMatchObject({ code: 'invalid-value', path: '$.profile' });
    expect(thrown(() => compareProfiles(input() as never, ['kube-proxy', 'kuma' as never]))).toMatchObject({ code: 'unknown-profile', path: '$.profiles[1]' });
  });

  it('a reason for picking an endpoint says why nothing filtered it out, not only that it is in', () => {
    // .4 has no hint: kube-proxy, Cilium and Linkerd stop filtering; Calico keeps the one endpoint hinted for node-a (C3).
    const unhinted = [...four, { ...ep('10.0.1.4', 'node-d', 'zone-c'), hints: undefined }];
    const c = compareProfiles(input({ trafficDistribution: 'PreferClose' }, unhinted) as never, ['kube-proxy', 'calico-ebpf', { name: 'cilium', options: { 'enable-service-topology': true } }, 'linkerd']);
    const d = c.differences.find((x) => x.endpoint === '10.0.1.3:8080')!;
    expect(d.skippedBy).toEqual(['calico-ebpf@3.32.1']);
    const why = (p: string) => d.reasons.find((r) => r.profile.startsWith(p))!;
    expect(why('kube-proxy').message).toMatch(/^10\.0\.1\.3:8080 is in the Cluster list\. .*10\.0\.1\.4:8080 has no zone hint/);
    expect([why('cilium').rule, why('cilium').message]).toEqual(['Ci4', expect.stringMatching(/no backend is filtered, because 10\.0\.1\.4:8080 \(active\) has no usable zone hint/)]);
    expect([why('linkerd').rule, why('linkerd').message]).toEqual(['L3', expect.stringMatching(/no address is filtered, because 10\.0\.1\.4:8080 has no zone hint/)]);
    expect([why('calico').rule, why('calico').message]).toEqual(['C3', expect.stringMatching(/not hinted for node node-a/)]);
  });

  it('names the reading rule for an address kube-proxy never reads', () => {
    const two = [{ ...ep('10.0.9.1', 'node-b', 'zone-a'), addresses: ['10.0.9.1', '10.0.9.2'], targetRef: undefined }];
    const c = compareProfiles(input({}, two) as never, ['kube-proxy', 'cilium', 'linkerd']);
    const d = c.differences.find((x) => x.endpoint === '10.0.9.2:8080')!;
    expect(d.reasons.map((r) => [r.profile, r.rule])).toEqual([['kube-proxy', null], ['cilium@1.21.0-dev+5b27d687', 'Ci9'], ['linkerd@edge-26.8.3', 'L6']]);
  });
});

describe('text', () => {
  it('formatComparison: one row per data plane, then each difference with every rule', () => {
    const text = formatComparison(compareProfiles(input({ trafficDistribution: 'PreferSameNode' }) as never));
    expect(text).toMatch(/^shop\/web, port "http" \(80\/TCP\), client node node-a in zone-a$/m);
    expect(text).toMatch(/^kube-proxy +Cluster: 10\.0\.1\.1:8080  Local: -$/m);
    expect(text).toMatch(/^linkerd@edge-26\.8\.3 +Cluster: 10\.0\.1\.1:8080 10\.0\.1\.2:8080  Local: -$/m);
    expect(text).toMatch(/^ +tiers: \[10\.0\.1\.1:8080\] > \[10\.0\.1\.2:8080\] > \[10\.0\.1\.3:8080\]$/m);
    // What is unsettled, and where — not the generic "expected input that … settles".
    expect(text).toMatch(/^envoy-gateway@1\.9\.0 +not pinned: trafficDistribution "PreferSameNode": it turns on Envoy zone-aware routing, whose choice was not read \(at \$\.service\.spec\.trafficDistribution\)$/m);
    // Each reason line names its profile and rule once, in front.
    for (const line of text.split('\n').filter((l) => l.startsWith('    '))) expect(line).not.toMatch(/ rule [A-Z][a-z]?\d\)\.$/);
    expect(text).toMatch(/^ {2}10\.0\.1\.2:8080 \(Cluster\): picked by antrea@2\.7\.0, cilium@1\.21\.0-dev\+5b27d687, linkerd@edge-26\.8\.3; not by kube-proxy, calico-ebpf@3\.32\.1, istio@1\.31\.0-rc\.0$/m);
    expect(text).toMatch(/^ {4}antrea@2\.7\.0 \(A2\): /m);
    expect(formatComparison(compareProfiles(input() as never, ['kube-proxy', 'calico-ebpf']))).toMatch(/No differences/);
    expect(() => formatComparison({} as never)).toThrow(KubeTrafficError);
  });

  it('formatExplanation names the profile and each verdict\'s rule', () => {
    const r = categorizeEndpoints({ ...input({ trafficDistribution: 'PreferSameNode' }), profile: 'linkerd', explain: true } as never);
    const text = formatExplanation(r);
    expect(text).toMatch(/as linkerd@edge-26\.8\.3$/m);
    expect(text).toMatch(/^Profile rules:$/m);
    expect(text).toMatch(/^ {2}10\.0\.1\.3:8080 +Cluster: out \(L3: other zone\)$/m);
    expect(text).toMatch(/^ {2}10\.0\.1\.2:8080 +Cluster: in \(L3\)$/m);
  });
});
