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
import { ZONE_LABEL, CONTROL_PLANE_LABELS } from '../model/labels.js';
import { checkKind, kindMismatch } from '../model/kinds.js';
import { Reader, at, hasLabel, isRec, label, type Rec } from '../model/read.js';
import { type NotManagedCause, type SliceExclusion, serviceNotManaged, sliceExclusion } from './ownership.js';
import { decideHintsPath, type HintsDecision } from './precedence.js';
import { type ControllerRules, controllerReleaseRules } from './release-rules.js';
import { parseQuantity, type Quantity } from './quantity.js';
import type { AddressType, ZoneRatio } from './types.js';
import { ZoneCpuTally } from './zones.js';
import { type CheckedEndpoint, isReady, zoneOf } from './endpoint-terms.js';
import { hintsAsWanted } from './traffic-distribution.js';

export { CONTROLLER_NAME, MANAGED_BY_LABEL } from './ownership.js';

/** One slice of the Service. */
export interface ParsedSlice {
  /** Position in the `endpointSlices` argument. */
  readonly index: number;
  readonly addressType: AddressType;
  /** The input endpoints themselves, every field the rules read checked (read them with `endpoint-terms.ts`). */
  readonly endpoints: readonly CheckedEndpoint[];
  /** `isReady` of each endpoint (controller.md §1.1), read once: every rule asks it again and again. */
  readonly ready: readonly boolean[];
  /** How many endpoints are ready (topologycache `numReadyEndpoints`). */
  readonly readyCount: number;
  /**
   * On the `trafficDistribution` path: every ready endpoint already carries exactly the hints the
   * heuristic wants (controller.md §5.3, {@link hintsAsWanted}), so the slice is left alone.
   * Asked in the walk that checks the endpoints: a steady-state call then reads each of its
   * 100,000 endpoints once. `false` on the other paths, which do not ask.
   */
  readonly hintsAsWanted: boolean;
  /**
   * On the topology (Auto) path: how many ready endpoints each zone has, counted in the walk that
   * checks the endpoints (topologycache `AddHints` starts each ready endpoint in its own zone and
   * counts it there). Empty on the other paths, which do not ask.
   */
  readonly readyByZone: ReadonlyMap<string, number>;
  /** On the topology (Auto) path: some ready endpoint has no zone or `""` (controller.md §3.5). */
  readonly zonelessReady: boolean;
  readonly source: EndpointSliceInput;
}

/** What the topology algorithm reads of one node (controller.md §3.1). */
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
  /** Address types from `spec.ipFamilies`, IPv4 when absent or empty (controller.md §1.5). */
  readonly addressTypes: readonly AddressType[];
  /** Why the controller leaves the Service alone (controller.md §0.1, §0.2); `null` when it manages it. */
  readonly notManaged: NotManagedCause | null;
}

/** An input slice that is not the controller's (returned exactly as given). */
export interface OtherSlice {
  /** Position in the `endpointSlices` argument. */
  readonly index: number;
  /** `metadata.name`, `''` when absent. */
  readonly name: string;
  /** `addressType` when it is a string, else `undefined`. */
  readonly addressType: string | undefined;
  /** Why it is not the controller's; `service-not-managed` when the whole Service is not. */
  readonly reason: SliceExclusion | 'service-not-managed';
}

/** The whole argument, read. */
export interface ParsedInput {
  readonly service: ParsedService;
  /** The controller's slices of the Service (controller.md §0.3), IPv4/IPv6. */
  readonly slices: readonly ParsedSlice[];
  /** Every other input slice, in input order: never read beyond its metadata, returned as given. */
  readonly otherSlices: readonly OtherSlice[];
  /**
   * Zone CPU ratios of the nodes (controller.md §3.1, {@link zoneCpuRatios}; `undefined` when
   * node information is insufficient), read only when the path reads nodes (topology Auto,
   * controller.md §0.4); `null` otherwise.
   */
  readonly zoneRatios: readonly ZoneRatio[] | undefined | null;
  /** Every input slice, own or not, in input order (the result starts from these). */
  readonly allSlices: readonly EndpointSliceInput[];
  readonly gates: Gates;
  readonly kubernetesVersion: KubernetesVersion;
  /** The release's rules under the effective gates. */
  readonly rules: ControllerRules;
  /** The path (controller.md §2.3), decided once here because it says whether nodes are read. */
  readonly decision: HintsDecision;
  /** The caller asked for an explanation. */
  readonly explain: boolean;
}

