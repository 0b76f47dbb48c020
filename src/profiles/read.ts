/**
 * The input as every deviation profile reads it. kube-proxy's reader checks the input first (so a
 * profile refuses exactly what kube-proxy refuses, with the same paths); this module then keeps
 * what kube-proxy throws away and other data planes read: every address, raw condition presence,
 * the Pod behind an endpoint, slice-port names that are absent rather than empty, slice annotations
 * (each profile's page, docs/profile-*.md, says what it reads).
 *
 * @module
 * @internal
 */
import { KubeTrafficError, problem } from '../model/errors.js';
import { SERVICE_NAME_LABEL, ZONE_LABEL } from '../model/labels.js';
import { type Rec, Reader, at, isRec, label } from '../model/read.js';
import { type IPFamily, endpointKey, parseIP } from '../util/ip.js';
import { prepareFrom, type PreparedService } from '../proxy/prepare.js';
import { type ServiceView, readService } from '../proxy/service.js';
import { readNode } from '../proxy/node.js';
import type { CategorizedEndpoints, PortRef } from '../proxy/types.js';

/** The node-name key of an endpoint's `deprecatedTopology`. */
const HOSTNAME_LABEL = 'kubernetes.io/hostname';

/** The deprecated zone label some data planes (Istio) still fall back to. */
export const BETA_ZONE_LABEL = 'failure-domain.beta.kubernetes.io/zone';

/** One slice port as written: a missing `name` stays `null` (Go's nil pointer). */
export interface RawSlicePort {
  readonly name: string | null;
  readonly port: number | null;
  /** `TCP` when absent. */
  readonly protocol: string;
}

/** One address of an endpoint, in canonical text. */
export interface RawAddress {
  readonly ip: string;
  readonly family: IPFamily;
}

/** One endpoint entry of a slice, nothing defaulted. */
export interface RawEndpoint {
  /** JSON path of the entry. */
  readonly path: string;
  readonly slice: string;
  readonly addresses: readonly RawAddress[];
  /** Conditions as written (`undefined` when absent). */
  readonly ready: boolean | undefined;
  readonly serving: boolean | undefined;
  readonly terminating: boolean | undefined;
  readonly nodeName: string | null;
  readonly zone: string | null;
  readonly zoneHints: readonly string[];
  readonly nodeHints: readonly string[];
  /** `namespace/name` of the Pod in `targetRef` (kind `Pod`), else `null`. */
  readonly pod: string | null;
  /** `targetRef.kind` as written (`''` when the kind is missing), or `null` when there is no `targetRef`. */
  readonly targetKind: string | null;
  /** `deprecatedTopology["kubernetes.io/hostname"]`, or `null` when absent. */
  readonly deprecatedHostname: string | null;
}

/** One EndpointSlice of the Service. */
export interface RawSlice {
  readonly name: string;
  readonly path: string;
  readonly addressType: string;
  readonly annotations: Readonly<Record<string, string>>;
  readonly ports: readonly RawSlicePort[];
  readonly endpoints: readonly RawEndpoint[];
}

/** The client node: name, zone label (`''` when none) and every label given. */
export interface ProfileNode {
  readonly name: string;
  readonly zone: string;
  readonly labels: Readonly<Record<string, string>>;
}

/** Everything a profile's rules read. */
export interface ProfileInput {
  readonly service: ServiceView;
  readonly port: PortRef;
  readonly ipFamily: IPFamily;
  readonly node: ProfileNode;
  /** The Service's slices (namespace and service-name label match), in input order. */
  readonly slices: readonly RawSlice[];
  /** kube-proxy's own answer (newest code) for the same input: the reference profiles are compared with. */
  readonly kubeProxy: CategorizedEndpoints;
  /** The raw input record (without `profile`), for profiles that run kube-proxy's code with other settings. */
  readonly record: Rec;
}

const EMPTY: readonly string[] = Object.freeze([]);

function names(list: unknown): readonly string[] {
  if (!Array.isArray(list)) return EMPTY;
  const out = list.map((h: unknown) => (isRec(h) && typeof h['name'] === 'string' ? h['name'] : ''));
  return Object.freeze([...new Set(out)].sort());
}

function bool(cond: Rec, key: string): boolean | undefined {
  const v = cond[key];
  return typeof v === 'boolean' ? v : undefined;
}

/**
 * Reads a profile query. kube-proxy's reader runs first and throws for malformed input; a Service
 * kube-proxy does not program is refused: no profile's source was read for that case.
 */
