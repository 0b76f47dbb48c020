/**
 * Runtime counterpart of input-shapes.test-d.ts: objects built with @kubernetes/client-node's
 * model classes (as a client's list calls return them) run through the library unchanged.
 */
// The package's barrel (dist/index.js) loads undici 8, which needs Node >= 22.19 (it calls
// zlib.createZstdDecompress at load time); the repo supports Node 20, so the model classes are
// imported from their own modules, which have no dependencies. Same classes, same shapes.
import { DiscoveryV1EndpointPort } from '@kubernetes/client-node/dist/gen/models/DiscoveryV1EndpointPort.js';
import { V1Endpoint } from '@kubernetes/client-node/dist/gen/models/V1Endpoint.js';
import { V1EndpointConditions } from '@kubernetes/client-node/dist/gen/models/V1EndpointConditions.js';
import { V1EndpointHints } from '@kubernetes/client-node/dist/gen/models/V1EndpointHints.js';
import { V1EndpointSlice } from '@kubernetes/client-node/dist/gen/models/V1EndpointSlice.js';
import { V1EndpointSliceList } from '@kubernetes/client-node/dist/gen/models/V1EndpointSliceList.js';
import { V1ForZone } from '@kubernetes/client-node/dist/gen/models/V1ForZone.js';
import { V1LoadBalancerIngress } from '@kubernetes/client-node/dist/gen/models/V1LoadBalancerIngress.js';
import { V1LoadBalancerStatus } from '@kubernetes/client-node/dist/gen/models/V1LoadBalancerStatus.js';
import { V1Node } from '@kubernetes/client-node/dist/gen/models/V1Node.js';
import { V1ObjectMeta } from '@kubernetes/client-node/dist/gen/models/V1ObjectMeta.js';
import { V1Service } from '@kubernetes/client-node/dist/gen/models/V1Service.js';
import { V1ServicePort } from '@kubernetes/client-node/dist/gen/models/V1ServicePort.js';
import { V1ServiceSpec } from '@kubernetes/client-node/dist/gen/models/V1ServiceSpec.js';
import { V1ServiceStatus } from '@kubernetes/client-node/dist/gen/models/V1ServiceStatus.js';
import { describe, expect, it } from 'vitest';
import { categorizeEndpoints, isLocal, prepareService, selectEndpoints } from '../../src/index.js';

function meta(name: string, namespace: string, labels?: Record<string, string>): V1ObjectMeta {
  const m = new V1ObjectMeta();
  m.name = name;
  m.namespace = namespace;
  if (labels) m.labels = labels;
  m.creationTimestamp = new Date('2025-01-01T00:00:00Z');
  return m;
}

function endpoint(ip: string, node: string, zone: string, ready: boolean, terminating = false): V1Endpoint {
  const e = new V1Endpoint();
  e.addresses = [ip];
  e.nodeName = node;
  e.zone = zone;
  const c = new V1EndpointConditions();
  c.ready = ready;
  c.serving = ready || terminating;
  c.terminating = terminating;
  e.conditions = c;
  const h = new V1EndpointHints();
  const fz = new V1ForZone();
  fz.name = zone;
  h.forZones = [fz];
  e.hints = h;
  return e;
}

function service(): V1Service {
  const svc = new V1Service();
  svc.apiVersion = 'v1';
  svc.kind = 'Service';
  svc.metadata = meta('web', 'shop');
  const spec = new V1ServiceSpec();
  spec.type = 'LoadBalancer';
  spec.clusterIP = '10.96.0.10';
  spec.clusterIPs = ['10.96.0.10'];
  spec.ipFamilies = ['IPv4'];
  spec.externalTrafficPolicy = 'Local';
  const port = new V1ServicePort();
  port.name = 'http';
  port.port = 80;
  port.protocol = 'TCP';
  port.targetPort = 8080;
  port.nodePort = 30080;
  spec.ports = [port];
  svc.spec = spec;
  const status = new V1ServiceStatus();
  const lb = new V1LoadBalancerStatus();
  const ingress = new V1LoadBalancerIngress();
  ingress.ip = '203.0.113.7';
  ingress.ipMode = 'VIP';
  lb.ingress = [ingress];
  status.loadBalancer = lb;
  svc.status = status;
  return svc;
}

