/**
 * What every profile's rules return, and the helpers they share to build it: endpoints in the
 * library's {@link Endpoint} shape, explanation steps that name the deciding rule, and the
 * "not pinned" refusal.
 *
 * @module
 * @internal
 */
import type { Endpoint } from '../model/endpoint.js';
import { KubeTrafficError, problem } from '../model/errors.js';
import { type ExplanationCode, type ProfileStep, profileStep } from '../explain/codes.js';
import type { From, Via } from '../proxy/types.js';
import type { IPFamily } from '../util/ip.js';
import type { ResolvedProfile } from './names.js';
import { type ProfileInput, type RawEndpoint, keyOf } from './read.js';

/** Which list a flow uses, and the rule that says so. */
export interface FlowChoice {
  readonly list: 'cluster' | 'local';
  readonly rule: string;
  readonly message: string;
}

/** A profile's answer for one client node. */
export interface ProfileDecision {
  readonly cluster: readonly Endpoint[] | null;
  readonly local: readonly Endpoint[] | null;
  /** Priority tiers, best first, healthy endpoints only (Istio with a distribution), else `null`. */
  readonly tiers: readonly (readonly Endpoint[])[] | null;
  /** Rule steps, then one verdict per considered endpoint and used list. */
  readonly steps: readonly ProfileStep[];
  /** Every endpoint the data plane read for the port (whatever list it is in). */
  readonly all: readonly Endpoint[];
  /** Share of new connections per endpoint key where it is not uniform over the list (Istio's priority spill). */
  readonly weights?: ReadonlyMap<string, number>;
}

/** The rules of one data plane. */
export interface ProfileRules {
  /** Rule ids of the profile pages, docs/profile-*.md (`Ci3`), with a one-line statement in our words. */
  readonly rules: Readonly<Record<string, string>>;
  decide(input: ProfileInput, profile: ResolvedProfile): ProfileDecision;
  /** The list a flow uses; throws `profile-not-pinned` for a flow the source does not settle. */
  flow(input: ProfileInput, decision: ProfileDecision, via: Via, from: From, profile: ResolvedProfile): FlowChoice;
  /** What an empty list does to a flow, where pinned (`reject`), else `null`. */
  readonly onEmpty: 'reject' | null;
}

/** Throws the refusal for something the profile's pinned source does not settle. */
export function notPinned(profileId: string, path: string, what: string): never {
  throw new KubeTrafficError([problem('profile-not-pinned', path, `input that ${profileId}'s pinned source settles`, what)]);
}

/** Facts an endpoint is built from. */
export interface EndpointFacts {
  readonly ip: string;
  readonly family: IPFamily;
  readonly port: number;
  readonly raw: RawEndpoint;
}

/** An endpoint in the library's shape, with kube-proxy's condition defaults (kube-proxy.md §3.6). */
export function endpointOf(f: EndpointFacts): Endpoint {
  return Object.freeze({
    key: keyOf(f.ip, f.port),
    ip: f.ip,
    port: f.port,
    family: f.family,
    nodeName: f.raw.nodeName,
    zone: f.raw.zone,
    ready: f.raw.ready ?? true,
    serving: f.raw.serving ?? true,
    terminating: f.raw.terminating ?? false,
    zoneHints: f.raw.zoneHints,
    nodeHints: f.raw.nodeHints,
    slice: f.raw.slice,
  });
}

/** Builds steps that all carry the profile and the rule. */
export class Steps {
  readonly out: ProfileStep[] = [];
  constructor(private readonly profile: string) {}

  /** A rule statement (`profile-rule`), optionally about one endpoint. */
  rule(rule: string, message: string, data: Readonly<Record<string, unknown>> = {}, endpoint?: string): void {
    this.out.push(profileStep('profile-rule', `${message} (${this.profile} rule ${rule}).`, { ...data, profile: this.profile, rule }, endpoint === undefined ? {} : { endpoint }));
  }

  /** One endpoint's verdict for one list. */
  verdict(code: ExplanationCode, list: 'cluster' | 'local', endpoint: string, rule: string, message: string, data: Readonly<Record<string, unknown>> = {}): void {
    this.out.push(profileStep(code, `${endpoint} ${message} (${this.profile} rule ${rule}).`, { ...data, profile: this.profile, rule }, { endpoint, list }));
  }
}

/** Sorted by address then port, like kube-proxy's lists; frozen. */
export function sortEndpoints(list: readonly Endpoint[]): readonly Endpoint[] {
  return Object.freeze([...list].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)));
}

/**
 * Merges copies of one `IP:port` for profiles whose source does not say which copy wins: identical
 * copies are one endpoint; copies that differ in anything the rules read are refused.
 */
export function mergeCopies(profileId: string, list: readonly { endpoint: Endpoint; raw: RawEndpoint; pod: string | null }[]): typeof list {
  const byKey = new Map<string, (typeof list)[number]>();
  for (const item of list) {
    const seen = byKey.get(item.endpoint.key);
    if (seen === undefined) {
      byKey.set(item.endpoint.key, item);
      continue;
    }
    const a = seen.endpoint;
    const b = item.endpoint;
    const same =
      a.nodeName === b.nodeName &&
      a.zone === b.zone &&
      seen.raw.ready === item.raw.ready &&
      seen.raw.serving === item.raw.serving &&
      seen.raw.terminating === item.raw.terminating &&
      a.zoneHints.join() === b.zoneHints.join() &&
      a.nodeHints.join() === b.nodeHints.join() &&
      seen.pod === item.pod;
    if (!same) notPinned(profileId, item.raw.path, `two differing copies of ${b.key} (${seen.raw.path} and ${item.raw.path}); which one ${profileId} keeps was not read from its source`);
  }
  return [...byKey.values()];
}

/** The `kubernetes.io/...` topology annotations, read as the controller spells them. */
export const TOPOLOGY_MODE = 'service.kubernetes.io/topology-mode';
export const TOPOLOGY_AWARE_HINTS = 'service.kubernetes.io/topology-aware-hints';
