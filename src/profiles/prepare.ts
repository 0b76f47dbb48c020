/**
 * `prepareService` with a deviation profile: the Service, slices and options are checked once;
 * each query runs the profile's rules for its node.
 *
 * @module
 */
import type { ClientNode } from '../model/input.js';
import { type Rec, Reader } from '../model/read.js';
import { type Flow, type QueryOptions, readExplain, refuseMisplacedInSelect } from '../proxy/prepare.js';
import type { PortRef } from '../proxy/types.js';
import type { IPFamily } from '../util/ip.js';
import { categorizeWithProfile, readProfileFlow, selectWithProfile } from './categorize.js';
import type { ProfileId, ResolvedProfile } from './names.js';
import { readProfileInput } from './read.js';
import type { ProfileCategorized, ProfileFlowResult } from './types.js';

/**
 * A Service prepared for queries through another data plane's rules.
 *
 * @category profiles
 * @example
 * ```ts
 * const prepared = prepareService(service, slices, { port: 'http', profile: 'cilium' });
 * prepared.categorize({ name: 'node-a', zone: 'zone-a' }).clusterEndpoints?.map((e) => e.key);
 * ```
 */
export interface PreparedProfileService {
  readonly profile: ProfileId;
  readonly service: { readonly namespace: string; readonly name: string };
  readonly ipFamily: IPFamily;
  readonly port: PortRef;
  /** The profile's lists for a client on `node`. */
  categorize(node: ClientNode, options?: QueryOptions): ProfileCategorized;
  /** The profile's decision for one flow, where its pinned source settles it. */
  select(node: ClientNode, flow?: Flow): ProfileFlowResult;
}

/** @internal */
export function prepareWithProfile(record: Rec, profile: ResolvedProfile): PreparedProfileService {
  // Checked once, with a node that makes nothing local; queries re-run the rules per node.
  const first = readProfileInput({ ...record, node: { name: '' } }, { name: '' }, profile.info.id);
  const explainByDefault = new Reader().boolean(record, 'explain', '$') ?? false;
  const withQuery = (node: unknown, explain: boolean): Rec => ({ ...record, node, explain });
  return Object.freeze({
    profile: profile.info.id,
    service: first.kubeProxy.service,
    ipFamily: first.ipFamily,
    port: first.port,
    categorize: (node: ClientNode, options?: QueryOptions) => {
      // Read as kube-proxy's prepared Service reads it: a non-boolean `explain` or a key that
      // prepareService fixes is refused rather than ignored.
      const reader = new Reader();
      const explain = readExplain(reader, options, explainByDefault);
      reader.finish();
      return categorizeWithProfile(withQuery(node, explain), profile);
    },
    select: (node: ClientNode, flow?: Flow) => {
      const reader = new Reader();
      refuseMisplacedInSelect(reader, node, flow);
      reader.finish();
      const { via, from, explain } = readProfileFlow(flow, explainByDefault);
      return selectWithProfile(withQuery(node, explain), profile, via, from, explain);
    },
  });
}
