/** Small builders for explanation tests. */
export type Json = Record<string, unknown>;

export function service(spec: Json = {}, meta: Json = {}): Json {
  return {
    metadata: { name: 'svc', namespace: 'ns', ...meta },
    spec: { type: 'ClusterIP', selector: { app: 'svc' }, clusterIP: '10.96.0.1', clusterIPs: ['10.96.0.1'], ipFamilies: ['IPv4'], ports: [{ name: 'http', port: 80, protocol: 'TCP' }], ...spec },
  };
}

export function slice(name: string, endpoints: Json[], extra: Json = {}): Json {
  return {
    metadata: { name, namespace: 'ns', labels: { 'kubernetes.io/service-name': 'svc', 'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io' } },
    addressType: 'IPv4',
    ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
    endpoints,
    ...extra,
  };
}

export function ep(ip: string, node: string, opts: { zone?: string; hint?: string | null; nodeHint?: string; cond?: Json } = {}): Json {
  const hints: Json = {};
  if (opts.hint !== undefined && opts.hint !== null) hints['forZones'] = [{ name: opts.hint }];
  if (opts.nodeHint !== undefined) hints['forNodes'] = [{ name: opts.nodeHint }];
  return {
    addresses: [ip],
    nodeName: node,
    ...(opts.zone !== undefined && { zone: opts.zone }),
    conditions: opts.cond ?? { ready: true, serving: true, terminating: false },
    ...(Object.keys(hints).length > 0 && { hints }),
  };
}

export const TERMINATING = { ready: false, serving: true, terminating: true };
export const NOT_READY = { ready: false, serving: false, terminating: false };

export function node(name: string, zone: string, cpu = '4'): Json {
  return {
    metadata: { name, labels: { 'topology.kubernetes.io/zone': zone } },
    status: { allocatable: { cpu }, conditions: [{ type: 'Ready', status: 'True' }] },
  };
}
