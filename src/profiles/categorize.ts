/**
 * Running a deviation profile: reads the `profile` option and the input once, dispatches to the
 * data plane's rules, and shapes the answer.
 *
 * @module
 * @internal
 */
import { KubeTrafficError, problem } from '../model/errors.js';
import { type Rec, Reader, isRec } from '../model/read.js';
import { profileStep } from '../explain/codes.js';
import type { From, Via } from '../proxy/types.js';
import { antrea } from './antrea.js';
import { calicoEbpf } from './calico-ebpf.js';
import { cilium } from './cilium.js';
import type { FlowChoice, ProfileDecision, ProfileRules } from './decision.js';
import type { Endpoint } from '../model/endpoint.js';
import { envoyGateway } from './envoy-gateway.js';
import { istio } from './istio.js';
import { linkerd } from './linkerd.js';
import { type ProfileName, type ResolvedProfile, resolveProfile } from './names.js';
import { type ProfileInput, readProfileInput } from './read.js';
import type { ProfileCategorized, ProfileFlowResult } from './types.js';

/** The rules of every profile but kube-proxy. @internal */
export const RULES: { readonly [P in Exclude<ProfileName, 'kube-proxy'>]: ProfileRules } = {
  antrea,
  'calico-ebpf': calicoEbpf,
  cilium,
  linkerd,
  istio,
  'envoy-gateway': envoyGateway,
};

/** A resolved profile that is not kube-proxy, or `null` for kube-proxy. @internal */
export function profileOf(input: Rec): ResolvedProfile | null {
  const resolved = resolveProfile(input['profile'], '$.profile');
  if (resolved.info.name === 'kube-proxy') return null;
  // Kubernetes gates and releases are kube-proxy's knobs; a data plane's own go in profile.gates.
  for (const key of ['gates', 'kubernetesVersion'] as const) {
    if (input[key] !== undefined && input[key] !== null) {
      throw new KubeTrafficError([
        problem('invalid-value', `$.${key}`, `nothing with profile ${resolved.info.id}: ${key === 'gates' ? "Kubernetes gates configure kube-proxy; pass the data plane's own gates as profile.gates" : 'a Kubernetes release selects kube-proxy code, not another data plane'}`, `${key} set`),
      ]);
    }
  }
  return resolved;
}

function recordWithout(input: Rec): Rec {
  const { profile: _p, ...rest } = input;
  return rest;
}

/** Runs a profile's rules for the client `node`. @internal */
export function decideProfile(input: Rec, profile: ResolvedProfile, node: unknown): { read: ProfileInput; decision: ProfileDecision } {
  const name = profile.info.name as Exclude<ProfileName, 'kube-proxy'>;
  const read = readProfileInput({ ...recordWithout(input), node }, node, profile.info.id);
  return { read, decision: RULES[name].decide(read, profile) };
}

/** The public shape of a decision. @internal */
export function profileResult(profile: ResolvedProfile, read: ProfileInput, d: ProfileDecision, explain: boolean): ProfileCategorized {
  const ref = read.kubeProxy;
  return Object.freeze({
    kind: 'profile',
    profile: profile.info.id,
    service: ref.service,
    port: ref.port,
    ipFamily: ref.ipFamily,
    node: Object.freeze({ name: read.node.name, zone: read.node.zone }),
    clusterEndpoints: d.cluster === null ? null : Object.freeze([...d.cluster]),
    localEndpoints: d.local === null ? null : Object.freeze([...d.local]),
    tiers: d.tiers,
    ...(explain && { explanation: Object.freeze([...d.steps]) }),
  });
}

/** `categorizeEndpoints` with a profile other than kube-proxy. @internal */
export function categorizeWithProfile(input: Rec, profile: ResolvedProfile): ProfileCategorized {
  const explain = new Reader().boolean(input, 'explain', '$') ?? false;
  const { read, decision } = decideProfile(input, profile, input['node']);
  return profileResult(profile, read, decision, explain);
}

