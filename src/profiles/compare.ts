/**
 * One input through several data planes: each one's answer, and for every endpoint on which they
 * disagree, the rule of each data plane that decided it.
 *
 * @module
 */
import { type Explanation, type ExplanationCode, type ProfileExplanation, stepField } from '../explain/codes.js';
import { KubeTrafficError, describe, problem } from '../model/errors.js';
import { isRec } from '../model/read.js';
import { prepareInput } from '../proxy/categorize-endpoints.js';
import type { CategorizeInput } from '../proxy/categorize-endpoints.js';
import type { CategorizeResult } from '../proxy/types.js';
import { RULES, asRecord, categorizeWithProfile } from './categorize.js';
import { PROFILES, type ProfileId, type ProfileOption, resolveProfile } from './names.js';
import type { ProfileCategorized } from './types.js';

/**
 * One data plane's answer in a comparison: its result, or why it gave none (`profile-not-pinned`:
 * its pinned source does not settle this input).
 *
 * @category profiles
 * @example
 * ```ts
 * const c = compareProfiles(input);
 * c.answers.map((a) => [a.profile, a.result?.clusterEndpoints?.length ?? a.error?.code]);
 * ```
 */
export interface ProfileAnswer {
  readonly profile: ProfileId;
  /** The answer; `null` when the profile refused the input. */
  readonly result: (CategorizeResult | ProfileCategorized) | null;
  /**
   * Present when the profile refused: the code and message of its error, the JSON path of the
   * input that its pinned source does not settle, and what is unsettled there, in words.
   */
  readonly error?: { readonly code: string; readonly message: string; readonly path: string; readonly reason: string };
}

/**
 * Why one data plane put an endpoint in a list or left it out.
 *
 * @category profiles
 * @example
 * ```ts
 * const reason: ProfileReason = { profile: 'cilium@1.21.0-dev+5b27d687', picks: true, rule: 'Ci3', code: 'endpoint-in-cluster', message: '…' };
 * ```
 */
export interface ProfileReason {
  readonly profile: ProfileId;
  /** The endpoint is in this profile's list. */
  readonly picks: boolean;
  /** The profile's rule id (as on its page, docs/profile-*.md), or `null` for kube-proxy. */
  readonly rule: string | null;
  /** The explanation code of the deciding step. */
  readonly code: ExplanationCode | 'endpoint-not-read';
  readonly message: string;
}

/**
 * An endpoint on which the compared data planes disagree, for one list.
 *
 * @category profiles
 * @example
 * ```ts
 * const d: ProfileDifference = { endpoint: '10.0.1.2:80', list: 'cluster', pickedBy: ['antrea@2.7.0'], skippedBy: ['kube-proxy'], reasons: [] };
 * ```
 */
export interface ProfileDifference {
  readonly endpoint: string;
  /** The list compared; profiles that never use this list take no part. */
  readonly list: 'cluster' | 'local';
  readonly pickedBy: readonly ProfileId[];
  readonly skippedBy: readonly ProfileId[];
  /** One reason per profile taking part, in the order the profiles were given. */
  readonly reasons: readonly ProfileReason[];
}

/**
 * The result of {@link compareProfiles}.
 *
 * @category profiles
 * @example
 * ```ts
 * const c: ProfileComparison = compareProfiles(input, ['kube-proxy', 'cilium']);
 * c.differences.length; // => 0 when they agree
 * ```
 */
export interface ProfileComparison {
  readonly answers: readonly ProfileAnswer[];
  readonly differences: readonly ProfileDifference[];
  /** Structural differences: a list one profile uses and another does not, with the rule that says so. */
  readonly listUse: readonly { readonly profile: ProfileId; readonly cluster: boolean; readonly local: boolean; readonly rule: string | null }[];
}

type Lists = { cluster: readonly { key: string }[] | null; local: readonly { key: string }[] | null };

function listsOf(r: CategorizeResult | ProfileCategorized): Lists {
  if (r.kind === 'not-proxied') return { cluster: null, local: null };
  return { cluster: r.clusterEndpoints, local: r.localEndpoints };
}

