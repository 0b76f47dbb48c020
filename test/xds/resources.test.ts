/**
 * kube-traffic/xds against kube-proxy's decision: every conformance vector, generated inputs,
 * the many-nodes helper, failover mode, names and errors.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type CategorizeInput,
  type From,
  type GateOverrides,
  KubeTrafficError,
  type KubernetesVersion,
  type ServiceInput,
  type Via,
  prepareService,
  selectEndpoints,
} from '../../src/index.js';
import { TYPE_URLS, type XdsInput, xdsAssignments, xdsResources } from '../../src/xds/index.js';
import { loadVectorFiles } from '../conformance/vectors.js';
import { deepFreeze } from '../helpers.js';
import { inputArb, manyNodesArb } from '../proxy/arbitraries.js';
import { checkExact, checkProto, keysAt, lbKey } from './check.js';

interface ProxyVector {
  readonly name: string;
  readonly gates?: GateOverrides;
  readonly kubernetesVersion?: KubernetesVersion;
  readonly input: CategorizeInput;
  readonly expect: { readonly clusterEndpoints: readonly string[] | null; readonly localEndpoints: readonly string[] | null };
}

const nameOf = (n: unknown): unknown => (n as { name?: unknown; metadata?: { name?: unknown } }).name ?? (n as { metadata?: { name?: unknown } }).metadata?.name;

const FLOWS: readonly { via: Via; from: From }[] = [
  { via: 'clusterIP', from: 'pod' },
  { via: 'clusterIP', from: 'node' },
  { via: 'nodePort', from: 'outside' },
  { via: 'nodePort', from: 'node' },
  { via: 'loadBalancer', from: 'outside' },
  { via: 'loadBalancer', from: 'pod' },
  { via: 'externalIP', from: 'outside' },
];

/** xdsResources for a flow the port may not expose: `null` when both it and selectEndpoints refuse it. */
function flowOrNull(input: XdsInput): true | null {
  let refused: unknown = null;
  try {
    selectEndpoints(input);
  } catch (e) {
    refused = e;
  }
  if (refused === null) return true;
  expect(refused).toBeInstanceOf(KubeTrafficError);
  expect(() => xdsResources(input)).toThrow(KubeTrafficError);
  return null;
}

for (const { file, vectors } of loadVectorFiles<ProxyVector>('kube-proxy')) {
  describe(`xds over kube-proxy conformance: ${file}`, () => {
    it('has vectors', () => expect(vectors.length).toBeGreaterThan(0));
    vectors.forEach((vector, i) => {
      it(`#${i} ${vector.name}`, () => {
        const base: XdsInput = {
          ...vector.input,
          ...(vector.gates && { gates: vector.gates }),
          ...(vector.kubernetesVersion !== undefined && { kubernetesVersion: vector.kubernetesVersion }),
        };
        // The default flow, tied to the vector's own expectation (not only to selectEndpoints).
        const r = checkExact(base, { proto: true });
        expect(r.kind).toBe('proxied');
        if (r.kind !== 'proxied') return;
        const list = r.selection.policy === 'Cluster' ? vector.expect.clusterEndpoints : vector.expect.localEndpoints;
        expect(keysAt(r, 0)).toEqual(r.action === 'forward' ? [...(list ?? [])].sort() : []);
        // Every other flow the port exposes.
        for (const flow of FLOWS) if (flowOrNull({ ...base, ...flow })) checkExact({ ...base, ...flow });
      });
    });
  });
}

