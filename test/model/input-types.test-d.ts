/**
 * Type-level proof for `kubernetes-models` objects (whose quantities may be numbers) and for
 * `computeHints` keeping the caller's slice type: client-node, kubernetes-types and
 * kubernetes-models slices in give the same type out, without a cast.
 */
import type { V1EndpointSlice, V1EndpointSliceList, V1Node, V1Service } from '@kubernetes/client-node';
import type { EndpointSlice as KtEndpointSlice } from 'kubernetes-types/discovery/v1';
import type { Node as KtNode, Service as KtService } from 'kubernetes-types/core/v1';
import type { Node as KmNode, NodeList as KmNodeList, Service as KmService } from 'kubernetes-models/v1';
import type { EndpointSlice as KmEndpointSlice, EndpointSliceList as KmEndpointSliceList } from 'kubernetes-models/discovery.k8s.io/v1';
import { assertType, describe, expectTypeOf, test } from 'vitest';
import {
  type ClientNode,
  type Collection,
  type ComputeHintsInput,
  type EndpointSliceInput,
  type NodeInput,
  type ServiceInput,
  categorizeEndpoints,
  computeHints,
  simulateTraffic,
} from '../../src/index.js';

describe('kubernetes-models objects', () => {
  test('single objects and Lists fit the input types (allocatable quantities may be numbers)', () => {
    expectTypeOf<KmService>().toExtend<ServiceInput>();
    expectTypeOf<KmEndpointSlice>().toExtend<EndpointSliceInput>();
    expectTypeOf<KmNode>().toExtend<NodeInput>();
    expectTypeOf<KmNode>().toExtend<ClientNode>();
    expectTypeOf<KmEndpointSliceList>().toExtend<Collection<EndpointSliceInput>>();
    expectTypeOf<KmNodeList>().toExtend<Collection<NodeInput>>();
    assertType<NodeInput>({ status: { allocatable: { cpu: 4 } } });
  });

  test('every entry point takes them', () => {
    const call = (service: KmService, slices: KmEndpointSlice[], nodes: KmNodeList, node: KmNode) => {
      categorizeEndpoints({ service, endpointSlices: slices, node, port: 'http' });
      computeHints({ service, endpointSlices: slices, nodes });
      simulateTraffic({ service, endpointSlices: slices, nodes });
    };
    assertType<(s: KmService, e: KmEndpointSlice[], n: KmNodeList, c: KmNode) => void>(call);
  });
});

describe('computeHints keeps the caller slice type', () => {
  test('@kubernetes/client-node V1EndpointSlice[] in, V1EndpointSlice[] out', () => {
    const f = (service: V1Service, endpointSlices: V1EndpointSlice[], nodes: V1Node[]) => computeHints({ service, endpointSlices, nodes }).endpointSlices;
    expectTypeOf(f).returns.toExtend<readonly V1EndpointSlice[]>();
    const g = (service: V1Service, endpointSlices: V1EndpointSliceList) => computeHints({ service, endpointSlices }).endpointSlices;
    expectTypeOf(g).returns.toExtend<readonly V1EndpointSlice[]>();
    // Assignable to the caller's own array type without a cast.
    const apply = (service: V1Service, slices: V1EndpointSlice[]): readonly V1EndpointSlice[] => computeHints({ service, endpointSlices: slices }).endpointSlices;
    assertType<(s: V1Service, e: V1EndpointSlice[]) => readonly V1EndpointSlice[]>(apply);
  });

  test('kubernetes-types and kubernetes-models slices', () => {
    const kt = (service: KtService, endpointSlices: readonly KtEndpointSlice[], nodes: KtNode[]) => computeHints({ service, endpointSlices, nodes }).endpointSlices;
    expectTypeOf(kt).returns.toExtend<readonly KtEndpointSlice[]>();
    const km = (service: KmService, endpointSlices: KmEndpointSlice[]) => computeHints({ service, endpointSlices }).endpointSlices;
    expectTypeOf(km).returns.toExtend<readonly KmEndpointSlice[]>();
  });

  test('plain input still gives EndpointSliceInput, whose hints can be read', () => {
    const input: ComputeHintsInput = { service: {}, endpointSlices: [] };
    const out = computeHints(input).endpointSlices;
    expectTypeOf(out).toExtend<readonly EndpointSliceInput[]>();
    const literal = computeHints({ service: {}, endpointSlices: [{ endpoints: [{ addresses: ['10.0.0.1'] }] }] }).endpointSlices;
    // The hints the controller writes are readable on the result even though the literal had none.
    assertType<{ readonly forZones?: unknown } | null | undefined>(literal[0]?.endpoints?.[0]?.hints);
  });
});
