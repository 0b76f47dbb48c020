/**
 * EndpointSlices → the endpoints of one Service port, as kube-proxy's EndpointSlice cache
 * builds them (kube-proxy.md §3): slice ownership, address type, port match by name and
 * protocol, first address only in canonical text, nil condition defaults, hints, and duplicates
 * across slices merged.
 *
 * @module
 */
import type { Endpoint } from '../model/endpoint.js';
import { checkKind } from '../model/kinds.js';
import { HEADLESS_LABEL, SERVICE_NAME_LABEL, SERVICE_PROXY_NAME_LABEL } from '../model/labels.js';
import { describe } from '../model/errors.js';
import { type Rec, type Reader, at, hasLabel, isRec, label } from '../model/read.js';
import type { DuplicateRule } from '../model/releases.js';
import { type Copy, laterCopyReplaces } from './duplicates.js';
import { type IPFamily, canonicalIPv4Number, joinKey, parseIP } from '../util/ip.js';

/** What one conversion looks for. */
export interface EndpointFilter {
  readonly namespace: string;
  readonly serviceName: string;
  readonly family: IPFamily;
  /** The Service port's name (`''` when unnamed). */
  readonly portName: string;
  /** The Service port's protocol. */
  readonly protocol: string;
  /** Read `hints.forNodes` (gate PreferSameTrafficDistribution). */
  readonly nodeHints: boolean;
  /** How duplicate `IP:port` copies are resolved (kube-proxy.md §3.9); default the newest rule. */
  readonly duplicates?: DuplicateRule;
}

/**
 * Every copy of each `IP:port` found in more than one place, in input order, by key. The copy in
 * the returned endpoints is the one every node shares; `keptCopy` (./duplicates.ts) says which
 * copy a given node sees.
 */
export type DuplicateGroups = Map<string, Copy[]>;

/**
 * Why a slice or an endpoint of the input contributed nothing. Stable codes.
 *
 * - `other-service`: the slice belongs to another Service or namespace (or has no service-name label).
 * - `hidden-slice`: the slice carries `service-proxy-name` or `headless`, which kube-proxy does not watch.
 * - `other-family`: the slice's `addressType` is not the proxier's family (includes FQDN slices).
 * - `other-port`: the slice has no port with this name and protocol (and a non-zero number).
 * - `no-addresses`: the endpoint has no address.
 * - `duplicate`: another slice's copy of the same `IP:port` was kept instead (explanations report
 *   it from the duplicates rule for the client's node; the conversion itself does not).
 *
 * @category kube-proxy
 * @example
 * ```ts
 * const r = categorizeEndpoints({ ...input, explain: true });
 * r.explanation?.find((s) => s.code === 'endpoint-duplicate'); // a skipped copy, with its path
 * ```
 */
export type SkipReason = 'other-service' | 'hidden-slice' | 'other-family' | 'other-port' | 'no-addresses' | 'duplicate';

/** One input item that contributed nothing, and why. */
export interface Skipped {
  readonly reason: SkipReason;
  /** JSON path of the slice or endpoint. */
  readonly path: string;
  /** Name of the slice. */
  readonly slice: string;
  /** The endpoint key (`IP:port`) where the skipped item is an endpoint with an address. */
  readonly key?: string;
  /** For a skipped slice: the first address of each of its endpoints (`''` where it has none). */
  readonly addresses?: readonly string[];
}

/** Receives what a conversion skipped. */
export type SkipSink = (skipped: Skipped) => void;

/** What a conversion noticed beyond the endpoints, for explanations. */
export interface ConversionFacts {
  /**
   * Some kept endpoint carries a node hint that was not read because `nodeHints` is off (what
   * its `nodeHints` would hold with the gate on is not empty).
   */
  ignoredNodeHints: boolean;
}

const EMPTY: readonly string[] = Object.freeze([]);
/** What an endpoint without `conditions` is read from (every flag takes its nil default). */
const NO_CONDITIONS: Rec = Object.freeze({});

/** Interns the frozen one-name hint lists, which nearly every endpoint has. */
type HintCache = Map<string, readonly string[]>;

