/**
 * Feature gates read by the traffic rules, and their state in each Kubernetes release.
 * One row per release: adding a release is one line here plus the behaviours it brings.
 *
 * @module
 */
import { type Container, Reader, at } from './read.js';
import { DEFAULT_KUBERNETES_VERSION, KUBERNETES_VERSIONS, type KubernetesVersion, RELEASES } from './releases.js';
import { type KubernetesVersionInput, isVersionProblem, readKubernetesVersion } from './version.js';

/**
 * Feature gates that change traffic decisions.
 *
 * @category releases
 * @example
 * ```ts
 * const name: GateName = 'PreferSameTrafficDistribution';
 * ```
 */
export type GateName =
  | 'TopologyAwareHints'
  | 'ProxyTerminatingEndpoints'
  | 'ServiceTrafficDistribution'
  | 'PreferSameTrafficDistribution'
  | 'LoadBalancerIPMode'
  | 'AllowServiceExternalIPs';

/**
 * Every gate name the library knows, in a fixed order.
 *
 * @category releases
 * @example
 * ```ts
 * GATE_NAMES.includes('LoadBalancerIPMode'); // => true
 * ```
 */
export const GATE_NAMES: readonly GateName[] = Object.freeze([
  'TopologyAwareHints',
  'ProxyTerminatingEndpoints',
  'ServiceTrafficDistribution',
  'PreferSameTrafficDistribution',
  'LoadBalancerIPMode',
  'AllowServiceExternalIPs',
]);

/**
 * Overrides of gate defaults, as `--feature-gates` would set them.
 *
 * @category releases
 * @example
 * ```ts
 * const gates: GateOverrides = { PreferSameTrafficDistribution: false };
 * ```
 */
export type GateOverrides = { readonly [G in GateName]?: boolean };

/**
 * The effective value of every gate.
 *
 * @category releases
 * @example
 * ```ts
 * const gates: Gates = resolveGates({ ServiceTrafficDistribution: false }, '$.gates', '1.35');
 * gates.TopologyAwareHints; // => true
 * ```
 */
export type Gates = { readonly [G in GateName]: boolean };

/**
 * The lifecycle stage of a gate in one release. `absent`: the gate does not exist yet (the
 * release's code behaves as its `enabled` says); `removed`: the gate is gone and the feature
 * always on, and a real binary refuses to start when it is set.
 *
 * @category releases
 * @example
 * ```ts
 * const stage: GateStage = RELEASE_GATES['1.30'].ProxyTerminatingEndpoints.stage; // => 'removed'
 * ```
 */
export type GateStage = 'absent' | 'alpha' | 'beta' | 'GA' | 'removed';

/**
 * A gate's state in one release.
 *
 * @category releases
 * @example
 * ```ts
 * const state: GateState = { stage: 'beta', enabled: true, locked: false };
 * ```
 */
export interface GateState {
  readonly stage: GateStage;
  /**
   * The default value. For `removed`: on. For `absent`: what the release's code does without the
   * gate: off for a feature not built yet, on for `AllowServiceExternalIPs` (external IPs were
   * always handled before the gate could turn them off).
   */
  readonly enabled: boolean;
  /** The release refuses to turn the gate off (GA, locked to default). */
  readonly locked: boolean;
}

/**
 * The newest numbered Kubernetes release whose behaviour the library knows. The default
 * `kubernetesVersion`, `'master'` (the newest upstream code the library was built from), decides
 * exactly like this release.
 *
 * @category releases
 * @example
 * ```ts
 * NEWEST_RELEASE; // => '1.37'
 * ```
 */
export const NEWEST_RELEASE = '1.37';

/**
 * Gate states per release, taken from the release table {@link RELEASES} (docs/releases.md), keyed by `kubernetesVersion`.
 *
 * @category releases
 * @example
 * ```ts
 * RELEASE_GATES['1.33'].PreferSameTrafficDistribution.stage; // => 'alpha'
 * ```
 */
export const RELEASE_GATES: { readonly [V in KubernetesVersion]: { readonly [G in GateName]: GateState } } = Object.freeze(
  Object.fromEntries(KUBERNETES_VERSIONS.map((v) => [v, RELEASES[v].gates])) as { [V in KubernetesVersion]: { readonly [G in GateName]: GateState } },
);

