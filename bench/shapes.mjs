// Deterministic benchmark shapes (no randomness): Services, slices and nodes spread over zones.

export const ZONES = ['zone-a', 'zone-b', 'zone-c'];

/** Zone of node i under a 50/30/20 skew. */
export function skewedZone(i, nodes) {
  const f = i / nodes;
  return f < 0.5 ? 'zone-a' : f < 0.8 ? 'zone-b' : 'zone-c';
}

export function makeNodes(count, zoneOf = (i) => skewedZone(i, count)) {
  return Array.from({ length: count }, (_, i) => ({
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name: `node-${i}`, labels: { 'topology.kubernetes.io/zone': zoneOf(i) } },
    status: { allocatable: { cpu: '4' }, conditions: [{ type: 'Ready', status: 'True' }] },
  }));
}

export function makeService(extra = {}) {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'web', namespace: 'bench', annotations: extra.annotations ?? {} },
    spec: {
      type: 'ClusterIP',
      selector: { app: 'web' },
      clusterIP: '10.96.0.10',
      clusterIPs: ['10.96.0.10'],
      ipFamilies: ['IPv4'],
      ports: [{ name: 'http', port: 80, protocol: 'TCP', targetPort: 8080 }],
      ...(extra.trafficDistribution && { trafficDistribution: extra.trafficDistribution }),
    },
  };
}

function ip(n) {
  return `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
}

/**
 * `total` ready endpoints in slices of `perSlice`; endpoint n runs on node `n % nodes` and is
 * in that node's zone; `hinted` writes the zone hint PreferClose would write.
 */
export function makeSlices({ total, perSlice = 100, nodes, zoneOfNode, hinted = true }) {
  const slices = [];
  for (let s = 0; s * perSlice < total; s++) {
    const endpoints = [];
    for (let n = s * perSlice; n < Math.min(total, (s + 1) * perSlice); n++) {
      const node = n % nodes;
      const zone = zoneOfNode(node);
      endpoints.push({
        addresses: [ip(n + 1)],
        conditions: { ready: true, serving: true, terminating: false },
        nodeName: `node-${node}`,
        zone,
        ...(hinted && { hints: { forZones: [{ name: zone }] } }),
      });
    }
    slices.push({
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata: { name: `web-${s}`, namespace: 'bench', labels: { 'kubernetes.io/service-name': 'web', 'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io' } },
      addressType: 'IPv4',
      ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
      endpoints,
    });
  }
  return slices;
}
