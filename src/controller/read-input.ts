/**
 * Checked reading of {@link computeHints}'s argument into the few facts the rules use. Every
 * problem is collected with its JSON path (rooted at the argument: `$.service.spec`,
 * `$.endpointSlices[2].endpoints[0].conditions.ready`) and thrown together.
 *
 * @module
 * @internal
 */
import type { Gates } from '../model/gates.js';
import { readGates, readVersion } from '../model/gates.js';
import type { KubernetesVersion } from '../model/releases.js';
import type { EndpointSliceInput } from '../model/input.js';
import { SERVICE_NAME_LABEL, ZONE_LABEL, CONTROL_PLANE_LABELS } from '../model/labels.js';
import { Reader, at, hasLabel, isRec, label, type Rec } from '../model/read.js';
import { parseQuantity, type Quantity } from './quantity.js';
import type { AddressType } from './types.js';

/** Label naming the controller that owns a slice; the EndpointSlice controller only touches its own. */
export const MANAGED_BY_LABEL = 'endpointslice.kubernetes.io/managed-by';
/** Value of {@link MANAGED_BY_LABEL} on slices the EndpointSlice controller manages. */
export const CONTROLLER_NAME = 'endpointslice-controller.k8s.io';

/** Existing hints of an endpoint: zone and node names (`name` absent reads as `""`, as Go does). */
export interface ParsedHints {
  readonly forZones: readonly string[];
  readonly forNodes: readonly string[];
}

/** What the rules read of one endpoint. */
export interface ParsedEndpoint {
  /** `conditions.ready` is present and true (controller-semantics 1.1). */
  readonly ready: boolean;
  /** `zone` as given; `undefined` when the key is absent or null. */
  readonly zone: string | undefined;
  readonly nodeName: string | undefined;
  /** `undefined` when the endpoint has no `hints` (Go: nil). */
  readonly hints: ParsedHints | undefined;
  /** First address, for reporting. */
  readonly address: string | null;
}

/** One slice of the Service. */
export interface ParsedSlice {
  /** Position in the `endpointSlices` argument. */
  readonly index: number;
  readonly addressType: AddressType;
  readonly endpoints: readonly ParsedEndpoint[];
  readonly source: EndpointSliceInput;
}

/** What the topology algorithm reads of one node (controller-semantics 3.1.1–3.1.3). */
export interface ParsedNode {
  readonly controlPlane: boolean;
  readonly ready: boolean;
  /** The zone label's value; `undefined` when absent. */
  readonly zone: string | undefined;
  /** `status.allocatable.cpu`; `undefined` when absent. */
  readonly cpu: Quantity | undefined;
}

/** What the rules read of the Service. */
export interface ParsedService {
  readonly annotations: Readonly<Record<string, string>> | undefined;
  /** `spec.trafficDistribution`, `undefined` when unset. */
  readonly trafficDistribution: string | undefined;
  /** Address types from `spec.ipFamilies`, IPv4 when absent or empty (controller-semantics 11). */
  readonly addressTypes: readonly AddressType[];
}

/** The whole argument, read. */
export interface ParsedInput {
  readonly service: ParsedService;
  /** The Service's own slices (controller-managed, matching name/namespace, IPv4/IPv6). */
  readonly slices: readonly ParsedSlice[];
  readonly nodes: readonly ParsedNode[];
  /** Every input slice, own or not, in input order (the result starts from these). */
  readonly allSlices: readonly EndpointSliceInput[];
  readonly gates: Gates;
  readonly kubernetesVersion: KubernetesVersion;
  /** The caller asked for an explanation. */
  readonly explain: boolean;
}

const ADDRESS_TYPES: readonly string[] = ['IPv4', 'IPv6'];

