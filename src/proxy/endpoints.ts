/**
 * EndpointSlices → the endpoints of one Service port, as kube-proxy's EndpointSlice cache
 * builds them (proxy-semantics 3): slice ownership, address type, port match by name and
 * protocol, first address only in canonical text, nil condition defaults, hints, and duplicates
 * across slices merged.
 *
 * @module
 */
import type { Endpoint } from '../model/endpoint.js';
import { HEADLESS_LABEL, SERVICE_NAME_LABEL, SERVICE_PROXY_NAME_LABEL } from '../model/labels.js';
import { type Rec, type Reader, at, hasLabel, isRec, label } from '../model/read.js';
import { type IPFamily, endpointKey, parseIP } from '../util/ip.js';

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
}

/**
 * Why a slice or an endpoint of the input contributed nothing. Stable codes.
 *
 * - `other-service`: the slice belongs to another Service or namespace (or has no service-name label).
 * - `hidden-slice`: the slice carries `service-proxy-name` or `headless`, which kube-proxy does not watch.
 * - `other-family`: the slice's `addressType` is not the proxier's family (includes FQDN slices).
 * - `other-port`: the slice has no port with this name and protocol (and a non-zero number).
 * - `no-addresses`: the endpoint has no address.
 * - `duplicate`: another slice's copy of the same `IP:port` was kept instead.
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
}

/** Receives what a conversion skipped; only passed when an explanation is wanted. */
export type SkipSink = (skipped: Skipped) => void;

interface Draft {
  endpoint: Endpoint;
  order: string;
  path: string;
}

const EMPTY: readonly string[] = Object.freeze([]);

function hintNames(reader: Reader, hints: Rec | undefined, key: string, parent: string): readonly string[] {
  if (hints === undefined) return EMPTY;
  const list = reader.array(hints, key, parent);
  if (list === undefined || list.length === 0) return EMPTY;
  const path = at(parent, key);
  const names = new Set<string>();
  list.forEach((_, i) => {
    const h = reader.object(list, i, path);
    if (h === undefined) {
      reader.fail('invalid-type', at(path, i), 'an object with a name', list[i]);
      return;
    }
    // kube-proxy inserts hint.Name as it is; Go reads a missing name as "".
    names.add(reader.string(h, 'name', at(path, i)) ?? '');
  });
  return Object.freeze([...names].sort());
}

/**
 * Converts the Service's slices into the endpoints of one port and family, merged across slices
 * and sorted by address then port. `isLocal` is `false` on every endpoint: locality depends on the
 * client node and is applied per query. Problems go to `reader`.
 */