/**
 * Runs one input through several data planes' rules (default: every profile, kube-proxy first)
 * and lists, for each endpoint and list on which they disagree, which profiles pick it and the
 * rule each one applied. A profile whose pinned source does not settle the input is reported
 * with its error instead of an answer; malformed input throws as `categorizeEndpoints` does.
 * `kubernetesVersion` and `gates` in the input configure the kube-proxy row only: the other data
 * planes answer at their pinned versions whatever they say.
 *
 * @param input - a {@link CategorizeInput} (without `profile`)
 * @param profiles - the profiles to compare (an array, even of one), as names, pinned names or `{ name, gates?, options? }`
 * @returns every answer and every difference
 * @throws {@link KubeTrafficError} for malformed input, an unknown profile, or `profiles` that is
 *   not an array (`invalid-type` at `$.profiles`)
 * @category profiles
 * @example
 * ```ts
 * const c = compareProfiles({ service, endpointSlices: slices, node: { name: 'node-a', zone: 'zone-a' } }, ['kube-proxy', 'cilium']);
 * for (const d of c.differences) console.log(d.endpoint, d.pickedBy, d.reasons.map((r) => `${r.profile}: ${r.rule}`));
 * ```
 */
export function compareProfiles(input: CategorizeInput, profiles?: readonly ProfileOption[]): ProfileComparison {
  const rec = asRecord(input);
  if (rec['profile'] !== undefined) {
    throw new KubeTrafficError([problem('invalid-value', '$.profile', 'nothing: compareProfiles takes the profiles as its second argument', 'a profile in the input')]);
  }
  const base = rec;
  // kubernetesVersion and gates configure kube-proxy; every other data plane answers as pinned
  // (categorizeEndpoints refuses them beside a profile), so its rows must not move with them.
  const { kubernetesVersion: _version, gates: _gates, ...pinnedBase } = base;
  // A single profile (`'cilium'`) is not a list of them: refused, not a TypeError from map.
  if (profiles !== undefined && profiles !== null && !Array.isArray(profiles)) {
    throw new KubeTrafficError([problem('invalid-type', '$.profiles', "an array of profiles (['kube-proxy', 'cilium'])", describe(profiles))]);
  }
  // Array.from, not map: map skips the holes of a sparse array, which then read as no profile at
  // all (a raw TypeError below); Array.from reads a hole as undefined, like an `undefined` entry.
  const chosen = Array.from(profiles ?? PROFILES.map((p) => p.name), (p, i) => resolveProfile(p, `$.profiles[${i}]`));
  const answers: ProfileAnswer[] = [];
  const explained: (Explanation | ProfileExplanation)[] = [];
  // kube-proxy's view of which endpoints exist, to name the reading rule for the others.
  const kubeProxyKeys = new Set(prepareInput(base as never).endpoints.map((e) => e.key));
  const firstAddresses = firstAddressesOf(base['endpointSlices']);
  for (const p of chosen) {
    try {
      const result =
        p.info.name === 'kube-proxy'
          ? prepareInput({ ...base } as never).categorize(base['node'] as never, { explain: true })
          : categorizeWithProfile({ ...pinnedBase, explain: true }, p);
      answers.push({ profile: p.info.id, result });
      explained.push(result.explanation ?? []);
    } catch (e) {
      if (e instanceof KubeTrafficError && e.code === 'profile-not-pinned') {
        answers.push({ profile: p.info.id, result: null, error: { code: e.code, message: e.message, path: e.path, reason: e.problems[0]!.received } });
        explained.push([]);
      } else throw e;
    }
  }

  const listUse = answers.map((a, i) => {
    const l = a.result === null ? { cluster: null, local: null } : listsOf(a.result);
    const ruleStep = explained[i]!.find((s) => s.code === 'profile-rule' && s.endpoint === undefined && /^(C6|Ci7|L1|I5|E1|A4)$/.test(String(stepField(s, 'rule'))));
    return { profile: a.profile, cluster: l.cluster !== null, local: l.local !== null, rule: ruleStep === undefined ? null : String(stepField(ruleStep, 'rule')) };
  });

  const differences: ProfileDifference[] = [];
  for (const list of ['cluster', 'local'] as const) {
    const taking = answers.map((a, i) => ({ a, i, l: a.result === null ? null : listsOf(a.result)[list] })).filter((x) => x.l !== null);
    if (taking.length < 2) continue;
    const all = new Set<string>();
    for (const x of taking) for (const e of x.l!) all.add(e.key);
    for (const key of [...all].sort()) {
      const picked = taking.filter((x) => x.l!.some((e) => e.key === key));
      if (picked.length === taking.length) continue;
      const reasons = taking.map((x): ProfileReason => {
        const picks = picked.includes(x);
        const steps = explained[x.i]!;
        const verdict = steps.find((s) => s.endpoint === key && s.list === list) ?? steps.find((s) => s.endpoint === key);
        const isKubeProxy = x.a.profile === 'kube-proxy';
        const name = chosen[x.i]!.info.name;
        const ingest = isKubeProxy ? undefined : INGEST_RULE[name as keyof typeof INGEST_RULE];
        if (!kubeProxyKeys.has(key) && picks && ingest !== undefined) {
          const which = firstAddresses.has(ipOf(key)) ? ingest.port : ingest.address;
          return { profile: x.a.profile, picks, rule: which.rule, code: verdict?.code ?? 'endpoint-in-cluster', message: `${key}: ${which.text} (${x.a.profile} rule ${which.rule}); kube-proxy never reads it.` };
        }
        if (verdict === undefined) {
          return {
            profile: x.a.profile,
            picks,
            rule: null,
            code: 'endpoint-not-read',
            message: isKubeProxy ? `${key} is not one of kube-proxy's endpoints: it reads only the first address of an endpoint, from slice ports whose name and protocol match.` : `${key} is not among the endpoints ${x.a.profile} reads for this port.`,
          };
        }
        const rule = stepField(verdict, 'rule');
        // kube-proxy's verdict for a Cluster-list member only says that it is one; the reason is the
        // topology step (kube-proxy.md §4), which Antrea's explanation, kube-proxy's code, shares.
        const topology = verdict.code === 'endpoint-in-cluster' ? steps.filter((s) => s.code.startsWith('topology-')) : [];
        const message = [verdict.message, ...topology.map((s) => s.message)].join(' ');
        return { profile: x.a.profile, picks, rule: typeof rule === 'string' ? rule : null, code: verdict.code, message };
      });
      differences.push(
        Object.freeze({
          endpoint: key,
          list,
          pickedBy: Object.freeze(picked.map((x) => x.a.profile)),
          skippedBy: Object.freeze(taking.filter((x) => !picked.includes(x)).map((x) => x.a.profile)),
          reasons: Object.freeze(reasons),
        }),
      );
    }
  }
  return Object.freeze({ answers: Object.freeze(answers), differences: Object.freeze(differences), listUse: Object.freeze(listUse) });
}

