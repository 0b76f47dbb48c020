/**
 * Cilium's kube-proxy replacement (`cilium@1.21.0-dev+5b27d687`, docs/profile-cilium.md):
 * the Service field decides the distribution (not the hints), PreferSameNode matches `nodeName`,
 * a zone safeguard that counts maintenance backends, and per-frontend backend selection
 * (pkg/loadbalancer/writer/writer.go `DefaultSelectBackends`, reconciler/bpf_reconciler.go).
 *
 * @module
 * @internal
 */
import type { Endpoint } from '../model/endpoint.js';
import { type FlowChoice, type ProfileDecision, type ProfileRules, Steps, TOPOLOGY_AWARE_HINTS, TOPOLOGY_MODE, endpointOf, mergeCopies, notPinned, sortEndpoints } from './decision.js';
import type { ProfileInput, RawEndpoint } from './read.js';

const ID = 'cilium@1.21.0-dev+5b27d687';
/** EndpointSlice annotation whose value "0" puts the slice's backends in maintenance (endpoints.go L278–291). */
const WEIGHT_ANNOTATION = 'service.cilium.io/weight';

/** Backend states of pkg/loadbalancer (endpoints.go L139–148). */
type State = 'active' | 'terminating' | 'terminating-not-serving' | 'maintenance';

interface Backend {
  readonly endpoint: Endpoint;
  readonly state: State;
  /** Zone hints kept only where the endpoint has a `zone` field (reflectors/endpoints L175–180). */
  readonly zoneHints: readonly string[];
  /** Ci6: node-local (writer.go L542, L573 — no nodeName counts as local). */
  readonly local: boolean;
}

type Distribution = 'PreferSameZone' | 'PreferSameNode' | null;

/** Ci2: conversions.go `trafficDistribution` and `getAnnotationTopologyAwareHints`. */
function distribution(input: ProfileInput): { value: Distribution; source: string } {
  const field = input.service.trafficDistribution;
  if (field === 'PreferSameZone' || field === 'PreferClose') return { value: 'PreferSameZone', source: `spec.trafficDistribution ${field}` };
  if (field === 'PreferSameNode') return { value: 'PreferSameNode', source: 'spec.trafficDistribution PreferSameNode' };
  const a = input.service.annotations ?? {};
  // The deprecated key wins whenever it exists, even with an "off" value.
  const key = TOPOLOGY_AWARE_HINTS in a ? TOPOLOGY_AWARE_HINTS : TOPOLOGY_MODE in a ? TOPOLOGY_MODE : null;
  const value = key === null ? '' : (a[key] ?? '');
  if (key !== null && value !== '' && value !== 'disabled' && value !== 'Disabled') return { value: 'PreferSameZone', source: `annotation ${key}: ${JSON.stringify(value)}` };
  return { value: null, source: 'neither spec.trafficDistribution nor an enabling topology annotation' };
}

function stateOf(raw: RawEndpoint, weightZero: boolean): State {
  if (weightZero) return 'maintenance';
  const ready = raw.ready ?? true;
  const serving = raw.serving ?? true;
  const terminating = raw.terminating ?? false;
  if (ready) return 'active';
  if (terminating) return serving ? 'terminating' : 'terminating-not-serving';
  return 'maintenance';
}

const isTerminating = (b: Backend): boolean => b.state === 'terminating' || b.state === 'terminating-not-serving';