describe('generated inputs', () => {
  it('exact mode: the assignment is selectEndpoints’ set, priority 0, localities by zone weighted by count', () => {
    fc.assert(
      fc.property(inputArb(), fc.constantFrom(...FLOWS), (input, flow) => {
        const x: XdsInput = { ...input, ...flow };
        if (flowOrNull(x)) checkExact(x);
      }),
      { numRuns: 400 },
    );
  });

  it('every resource is valid proto3 JSON for the Envoy v3 protos', () => {
    fc.assert(
      fc.property(inputArb(), (input) => {
        checkProto(xdsResources(input));
      }),
      { numRuns: 60 },
    );
  });

  it('never mutates its input, and answers the same twice', () => {
    fc.assert(
      fc.property(inputArb(), (input) => {
        const frozen = deepFreeze(structuredClone(input));
        expect(xdsResources(frozen)).toEqual(xdsResources(input));
      }),
      { numRuns: 100 },
    );
  });

  it('xdsAssignments: one answer per distinct set, every node mapped to what xdsResources gives it', () => {
    fc.assert(
      fc.property(manyNodesArb(), ({ input, nodes: generated }) => {
        const { node: _node, ...rest } = input;
        // One entry per node name (a name given twice with two zones is refused, tested below).
        const nodes = generated.filter((n, i) => generated.findIndex((m) => nameOf(m) === nameOf(n)) === i);
        const many = xdsAssignments({ ...rest, nodes });
        const one = xdsResources({ ...rest, node: nodes[0]! });
        expect(many.kind).toBe(one.kind);
        if (many.kind !== 'proxied' || one.kind !== 'proxied') return;
        const contents = many.answers.map((a) => JSON.stringify([a.action, a.clusterLoadAssignment]));
        expect(new Set(contents).size).toBe(many.answers.length);
        expect(new Set(many.answers.map((a) => a.id)).size).toBe(many.answers.length);
        expect(many.answers.flatMap((a) => a.nodes).sort()).toEqual([...many.byNode.keys()].sort());
        for (const node of nodes) {
          const single = xdsResources({ ...rest, node });
          if (single.kind !== 'proxied') throw new Error('unreachable');
          const answer = many.byNode.get(single.selection.categorized.node.name)!;
          expect(answer.action).toBe(single.action);
          expect(answer.clusterLoadAssignment).toEqual(single.clusterLoadAssignment);
          expect(answer.endpoints).toEqual(keysAt(single, 0));
          expect(answer.nodes).toContain(single.selection.categorized.node.name);
        }
        expect(many.listener).toEqual(one.listener);
        expect(many.cluster).toEqual(one.cluster);
      }),
      { numRuns: 200 },
    );
  });

  it('failover mode: kube-proxy’s set at priority 0, the other usable endpoints at priority 1', () => {
    fc.assert(
      fc.property(inputArb(), (input) => {
        const exact = xdsResources(input);
        const failover = xdsResources({ ...input, mode: 'failover' });
        if (exact.kind !== 'proxied' || failover.kind !== 'proxied') return;
        expect(failover.mode).toBe('failover');
        expect(failover.action).toBe(exact.action);
        const p = prepareService(input.service, input.endpointSlices, { ...(input.port !== undefined && { port: input.port }), ...(input.ipFamily !== undefined && { ipFamily: input.ipFamily }), ...(input.gates !== undefined && { gates: input.gates }) });
        const ready = p.endpoints.filter((e) => e.ready);
        const usable = (ready.length > 0 ? ready : p.endpoints.filter((e) => e.serving && e.terminating)).map((e) => e.key);
        const set = keysAt(exact, 0);
        const others = usable.filter((k) => !set.includes(k)).sort();
        if (exact.action === 'reject') {
          expect(failover.clusterLoadAssignment.endpoints).toEqual([]);
        } else if (set.length === 0) {
          expect(keysAt(failover, 0)).toEqual(others);
          expect(keysAt(failover, 1)).toEqual([]);
        } else {
          expect(keysAt(failover, 0)).toEqual(set);
          expect(keysAt(failover, 1)).toEqual(others);
        }
        for (const l of failover.clusterLoadAssignment.endpoints) expect(l.loadBalancingWeight).toBe(l.lbEndpoints.length);
        checkProto(failover);
      }),
      { numRuns: 300 },
    );
  });
});