export function readProfileInput(record: Rec, node: unknown, profileId: string): ProfileInput {
  const prepared: PreparedService = prepareFrom(record);
  const reference = prepared.categorize(node as never);
  if (reference.kind !== 'proxied') {
    throw new KubeTrafficError([
      problem('profile-not-pinned', '$.service', `a Service kube-proxy programs (${profileId} was pinned for those only)`, `a Service kube-proxy does not program: ${reference.message}`),
    ]);
  }
  const reader = new Reader();
  const service = readService(reader, record['service'], '$.service');
  const identity = readNode(reader, node, '$.node');
  const labels = nodeLabels(node);
  const slices: RawSlice[] = [];
  reader.collection(record, 'endpointSlices', '$').forEach((raw, si) => {
    const slicePath = at('$.endpointSlices', si);
    if (!isRec(raw)) return;
    const meta = isRec(raw['metadata']) ? raw['metadata'] : {};
    const sliceLabels = isRec(meta['labels']) ? meta['labels'] : undefined;
    // Common reading: ownership by namespace and the service-name label.
    if (label(sliceLabels, SERVICE_NAME_LABEL) !== service.name || (typeof meta['namespace'] === 'string' ? meta['namespace'] : '') !== service.namespace) return;
    const annotations: Record<string, string> = {};
    if (isRec(meta['annotations'])) for (const [k, v] of Object.entries(meta['annotations'])) if (typeof v === 'string') annotations[k] = v;
    const addressType = typeof raw['addressType'] === 'string' ? raw['addressType'] : '';
    const ports: RawSlicePort[] = (Array.isArray(raw['ports']) ? raw['ports'] : []).filter(isRec).map((p: Rec) => ({
      name: typeof p['name'] === 'string' ? p['name'] : null,
      port: typeof p['port'] === 'number' && Number.isInteger(p['port']) && p['port'] > 0 ? p['port'] : null,
      protocol: typeof p['protocol'] === 'string' && p['protocol'] !== '' ? p['protocol'] : 'TCP',
    }));
    const sliceName = typeof meta['name'] === 'string' ? meta['name'] : '';
    const endpoints: RawEndpoint[] = [];
    (Array.isArray(raw['endpoints']) ? raw['endpoints'] : []).forEach((ep: unknown, ei: number) => {
      if (!isRec(ep)) return;
      const path = at(at(slicePath, 'endpoints'), ei);
      const addresses: RawAddress[] = [];
      if (addressType === 'IPv4' || addressType === 'IPv6') {
        (Array.isArray(ep['addresses']) ? ep['addresses'] : []).forEach((a: unknown, ai: number) => {
          const parsed = typeof a === 'string' ? parseIP(a) : undefined;
          // Profiles read every address, so each must be an IP (kube-proxy checks only the first).
          if (parsed === undefined) reader.report('invalid-ip', at(at(path, 'addresses'), ai), `an ${addressType} address (the slice's addressType)`, typeof a === 'string' ? `string ${JSON.stringify(a.slice(0, 60))}` : 'not a string');
          else addresses.push({ ip: parsed.text, family: parsed.family });
        });
      }
      const cond = isRec(ep['conditions']) ? ep['conditions'] : {};
      const hints = isRec(ep['hints']) ? ep['hints'] : {};
      const target = isRec(ep['targetRef']) ? ep['targetRef'] : undefined;
      const pod =
        target !== undefined && target['kind'] === 'Pod' && typeof target['name'] === 'string'
          ? `${typeof target['namespace'] === 'string' ? target['namespace'] : service.namespace}/${target['name']}`
          : null;
      endpoints.push({
        path,
        slice: sliceName,
        addresses,
        ready: bool(cond, 'ready'),
        serving: bool(cond, 'serving'),
        terminating: bool(cond, 'terminating'),
        nodeName: typeof ep['nodeName'] === 'string' ? ep['nodeName'] : null,
        zone: typeof ep['zone'] === 'string' ? ep['zone'] : null,
        zoneHints: names(hints['forZones']),
        nodeHints: names(hints['forNodes']),
        pod,
        targetKind: target === undefined ? null : typeof target['kind'] === 'string' ? target['kind'] : '',
        deprecatedHostname: isRec(ep['deprecatedTopology']) && typeof ep['deprecatedTopology'][HOSTNAME_LABEL] === 'string' ? ep['deprecatedTopology'][HOSTNAME_LABEL] : null,
      });
    });
    slices.push({ name: sliceName, path: slicePath, addressType, annotations, ports, endpoints });
  });
  reader.finish();
  return {
    service,
    port: reference.port,
    ipFamily: reference.ipFamily,
    node: { name: identity.name, zone: identity.zone, labels },
    slices,
    kubeProxy: reference,
    record,
  };
}

function nodeLabels(node: unknown): Readonly<Record<string, string>> {
  if (!isRec(node)) return {};
  const holder = isRec(node['metadata']) ? node['metadata'] : node;
  const out: Record<string, string> = {};
  if (isRec(holder['labels'])) for (const [k, v] of Object.entries(holder['labels'])) if (typeof v === 'string') out[k] = v;
  if (!isRec(node['metadata']) && typeof node['zone'] === 'string') out[ZONE_LABEL] = node['zone'];
  return out;
}

/** An endpoint key for one address and port. */
export function keyOf(ip: string, port: number): string {
  return endpointKey(ip, port);
}
