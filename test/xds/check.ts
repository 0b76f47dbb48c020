/**
 * The invariants every kube-traffic/xds answer must hold, checked against kube-proxy's own
 * decision (selectEndpoints) for the same input.
 */
import { expect } from 'vitest';
import { type Endpoint, type SelectInput, selectEndpoints } from '../../src/index.js';
import { type XdsInput, type XdsResult, xdsResources } from '../../src/xds/index.js';
import { decodeAny, encodeAny } from './proto-json.mjs';

/** `IP:port` of an lbEndpoint, IPv6 bracketed as Endpoint keys are. */
export function lbKey(lb: { endpoint: { address: { socketAddress: { address: string; portValue: number } } } }): string {
  const { address, portValue } = lb.endpoint.address.socketAddress;
  return address.includes(':') ? `[${address}]:${portValue}` : `${address}:${portValue}`;
}

/** Every endpoint key of the assignment at `priority`. */
export function keysAt(r: XdsResult, priority: number): string[] {
  if (r.kind !== 'proxied') return [];
  return r.clusterLoadAssignment.endpoints.filter((l) => l.priority === priority).flatMap((l) => l.lbEndpoints.map(lbKey)).sort();
}

/**
 * xdsResources(input) in exact mode against selectEndpoints(input): same verdict, same set at
 * priority 0 and nothing else, one locality per zone, weight = count; a flow kube-proxy does not
 * handle gives no resources (in either mode), not an empty assignment. Returns the result.
 */
export function checkExact(input: XdsInput, options: { proto?: boolean } = {}): XdsResult {
  const r = xdsResources(input);
  const s = selectEndpoints(input as SelectInput);
  expect(r.kind).toBe(s.kind === 'proxied' && s.action === 'not-handled' ? 'not-handled' : s.kind);
  if (r.kind === 'not-handled') {
    expect(r.selection).toEqual(s);
    expect(r.reason).toBe('external-ips-not-allowed');
    expect(r).not.toHaveProperty('clusterLoadAssignment');
    expect(xdsResources({ ...input, mode: 'failover' })).toEqual(r);
  }
  if (r.kind !== 'proxied' || s.kind !== 'proxied') return r;
  expect(r.action).toBe(s.action);
  expect(r.mode).toBe('exact');
  const want = s.action === 'forward' ? s.endpoints.map((e) => e.key).sort() : [];
  const cla = r.clusterLoadAssignment;
  const all = cla.endpoints.flatMap((l) => l.lbEndpoints.map(lbKey)).sort();
  expect(all).toEqual(want);
  // No endpoint twice (kube-proxy's set has each key once).
  expect(new Set(all).size).toBe(all.length);
  const zoneOf = new Map<string, string | null>(s.endpoints.map((e: Endpoint) => [e.key, e.zone]));
  const zones = new Set<string>();
  for (const l of cla.endpoints) {
    expect(l.priority).toBe(0);
    expect(l.loadBalancingWeight).toBe(l.lbEndpoints.length);
    expect(l.lbEndpoints.length).toBeGreaterThan(0);
    const zone = l.locality.zone ?? '';
    expect(zones.has(zone)).toBe(false);
    zones.add(zone);
    for (const lb of l.lbEndpoints) {
      expect(zoneOf.get(lbKey(lb)) ?? '').toBe(zone);
      expect(lb.healthStatus).toBe('HEALTHY');
    }
  }
  expect(cla.clusterName).toBe(r.cluster.edsClusterConfig.serviceName);
  expect(r.routeConfiguration.virtualHosts[0].routes[0].route.cluster).toBe(r.cluster.name);
  expect(r.listener.apiListener.apiListener.rds.routeConfigName).toBe(r.routeConfiguration.name);
  if (options.proto) checkProto(r);
  return r;
}

/** Every resource is valid proto3 JSON for the real Envoy protos, and survives a round trip. */
export function checkProto(r: XdsResult): void {
  if (r.kind !== 'proxied') return;
  for (const resource of [r.listener, r.routeConfiguration, r.cluster, r.clusterLoadAssignment]) {
    const any = encodeAny(resource);
    expect(any.typeUrl).toBe(resource['@type']);
    const back = decodeAny(any);
    // What the proto round trip keeps equals what we wrote, minus proto3's omitted defaults.
    expect(back).toEqual(withoutDefaults(resource));
  }
}

/** Drops what does not come back from the wire: the top-level `@type` (it is the Any's) and empty lists. */
function withoutDefaults(value: unknown, top = true): unknown {
  if (Array.isArray(value)) return value.map((v) => withoutDefaults(v, false));
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (top && k === '@type') continue;
    if (Array.isArray(v) && v.length === 0) continue;
    out[k] = withoutDefaults(v, false);
  }
  return out;
}
