/**
 * Result types of the deviation profiles.
 *
 * @module
 */
import type { Endpoint } from '../model/endpoint.js';
import type { ProfileExplanation } from '../explain/codes.js';
import type { From, PortRef, Via } from '../proxy/types.js';
import type { IPFamily } from '../util/ip.js';
import type { ProfileId } from './names.js';

/**
 * The endpoints another data plane picks for a client node: the usual two lists (`null` where
 * that data plane never uses one for the port) and, for profiles that answer with priority
 * tiers (Istio with a traffic distribution), `tiers`.
 *
 * @category profiles
 * @example
 * ```ts
 * const r = categorizeEndpoints({ ...input, profile: 'istio' });
 * if (r.kind === 'profile') [r.clusterEndpoints?.map((e) => e.key), r.tiers?.map((t) => t.map((e) => e.key))];
 * // => [['10.0.1.1:80'], [['10.0.1.1:80'], ['10.0.1.2:80'], ['10.0.1.3:80']]]
 * ```
 */
export interface ProfileCategorized {
  readonly kind: 'profile';
  /** The profile's full pinned name. */
  readonly profile: ProfileId;
  readonly service: { readonly namespace: string; readonly name: string };
  readonly port: PortRef;
  readonly ipFamily: IPFamily;
  /** The client node as read: its name and zone label (`''` when it has none). */
  readonly node: { readonly name: string; readonly zone: string };
  /** Endpoints receiving new connections from the profile's cluster-wide set, or `null` when unused. */
  readonly clusterEndpoints: readonly Endpoint[] | null;
  /** Endpoints receiving new connections from the profile's node-local set, or `null` when unused. */
  readonly localEndpoints: readonly Endpoint[] | null;
  /** Priority tiers, best first, listing healthy endpoints only; `null` for profiles or Services without tiers. */
  readonly tiers: readonly (readonly Endpoint[])[] | null;
  /** Present with `explain: true`: the profile's rules as they applied, and a verdict per endpoint naming the rule. */
  readonly explanation?: ProfileExplanation;
}

/**
 * One flow as another data plane handles it, where that data plane's pinned source settles it.
 *
 * @category profiles
 * @example
 * ```ts
 * const r = selectEndpoints({ ...input, profile: 'antrea', via: 'clusterIP' });
 * if (r.kind === 'profile') r.action; // => 'reject' (Antrea rejects where kube-proxy drops)
 * ```
 */
export interface ProfileFlowResult {
  readonly kind: 'profile';
  readonly profile: ProfileId;
  /** `forward` to one of `endpoints`, or `reject` (Antrea, empty list). */
  readonly action: 'forward' | 'reject';
  /** The endpoints new connections may go to; empty unless forwarded. */
  readonly endpoints: readonly Endpoint[];
  /** The list used. */
  readonly policy: 'Cluster' | 'Local';
  /** The profile rule that chose the list (its id on the profile's page, docs/profile-*.md, e.g. `C6`). */
  readonly decidedBy: string;
  readonly via: Via;
  readonly from: From;
  /** The categorisation the flow was decided from. */
  readonly categorized: ProfileCategorized;
  readonly explanation?: ProfileExplanation;
}
