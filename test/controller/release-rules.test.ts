/**
 * The EndpointSlice controller by release (controller-semantics §9): for every row of the
 * release table, one input whose answer differs between the releases on either side of the
 * change, asserted for both.
 */
import { describe, expect, it } from 'vitest';
import { type ComputeHintsInput, type KubernetesVersion, KubeTrafficError, computeHints } from '../../src/index.js';
import { AUTO, endpoint, node, service, slice } from './helpers.js';

const NODES = [node('n1', 'zone-a', '2'), node('n2', 'zone-b', '2')];
const ENDPOINTS = [slice('s1', [endpoint('10.0.0.1', 'zone-a', { node: 'n1' }), endpoint('10.0.0.2', 'zone-b', { node: 'n2' })])];

function run(version: KubernetesVersion, input: Partial<ComputeHintsInput>) {
  const result = computeHints({ service: service(), endpointSlices: ENDPOINTS, nodes: NODES, ...input, kubernetesVersion: version });
  expect(result.kubernetesVersion).toBe(version);
  expect(result.outcome.kubernetesVersion).toBe(version);
  return result;
}

const hintsOf = (r: ReturnType<typeof computeHints>) => r.endpointSlices.flatMap((s) => (s.endpoints ?? []).map((e) => e.hints ?? null));

describe('§9: trafficDistribution exists from 1.30 (ServiceTrafficDistribution alpha, off), on by default from 1.31', () => {
  const preferClose = { service: service({ trafficDistribution: 'PreferClose' }) };
  it('1.29 ignores the field even with the gate forced on (absent there); 1.30 honours it only with the gate on', () => {
    // The cause names the gate; the gate's stage in RELEASES (absent in 1.29) says the field did not exist.
    expect(run('1.29', { ...preferClose, gates: { ServiceTrafficDistribution: true } }).outcome.byAddressType[0]).toMatchObject({ path: 'none', cause: 'gate-off', gate: 'ServiceTrafficDistribution' });
    expect(run('1.30', preferClose).outcome.byAddressType[0]).toMatchObject({ path: 'none', cause: 'gate-off', gate: 'ServiceTrafficDistribution' });
    expect(run('1.30', { ...preferClose, gates: { ServiceTrafficDistribution: true } }).outcome.path).toBe('traffic-distribution');
  });
  it('1.30 removes hints by default; 1.31 writes same-zone hints by default', () => {
    expect(hintsOf(run('1.30', preferClose))).toEqual([null, null]);
    expect(hintsOf(run('1.31', preferClose))).toEqual([{ forZones: [{ name: 'zone-a' }] }, { forZones: [{ name: 'zone-b' }] }]);
  });
});

describe('§9 1.33: a zone-less endpoint under trafficDistribution', () => {
  const zoneless = {
    service: service({ trafficDistribution: 'PreferClose' }),
    endpointSlices: [slice('s1', [endpoint('10.0.0.1', undefined, { node: 'n1' }), endpoint('10.0.0.2', 'zone-b')])],
  };
  it('1.32 hints it for the zone ""; 1.33 writes no zone hint', () => {
    expect(hintsOf(run('1.32', zoneless))).toEqual([{ forZones: [{ name: '' }] }, { forZones: [{ name: 'zone-b' }] }]);
    expect(hintsOf(run('1.33', zoneless))).toEqual([null, { forZones: [{ name: 'zone-b' }] }]);
    expect(hintsOf(run('1.30', { ...zoneless, gates: { ServiceTrafficDistribution: true } }))[0]).toEqual({ forZones: [{ name: '' }] });
  });
  it('1.32 keeps an unchanged slice already hinted for ""; 1.33 rewrites it', () => {
    const hinted = { ...zoneless, endpointSlices: [slice('s1', [endpoint('10.0.0.1', undefined, { hints: { forZones: [{ name: '' }] } })])] };
    expect(run('1.32', hinted).outcome.byAddressType[0]?.rewrittenSlices).toEqual([]);
    expect(run('1.33', hinted).outcome.byAddressType[0]?.rewrittenSlices).toEqual([0]);
    expect(hintsOf(run('1.33', hinted))).toEqual([null]);
  });
});

describe('§9 1.33/1.34: PreferSameZone and PreferSameNode (PreferSameTrafficDistribution alpha in 1.33, beta in 1.34)', () => {
  const sameNode = { service: service({ trafficDistribution: 'PreferSameNode' }) };
  it('1.33 treats PreferSameNode as unset by default; 1.34 writes zone and node hints', () => {
    expect(run('1.33', sameNode).outcome.byAddressType[0]).toMatchObject({ path: 'none', cause: 'gate-off', gate: 'PreferSameTrafficDistribution' });
    expect(hintsOf(run('1.33', sameNode))).toEqual([null, null]);
    expect(hintsOf(run('1.34', sameNode))[0]).toEqual({ forZones: [{ name: 'zone-a' }], forNodes: [{ name: 'n1' }] });
    expect(hintsOf(run('1.33', { ...sameNode, gates: { PreferSameTrafficDistribution: true } }))[0]).toEqual({ forZones: [{ name: 'zone-a' }], forNodes: [{ name: 'n1' }] });
  });
  it('1.32 knows only PreferClose: PreferSameZone is treated as unset, even with the (absent) gate forced on', () => {
    const sameZone = { service: service({ trafficDistribution: 'PreferSameZone' }), gates: { PreferSameTrafficDistribution: true } };
    expect(run('1.32', sameZone).outcome.byAddressType[0]).toMatchObject({ path: 'none', cause: 'gate-off', gate: 'PreferSameTrafficDistribution' });
    expect(run('1.33', sameZone).outcome.path).toBe('traffic-distribution');
  });
});