/**
 * The names of one hint list, `list` being the value of `hints[key]`: the caller reads it by its
 * literal name, which V8 looks up faster than by a variable key.
 */
function hintNames(reader: Reader, list: unknown, key: string, base: string, entry: number, cache: HintCache): readonly string[] {
  if (list === undefined || list === null) return EMPTY;
  if (!Array.isArray(list)) return reader.fail('invalid-type', at(at(at(base, entry), 'hints'), key), 'an array', list) ?? EMPTY;
  if (list.length === 0) return EMPTY;
  const first: unknown = list[0];
  if (list.length === 1 && isRec(first) && typeof first['name'] === 'string') {
    // Nearly every endpoint has one hint: share one frozen list per name.
    const only = first['name'];
    let interned = cache.get(only);
    if (interned === undefined) cache.set(only, (interned = Object.freeze([only])));
    return interned;
  }
  // The entry's path is `base[entry]`, built only for a problem.
  const parent = (): string => at(base, entry);
  const names: string[] = [];
  list.forEach((h: unknown, i) => {
    const hintPath = (): string => at(at(at(parent(), 'hints'), key), i);
    if (!isRec(h)) {
      reader.fail('invalid-type', hintPath(), 'an object with a name', h);
      return;
    }
    const name = h['name'];
    // kube-proxy inserts hint.Name as it is; Go reads a missing name as "".
    if (typeof name === 'string') names.push(name);
    else if (name === undefined || name === null) names.push('');
    else reader.fail('invalid-type', at(hintPath(), 'name'), 'a string', name);
  });
  if (names.length === 1) {
    // Nearly every endpoint has one hint: share one frozen list per name.
    const only = names[0]!;
    let interned = cache.get(only);
    if (interned === undefined) cache.set(only, (interned = Object.freeze([only])));
    return interned;
  }
  return Object.freeze([...new Set(names)].sort());
}

/**
 * Whether `hints.forNodes` would give a non-empty list if it were read: an entry that is an
 * object with a string, missing or null name (what {@link hintNames} keeps).
 */
function carriesNodeHint(hints: Rec | undefined): boolean {
  const list = hints?.['forNodes'];
  if (!Array.isArray(list)) return false;
  return list.some((h: unknown) => isRec(h) && (typeof h['name'] === 'string' || h['name'] === undefined || h['name'] === null));
}

/** The first address of each endpoint of a raw slice, for explanations of skipped slices. */
function firstAddresses(slice: Rec): readonly string[] {
  const endpoints = slice['endpoints'];
  if (!Array.isArray(endpoints)) return [];
  // A loop, not Array#map: input arrays may carry an own `constructor` key, which map reads.
  const out: string[] = [];
  for (let i = 0; i < endpoints.length; i++) {
    const ep: unknown = endpoints[i];
    const addresses = isRec(ep) ? ep['addresses'] : undefined;
    const first: unknown = Array.isArray(addresses) ? addresses[0] : undefined;
    out.push(typeof first === 'string' ? first : '');
  }
  return out;
}

/** A condition flag with its nil default (kube-proxy.md §3.6). */
function flag(reader: Reader, cond: Rec, key: string, fallback: boolean, base: string, entry: number): boolean {
  const v = cond[key];
  if (typeof v === 'boolean') return v;
  if (v !== undefined && v !== null) reader.fail('invalid-type', at(at(at(base, entry), 'conditions'), key), 'a boolean', v);
  return fallback;
}

/** An optional string field of an endpoint. */
function text(reader: Reader, ep: Rec, key: string, base: string, entry: number): string | null {
  const v = ep[key];
  if (typeof v === 'string') return v;
  if (v !== undefined && v !== null) reader.fail('invalid-type', at(at(base, entry), key), 'a string', v);
  return null;
}

/**
 * Converts the Service's slices into the endpoints of one port and family, merged across slices
 * and sorted by address then port. Nothing on an endpoint depends on the client node. Problems go
 * to `reader`. Where an `IP:port` appears more
 * than once, the duplicates rule (./duplicates.ts) picks the copy kept for a node without
 * endpoints, and every copy is recorded in `duplicates` when given.
 */
