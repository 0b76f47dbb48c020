/**
 * Keys one entry point takes that a sibling takes elsewhere or under another name. Ignored, each
 * would have the answer be for another question (cluster-IP traffic instead of node-port traffic,
 * a zone-only client instead of the named node) without saying so; each is refused at its path
 * instead. Unknown keys in general stay ignored: only these known misplacements are refused.
 */
import { describe, expect, it } from 'vitest';
import { KubeTrafficError, computeHints, prepareService, selectEndpoints, simulateTraffic } from '../../src/index.js';
import { ep, node, service as simService, slice } from '../simulate/fixtures.js';
import { xdsAssignments, xdsResources } from '../../src/xds/index.js';

// eTP Local on a node port, one endpoint on node-a: node-port traffic from outside reaching
// node-c is dropped, cluster-IP traffic from a Pod there is forwarded. The two answers differ.
const service = {
  metadata: { name: 'web', namespace: 'shop' },
  spec: { type: 'NodePort', clusterIP: '10.96.0.10', externalTrafficPolicy: 'Local', ports: [{ name: 'http', port: 80, nodePort: 30080 }] },
};
const endpointSlices = [
  {
    metadata: { name: 'web-1', namespace: 'shop', labels: { 'kubernetes.io/service-name': 'web' } },
    addressType: 'IPv4',
    ports: [{ name: 'http', port: 8080 }],
    endpoints: [{ addresses: ['10.1.0.1'], nodeName: 'node-a', zone: 'zone-a' }],
  },
];
const nodeC = { name: 'node-c', zone: 'zone-a' };
const nodePortFromOutside = { via: 'nodePort', from: 'outside' } as const;

/** The [code, path] of every problem `call` throws (it must throw a KubeTrafficError). */
function problemsOf(call: () => unknown): [string, string][] {
  try {
    call();
  } catch (e) {
    if (!(e instanceof KubeTrafficError)) throw e;
    return e.problems.map((p) => [p.code, p.path]);
  }
  throw new Error('expected a KubeTrafficError, but the call returned');
}

function messageOf(call: () => unknown): string {
  try {
    call();
  } catch (e) {
    if (e instanceof KubeTrafficError) return e.problems[0]!.message;
  }
  return '';
}

describe('flow: { via, from } (simulateTraffic spelling) where via and from go beside the Service or are the flow', () => {
  const input = { service, endpointSlices, node: nodeC };

  it('selectEndpoints refuses it at $.flow (it answered for cluster-IP traffic from a Pod)', () => {
    expect(selectEndpoints({ ...input, ...nodePortFromOutside })).toMatchObject({ action: 'drop', via: 'nodePort' });
    expect(problemsOf(() => selectEndpoints({ ...input, flow: nodePortFromOutside } as never))).toEqual([['invalid-value', '$.flow']]);
    expect(messageOf(() => selectEndpoints({ ...input, flow: nodePortFromOutside } as never))).toContain('beside the Service');
    expect(problemsOf(() => selectEndpoints({ ...input, profile: 'antrea', flow: nodePortFromOutside } as never))).toEqual([['invalid-value', '$.flow']]);
    expect(selectEndpoints({ ...input, flow: null } as never)).toMatchObject({ action: 'forward', via: 'clusterIP' });
  });

  it('a prepared Service refuses it in select(node, flow) at $.flow, with or without a profile', () => {
    const prepared = prepareService(service, endpointSlices);
    expect(prepared.select(nodeC, nodePortFromOutside)).toMatchObject({ action: 'drop', via: 'nodePort' });
    expect(problemsOf(() => prepared.select(nodeC, { flow: nodePortFromOutside } as never))).toEqual([['invalid-value', '$.flow']]);
    expect(messageOf(() => prepared.select(nodeC, { flow: nodePortFromOutside } as never))).toContain('select(node, { via, from })');
    const antrea = prepareService(service, endpointSlices, { profile: 'antrea' });
    expect(problemsOf(() => antrea.select(nodeC, { flow: nodePortFromOutside } as never))).toEqual([['invalid-value', '$.flow']]);
  });

  it('xdsResources and xdsAssignments refuse it at $.flow (they built cluster-IP resources)', () => {
    const r = xdsResources({ ...input, ...nodePortFromOutside });
    expect(r.kind === 'proxied' && r.action).toBe('drop');
    expect(problemsOf(() => xdsResources({ ...input, flow: nodePortFromOutside } as never))).toEqual([['invalid-value', '$.flow']]);
    expect(problemsOf(() => xdsAssignments({ service, endpointSlices, nodes: [nodeC], flow: nodePortFromOutside } as never))).toEqual([['invalid-value', '$.flow']]);
  });
});

