/**
 * simulateTraffic with a deviation profile: the same clients and Service, load shares as each data
 * plane would spread them.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KubeTrafficError, PROFILES, simulateTraffic } from '../../src/index.js';
import { NODES, ZONES, profileInputArb } from './arbitraries.js';

type Json = Record<string, unknown>;
const svc = (spec: Json = {}): Json => ({
  metadata: { name: 'web', namespace: 'shop' },
  spec: { type: 'ClusterIP', clusterIP: '10.96.0.10', clusterIPs: ['10.96.0.10'], ipFamilies: ['IPv4'], ports: [{ name: 'http', port: 80, protocol: 'TCP' }], ...spec },
});
const ep = (ip: string, node: string, zone: string, cond: Json = { ready: true }): Json => ({
  addresses: [ip], nodeName: node, zone, conditions: cond, targetRef: { kind: 'Pod', name: `p-${ip}`, namespace: 'shop' },
});
const slices = (endpoints: Json[]): Json[] => [
  { metadata: { name: 'web-1', namespace: 'shop', labels: { 'kubernetes.io/service-name': 'web' } }, addressType: 'IPv4', ports: [{ name: 'http', port: 8080, protocol: 'TCP' }], endpoints },
];
const node = (name: string, zone: string): Json => ({ metadata: { name, labels: { 'topology.kubernetes.io/zone': zone } } });
const nodes = [node('a1', 'zone-a'), node('b1', 'zone-b')];
// No hints written: kube-proxy spreads everywhere, Istio still prefers the zone.
const eps = [ep('10.0.0.1', 'a1', 'zone-a'), ep('10.0.0.2', 'b1', 'zone-b'), ep('10.0.0.3', 'b1', 'zone-b')];
const share = (r: ReturnType<typeof simulateTraffic>, key: string) => r.endpoints.find((e) => e.key === key)?.share;

describe('simulateTraffic with a profile', () => {
  it('Istio keeps PreferClose traffic in its zone without hints; kube-proxy spreads it', () => {
    const input = { service: svc({ trafficDistribution: 'PreferClose' }), endpointSlices: slices(eps), nodes, clients: { byZone: { 'zone-a': 60, 'zone-b': 40 } } };
    const kp = simulateTraffic(input as never);
    const istio = simulateTraffic({ ...input, profile: 'istio' } as never);
    expect(kp.profile).toBeUndefined();
    expect(istio.profile).toBe('istio@1.31.0-rc.0');
    expect(share(kp, '10.0.0.1:8080')).toBeCloseTo(1 / 3);
    expect(share(istio, '10.0.0.1:8080')).toBeCloseTo(0.6);
    expect(share(istio, '10.0.0.2:8080')).toBeCloseTo(0.2);
    expect(istio.crossZoneFraction).toBeCloseTo(0);
    expect(istio.inZoneNodes).toEqual(['a1', 'b1']);
    expect(kp.crossZoneFraction).toBeGreaterThan(0.3);
    expect(istio.mostOverloaded?.overload).toBeCloseTo(1.8);
    expect(istio.warnings.map((w) => w.code)).toContain('endpoint-overloaded');
  });

  it('Istio spilling from a partly healthy tier: weighted shares, recorded on the class', () => {
    const spill = [ep('10.0.0.1', 'a1', 'zone-a'), ep('10.0.0.4', 'a1', 'zone-a', { ready: false, serving: false, terminating: false }), ep('10.0.0.2', 'b1', 'zone-b')];
    const r = simulateTraffic({ service: svc({ trafficDistribution: 'PreferClose' }), endpointSlices: slices(spill), nodes, clients: { byNode: { a1: 1 } }, profile: 'istio' } as never);
    // 1 healthy of 2 in zone-a: 70 % stays, 30 % spills to zone-b.
    expect(share(r, '10.0.0.1:8080')).toBeCloseTo(0.7);
    expect(share(r, '10.0.0.2:8080')).toBeCloseTo(0.3);
    expect(r.classes[0]!.endpointWeights).toEqual([0.7, 0.3].map((x) => expect.closeTo(x)) as never);
    expect(r.crossZoneFraction).toBeCloseTo(0.3);
  });

  it('Antrea rejects where kube-proxy drops', () => {
    const input = { service: svc({ internalTrafficPolicy: 'Local' }), endpointSlices: slices([ep('10.0.0.2', 'b1', 'zone-b')]), nodes };
    const kp = simulateTraffic(input as never);
    const an = simulateTraffic({ ...input, profile: 'antrea' } as never);
    expect([kp.droppedFraction, kp.rejectedFraction]).toEqual([0.5, 0]);
    expect([an.droppedFraction, an.rejectedFraction]).toEqual([0, 0.5]);
    expect(an.rejectedNodes).toEqual(['a1']);
    expect(an.warnings.map((w) => w.code)).toContain('traffic-rejected');
  });

  it('refuses what the profile does not settle, with the simulator\'s paths', () => {
    const input = { service: svc({ internalTrafficPolicy: 'Local' }), endpointSlices: slices([ep('10.0.0.2', 'b1', 'zone-b')]), nodes };
    expect(() => simulateTraffic({ ...input, profile: 'calico-ebpf' } as never)).toThrow(/drops or rejects/);
    const e = (() => {
      try {
        simulateTraffic({ ...input, flow: { via: 'nodePort' }, profile: 'linkerd' } as never);
      } catch (x) {
        return x as KubeTrafficError;
      }
      return undefined;
    })();
    expect(e).toBeInstanceOf(KubeTrafficError);
    expect(e!.path).toBe('$.flow.via');
    expect(() => simulateTraffic({ ...input, gates: { PreferSameTrafficDistribution: true }, profile: 'antrea' } as never)).toThrow(/\$\.gates/);
  });

  it('on random inputs, every profile\'s shares sum to its forwarded fraction and fractions sum to 1', () => {
    const simNodes = NODES.map((n, i) => node(n, ZONES[i % ZONES.length]!));
    for (const p of PROFILES.filter((x) => x.name !== 'kube-proxy')) {
      let answered = 0;
      fc.assert(
        fc.property(profileInputArb({ gatewaySafe: p.name === 'envoy-gateway' }), (input) => {
          let r;
          try {
            r = simulateTraffic({ service: input['service'], endpointSlices: input['endpointSlices'], nodes: simNodes, profile: p.name } as never);
          } catch (e) {
            expect((e as KubeTrafficError).code).toBe('profile-not-pinned');
            return;
          }
          answered++;
          const sum = r.endpoints.reduce((s, e) => s + e.share, 0);
          expect(sum).toBeCloseTo(r.forwardedFraction, 9);
          expect(r.forwardedFraction + r.droppedFraction + r.rejectedFraction).toBeCloseTo(1, 9);
          const m = r.zoneMatrix.fractions.flat().reduce((s, x) => s + x, 0);
          expect(m).toBeCloseTo(r.forwardedFraction, 9);
        }),
        { numRuns: 60 },
      );
      expect(answered, p.name).toBeGreaterThan(0);
    }
  });
});
