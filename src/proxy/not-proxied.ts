/**
 * Whether kube-proxy programs a Service at all (kube-proxy.md §1.1).
 *
 * @module
 */
import type { IPFamily } from '../util/ip.js';
import { parseIP, parseIPv4Number } from '../util/ip.js';
import { HEADLESS_LABEL } from '../model/labels.js';
import type { ServiceView } from './service.js';

/**
 * Why kube-proxy would not program a Service for a family. Stable codes.
 *
 * - `service-proxy-name`: labelled `service.kubernetes.io/service-proxy-name`: it belongs to another proxy.
 * - `headless-label`: labelled `service.kubernetes.io/headless`.
 * - `external-name`: `type: ExternalName` is a DNS alias, never proxied.
 * - `headless`: `clusterIP` is `None`.
 * - `cluster-ip-not-allocated`: no `clusterIP` at all (absent or `""`): a manifest the API server
 *   has not stored yet (`helm template` output). kube-proxy skips it like a headless Service
 *   (`IsServiceIPSet`), but it is not headless: once created it gets an address.
 * - `no-cluster-ip-for-family`: no cluster IP of the requested family (e.g. IPv6 on a single-stack IPv4 Service).
 *
 * @category kube-proxy
 * @example
 * ```ts
 * const r = categorizeEndpoints({ ...input, service: headlessService });
 * if (r.kind === 'not-proxied') r.reason; // => 'headless'
 * ```
 */
export type NotProxiedReason =
  | 'service-proxy-name'
  | 'headless-label'
  | 'external-name'
  | 'headless'
  | 'cluster-ip-not-allocated'
  | 'no-cluster-ip-for-family';

/** The reason kube-proxy skips the Service for `family`, or `null` when it programs it. */
export function notProxiedReason(view: ServiceView, family: IPFamily): NotProxiedReason | null {
  // kube-proxy: its Service and EndpointSlice watches select "label does not exist" for both labels.
  if (view.hiddenBy !== null) return view.hiddenBy === HEADLESS_LABEL ? 'headless-label' : 'service-proxy-name';
  // kube-proxy: ExternalName Services are skipped whatever clusterIP says.
  if (view.type === 'ExternalName') return 'external-name';
  const first = view.clusterIPs[0];
  // kube-proxy IsServiceIPSet: neither "" nor None is proxied; only None means headless.
  if (first === 'None') return 'headless';
  if (first === undefined || first === '') return 'cluster-ip-not-allocated';
  for (let i = 0; i < view.clusterIPs.length; i++) if (familyOf(view.clusterIPs[i]!) === family) return null;
  return 'no-cluster-ip-for-family';
}

/**
 * The family of an address: dotted IPv4, nearly every cluster IP, is recognised without building
 * the sort key `parseIP` also returns (a one-shot query asks this on every call).
 */
function familyOf(ip: string): IPFamily | undefined {
  return parseIPv4Number(ip) !== undefined ? 'IPv4' : parseIP(ip)?.family;
}

/** A one-line English description of a {@link NotProxiedReason}. */
export function notProxiedMessage(reason: NotProxiedReason, family: IPFamily): string {
  switch (reason) {
    case 'service-proxy-name':
      return 'the Service carries the label service.kubernetes.io/service-proxy-name, so another proxy handles it';
    case 'headless-label':
      return 'the Service carries the label service.kubernetes.io/headless, which kube-proxy ignores';
    case 'external-name':
      return 'an ExternalName Service is a DNS alias; kube-proxy programs nothing for it';
    case 'headless':
      return 'a headless Service (clusterIP None) has no virtual IP; clients reach Pods directly';
    case 'cluster-ip-not-allocated':
      return 'the Service has no clusterIP yet (a manifest not yet created: the API server allocates one on create), and kube-proxy programs nothing without one';
    case 'no-cluster-ip-for-family':
      return `the Service has no ${family} cluster IP, so the ${family} proxier ignores it`;
  }
}