describe('nodeName (how an endpoint or a Pod names its node) on a client node without name', () => {
  const input = { service, endpointSlices, ...nodePortFromOutside };

  it('is refused at $.node.nodeName (with a zone it was read as a zone-only client: no local endpoint, a drop)', () => {
    expect(selectEndpoints({ ...input, node: { name: 'node-a', zone: 'zone-a' } })).toMatchObject({ action: 'forward' });
    expect(problemsOf(() => selectEndpoints({ ...input, node: { nodeName: 'node-a', zone: 'zone-a' } } as never))).toEqual([['invalid-value', '$.node.nodeName']]);
    expect(problemsOf(() => prepareService(service, endpointSlices).categorize({ nodeName: 'node-a', labels: { 'topology.kubernetes.io/zone': 'zone-a' } } as never))).toEqual([
      ['invalid-value', '$.node.nodeName'],
    ]);
    expect(problemsOf(() => xdsAssignments({ service, endpointSlices, nodes: [{ nodeName: 'node-a', zone: 'zone-a' }] } as never))).toEqual([['invalid-value', '$.nodes[0].nodeName']]);
  });

  it('is left alone beside a name, and a zone-only client is still one', () => {
    expect(selectEndpoints({ ...input, node: { name: 'node-a', nodeName: 'x', zone: 'zone-a' } as never })).toMatchObject({ action: 'forward' });
    expect(selectEndpoints({ ...input, node: { zone: 'zone-a' } })).toMatchObject({ action: 'drop' });
  });
});

describe('via and from in the node of a prepared select (the one-shot record passed as the node)', () => {
  it('are refused at $.node.via / $.node.from, with or without a profile (the answer was for cluster-IP traffic from a Pod)', () => {
    const prepared = prepareService(service, endpointSlices);
    expect(problemsOf(() => prepared.select({ ...nodeC, ...nodePortFromOutside } as never))).toEqual([
      ['invalid-value', '$.node.via'],
      ['invalid-value', '$.node.from'],
    ]);
    expect(messageOf(() => prepared.select({ ...nodeC, via: 'nodePort' } as never))).toContain('second argument');
    const antrea = prepareService(service, endpointSlices, { profile: 'antrea' });
    expect(problemsOf(() => antrea.select({ ...nodeC, via: 'nodePort' } as never))).toEqual([['invalid-value', '$.node.via']]);
    // A core/v1 Node is a Kubernetes object: its unknown fields are tolerated.
    expect(prepared.select({ metadata: { name: 'node-c' }, via: 'x' } as never, nodePortFromOutside)).toMatchObject({ action: 'drop' });
  });
});

describe('via and from (selectEndpoints spelling) in prepareService options', () => {
  it('are refused at $.via / $.from, with or without a profile (every select() answered for cluster-IP traffic from a Pod)', () => {
    expect(problemsOf(() => prepareService(service, endpointSlices, nodePortFromOutside as never))).toEqual([
      ['invalid-value', '$.via'],
      ['invalid-value', '$.from'],
    ]);
    expect(messageOf(() => prepareService(service, endpointSlices, { via: 'nodePort' } as never))).toContain('select(node, { via, from })');
    expect(problemsOf(() => prepareService(service, endpointSlices, { profile: 'cilium', via: 'nodePort' } as never))).toEqual([['invalid-value', '$.via']]);
    expect(prepareService(service, endpointSlices, { via: null } as never).select(nodeC, nodePortFromOutside)).toMatchObject({ action: 'drop' });
  });
});

describe('what prepareService fixes (port, ipFamily, gates, kubernetesVersion, profile), given to one query', () => {
  // Two ports and two families: a query that could pick them would get another answer.
  const dual = {
    metadata: { name: 'web', namespace: 'shop' },
    spec: { clusterIPs: ['10.96.0.10', 'fd00::10'], ipFamilies: ['IPv4', 'IPv6'], ports: [{ name: 'http', port: 80 }, { name: 'metrics', port: 9090 }] },
  };
  const slices = ['IPv4', 'IPv6'].map((addressType, i) => ({
    metadata: { name: `web-${i}`, namespace: 'shop', labels: { 'kubernetes.io/service-name': 'web' } },
    addressType,
    ports: [{ name: 'http', port: 8080 }, { name: 'metrics', port: 9091 }],
    endpoints: [{ addresses: [i === 0 ? '10.1.0.1' : 'fd01::1'] }],
  }));

  it('is refused by categorize at $.options.* and by select at $.* (the answer was for the prepared port and family)', () => {
    const prepared = prepareService(dual, slices, { port: 'http' });
    expect(problemsOf(() => prepared.categorize(nodeC, { port: 'metrics', ipFamily: 'IPv6' } as never))).toEqual([
      ['invalid-value', '$.options.port'],
      ['invalid-value', '$.options.ipFamily'],
    ]);
    expect(messageOf(() => prepared.categorize(nodeC, { port: 'metrics' } as never))).toContain('prepareService(service, endpointSlices, { port');
    expect(problemsOf(() => prepared.select(nodeC, { kubernetesVersion: '1.30', gates: {}, profile: 'cilium' } as never))).toEqual([
      ['invalid-value', '$.gates'],
      ['invalid-value', '$.kubernetesVersion'],
      ['invalid-value', '$.profile'],
    ]);
    expect(prepared.categorize(nodeC, { explain: true, port: null } as never).kind).toBe('proxied');
  });

  it('is refused alike by a Service prepared with a profile, which reads categorize options as kube-proxy does', () => {
    const cilium = prepareService(dual, slices, { port: 'http', profile: 'cilium' });
    expect(problemsOf(() => cilium.categorize(nodeC, { ipFamily: 'IPv6' } as never))).toEqual([['invalid-value', '$.options.ipFamily']]);
    expect(problemsOf(() => cilium.select(nodeC, { port: 'metrics' } as never))).toEqual([['invalid-value', '$.port']]);
    // `explain: 'true'` and a non-object were ignored there; kube-proxy's prepared Service refuses them.
    expect(problemsOf(() => cilium.categorize(nodeC, { explain: 'true' } as never))).toEqual([['invalid-type', '$.options.explain']]);
    expect(problemsOf(() => cilium.categorize(nodeC, true as never))).toEqual([['invalid-type', '$.options']]);
    expect(cilium.categorize(nodeC, { explain: true }).explanation).toBeDefined();
  });
});