function readNames(r: Reader, hints: Rec, key: string, path: string): string[] {
  const list = r.array(hints, key, path);
  if (list === undefined) return [];
  const listPath = at(path, key);
  const names: string[] = [];
  for (let i = 0; i < list.length; i++) {
    const entry = list[i];
    if (!isRec(entry)) {
      r.fail('invalid-type', at(listPath, i), 'an object', entry);
      continue;
    }
    names.push(r.string(entry, 'name', at(listPath, i)) ?? '');
  }
  return names;
}

const isOptString = (v: unknown): v is string | null | undefined => v === undefined || v === null || typeof v === 'string';

/** Hint names when every entry is `{ name?: string }`; `undefined` when something is off. */
function fastNames(list: unknown): string[] | undefined {
  if (list === undefined || list === null) return [];
  if (!Array.isArray(list)) return undefined;
  const names: string[] = [];
  for (const entry of list as unknown[]) {
    if (!isRec(entry) || !isOptString(entry['name'])) return undefined;
    names.push((entry['name'] as string | null | undefined) ?? '');
  }
  return names;
}

/**
 * Reads a well-formed endpoint without building any JSON path (100,000 endpoints stay cheap);
 * `undefined` sends it to the checked reader, which reports what is wrong.
 */
function fastEndpoint(e: unknown): ParsedEndpoint | undefined {
  if (!isRec(e)) return undefined;
  const { addresses, conditions, zone, nodeName, hints } = e;
  let address: string | null = null;
  if (addresses !== undefined && addresses !== null) {
    if (!Array.isArray(addresses)) return undefined;
    for (const a of addresses as unknown[]) if (typeof a !== 'string') return undefined;
    address = (addresses[0] as string | undefined) ?? null;
  }
  let ready: unknown;
  if (conditions !== undefined && conditions !== null) {
    if (!isRec(conditions)) return undefined;
    ready = conditions['ready'];
    if (ready !== undefined && ready !== null && typeof ready !== 'boolean') return undefined;
  }
  if (!isOptString(zone) || !isOptString(nodeName)) return undefined;
  let parsedHints: ParsedHints | undefined;
  if (hints !== undefined && hints !== null) {
    if (!isRec(hints)) return undefined;
    const forZones = fastNames(hints['forZones']);
    const forNodes = fastNames(hints['forNodes']);
    if (forZones === undefined || forNodes === undefined) return undefined;
    parsedHints = { forZones, forNodes };
  }
  return { ready: ready === true, zone: zone ?? undefined, nodeName: nodeName ?? undefined, hints: parsedHints, address };
}

function readEndpoint(r: Reader, e: unknown, path: string): ParsedEndpoint | undefined {
  if (!isRec(e)) return r.fail('invalid-type', path, 'an object', e);
  const addresses = r.array(e, 'addresses', path);
  let address: string | null = null;
  if (addresses !== undefined) {
    for (let i = 0; i < addresses.length; i++) {
      const a = r.string(addresses, i, at(path, 'addresses'));
      if (i === 0 && a !== undefined) address = a;
    }
  }
  const conditions = r.object(e, 'conditions', path);
  const ready = conditions === undefined ? undefined : r.boolean(conditions, 'ready', at(path, 'conditions'));
  const rawHints = r.object(e, 'hints', path);
  let hints: ParsedHints | undefined;
  if (rawHints !== undefined) {
    const hintsPath = at(path, 'hints');
    hints = { forZones: readNames(r, rawHints, 'forZones', hintsPath), forNodes: readNames(r, rawHints, 'forNodes', hintsPath) };
  }
  return {
    ready: ready === true,
    zone: r.string(e, 'zone', path),
    nodeName: r.string(e, 'nodeName', path),
    hints,
    address,
  };
}

/**
 * A slice belongs to the Service unless something says otherwise: its service-name label names
 * another Service, its namespace differs, another controller manages it, or it is an FQDN slice.
 * A slice without those labels is taken as the Service's own, since the caller passed it.
 */
