/**
 * The one mapping from kube-proxy's answer to a `ClusterLoadAssignment`: the same function for
 * every proxy and every mode, so the xDS view cannot drift from `selectEndpoints`.
 *
 * @module
 */
import type { Endpoint } from '../index.js';
import { TYPE_URLS, type XdsClusterLoadAssignment, type XdsLbEndpoint, type XdsLocalityLbEndpoints } from './proto.js';

/**
 * Groups `endpoints` into one locality per zone at `priority`, each weighted by its endpoint
 * count. kube-proxy picks uniformly among its set (iptables' `statistic --mode random` chain,
 * nftables' `numgen random` map, IPVS round robin), so every endpoint must get the same share:
 * gRPC and Envoy first pick a locality by weight, then an endpoint in it by round robin, and a
 * weight equal to the count makes the product the same for every endpoint.
 */
export function localities(endpoints: readonly Endpoint[], priority: 0 | 1): XdsLocalityLbEndpoints[] {
  const byZone = new Map<string, XdsLbEndpoint[]>();
  for (const ep of endpoints) {
    // The slice's `zone` field; `''` groups the endpoints that have none into one locality.
    const zone = ep.zone ?? '';
    let list = byZone.get(zone);
    if (list === undefined) byZone.set(zone, (list = []));
    list.push(lbEndpoint(ep));
  }
  return [...byZone.keys()]
    .sort()
    .map((zone) => {
      const lbEndpoints = byZone.get(zone)!;
      return { locality: zone === '' ? {} : { zone }, lbEndpoints, loadBalancingWeight: lbEndpoints.length, priority };
    });
}

function lbEndpoint(ep: Endpoint): XdsLbEndpoint {
  return { endpoint: { address: { socketAddress: { address: ep.ip, portValue: ep.port } } }, healthStatus: 'HEALTHY' };
}

/** Marks every socket address UDP (a UDP Service port); TCP is proto3's default and left out. */
export function asUdp(groups: XdsLocalityLbEndpoints[]): XdsLocalityLbEndpoints[] {
  return groups.map((g) => ({
    ...g,
    lbEndpoints: g.lbEndpoints.map((lb) => ({
      ...lb,
      endpoint: { address: { socketAddress: { ...lb.endpoint.address.socketAddress, protocol: 'UDP' as const } } },
    })),
  }));
}

/** An assignment of `clusterName` holding `groups`. */
export function assignment(clusterName: string, groups: readonly XdsLocalityLbEndpoints[]): XdsClusterLoadAssignment {
  return { '@type': TYPE_URLS.clusterLoadAssignment, clusterName, endpoints: groups };
}
