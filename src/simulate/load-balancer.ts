/**
 * Which nodes a cloud load balancer sends a Service's traffic to. With
 * `externalTrafficPolicy: Local` the load balancer probes each node's `healthCheckNodePort`,
 * which kube-proxy answers 200 only while the node has a ready local endpoint of the Service
 * (kube-proxy.md §8.6); nodes labelled `node.kubernetes.io/exclude-from-external-load-balancers`
 * are never in its backend pool. Traffic is spread evenly over the targets (what the common
 * cloud load balancers do by default), so per endpoint it is as uneven as the endpoints are over
 * the nodes.
 *
 * @module
 * @internal
 */
import type { Endpoint } from '../model/endpoint.js';
import type { GateOverrides } from '../model/gates.js';
import type { ServiceInput, Collection, EndpointSliceInput } from '../model/input.js';
import type { KubernetesVersion } from '../model/releases.js';
import { prepareService } from '../proxy/prepare.js';
import type { IPFamily } from '../util/ip.js';
import type { LoadBalancerNode, LoadBalancerReason, SimNode } from './types.js';

/**
 * Ready endpoints per node as kube-proxy's health-check server counts them
 * (`EndpointsMap.LocalReadyEndpoints`, `pkg/proxy/endpointschangetracker.go`): over every port of
 * the Service, endpoints that are ready (`IsReady`; terminating ones are not), grouped by their
 * node (`IsLocal`), counted as distinct IPs, so `10.0.0.1:80` and `10.0.0.1:443` are one.
 * The proxier is per IP family, so only endpoints of `ipFamily` count.
 *
 * @example
 * ```ts
 * localReadyEndpoints(service, slices, { ipFamily: 'IPv4' }); // => Map { 'node-a1' => 1, 'node-b2' => 2 }
 * ```
 */
export function localReadyEndpoints(
  service: ServiceInput,
  slices: Collection<EndpointSliceInput>,
  options: { ipFamily: IPFamily; gates?: GateOverrides | null | undefined; kubernetesVersion?: KubernetesVersion | null | undefined },
): Map<string, number> {
  const ips = new Map<string, Set<string>>();
  const add = (e: Endpoint): void => {
    if (!e.ready || e.nodeName === null) return;
    let set = ips.get(e.nodeName);
    if (set === undefined) ips.set(e.nodeName, (set = new Set()));
    set.add(e.ip);
  };
  for (const port of servicePorts(service)) {
    const prepared = prepareService(service, slices, {
      port,
      ipFamily: options.ipFamily,
      ...(options.gates != null && { gates: options.gates }),
      ...(options.kubernetesVersion != null && { kubernetesVersion: options.kubernetesVersion }),
    });
    prepared.endpoints.forEach(add);
  }
  return new Map([...ips].map(([node, set]) => [node, set.size]));
}

/** The Service's ports by name (or number when unnamed), as `prepareService` selects them. */
function servicePorts(service: ServiceInput): (string | number)[] {
  const spec = (service as { spec?: { ports?: unknown } | null }).spec;
  const ports = Array.isArray(spec?.ports) ? (spec.ports as unknown[]) : [];
  const out: (string | number)[] = [];
  for (const p of ports) {
    const rec = p as { name?: unknown; port?: unknown } | null;
    if (typeof rec?.name === 'string' && rec.name !== '') out.push(rec.name);
    else if (typeof rec?.port === 'number') out.push(rec.port);
  }
  return out;
}

/**
 * Each node's standing with the load balancer (share still 0: it is set once clients are placed).
 *
 * @example
 * ```ts
 * loadBalancerNodes(nodes, counts, true)[0]; // => { name: 'control-1', …, target: false, reason: 'no-ready-local-endpoint' }
 * ```
 */
export function loadBalancerNodes(nodes: readonly SimNode[], counts: ReadonlyMap<string, number>, healthCheck: boolean): LoadBalancerNode[] {
  return nodes.map((n) => {
    const local = counts.get(n.name) ?? 0;
    let reason: LoadBalancerReason;
    if (n.excludedFromLoadBalancers) reason = 'excluded-by-label';
    else if (!healthCheck) reason = 'every-node';
    else reason = local > 0 ? 'health-check-passes' : 'no-ready-local-endpoint';
    return { name: n.name, zone: n.zone, localReadyEndpoints: local, target: reason === 'health-check-passes' || reason === 'every-node', reason, share: 0 };
  });
}

/**
 * One sentence on which nodes carry the load-balancer traffic and why.
 *
 * @example
 * ```ts
 * loadBalancerSummary(nodes, true); // => '2 of 7 nodes pass the health check (node-a1, node-b2); 5 have no ready local endpoint'
 * ```
 */
export function loadBalancerSummary(nodes: readonly LoadBalancerNode[], healthCheck: boolean): string {
  const targets = nodes.filter((n) => n.target);
  const excluded = nodes.filter((n) => n.reason === 'excluded-by-label').length;
  const unhealthy = nodes.filter((n) => n.reason === 'no-ready-local-endpoint').length;
  const names = targets.length <= 6 ? ` (${targets.map((n) => n.name).join(', ')})` : '';
  const parts = [
    healthCheck
      ? `${targets.length} of ${nodes.length} node${nodes.length === 1 ? '' : 's'} pass the health check${names}, each receiving an equal share`
      : `externalTrafficPolicy: Cluster: ${targets.length} of ${nodes.length} node${nodes.length === 1 ? '' : 's'} receive an equal share${names} and forward cluster-wide`,
  ];
  if (unhealthy > 0) parts.push(`${unhealthy} ha${unhealthy === 1 ? 's' : 've'} no ready local endpoint`);
  if (excluded > 0) parts.push(`${excluded} excluded by the ${'node.kubernetes.io/exclude-from-external-load-balancers'} label`);
  return parts.join('; ');
}
