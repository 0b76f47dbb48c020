/**
 * Every explanation code is produced by at least one scenario here, and each scenario asserts the
 * step it expects (code, the endpoint or data it names). The last test checks the coverage.
 */
import { afterAll, describe, expect, it } from 'vitest';
import {
  EXPLANATION_CODES,
  type ExplanationCode,
  type ExplanationStep,
  type StepOf,
  categorizeEndpoints,
  computeHints,
  formatExplanation,
  selectEndpoints,
} from '../../src/index.js';
import { reachableObjects } from '../helpers.js';
import { type Json, NOT_READY, TERMINATING, ep, node, service, slice } from './fixtures.js';

const seen = new Set<ExplanationCode>();

/** The steps with `code`; asserts there is at least one and records the code as covered. */
function stepsOf<C extends ExplanationCode>(result: { explanation?: readonly ExplanationStep[] | undefined }, code: C): StepOf<C>[] {
  expect(result.explanation, 'explanation present').toBeDefined();
  const found = (result.explanation ?? []).filter((s): s is StepOf<C> & ExplanationStep => s.code === code);
  expect(found.map((s) => s.code), `step ${code}`).toContain(code);
  for (const s of found) expect(s.message.length).toBeGreaterThan(10);
  // Steps are plain data, frozen all the way down like the results that carry them.
  for (const s of result.explanation ?? []) {
    for (const o of reachableObjects(s)) expect(Object.isFrozen(o), `${s.code}: ${JSON.stringify(o).slice(0, 80)} is not frozen`).toBe(true);
  }
  seen.add(code);
  return found;
}

const zoneA = { name: 'node-a', zone: 'zone-a' };
const cat = (svc: object, slices: object[], extra: object = {}) =>
  categorizeEndpoints({ service: svc, endpointSlices: slices, node: zoneA, port: 'http', explain: true, ...extra } as never);
const sel = (svc: object, slices: object[], extra: object = {}) =>
  selectEndpoints({ service: svc, endpointSlices: slices, node: zoneA, port: 'http', explain: true, ...extra } as never);