describe('advise that is not a boolean (simulateTraffic, compareScenarios through it)', () => {
  // The README's overload: PreferClose, clients 60/30/10 over endpoints 1/1/4.
  const nodes = ['a', 'b', 'c'].flatMap((z) => [node(`${z}1`, `zone-${z}`), node(`${z}2`, `zone-${z}`)]);
  const svc = simService({ trafficDistribution: 'PreferClose' });
  const endpoints = [ep('10.0.0.1', 'a1', 'zone-a'), ep('10.0.1.1', 'b1', 'zone-b'), ...[1, 2, 3, 4].map((i) => ep(`10.0.2.${i}`, 'c1', 'zone-c'))];
  const hinted = computeHints({ service: svc, endpointSlices: [slice('web-1', endpoints)], nodes }).endpointSlices;
  const input = { service: svc, endpointSlices: hinted, nodes, clients: { byZone: { 'zone-a': 60, 'zone-b': 30, 'zone-c': 10 } } };
  const advised = (r: ReturnType<typeof simulateTraffic>) => r.warnings.find((w) => w.code === 'endpoint-overloaded')?.advice !== undefined;

  it("is refused at $.advise, with or without a profile (advise: 'true' gave the warnings without their advice)", () => {
    expect(advised(simulateTraffic({ ...input, advise: true }))).toBe(true);
    expect(problemsOf(() => simulateTraffic({ ...input, advise: 'true' } as never))).toEqual([['invalid-type', '$.advise']]);
    expect(problemsOf(() => simulateTraffic({ ...input, advise: 1 } as never))).toEqual([['invalid-type', '$.advise']]);
    expect(problemsOf(() => simulateTraffic({ ...input, profile: 'cilium', advise: 'true' } as never))).toEqual([['invalid-type', '$.advise']]);
    expect(advised(simulateTraffic({ ...input, advise: null }))).toBe(false);
  });
});

describe('client Pod tolerations: the Pod spec key tolerations, and an effect Kubernetes refuses', () => {
  const tainted = [
    { metadata: { name: 'node-a', labels: { 'topology.kubernetes.io/zone': 'zone-a' } }, spec: { taints: [{ key: 'dedicated', value: 'web', effect: 'NoSchedule' }] } },
    { metadata: { name: 'node-c', labels: { 'topology.kubernetes.io/zone': 'zone-a' } } },
  ];
  const input = { service, endpointSlices, nodes: tainted };
  const excluded = (r: ReturnType<typeof simulateTraffic>) => r.excludedClientNodes.map((n) => n.name);

  it('tolerations is refused at $.tolerations (the Pods tolerated nothing: node-a lost its clients)', () => {
    expect(excluded(simulateTraffic({ ...input, clientTolerations: [{ operator: 'Exists' }] }))).toEqual([]);
    expect(problemsOf(() => simulateTraffic({ ...input, tolerations: [{ operator: 'Exists' }] } as never))).toEqual([['invalid-value', '$.tolerations']]);
    expect(messageOf(() => simulateTraffic({ ...input, tolerations: [] } as never))).toContain('clientTolerations');
  });

  it("an effect other than NoSchedule, PreferNoSchedule, NoExecute or '' is refused (it matched no taint)", () => {
    expect(excluded(simulateTraffic({ ...input, clientTolerations: [{ key: 'dedicated', operator: 'Exists', effect: 'NoSchedule' }] }))).toEqual([]);
    expect(problemsOf(() => simulateTraffic({ ...input, clientTolerations: [{ key: 'dedicated', operator: 'Exists', effect: 'noschedule' }] }))).toEqual([
      ['invalid-value', '$.clientTolerations[0].effect'],
    ]);
    for (const effect of ['', 'PreferNoSchedule', 'NoExecute', null]) {
      expect(() => simulateTraffic({ ...input, clientTolerations: [{ operator: 'Exists', effect }] })).not.toThrow();
    }
  });
});