function isOwnSlice(meta: Rec | undefined, labels: Rec | undefined, serviceName: string | undefined, serviceNs: string | undefined): boolean {
  const name = label(labels, SERVICE_NAME_LABEL);
  if (name !== undefined && serviceName !== undefined && name !== serviceName) return false;
  const ns = meta === undefined ? undefined : meta['namespace'];
  if (typeof ns === 'string' && ns !== '' && serviceNs !== undefined && serviceNs !== '' && ns !== serviceNs) return false;
  // The controller only lists slices labelled as its own (reconciler: managed-by selector).
  if (hasLabel(labels, MANAGED_BY_LABEL) && label(labels, MANAGED_BY_LABEL) !== CONTROLLER_NAME) return false;
  return true;
}

function readService(r: Reader, args: Rec): { service: ParsedService; name: string | undefined; namespace: string | undefined } {
  const service = r.object(args, 'service', '$');
  const empty: ParsedService = { annotations: undefined, trafficDistribution: undefined, addressTypes: ['IPv4'] };
  if (service === undefined) {
    if (args['service'] === undefined || args['service'] === null) r.report('required', '$.service', 'a Service object', 'nothing');
    return { service: empty, name: undefined, namespace: undefined };
  }
  const meta = r.object(service, 'metadata', '$.service');
  const annotations = meta === undefined ? undefined : r.stringMap(meta, 'annotations', '$.service.metadata');
  const name = meta === undefined ? undefined : r.string(meta, 'name', '$.service.metadata');
  const namespace = meta === undefined ? undefined : r.string(meta, 'namespace', '$.service.metadata');
  const spec = r.object(service, 'spec', '$.service');
  if (spec === undefined) {
    if (service['spec'] === undefined || service['spec'] === null) r.report('required', '$.service.spec', 'the Service spec', 'nothing');
    return { service: { ...empty, annotations }, name, namespace };
  }
  const trafficDistribution = r.string(spec, 'trafficDistribution', '$.service.spec');
  const families = r.array(spec, 'ipFamilies', '$.service.spec') ?? [];
  const addressTypes: AddressType[] = [];
  families.forEach((f, i) => {
    const path = at('$.service.spec.ipFamilies', i);
    if (typeof f !== 'string') r.fail('invalid-type', path, 'a string', f);
    else if (!ADDRESS_TYPES.includes(f)) r.fail('invalid-value', path, 'IPv4 or IPv6', f);
    else if (!addressTypes.includes(f as AddressType)) addressTypes.push(f as AddressType);
  });
  if (addressTypes.length === 0) addressTypes.push('IPv4');
  return { service: { annotations, trafficDistribution, addressTypes }, name, namespace };
}

function readSlice(r: Reader, s: Rec, index: number, path: string, addressType: AddressType): ParsedSlice {
  const raw = r.array(s, 'endpoints', path) ?? [];
  const endpointsPath = at(path, 'endpoints');
  const endpoints: ParsedEndpoint[] = [];
  for (let i = 0; i < raw.length; i++) {
    const e = fastEndpoint(raw[i]) ?? readEndpoint(r, raw[i], at(endpointsPath, i));
    // A broken endpoint is reported; a placeholder keeps indexes aligned until finish() throws.
    endpoints.push(e ?? { ready: false, zone: undefined, nodeName: undefined, hints: undefined, address: null });
  }
  return { index, addressType, endpoints, source: s as EndpointSliceInput };
}