describe('kube-proxy explanations', () => {
  it('service-not-proxied', () => {
    const r = cat(service({ clusterIP: 'None', clusterIPs: ['None'] }), []);
    expect(stepsOf(r, 'service-not-proxied')[0]!.data).toMatchObject({ reason: 'headless' });
  });

  it('client-zone-only: a client known by its zone alone', () => {
    const r = cat(service(), [slice('s', [ep('10.0.0.1', 'node-a', { hint: 'zone-a' })])], { node: { zone: 'zone-a' } });
    expect(stepsOf(r, 'client-zone-only')[0]!.data).toEqual({ zone: 'zone-a' });
  });

  it('topology-same-zone, endpoint-in-cluster, endpoint-other-zone', () => {
    const r = cat(service(), [slice('s', [ep('10.0.0.1', 'node-x', { hint: 'zone-a' }), ep('10.0.0.2', 'node-y', { hint: 'zone-b' })])]);
    expect(stepsOf(r, 'topology-same-zone')[0]!.data).toEqual({ zone: 'zone-a', candidates: 1 });
    expect(stepsOf(r, 'endpoint-in-cluster').map((s) => s.endpoint)).toEqual(['10.0.0.1:8080']);
    expect(stepsOf(r, 'endpoint-other-zone').map((s) => s.endpoint)).toEqual(['10.0.0.2:8080']);
  });

  it('topology-same-node and endpoint-other-node', () => {
    const slices = [slice('s', [ep('10.0.0.1', 'node-a', { hint: 'zone-a', nodeHint: 'node-a' }), ep('10.0.0.2', 'node-b', { hint: 'zone-a', nodeHint: 'node-b' })])];
    const r = cat(service(), slices);
    expect(stepsOf(r, 'topology-same-node')[0]!.data).toEqual({ node: 'node-a', candidates: 1 });
    expect(stepsOf(r, 'endpoint-other-node').map((s) => s.endpoint)).toEqual(['10.0.0.2:8080']);
  });

  it('topology-endpoint-without-node-hint names the endpoint; zone mode is used instead', () => {
    const slices = [slice('s', [ep('10.0.0.1', 'node-a', { hint: 'zone-a', nodeHint: 'node-a' }), ep('10.0.0.2', 'node-b', { hint: 'zone-a' })])];
    const r = cat(service(), slices);
    expect(stepsOf(r, 'topology-endpoint-without-node-hint')[0]!.endpoint).toBe('10.0.0.2:8080');
    expect(r.kind === 'proxied' && r.topologyMode).toEqual({ kind: 'sameZone', zone: 'zone-a' });
  });

  it('topology-no-endpoint-for-node', () => {
    const r = cat(service(), [slice('s', [ep('10.0.0.2', 'node-b', { hint: 'zone-a', nodeHint: 'node-b' })])]);
    expect(stepsOf(r, 'topology-no-endpoint-for-node')[0]!.data).toMatchObject({ node: 'node-a', hintedNodes: ['node-b'] });
  });

  it('topology-node-hints-gated-off', () => {
    const r = cat(service(), [slice('s', [ep('10.0.0.1', 'node-a', { hint: 'zone-a', nodeHint: 'node-a' })])], {
      gates: { PreferSameTrafficDistribution: false },
    });
    stepsOf(r, 'topology-node-hints-gated-off');
    expect(r.kind === 'proxied' && r.topologyMode?.kind).toBe('sameZone');
  });

  it('topology-endpoint-without-zone-hint names the first unhinted ready endpoint', () => {
    const r = cat(service(), [slice('s', [ep('10.0.0.1', 'node-x', { hint: 'zone-a' }), ep('10.0.0.2', 'node-y')])]);
    const [s] = stepsOf(r, 'topology-endpoint-without-zone-hint');
    expect(s!.endpoint).toBe('10.0.0.2:8080');
    expect(s!.data).toMatchObject({ withoutZoneHint: 1, ready: 2 });
  });

  it('topology-no-endpoint-for-zone and topology-node-without-zone', () => {
    const slices = [slice('s', [ep('10.0.0.1', 'node-x', { hint: 'zone-b' })])];
    expect(stepsOf(cat(service(), slices), 'topology-no-endpoint-for-zone')[0]!.data).toEqual({ zone: 'zone-a', hintedZones: ['zone-b'] });
    // A node without a zone label matches no zone hint: the newest code states no other cause.
    expect(stepsOf(cat(service(), slices, { node: { name: 'node-a' } }), 'topology-no-endpoint-for-zone')[0]!.data).toEqual({ zone: '', hintedZones: ['zone-b'] });
    // Before 1.33 kube-proxy refuses such a node explicitly.
    const old = cat(service(), slices, { node: { name: 'node-a' }, kubernetesVersion: '1.32' });
    expect(stepsOf(old, 'topology-node-without-zone')[0]!.data).toEqual({ node: 'node-a', kubernetesVersion: '1.32' });
  });

  it('topology-no-ready-endpoints, fallback-cluster-terminating', () => {
    const r = cat(service(), [slice('s', [ep('10.0.0.1', 'node-x', { hint: 'zone-b', cond: TERMINATING })])]);
    stepsOf(r, 'topology-no-ready-endpoints');
    expect(stepsOf(r, 'fallback-cluster-terminating')[0]!.data).toEqual({ servingTerminating: 1 });
  });

  it('topology-not-used, endpoint-in-local, endpoint-not-local, fallback-local-terminating', () => {
    const local = service({ internalTrafficPolicy: 'Local' });
    const r = cat(local, [slice('s', [ep('10.0.0.1', 'node-a'), ep('10.0.0.2', 'node-b')])]);
    stepsOf(r, 'topology-not-used');
    expect(stepsOf(r, 'endpoint-in-local').map((s) => s.endpoint)).toEqual(['10.0.0.1:8080']);
    expect(stepsOf(r, 'endpoint-not-local').map((s) => s.endpoint)).toEqual(['10.0.0.2:8080']);
    const draining = cat(local, [slice('s', [ep('10.0.0.1', 'node-a', { cond: TERMINATING })])]);
    expect(stepsOf(draining, 'fallback-local-terminating')[0]!.data).toEqual({ servingTerminating: 1 });
  });

  it('endpoint-not-ready and endpoint-terminating-unused', () => {
    const r = cat(service(), [slice('s', [ep('10.0.0.1', 'node-x'), ep('10.0.0.2', 'node-x', { cond: NOT_READY }), ep('10.0.0.3', 'node-x', { cond: TERMINATING })])]);
    expect(stepsOf(r, 'endpoint-not-ready').map((s) => s.endpoint)).toEqual(['10.0.0.2:8080']);
    expect(stepsOf(r, 'endpoint-terminating-unused').map((s) => s.endpoint)).toEqual(['10.0.0.3:8080']);
  });

  it('input that is not used: duplicate, other family, other port, hidden slice, no addresses, other Service', () => {
    const r = cat(service(), [
      slice('a', [ep('10.0.0.1', 'node-x'), { addresses: [] }]),
      slice('b', [ep('10.0.0.1', 'node-x', { cond: TERMINATING })]),
      slice('v6', [ep('fd00::1', 'node-x')], { addressType: 'IPv6' }),
      slice('metrics', [ep('10.0.0.3', 'node-x')], { ports: [{ name: 'metrics', port: 9090 }] }),
      slice('hidden', [ep('10.0.0.4', 'node-x')], {
        metadata: { name: 'hidden', namespace: 'ns', labels: { 'kubernetes.io/service-name': 'svc', 'service.kubernetes.io/headless': '' } },
      }),
      slice('other', [ep('10.0.0.5', 'node-x')], { metadata: { name: 'other', namespace: 'ns', labels: { 'kubernetes.io/service-name': 'web' } } }),
    ]);
    expect(stepsOf(r, 'endpoint-duplicate')[0]).toMatchObject({ endpoint: '10.0.0.1:8080', data: { slice: 'b' } });
    expect(stepsOf(r, 'endpoint-other-family')[0]).toMatchObject({ endpoint: 'fd00::1', path: '$.endpointSlices[2].endpoints[0]' });
    expect(stepsOf(r, 'endpoint-other-port')[0]!.endpoint).toBe('10.0.0.3');
    expect(stepsOf(r, 'endpoint-hidden-slice')[0]!.endpoint).toBe('10.0.0.4');
    expect(stepsOf(r, 'endpoint-no-addresses')[0]!.path).toBe('$.endpointSlices[0].endpoints[1]');
    expect(stepsOf(r, 'slice-other-service')[0]!.data).toEqual({ slice: 'other', endpoints: 1 });
  });

  it('release-rule, topology-annotation-required (1.29 without annotation)', () => {
    const r = cat(service(), [slice('s', [ep('10.0.0.1', 'node-x', { hint: 'zone-a' })])], { kubernetesVersion: '1.29' });
    expect(stepsOf(r, 'topology-annotation-required')[0]!.message).toMatch(/^1\.29: /);
    expect(stepsOf(r, 'release-rule')[0]!.data).toMatchObject({ kubernetesVersion: '1.29', rule: 'topology-annotation-required' });
  });

  it('topology-hints-gated-off (1.29 with the TopologyAwareHints gate off)', () => {
    const svc = service({}, { annotations: { 'service.kubernetes.io/topology-mode': 'Auto' } });
    const r = cat(svc, [slice('s', [ep('10.0.0.1', 'node-x', { hint: 'zone-a' })])], { kubernetesVersion: '1.29', gates: { TopologyAwareHints: false } });
    expect(stepsOf(r, 'topology-hints-gated-off')[0]!.data).toMatchObject({ gate: 'TopologyAwareHints' });
  });

  it('flow-internal-policy, flow-forward', () => {
    const r = sel(service(), [slice('s', [ep('10.0.0.1', 'node-x')])]);
    stepsOf(r, 'flow-internal-policy');
    expect(stepsOf(r, 'flow-forward')[0]!.data).toEqual({ endpoints: 1 });
  });

  it('flow-external-policy, flow-drop (eTP Local from outside, no local endpoint)', () => {
    const lb = service({ type: 'NodePort', externalTrafficPolicy: 'Local', ports: [{ name: 'http', port: 80, nodePort: 30080 }] });
    const r = sel(lb, [slice('s', [ep('10.0.0.1', 'node-x')])], { via: 'nodePort', from: 'outside' });
    stepsOf(r, 'flow-external-policy');
    expect(stepsOf(r, 'flow-drop')[0]!.data).toMatchObject({ hasAnyEndpoints: true, list: 'Local' });
    // The short-circuit: the same port from a Pod on the node uses the Cluster list.
    const fromPod = sel(lb, [slice('s', [ep('10.0.0.1', 'node-x')])], { via: 'nodePort', from: 'pod' });
    stepsOf(fromPod, 'flow-short-circuit');
    expect(fromPod.kind === 'proxied' && fromPod.action).toBe('forward');
  });

  it('flow-reject', () => {
    const r = sel(service(), [slice('s', [ep('10.0.0.1', 'node-x', { cond: NOT_READY })])]);
    expect(stepsOf(r, 'flow-reject')[0]!.data).toEqual({ hasAnyEndpoints: false });
  });

  it('flow-not-handled (external IP, AllowServiceExternalIPs off, 1.36)', () => {
    const withIP = service({ externalIPs: ['192.0.2.10'] });
    const r = sel(withIP, [slice('s', [ep('10.0.0.1', 'node-x')])], { via: 'externalIP', kubernetesVersion: '1.36', gates: { AllowServiceExternalIPs: false } });
    const [notHandled] = stepsOf(r, 'flow-not-handled');
    expect(notHandled!.data).toEqual({ via: 'externalIP', from: 'pod', gate: 'AllowServiceExternalIPs' });
    // No policy step and no forward/drop/reject step: no list is used. The list steps still follow.
    const codes = (r.explanation ?? []).map((s) => s.code);
    expect(codes.filter((c) => c.startsWith('flow-'))).toEqual(['flow-not-handled']);
    expect(codes).toContain('endpoint-in-cluster');
    expect(formatExplanation(r).split('\n').slice(0, 2)).toEqual([
      'ns/svc, port "http" (80/TCP), IPv4, client node node-a in zone-a, Kubernetes 1.36',
      'NOT HANDLED: externalIP traffic from pod, no list (kube-proxy writes no rule for it)',
    ]);
  });
});

