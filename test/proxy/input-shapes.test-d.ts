/**
 * Type-level proof that the object shapes users already hold fit the library's input types
 * without conversion: `@kubernetes/client-node` classes, `kubernetes-types` interfaces, and plain
 * JSON written as literals.
 */
import type {
  V1EndpointSlice,
  V1EndpointSliceList,
  V1Node,
  V1NodeList,
  V1Service,
  V1ServiceList,
} from '@kubernetes/client-node';
import type { Node, NodeList, Service, ServiceList } from 'kubernetes-types/core/v1';
import type { EndpointSlice, EndpointSliceList } from 'kubernetes-types/discovery/v1';
import { assertType, describe, expectTypeOf, test } from 'vitest';
import {
  type CategorizeInput,
  type ClientNode,
  type Collection,
  type EndpointSliceInput,
  type NodeInput,
  type PrepareOptions,
  type SelectInput,
  type ServiceInput,
  categorizeEndpoints,
  prepareService,
  selectEndpoints,
} from '../../src/index.js';

describe('@kubernetes/client-node objects', () => {
  test('single objects fit the input types', () => {
    expectTypeOf<V1Service>().toExtend<ServiceInput>();
    expectTypeOf<V1EndpointSlice>().toExtend<EndpointSliceInput>();
    expectTypeOf<V1Node>().toExtend<NodeInput>();
    expectTypeOf<V1Node>().toExtend<ClientNode>();
  });

  test('arrays and List objects fit Collection', () => {
    expectTypeOf<V1EndpointSlice[]>().toExtend<Collection<EndpointSliceInput>>();
    expectTypeOf<V1EndpointSliceList>().toExtend<Collection<EndpointSliceInput>>();
    expectTypeOf<V1ServiceList>().toExtend<Collection<ServiceInput>>();
    expectTypeOf<V1NodeList>().toExtend<Collection<NodeInput>>();
  });

  test('a whole CategorizeInput / SelectInput can be made of them', () => {
    const build = (service: V1Service, slices: V1EndpointSliceList, node: V1Node): CategorizeInput => ({
      service,
      endpointSlices: slices,
      node,
      port: 'http',
    });
    expectTypeOf(build).returns.toEqualTypeOf<CategorizeInput>();
    const call = (service: V1Service, slices: V1EndpointSlice[], node: V1Node) => {
      categorizeEndpoints({ service, endpointSlices: slices, node });
      selectEndpoints({ service, endpointSlices: slices, node, via: 'nodePort', from: 'outside' });
      prepareService(service, slices, { port: 80 }).categorize(node);
    };
    assertType<(s: V1Service, e: V1EndpointSlice[], n: V1Node) => void>(call);
  });
});

describe('kubernetes-types objects', () => {
  test('single objects fit the input types', () => {
    expectTypeOf<Service>().toExtend<ServiceInput>();
    expectTypeOf<EndpointSlice>().toExtend<EndpointSliceInput>();
    expectTypeOf<Node>().toExtend<NodeInput>();
    expectTypeOf<Node>().toExtend<ClientNode>();
  });

  test('arrays and List objects fit Collection', () => {
    expectTypeOf<EndpointSlice[]>().toExtend<Collection<EndpointSliceInput>>();
    expectTypeOf<readonly EndpointSlice[]>().toExtend<Collection<EndpointSliceInput>>();
    expectTypeOf<EndpointSliceList>().toExtend<Collection<EndpointSliceInput>>();
    expectTypeOf<ServiceList>().toExtend<Collection<ServiceInput>>();
    expectTypeOf<NodeList>().toExtend<Collection<NodeInput>>();
  });

  test('a whole CategorizeInput can be made of them', () => {
    const call = (service: Service, slices: EndpointSliceList, node: Node) =>
      categorizeEndpoints({ service, endpointSlices: slices, node, port: 'http' });
    assertType<(s: Service, e: EndpointSliceList, n: Node) => unknown>(call);
  });
});