const ADDRESS_TYPES: readonly string[] = ['IPv4', 'IPv6'];

function checkNames(r: Reader, hints: Rec, key: string, path: string): void {
  const list = r.array(hints, key, path);
  if (list === undefined) return;
  const listPath = at(path, key);
  for (let i = 0; i < list.length; i++) {
    const entry = list[i];
    if (!isRec(entry)) r.fail('invalid-type', at(listPath, i), 'an object with a name', entry);
    else r.string(entry, 'name', at(listPath, i));
  }
}

const isOptString = (v: unknown): boolean => v === undefined || v === null || typeof v === 'string';

/** True when a hint list is absent, `null` or holds only `{ name?: string }` entries. */
function namesFit(list: unknown): boolean {
  if (list === undefined || list === null) return true;
  if (!Array.isArray(list)) return false;
  for (let i = 0; i < list.length; i++) {
    const entry: unknown = list[i];
    if (!isRec(entry) || !isOptString(entry['name'])) return false;
  }
  return true;
}

/**
 * True when every field the rules read of an endpoint has its type. Builds no JSON path and
 * allocates nothing, so 100,000 well-formed endpoints stay cheap; `false` sends the endpoint to
 * {@link checkEndpoint}, which says what is wrong (the two accept exactly the same endpoints).
 */
export function endpointFits(e: unknown): boolean {
  if (!isRec(e)) return false;
  const { addresses, conditions, zone, nodeName, hints } = e;
  if (addresses !== undefined && addresses !== null) {
    if (!Array.isArray(addresses)) return false;
    for (let i = 0; i < addresses.length; i++) if (typeof addresses[i] !== 'string') return false;
  }
  if (conditions !== undefined && conditions !== null) {
    if (!isRec(conditions)) return false;
    const ready = conditions['ready'];
    if (ready !== undefined && ready !== null && typeof ready !== 'boolean') return false;
  }
  if (!isOptString(zone) || !isOptString(nodeName)) return false;
  if (hints !== undefined && hints !== null) {
    if (!isRec(hints) || !namesFit(hints['forZones']) || !namesFit(hints['forNodes'])) return false;
  }
  return true;
}

/** Records every problem of an endpoint that {@link endpointFits} refused, with its path. */
export function checkEndpoint(r: Reader, e: unknown, path: string): void {
  if (!isRec(e)) return void r.fail('invalid-type', path, 'an endpoint object', e);
  const addresses = r.array(e, 'addresses', path);
  if (addresses !== undefined) for (let i = 0; i < addresses.length; i++) r.string(addresses, i, at(path, 'addresses'));
  const conditions = r.object(e, 'conditions', path);
  if (conditions !== undefined) r.boolean(conditions, 'ready', at(path, 'conditions'));
  const hints = r.object(e, 'hints', path);
  if (hints !== undefined) {
    const hintsPath = at(path, 'hints');
    checkNames(r, hints, 'forZones', hintsPath);
    checkNames(r, hints, 'forNodes', hintsPath);
  }
  r.string(e, 'zone', path);
  r.string(e, 'nodeName', path);
}

const SERVICE_TYPES: readonly string[] = ['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName'];

interface ServiceRead {
  readonly service: ParsedService;
  readonly name: string;
  readonly namespace: string;
}