describe('controller explanations', () => {
  const nodes = [node('a1', 'zone-a'), node('b1', 'zone-b'), node('c1', 'zone-c')];
  const zoned = (ip: string, zone: string, hint?: string) => ({ ...ep(ip, `${zone}-node`, { zone, ...(hint !== undefined && { hint }) }) });
  const hints = (svc: object, slices: object[], extra: object = {}) => computeHints({ service: svc, endpointSlices: slices, nodes, explain: true, ...extra } as never);
  const auto = service({}, { annotations: { 'service.kubernetes.io/topology-mode': 'Auto' } });

  it('hints-topology-auto, hints-zone-allocation, hints-written, hints-event', () => {
    const r = hints(auto, [slice('s', ['zone-a', 'zone-b', 'zone-c'].map((z, i) => zoned(`10.0.0.${i + 1}`, z)))]);
    expect(stepsOf(r, 'hints-topology-auto')[0]!.data).toMatchObject({ readyEndpoints: 3 });
    expect(stepsOf(r, 'hints-zone-allocation').map((s) => s.data.zone)).toEqual(['zone-a', 'zone-b', 'zone-c']);
    expect(stepsOf(r, 'hints-written')[0]!.data).toMatchObject({ hintedReadyEndpoints: 3 });
    expect(stepsOf(r, 'hints-event')[0]!.data).toMatchObject({ reason: 'TopologyAwareHintsEnabled' });
  });

  it('hints-safeguard with its numbers', () => {
    const r = hints(auto, [slice('s', [zoned('10.0.0.1', 'zone-a'), zoned('10.0.0.2', 'zone-b')])]);
    expect(stepsOf(r, 'hints-safeguard')[0]!.data).toMatchObject({ cause: 'fewer-endpoints-than-zones', readyEndpoints: 2, zones: 3 });
    const four = hints(auto, [slice('s', ['zone-a', 'zone-a', 'zone-b', 'zone-c'].map((z, i) => zoned(`10.0.0.${i + 1}`, z)))]);
    expect(stepsOf(four, 'hints-safeguard')[0]!.data).toMatchObject({ cause: 'minimum-exceeds-endpoints', minimums: 6, readyEndpoints: 4 });
  });

  it('hints-slice-kept and hints-endpoint-moved', () => {
    const kept = hints(auto, [slice('s', ['zone-a', 'zone-b', 'zone-c'].map((z, i) => zoned(`10.0.0.${i + 1}`, z, z)))]);
    expect(stepsOf(kept, 'hints-slice-kept')[0]!.data).toEqual({ addressType: 'IPv4', slice: 's' });
    const moved = hints(auto, [slice('s', ['zone-a', 'zone-a', 'zone-a'].map((z, i) => zoned(`10.0.0.${i + 1}`, z)))]);
    expect(stepsOf(moved, 'hints-endpoint-moved').map((s) => [s.endpoint, s.data.from, s.data.to])).toEqual([
      ['10.0.0.1', 'zone-a', 'zone-b'],
      ['10.0.0.2', 'zone-a', 'zone-c'],
    ]);
  });

  it('hints-annotation-precedence', () => {
    const both = service({ trafficDistribution: 'PreferClose' }, { annotations: { 'service.kubernetes.io/topology-mode': 'Auto' } });
    expect(stepsOf(hints(both, []), 'hints-annotation-precedence')[0]!.data).toEqual({ annotation: 'Auto', trafficDistribution: 'PreferClose' });
  });

  it('hints-traffic-distribution, hints-removed, hints-value-not-usable, hints-gate-off', () => {
    const slices = [slice('s', [zoned('10.0.0.1', 'zone-a')])];
    expect(stepsOf(hints(service({ trafficDistribution: 'PreferClose' }), slices), 'hints-traffic-distribution')[0]!.data).toMatchObject({ trafficDistribution: 'PreferClose' });
    stepsOf(hints(service(), slices), 'hints-removed');
    expect(stepsOf(hints(service({ trafficDistribution: 'Nearby' }), slices), 'hints-value-not-usable')[0]!.data).toEqual({ trafficDistribution: 'Nearby' });
    const gated = hints(service({ trafficDistribution: 'PreferSameZone' }), slices, { gates: { PreferSameTrafficDistribution: false } });
    expect(stepsOf(gated, 'hints-gate-off')[0]!.data).toEqual({ gate: 'PreferSameTrafficDistribution' });
  });

  it('hints-service-not-managed and hints-slice-not-managed', () => {
    const slices = [slice('s', [zoned('10.0.0.1', 'zone-a', 'zone-z')])];
    const external = hints(service({ type: 'ExternalName', externalName: 'db.example.com' }), slices);
    expect(stepsOf(external, 'hints-service-not-managed')[0]!.data).toEqual({ cause: 'external-name', slices: 1 });
    expect(stepsOf(hints(service({ selector: null }), slices), 'hints-service-not-managed')[0]!.data).toEqual({ cause: 'no-selector', slices: 1 });
    const mirrored = slice('m', [zoned('10.0.0.2', 'zone-a', 'zone-z')], {
      metadata: { name: 'm', namespace: 'ns', labels: { 'kubernetes.io/service-name': 'svc', 'endpointslice.kubernetes.io/managed-by': 'endpointslice-mirroring-controller.k8s.io' } },
    });
    const r = hints(service({ trafficDistribution: 'PreferClose' }), [...slices, mirrored]);
    expect(stepsOf(r, 'hints-slice-not-managed').map((s) => s.data)).toEqual([{ slice: 'm', index: 1, reason: 'other-manager' }]);
    // The hinted count covers the slice left alone: its stale zone-z hint still reaches kube-proxy.
    expect(stepsOf(r, 'hints-written')[0]!.data).toMatchObject({ hintedReadyEndpoints: 2 });
  });
});

