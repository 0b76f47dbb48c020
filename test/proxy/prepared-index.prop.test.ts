/**
 * The simulator's seam: a prepared index's `decide(node, flow)` gives the same answer as the public
 * `select`, and two nodes share a class key only when they get the same action, list and policy.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type From, KUBERNETES_VERSIONS, KubeTrafficError, type Via, prepareService } from '../../src/index.js';
import { preparedIndex } from '../../src/proxy/prepare.js';
import { NODES, ZONES, inputArb } from './arbitraries.js';

const nodeArb = fc.record({ name: fc.constantFrom('', ...NODES), zone: fc.constantFrom('', ...ZONES) });

describe('preparedIndex(prepared).decide', () => {
  it('agrees with select, and equal class keys mean equal answers', () => {
    let compared = 0;
    fc.assert(
      fc.property(
        inputArb({ unproxied: false }),
        fc.constantFrom(...KUBERNETES_VERSIONS),
        fc.array(nodeArb, { minLength: 2, maxLength: 8 }),
        fc.constantFrom<Via>('clusterIP', 'nodePort'),
        fc.constantFrom<From>('pod', 'node', 'outside'),
        (input, kubernetesVersion, nodes, via, from) => {
          let prepared;
          try {
            prepared = prepareService(input.service, input.endpointSlices, {
              ...(input.port !== undefined && { port: input.port }),
              ...(input.ipFamily !== undefined && { ipFamily: input.ipFamily }),
              kubernetesVersion,
            });
            prepared.select({ name: '' }, { via, from });
          } catch (e) {
            if (e instanceof KubeTrafficError) return;
            throw e;
          }
          const index = preparedIndex(prepared);
          if (index === undefined) return;
          const byKey = new Map<string, string>();
          for (const node of nodes) {
            const d = index.decide({ ...node, hasZoneLabel: node.zone !== '' }, { via, from });
            const r = prepared.select(node, { via, from });
            if (r.kind !== 'proxied') throw new Error('a prepared index for a Service that is not proxied');
            const answer = JSON.stringify([r.action, r.policy, r.endpoints.map((e) => [e.key, e.slice])]);
            expect(JSON.stringify([d.flow.action, d.flow.policy, d.flow.endpoints.map((e) => [e.key, e.slice])])).toBe(answer);
            const seen = byKey.get(d.classKey);
            if (seen !== undefined) {
              expect(answer).toBe(seen);
              compared++;
            }
            byKey.set(d.classKey, answer);
          }
        },
      ),
      { numRuns: 300 },
    );
    expect(compared).toBeGreaterThan(0);
  });

  it('is absent for a Service kube-proxy does not program', () => {
    const prepared = prepareService({ metadata: { name: 'db', namespace: 'shop' }, spec: { clusterIP: 'None', ports: [{ port: 5432 }] } }, []);
    expect(preparedIndex(prepared)).toBeUndefined();
  });
});