function readService(r: Reader, args: Rec): ServiceRead {
  // Problems in the kube-proxy reader's words (src/proxy/service.ts), so that every entry point
  // reports the same problem for the same field (test/model/shared-fields.prop.test.ts).
  const raw = args['service'];
  const empty: ParsedService = { annotations: undefined, trafficDistribution: undefined, addressTypes: ['IPv4'], notManaged: null };
  if (!isRec(raw)) {
    r.fail(raw === undefined || raw === null ? 'required' : 'invalid-type', '$.service', 'a Service object', raw);
    return { service: empty, name: '', namespace: '' };
  }
  const service = raw;
  checkKind(r, service, 'Service', '$.service');
  const meta = r.object(service, 'metadata', '$.service') ?? {};
  const annotations = r.stringMap(meta, 'annotations', '$.service.metadata');
  const name = r.string(meta, 'name', '$.service.metadata');
  // The controller lists slices by the Service's name (service-name label): without one nothing is its own.
  if (name === undefined || name === '') r.fail('required', '$.service.metadata.name', 'the Service name', meta['name']);
  const namespace = r.string(meta, 'namespace', '$.service.metadata') ?? '';
  const spec = r.object(service, 'spec', '$.service');
  if (spec === undefined) {
    if (service['spec'] === undefined || service['spec'] === null) r.fail('required', '$.service.spec', 'a Service spec object', service['spec']);
    return { service: { ...empty, annotations }, name: name ?? '', namespace };
  }
  const trafficDistribution = r.string(spec, 'trafficDistribution', '$.service.spec');
  let type = r.string(spec, 'type', '$.service.spec');
  if (type !== undefined && type !== '' && !SERVICE_TYPES.includes(type)) {
    r.fail('invalid-value', '$.service.spec.type', `one of ${SERVICE_TYPES.join(', ')}`, type);
    type = undefined;
  }
  const selector = r.stringMap(spec, 'selector', '$.service.spec');
  const families = r.array(spec, 'ipFamilies', '$.service.spec') ?? [];
  const addressTypes: AddressType[] = [];
  // A loop, with the path built only for a problem: the common case reads one or two families.
  for (let i = 0; i < families.length; i++) {
    const f = families[i];
    if (typeof f !== 'string') r.fail('invalid-type', at('$.service.spec.ipFamilies', i), 'a string', f);
    else if (!ADDRESS_TYPES.includes(f)) r.fail('invalid-value', at('$.service.spec.ipFamilies', i), 'IPv4 or IPv6', f);
    else if (!addressTypes.includes(f as AddressType)) addressTypes.push(f as AddressType);
  }
  if (addressTypes.length === 0) addressTypes.push('IPv4');
  const notManaged = serviceNotManaged(type, selector);
  return { service: { annotations, trafficDistribution, addressTypes, notManaged }, name: name ?? '', namespace };
}

/**
 * What the path asks of each ready endpoint in the walk that checks them (so the endpoints are
 * read once): whether its hints are as wanted (`trafficDistribution`), or its zone, counted
 * (topology Auto). Nothing on the removal path.
 */
interface WalkQuestions {
  readonly hintsTest: ((e: CheckedEndpoint) => boolean) | undefined;
  readonly countZones: boolean;
}

const NO_ZONES: ReadonlyMap<string, number> = new Map();

function readSlice(r: Reader, s: Rec, index: number, path: string, addressType: AddressType, asks: WalkQuestions): ParsedSlice {
  const endpoints = r.array(s, 'endpoints', path) ?? [];
  const ready = new Array<boolean>(endpoints.length);
  let readyCount = 0;
  const { hintsTest, countZones } = asks;
  let asWanted = hintsTest !== undefined;
  let readyByZone = NO_ZONES;
  let zonelessReady = false;
  // Zones come in runs (endpoints of one zone side by side): one map update per run.
  let runZone = '';
  let run = 0;
  for (let i = 0; i < endpoints.length; i++) {
    const e = endpoints[i];
    const fits = endpointFits(e);
    if (!fits) checkEndpoint(r, e, at(at(path, 'endpoints'), i));
    ready[i] = fits && isReady(e as CheckedEndpoint);
    if (!ready[i]) continue;
    readyCount++;
    if (asWanted && !hintsTest!(e as CheckedEndpoint)) asWanted = false;
    if (countZones) {
      const zone = zoneOf(e as CheckedEndpoint);
      if (zone === undefined || zone === '') zonelessReady = true;
      else if (zone === runZone) run++;
      else {
        if (readyByZone === NO_ZONES) readyByZone = new Map();
        if (run > 0) (readyByZone as Map<string, number>).set(runZone, (readyByZone.get(runZone) ?? 0) + run);
        runZone = zone;
        run = 1;
      }
    }
  }
  if (run > 0) (readyByZone as Map<string, number>).set(runZone, (readyByZone.get(runZone) ?? 0) + run);
  // Checked: a problem above makes finish() throw before any rule reads these.
  return {
    index,
    addressType,
    endpoints: endpoints as readonly CheckedEndpoint[],
    ready,
    readyCount,
    hintsAsWanted: asWanted,
    readyByZone,
    zonelessReady,
    source: s as EndpointSliceInput,
  };
}

