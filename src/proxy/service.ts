/**
 * Reading a Service into the facts kube-proxy's rules use.
 *
 * @module
 * @internal
 */
import { HEADLESS_LABEL, SERVICE_PROXY_NAME_LABEL } from '../model/labels.js';
import { checkKind } from '../model/kinds.js';
import { type Rec, type Reader, at, hasLabel, isRec } from '../model/read.js';
import type { StringMap } from '../model/input.js';
import { type IPFamily, parseIP } from '../util/ip.js';

/** A Service type. A missing `spec.type` is `ClusterIP` (API default). */
export type ServiceType = 'ClusterIP' | 'NodePort' | 'LoadBalancer' | 'ExternalName';

/** One Service port. */
export interface ServicePortView {
  /** `''` for an unnamed port. */
  readonly name: string;
  /** `TCP` when absent (API default). */
  readonly protocol: string;
  readonly port: number | null;
  /** `0` when absent. */
  readonly nodePort: number;
  /** Index in `spec.ports`, for error paths. */
  readonly index: number;
}

/** One load-balancer ingress entry. */
export interface IngressView {
  readonly ip: string | null;
  readonly ipMode: string | null;
}

/** The facts of a Service that traffic rules read. */
export interface ServiceView {
  readonly name: string;
  readonly namespace: string;
  readonly labels: StringMap | undefined;
  readonly annotations: StringMap | undefined;
  readonly type: ServiceType;
  /** `spec.clusterIPs`, or `[spec.clusterIP]` when only that is set. */
  readonly clusterIPs: readonly string[];
  readonly ipFamilies: readonly IPFamily[];
  readonly externalIPs: readonly string[];
  readonly ports: readonly ServicePortView[];
  readonly internalTrafficPolicy: 'Cluster' | 'Local';
  readonly externalTrafficPolicy: 'Cluster' | 'Local';
  readonly trafficDistribution: string | null;
  readonly ingress: readonly IngressView[];
  /** Labels that hide the Service from kube-proxy (kube-proxy.md §1.1). */
  readonly hiddenBy: typeof SERVICE_PROXY_NAME_LABEL | typeof HEADLESS_LABEL | null;
}

const TYPES: readonly ServiceType[] = ['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName'];
const POLICIES = ['Cluster', 'Local'] as const;
const FAMILIES: readonly IPFamily[] = ['IPv4', 'IPv6'];

function oneOf<T extends string>(
  reader: Reader,
  o: Rec,
  key: string,
  parent: string,
  allowed: readonly T[],
  fallback: T,
): T {
  const v = reader.string(o, key, parent);
  if (v === undefined || v === '') return fallback;
  if ((allowed as readonly string[]).includes(v)) return v as T;
  reader.fail('invalid-value', at(parent, key), `one of ${allowed.join(', ')}`, v);
  return fallback;
}

function strings(reader: Reader, o: Rec, key: string, parent: string): string[] {
  const arr = reader.array(o, key, parent);
  if (arr === undefined) return [];
  const out: string[] = [];
  const path = at(parent, key);
  arr.forEach((_, i) => {
    const s = reader.string(arr, i, path);
    if (s !== undefined) out.push(s);
    else if (arr[i] == null) reader.fail('invalid-type', at(path, i), 'a string', arr[i]);
  });
  return out;
}

/**
 * Reads a Service. Problems go to `reader`; the view returned is usable only when none were found.
 */