describe('§9 TopologyAwareHints (beta through 1.32, GA and locked 1.33–1.35, removed in 1.36)', () => {
  it('an explicit override still turns it off in every release that has the gate (as upstream unit tests and the vectors do)', () => {
    for (const v of ['1.27', '1.32', '1.33', '1.35'] as const) {
      expect(run(v, { service: service({ annotations: AUTO }), gates: { TopologyAwareHints: false } }).outcome.byAddressType[0]).toMatchObject({ path: 'none', cause: 'gate-off', gate: 'TopologyAwareHints' });
      expect(run(v, { service: service({ annotations: AUTO }) }).outcome.path).toBe('topology-auto');
    }
  });
  it('from 1.36 the gate does not exist: an override is an error, and Auto always runs', () => {
    for (const v of ['1.36', '1.37', 'master'] as const) {
      expect(() => run(v, { service: service({ annotations: AUTO }), gates: { TopologyAwareHints: false } }), v).toThrow(
        expect.objectContaining({ code: 'unknown-gate', path: '$.gates.TopologyAwareHints', message: expect.stringContaining('removed in 1.36') }),
      );
      expect(run(v, { service: service({ annotations: AUTO }) }).outcome.path).toBe('topology-auto');
    }
  });
  it('the annotation keys are the same in every modelled release: topology-aware-hints wins whenever present', () => {
    const both = { service: service({ annotations: { 'service.kubernetes.io/topology-aware-hints': 'disabled', 'service.kubernetes.io/topology-mode': 'Auto' } }) };
    for (const v of ['1.27', '1.35'] as const) expect(run(v, both).outcome.path).toBe('none');
  });
});

describe('§9 1.36: ServiceTrafficDistribution removed (the field is always read)', () => {
  const preferClose = { service: service({ trafficDistribution: 'PreferClose' }) };
  it('1.35 still reads the (locked) gate, so forcing it off ignores the field; 1.36 refuses the override', () => {
    expect(run('1.35', { ...preferClose, gates: { ServiceTrafficDistribution: false } }).outcome.byAddressType[0]).toMatchObject({ path: 'none', cause: 'gate-off', gate: 'ServiceTrafficDistribution' });
    for (const v of ['1.36', '1.37', 'master'] as const) {
      expect(() => run(v, { ...preferClose, gates: { ServiceTrafficDistribution: false } }), v).toThrow(
        expect.objectContaining({ code: 'unknown-gate', path: '$.gates.ServiceTrafficDistribution', message: expect.stringContaining('ServiceTrafficDistribution no longer exists') }),
      );
      expect(hintsOf(run(v, preferClose)), v).toEqual(hintsOf(run('1.35', preferClose)));
    }
  });
  it('PreferSameTrafficDistribution is still read in 1.36 and 1.37: turning it off makes PreferSameNode count as unset', () => {
    const sameNode = { service: service({ trafficDistribution: 'PreferSameNode' }), gates: { PreferSameTrafficDistribution: false } };
    for (const v of ['1.35', '1.36', '1.37'] as const) {
      expect(run(v, sameNode).outcome.byAddressType[0], v).toMatchObject({ path: 'none', cause: 'gate-off', gate: 'PreferSameTrafficDistribution' });
    }
  });
  it('AllowServiceExternalIPs is kube-proxy\'s: the controller accepts it and writes the same hints', () => {
    const sameNode = { service: service({ trafficDistribution: 'PreferSameNode' }) };
    expect(hintsOf(run('1.36', { ...sameNode, gates: { AllowServiceExternalIPs: false } }))).toEqual(hintsOf(run('1.36', sameNode)));
  });
});

describe('kubernetesVersion on computeHints', () => {
  it('defaults to master (behaving as 1.37) and accepts the spellings kubectl prints', () => {
    const r = computeHints({ service: service({ trafficDistribution: 'PreferSameNode' }), endpointSlices: ENDPOINTS, nodes: NODES });
    expect(r.kubernetesVersion).toBe('master');
    expect(hintsOf(r)).toEqual(hintsOf(run('1.37', { service: service({ trafficDistribution: 'PreferSameNode' }) })));
    const v130 = computeHints({ service: service({ trafficDistribution: 'PreferClose' }), endpointSlices: ENDPOINTS, nodes: NODES, kubernetesVersion: 'v1.30.4-eks-1234' });
    expect([v130.kubernetesVersion, v130.outcome.byAddressType[0]?.cause]).toEqual(['1.30', 'gate-off']);
  });
  it('rejects pre-releases and unknown versions, naming the supported range', () => {
    for (const bad of ['v1.36.0-rc.0', '1.38', '1.26']) {
      expect(() => computeHints({ service: service(), kubernetesVersion: bad })).toThrow(KubeTrafficError);
      try {
        computeHints({ service: service(), kubernetesVersion: bad });
      } catch (e) {
        expect([(e as KubeTrafficError).code, (e as KubeTrafficError).path]).toEqual(['invalid-value', '$.kubernetesVersion']);
        expect((e as KubeTrafficError).message).toContain('from 1.27 to 1.37');
      }
    }
  });
});