/** Parsed CPU texts of one call: nodes of one instance type share a few texts (`"4"`, `"3920m"`). */
export type QuantityCache = Map<string, Quantity | undefined>;

function cpuOf(text: string, cache: QuantityCache): Quantity | undefined {
  const known = cache.get(text);
  if (known !== undefined || cache.has(text)) return known;
  const q = parseQuantity(text);
  cache.set(text, q);
  return q;
}

const isOptRec = (v: unknown): boolean => v === undefined || v === null || isRec(v);

/**
 * True when a slice's `metadata.labels` is absent, `null` or a map of strings and its
 * `namespace` absent, `null` or a string: exactly when `Reader.stringMap` and `Reader.string`
 * record no problem (for…in with hasOwn visits the own enumerable keys `Object.keys` lists).
 */
export function metadataFits(meta: Rec): boolean {
  const { labels, namespace } = meta;
  if (!isOptString(namespace) || !isOptRec(labels)) return false;
  if (isRec(labels)) for (const key in labels) if (Object.hasOwn(labels, key) && typeof labels[key] !== 'string') return false;
  return true;
}

/**
 * Reads a well-formed node without building any JSON path; `undefined` sends it to
 * {@link readNode}, which reports what is wrong (the two accept exactly the same nodes).
 */
export function fastNode(n: unknown, cache: QuantityCache): ParsedNode | undefined {
  if (!isRec(n) || kindMismatch(n, 'Node') !== null) return undefined;
  const { metadata, status } = n;
  if (!isOptRec(metadata) || !isOptRec(status)) return undefined;
  const labels = isRec(metadata) ? metadata['labels'] : undefined;
  if (!isOptRec(labels)) return undefined;
  // for…in, not Object.keys: no array per node. Inherited keys are not labels, hence hasOwn.
  if (isRec(labels)) for (const key in labels) if (Object.hasOwn(labels, key) && typeof labels[key] !== 'string') return undefined;
  let ready = false;
  let cpu: Quantity | undefined;
  if (isRec(status)) {
    const { conditions, allocatable } = status;
    if (conditions !== undefined && conditions !== null) {
      if (!Array.isArray(conditions)) return undefined;
      let seen = false;
      for (const c of conditions as unknown[]) {
        if (!isRec(c) || !isOptString(c['type']) || !isOptString(c['status'])) return undefined;
        // controller.md §3.1: the first Ready condition decides.
        if (c['type'] === 'Ready' && !seen) {
          seen = true;
          ready = c['status'] === 'True';
        }
      }
    }
    if (!isOptRec(allocatable)) return undefined;
    const v = isRec(allocatable) ? allocatable['cpu'] : undefined;
    if (typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v))) {
      cpu = cpuOf(String(v), cache);
      if (cpu === undefined) return undefined;
    } else if (v !== undefined && v !== null) return undefined;
  }
  const nodeLabels = labels as Rec | undefined;
  return { controlPlane: isControlPlane(nodeLabels), ready, zone: label(nodeLabels, ZONE_LABEL), cpu };
}

/** controller.md §3.1: a node with either control-plane label (any value) is not counted. */
function isControlPlane(labels: Rec | undefined): boolean {
  for (const key of CONTROL_PLANE_LABELS) if (hasLabel(labels, key)) return true;
  return false;
}

