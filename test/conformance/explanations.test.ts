/**
 * Every conformance vector, computed again with `explain: true`: the answer is unchanged, and the
 * explanation is consistent with it (an endpoint reported "in" a list is in it, one reported as
 * "other zone" really is hinted for other zones only, and so on).
 */
import { describe, expect, it } from 'vitest';
import {
  type CategorizeInput,
  type ExplanationStep,
  type GateOverrides,
  categorizeEndpoints,
  computeHints,
  prepareService,
} from '../../src/index.js';
import { loadVectorFiles } from './vectors.js';

interface Vector {
  readonly name: string;
  readonly gates?: GateOverrides;
  readonly kubernetesVersion?: string;
  readonly input: Record<string, unknown>;
}

const keys = (list: readonly { key: string }[] | null | undefined) => (list == null ? null : list.map((e) => e.key));

for (const { file, vectors } of loadVectorFiles<Vector>('kube-proxy')) {
  describe(`explanations agree with kube-proxy vectors: ${file}`, () => {
    vectors.forEach((vector, i) => {
      it(`#${i} ${vector.name}`, () => {
        const input = {
          ...vector.input,
          ...(vector.gates && { gates: vector.gates }),
          ...(vector.kubernetesVersion && { kubernetesVersion: vector.kubernetesVersion }),
        } as unknown as CategorizeInput;
        const plain = categorizeEndpoints(input);
        const explained = categorizeEndpoints({ ...input, explain: true });
        expect(plain.explanation).toBeUndefined();
        if (plain.kind !== 'proxied' || explained.kind !== 'proxied') return;
        expect(keys(explained.clusterEndpoints)).toEqual(keys(plain.clusterEndpoints));
        expect(keys(explained.localEndpoints)).toEqual(keys(plain.localEndpoints));

        const steps = explained.explanation ?? [];
        const nodeName = explained.node.name;
        const all = prepareService(input.service, input.endpointSlices, input).endpoints;
        const byKey = new Map(all.map((e) => [e.key, e]));
        const cluster = new Set(keys(explained.clusterEndpoints) ?? []);
        const local = new Set(keys(explained.localEndpoints) ?? []);
        const perList = (list: 'cluster' | 'local'): ExplanationStep[] => steps.filter((s) => s.list === list);

        // One verdict per endpoint and used list, no more, no fewer.
        for (const [list, used] of [['cluster', explained.clusterEndpoints !== null], ['local', explained.localEndpoints !== null]] as const) {
          const verdicts = perList(list);
          expect(verdicts.map((s) => s.endpoint).sort()).toEqual(used ? [...byKey.keys()].sort() : []);
        }
        for (const s of steps) {
          const ep = s.endpoint === undefined ? undefined : byKey.get(s.endpoint);
          switch (s.code) {
            case 'endpoint-in-cluster':
              expect(cluster.has(s.endpoint!)).toBe(true);
              break;
            case 'endpoint-in-local':
              expect(local.has(s.endpoint!)).toBe(true);
              break;
            case 'endpoint-other-zone': {
              const mode = explained.topologyMode;
              expect(mode?.kind).toBe('sameZone');
              if (mode?.kind === 'sameZone') expect(ep!.zoneHints).not.toContain(mode.zone);
              expect(cluster.has(s.endpoint!)).toBe(false);
              break;
            }
            case 'endpoint-other-node':
              expect(ep!.nodeHints).not.toContain(nodeName);
              expect(cluster.has(s.endpoint!)).toBe(false);
              break;
            case 'endpoint-not-local':
              expect(ep!.nodeName === nodeName && nodeName !== '').toBe(false);
              expect(local.has(s.endpoint!)).toBe(false);
              break;
            case 'endpoint-not-ready':
              expect(ep!.ready || (ep!.serving && ep!.terminating)).toBe(false);
              break;
            case 'endpoint-terminating-unused':
              expect(!ep!.ready && ep!.serving && ep!.terminating).toBe(true);
              break;
            case 'topology-same-zone':
              expect(explained.topologyMode).toEqual({ kind: 'sameZone', zone: s.data['zone'] });
              break;
            case 'topology-same-node':
              expect(explained.topologyMode).toEqual({ kind: 'sameNode', node: s.data['node'] });
              break;
            case 'topology-endpoint-without-zone-hint':
              expect(byKey.get(s.endpoint!)!.zoneHints).toEqual([]);
              expect(byKey.get(s.endpoint!)!.ready).toBe(true);
              break;
            case 'fallback-cluster-terminating':
              expect(explained.terminatingFallback.cluster).toBe(true);
              break;
            case 'fallback-local-terminating':
              expect(explained.terminatingFallback.local).toBe(true);
              break;
          }
        }
        // Exactly one statement of the topology mode when the Cluster list is used.
        const modeSteps = steps.filter((s) =>
          ['topology-same-zone', 'topology-same-node', 'topology-no-ready-endpoints', 'topology-endpoint-without-zone-hint', 'topology-no-endpoint-for-zone', 'topology-node-without-zone', 'topology-not-used', 'topology-annotation-required', 'topology-hints-gated-off'].includes(s.code),
        );
        expect(modeSteps).toHaveLength(1);
      });
    });
  });
}

for (const { file, vectors } of loadVectorFiles<Vector>('hints')) {
  describe(`explanations agree with hints vectors: ${file}`, () => {
    vectors.forEach((vector, i) => {
      it(`#${i} ${vector.name}`, () => {
        const input = { ...vector.input, ...(vector.gates && { gates: vector.gates }) } as never;
        const plain = computeHints(input);
        const explained = computeHints({ ...(input as object), explain: true } as never);
        expect(explained.endpointSlices).toEqual(plain.endpointSlices);
        expect(explained.outcome).toEqual(plain.outcome);
        const steps = explained.explanation ?? [];
        for (const o of explained.outcome.byAddressType) {
          const safeguard = steps.filter((s) => s.code === 'hints-safeguard').filter((s) => s.data.addressType === o.addressType);
          const autoFailed = o.path === 'topology-auto' && o.cause !== 'hints-allocated';
          expect(safeguard.map((s) => s.data.cause)).toEqual(autoFailed ? [o.cause] : []);
          if (o.path === 'topology-auto') {
            const moved = steps.filter((s) => s.code === 'hints-endpoint-moved').map((s) => [s.data.from, s.data.to]);
            expect(moved).toEqual(o.moves.map((m) => [m.from, m.to]));
          }
          const events = steps.filter((s) => s.code === 'hints-event').map((s) => s.data['reason']);
          expect(events).toEqual(o.event === null ? [] : [o.event.reason]);
        }
        // The hinted count stated equals what the result carries for ready endpoints.
        const hinted = explained.endpointSlices
          .flatMap((s) => s.endpoints ?? [])
          .filter((e) => e.conditions?.ready === true && e.hints != null).length;
        const stated = steps.filter((s) => s.code === 'hints-written').reduce((n, s) => n + (s.data['hintedReadyEndpoints'] as number), 0);
        expect(stated).toBe(hinted);
      });
    });
  });
}