const svc = (ports: { name?: string; port: number; protocol?: string }[], extra: Record<string, unknown> = {}): ServiceInput => ({
  metadata: { name: 'web', namespace: 'shop' },
  spec: { clusterIP: '10.96.0.10', ports, ...extra },
});
const slices = (ports: { name?: string; port: number; protocol?: string }[]) => [
  {
    metadata: { name: 'web-1', namespace: 'shop', labels: { 'kubernetes.io/service-name': 'web' } },
    addressType: 'IPv4',
    ports,
    endpoints: [
      { addresses: ['10.1.0.1'], nodeName: 'node-a', zone: 'zone-a', hints: { forZones: [{ name: 'zone-a' }] } },
      { addresses: ['10.1.0.2'], nodeName: 'node-a2', zone: 'zone-a', hints: { forZones: [{ name: 'zone-a' }] } },
      { addresses: ['10.1.0.3'], nodeName: 'node-b', zone: 'zone-b', hints: { forZones: [{ name: 'zone-b' }] } },
      { addresses: ['10.1.0.4'], nodeName: 'node-c', hints: { forZones: [{ name: 'zone-b' }] } },
    ],
  },
];

describe('resources and names', () => {
  const input: XdsInput = { service: svc([{ name: 'http', port: 80 }]), endpointSlices: slices([{ name: 'http', port: 8080 }]), node: { name: 'node-x', zone: 'zone-b' } };

  it('a one-port Service: xds:///web.shop, cluster web.shop:80, localities by zone (a zone-less endpoint in its own)', () => {
    const r = xdsResources(input);
    if (r.kind !== 'proxied') throw new Error('expected proxied');
    expect(r.names).toEqual({ listener: 'web.shop', routeConfiguration: 'web.shop', cluster: 'web.shop:80', clusterLoadAssignment: 'web.shop:80' });
    expect(r.listener).toEqual({
      '@type': TYPE_URLS.listener,
      name: 'web.shop',
      apiListener: {
        apiListener: {
          '@type': TYPE_URLS.httpConnectionManager,
          statPrefix: 'web.shop',
          rds: { configSource: { ads: {}, resourceApiVersion: 'V3' }, routeConfigName: 'web.shop' },
          httpFilters: [{ name: 'envoy.filters.http.router', typedConfig: { '@type': TYPE_URLS.router } }],
        },
      },
    });
    expect(r.cluster).toMatchObject({ type: 'EDS', edsClusterConfig: { edsConfig: { ads: {}, resourceApiVersion: 'V3' }, serviceName: 'web.shop:80' } });
    expect(r.cluster).not.toHaveProperty('lrsServer');
    expect(r.clusterLoadAssignment.endpoints.map((l) => [l.locality, l.loadBalancingWeight, l.lbEndpoints.map(lbKey)])).toEqual([
      [{}, 1, ['10.1.0.4:8080']],
      [{ zone: 'zone-b' }, 1, ['10.1.0.3:8080']],
    ]);
  });

  it('a multi-port Service: the listener takes the port form', () => {
    const ports = [{ name: 'http', port: 80 }, { name: 'grpc', port: 9000 }];
    const r = xdsResources({ ...input, service: svc(ports), endpointSlices: slices([{ name: 'http', port: 8080 }, { name: 'grpc', port: 9090 }]), port: 'grpc' });
    if (r.kind !== 'proxied') throw new Error('expected proxied');
    expect(r.names).toEqual({ listener: 'web.shop:9000', routeConfiguration: 'web.shop:9000', cluster: 'web.shop:9000', clusterLoadAssignment: 'web.shop:9000' });
    expect(keysAt(r, 0)).toEqual(['10.1.0.3:9090', '10.1.0.4:9090']);
  });

  it('names can be set', () => {
    const r = xdsResources({ ...input, names: { listener: 'l', routeConfiguration: 'r', cluster: 'c', clusterLoadAssignment: 'e' } });
    if (r.kind !== 'proxied') throw new Error('expected proxied');
    expect([r.listener.name, r.listener.apiListener.apiListener.rds.routeConfigName, r.routeConfiguration.name, r.routeConfiguration.virtualHosts[0].routes[0].route.cluster, r.cluster.name, r.cluster.edsClusterConfig.serviceName, r.clusterLoadAssignment.clusterName]).toEqual(['l', 'r', 'r', 'c', 'c', 'e', 'e']);
  });

  it('a UDP port marks its addresses UDP; an SCTP port is refused', () => {
    const udp = xdsResources({ ...input, service: svc([{ name: 'dns', port: 53, protocol: 'UDP' }]), endpointSlices: slices([{ name: 'dns', port: 5353, protocol: 'UDP' }]) });
    if (udp.kind !== 'proxied') throw new Error('expected proxied');
    expect(udp.clusterLoadAssignment.endpoints.flatMap((l) => l.lbEndpoints.map((lb) => lb.endpoint.address.socketAddress.protocol))).toEqual(['UDP', 'UDP']);
    checkProto(udp);
    expect(() => xdsResources({ ...input, service: svc([{ name: 's', port: 9, protocol: 'SCTP' }]), endpointSlices: slices([{ name: 's', port: 9, protocol: 'SCTP' }]) })).toThrow(
      expect.objectContaining({ code: 'unsupported-flow', path: '$.port' }),
    );
  });

  it('drop and reject give an empty assignment and say which', () => {
    const local = svc([{ name: 'http', port: 80 }], { internalTrafficPolicy: 'Local' });
    const drop = xdsResources({ ...input, service: local });
    expect(drop.kind === 'proxied' && [drop.action, drop.clusterLoadAssignment.endpoints]).toEqual(['drop', []]);
    const none = slices([{ name: 'http', port: 8080 }]).map((s) => ({ ...s, endpoints: s.endpoints.map((e) => ({ ...e, conditions: { ready: false, serving: false } })) }));
    const reject = xdsResources({ ...input, endpointSlices: none });
    expect(reject.kind === 'proxied' && [reject.action, reject.clusterLoadAssignment.endpoints]).toEqual(['reject', []]);
  });

  it('an external-IP flow kube-proxy does not handle (AllowServiceExternalIPs off) has no resources, in either mode', () => {
    const service = svc([{ name: 'http', port: 80 }], { externalIPs: ['192.0.2.10'] });
    const flow = { service, via: 'externalIP', from: 'outside', kubernetesVersion: '1.36' } as const;
    const on = xdsResources({ ...input, ...flow });
    expect(on.kind === 'proxied' && [on.action, keysAt(on, 0)]).toEqual(['forward', ['10.1.0.3:8080', '10.1.0.4:8080']]);
    for (const mode of ['exact', 'failover'] as const) {
      const off = xdsResources({ ...input, ...flow, gates: { AllowServiceExternalIPs: false }, mode });
      if (off.kind !== 'not-handled') throw new Error(`expected not-handled, got ${off.kind}`);
      expect(off.reason).toBe('external-ips-not-allowed');
      expect(off.message).toMatch(/shop\/web.*AllowServiceExternalIPs gate is off.*1\.36/);
      expect(off.selection.action).toBe('not-handled');
      expect(Object.keys(off).sort()).toEqual(['kind', 'message', 'reason', 'selection']);
    }
    // The same flow on a cluster IP is handled as usual.
    expect(xdsResources({ ...input, ...flow, via: 'clusterIP', from: 'pod', gates: { AllowServiceExternalIPs: false } }).kind).toBe('proxied');
    const { node: _n, ...rest } = input;
    const many = xdsAssignments({ ...rest, ...flow, gates: { AllowServiceExternalIPs: false }, nodes: [{ name: 'n1', zone: 'zone-a' }, { name: 'n2', zone: 'zone-b' }] });
    expect(many.kind === 'not-handled' && [many.reason, Object.keys(many).sort()]).toEqual(['external-ips-not-allowed', ['kind', 'message', 'reason', 'selection']]);
  });

  it('a Service kube-proxy does not program has no resources', () => {
    const r = xdsResources({ ...input, service: svc([{ name: 'http', port: 80 }], { clusterIP: 'None' }) });
    expect(r.kind).toBe('not-proxied');
    expect(r.kind === 'not-proxied' && r.selection.reason).toBe('headless');
    expect(r).not.toHaveProperty('listener');
  });

  it('bad options are typed errors naming the field', () => {
    const bad = (extra: Record<string, unknown>) => () => xdsResources({ ...input, ...extra } as XdsInput);
    expect(bad({ mode: 'fast' })).toThrow(expect.objectContaining({ code: 'invalid-value', path: '$.mode' }));
    expect(bad({ mode: 1 })).toThrow(expect.objectContaining({ code: 'invalid-type', path: '$.mode' }));
    expect(bad({ profile: 'cilium' })).toThrow(expect.objectContaining({ code: 'invalid-value', path: '$.profile' }));
    expect(bad({ profile: { name: 'kube-proxy', gates: {} } })).toThrow(expect.objectContaining({ path: '$.profile' }));
    expect(xdsResources({ ...input, profile: 'kube-proxy' })).toEqual(xdsResources(input));
    expect(xdsResources({ ...input, profile: { name: 'kube-proxy' } })).toEqual(xdsResources(input));
    expect(bad({ names: 'x' })).toThrow(expect.objectContaining({ code: 'invalid-type', path: '$.names' }));
    expect(bad({ names: { cluster: '' } })).toThrow(expect.objectContaining({ code: 'invalid-value', path: '$.names.cluster' }));
    expect(() => xdsResources(null as unknown as XdsInput)).toThrow(KubeTrafficError);
    const { node: _n, ...rest } = input;
    expect(() => xdsAssignments({ ...rest } as never)).toThrow(expect.objectContaining({ code: 'required', path: '$.nodes' }));
    expect(() => xdsAssignments({ ...rest, nodes: [] })).toThrow(expect.objectContaining({ path: '$.nodes' }));
    expect(() => xdsAssignments({ ...rest, nodes: [{ name: 'a' }, { name: 7 } as never] })).toThrow(expect.objectContaining({ path: expect.stringMatching(/^\$\.nodes\[1\]/) }));
    expect(() => xdsAssignments({ ...rest, nodes: [{ name: 'a' }], assignmentNames: 'each' as never })).toThrow(expect.objectContaining({ path: '$.assignmentNames' }));
    expect(() => xdsAssignments({ ...rest, nodes: [{ name: 'a', zone: 'zone-a' }, { name: 'a', zone: 'zone-b' }] })).toThrow(expect.objectContaining({ code: 'invalid-value', path: '$.nodes[1]' }));
    const twice = xdsAssignments({ ...rest, nodes: [{ name: 'a', zone: 'zone-a' }, { name: 'a', zone: 'zone-a' }] });
    expect(twice.kind === 'proxied' && twice.answers.map((a) => a.nodes)).toEqual([['a']]);
  });

  it('xdsAssignments with per-answer names: each answer its own EDS name and a cluster pointing at it', () => {
    const { node: _n, ...rest } = input;
    const many = xdsAssignments({ ...rest, nodes: [{ name: 'n1', zone: 'zone-a' }, { name: 'n2', zone: 'zone-b' }, { name: 'n3', zone: 'zone-a' }], assignmentNames: 'per-answer' });
    if (many.kind !== 'proxied') throw new Error('expected proxied');
    expect(many.answers.map((a) => a.nodes)).toEqual([['n1', 'n3'], ['n2']]);
    for (const a of many.answers) {
      expect(a.clusterLoadAssignment.clusterName).toBe(`web.shop:80/${a.id}`);
      expect(a.cluster.edsClusterConfig.serviceName).toBe(a.clusterLoadAssignment.clusterName);
      expect(a.id).toMatch(/^[0-9a-f]{16}$/);
    }
    // Stable: the same content gives the same id in another call.
    const again = xdsAssignments({ ...rest, nodes: [{ name: 'n9', zone: 'zone-b' }] });
    expect(again.kind === 'proxied' && again.answers[0]!.id).toBe(many.answers[1]!.id);
  });
});