export const cilium: ProfileRules = {
  rules: {
    Ci1: 'all topology needs the agent option enable-service-topology (default false)',
    Ci2: 'the distribution comes from spec.trafficDistribution, else from a topology annotation with any enabling value; hints never turn it on; iTP Local turns it off',
    Ci3: 'PreferSameNode keeps the non-terminating backends whose nodeName is this node, if any; otherwise no topology at all',
    Ci4: 'zone: on a zoned node, if every non-terminating backend (maintenance ones included) has a zone hint and one is hinted for the zone, keep those hinted for it',
    Ci5: 'new connections go to the active (ready) selected backends, else the serving-terminating ones, never to others',
    Ci6: 'a backend is node-local when its nodeName is empty or this node',
    Ci7: 'frontends: cluster IP follows iTP, external addresses eTP, plus an internal scope following iTP when the policies differ',
    Ci8: 'zone filtering also applies to node-local frontends',
    Ci9: 'every address is a backend; a slice port without a name matches every Service port name; weight "0" slices are maintenance',
  },
  onEmpty: null,

  decide(input, profile): ProfileDecision {
    const s = new Steps(ID);
    const node = input.node;
    const port = input.port;
    // Ci9: ParseEndpointSliceV1 — every address; unnamed slice ports serve every frontend port name.
    const items: { endpoint: Endpoint; raw: RawEndpoint; pod: string | null; state: State }[] = [];
    for (const slice of input.slices) {
      if (slice.addressType !== input.ipFamily) continue;
      const weightZero = slice.annotations[WEIGHT_ANNOTATION] === '0';
      const numbers = slice.ports.filter((p) => p.port !== null && ((p.name ?? '') === '' || p.name === port.name) && p.protocol === port.protocol).map((p) => p.port!);
      for (const raw of slice.endpoints) {
        // Newer copies of ParseEndpointSliceV1 take the node from deprecatedTopology's hostname key
        // when nodeName is absent, which would decide Ci3 and Ci6; the pinned reading was not seen.
        if (raw.nodeName === null && raw.deprecatedHostname !== null) {
          notPinned(ID, `${raw.path}.deprecatedTopology`, `an endpoint without nodeName whose deprecatedTopology names host ${JSON.stringify(raw.deprecatedHostname)}: whether the pinned Cilium takes that as the endpoint's node (which decides PreferSameNode and node-locality) was not read`);
        }
        for (const address of raw.addresses) {
          if (address.family !== input.ipFamily) continue;
          for (const n of new Set(numbers)) {
            items.push({ endpoint: endpointOf({ ip: address.ip, family: address.family, port: n, raw }), raw, pod: raw.pod, state: stateOf(raw, weightZero) });
          }
        }
      }
    }
    const stateByKey = new Map(items.map((i) => [i.endpoint.key, i.state]));
    const backends: Backend[] = mergeCopies(ID, items).map((i) => ({
      endpoint: i.endpoint,
      state: stateByKey.get(i.endpoint.key)!,
      zoneHints: i.raw.zone === null ? [] : i.endpoint.zoneHints,
      local: i.raw.nodeName === null || i.raw.nodeName === '' || i.raw.nodeName === node.name,
    }));

    const topology = profile.options['enable-service-topology'] === true;
    const dist = distribution(input);
    const itpLocal = input.service.internalTrafficPolicy === 'Local';
    const etpLocal = input.service.externalTrafficPolicy === 'Local';
    let effective: Distribution = dist.value;
    if (!topology) {
      if (dist.value !== null) s.rule('Ci1', `${dist.source} asks for topology, but enable-service-topology is off, so no backend is filtered`, { distribution: dist.value });
      effective = null;
    } else if (itpLocal && dist.value !== null) {
      s.rule('Ci2', `internalTrafficPolicy is Local, which turns ${dist.source} off for every frontend`, { distribution: dist.value });
      effective = null;
    } else s.rule('Ci2', `the distribution is read from the Service, not the hints: ${dist.source} gives ${effective ?? 'none'}`, { distribution: effective });

    // Ci7: the frontends and whether each is node-local.
    const p = input.kubeProxy.policy;
    const external = p.nodePort || p.loadBalancerIPs || p.externalIPs;
    const frontends: boolean[] = [itpLocal];
    if (external) {
      frontends.push(etpLocal);
      if (itpLocal !== etpLocal) frontends.push(itpLocal);
    }
    const usesCluster = frontends.includes(false);
    const usesLocal = frontends.includes(true);
    if (itpLocal && etpLocal && external) s.rule('Ci7', 'both traffic policies are Local: every frontend is node-local, so there is no cluster-wide list', {});
    else s.rule('Ci7', `frontends: ${frontends.map((l, i) => `${i === 0 ? 'cluster IP' : i === 1 ? 'external scope' : 'internal scope'} ${l ? 'node-local' : 'cluster-wide'}`).join(', ')}`, { cluster: usesCluster, local: usesLocal });

    type Verdict = { rule: string; code: 'other-node' | 'other-zone' | 'not-local' | 'not-selected-state' | 'in'; message: string };
    const select = (onlyLocal: boolean): { list: readonly Endpoint[]; verdicts: Map<string, Verdict> } => {
      const verdicts = new Map<string, Verdict>();
      const pool = backends.filter((b) => !onlyLocal || b.local);
      for (const b of backends) if (onlyLocal && !b.local) verdicts.set(b.endpoint.key, { rule: 'Ci6', code: 'not-local', message: 'is not node-local (its nodeName is another node)' });
      let selected = pool;
      // The rule that decided which backends are selected (before Ci5 picks by state).
      let selectionRule = !topology && dist.value !== null ? 'Ci1' : effective === null ? 'Ci2' : effective === 'PreferSameNode' ? 'Ci3' : 'Ci4';
      let note =
        selectionRule === 'Ci1'
          ? 'no topology applies: enable-service-topology is off'
          : selectionRule === 'Ci2'
            ? itpLocal && dist.value !== null
              ? 'no topology applies: internalTrafficPolicy Local turns it off'
              : 'no topology applies: the Service asks for none (hints alone never turn it on)'
            : 'no backend is filtered';
      if (effective === 'PreferSameNode') {
        // Ci3: writer.go DefaultSelectBackends L482–517 with topologyPreferenceCandidate.
        const own = pool.filter((b) => b.endpoint.nodeName !== null && b.endpoint.nodeName !== '' && b.endpoint.nodeName === node.name && !isTerminating(b));
        if (own.length > 0) {
          selected = own;
          note = `it runs on node ${node.name} (PreferSameNode matches nodeName)`;
          for (const b of pool) if (!own.includes(b)) verdicts.set(b.endpoint.key, { rule: 'Ci3', code: 'other-node', message: `is not on node ${node.name} (PreferSameNode matches nodeName, not forNodes hints)` });
        } else {
          note = `no backend is filtered, because none that is not terminating has nodeName ${node.name} (PreferSameNode has no zone fallback)`;
          s.rule('Ci3', `no non-terminating backend has nodeName ${node.name}, so PreferSameNode applies no topology (no zone fallback)`, { node: node.name });
        }
      } else if (effective === 'PreferSameZone') {
        // Ci4: writer.go L519–562; candidates exclude only the two terminating states.
        const candidates = pool.filter((b) => !isTerminating(b));
        const unhinted = candidates.find((b) => b.zoneHints.length === 0);
        if (onlyLocal) selectionRule = 'Ci8';
        if (node.zone === '') {
          note = 'no backend is filtered, because the node has no zone label';
          s.rule('Ci4', 'the node has no zone label, so no zone topology applies', {});
        } else if (unhinted !== undefined) {
          note = `no backend is filtered, because ${unhinted.endpoint.key} (${unhinted.state}) has no usable zone hint`;
          s.rule('Ci4', `${unhinted.endpoint.key} (${unhinted.state}) has no usable zone hint${unhinted.endpoint.zone === null ? ' (it has no zone field, so its hints are dropped)' : ''}, so no backend is filtered`, { state: unhinted.state }, unhinted.endpoint.key);
        } else if (!candidates.some((b) => b.zoneHints.includes(node.zone))) {
          note = `no backend is filtered, because none is hinted for zone ${node.zone}`;
          s.rule('Ci4', `no backend is hinted for zone ${node.zone}, so no backend is filtered`, { zone: node.zone });
        } else {
          selected = pool.filter((b) => b.zoneHints.includes(node.zone));
          note = `it is hinted for zone ${node.zone}`;
          for (const b of pool) if (!selected.includes(b)) verdicts.set(b.endpoint.key, { rule: 'Ci4', code: 'other-zone', message: `is not hinted for zone ${node.zone}` });
        }
      }
      // Ci5: bpf_reconciler.go — active backends, else serving-terminating ones.
      const active = selected.filter((b) => b.state === 'active');
      const chosen = active.length > 0 ? active : selected.filter((b) => b.state === 'terminating');
      for (const b of selected) {
        if (chosen.includes(b)) verdicts.set(b.endpoint.key, active.length > 0 ? { rule: selectionRule, code: 'in', message: `is active and selected: ${note}` } : { rule: 'Ci5', code: 'in', message: 'is selected, terminating but serving, and no selected backend is active' });
        else verdicts.set(b.endpoint.key, { rule: 'Ci5', code: 'not-selected-state', message: `is ${b.state}: it gets no new connections${b.state === 'maintenance' ? ' (not ready, not terminating)' : ''}` });
      }
      return { list: sortEndpoints(chosen.map((b) => b.endpoint)), verdicts };
    };

    const cluster = usesCluster ? select(false) : null;
    const local = usesLocal ? select(true) : null;
    for (const [listName, sel] of [['cluster', cluster], ['local', local]] as const) {
      if (sel === null) continue;
      for (const b of backends) {
        const v = sel.verdicts.get(b.endpoint.key)!;
        const code =
          v.code === 'in'
            ? listName === 'cluster'
              ? 'endpoint-in-cluster'
              : 'endpoint-in-local'
            : v.code === 'other-node'
              ? 'endpoint-other-node'
              : v.code === 'other-zone'
                ? 'endpoint-other-zone'
                : v.code === 'not-local'
                  ? 'endpoint-not-local'
                  : b.state === 'terminating'
                    ? 'endpoint-terminating-unused'
                    : 'endpoint-not-ready';
        s.verdict(code, listName, b.endpoint.key, v.rule, v.message, { state: b.state });
      }
    }
    return { cluster: cluster?.list ?? null, local: local?.list ?? null, tiers: null, steps: s.out, all: backends.map((b) => b.endpoint) };
  },

  flow(input, _d, via, from): FlowChoice {
    const itpLocal = input.service.internalTrafficPolicy === 'Local';
    const etpLocal = input.service.externalTrafficPolicy === 'Local';
    if (via === 'clusterIP') return { list: itpLocal ? 'local' : 'cluster', rule: 'Ci7', message: 'the cluster-IP frontend follows internalTrafficPolicy' };
    // Ci7: an internal scope (from inside the cluster) exists only when the policies differ.
    if (from !== 'outside' && itpLocal !== etpLocal) return { list: itpLocal ? 'local' : 'cluster', rule: 'Ci7', message: 'the internal scope of an external address follows internalTrafficPolicy' };
    return { list: etpLocal ? 'local' : 'cluster', rule: 'Ci7', message: 'the external scope of an external address follows externalTrafficPolicy' };
  },
};