describe('deviation profile explanations', () => {
  it('profile-rule names the profile and its rule', () => {
    const r = cat(service({ trafficDistribution: 'PreferSameNode' }), [slice('s', [ep('10.0.0.1', 'node-a'), ep('10.0.0.2', 'node-b')])], { profile: { name: 'cilium', options: { 'enable-service-topology': true } } });
    const rules = stepsOf(r, 'profile-rule');
    expect(rules.find((s) => s.data['rule'] === 'Ci2')!.data).toMatchObject({ profile: 'cilium@1.21.0-dev+5b27d687', distribution: 'PreferSameNode' });
    expect(stepsOf(r, 'endpoint-other-node')[0]!).toMatchObject({ endpoint: '10.0.0.2:8080', data: { rule: 'Ci3' } });
  });

  it('endpoint-lower-tier (Istio): healthy, but a better tier takes every new connection', () => {
    const pod = (e: Json, name: string) => ({ ...e, targetRef: { kind: 'Pod', name, namespace: 'ns' } });
    const slices = [slice('s', [pod(ep('10.0.0.1', 'node-a', { zone: 'zone-a' }), 'p1'), pod(ep('10.0.0.2', 'node-b', { zone: 'zone-b' }), 'p2')])];
    const r = cat(service({ trafficDistribution: 'PreferClose' }), slices, { profile: 'istio' });
    expect(stepsOf(r, 'endpoint-lower-tier').map((s) => [s.endpoint, s.data['tier'], s.data['rule']])).toEqual([['10.0.0.2:8080', 1, 'I2']]);
  });
});