describe('plain JSON', () => {
  test('kubectl -o json output written as literals fits without annotations', () => {
    // Inferred (widened, mutable) literal types, as a JSON.parse result cast to a literal would be.
    const service = {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'web', namespace: 'shop', labels: { app: 'web' }, annotations: {} },
      spec: {
        type: 'LoadBalancer',
        clusterIP: '10.96.0.10',
        clusterIPs: ['10.96.0.10'],
        ipFamilies: ['IPv4'],
        ipFamilyPolicy: 'SingleStack',
        ports: [{ name: 'http', protocol: 'TCP', port: 80, targetPort: 8080, nodePort: 30080 }],
        externalTrafficPolicy: 'Local',
        internalTrafficPolicy: 'Cluster',
        selector: { app: 'web' },
      },
      status: { loadBalancer: { ingress: [{ ip: '203.0.113.7', ipMode: 'VIP' }, { hostname: 'lb.example' }] } },
    };
    const slice = {
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata: { name: 'web-abc', namespace: 'shop', labels: { 'kubernetes.io/service-name': 'web' } },
      addressType: 'IPv4',
      ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
      endpoints: [
        {
          addresses: ['10.1.2.3'],
          conditions: { ready: true, serving: true, terminating: false },
          nodeName: 'node-a',
          zone: 'zone-a',
          targetRef: { kind: 'Pod', name: 'web-1', namespace: 'shop' },
          hints: { forZones: [{ name: 'zone-a' }], forNodes: [{ name: 'node-a' }] },
        },
        { addresses: ['10.1.2.4'], conditions: { ready: null, serving: null, terminating: null }, nodeName: null },
      ],
    };
    const node = {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name: 'node-a', labels: { 'topology.kubernetes.io/zone': 'zone-a' } },
      status: { allocatable: { cpu: '4' }, conditions: [{ type: 'Ready', status: 'True' }] },
    };
    assertType<ServiceInput>(service);
    assertType<EndpointSliceInput>(slice);
    assertType<NodeInput>(node);
    assertType<ClientNode>(node);
    assertType<Collection<EndpointSliceInput>>([slice]);
    assertType<Collection<EndpointSliceInput>>({ kind: 'List', items: [slice] });
    assertType<Collection<EndpointSliceInput>>({ apiVersion: 'v1', kind: 'EndpointSliceList', metadata: {}, items: [slice] });
    assertType<CategorizeInput>({ service, endpointSlices: [slice], node, port: 'http' });
    assertType<SelectInput>({ service, endpointSlices: [slice], node, port: 'http', via: 'loadBalancer', from: 'outside' });
  });

  test('JSON.parse results typed via a literal type fit', () => {
    type SliceJSON = typeof sliceShape;
    const sliceShape = {
      metadata: { name: 'a', namespace: 'b', labels: { 'kubernetes.io/service-name': 'web' } as Record<string, string> },
      addressType: 'IPv6',
      ports: [{ name: '' as string | null, port: 80 as number | null }],
      endpoints: [{ addresses: ['fd00::1'], conditions: {}, hints: null }],
      unknownField: 1,
    };
    const parsed = JSON.parse('{}') as SliceJSON;
    assertType<EndpointSliceInput>(parsed);
    const list = JSON.parse('{}') as { kind: string; items: SliceJSON[] };
    assertType<Collection<EndpointSliceInput>>(list);
  });

  test('the three client-node shapes', () => {
    assertType<ClientNode>({ name: 'node-a' });
    assertType<ClientNode>({ name: 'node-a', zone: 'zone-a' });
    assertType<ClientNode>({ name: 'node-a', zone: null });
    assertType<ClientNode>({ name: 'node-a', labels: { 'topology.kubernetes.io/zone': 'zone-a' } });
    assertType<ClientNode>({ metadata: { name: 'node-a' } });
  });

  test('readonly (as const) inputs fit', () => {
    const slice = {
      metadata: { name: 'a', namespace: 'b', labels: { 'kubernetes.io/service-name': 'web' } },
      addressType: 'IPv4',
      ports: [{ name: 'http', port: 80 }],
      endpoints: [{ addresses: ['10.0.0.1'], conditions: { ready: true } }],
    } as const;
    assertType<EndpointSliceInput>(slice);
    assertType<Collection<EndpointSliceInput>>([slice] as const);
  });

  test('options', () => {
    assertType<PrepareOptions>({ port: 'http', ipFamily: 'IPv6', gates: { PreferSameTrafficDistribution: false } });
  });
});

describe('what must not type-check', () => {
  test('wrong field types are rejected', () => {
    // @ts-expect-error port must be a number
    assertType<ServiceInput>({ spec: { ports: [{ port: '80' }] } });
    // @ts-expect-error addresses is a list of strings
    assertType<EndpointSliceInput>({ endpoints: [{ addresses: '10.0.0.1' }] });
    // @ts-expect-error ready is a boolean
    assertType<EndpointSliceInput>({ endpoints: [{ addresses: [], conditions: { ready: 'true' } }] });
    // @ts-expect-error the client node needs a name or metadata shape, not a number
    assertType<ClientNode>(42);
  });
});