export function collectEndpoints(
  reader: Reader,
  slices: readonly unknown[],
  path: string,
  filter: EndpointFilter,
  skip?: SkipSink,
  duplicates?: DuplicateGroups,
  facts?: ConversionFacts,
): Endpoint[] {
  const rule: DuplicateRule = filter.duplicates ?? 'non-terminating-wins';
  // Position of each kept endpoint by its sort key (a number for IPv4), which identifies IP:port
  // as the text key does but hashes faster. While keys arrive in increasing order (slices written
  // in address order, as generated ones often are) no key can repeat, so the map is built only
  // when the first key arrives out of order, and the sort at the end is skipped.
  let kept: Map<number | string, number> | undefined;
  let last: number | string | undefined;
  const endpointsOut: Endpoint[] = [];
  const orderOut: (number | string)[] = [];
  // Where each kept endpoint came from, as numbers: paths are built only when asked for.
  const sliceOut: number[] = [];
  const indexOut: number[] = [];
  // Per kept endpoint, only while node hints are not read: it carries one anyway.
  const ignoredOut: boolean[] | undefined = facts !== undefined && !filter.nodeHints ? [] : undefined;
  const hintCache: HintCache = new Map();
  // A plain loop, not forEach: `kept` and `last` stay locals of this function rather than slots
  // of a closure's context, where every numeric key written to `last` would be boxed.
  for (let si = 0; si < slices.length; si++) {
    const raw: unknown = slices[si];
    const slicePath = at(path, si);
    if (!isRec(raw)) {
      reader.fail('invalid-type', slicePath, 'an EndpointSlice object', raw);
      continue;
    }
    // A core/v1 Endpoints or a v1beta1 slice in the list is the caller's mistake, not another Service's slice.
    if (!checkKind(reader, raw, 'EndpointSlice', slicePath)) continue;
    const metaPath = at(slicePath, 'metadata');
    const meta = reader.object(raw, 'metadata', slicePath) ?? {};
    const labels = reader.stringMap(meta, 'labels', metaPath);
    // The slice name only labels explanations; no rule reads it, so it is not checked (as in computeHints).
    const sliceName = typeof meta['name'] === 'string' ? meta['name'] : '';
    // kube-proxy.md §3.1: ownership is the service-name label plus the namespace.
    const owner = label(labels, SERVICE_NAME_LABEL);
    if (!owner || owner !== filter.serviceName || (reader.string(meta, 'namespace', metaPath) ?? '') !== filter.namespace) {
      skip?.({ reason: 'other-service', path: slicePath, slice: sliceName, addresses: firstAddresses(raw) });
      continue;
    }
    // kube-proxy.md §1.2: kube-proxy's watch never sees these slices.
    if (hasLabel(labels, SERVICE_PROXY_NAME_LABEL) || hasLabel(labels, HEADLESS_LABEL)) {
      skip?.({ reason: 'hidden-slice', path: slicePath, slice: sliceName, addresses: firstAddresses(raw) });
      continue;
    }
    // kube-proxy.md §3.2: the whole slice must be of the proxier's family; FQDN never is.
    const addressType = reader.string(raw, 'addressType', slicePath);
    // The API requires addressType: a slice of the Service without one is refused, not skipped (as computeHints does).
    if (raw['addressType'] === undefined || raw['addressType'] === null) {
      reader.report('required', at(slicePath, 'addressType'), 'IPv4, IPv6 or FQDN', 'nothing');
      continue;
    }
    if (addressType !== filter.family) {
      if (addressType !== undefined && addressType !== 'IPv4' && addressType !== 'IPv6' && addressType !== 'FQDN') {
        reader.fail('invalid-value', at(slicePath, 'addressType'), 'IPv4, IPv6 or FQDN', addressType);
      }
      skip?.({ reason: 'other-family', path: slicePath, slice: sliceName, addresses: firstAddresses(raw) });
      continue;
    }
    const portNumbers = matchingPorts(reader, raw, slicePath, filter);
    if (portNumbers.length === 0) {
      skip?.({ reason: 'other-port', path: slicePath, slice: sliceName, addresses: firstAddresses(raw) });
      continue;
    }
    const portSuffixes = portNumbers.map((p) => `:${p}`);
    const endpointsPath = at(slicePath, 'endpoints');
    const endpoints = reader.array(raw, 'endpoints', slicePath) ?? [];
    // Paths are only built when something is wrong or an explanation asks for them. A plain loop,
    // and no closure per entry: this runs once per endpoint of the input.
    for (let ei = 0; ei < endpoints.length; ei++) {
      const ep: unknown = endpoints[ei];
      if (!isRec(ep)) {
        reader.fail('invalid-type', at(endpointsPath, ei), 'an endpoint object', ep);
        continue;
      }
      const addresses = ep['addresses'];
      // kube-proxy.md §3.5: an endpoint without addresses is skipped, not an error.
      if (addresses === undefined || addresses === null || (Array.isArray(addresses) && addresses.length === 0)) {
        skip?.({ reason: 'no-addresses', path: at(endpointsPath, ei), slice: sliceName });
        continue;
      }
      if (!Array.isArray(addresses)) {
        reader.fail('invalid-type', at(at(endpointsPath, ei), 'addresses'), 'an array of IP addresses', addresses);
        continue;
      }
      // kube-proxy.md §3.5: only the first address counts, in canonical text.
      const first: unknown = addresses[0];
      // Canonical dotted IPv4 text, nearly every endpoint, is read in one pass without allocating
      // and kept as it is; parseAddress takes the rest.
      const v4 = filter.family === 'IPv4' && typeof first === 'string' ? canonicalIPv4Number(first) : undefined;
      let ipText: string;
      let ipOrder: number | string;
      if (v4 !== undefined) {
        ipText = first as string;
        ipOrder = v4;
      } else {
        const ip = typeof first === 'string' ? parseAddress(first, filter.family) : undefined;
        if (ip === undefined) {
          const received = typeof first === 'string' ? `string ${JSON.stringify(first.slice(0, 60))}` : describe(first);
          reader.report('invalid-ip', at(at(at(endpointsPath, ei), 'addresses'), 0), `an ${filter.family} address (the slice's addressType)`, received);
          continue;
        }
        ipText = ip.text;
        ipOrder = ip.order;
      }
      const rawCond = ep['conditions'];
      let cond: Rec = NO_CONDITIONS;
      if (isRec(rawCond)) cond = rawCond;
      else if (rawCond !== undefined && rawCond !== null) reader.fail('invalid-type', at(at(endpointsPath, ei), 'conditions'), 'an object', rawCond);
      // kube-proxy: a nil ready or serving condition counts as true, a nil terminating as false (§3.6).
      const ready = flag(reader, cond, 'ready', true, endpointsPath, ei);
      const serving = flag(reader, cond, 'serving', true, endpointsPath, ei);
      const terminating = flag(reader, cond, 'terminating', false, endpointsPath, ei);
      const rawHints = ep['hints'];
      let hints: Rec | undefined;
      if (isRec(rawHints)) hints = rawHints;
      else if (rawHints !== undefined && rawHints !== null) reader.fail('invalid-type', at(at(endpointsPath, ei), 'hints'), 'an object', rawHints);
      const zoneHints = hints === undefined ? EMPTY : hintNames(reader, hints['forZones'], 'forZones', endpointsPath, ei, hintCache);
      // kube-proxy.md §3.8: node hints are read only with PreferSameTrafficDistribution on.
      const nodeHints = filter.nodeHints && hints !== undefined ? hintNames(reader, hints['forNodes'], 'forNodes', endpointsPath, ei, hintCache) : EMPTY;
      const ignoredNodeHint = ignoredOut !== undefined && carriesNodeHint(hints);
      const nodeName = text(reader, ep, 'nodeName', endpointsPath, ei);
      const zone = text(reader, ep, 'zone', endpointsPath, ei);
      for (let pi = 0; pi < portNumbers.length; pi++) {
        const port = portNumbers[pi]!;
        // Dotted IPv4 text has no colon to bracket: joinKey's scan for one is skipped.
        const key = v4 !== undefined ? ipText + portSuffixes[pi]! : joinKey(ipText, portSuffixes[pi]!);
        const order = typeof ipOrder === 'number' ? ipOrder * 65536 + port : `${ipOrder}${port.toString(16).padStart(4, '0')}`;
        if (kept === undefined && last !== undefined && !(order > last)) kept = new Map(orderOut.map((o, i) => [o, i]));
        const seen = kept?.get(order);
        const endpoint: Endpoint = Object.freeze({
          key,
          ip: ipText,
          port,
          family: filter.family,
          nodeName,
          zone,
          ready,
          serving,
          terminating,
          zoneHints,
          nodeHints,
          slice: sliceName,
        });
        if (seen === undefined) {
          kept?.set(order, endpointsOut.length);
          last = order;
          endpointsOut.push(endpoint);
          orderOut.push(order);
          sliceOut.push(si);
          indexOut.push(ei);
          ignoredOut?.push(ignoredNodeHint);
          continue;
        }
        // kube-proxy.md §3.9: a later copy of a kept IP:port. Record every copy for the per-node
        // views and explanations; the shared view keeps what the rule keeps for a node that has no
        // endpoint (the first copy under local-wins, the last non-terminating one otherwise).
        if (duplicates !== undefined) {
          let copies = duplicates.get(key);
          if (copies === undefined) {
            // The second copy: nothing has replaced the first yet.
            duplicates.set(key, (copies = [{ endpoint: endpointsOut[seen]!, slice: sliceOut[seen]!, entry: indexOut[seen]! }]));
          }
          copies.push({ endpoint, slice: si, entry: ei });
        }
        if (laterCopyReplaces(rule, endpoint, '')) {
          endpointsOut[seen] = endpoint;
          sliceOut[seen] = si;
          indexOut[seen] = ei;
          if (ignoredOut !== undefined) ignoredOut[seen] = ignoredNodeHint;
        }
      }
    }
  }
  if (facts !== undefined && ignoredOut !== undefined) facts.ignoredNodeHints = ignoredOut.includes(true);
  // Sort by address, then port: upstream iterates a map, we promise a stable order. Keys that
  // arrived in increasing order are sorted already.
  if (kept === undefined) return endpointsOut;
  const idx = Array.from(endpointsOut, (_, i) => i);
  idx.sort((a, b) => {
    const x = orderOut[a]!;
    const y = orderOut[b]!;
    return x < y ? -1 : x > y ? 1 : 0;
  });
  return idx.map((i) => endpointsOut[i]!);
}