describe('formatExplanation', () => {
  it('names every endpoint with its verdict for each list', () => {
    const lb = service({ type: 'NodePort', externalTrafficPolicy: 'Local', ports: [{ name: 'http', port: 80, nodePort: 30080 }] });
    const r = sel(lb, [slice('s', [ep('10.0.0.1', 'node-a', { hint: 'zone-a' }), ep('10.0.0.2', 'node-b', { hint: 'zone-b' })])], { via: 'nodePort', from: 'outside' });
    const text = formatExplanation(r);
    expect(text.split('\n')[0]).toBe('ns/svc, port "http" (80/TCP), IPv4, client node node-a in zone-a, Kubernetes master');
    expect(text).toMatch(/^FORWARD: nodePort traffic from outside, Local list \(externalTrafficPolicy\)$/m);
    expect(text).toMatch(/^ {2}10\.0\.0\.1:8080 {2}Cluster: in; Local: in$/m);
    expect(text).toMatch(/^ {2}10\.0\.0\.2:8080 {2}Cluster: out \(hinted for another zone\); Local: out \(on another node\)$/m);
  });

  it('renders hints explanations and refuses a result computed without explain', () => {
    const r = computeHints({ service: service({ trafficDistribution: 'PreferClose' }) as never, endpointSlices: [], nodes: [], explain: true });
    expect(formatExplanation(r)).toMatch(/^Hints:$/m);
    expect(() => formatExplanation(computeHints({ service: service() as never }))).toThrow(/\$\.explanation: expected a result computed with explain: true/);
  });
});

