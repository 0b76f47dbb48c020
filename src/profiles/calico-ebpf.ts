/**
 * Calico's eBPF data plane (`calico-ebpf@3.32.1`, docs/profile-calico-ebpf.md). Felix builds
 * its endpoint map with kube-proxy 1.35's library, so ingestion is kube-proxy's own conversion
 * (reused here); the topology filters and the lists are Felix's (felix/bpf/proxy/topology.go,
 * syncer.go).
 *
 * @module
 * @internal
 */
import type { Endpoint } from '../model/endpoint.js';
import { Reader } from '../model/read.js';
import { type DuplicateGroups, collectEndpoints } from '../proxy/endpoints.js';
import { keptCopy } from '../proxy/duplicates.js';
import { type FlowChoice, type ProfileDecision, type ProfileRules, Steps, TOPOLOGY_MODE, notPinned, sortEndpoints } from './decision.js';
import type { ProfileInput } from './read.js';

const ID = 'calico-ebpf@3.32.1';

/** The traffic-class flags of C6. */
function lists(input: ProfileInput): { cluster: boolean; local: boolean; nodePortOrVip: boolean } {
  const p = input.kubeProxy.policy;
  const itpLocal = input.service.internalTrafficPolicy === 'Local';
  const etpLocal = input.service.externalTrafficPolicy === 'Local';
  // syncer.go applyDerived: only NodePort and LoadBalancer frontends carry the local flags;
  // external-IP frontends always use the cluster-wide count.
  const nodePortOrVip = p.nodePort || p.loadBalancerIPs;
  return {
    cluster: !itpLocal || p.externalIPs || (nodePortOrVip && !etpLocal),
    local: itpLocal || (nodePortOrVip && etpLocal),
    nodePortOrVip,
  };
}

