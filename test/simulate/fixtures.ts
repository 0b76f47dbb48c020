/**
 * Small clusters for simulator tests, shaped like `kubectl get -o json` output.
 */
import type { EndpointInput, EndpointSliceInput, ServiceInput } from '../../src/index.js';
import type { SimulationNodeInput } from '../../src/index.js';

export const ZONE = 'topology.kubernetes.io/zone';

/** A Node in `zone` (no zone label when `zone` is null). */
export function node(name: string, zone: string | null, opts: { unschedulable?: boolean } = {}): SimulationNodeInput {
  return {
    kind: 'Node',
    metadata: { name, labels: zone === null ? {} : { [ZONE]: zone } },
    ...(opts.unschedulable === undefined ? {} : { spec: { unschedulable: opts.unschedulable } }),
    status: { allocatable: { cpu: '4' }, conditions: [{ type: 'Ready', status: 'True' }] },
  };
}

/** The ClusterIP Service `web` in `shop`, port `http`, selecting `app: web` (so the controller manages it). */
export function service(spec: { trafficDistribution?: string; internalTrafficPolicy?: string; annotations?: Record<string, string> } = {}): ServiceInput {
  return {
    kind: 'Service',
    metadata: { name: 'web', namespace: 'shop', ...(spec.annotations ? { annotations: spec.annotations } : {}) },
    spec: {
      clusterIP: '10.96.0.10',
      selector: { app: 'web' },
      ports: [{ name: 'http', port: 80 }],
      ...(spec.trafficDistribution ? { trafficDistribution: spec.trafficDistribution } : {}),
      ...(spec.internalTrafficPolicy ? { internalTrafficPolicy: spec.internalTrafficPolicy } : {}),
    },
  };
}

/** A ready endpoint on `nodeName` in `zone`, optionally hinted for `hintZone`. */
export function ep(ip: string, nodeName: string, zone: string, opts: { hint?: string; ready?: boolean; terminating?: boolean } = {}): EndpointInput {
  const conditions =
    opts.terminating === true ? { ready: false, serving: true, terminating: true } : { ready: opts.ready ?? true };
  return {
    addresses: [ip],
    conditions,
    nodeName,
    zone,
    ...(opts.hint === undefined ? {} : { hints: { forZones: [{ name: opts.hint }] } }),
  };
}

/** One controller-managed slice of the Service holding `endpoints` on port 8080. */
export function slice(name: string, endpoints: EndpointInput[]): EndpointSliceInput {
  return {
    kind: 'EndpointSlice',
    metadata: { name, namespace: 'shop', labels: { 'kubernetes.io/service-name': 'web', 'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io' } },
    addressType: 'IPv4',
    ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
    endpoints,
  };
}

/** `web` as a LoadBalancer with externalTrafficPolicy: Local (health check on 32000). */
export function lbService(opts: { etp?: 'Local' | 'Cluster'; ports?: { name: string; port: number; nodePort: number }[] } = {}): ServiceInput {
  return {
    kind: 'Service',
    metadata: { name: 'web', namespace: 'shop' },
    spec: {
      type: 'LoadBalancer',
      clusterIP: '10.96.0.10',
      ports: opts.ports ?? [{ name: 'http', port: 80, nodePort: 30080 }],
      externalTrafficPolicy: opts.etp ?? 'Local',
      healthCheckNodePort: 32000,
    },
    status: { loadBalancer: { ingress: [{ ip: '203.0.113.10' }] } },
  } as ServiceInput;
}