function slices(): V1EndpointSliceList {
  const slice = new V1EndpointSlice();
  slice.apiVersion = 'discovery.k8s.io/v1';
  slice.kind = 'EndpointSlice';
  slice.metadata = meta('web-abc', 'shop', { 'kubernetes.io/service-name': 'web' });
  slice.addressType = 'IPv4';
  const port = new DiscoveryV1EndpointPort();
  port.name = 'http';
  port.port = 8080;
  port.protocol = 'TCP';
  slice.ports = [port];
  slice.endpoints = [
    endpoint('10.1.0.1', 'node-a', 'zone-a', true),
    endpoint('10.1.0.2', 'node-b', 'zone-b', true),
    endpoint('10.1.0.3', 'node-a', 'zone-a', false, true),
    endpoint('010.001.000.004', 'node-c', 'zone-a', true),
  ];
  const list = new V1EndpointSliceList();
  list.apiVersion = 'discovery.k8s.io/v1';
  list.kind = 'EndpointSliceList';
  list.items = [slice];
  return list;
}

function node(name: string, zone: string): V1Node {
  const n = new V1Node();
  n.apiVersion = 'v1';
  n.kind = 'Node';
  n.metadata = meta(name, '', { 'topology.kubernetes.io/zone': zone });
  return n;
}

const keys = (list: readonly { key: string }[] | null | undefined) => (list == null ? list : list.map((e) => e.key));

describe('@kubernetes/client-node model objects', () => {
  it('categorizes a LoadBalancer Service with eTP Local from class instances', () => {
    const r = categorizeEndpoints({ service: service(), endpointSlices: slices(), node: node('node-a', 'zone-a'), port: 'http' });
    expect(r.kind).toBe('proxied');
    if (r.kind !== 'proxied') return;
    expect(r.policy.usesCluster && r.policy.usesLocal).toBe(true);
    // Zone hints: every ready endpoint is hinted, zone-a has two; the non-canonical address is canonicalised.
    expect(keys(r.clusterEndpoints)).toEqual(['10.1.0.1:8080', '10.1.0.4:8080']);
    expect(keys(r.localEndpoints)).toEqual(['10.1.0.1:8080']);
    expect(isLocal(r, r.localEndpoints![0]!)).toBe(true);
    expect(keys(r.allReachableEndpoints)).toEqual(['10.1.0.1:8080', '10.1.0.4:8080']);
    expect(r.hasAnyEndpoints).toBe(true);
  });

  it('accepts an array of slices and a node from another zone', () => {
    const list = slices();
    const r = categorizeEndpoints({ service: service(), endpointSlices: list.items, node: node('node-b', 'zone-b'), port: 80 });
    if (r.kind !== 'proxied') throw new Error(r.kind);
    expect(keys(r.clusterEndpoints)).toEqual(['10.1.0.2:8080']);
    expect(keys(r.localEndpoints)).toEqual(['10.1.0.2:8080']);
  });

  it('drops external traffic on a node with no local endpoint, and short-circuits its own traffic', () => {
    const input = { service: service(), endpointSlices: slices(), node: node('node-z', 'zone-b'), port: 'http' } as const;
    const outside = selectEndpoints({ ...input, via: 'loadBalancer', from: 'outside' });
    const fromNode = selectEndpoints({ ...input, via: 'nodePort', from: 'node' });
    if (outside.kind !== 'proxied' || fromNode.kind !== 'proxied') throw new Error('not proxied');
    expect([outside.action, outside.policy]).toEqual(['drop', 'Local']);
    expect([fromNode.action, fromNode.decidedBy, keys(fromNode.endpoints)]).toEqual(['forward', 'short-circuit', ['10.1.0.2:8080']]);
  });

  it('prepareService takes the same objects', () => {
    const prepared = prepareService(service(), slices(), { port: 'http' });
    expect(prepared.endpoints.map((e) => e.key)).toEqual(['10.1.0.1:8080', '10.1.0.2:8080', '10.1.0.3:8080', '10.1.0.4:8080']);
    const r = prepared.categorize(node('node-c', 'zone-a'));
    if (r.kind !== 'proxied') throw new Error(r.kind);
    expect(keys(r.localEndpoints)).toEqual(['10.1.0.4:8080']);
  });
});
