/**
 * What the data plane does with one flow (kube-proxy.md §8): forward, drop or reject, and which
 * list it uses — or nothing at all, for external-IP traffic while `AllowServiceExternalIPs` is off.
 *
 * @module
 */
import type { Endpoint } from '../model/endpoint.js';
import type { PortPolicy } from './port-policy.js';
import type { From, HandledFlowAction, PolicySource, Via } from './types.js';

/** What a flow decision reads: the port's policy and its two lists (a categorisation fits). */
export interface FlowLists {
  readonly policy: PortPolicy;
  readonly hasAnyEndpoints: boolean;
  readonly clusterEndpoints: readonly Endpoint[] | null;
  readonly localEndpoints: readonly Endpoint[] | null;
}

/** The flow part of a decision: a list kube-proxy's rules use, or no rule at all. */
export type FlowDecision =
  | {
      readonly action: HandledFlowAction;
      readonly endpoints: readonly Endpoint[];
      readonly policy: 'Cluster' | 'Local';
      readonly decidedBy: PolicySource;
    }
  | {
      readonly action: 'not-handled';
      readonly endpoints: readonly Endpoint[];
      readonly policy: null;
      readonly decidedBy: null;
    };

/** What kube-proxy programs beyond the lists: whether it writes rules for the external IPs. */
export interface FlowRules {
  /** The `AllowServiceExternalIPs` gate (on before 1.36, where it does not exist). */
  readonly externalIPsHandled: boolean;
}

const NONE: readonly Endpoint[] = Object.freeze([]);
const NOT_HANDLED: FlowDecision = Object.freeze({ action: 'not-handled', endpoints: NONE, policy: null, decidedBy: null });

/** Decides one flow from a categorisation. The caller has checked that `via` exists on the port. */
export function decideFlow(cat: FlowLists, via: Via, from: From, rules: FlowRules): FlowDecision {
  // §8.5 (1.36 on): with AllowServiceExternalIPs off, BaseServicePortInfo.ExternalIPs() is empty
  // (pkg/proxy/serviceport.go), so no proxier writes a rule for these addresses — not even the
  // REJECT of §8.1. ExternallyAccessible() still reads the stored IPs, so the lists are unchanged.
  if (via === 'externalIP' && !rules.externalIPsHandled) return NOT_HANDLED;
  let policy: 'Cluster' | 'Local';
  let decidedBy: PolicySource;
  if (via === 'clusterIP') {
    // §8.2: cluster IP traffic follows internalTrafficPolicy.
    policy = cat.policy.internalLocal ? 'Local' : 'Cluster';
    decidedBy = 'internalTrafficPolicy';
  } else if (cat.policy.externalLocal && from !== 'outside') {
    // §8.3: traffic from this node (host or local Pod) to an eTP Local port is short-circuited to
    // the Cluster list, so it is never dropped for lack of a local endpoint.
    policy = 'Cluster';
    decidedBy = 'short-circuit';
  } else {
    policy = cat.policy.externalLocal ? 'Local' : 'Cluster';
    decidedBy = 'externalTrafficPolicy';
  }
  // §8.1: no usable endpoint anywhere: REJECT on every address of the port.
  if (!cat.hasAnyEndpoints) return { action: 'reject', endpoints: NONE, policy, decidedBy };
  const list = (policy === 'Local' ? cat.localEndpoints : cat.clusterEndpoints) ?? NONE;
  // §8.2, §8.3: an empty target list DROPs silently.
  return { action: list.length > 0 ? 'forward' : 'drop', endpoints: list, policy, decidedBy };
}
