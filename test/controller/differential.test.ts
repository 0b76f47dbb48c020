/**
 * Speed never buys a wrong answer: computeHints (reading without copies, shared hint objects,
 * edit lists, path-free readers) against the plain statement of the rules in plain-rules.ts, on
 * every conformance vector of ../shared/conformance/hints/ and on random inputs. Results must be
 * identical: the slices (key order included, unchanged ones the caller's own objects) and every
 * address type's outcome. Explanations must tell the same story. The fast readers must accept
 * exactly what the checked readers accept.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeHints } from '../../src/index.js';
import { checkEndpoint, endpointFits, fastNode, metadataFits, readNode } from '../../src/controller/read-input.js';
import type { AddressTypeOutcome } from '../../src/controller/types.js';
import { Reader } from '../../src/model/read.js';
import { loadVectorFiles } from '../conformance/vectors.js';
import { deepFreeze } from './helpers.js';
import { plainComputeHints, type PlainOutcome } from './plain-rules.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** The fields of an outcome the plain statement computes. */
function comparable(o: AddressTypeOutcome | PlainOutcome): Json {
  const auto = o.path === 'topology-auto' ? (o as Json) : undefined;
  return {
    addressType: o.addressType,
    path: o.path,
    cause: o.cause,
    reason: o.reason,
    event: o.event,
    hintsPresent: o.hintsPresent,
    rewrittenSlices: o.rewrittenSlices,
    ...(auto && { readyEndpoints: auto['readyEndpoints'], zones: auto['zones'], allocations: auto['allocations'], keptSlices: auto['keptSlices'], moves: auto['moves'] }),
  };
}

/** Runs both and requires the same answer, with and without an explanation. */
function agree(input: Json): void {
  const frozen = deepFreeze(structuredClone(input));
  const fast = computeHints(frozen as Parameters<typeof computeHints>[0]);
  const plain = plainComputeHints(structuredClone(input));
  // JSON text compares key order too; identity is checked for the slices the plain path left alone.
  expect(JSON.stringify(fast.endpointSlices)).toBe(JSON.stringify(plain.endpointSlices));
  const inputSlices = Array.isArray(frozen['endpointSlices']) ? frozen['endpointSlices'] : ((frozen['endpointSlices'] as Json | null)?.['items'] ?? []);
  plain.endpointSlices.forEach((_, i) => {
    const unchanged = !plain.byAddressType.some((o) => o.rewrittenSlices.includes(i));
    if (unchanged) expect(fast.endpointSlices[i], `slice ${i} is the caller's own`).toBe(inputSlices[i]);
  });
  expect(fast.outcome.byAddressType.map(comparable)).toEqual(plain.byAddressType.map(comparable));

  // explain: true changes nothing but adds the explanation, which names every kept slice and move.
  const explained = computeHints({ ...(frozen as Parameters<typeof computeHints>[0]), explain: true });
  expect(JSON.stringify(explained.endpointSlices)).toBe(JSON.stringify(fast.endpointSlices));
  expect(explained.outcome).toEqual(fast.outcome);
  const steps = explained.explanation!;
  const count = (code: string): number => steps.filter((s) => s.code === code).length;
  const autos = plain.byAddressType.filter((o) => o.path === 'topology-auto');
  expect(count('hints-endpoint-moved')).toBe(autos.reduce((n, o) => n + o.moves!.length, 0));
  expect(count('hints-slice-kept')).toBe(autos.reduce((n, o) => n + o.keptSlices!.length, 0));
}

interface Vector {
  readonly name: string;
  readonly gates?: Record<string, boolean>;
  readonly kubernetesVersion?: string;
  readonly input: Json;
}

