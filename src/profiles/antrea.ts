/**
 * AntreaProxy (`antrea@2.7.0`, docs/profile-antrea.md). Antrea carries a port of
 * kube-proxy 1.34's code (third_party/proxy), so this profile runs the library's kube-proxy rules
 * for release 1.34 with Antrea's own gates: node hints only with Antrea's Alpha gate
 * `PreferSameTrafficDistribution` (off by default), the 1.27–1.35 duplicate rule, the Local list
 * also for load-balancer and external IPs with `LoadBalancerModeDSR`, and reject on an empty list.
 *
 * @module
 * @internal
 */
import type { Endpoint } from '../model/endpoint.js';
import { profileStep } from '../explain/codes.js';
import { isRec } from '../model/read.js';
import { prepareFrom } from '../proxy/prepare.js';
import type { CategorizedEndpoints } from '../proxy/types.js';
import { type FlowChoice, type ProfileDecision, type ProfileRules, Steps, notPinned } from './decision.js';
import type { ProfileInput } from './read.js';

const ID = 'antrea@2.7.0';

function run(input: ProfileInput, nodeHints: boolean, service?: unknown): CategorizedEndpoints {
  const r = prepareFrom({
    ...input.record,
    ...(service !== undefined && { service }),
    kubernetesVersion: '1.34',
    gates: { PreferSameTrafficDistribution: nodeHints },
    explain: true,
  }).categorize(input.record['node'] as never);
  if (r.kind !== 'proxied') throw new Error('unreachable: the Service was checked as proxied');
  return r;
}

/** Every endpoint kube-proxy's conversion (release 1.34) produces for the port. */
function allEndpoints(input: ProfileInput): readonly Endpoint[] {
  return prepareFrom({ ...input.record, kubernetesVersion: '1.34' }).endpoints;
}

export const antrea: ProfileRules = {
  rules: {
    A1: 'kube-proxy 1.34 decides: the topology mode is chosen from ready endpoints, node before zone; Cluster and Local each fall back to serving-terminating endpoints on their own; hints leave the Local list alone',
    A2: 'node hints are read only with Antrea\'s Alpha gate PreferSameTrafficDistribution, default off',
    A3: 'duplicates follow the 1.27–1.35 rule: of two copies of an IP:port, the later one wins only when it is on this node',
    A4: 'with the Alpha gate LoadBalancerModeDSR the Local list is also used for ports with load-balancer or external IPs',
    A5: 'an empty list is programmed to reject, where kube-proxy drops when endpoints exist elsewhere',
    A6: 'the TopologyAwareHints and ServiceTrafficDistribution gates cannot be turned off, so no annotation is checked',
  },
  onEmpty: 'reject',

  decide(input, profile): ProfileDecision {
    const nodeHints = profile.gates['PreferSameTrafficDistribution'] === true;
    const dsr = profile.gates['LoadBalancerModeDSR'] === true;
    const r = run(input, nodeHints);
    let local: readonly Endpoint[] | null = r.localEndpoints;
    const p = r.policy;
    const s = new Steps(ID);
    const dsrLocal = dsr && local === null && (p.loadBalancerIPs || p.externalIPs);
    if (dsrLocal) {
      // A4: serviceport.go UsesLocalEndpoints — the Local list (rule 6, independent of the policy) is programmed too.
      const svc = input.record['service'];
      const spec = isRec(svc) && isRec(svc['spec']) ? svc['spec'] : {};
      local = run(input, nodeHints, { ...(svc as object), spec: { ...spec, internalTrafficPolicy: 'Local' } }).localEndpoints;
      s.rule('A4', 'LoadBalancerModeDSR is on and the port has load-balancer or external IPs, so the Local list is used too', {});
    }
    const hasNodeHints = input.slices.some((sl) => sl.endpoints.some((e) => e.nodeHints.length > 0));
    if (!nodeHints && hasNodeHints) s.rule('A2', 'the slices carry node hints, but Antrea\'s gate PreferSameTrafficDistribution is off, so they are ignored and zone hints decide', { gate: 'PreferSameTrafficDistribution' });
    if (nodeHints) s.rule('A2', 'Antrea\'s gate PreferSameTrafficDistribution is on: node hints are read, as newest kube-proxy does', { gate: 'PreferSameTrafficDistribution' });

    // Which keys have more than one copy among the Service's slices (A3 decides those).
    const copies = new Map<string, number>();
    for (const sl of input.slices) for (const e of sl.endpoints) for (const a of e.addresses.slice(0, 1)) copies.set(a.ip, (copies.get(a.ip) ?? 0) + 1);
    const ref = input.kubeProxy;
    const keys = (l: readonly Endpoint[] | null): Set<string> => new Set((l ?? []).map((e) => e.key));
    const refSets = { cluster: keys(ref.clusterEndpoints), local: keys(ref.localEndpoints) };
    const ownSets = { cluster: keys(r.clusterEndpoints), local: keys(local) };
    const ruleFor = (key: string, list: 'cluster' | 'local'): string => {
      if (refSets[list].has(key) === ownSets[list].has(key)) return 'A1';
      const ip = key.startsWith('[') ? key.slice(1, key.indexOf(']')) : key.slice(0, key.lastIndexOf(':'));
      if ((copies.get(ip) ?? 0) > 1) return 'A3';
      if (list === 'local' && dsrLocal) return 'A4';
      return 'A2';
    };
    // kube-proxy's own steps, each tagged with the Antrea rule that produced it.
    const kpSteps = (r.explanation ?? []).filter((x) => x.list !== 'local' || !dsrLocal);
    for (const x of kpSteps) {
      const rule = x.endpoint !== undefined && x.list !== undefined ? ruleFor(x.endpoint, x.list) : 'A1';
      s.out.push(profileStep(x.code, rule === 'A1' ? x.message : `${x.message.replace(/\.$/, '')} (${ID} rule ${rule}).`, { ...(x.data as object), profile: ID, rule }, { ...(x.endpoint !== undefined && { endpoint: x.endpoint }), ...(x.list !== undefined && { list: x.list }), ...(x.path !== undefined && { path: x.path }) }));
    }
    if (dsrLocal && local !== null) {
      const inLocal = keys(local);
      for (const e of allEndpoints(input).map((x) => x.key)) {
        if (inLocal.has(e)) s.verdict('endpoint-in-local', 'local', e, 'A4', 'is in the Local list programmed for DSR');
        else s.verdict('endpoint-not-local', 'local', e, 'A4', 'is not a usable local endpoint (Local list programmed for DSR)');
      }
    }
    return { cluster: r.clusterEndpoints, local, tiers: null, steps: s.out, all: allEndpoints(input) };
  },

  flow(input, _d, via, from, profile): FlowChoice {
    if (profile.gates['LoadBalancerModeDSR'] === true && (via === 'loadBalancer' || via === 'externalIP')) {
      notPinned(ID, '$.via', `${via} traffic with LoadBalancerModeDSR: which list each DSR packet uses was not read`);
    }
    // Section 10: Antrea follows kube-proxy's choice of list for a flow.
    const r = prepareFrom({ ...input.record, kubernetesVersion: '1.34', gates: { PreferSameTrafficDistribution: profile.gates['PreferSameTrafficDistribution'] === true } }).select(input.record['node'] as never, { via, from });
    if (r.kind !== 'proxied') throw new Error('unreachable: the Service was checked as proxied');
    return { list: r.policy === 'Local' ? 'local' : 'cluster', rule: 'A1', message: `the ${r.policy} list, chosen by ${r.decidedBy} as kube-proxy does` };
  },
};
