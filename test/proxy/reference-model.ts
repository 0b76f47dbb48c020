/**
 * A naive reference model of proxy-semantics 1–7, written from the spec text alone and sharing
 * no code with src/: it scans every slice and endpoint on every call and prefers obviousness to
 * speed. It only has to handle inputs the arbitraries produce (valid objects, addresses from
 * their table).
 *
 * Its one addition to the spec is the family default: spec 12 says `spec.ipFamilies[0]`, else
 * IPv4; like the library, the model falls back to the first cluster IP's family before IPv4
 * (only matters for Services without `ipFamilies`, which the API server never returns).
 */
import type { CategorizeInput, IPFamily } from '../../src/index.js';
import {
  HEADLESS_LABEL,
  PROXY_NAME_LABEL,
  SERVICE_NAME_LABEL,
  ZONE_LABEL,
  canonicalIP,
  familyOfAddress,
} from './arbitraries.js';

/** An endpoint as the model builds it: the same fields as the library's `Endpoint`. */
export interface RefEndpoint {
  key: string;
  ip: string;
  port: number;
  family: IPFamily;
  nodeName: string | null;
  zone: string | null;
  ready: boolean;
  serving: boolean;
  terminating: boolean;
  isLocal: boolean;
  zoneHints: string[];
  nodeHints: string[];
  slice: string;
}

export type RefResult =
  | { kind: 'not-proxied'; reason: string }
  | {
      kind: 'proxied';
      family: IPFamily;
      nodeName: string;
      nodeZone: string;
      usesCluster: boolean;
      usesLocal: boolean;
      internalLocal: boolean;
      externalLocal: boolean;
      mode: 'sameNode' | 'sameZone' | 'none' | null;
      cluster: RefEndpoint[] | null;
      local: RefEndpoint[] | null;
      all: RefEndpoint[];
      hasAnyEndpoints: boolean;
      clusterFallback: boolean;
      localFallback: boolean;
      /** Every endpoint after merging (usable or not), `isLocal` set. */
      merged: RefEndpoint[];
      /** Copies seen before merging (more than `merged.length` when some key was duplicated). */
      copies: number;
    };

type Loose = { [key: string]: any }; // eslint-disable-line @typescript-eslint/no-explicit-any

const has = (o: unknown, key: string): boolean => typeof o === 'object' && o !== null && Object.prototype.hasOwnProperty.call(o, key);

const sortedUnique = (names: string[]): string[] => [...new Set(names)].sort();