describe('computeHints equals the plain statement of the rules', () => {
  for (const { file, vectors } of loadVectorFiles<Vector>('hints')) {
    it(`on every vector of hints/${file}`, () => {
      expect(vectors.length).toBeGreaterThan(0);
      for (const v of vectors) {
        const input = { ...v.input, gates: v.gates, ...(v.kubernetesVersion !== undefined && { kubernetesVersion: v.kubernetesVersion }) };
        try {
          agree(input);
        } catch (e) {
          throw new Error(`vector "${v.name}": ${(e as Error).message}`);
        }
      }
    });
  }

  const ZONES = ['zone-a', 'zone-b', 'zone-c'];
  const zone = fc.constantFrom<string | null | undefined>('zone-a', 'zone-a', 'zone-b', 'zone-c', '', null, undefined);
  const names = (from: readonly string[]) =>
    fc.array(fc.oneof(fc.constantFrom(...from).map((name) => ({ name })), fc.constant({}), fc.constant({ name: null })), { maxLength: 2 });
  const hints = fc.oneof(
    { weight: 3, arbitrary: fc.constant(undefined) },
    { weight: 1, arbitrary: fc.constant(null) },
    { weight: 4, arbitrary: fc.record({ forZones: fc.option(names([...ZONES, 'zone-x']), { nil: undefined }), forNodes: fc.option(names(['n0', 'n1']), { nil: undefined }) }, { requiredKeys: [] }) },
  );
  const endpoint = fc
    .record({
      ready: fc.constantFrom<boolean | null | undefined>(true, true, true, false, null, undefined),
      zone,
      nodeName: fc.constantFrom<string | null | undefined>('n0', 'n1', 'n2', null, undefined),
      hints,
      extra: fc.boolean(),
      hintsFirst: fc.boolean(),
    })
    .map(({ ready, zone, nodeName, hints, extra, hintsFirst }) => ({
      ...(hintsFirst && hints !== undefined ? { hints } : {}),
      conditions: ready === undefined ? {} : { ready, serving: true },
      ...(extra ? { hostname: 'h', targetRef: { kind: 'Pod', name: 'p' } } : {}),
      ...(nodeName === undefined ? {} : { nodeName }),
      ...(zone === undefined ? {} : { zone }),
      ...(!hintsFirst && hints !== undefined ? { hints } : {}),
    }));
  const labels = fc.constantFrom(
    { 'kubernetes.io/service-name': 'svc', 'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io' },
    { 'kubernetes.io/service-name': 'svc', 'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io' },
    { 'kubernetes.io/service-name': 'svc', 'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io' },
    { 'kubernetes.io/service-name': 'svc', 'endpointslice.kubernetes.io/managed-by': 'someone-else' },
    { 'kubernetes.io/service-name': 'other' },
  );
  const slices = fc
    .array(
      fc.record({
        labels,
        addressType: fc.constantFrom('IPv4', 'IPv4', 'IPv6', 'FQDN'),
        deleting: fc.constantFrom(false, false, false, false, false, false, false, false, true),
        endpoints: fc.array(endpoint, { maxLength: 10 }),
      }),
      { maxLength: 5 },
    )
    .map((list) =>
      list.map((s, i) => ({
        apiVersion: 'discovery.k8s.io/v1',
        kind: 'EndpointSlice',
        metadata: { name: `s${i}`, namespace: 'ns', labels: s.labels, ...(s.deleting ? { deletionTimestamp: '2026-01-01T00:00:00Z' } : {}) },
        addressType: s.addressType,
        endpoints: s.endpoints.map((e, j) => ({ addresses: [`10.${i}.0.${j}`], ...e })),
      })),
    );
  const nodes = fc.array(
    fc.record({
      zone: fc.constantFrom<string | undefined>('zone-a', 'zone-b', 'zone-c', 'zone-b', undefined, ''),
      cpu: fc.constantFrom<string | number | undefined>('1', '2', '500m', '1500m', '4', '0.25', '3920000000n', '1Ki', '0', 4, undefined, '0.0000000001'),
      ready: fc.constantFrom('True', 'True', 'True', 'False'),
      controlPlane: fc.constantFrom(false, false, false, false, false, false, true),
    }),
    { maxLength: 7 },
  );
  const serviceArb = fc.record({
    annotations: fc.constantFrom<Record<string, string> | undefined>(
      undefined,
      { 'service.kubernetes.io/topology-mode': 'Auto' },
      { 'service.kubernetes.io/topology-mode': 'Auto' },
      { 'service.kubernetes.io/topology-aware-hints': 'auto' },
      { 'service.kubernetes.io/topology-mode': 'Disabled' },
    ),
    trafficDistribution: fc.constantFrom<string | undefined>(undefined, 'PreferClose', 'PreferClose', 'PreferSameZone', 'PreferSameNode', 'Junk'),
    ipFamilies: fc.constantFrom<string[] | undefined>(undefined, ['IPv4'], ['IPv6'], ['IPv4', 'IPv6'], ['IPv6', 'IPv4']),
    type: fc.constantFrom<string | undefined>(undefined, 'ClusterIP', 'ClusterIP', 'ClusterIP', 'ExternalName'),
    selector: fc.constantFrom<Record<string, string> | null | undefined>({ app: 'svc' }, { app: 'svc' }, { app: 'svc' }, {}, null, undefined),
  });
  const inputArb = fc.record({
    service: serviceArb,
    slices,
    nodes,
    kubernetesVersion: fc.constantFrom<string | undefined>(undefined, '1.27', '1.30', '1.31', '1.33', '1.35'),
    asList: fc.boolean(),
  });

  it('on random inputs', () => {
    fc.assert(
      fc.property(inputArb, ({ service, slices, nodes, kubernetesVersion, asList }) => {
        agree({
          service: {
            apiVersion: 'v1',
            kind: 'Service',
            metadata: { name: 'svc', namespace: 'ns', ...(service.annotations && { annotations: service.annotations }) },
            spec: {
              ...(service.type !== undefined && { type: service.type }),
              ...(service.selector !== undefined && { selector: service.selector }),
              ...(service.ipFamilies !== undefined && { ipFamilies: service.ipFamilies }),
              ...(service.trafficDistribution !== undefined && { trafficDistribution: service.trafficDistribution }),
            },
          },
          endpointSlices: asList ? { kind: 'EndpointSliceList', items: slices } : slices,
          nodes: nodes.map((n, i) => ({
            metadata: {
              name: `node-${i}`,
              labels: { ...(n.zone !== undefined && { 'topology.kubernetes.io/zone': n.zone }), ...(n.controlPlane && { 'node-role.kubernetes.io/control-plane': '' }) },
            },
            status: { ...(n.cpu !== undefined && { allocatable: { cpu: n.cpu } }), conditions: [{ type: 'Ready', status: n.ready }] },
          })),
          ...(kubernetesVersion !== undefined && { kubernetesVersion }),
        });
      }),
      { numRuns: 250 },
    );
  });
});