export const calicoEbpf: ProfileRules = {
  rules: {
    C1: 'the Auto filter runs when topology-mode is "auto" in any case; otherwise the traffic-distribution filter runs for every Service; spec.trafficDistribution is never read',
    C2: 'Auto filter: candidates are ready or terminating; one candidate without a zone hint keeps everything; else candidates hinted for the zone, or everything if none',
    C3: 'traffic-distribution filter: candidates hinted for the node name, else for the zone, else everything; no every-endpoint-hinted safeguard',
    C4: 'the Local list is taken from the filtered set: topology also filters it',
    C5: 'only ready endpoints are backends; no serving-terminating fallback',
    C6: 'lists by traffic class: cluster IP follows iTP, node port and VIP follow eTP from outside and iTP from the node, external IPs always the cluster set',
    C7: 'Felix learns its node\'s zone when it starts and keeps it',
  },
  onEmpty: null,

  decide(input): ProfileDecision {
    const s = new Steps(ID);
    const { name: nodeName, zone } = input.node;
    // Ingestion is kube-proxy 1.35's (proxy.go NewEndpointsChangeTracker): first address, nil-name
    // ports skipped, forNodes read, and the 1.27–1.35 duplicate rule (a later copy wins only on its node).
    const duplicates: DuplicateGroups = new Map();
    const slices = new Reader().collection(input.record, 'endpointSlices', '$');
    const shared = collectEndpoints(
      new Reader(),
      slices,
      '$.endpointSlices',
      { namespace: input.service.namespace, serviceName: input.service.name, family: input.ipFamily, portName: input.port.name, protocol: input.port.protocol, nodeHints: true, duplicates: 'local-wins' },
      undefined,
      duplicates,
    );
    // The duplicates rule of 1.27–1.35, for this node (proxy/duplicates.ts).
    const own = new Map<string, Endpoint>();
    for (const [key, copies] of duplicates) {
      const choice = keptCopy('local-wins', copies, nodeName);
      if (choice.kept !== 0) own.set(key, copies[choice.kept]!.endpoint);
    }
    const all = shared.map((ep) => own.get(ep.key) ?? ep);
    // C4: an endpoint is node-local when its nodeName is this node's (non-empty) name.
    const onThisNode = (e: Endpoint): boolean => nodeName !== '' && e.nodeName === nodeName;

    // C2/C3: candidates are ready or terminating endpoints (topology.go).
    const candidates = all.filter((e) => e.ready || e.terminating);
    const mode = (input.service.annotations?.[TOPOLOGY_MODE] ?? '').toLowerCase() === 'auto' ? 'auto' : 'traffic-distribution';
    let filtered: readonly Endpoint[] = all;
    let by: 'node' | 'zone' | null = null;
    // Why the filter kept every endpoint, when it did (said on each backend's verdict).
    let keptAll = '';
    if (mode === 'auto') {
      s.rule('C1', 'topology-mode is "auto", so the Auto filter runs', { filter: 'auto' });
      const unhinted = candidates.find((e) => e.zoneHints.length === 0);
      const forZone = candidates.filter((e) => zone !== '' && e.zoneHints.includes(zone));
      if (unhinted !== undefined) {
        keptAll = `the Auto filter keeps every endpoint, because ${unhinted.key} (ready or terminating) has no zone hint`;
        s.rule('C2', `${unhinted.key} (ready or terminating) has no zone hint, so the Auto filter keeps every endpoint`, { zone }, unhinted.key);
      } else if (forZone.length === 0) {
        keptAll = `the Auto filter keeps every endpoint, because none that is ready or terminating is hinted for zone ${JSON.stringify(zone)}`;
        s.rule('C2', `no ready or terminating endpoint is hinted for zone ${JSON.stringify(zone)}, so every endpoint is kept`, { zone });
      } else {
        filtered = forZone;
        by = 'zone';
        s.rule('C2', `every ready or terminating endpoint is zone-hinted: ${forZone.length} hinted for zone ${zone} kept`, { zone });
      }
    } else {
      s.rule('C1', 'the traffic-distribution filter runs (spec.trafficDistribution itself is not read)', { filter: 'traffic-distribution' });
      const forNode = candidates.filter((e) => nodeName !== '' && e.nodeHints.includes(nodeName));
      const forZone = candidates.filter((e) => zone !== '' && e.zoneHints.includes(zone));
      if (forNode.length > 0) {
        filtered = forNode;
        by = 'node';
        s.rule('C3', `${forNode.length} ready or terminating endpoint(s) hinted for node ${nodeName}: only those are kept, whatever the other endpoints' hints`, { node: nodeName });
      } else if (forZone.length > 0) {
        filtered = forZone;
        by = 'zone';
        s.rule('C3', `${forZone.length} ready or terminating endpoint(s) hinted for zone ${zone}: only those are kept (no every-endpoint-hinted safeguard)`, { zone });
      } else {
        keptAll = 'the filter keeps every endpoint, because none that is ready or terminating is hinted for this node or its zone';
        s.rule('C3', 'no ready or terminating endpoint is hinted for this node or its zone, so every endpoint is kept', { node: nodeName, zone });
      }
    }
    const inFiltered = new Set(filtered);
    const use = lists(input);
    const cluster = use.cluster ? sortEndpoints(filtered.filter((e) => e.ready)) : null;
    const local = use.local ? sortEndpoints(filtered.filter((e) => e.ready && onThisNode(e))) : null;
    s.rule('C6', `this port uses ${use.cluster && use.local ? 'the cluster-wide and the node-local' : use.cluster ? 'only the cluster-wide' : 'only the node-local'} backend count${use.cluster && use.local ? 's' : ''}`, { cluster: use.cluster, local: use.local });

    for (const [listName, list] of [['cluster', cluster], ['local', local]] as const) {
      if (list === null) continue;
      for (const e of all) {
        const inList = list.includes(e);
        if (inList) s.verdict(listName === 'cluster' ? 'endpoint-in-cluster' : 'endpoint-in-local', listName, e.key, mode === 'auto' ? 'C2' : 'C3', `is a backend: ready, and ${by === null ? keptAll : `hinted for this ${by}`}`);
        else if (!inFiltered.has(e)) s.verdict(by === 'node' ? 'endpoint-other-node' : 'endpoint-other-zone', listName, e.key, mode === 'auto' ? 'C2' : 'C3', `is filtered out by topology: it is not hinted for ${by === 'node' ? `node ${nodeName}` : `zone ${zone}`}${listName === 'local' ? ' (the filter also applies to the Local list, C4)' : ''}`);
        else if (listName === 'local' && !onThisNode(e)) s.verdict('endpoint-not-local', listName, e.key, 'C4', 'runs on another node');
        else if (e.serving && e.terminating) s.verdict('endpoint-terminating-unused', listName, e.key, 'C5', 'is serving but not ready: Felix writes only ready backends, there is no serving-terminating fallback');
        else s.verdict('endpoint-not-ready', listName, e.key, 'C5', 'is not ready');
      }
    }
    return { cluster, local, tiers: null, steps: s.out, all };
  },

  flow(input, _d, via, from): FlowChoice {
    const itpLocal = input.service.internalTrafficPolicy === 'Local';
    const etpLocal = input.service.externalTrafficPolicy === 'Local';
    // C6 (nat_lookup.h picks the count by the frontend's flags).
    if (via === 'clusterIP') {
      if (from === 'outside') notPinned(ID, '$.from', 'cluster-IP traffic from outside the cluster (Calico then uses the cluster-wide count for advertised cluster IPs, which depends on the deployment)');
      return { list: itpLocal ? 'local' : 'cluster', rule: 'C6', message: 'cluster-IP traffic follows internalTrafficPolicy' };
    }
    if (via === 'externalIP') return { list: 'cluster', rule: 'C6', message: 'external-IP frontends carry no local flag: always the cluster-wide set' };
    if (from === 'outside') return { list: etpLocal ? 'local' : 'cluster', rule: 'C6', message: 'external traffic to a node port or VIP follows externalTrafficPolicy' };
    return { list: itpLocal ? 'local' : 'cluster', rule: 'C6', message: 'a node port or VIP reached from inside the cluster (this node or a Pod on it) follows internalTrafficPolicy, with no short-circuit to the Cluster list' };
  },
};
