/**
 * Shared test helpers for the controller half: fixtures built like `kubectl get -o json` output.
 */
import type { EndpointInput, EndpointSliceInput, NodeInput, ServiceInput } from '../../src/model/input.js';

/** Freezes an object graph so any mutation by the code under test throws. */
export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/** A Service named `svc` in `ns` with a selector (so the controller manages it), with the given annotations and trafficDistribution. */
export function service(opts: { annotations?: Record<string, string>; trafficDistribution?: string; ipFamilies?: string[] } = {}): ServiceInput {
  return {
    kind: 'Service',
    metadata: { name: 'svc', namespace: 'ns', ...(opts.annotations ? { annotations: opts.annotations } : {}) },
    spec: {
      clusterIP: '10.96.0.10',
      selector: { app: 'svc' },
      ...(opts.ipFamilies ? { ipFamilies: opts.ipFamilies } : {}),
      ...(opts.trafficDistribution ? { trafficDistribution: opts.trafficDistribution } : {}),
    },
  };
}

/** The Auto annotation. */
export const AUTO = { 'service.kubernetes.io/topology-mode': 'Auto' };

/** An endpoint; `zone`/`node` undefined leaves the key out. */
export function endpoint(address: string, zone: string | undefined, opts: { ready?: boolean | undefined; node?: string; hints?: EndpointInput['hints'] } = {}): EndpointInput {
  return {
    addresses: [address],
    conditions: opts.ready === undefined && 'ready' in opts ? {} : { ready: opts.ready ?? true },
    ...(zone === undefined ? {} : { zone }),
    ...(opts.node === undefined ? {} : { nodeName: opts.node }),
    ...(opts.hints === undefined ? {} : { hints: opts.hints }),
  };
}

/** A controller-managed slice of `svc`. */
export function slice(name: string, endpoints: EndpointInput[], addressType = 'IPv4'): EndpointSliceInput {
  return {
    kind: 'EndpointSlice',
    metadata: {
      name,
      namespace: 'ns',
      labels: { 'kubernetes.io/service-name': 'svc', 'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io' },
    },
    addressType,
    endpoints,
    ports: [{ name: 'http', port: 80, protocol: 'TCP' }],
  };
}

/** A ready worker node in `zone` with `cpu` allocatable. */
export function node(name: string, zone: string | undefined, cpu: string | undefined, opts: { ready?: string; labels?: Record<string, string> } = {}): NodeInput {
  return {
    kind: 'Node',
    metadata: { name, labels: { ...(zone === undefined ? {} : { 'topology.kubernetes.io/zone': zone }), ...opts.labels } },
    status: {
      ...(cpu === undefined ? {} : { allocatable: { cpu } }),
      conditions: [{ type: 'Ready', status: opts.ready ?? 'True' }],
    },
  };
}

/** Zone hints of a slice's endpoints, by first address (`null` = no hints). */
export function zoneHintsOf(slices: readonly EndpointSliceInput[]): Record<string, string[] | null> {
  const out: Record<string, string[] | null> = {};
  for (const s of slices) {
    for (const e of s.endpoints ?? []) {
      out[e.addresses?.[0] ?? '?'] = e.hints == null ? null : (e.hints.forZones ?? []).map((z) => z.name ?? '');
    }
  }
  return out;
}