describe('the code list', () => {
  // Every code released so far (0.1.0, and every commit since: none has ever been dropped). A
  // code may be added; one is never removed or renamed without a CHANGELOG entry saying so. The
  // type makes the object name every member of the union, and nothing else.
  const RELEASED: Record<ExplanationCode, true> = {
    'service-not-proxied': true,
    'client-zone-only': true,
    'release-rule': true,
    'topology-not-used': true,
    'topology-same-node': true,
    'topology-same-zone': true,
    'topology-no-ready-endpoints': true,
    'topology-endpoint-without-zone-hint': true,
    'topology-endpoint-without-node-hint': true,
    'topology-no-endpoint-for-node': true,
    'topology-no-endpoint-for-zone': true,
    'topology-node-without-zone': true,
    'topology-node-hints-gated-off': true,
    'topology-annotation-required': true,
    'topology-hints-gated-off': true,
    'fallback-cluster-terminating': true,
    'fallback-local-terminating': true,
    'endpoint-in-cluster': true,
    'endpoint-in-local': true,
    'endpoint-not-ready': true,
    'endpoint-terminating-unused': true,
    'endpoint-other-zone': true,
    'endpoint-other-node': true,
    'endpoint-not-local': true,
    'endpoint-duplicate': true,
    'endpoint-other-family': true,
    'endpoint-other-port': true,
    'endpoint-hidden-slice': true,
    'endpoint-no-addresses': true,
    'slice-other-service': true,
    'flow-internal-policy': true,
    'flow-external-policy': true,
    'flow-short-circuit': true,
    'flow-forward': true,
    'flow-drop': true,
    'flow-reject': true,
    'flow-not-handled': true,
    'hints-service-not-managed': true,
    'hints-slice-not-managed': true,
    'profile-rule': true,
    'endpoint-lower-tier': true,
    'hints-annotation-precedence': true,
    'hints-topology-auto': true,
    'hints-traffic-distribution': true,
    'hints-removed': true,
    'hints-value-not-usable': true,
    'hints-gate-off': true,
    'hints-safeguard': true,
    'hints-zone-allocation': true,
    'hints-slice-kept': true,
    'hints-endpoint-moved': true,
    'hints-written': true,
    'hints-event': true,
  };

  it('EXPLANATION_CODES lists every code of the union once, and keeps every released code', () => {
    expect(new Set(EXPLANATION_CODES).size).toBe(EXPLANATION_CODES.length);
    expect([...EXPLANATION_CODES].sort()).toEqual(Object.keys(RELEASED).sort());
    expect(Object.isFrozen(EXPLANATION_CODES)).toBe(true);
  });
});

afterAll(() => {
  // Runs after every scenario above: each stable code must have been produced and asserted.
  const missing = EXPLANATION_CODES.filter((c) => !seen.has(c));
  if (missing.length > 0) throw new Error(`explanation codes never produced by a test: ${missing.join(', ')}`);
});