type Rule = { readonly rule: string; readonly text: string };

/**
 * The reading rules of each profile that reads endpoints kube-proxy does not: `address` for an
 * address after the first, `port` for an endpoint kube-proxy skips by its slice port.
 */
const INGEST_RULE: { readonly [K in keyof typeof RULES]?: { readonly address: Rule; readonly port: Rule } } = {
  cilium: {
    address: { rule: 'Ci9', text: 'every address of an endpoint is a backend' },
    port: { rule: 'Ci9', text: 'a slice port without a name is read as "" and serves every Service port name' },
  },
  linkerd: {
    address: { rule: 'L6', text: 'an endpoint without a Pod publishes every address' },
    port: { rule: 'L5', text: 'the slice port is found by the Service port name, a missing name reading ""; protocol is not compared' },
  },
  istio: {
    address: { rule: 'I6', text: 'every address of an endpoint is used' },
    port: { rule: 'I6', text: 'a slice port without a name reads ""' },
  },
  'envoy-gateway': {
    address: { rule: 'E4', text: 'every address and every address family goes into the cluster' },
    port: { rule: 'E4', text: 'every address family of the Service\'s slices goes into one cluster' },
  },
};

function ipOf(key: string): string {
  return key.startsWith('[') ? key.slice(1, key.indexOf(']')) : key.slice(0, key.lastIndexOf(':'));
}

/** The first address of every endpoint of every slice, as written. */
function firstAddressesOf(slices: unknown): Set<string> {
  const out = new Set<string>();
  const list = Array.isArray(slices) ? slices : isRec(slices) && Array.isArray(slices['items']) ? (slices['items'] as unknown[]) : [];
  for (const s of list) {
    if (!isRec(s) || !Array.isArray(s['endpoints'])) continue;
    for (const e of s['endpoints']) if (isRec(e) && Array.isArray(e['addresses']) && typeof e['addresses'][0] === 'string') out.add(e['addresses'][0]);
  }
  return out;
}