/**
 * Canonical text and a sort key of an address of `family`, or `undefined`, for every spelling but
 * dotted IPv4, which {@link collectEndpoints} reads itself without allocating.
 */
function parseAddress(textIn: string, family: IPFamily): { text: string; order: number | string } | undefined {
  const ip = parseIP(textIn);
  if (ip === undefined || ip.family !== family) return undefined;
  // An IPv4-mapped spelling (`::ffff:10.1.0.7`) is the same IPv4 address (§3.5): it must get the
  // same numeric key as its dotted form, or duplicates are not merged (§3.9) and sorting mixes
  // numbers with strings. `order` is the 16-byte hex form; its last 8 digits are the IPv4 value.
  if (family === 'IPv4') return { text: ip.text, order: Number.parseInt(ip.order.slice(24), 16) };
  return { text: ip.text, order: ip.order };
}

/** The slice's port numbers that serve the Service port (kube-proxy.md §3.3, §3.4). */
function matchingPorts(reader: Reader, slice: Rec, slicePath: string, filter: EndpointFilter): number[] {
  const portsPath = at(slicePath, 'ports');
  const ports = reader.array(slice, 'ports', slicePath) ?? [];
  const out: number[] = [];
  ports.forEach((_, i) => {
    const p = reader.object(ports, i, portsPath);
    if (p === undefined) {
      reader.fail('invalid-type', at(portsPath, i), 'an endpoint port object', ports[i]);
      return;
    }
    const pPath = at(portsPath, i);
    // An absent name is not "": only an explicit "" matches an unnamed Service port.
    const name = reader.string(p, 'name', pPath);
    const number = reader.integer(p, 'port', pPath, 0, 65535);
    const protocol = reader.string(p, 'protocol', pPath) || 'TCP';
    if (name === undefined || !number) return;
    if (name === filter.portName && protocol === filter.protocol && !out.includes(number)) out.push(number);
  });
  return out;
}