/**
 * The effective gates of a release (the newest code by default) with `overrides` applied.
 * Overrides win even over a gate the release locks, as upstream's own unit tests do. A gate the
 * release does not have yet (stage `absent`) is accepted but has no effect: the value stays what
 * that release's code does. A gate the release has **removed** is an `unknown-gate`
 * {@link KubeTrafficError} saying so, as kube-proxy and kube-controller-manager refuse to start
 * with it (`TopologyAwareHints` and `ServiceTrafficDistribution` from 1.36, `LoadBalancerIPMode`
 * from 1.35, `ProxyTerminatingEndpoints` from 1.30). A gate name no release knows, a non-boolean
 * value or an unknown version is a {@link KubeTrafficError} at `path`; a `path` that is not a
 * string starting with `$` is one at `$.path`.
 *
 * @param overrides - gate values to force, e.g. `{ PreferSameTrafficDistribution: false }`
 * @param path - JSON path of `overrides` in the caller's input, for error messages
 * @param kubernetesVersion - the release whose defaults apply, in any spelling
 *   {@link parseKubernetesVersion} reads (`'1.36'`, `'v1.36.2'`); default `'master'`
 * @returns a frozen record of every gate's value
 * @category releases
 * @example
 * ```ts
 * resolveGates({ PreferSameTrafficDistribution: false }).PreferSameTrafficDistribution; // => false
 * resolveGates().PreferSameTrafficDistribution; // => true
 * resolveGates({}, '$.gates', '1.33').PreferSameTrafficDistribution; // => false
 * resolveGates({ ServiceTrafficDistribution: true }, '$.gates', '1.29').ServiceTrafficDistribution; // => false (absent in 1.29)
 * resolveGates({ AllowServiceExternalIPs: false }, '$.gates', 'v1.36.2').AllowServiceExternalIPs; // => false
 * resolveGates({ TopologyAwareHints: false }, '$.gates', '1.36'); // throws: removed in 1.36
 * ```
 */
export function resolveGates(overrides?: GateOverrides | null, path = '$.gates', kubernetesVersion: KubernetesVersionInput = DEFAULT_KUBERNETES_VERSION): Gates {
  const reader = new Reader();
  // `path` roots every problem's path, so it must itself be a JSON path.
  if (typeof path !== 'string' || !path.startsWith('$')) {
    reader.fail(typeof path === 'string' ? 'invalid-value' : 'invalid-type', '$.path', 'a JSON path starting with $, such as "$.gates"', path);
    reader.finish();
  }
  const parent = path.replace(/\.gates$/, '');
  const version = readVersion(reader, { kubernetesVersion }, parent);
  const gates = readGates(reader, { gates: overrides }, 'gates', parent, version);
  reader.finish();
  return gates;
}

/**
 * Reads `o.kubernetesVersion` into `reader`: absent is the default (`'master'`); any spelling
 * {@link parseKubernetesVersion} accepts selects its release; anything else is an `invalid-value`
 * problem naming the supported range. @internal
 */
export function readVersion(reader: Reader, o: Container, parent: string): KubernetesVersion {
  const v = reader.string(o, 'kubernetesVersion', parent);
  if (v === undefined) return DEFAULT_KUBERNETES_VERSION;
  const read = readKubernetesVersion(v);
  if (!isVersionProblem(read)) return read;
  reader.report('invalid-value', at(parent, 'kubernetesVersion'), read.expected, read.received);
  return DEFAULT_KUBERNETES_VERSION;
}

/** The first modelled release in which `gate` is removed. */
function removedIn(gate: GateName): KubernetesVersion | undefined {
  return KUBERNETES_VERSIONS.find((v) => RELEASES[v].gates[gate].stage === 'removed');
}

/** The gates of each release as it ships them, frozen: what a query without overrides reads. */
const DEFAULT_GATES: ReadonlyMap<KubernetesVersion, Gates> = new Map(
  KUBERNETES_VERSIONS.map((release) => {
    const states = RELEASES[release].gates;
    const out: Record<GateName, boolean> = {} as Record<GateName, boolean>;
    for (const name of GATE_NAMES) out[name] = states[name].enabled;
    return [release, Object.freeze(out)];
  }),
);

/**
 * Reads `o[key]` as gate overrides into `reader`, returning the effective gates of `release`. An
 * override of a gate that `release` has removed is an `unknown-gate` problem (kube-proxy and
 * kube-controller-manager of that release refuse an unrecognised gate). @internal
 */
export function readGates(reader: Reader, o: Container, key: string, parent: string, release: KubernetesVersion = DEFAULT_KUBERNETES_VERSION): Gates {
  const states = RELEASES[release].gates;
  const overrides = reader.object(o, key, parent);
  const defaults = DEFAULT_GATES.get(release)!;
  if (overrides === undefined) return defaults;
  const out: Record<GateName, boolean> = { ...defaults };
  const gatesPath = at(parent, key);
  for (const name of Object.keys(overrides)) {
    if (!(GATE_NAMES as readonly string[]).includes(name)) {
      reader.report('unknown-gate', at(gatesPath, name), `one of ${GATE_NAMES.join(', ')}`, `gate ${JSON.stringify(name)}`);
      continue;
    }
    const gate = name as GateName;
    const value = reader.boolean(overrides, name, gatesPath);
    const stage = states[gate].stage;
    if (stage === 'removed') {
      const since = removedIn(gate);
      const where = release === 'master' ? 'the newest code (master)' : release;
      reader.report(
        'unknown-gate',
        at(gatesPath, name),
        `a gate that exists in ${where}: ${gate} no longer exists there (removed in ${since ?? release}; the feature is always on, and kube-proxy and kube-controller-manager refuse to start with the gate set)`,
        `gate ${JSON.stringify(name)}`,
      );
      continue;
    }
    // A gate the release does not have yet cannot change its code (stage absent).
    if (value !== undefined && stage !== 'absent') out[gate] = value;
  }
  return Object.freeze(out);
}