/** `selectEndpoints` with a profile other than kube-proxy. @internal */
export function selectWithProfile(input: Rec, profile: ResolvedProfile, via: Via, from: From, explain: boolean): ProfileFlowResult {
  const { read, decision } = decideProfile(input, profile, input['node']);
  const { choice, list, action } = flowOf(read, decision, profile, via, from);
  const categorized = profileResult(profile, read, decision, explain);
  const flowSteps = explain
    ? [
        profileStep(choice.list === 'cluster' ? 'flow-internal-policy' : 'flow-external-policy', `${via} traffic from ${from} uses the ${choice.list === 'cluster' ? 'Cluster' : 'Local'} list: ${choice.message} (${profile.info.id} rule ${choice.rule}).`, { profile: profile.info.id, rule: choice.rule, list: choice.list }),
        action === 'forward'
          ? profileStep('flow-forward', `FORWARD to one of ${list.length} endpoint(s).`, { profile: profile.info.id, count: list.length })
          : profileStep('flow-reject', `REJECT: the list is empty and ${profile.info.title} programs an empty group to reject (${profile.info.id} rule A5), where kube-proxy would drop when endpoints exist elsewhere.`, { profile: profile.info.id, rule: 'A5' }),
      ]
    : [];
  return Object.freeze({
    kind: 'profile',
    profile: profile.info.id,
    action,
    endpoints: action === 'forward' ? list : Object.freeze([]),
    policy: choice.list === 'cluster' ? 'Cluster' : 'Local',
    decidedBy: choice.rule,
    via,
    from,
    categorized,
    ...(explain && { explanation: Object.freeze([...flowSteps, ...(categorized.explanation ?? [])]) }),
  });
}

/** The list and action of one flow for a decided node. @internal */
export function flowOf(
  read: ProfileInput,
  decision: ProfileDecision,
  profile: ResolvedProfile,
  via: Via,
  from: From,
): { choice: FlowChoice; list: readonly Endpoint[]; action: 'forward' | 'reject'; policy: 'Cluster' | 'Local'; endpoints: readonly Endpoint[] } {
  const rules = RULES[profile.info.name as Exclude<ProfileName, 'kube-proxy'>];
  const p = read.kubeProxy.policy;
  // The flow must exist on the port, as for kube-proxy.
  const missing = via === 'nodePort' && !p.nodePort ? 'node port' : via === 'externalIP' && !p.externalIPs ? 'external IP of this family' : via === 'loadBalancer' && !p.loadBalancerIPs ? 'load-balancer ingress IP of this family (ipMode VIP)' : null;
  if (missing !== null) throw new KubeTrafficError([problem('unsupported-flow', '$.via', `a path the port exposes, but it has no ${missing}`, `via ${JSON.stringify(via)}`)]);
  const choice = rules.flow(read, decision, via, from, profile);
  const list = choice.list === 'cluster' ? decision.cluster : decision.local;
  if (list === null) throw new Error(`internal: ${profile.info.id} chose the ${choice.list} list for ${via}/${from}, which it does not compute`);
  let action: 'forward' | 'reject' = 'forward';
  if (list.length === 0) {
    if (rules.onEmpty === null) {
      throw new KubeTrafficError([
        problem('profile-not-pinned', '$', `a flow whose outcome ${profile.info.id}'s pinned source settles`, `an empty ${choice.list === 'cluster' ? 'Cluster' : 'Local'} list: whether ${profile.info.title} drops or rejects then was not read`),
      ]);
    }
    action = rules.onEmpty;
  }
  return { choice, list, action, policy: choice.list === 'cluster' ? 'Cluster' : 'Local', endpoints: action === 'forward' ? list : Object.freeze([]) };
}

/** Reads a record argument, failing like the other entry points for a non-object. @internal */
export function asRecord(input: unknown): Rec {
  if (!isRec(input)) {
    const reader = new Reader();
    reader.fail('invalid-type', '$', 'an input object { service, endpointSlices, node, port }', input);
    reader.finish();
  }
  return input as Rec;
}

/** Reads `via`, `from` and `explain` of a profile flow query. @internal */
export function readProfileFlow(flow: unknown, explainByDefault: boolean): { via: Via; from: From; explain: boolean } {
  const f: Rec = isRec(flow) ? flow : {};
  const reader = new Reader();
  if (flow !== undefined && flow !== null && !isRec(flow)) reader.fail('invalid-type', '$', 'a flow object { via?, from? }', flow);
  const via = reader.string(f, 'via', '$') ?? 'clusterIP';
  const from = reader.string(f, 'from', '$') ?? 'pod';
  if (!VIAS.includes(via)) reader.fail('invalid-value', '$.via', VIAS.join(', '), via);
  if (!FROMS.includes(from)) reader.fail('invalid-value', '$.from', FROMS.join(', '), from);
  const explain = reader.boolean(f, 'explain', '$') ?? explainByDefault;
  reader.finish();
  return { via: via as Via, from: from as From, explain };
}

const VIAS: readonly string[] = ['clusterIP', 'nodePort', 'loadBalancer', 'externalIP'];
const FROMS: readonly string[] = ['pod', 'node', 'outside'];
