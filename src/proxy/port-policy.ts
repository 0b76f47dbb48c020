/**
 * Which Service port a query is about, and the per-port policy flags (kube-proxy.md §2).
 *
 * @module
 */
import type { Gates } from '../model/gates.js';
import type { Reader } from '../model/read.js';
import { type IPFamily, parseIP } from '../util/ip.js';
import type { ServicePortView, ServiceView } from './service.js';

/**
 * The traffic policy flags of one Service port for one IP family.
 *
 * @category kube-proxy
 * @example
 * ```ts
 * const policy: PortPolicy = {
 *   internalLocal: false, externalLocal: true, portExternal: true,
 *   usesCluster: true, usesLocal: true,
 *   nodePort: true, externalIPs: false, loadBalancerIPs: true,
 * };
 * ```
 */
export interface PortPolicy {
  /** `internalTrafficPolicy: Local`. */
  readonly internalLocal: boolean;
  /** `externalTrafficPolicy: Local` on a Service reachable from outside. */
  readonly externalLocal: boolean;
  /** The port is reachable from outside the cluster for this family (node port, external IP or VIP ingress). */
  readonly portExternal: boolean;
  /** The port uses the Cluster endpoint list. */
  readonly usesCluster: boolean;
  /** The port uses the Local endpoint list. */
  readonly usesLocal: boolean;
  /** The port has a node port. */
  readonly nodePort: boolean;
  /** The Service has an external IP of this family. */
  readonly externalIPs: boolean;
  /** The Service has a load-balancer ingress IP of this family that kube-proxy programs. */
  readonly loadBalancerIPs: boolean;
}

/**
 * Finds the Service port a query names: by name (`''` for an unnamed port) or by port number.
 * Omitted, it is the Service's only port. Anything else is an `unknown-port` problem at `path`.
 */
export function resolvePort(
  reader: Reader,
  view: ServiceView,
  port: unknown,
  path: string,
): ServicePortView | undefined {
  // The words for an error, built only when there is one (this runs on every one-shot query).
  const candidates = (): string[] =>
    view.ports.map((p) => (p.name === '' ? `${p.port ?? '?'}/${p.protocol} (unnamed)` : `${JSON.stringify(p.name)} (${p.port ?? '?'}/${p.protocol})`));
  const list = (): string => (view.ports.length > 0 ? `one of the Service's ports: ${candidates().join(', ')}` : 'a port, but the Service has none');
  if (port === undefined || port === null) {
    if (view.ports.length === 1) return view.ports[0];
    reader.report('required', path, `the port to decide for: ${list()}`, 'nothing');
    return undefined;
  }
  if (typeof port === 'string') {
    const found = view.ports.find((p) => p.name === port);
    if (found === undefined) reader.report('unknown-port', path, list(), `port name ${JSON.stringify(port)}`);
    return found;
  }
  if (typeof port === 'number') {
    const found = view.ports.filter((p) => p.port === port);
    if (found.length === 1) return found[0];
    if (found.length === 0) reader.report('unknown-port', path, list(), `port number ${port}`);
    else reader.report('unknown-port', path, `a port name, since ${port} is ${candidates().filter((_, i) => view.ports[i]?.port === port).join(' and ')}`, `port number ${port}`);
    return undefined;
  }
  reader.fail('invalid-type', path, 'a port name (string) or port number', port);
  return undefined;
}

function ofFamily(ip: string | null, family: IPFamily): boolean {
  return ip !== null && parseIP(ip)?.family === family;
}

/** The policy flags of `port` for the `family` proxier (kube-proxy.md §2.1–2.6). */
export function portPolicy(view: ServiceView, port: ServicePortView, family: IPFamily, gates: Gates): PortPolicy {
  const internalLocal = view.internalTrafficPolicy === 'Local';
  // kube-proxy.md §2.2: NodePort/LoadBalancer, or ClusterIP with external IPs.
  const serviceExternal =
    view.type === 'NodePort' || view.type === 'LoadBalancer' || (view.type === 'ClusterIP' && view.externalIPs.length > 0);
  const externalLocal = serviceExternal && view.externalTrafficPolicy === 'Local';
  const nodePort = port.nodePort !== 0;
  // kube-proxy drops external IPs of the other family before testing (§2.4).
  const externalIPs = view.externalIPs.some((ip) => ofFamily(ip, family));
  // Only VIP ingress IPs count: hostname-only entries never do, and ipMode Proxy does not
  // once LoadBalancerIPMode is on (the load balancer then delivers to the node port instead).
  const loadBalancerIPs = view.ingress.some(
    (e) => ofFamily(e.ip, family) && (e.ipMode === null || e.ipMode === 'VIP' || !gates.LoadBalancerIPMode),
  );
  const portExternal = nodePort || externalIPs || loadBalancerIPs;
  return {
    internalLocal,
    externalLocal,
    portExternal,
    // §2.5: an external port keeps a Cluster list for node-originated traffic (§8.3).
    usesCluster: !internalLocal || portExternal,
    // §2.6: eTP Local only matters where the port is reachable from outside.
    usesLocal: internalLocal || (externalLocal && portExternal),
    nodePort,
    externalIPs,
    loadBalancerIPs,
  };
}