export function readService(reader: Reader, input: unknown, path: string): ServiceView {
  // Absent is `required` (as every reader says), present and not an object `invalid-type`.
  const svc: Rec = isRec(input)
    ? input
    : ((input === undefined || input === null ? reader.fail('required', path, 'a Service object', input) : reader.fail('invalid-type', path, 'a Service object', input)) ?? {});
  checkKind(reader, svc, 'Service', path);
  const metaPath = at(path, 'metadata');
  const meta = reader.object(svc, 'metadata', path) ?? {};
  const name = reader.string(meta, 'name', metaPath);
  // A Service that is not an object is one problem, not also a missing name.
  if (isRec(input) && (name === undefined || name === '')) reader.fail('required', at(metaPath, 'name'), 'the Service name', meta['name']);
  const namespace = reader.string(meta, 'namespace', metaPath) ?? '';
  const labels = reader.stringMap(meta, 'labels', metaPath);
  const annotations = reader.stringMap(meta, 'annotations', metaPath);

  const specPath = at(path, 'spec');
  const spec = reader.object(svc, 'spec', path);
  if (spec === undefined && isRec(input) && (svc['spec'] === undefined || svc['spec'] === null)) reader.fail('required', specPath, 'a Service spec object', svc['spec']);
  const s: Rec = spec ?? {};

  const clusterIP = reader.string(s, 'clusterIP', specPath);
  const clusterIPs = strings(reader, s, 'clusterIPs', specPath);
  const families = strings(reader, s, 'ipFamilies', specPath);
  families.forEach((f, i) => {
    if (!(FAMILIES as readonly string[]).includes(f)) {
      reader.fail('invalid-value', at(at(specPath, 'ipFamilies'), i), 'IPv4 or IPv6', f);
    }
  });

  const portsPath = at(specPath, 'ports');
  const rawPorts = reader.array(s, 'ports', specPath) ?? [];
  const ports: ServicePortView[] = [];
  rawPorts.forEach((_, i) => {
    const p = reader.object(rawPorts, i, portsPath);
    const pPath = at(portsPath, i);
    if (p === undefined) {
      if (rawPorts[i] == null) reader.fail('invalid-type', pPath, 'a Service port object', rawPorts[i]);
      return;
    }
    ports.push({
      name: reader.string(p, 'name', pPath) ?? '',
      protocol: reader.string(p, 'protocol', pPath) || 'TCP',
      port: reader.integer(p, 'port', pPath, 0, 65535) ?? null,
      nodePort: reader.integer(p, 'nodePort', pPath, 0, 65535) ?? 0,
      index: i,
    });
  });

  // Most Services have no status: its paths are built only when there is one to read.
  const status = reader.object(svc, 'status', path);
  const ingress: IngressView[] = [];
  if (status !== undefined) {
    const statusPath = at(path, 'status');
    const lbPath = at(statusPath, 'loadBalancer');
    const ingressPath = at(lbPath, 'ingress');
    const lb = reader.object(status, 'loadBalancer', statusPath) ?? {};
    const rawIngress = reader.array(lb, 'ingress', lbPath) ?? [];
    rawIngress.forEach((_, i) => {
      const e = reader.object(rawIngress, i, ingressPath);
      if (e === undefined) return;
      const iPath = at(ingressPath, i);
      ingress.push({ ip: reader.string(e, 'ip', iPath) || null, ipMode: reader.string(e, 'ipMode', iPath) || null });
    });
  }

  return {
    name: name ?? '',
    namespace,
    labels,
    annotations,
    type: oneOf(reader, s, 'type', specPath, TYPES, 'ClusterIP'),
    clusterIPs: clusterIPs.length > 0 ? clusterIPs : clusterIP ? [clusterIP] : [],
    ipFamilies: families.filter((f): f is IPFamily => (FAMILIES as readonly string[]).includes(f)),
    externalIPs: strings(reader, s, 'externalIPs', specPath),
    ports,
    internalTrafficPolicy: oneOf(reader, s, 'internalTrafficPolicy', specPath, POLICIES, 'Cluster'),
    externalTrafficPolicy: oneOf(reader, s, 'externalTrafficPolicy', specPath, POLICIES, 'Cluster'),
    trafficDistribution: reader.string(s, 'trafficDistribution', specPath) ?? null,
    ingress,
    hiddenBy: hasLabel(labels, SERVICE_PROXY_NAME_LABEL)
      ? SERVICE_PROXY_NAME_LABEL
      : hasLabel(labels, HEADLESS_LABEL)
        ? HEADLESS_LABEL
        : null,
  };
}

/**
 * The Service's primary family: `spec.ipFamilies[0]`, else the family of the first cluster IP,
 * else IPv4 (kube-proxy.md §0).
 */
export function primaryFamily(view: ServiceView): IPFamily {
  const first = view.ipFamilies[0];
  if (first !== undefined) return first;
  for (const ip of view.clusterIPs) {
    const family = parseIP(ip)?.family;
    if (family !== undefined) return family;
  }
  return 'IPv4';
}
