/**
 * Envoy Gateway (`envoy-gateway@1.9.0`, docs/profile-envoy-gateway.md): a route backendRef's
 * endpoints as one Envoy cluster, traffic policies not read, ready-and-terminating endpoints
 * drained (internal/gatewayapi/route.go `getIREndpointsFromEndpointSlice`). Zone-aware routing and
 * Envoy's panic mode were not pinned, so inputs that reach them are refused.
 *
 * @module
 * @internal
 */
import type { Endpoint } from '../model/endpoint.js';
import { type FlowChoice, type ProfileDecision, type ProfileRules, Steps, TOPOLOGY_MODE, endpointOf, mergeCopies, notPinned, sortEndpoints } from './decision.js';
import type { RawEndpoint } from './read.js';

const ID = 'envoy-gateway@1.9.0';

/** E3: draining as route.go decides it. */
function draining(raw: RawEndpoint): boolean {
  if (raw.serving !== undefined && raw.terminating !== undefined) return raw.terminating || !raw.serving;
  return raw.ready === false;
}

export const envoyGateway: ProfileRules = {
  rules: {
    E1: 'neither traffic policy is read: the answer is one set, given as the Cluster list',
    E2: 'any spec.trafficDistribution, or topology-mode Auto, turns on Envoy zone-aware routing; hints are never read',
    E3: 'with serving and terminating both present an endpoint drains when terminating or not serving, else when not ready; draining endpoints get no new connections',
    E4: 'all addresses of both families go into one cluster, from slice ports whose name and protocol are the Service port\'s',
  },
  onEmpty: null,

  decide(input): ProfileDecision {
    const s = new Steps(ID);
    const svc = input.service;
    // E2: route.go processPreferLocalZone — zone-aware routing's outcome depends on Envoy runtime not read.
    if (svc.trafficDistribution !== null) notPinned(ID, '$.service.spec.trafficDistribution', `trafficDistribution ${JSON.stringify(svc.trafficDistribution)}: it turns on Envoy zone-aware routing, whose choice was not read`);
    const mode = svc.annotations?.[TOPOLOGY_MODE];
    if (mode === 'Auto' || mode === 'auto') notPinned(ID, '$.service.metadata.annotations', `topology-mode ${mode}: it turns on Envoy zone-aware routing, whose choice was not read`);
    s.rule('E2', 'neither spec.trafficDistribution nor topology-mode Auto is set, so zone-aware routing is off (hints are never read)', {});
    const items: { endpoint: Endpoint; raw: RawEndpoint; pod: string | null }[] = [];
    const drains = new Map<string, boolean>();
    for (const slice of input.slices) {
      if (slice.addressType === 'FQDN') notPinned(ID, `${slice.path}.addressType`, 'an FQDN EndpointSlice (its handling was not read)');
      const unnamed = slice.ports.findIndex((p) => p.name === null);
      // The translator dereferences the slice port name without a nil check.
      if (unnamed >= 0) notPinned(ID, `${slice.path}.ports[${unnamed}].name`, 'a slice port with no name field (Envoy Gateway dereferences it unchecked)');
      const sp = slice.ports.find((p) => p.name === input.port.name && p.protocol === input.port.protocol);
      if (sp === undefined || sp.port === null) continue;
      for (const raw of slice.endpoints) {
        for (const a of raw.addresses) {
          const endpoint = endpointOf({ ip: a.ip, family: a.family, port: sp.port, raw });
          items.push({ endpoint, raw, pod: raw.pod });
          drains.set(endpoint.key, draining(raw));
        }
      }
    }
    const merged = mergeCopies(ID, items);
    const healthy = merged.filter((m) => !drains.get(m.endpoint.key));
    // Envoy's panic mode (threshold 50 %) was not read; refuse rather than guess.
    if (merged.length > 0 && healthy.length * 2 < merged.length) notPinned(ID, '$.endpointSlices', `${healthy.length} of ${merged.length} endpoints healthy: below Envoy's 50 % panic threshold, whose effect on draining hosts was not read`);
    s.rule('E1', `traffic policies are not read (internalTrafficPolicy ${svc.internalTrafficPolicy}, externalTrafficPolicy ${svc.externalTrafficPolicy}): one set`, {});
    for (const m of merged) {
      if (!drains.get(m.endpoint.key)) s.verdict('endpoint-in-cluster', 'cluster', m.endpoint.key, 'E3', 'is sent healthy');
      else s.verdict(m.endpoint.ready && m.endpoint.terminating ? 'endpoint-terminating-unused' : 'endpoint-not-ready', 'cluster', m.endpoint.key, 'E3', `is sent DRAINING (${m.raw.serving !== undefined && m.raw.terminating !== undefined ? 'terminating or not serving' : 'not ready'}): no new connections`);
    }
    return { cluster: sortEndpoints(healthy.map((m) => m.endpoint)), local: null, tiers: null, steps: s.out, all: merged.map((m) => m.endpoint) };
  },

  flow(_input, _d, via, from): FlowChoice {
    if (via !== 'clusterIP' || from !== 'pod') notPinned(ID, '$.via', `${via} traffic from ${from}: the profile covers the gateway proxy sending to a route backend`);
    return { list: 'cluster', rule: 'E1', message: 'the gateway sends to the one set' };
  },
};
