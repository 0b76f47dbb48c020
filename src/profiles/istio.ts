/**
 * Istio sidecars and waypoints (`istio@1.31.0-rc.0`, docs/profile-istio.md): the
 * Service's distribution becomes Envoy priority tiers by locality; hints and the Auto annotation
 * are never read (pilot/pkg/model/service.go `GetTrafficDistribution`, networking/core/loadbalancer).
 *
 * @module
 * @internal
 */
import type { Endpoint } from '../model/endpoint.js';
import { ZONE_LABEL } from '../model/labels.js';
import { type FlowChoice, type ProfileDecision, type ProfileRules, Steps, endpointOf, mergeCopies, notPinned, sortEndpoints } from './decision.js';
import { BETA_ZONE_LABEL, type ProfileInput, type RawEndpoint } from './read.js';

const ID = 'istio@1.31.0-rc.0';
const ISTIO_ANNOTATION = 'networking.istio.io/traffic-distribution';
/** Envoy's default overprovisioning factor (Istio sets none), in percent. */
const OVERPROVISIONING = 140;

type Health = 'healthy' | 'unhealthy' | 'terminating';
type Distribution = 'sameZone' | 'sameNode' | null;

/** I4: endpointslice.go endpointHealthStatus. */
function healthOf(raw: RawEndpoint): Health {
  if (raw.ready !== false) return 'healthy';
  if (raw.terminating === false) return 'unhealthy';
  return 'terminating';
}

/** I1: the field, else the Service annotation (case-insensitive). The Namespace annotation is assumed absent. */
function distribution(input: ProfileInput): { value: Distribution; source: string } {
  const field = input.service.trafficDistribution;
  if (field === 'PreferClose' || field === 'PreferSameZone') return { value: 'sameZone', source: `spec.trafficDistribution ${field}` };
  if (field === 'PreferSameNode') return { value: 'sameNode', source: 'spec.trafficDistribution PreferSameNode' };
  const a = input.service.annotations?.[ISTIO_ANNOTATION];
  if (a !== undefined && a !== '') {
    const v = a.toLowerCase();
    if (v === 'preferclose' || v === 'prefersamezone') return { value: 'sameZone', source: `annotation ${ISTIO_ANNOTATION}: ${a}` };
    if (v === 'prefersamenode') return { value: 'sameNode', source: `annotation ${ISTIO_ANNOTATION}: ${a}` };
    return { value: null, source: `annotation ${ISTIO_ANNOTATION}: ${JSON.stringify(a)} (not a known value)` };
  }
  return { value: null, source: 'no spec.trafficDistribution and no networking.istio.io/traffic-distribution annotation' };
}

/**
 * Envoy's priority load for new connections: each priority's health (overprovisioned, capped at
 * 100 %) is handed out best first; when the total is under 100 % it is scaled up. Returns which
 * priorities get any load.
 */
function priorityLoads(healthy: readonly number[], total: readonly number[]): number[] {
  const health = healthy.map((h, i) => Math.min(100, Math.floor((OVERPROVISIONING * h) / Math.max(1, total[i]!))));
  const sum = health.reduce((a, b) => a + b, 0);
  if (sum === 0) return health.map(() => 0);
  let left = 100;
  return health.map((h) => {
    // Under 100 % in total, Envoy scales every priority's health up to fill 100 %.
    const share = sum >= 100 ? Math.min(h, left) : (h * 100) / sum;
    left -= share;
    return share;
  });
}

