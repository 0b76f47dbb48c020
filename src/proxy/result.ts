/**
 * Result objects of a prepared Service's queries. The lists are own, enumerable accessor
 * properties (so spreading, `JSON.stringify` and deep equality see them) that build the list on
 * first read: a query decides in O(1), and only a caller who reads a list pays for marking the
 * client node's endpoints local. The accessors are shared functions reading a private field, so a
 * query allocates no closures and the frozen result hides its memo.
 *
 * @module
 * @internal
 */
import type { Explanation } from '../explain/codes.js';
import type { Endpoint } from '../model/endpoint.js';
import type { KubernetesVersion } from '../model/releases.js';
import type { IPFamily } from '../util/ip.js';
import { type Decision, inCluster } from './categorize.js';
import type { EndpointIndex } from './endpoint-index.js';
import type { FlowDecision } from './flow.js';
import type { NodeIdentity } from './node.js';
import type { PortPolicy } from './port-policy.js';
import type { CategorizedEndpoints, FlowResult, From, PortRef, Via } from './types.js';

/** Marks the client node's endpoints `isLocal` in a list. */
export type Localize = (list: readonly Endpoint[], node: string) => readonly Endpoint[];

/** What every result of one prepared Service shares. */
export interface Frame {
  readonly service: { readonly namespace: string; readonly name: string };
  readonly port: PortRef;
  readonly ipFamily: IPFamily;
  readonly kubernetesVersion: KubernetesVersion;
  readonly policy: PortPolicy;
}

const NONE: readonly Endpoint[] = Object.freeze([]);

interface ListState {
  readonly d: Decision;
  readonly index: EndpointIndex;
  readonly node: string;
  readonly localize: Localize;
  cluster?: readonly Endpoint[] | null;
  local?: readonly Endpoint[] | null;
  all?: readonly Endpoint[];
  flow?: readonly Endpoint[];
  readonly flowList?: readonly Endpoint[];
}

function clusterOf(s: ListState): readonly Endpoint[] | null {
  if (s.cluster === undefined) s.cluster = s.d.cluster === null ? null : s.localize(s.d.cluster, s.node);
  return s.cluster;
}

function localOf(s: ListState): readonly Endpoint[] | null {
  if (s.local === undefined) s.local = s.d.local === null ? null : s.localize(s.d.local, s.node);
  return s.local;
}

function allOf(s: ListState): readonly Endpoint[] {
  if (s.all !== undefined) return s.all;
  const { d } = s;
  if (d.local === null) return (s.all = clusterOf(s) ?? NONE);
  if (d.cluster === null) return (s.all = localOf(s) ?? NONE);
  // kube-proxy.md §7.1: the union, by key. Local endpoints outside the Cluster list are few.
  const extra = new Set(d.local.filter((ep) => !inCluster(d, ep)));
  if (extra.size === 0) return (s.all = clusterOf(s) ?? NONE);
  // Both lists are subsequences of the sorted endpoints, so filtering keeps the order.
  return (s.all = s.localize(s.index.all.filter((ep) => extra.has(ep) || inCluster(d, ep)), s.node));
}

/**
 * Carries a result's list state in a private field: invisible to reflection, deep equality and
 * freezing, so the memo can fill in while the result itself stays frozen.
 */
class ResultBase {
  readonly #state: ListState;
  constructor(state: ListState) {
    this.#state = state;
  }
  static clusterEndpoints(this: ResultBase): readonly Endpoint[] | null {
    return clusterOf(this.#state);
  }
  static localEndpoints(this: ResultBase): readonly Endpoint[] | null {
    return localOf(this.#state);
  }
  static allReachableEndpoints(this: ResultBase): readonly Endpoint[] {
    return allOf(this.#state);
  }
  static flowEndpoints(this: ResultBase): readonly Endpoint[] {
    const s = this.#state;
    if (s.flow === undefined) s.flow = s.localize(s.flowList ?? NONE, s.node);
    return s.flow;
  }
}

const LISTS: PropertyDescriptorMap = {
  clusterEndpoints: { get: ResultBase.clusterEndpoints, enumerable: true },
  localEndpoints: { get: ResultBase.localEndpoints, enumerable: true },
  allReachableEndpoints: { get: ResultBase.allReachableEndpoints, enumerable: true },
};

const FLOW_ENDPOINTS: PropertyDescriptorMap = {
  endpoints: { get: ResultBase.flowEndpoints, enumerable: true },
};

const FALLBACK = [
  [Object.freeze({ cluster: false, local: false }), Object.freeze({ cluster: false, local: true })],
  [Object.freeze({ cluster: true, local: false }), Object.freeze({ cluster: true, local: true })],
] as const;

/** The categorisation result for one node. */
export function categorized(
  frame: Frame,
  index: EndpointIndex,
  node: NodeIdentity,
  d: Decision,
  localize: Localize,
  explanation?: Explanation,
): CategorizedEndpoints {
  const out = new ResultBase({ d, index, node: node.name, localize }) as unknown as Record<string, unknown>;
  out['kind'] = 'proxied';
  out['service'] = frame.service;
  out['port'] = frame.port;
  out['ipFamily'] = frame.ipFamily;
  out['kubernetesVersion'] = frame.kubernetesVersion;
  out['node'] = Object.freeze({ name: node.name, zone: node.zone });
  out['policy'] = frame.policy;
  out['topologyMode'] = d.topologyMode === null ? null : Object.freeze(d.topologyMode);
  Object.defineProperties(out, LISTS);
  out['hasAnyEndpoints'] = d.hasAnyEndpoints;
  out['terminatingFallback'] = FALLBACK[d.clusterFallback ? 1 : 0][d.localFallback ? 1 : 0];
  if (explanation !== undefined) out['explanation'] = explanation;
  return Object.freeze(out) as unknown as CategorizedEndpoints;
}

/** The flow result for one node. */
export function flowResult(
  frame: Frame,
  flow: FlowDecision,
  via: Via,
  from: From,
  cat: CategorizedEndpoints,
  localize: Localize,
  node: string,
  index: EndpointIndex,
  d: Decision,
  explanation?: Explanation,
): FlowResult {
  const out = new ResultBase({ d, index, node, localize, flowList: flow.endpoints }) as unknown as Record<string, unknown>;
  out['kind'] = 'proxied';
  out['action'] = flow.action;
  Object.defineProperties(out, FLOW_ENDPOINTS);
  out['policy'] = flow.policy;
  out['decidedBy'] = flow.decidedBy;
  out['via'] = via;
  out['from'] = from;
  out['kubernetesVersion'] = frame.kubernetesVersion;
  out['categorized'] = cat;
  if (explanation !== undefined) out['explanation'] = explanation;
  return Object.freeze(out) as unknown as FlowResult;
}