/** Runs the spec rules on `input`. */
export function referenceCategorize(input: CategorizeInput): RefResult {
  const service = input.service as Loose;
  const meta: Loose = service['metadata'] ?? {};
  const spec: Loose = service['spec'] ?? {};
  const svcLabels: Loose = meta['labels'] ?? {};
  const svcName: string = meta['name'] ?? '';
  const svcNamespace: string = meta['namespace'] ?? '';
  const type: string = spec['type'] || 'ClusterIP';
  const clusterIPs: string[] = spec['clusterIPs']?.length ? spec['clusterIPs'] : spec['clusterIP'] ? [spec['clusterIP']] : [];
  const ipFamilies: string[] = spec['ipFamilies'] ?? [];
  const family: IPFamily =
    input.ipFamily ?? (ipFamilies[0] as IPFamily | undefined) ?? clusterIPs.map(familyOfAddress).find((f) => f !== undefined) ?? 'IPv4';

  // Gates: newest-release defaults, overridden.
  const preferSame = input.gates?.PreferSameTrafficDistribution ?? true;
  const lbIPMode = input.gates?.LoadBalancerIPMode ?? true;
  // AllowServiceExternalIPs is deliberately not read: it changes what the data plane programs for
  // external IPs, never the lists (proxy-semantics 2.4), so the model's lists ignore it.

  // 1.1: Services kube-proxy ignores.
  if (has(svcLabels, PROXY_NAME_LABEL)) return { kind: 'not-proxied', reason: 'service-proxy-name' };
  if (has(svcLabels, HEADLESS_LABEL)) return { kind: 'not-proxied', reason: 'headless-label' };
  if (type === 'ExternalName') return { kind: 'not-proxied', reason: 'external-name' };
  if (clusterIPs[0] === 'None') return { kind: 'not-proxied', reason: 'headless' };
  if (clusterIPs.length === 0 || clusterIPs[0] === '') return { kind: 'not-proxied', reason: 'cluster-ip-not-allocated' };
  if (!clusterIPs.some((ip) => familyOfAddress(ip) === family)) return { kind: 'not-proxied', reason: 'no-cluster-ip-for-family' };

  // 1.3: the port.
  const ports: Loose[] = spec['ports'] ?? [];
  let port: Loose | undefined;
  if (input.port === undefined) port = ports.length === 1 ? ports[0] : undefined;
  else if (typeof input.port === 'string') port = ports.find((p) => (p['name'] ?? '') === input.port);
  else port = ports.find((p) => p['port'] === input.port);
  if (port === undefined) throw new Error('reference model: the generated input names no port');
  const portName: string = port['name'] ?? '';
  const portProtocol: string = port['protocol'] || 'TCP';

  // 2: policy flags.
  const internalLocal = spec['internalTrafficPolicy'] === 'Local';
  const externalIPs: string[] = spec['externalIPs'] ?? [];
  const serviceExternal = type === 'LoadBalancer' || type === 'NodePort' || (type === 'ClusterIP' && externalIPs.length > 0);
  const externalLocal = serviceExternal && spec['externalTrafficPolicy'] === 'Local';
  const ingress: Loose[] = service['status']?.['loadBalancer']?.['ingress'] ?? [];
  let portExternal = false;
  if (typeof port['nodePort'] === 'number' && port['nodePort'] !== 0) portExternal = true;
  for (const ip of externalIPs) if (familyOfAddress(ip) === family) portExternal = true;
  for (const entry of ingress) {
    if (!entry['ip'] || familyOfAddress(entry['ip']) !== family) continue;
    const mode = entry['ipMode'];
    if (mode === undefined || mode === null || mode === 'VIP' || !lbIPMode) portExternal = true;
  }
  const usesCluster = !internalLocal || portExternal;
  const usesLocal = internalLocal || (externalLocal && portExternal);

  // The node.
  const node = input.node as Loose;
  let nodeName: string;
  let nodeZone: string;
  if (node['metadata'] !== undefined && node['metadata'] !== null) {
    nodeName = node['metadata']['name'];
    nodeZone = node['metadata']['labels']?.[ZONE_LABEL] ?? '';
  } else {
    nodeName = node['name'];
    nodeZone = typeof node['zone'] === 'string' ? node['zone'] : (node['labels']?.[ZONE_LABEL] ?? '');
  }

  // 3: collect and merge endpoints, in input order.
  const rawSlices: Loose[] = Array.isArray(input.endpointSlices)
    ? (input.endpointSlices as Loose[])
    : ((input.endpointSlices as Loose)['items'] ?? []);
  const merged = new Map<string, RefEndpoint>();
  let copies = 0;
  for (const slice of rawSlices) {
    const sMeta: Loose = slice['metadata'] ?? {};
    const sLabels: Loose = sMeta['labels'] ?? {};
    const owner = has(sLabels, SERVICE_NAME_LABEL) ? sLabels[SERVICE_NAME_LABEL] : undefined;
    if (!owner || owner !== svcName) continue; // 3.1
    if ((sMeta['namespace'] ?? '') !== svcNamespace) continue; // 3.1
    if (has(sLabels, PROXY_NAME_LABEL) || has(sLabels, HEADLESS_LABEL)) continue; // 1.2
    if (slice['addressType'] !== family) continue; // 3.2
    const numbers: number[] = [];
    for (const sp of (slice['ports'] ?? []) as Loose[]) {
      if (sp['name'] === undefined || sp['name'] === null) continue; // 3.3
      if (!sp['port']) continue; // 3.3: null or 0
      if (sp['name'] !== portName) continue;
      if ((sp['protocol'] || 'TCP') !== portProtocol) continue;
      if (!numbers.includes(sp['port'])) numbers.push(sp['port']);
    }
    for (const ep of (slice['endpoints'] ?? []) as Loose[]) {
      const addresses: string[] = ep['addresses'] ?? [];
      if (addresses.length === 0) continue; // 3.5
      const ip = canonicalIP(addresses[0]!);
      const cond: Loose = ep['conditions'] ?? {};
      const ready = cond['ready'] ?? true; // 3.6
      const serving = cond['serving'] ?? true;
      const terminating = cond['terminating'] ?? false;
      const hints: Loose = ep['hints'] ?? {};
      const zoneHints = sortedUnique(((hints['forZones'] ?? []) as Loose[]).map((h) => h['name'] ?? ''));
      const nodeHints = preferSame ? sortedUnique(((hints['forNodes'] ?? []) as Loose[]).map((h) => h['name'] ?? '')) : [];
      const epNode: string | null = ep['nodeName'] ?? null;
      for (const number of numbers) {
        const key = ip.includes(':') ? `[${ip}]:${number}` : `${ip}:${number}`;
        copies++;
        // 3.9 (newest): a later copy replaces the kept one unless the later copy is terminating.
        if (merged.has(key) && terminating) continue;
        merged.set(key, {
          key,
          ip,
          port: number,
          family,
          nodeName: epNode,
          zone: ep['zone'] ?? null,
          ready,
          serving,
          terminating,
          isLocal: nodeName !== '' && epNode === nodeName, // 3.7
          zoneHints,
          nodeHints,
          slice: sMeta['name'] ?? '',
        });
      }
    }
  }
  const all = [...merged.values()];
  const ready = all.filter((e) => e.ready);
  const servingTerminating = all.filter((e) => !e.ready && e.serving && e.terminating);

  // 4, 5: topology mode and the Cluster list.
  let mode: 'sameNode' | 'sameZone' | 'none' | null = null;
  let cluster: RefEndpoint[] | null = null;
  let clusterFallback = false;
  if (usesCluster) {
    if (ready.length === 0) mode = 'none';
    else if (preferSame && ready.every((e) => e.nodeHints.length > 0) && ready.some((e) => e.nodeHints.includes(nodeName))) mode = 'sameNode';
    else if (ready.every((e) => e.zoneHints.length > 0) && ready.some((e) => e.zoneHints.includes(nodeZone))) mode = 'sameZone';
    else mode = 'none';
    cluster = ready.filter((e) =>
      mode === 'sameNode' ? e.nodeHints.includes(nodeName) : mode === 'sameZone' ? e.zoneHints.includes(nodeZone) : true,
    );
    if (cluster.length === 0) {
      cluster = servingTerminating;
      clusterFallback = servingTerminating.length > 0;
    }
  }

  // 6: the Local list.
  let local: RefEndpoint[] | null = null;
  let localFallback = false;
  if (usesLocal) {
    const localReady = ready.filter((e) => e.isLocal);
    const localST = servingTerminating.filter((e) => e.isLocal);
    if (localReady.length > 0) local = localReady;
    else if (localST.length > 0) {
      local = localST;
      localFallback = true;
    } else local = [];
  }

  // 7: union and hasAnyEndpoints.
  const union = new Map<string, RefEndpoint>();
  for (const e of [...(cluster ?? []), ...(local ?? [])]) union.set(e.key, e);
  const hasAnyEndpoints = (usesCluster && cluster !== null && cluster.length > 0) || (usesLocal && ready.length + servingTerminating.length > 0);

  return {
    kind: 'proxied',
    family,
    nodeName,
    nodeZone,
    usesCluster,
    usesLocal,
    internalLocal,
    externalLocal,
    mode,
    cluster,
    local,
    all: [...union.values()],
    hasAnyEndpoints,
    clusterFallback,
    localFallback,
    merged: all,
    copies,
  };
}