describe('the path-free readers accept exactly what the checked readers accept', () => {
  const anything = fc.oneof(fc.constant(undefined), fc.constant(null), fc.string({ maxLength: 3 }), fc.integer(), fc.boolean(), fc.constant({}), fc.constant([]), fc.constant(['x']), fc.constant([1]));
  const endpointArb = fc.record(
    {
      addresses: fc.oneof(anything, fc.constant(['10.0.0.1'])),
      conditions: fc.oneof(anything, fc.record({ ready: anything }, { requiredKeys: [] })),
      zone: anything,
      nodeName: anything,
      hints: fc.oneof(anything, fc.record({ forZones: fc.oneof(anything, fc.array(fc.oneof(anything, fc.record({ name: anything }, { requiredKeys: [] })), { maxLength: 2 })), forNodes: anything }, { requiredKeys: [] })),
    },
    { requiredKeys: [] },
  );
  it('endpoints', () => {
    fc.assert(
      fc.property(fc.oneof(anything, endpointArb), (e) => {
        const r = new Reader();
        checkEndpoint(r, e, '$.e');
        expect(endpointFits(e)).toBe(r.problems.length === 0);
      }),
      { numRuns: 1500 },
    );
  });

  it('slice metadata (labels and namespace)', () => {
    const metaArb = fc.record(
      {
        labels: fc.oneof(anything, fc.dictionary(fc.constantFrom('kubernetes.io/service-name', 'x', '__proto__'), anything)),
        namespace: anything,
        name: anything,
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(metaArb, (meta) => {
        const r = new Reader();
        r.stringMap(meta, 'labels', '$.m');
        r.string(meta, 'namespace', '$.m');
        expect(metadataFits(meta)).toBe(r.problems.length === 0);
      }),
      { numRuns: 1500 },
    );
  });

  const nodeArb = fc.record(
    {
      kind: fc.constantFrom(undefined, 'Node', 'Pod'),
      metadata: fc.oneof(anything, fc.record({ labels: fc.oneof(anything, fc.dictionary(fc.constantFrom('topology.kubernetes.io/zone', 'node-role.kubernetes.io/master', 'x'), anything)) }, { requiredKeys: [] })),
      status: fc.oneof(
        anything,
        fc.record(
          {
            conditions: fc.oneof(anything, fc.array(fc.oneof(anything, fc.record({ type: fc.oneof(anything, fc.constant('Ready')), status: fc.oneof(anything, fc.constantFrom('True', 'False')) }, { requiredKeys: [] })), { maxLength: 3 })),
            allocatable: fc.oneof(anything, fc.record({ cpu: fc.oneof(anything, fc.constantFrom('4', '100m', '1Ki', 'two', '', '3920000000n', 4.5, Number.NaN)) }, { requiredKeys: [] })),
          },
          { requiredKeys: [] },
        ),
      ),
    },
    { requiredKeys: [] },
  );
  it('nodes, with the same reading', () => {
    fc.assert(
      fc.property(fc.oneof(anything, nodeArb), (n) => {
        const r = new Reader();
        const checked = readNode(r, n, '$.n');
        const fast = fastNode(n, new Map());
        if (r.problems.length === 0) expect(fast).toEqual(checked);
        else expect(fast).toBeUndefined();
      }),
      { numRuns: 1500 },
    );
  });
});