export function collectEndpoints(
  reader: Reader,
  slices: readonly unknown[],
  path: string,
  filter: EndpointFilter,
  skip?: SkipSink,
): Endpoint[] {
  const merged = new Map<string, Draft>();
  slices.forEach((raw, si) => {
    const slicePath = at(path, si);
    if (!isRec(raw)) {
      reader.fail('invalid-type', slicePath, 'an EndpointSlice object', raw);
      return;
    }
    const metaPath = at(slicePath, 'metadata');
    const meta = reader.object(raw, 'metadata', slicePath) ?? {};
    const labels = reader.stringMap(meta, 'labels', metaPath);
    const sliceName = reader.string(meta, 'name', metaPath) ?? '';
    // proxy-semantics 3.1: ownership is the service-name label plus the namespace.
    const owner = label(labels, SERVICE_NAME_LABEL);
    if (!owner || owner !== filter.serviceName || (reader.string(meta, 'namespace', metaPath) ?? '') !== filter.namespace) {
      skip?.({ reason: 'other-service', path: slicePath, slice: sliceName });
      return;
    }
    // proxy-semantics 1.2: kube-proxy's watch never sees these slices.
    if (hasLabel(labels, SERVICE_PROXY_NAME_LABEL) || hasLabel(labels, HEADLESS_LABEL)) {
      skip?.({ reason: 'hidden-slice', path: slicePath, slice: sliceName });
      return;
    }
    // proxy-semantics 3.2: the whole slice must be of the proxier's family; FQDN never is.
    const addressType = reader.string(raw, 'addressType', slicePath);
    if (addressType !== filter.family) {
      if (addressType !== undefined && addressType !== 'IPv4' && addressType !== 'IPv6' && addressType !== 'FQDN') {
        reader.fail('invalid-value', at(slicePath, 'addressType'), 'IPv4, IPv6 or FQDN', addressType);
      }
      skip?.({ reason: 'other-family', path: slicePath, slice: sliceName });
      return;
    }
    const portNumbers = matchingPorts(reader, raw, slicePath, filter);
    if (portNumbers.length === 0) {
      skip?.({ reason: 'other-port', path: slicePath, slice: sliceName });
      return;
    }
    const endpointsPath = at(slicePath, 'endpoints');
    const endpoints = reader.array(raw, 'endpoints', slicePath) ?? [];
    endpoints.forEach((_, ei) => {
      const epPath = at(endpointsPath, ei);
      const ep = reader.object(endpoints, ei, endpointsPath);
      if (ep === undefined) {
        reader.fail('invalid-type', epPath, 'an endpoint object', endpoints[ei]);
        return;
      }
      const addresses = reader.array(ep, 'addresses', epPath);
      // proxy-semantics 3.5: an endpoint without addresses is skipped, not an error.
      if (addresses === undefined || addresses.length === 0) {
        skip?.({ reason: 'no-addresses', path: epPath, slice: sliceName });
        return;
      }
      const addressPath = at(at(epPath, 'addresses'), 0);
      const text = reader.string(addresses, 0, at(epPath, 'addresses'));
      if (text === undefined) {
        reader.fail('invalid-type', addressPath, 'an IP address string', addresses[0]);
        return;
      }
      // proxy-semantics 3.5: only the first address counts, in canonical text.
      const ip = parseIP(text);
      if (ip === undefined || ip.family !== filter.family) {
        reader.report('invalid-ip', addressPath, `an ${filter.family} address (the slice's addressType)`, `string ${JSON.stringify(text.slice(0, 60))}`);
        return;
      }
      const condPath = at(epPath, 'conditions');
      const cond = reader.object(ep, 'conditions', epPath) ?? {};
      // kube-proxy: a nil ready or serving condition counts as true, a nil terminating as false (3.6).
      const ready = reader.boolean(cond, 'ready', condPath) ?? true;
      const serving = reader.boolean(cond, 'serving', condPath) ?? true;
      const terminating = reader.boolean(cond, 'terminating', condPath) ?? false;
      const hintsPath = at(epPath, 'hints');
      const hints = reader.object(ep, 'hints', epPath);
      const zoneHints = hintNames(reader, hints, 'forZones', hintsPath);
      // proxy-semantics 3.8: node hints are read only with PreferSameTrafficDistribution on.
      const nodeHints = filter.nodeHints ? hintNames(reader, hints, 'forNodes', hintsPath) : EMPTY;
      const nodeName = reader.string(ep, 'nodeName', epPath) ?? null;
      const zone = reader.string(ep, 'zone', epPath) ?? null;
      for (const port of portNumbers) {
        const key = endpointKey(ip.text, port);
        const endpoint: Endpoint = Object.freeze({
          key,
          ip: ip.text,
          port,
          family: ip.family,
          nodeName,
          zone,
          ready,
          serving,
          terminating,
          isLocal: false,
          zoneHints,
          nodeHints,
          slice: sliceName,
        });
        const seen = merged.get(key);
        // Newest kube-proxy (PR 135593): a later copy replaces the kept one unless it is
        // terminating, so a non-terminating copy wins over a terminating one (3.9).
        if (seen !== undefined && terminating) {
          skip?.({ reason: 'duplicate', path: epPath, slice: sliceName, key });
          continue;
        }
        if (seen !== undefined) {
          skip?.({ reason: 'duplicate', path: seen.path, slice: seen.endpoint.slice, key });
        }
        merged.set(key, { endpoint, order: ip.order + port.toString(16).padStart(4, '0'), path: epPath });
      }
    });
  });
  const drafts = [...merged.values()];
  drafts.sort((a, b) => (a.order < b.order ? -1 : a.order > b.order ? 1 : 0));
  return drafts.map((d) => d.endpoint);
}

/** The slice's port numbers that serve the Service port (proxy-semantics 3.3, 3.4). */
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