function readNode(r: Reader, n: unknown, path: string): ParsedNode | undefined {
  if (!isRec(n)) return r.fail('invalid-type', path, 'a Node object', n);
  const meta = r.object(n, 'metadata', path);
  const labels = meta === undefined ? undefined : r.stringMap(meta, 'labels', at(path, 'metadata'));
  const status = r.object(n, 'status', path);
  const statusPath = at(path, 'status');
  let ready = false;
  let cpu: Quantity | undefined;
  if (status !== undefined) {
    const conditions = r.array(status, 'conditions', statusPath) ?? [];
    let seen = false;
    conditions.forEach((c, i) => {
      const cPath = at(at(statusPath, 'conditions'), i);
      if (!isRec(c)) return void r.fail('invalid-type', cPath, 'an object', c);
      const type = r.string(c, 'type', cPath);
      const value = r.string(c, 'status', cPath);
      // controller-semantics 3.1.1: the first Ready condition decides.
      if (type === 'Ready' && !seen) {
        seen = true;
        ready = value === 'True';
      }
    });
    const allocatable = r.object(status, 'allocatable', statusPath);
    if (allocatable !== undefined) {
      const cpuPath = at(at(statusPath, 'allocatable'), 'cpu');
      const v = allocatable['cpu'];
      if (typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v))) {
        cpu = parseQuantity(String(v));
        if (cpu === undefined) r.fail('invalid-quantity', cpuPath, 'a Kubernetes quantity such as "4" or "3500m"', v);
      } else if (v !== undefined && v !== null) r.fail('invalid-type', cpuPath, 'a quantity string', v);
    }
  }
  return {
    controlPlane: CONTROL_PLANE_LABELS.some((l) => hasLabel(labels, l)),
    ready,
    zone: label(labels, ZONE_LABEL),
    cpu,
  };
}

/**
 * Reads the argument of `computeHints`, throwing a `KubeTrafficError` listing every problem.
 *
 * @example
 * ```ts
 * readHintsInput({ service: { spec: {} } }).service.addressTypes; // => ['IPv4']
 * ```
 */
export function readHintsInput(args: unknown): ParsedInput {
  const r = new Reader();
  if (!isRec(args)) {
    r.fail('invalid-type', '$', 'an object with service, endpointSlices and nodes', args);
    r.finish();
  }
  const a = args as Rec;
  const { service, name, namespace } = readService(r, a);
  const kubernetesVersion = readVersion(r, a, '$');
  const gates = readGates(r, a, 'gates', '$', kubernetesVersion);

  const rawSlices = r.collection(a, 'endpointSlices', '$');
  const slicesPath = isRec(a['endpointSlices']) ? '$.endpointSlices.items' : '$.endpointSlices';
  const slices: ParsedSlice[] = [];
  rawSlices.forEach((s, i) => {
    const path = at(slicesPath, i);
    if (!isRec(s)) return void r.fail('invalid-type', path, 'an EndpointSlice object', s);
    const meta = r.object(s, 'metadata', path);
    const labels = meta === undefined ? undefined : r.stringMap(meta, 'labels', at(path, 'metadata'));
    if (!isOwnSlice(meta, labels, name, namespace)) return;
    const addressType = r.string(s, 'addressType', path);
    if (addressType === undefined) {
      if (s['addressType'] === undefined || s['addressType'] === null) r.report('required', at(path, 'addressType'), 'IPv4, IPv6 or FQDN', 'nothing');
      return;
    }
    if (addressType === 'FQDN') return; // never managed by the EndpointSlice controller
    if (!ADDRESS_TYPES.includes(addressType)) return void r.fail('invalid-value', at(path, 'addressType'), 'IPv4, IPv6 or FQDN', addressType);
    slices.push(readSlice(r, s, i, path, addressType as AddressType));
  });

  const rawNodes = r.collection(a, 'nodes', '$');
  const nodesPath = isRec(a['nodes']) ? '$.nodes.items' : '$.nodes';
  const nodes: ParsedNode[] = [];
  rawNodes.forEach((n, i) => {
    const node = readNode(r, n, at(nodesPath, i));
    if (node !== undefined) nodes.push(node);
  });
  const explain = r.boolean(a, 'explain', '$') ?? false;
  r.finish();
  return { service, slices, nodes, allSlices: rawSlices as readonly EndpointSliceInput[], gates, kubernetesVersion, explain };
}