export const istio: ProfileRules = {
  rules: {
    I1: 'hints and topology-mode are never read: the distribution is spec.trafficDistribution, else the networking.istio.io/traffic-distribution annotation',
    I2: 'the distribution becomes priority tiers by locality (zone, or node), not a filter; without one, a single tier',
    I3: 'locality comes from Pods and their Nodes, not from the slice; endpoints without a Pod have none',
    I4: 'ready endpoints are healthy; not-ready terminating ones are never sent; not-ready others are sent unhealthy and never used; no serving-terminating fallback',
    I5: 'with iTP Local only Pods on the same node as the proxy remain, and nothing replaces them when there are none',
    I6: 'every address of an endpoint is used; a slice port without a name reads ""',
  },
  onEmpty: null,

  decide(input): ProfileDecision {
    const s = new Steps(ID);
    const node = input.node;
    const clientZone = node.labels[ZONE_LABEL] || node.labels[BETA_ZONE_LABEL] || '';
    const items: { endpoint: Endpoint; raw: RawEndpoint; pod: string | null }[] = [];
    for (const slice of input.slices) {
      if (slice.addressType !== 'IPv4' && slice.addressType !== 'IPv6') continue;
      // I6: the slice port is matched by name, a missing name reading "".
      const sp = slice.ports.find((p) => (p.name ?? '') === input.port.name);
      if (sp === undefined || sp.port === null) continue;
      for (const raw of slice.endpoints) {
        for (const a of raw.addresses) items.push({ endpoint: endpointOf({ ip: a.ip, family: a.family, port: sp.port, raw }), raw, pod: raw.pod });
      }
    }
    const merged = mergeCopies(ID, items);
    const itpLocal = input.service.internalTrafficPolicy === 'Local';
    const listName = itpLocal ? 'local' : 'cluster';
    const dist = distribution(input);
    s.rule('I1', `the distribution is read from the Service, never from hints or topology-mode: ${dist.source}`, { distribution: dist.value });

    // I4: terminating endpoints are never sent; I5: iTP Local keeps this node's Pods only.
    const sent: { endpoint: Endpoint; health: Health }[] = [];
    for (const { endpoint, raw } of merged) {
      const health = healthOf(raw);
      if (health === 'terminating') {
        s.verdict(endpoint.serving && endpoint.terminating ? 'endpoint-terminating-unused' : 'endpoint-not-ready', listName, endpoint.key, 'I4', 'is not ready and terminating: Istio never sends it to Envoy (no serving-terminating fallback)');
        continue;
      }
      // I5: node-local means a Pod whose nodeName is this node's (non-empty) name.
      const local = raw.pod !== null && raw.nodeName !== null && raw.nodeName !== '' && raw.nodeName === node.name;
      if (itpLocal && !local) {
        s.verdict('endpoint-not-local', listName, endpoint.key, 'I5', raw.pod === null ? 'has no Pod behind it, so it is on no node' : 'is a Pod on another node');
        continue;
      }
      sent.push({ endpoint, health });
    }
    if (itpLocal) s.rule('I5', 'internalTrafficPolicy Local: only Pods on the proxy\'s node, reported as the Local list', {});
    else s.rule('I5', 'internalTrafficPolicy Cluster: one cluster-wide set; externalTrafficPolicy does not apply to a sidecar', {});

    // I2/I3: locality labels [network, region, zone, subzone, hostname]; network, region and
    // subzone are assumed absent, so they always match.
    const priorityOf = (e: Endpoint, pod: boolean): number => {
      const zone = pod ? (e.zone ?? '') : '';
      const host = pod ? (e.nodeName ?? '') : '';
      if (dist.value === 'sameZone') return zone === clientZone ? 0 : 1; // n = 3; zone at index 2
      if (dist.value === 'sameNode') return zone !== clientZone ? 3 : host !== node.name ? 1 : 0; // n = 5; zone 2, hostname 4
      return 0;
    };
    const pods = new Map(merged.map((m) => [m.endpoint.key, m.pod !== null]));
    const levels = [...new Set(sent.map((x) => priorityOf(x.endpoint, pods.get(x.endpoint.key)!)))].sort((a, b) => a - b);
    const groups = levels.map((l) => sent.filter((x) => priorityOf(x.endpoint, pods.get(x.endpoint.key)!) === l));
    const loads = priorityLoads(
      groups.map((g) => g.filter((x) => x.health === 'healthy').length),
      groups.map((g) => g.length),
    );
    const loaded = loads.map((l) => l > 0);
    const weights = new Map<string, number>();
    const chosen: Endpoint[] = [];
    groups.forEach((g, i) => {
      for (const x of g) {
        if (x.health === 'unhealthy') {
          s.verdict('endpoint-not-ready', listName, x.endpoint.key, 'I4', 'is sent as unhealthy (not ready, not terminating); with the panic threshold at 0 it gets no traffic');
        } else if (loaded[i]) {
          chosen.push(x.endpoint);
          // Within a priority, Envoy spreads evenly over its healthy hosts (equal weights).
          weights.set(x.endpoint.key, loads[i]! / 100 / g.filter((y) => y.health === 'healthy').length);
          s.verdict(itpLocal ? 'endpoint-in-local' : 'endpoint-in-cluster', listName, x.endpoint.key, dist.value === null ? 'I4' : 'I2', dist.value === null ? 'is healthy' : `is healthy, in priority tier ${i} which receives new connections`, { tier: i });
        } else {
          s.verdict('endpoint-lower-tier', listName, x.endpoint.key, 'I2', `is healthy but in priority tier ${i}; better tiers take every new connection`, { tier: i });
        }
      }
    });
    const tiers =
      dist.value === null
        ? null
        : Object.freeze(groups.map((g) => sortEndpoints(g.filter((x) => x.health === 'healthy').map((x) => x.endpoint))).filter((t) => t.length > 0));
    if (tiers !== null) s.rule('I2', `${dist.value === 'sameZone' ? 'zone' : 'node'} locality becomes ${tiers.length} priority tier(s) with healthy endpoints, best first; lower tiers take over only when better ones fail`, { tiers: tiers.map((t) => t.map((e) => e.key)) });
    const list = sortEndpoints(chosen);
    const uniform = loaded.filter(Boolean).length <= 1;
    return { cluster: itpLocal ? null : list, local: itpLocal ? list : null, tiers, steps: s.out, all: merged.map((m) => m.endpoint), ...(!uniform && { weights }) };
  },

  flow(input, _d, via, from): FlowChoice {
    if (via !== 'clusterIP' || from !== 'pod') notPinned(ID, '$.via', `${via} traffic from ${from}: the profile covers a sidecar or waypoint sending to the Service`);
    const itpLocal = input.service.internalTrafficPolicy === 'Local';
    return { list: itpLocal ? 'local' : 'cluster', rule: 'I5', message: 'the sidecar\'s cluster for the Service follows internalTrafficPolicy' };
  },
};
