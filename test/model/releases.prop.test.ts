/**
 * Property: for inputs that use no feature that changed between releases, every release gives
 * the same answer (kube-proxy and the EndpointSlice controller).
 *
 * kube-proxy inputs are the generated inputs of test/proxy/arbitraries.ts made release-neutral:
 * the Service carries `topology-mode: Auto` (the one annotation every release treats alike: it
 * enables hints where the annotation is checked), no node hints, no `ipMode: Proxy` ingress, one
 * copy per address in canonical form, a client node with a zone label, and no gate overrides.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type CategorizeInput,
  type ComputeHintsInput,
  type EndpointSliceInput,
  KUBERNETES_VERSIONS,
  type ServiceInput,
  categorizeEndpoints,
  computeHints,
} from '../../src/index.js';
import { plain } from '../helpers.js';
import { AUTO, node, service, slice } from '../controller/helpers.js';
import { ZONES, canonicalIP, inputArb } from '../proxy/arbitraries.js';

const RUNS = { numRuns: 200 };

function neutralService(s: ServiceInput): ServiceInput {
  const ingress = (s.status?.loadBalancer?.ingress ?? []).filter((e) => e.ipMode !== 'Proxy');
  return {
    ...s,
    metadata: { ...s.metadata, annotations: { 'service.kubernetes.io/topology-mode': 'Auto' } },
    ...(s.status && { status: { ...s.status, loadBalancer: { ...s.status.loadBalancer, ingress } } }),
  } as ServiceInput;
}

function neutralSlices(slices: readonly EndpointSliceInput[]): EndpointSliceInput[] {
  const seen = new Set<string>();
  return slices.map((s) => ({
    ...s,
    endpoints: (s.endpoints ?? []).flatMap((e) => {
      const first = e.addresses?.[0];
      if (first === undefined || s.addressType === 'FQDN') return [e];
      const ip = canonicalIP(first);
      if (seen.has(ip)) return [];
      seen.add(ip);
      const hints = e.hints && typeof e.hints === 'object' ? { ...e.hints, forNodes: [] } : e.hints;
      return [{ ...e, addresses: [ip], ...(hints !== undefined && { hints }) }];
    }),
  }));
}

function neutral(input: CategorizeInput, zone: string): CategorizeInput {
  const col = input.endpointSlices;
  const slices = Array.isArray(col) ? col : (col as { items: EndpointSliceInput[] }).items;
  const node = input.node as { name?: string; metadata?: { name?: string } };
  const { gates: _gates, ...rest } = input;
  return { ...rest, service: neutralService(input.service), endpointSlices: neutralSlices(slices), node: { name: node.metadata?.name ?? node.name ?? '', zone } };
}

function answer(input: CategorizeInput): unknown {
  try {
    const { kubernetesVersion: _v, ...r } = plain(categorizeEndpoints(input)) as { kubernetesVersion?: string };
    return r;
  } catch (e) {
    return { threw: (e as Error).message };
  }
}

describe('every release agrees on inputs that avoid the features that changed', () => {
  it('covers every modelled release, 1.27 through 1.37 and master', () => {
    expect(KUBERNETES_VERSIONS).toEqual(['1.27', '1.28', '1.29', '1.30', '1.31', '1.32', '1.33', '1.34', '1.35', '1.36', '1.37', 'master']);
  });

  it('kube-proxy', () => {
    fc.assert(
      fc.property(inputArb(), fc.constantFrom(...ZONES), (raw, zone) => {
        const input = neutral(raw, zone);
        const newest = answer(input);
        for (const v of KUBERNETES_VERSIONS) expect(answer({ ...input, kubernetesVersion: v }), v).toEqual(newest);
        // AllowServiceExternalIPs changes no list in the releases that have it (proxy-semantics 2.4).
        for (const v of ['1.36', '1.37', 'master'] as const) {
          expect(answer({ ...input, kubernetesVersion: v, gates: { AllowServiceExternalIPs: false } }), `${v}, AllowServiceExternalIPs off`).toEqual(newest);
        }
      }),
      RUNS,
    );
  });

  it('kube-proxy: 1.36, 1.37 and master agree on every input, duplicates and gates included (no rule changed between them)', () => {
    fc.assert(
      fc.property(inputArb(), (input) => {
        const newest = answer(input);
        for (const v of ['1.36', '1.37'] as const) expect(answer({ ...input, kubernetesVersion: v }), v).toEqual(newest);
      }),
      RUNS,
    );
  });

  it('EndpointSlice controller: 1.35, 1.36, 1.37 and master agree on every trafficDistribution and annotation without removed-gate overrides', () => {
    const arb = fc.record({
      annotations: fc.constantFrom<Record<string, string> | undefined>(AUTO, undefined, { 'service.kubernetes.io/topology-aware-hints': 'auto' }),
      trafficDistribution: fc.constantFrom<string | undefined>(undefined, 'PreferClose', 'PreferSameZone', 'PreferSameNode', 'Bogus'),
      preferSame: fc.constantFrom<boolean | undefined>(undefined, false),
      eps: fc.array(fc.record({ ready: fc.boolean(), zone: fc.constantFrom('zone-a', 'zone-b', '') }), { maxLength: 10 }),
    });
    fc.assert(
      fc.property(arb, ({ annotations, trafficDistribution, preferSame, eps }) => {
        const input: ComputeHintsInput = {
          service: service({ ...(trafficDistribution !== undefined && { trafficDistribution }), ...(annotations !== undefined && { annotations }) }),
          endpointSlices: [slice('s0', eps.map((e, i) => ({ addresses: [`10.0.0.${i}`], nodeName: `n${i % 3}`, conditions: { ready: e.ready }, zone: e.zone })))],
          nodes: [node('n0', 'zone-a', '2'), node('n1', 'zone-b', '2'), node('n2', 'zone-b', '1')],
          ...(preferSame === undefined ? {} : { gates: { PreferSameTrafficDistribution: preferSame } }),
        };
        const strip = (v: (typeof KUBERNETES_VERSIONS)[number]) => {
          const r = plain(computeHints({ ...input, kubernetesVersion: v }));
          return { slices: r.endpointSlices, outcome: { ...r.outcome, kubernetesVersion: null } };
        };
        const newest = strip('master');
        for (const v of ['1.35', '1.36', '1.37'] as const) expect(strip(v), v).toEqual(newest);
      }),
      RUNS,
    );
  });

  it('EndpointSlice controller: annotations and no trafficDistribution', () => {
    const ep = fc.record({ ready: fc.boolean(), zone: fc.option(fc.constantFrom('zone-a', 'zone-b', 'zone-c'), { nil: undefined }) });
    const arb = fc.record({
      annotations: fc.constantFrom<Record<string, string> | undefined>(AUTO, undefined, { 'service.kubernetes.io/topology-mode': 'disabled' }, { 'service.kubernetes.io/topology-aware-hints': 'auto' }),
      slices: fc.array(fc.array(ep, { maxLength: 8 }), { maxLength: 3 }),
      nodes: fc.array(fc.record({ zone: fc.constantFrom('zone-a', 'zone-b', 'zone-c'), cpu: fc.constantFrom('1', '2', '500m') }), { minLength: 1, maxLength: 6 }),
    });
    fc.assert(
      fc.property(arb, ({ annotations, slices, nodes }) => {
        const input: ComputeHintsInput = {
          service: service(annotations === undefined ? {} : { annotations }),
          endpointSlices: slices.map((eps, s) =>
            slice(`s${s}`, eps.map((e, i) => ({ addresses: [`10.0.${s}.${i}`], conditions: { ready: e.ready }, ...(e.zone === undefined ? {} : { zone: e.zone }) }))),
          ),
          nodes: nodes.map((n, i) => node(`n${i}`, n.zone, n.cpu)),
        };
        const strip = (v: (typeof KUBERNETES_VERSIONS)[number] | undefined) => {
          const r = plain(computeHints(v === undefined ? input : { ...input, kubernetesVersion: v }));
          return { slices: r.endpointSlices, outcome: { ...r.outcome, kubernetesVersion: null } };
        };
        const newest = strip(undefined);
        for (const v of KUBERNETES_VERSIONS) expect(strip(v), v).toEqual(newest);
      }),
      RUNS,
    );
  });

  it('EndpointSlice controller: PreferClose with zoned endpoints agrees from 1.31 on', () => {
    const arb = fc.array(fc.record({ ready: fc.boolean(), zone: fc.constantFrom('zone-a', 'zone-b', '') }), { maxLength: 10 });
    fc.assert(
      fc.property(arb, (eps) => {
        const input: ComputeHintsInput = {
          service: service({ trafficDistribution: 'PreferClose' }),
          endpointSlices: [slice('s0', eps.map((e, i) => ({ addresses: [`10.0.0.${i}`], conditions: { ready: e.ready }, zone: e.zone })))],
        };
        const hints = (v: (typeof KUBERNETES_VERSIONS)[number]) => plain(computeHints({ ...input, kubernetesVersion: v }).endpointSlices);
        for (const v of KUBERNETES_VERSIONS.slice(4)) expect(hints(v), v).toEqual(hints('master'));
      }),
      RUNS,
    );
  });
});