export function readNode(r: Reader, n: unknown, path: string): ParsedNode | undefined {
  if (!isRec(n)) return r.fail('invalid-type', path, 'a Node object', n);
  checkKind(r, n, 'Node', path);
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
      // controller.md §3.1: the first Ready condition decides.
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
    controlPlane: isControlPlane(labels),
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
  // The path (controller.md §2.3) needs only the Service and the gates. Decided before the slices
  // are read, because it says whether nodes are read and what the endpoint walk asks.
  const rules = controllerReleaseRules(kubernetesVersion, gates);
  const decision = decideHintsPath(service.annotations, service.trafficDistribution, rules.gates);
  const asks: WalkQuestions = {
    hintsTest: decision.path === 'traffic-distribution' ? (e) => hintsAsWanted(e, decision.trafficDistribution, rules.emptyZoneHint) : undefined,
    countZones: decision.path === 'topology-auto',
  };

  const { items: rawSlices, path: slicesPath } = r.list(a, 'endpointSlices', '$');
  const slices: ParsedSlice[] = [];
  const otherSlices: OtherSlice[] = [];
  const owner = { name, namespace };
  const other = (s: Rec, i: number, reason: OtherSlice['reason']): void => {
    const meta = isRec(s['metadata']) ? s['metadata'] : undefined;
    const sliceName = meta !== undefined && typeof meta['name'] === 'string' ? meta['name'] : '';
    otherSlices.push({ index: i, name: sliceName, addressType: typeof s['addressType'] === 'string' ? s['addressType'] : undefined, reason });
  };
  const readOne = (s: unknown, i: number): void => {
    const path = at(slicesPath, i);
    if (!isRec(s)) return void r.fail('invalid-type', path, 'an EndpointSlice object', s);
    if (!checkKind(r, s, 'EndpointSlice', path)) return;
    // 0.1, 0.2: an unmanaged Service's slices are not read at all.
    if (service.notManaged !== null) return other(s, i, 'service-not-managed');
    const meta = r.object(s, 'metadata', path);
    // Read by sliceExclusion too: labels that are not strings, or a namespace that is not a
    // string, are bad input, as kube-proxy says, not a slice of another Service returned as given.
    // Checked without paths first; the checked readers (which build them) only say what is wrong.
    if (meta !== undefined && !metadataFits(meta)) {
      const metaPath = at(path, 'metadata');
      r.stringMap(meta, 'labels', metaPath);
      r.string(meta, 'namespace', metaPath);
    }
    const exclusion = sliceExclusion(s, owner);
    if (exclusion !== null) return other(s, i, exclusion);
    const addressType = r.string(s, 'addressType', path);
    if (addressType === undefined) {
      if (s['addressType'] === undefined || s['addressType'] === null) r.report('required', at(path, 'addressType'), 'IPv4, IPv6 or FQDN', 'nothing');
      return;
    }
    if (!ADDRESS_TYPES.includes(addressType)) return void r.fail('invalid-value', at(path, 'addressType'), 'IPv4, IPv6 or FQDN', addressType);
    slices.push(readSlice(r, s, i, path, addressType as AddressType, asks));
  };
  // An index loop, not forEach: forEach skips a hole (`[slice, , slice]`, possible from code, not
  // from JSON), and a hole is bad input here, as it is on the kube-proxy side.
  for (let i = 0; i < rawSlices.length; i++) readOne(rawSlices[i], i);

  // 0.4: only the topology (Auto) path reads nodes; every other path neither reads nor checks them.
  const readsNodes = service.notManaged === null && decision.path === 'topology-auto';
  let zoneRatios: readonly ZoneRatio[] | undefined | null = null;
  if (readsNodes) {
    const { items: rawNodes, path: nodesPath } = r.list(a, 'nodes', '$');
    const cache: QuantityCache = new Map();
    // Each node is counted as it is read: no record of it is kept (see ZoneCpuTally).
    const tally = new ZoneCpuTally();
    // Index loop for the same reason as the slices': a hole is reported, not skipped.
    for (let i = 0; i < rawNodes.length; i++) {
      const n = rawNodes[i];
      const node = fastNode(n, cache) ?? readNode(r, n, at(nodesPath, i));
      if (node !== undefined) tally.add(node);
    }
    // Only once every node is checked: a problem makes finish() throw first anyway.
    if (r.problems.length === 0) zoneRatios = tally.ratios();
  }
  const explain = r.boolean(a, 'explain', '$') ?? false;
  r.finish();
  return { service, slices, otherSlices, zoneRatios, allSlices: rawSlices as readonly EndpointSliceInput[], gates, kubernetesVersion, rules, decision, explain };
}
