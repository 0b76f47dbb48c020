/**
 * Explanations say what the decision decided. The two reproductions of issue 11 are kept here as
 * regressions: each failed before the explanation was built from the decision itself.
 */
import { describe, expect, it } from 'vitest';
import { type CategorizeInput, type CategorizedEndpoints, categorizeEndpoints } from '../../src/index.js';
import { ep, service, slice } from '../explain/fixtures.js';

function explained(input: Record<string, unknown>): CategorizedEndpoints {
  const r = categorizeEndpoints({ ...input, explain: true } as unknown as CategorizeInput);
  if (r.kind !== 'proxied') throw new Error('expected a proxied result');
  return r;
}

describe('duplicates across slices are explained with the copy the node uses', () => {
  // 1.27–1.35: a later copy that names the client's node replaces the kept one for that node only.
  const input = {
    service: service(),
    endpointSlices: [slice('s1', [ep('10.0.0.1', 'node-a')]), slice('s2', [ep('10.0.0.1', 'node-b')])],
    port: 'http',
    kubernetesVersion: '1.30',
  };

  it('on node-b the s2 copy is used, and the s1 copy is the one called a duplicate', () => {
    const r = explained({ ...input, node: { name: 'node-b' } });
    expect(r.clusterEndpoints?.map((e) => [e.key, e.slice])).toEqual([['10.0.0.1:8080', 's2']]);
    const dup = r.explanation?.filter((s) => s.code === 'endpoint-duplicate') ?? [];
    expect(dup).toHaveLength(1);
    expect(dup[0]?.path).toBe('$.endpointSlices[0].endpoints[0]');
    expect(dup[0]?.message).toContain('slice s1');
    expect(dup[0]?.message).toContain('s2');
  });

  it('on node-a (and any other node) the s1 copy is used, and the s2 copy is the duplicate', () => {
    for (const name of ['node-a', 'node-c']) {
      const r = explained({ ...input, node: { name } });
      expect(r.clusterEndpoints?.map((e) => e.slice)).toEqual(['s1']);
      const dup = r.explanation?.filter((s) => s.code === 'endpoint-duplicate') ?? [];
      expect(dup.map((s) => s.path)).toEqual(['$.endpointSlices[1].endpoints[0]']);
    }
  });

  it('the newest rule keeps the later non-terminating copy for every node', () => {
    const r = explained({ ...input, kubernetesVersion: 'master', node: { name: 'node-a' } });
    expect(r.clusterEndpoints?.map((e) => e.slice)).toEqual(['s2']);
    const dup = r.explanation?.filter((s) => s.code === 'endpoint-duplicate') ?? [];
    expect(dup.map((s) => s.path)).toEqual(['$.endpointSlices[0].endpoints[0]']);
  });
});

describe('the topology step names the cause the rule returned', () => {
  it('a node without a zone label whose zone no hint names: cause no-endpoint-for-zone, step topology-no-endpoint-for-zone', () => {
    const r = explained({
      service: service(),
      endpointSlices: [slice('s1', [ep('10.0.0.1', 'node-a', { hint: 'zone-a' }), ep('10.0.0.2', 'node-b', { hint: 'zone-b' })])],
      port: 'http',
      node: { name: 'node-c' },
    });
    expect(r.topologyMode).toEqual({ kind: 'none', cause: 'no-endpoint-for-zone' });
    const topology = r.explanation?.filter((s) => s.code.startsWith('topology-')) ?? [];
    expect(topology.map((s) => s.code)).toEqual(['topology-no-endpoint-for-zone']);
    expect(topology[0]?.data).toMatchObject({ zone: '', hintedZones: ['zone-a', 'zone-b'] });
  });

  it('before 1.33 the same node is refused for its missing label: cause node-without-zone, step topology-node-without-zone', () => {
    const r = explained({
      service: service({}, { annotations: { 'service.kubernetes.io/topology-mode': 'Auto' } }),
      endpointSlices: [slice('s1', [ep('10.0.0.1', 'node-a', { hint: 'zone-a' })])],
      port: 'http',
      node: { name: 'node-c' },
      kubernetesVersion: '1.32',
    });
    expect(r.topologyMode).toEqual({ kind: 'none', cause: 'node-without-zone' });
    expect(r.explanation?.filter((s) => s.code.startsWith('topology-')).map((s) => s.code)).toEqual(['topology-node-without-zone']);
  });
});
