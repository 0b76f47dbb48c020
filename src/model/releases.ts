/**
 * The release table: for every Kubernetes release the library models, the state of each feature
 * gate the traffic rules read, and every behaviour that changed between releases without a gate
 * to show for it. One row per release; adding 1.36 is one line here plus whatever new behaviour
 * it brings (a new field, read by `proxy/release-rules.ts` or `controller/release-rules.ts`).
 *
 * What each row means to a user, and which upstream code settled it, is in docs/releases.md.
 *
 * @module
 */
import type { GateName, GateState } from './gates.js';

/**
 * A Kubernetes release whose behaviour the library reproduces, by its minor version. `'master'`
 * is the newest upstream code the library was built from (the 1.37-development sources); it
 * decides exactly like 1.37 and is the default. Inputs also accept the longer spellings that
 * `kubectl version` prints (`'v1.36.2'`, `'v1.36.2-eks-1234'`; see {@link parseKubernetesVersion});
 * results always report this short form.
 *
 * @category releases
 * @example
 * ```ts
 * const version: KubernetesVersion = '1.36';
 * ```
 */
export type KubernetesVersion =
  | '1.27'
  | '1.28'
  | '1.29'
  | '1.30'
  | '1.31'
  | '1.32'
  | '1.33'
  | '1.34'
  | '1.35'
  | '1.36'
  | '1.37'
  | 'master';

/**
 * How kube-proxy treats the Service's topology annotation (`service.kubernetes.io/topology-aware-hints`,
 * else `service.kubernetes.io/topology-mode`) before it uses zone hints.
 *
 * - `required`: zone hints are used only when the annotation's value is non-empty and not
 *   `disabled`/`Disabled` (1.27–1.29).
 * - `required-unless-traffic-distribution`: as `required`, but not checked at all while the
 *   `ServiceTrafficDistribution` gate is on (1.30–1.32).
 * - `ignored`: never checked (1.33 on).
 *
 * @category releases
 * @example
 * ```ts
 * const rule: TopologyAnnotationRule = 'required';
 * ```
 */
export type TopologyAnnotationRule = 'required' | 'required-unless-traffic-distribution' | 'ignored';

/**
 * How kube-proxy resolves two copies of one `IP:port` among a Service's slices.
 *
 * - `local-wins`: a later copy replaces the kept one only when it is on kube-proxy's own node;
 *   otherwise the first copy seen stays (1.27–1.35).
 * - `non-terminating-wins`: a later copy replaces the kept one unless it is terminating (1.36 on:
 *   `addEndpoints` in `pkg/proxy/endpointslicecache.go` after kubernetes PR 135593, first released
 *   in v1.36.0).
 *
 * @category releases
 * @example
 * ```ts
 * const rule: DuplicateRule = 'local-wins';
 * ```
 */
export type DuplicateRule = 'local-wins' | 'non-terminating-wins';

/**
 * The behaviours of one release that no gate default expresses. Gate-driven differences (node
 * hints, `ipMode: Proxy`, `trafficDistribution` values, `TopologyAwareHints` in the controller) come
 * from the release's gates instead.
 *
 * @category releases
 * @example
 * ```ts
 * RELEASES['1.29'].behaviour.zoneLabelRequired; // => true
 * ```
 */
export interface ReleaseBehaviour {
  /** kube-proxy: the topology annotation check before zone hints are used (releases.md, kube-proxy table, row 1). */
  readonly topologyAnnotation: TopologyAnnotationRule;
  /** kube-proxy reads zone hints only with the `TopologyAwareHints` gate on (row 2; before 1.33). */
  readonly zoneHintsGated: boolean;
  /** kube-proxy refuses zone mode on a node without a zone label (row 3; before 1.33). */
  readonly zoneLabelRequired: boolean;
  /** kube-proxy's terminating fallback obeys the `ProxyTerminatingEndpoints` gate (row 5; 1.27 only). */
  readonly terminatingFallbackGated: boolean;
  /** kube-proxy's rule for duplicate `IP:port` across slices (the last row). */
  readonly duplicates: DuplicateRule;
  /**
   * The EndpointSlice controller hints a ready endpoint without a `zone` for the zone `""` under
   * `trafficDistribution` (1.30–1.32; releases.md, controller table), instead of writing no zone hint.
   */
  readonly emptyZoneHint: boolean;
}

/**
 * One release: its gates (stage, default, locked) and its behaviours.
 *
 * @category releases
 * @example
 * ```ts
 * const row: ReleaseRow = RELEASES['1.33'];
 * row.gates.PreferSameTrafficDistribution.stage; // => 'alpha'
 * ```
 */
export interface ReleaseRow {
  readonly gates: { readonly [G in GateName]: GateState };
  readonly behaviour: ReleaseBehaviour;
}

const absent: GateState = { stage: 'absent', enabled: false, locked: false };
// A gate whose "off" is the new behaviour (AllowServiceExternalIPs): before it exists the release
// behaves as with the gate on.
const absentOn: GateState = { stage: 'absent', enabled: true, locked: false };
const alpha: GateState = { stage: 'alpha', enabled: false, locked: false };
const beta: GateState = { stage: 'beta', enabled: true, locked: false };
const ga: GateState = { stage: 'GA', enabled: true, locked: false };
const gaLocked: GateState = { stage: 'GA', enabled: true, locked: true };
const removed: GateState = { stage: 'removed', enabled: true, locked: true };

/**
 * Gate columns in this order: TopologyAwareHints, ProxyTerminatingEndpoints,
 * ServiceTrafficDistribution, PreferSameTrafficDistribution, LoadBalancerIPMode,
 * AllowServiceExternalIPs.
 */
function gates(tah: GateState, pte: GateState, std: GateState, pstd: GateState, lbip: GateState, asei: GateState = absentOn): ReleaseRow['gates'] {
  return Object.freeze({
    TopologyAwareHints: tah,
    ProxyTerminatingEndpoints: pte,
    ServiceTrafficDistribution: std,
    PreferSameTrafficDistribution: pstd,
    LoadBalancerIPMode: lbip,
    AllowServiceExternalIPs: asei,
  });
}

function row(g: ReleaseRow['gates'], behaviour: ReleaseBehaviour): ReleaseRow {
  return Object.freeze({ gates: g, behaviour: Object.freeze(behaviour) });
}

// Behaviour columns, named for readability of the table below.
const annotation = { topologyAnnotation: 'required', zoneHintsGated: true, zoneLabelRequired: true } as const;
const annotationUnlessTD = { ...annotation, topologyAnnotation: 'required-unless-traffic-distribution' } as const;
const hintsOnly = { topologyAnnotation: 'ignored', zoneHintsGated: false, zoneLabelRequired: false } as const;

/**
 * Every modelled release, oldest first (docs/releases.md).
 *
 * @category releases
 * @example
 * ```ts
 * RELEASES['1.30'].gates.ServiceTrafficDistribution; // => { stage: 'alpha', enabled: false, locked: false }
 * RELEASES['1.36'].gates.TopologyAwareHints.stage; // => 'removed'
 * RELEASES['1.36'].behaviour.duplicates; // => 'non-terminating-wins'
 * ```
 */
export const RELEASES: { readonly [V in KubernetesVersion]: ReleaseRow } = Object.freeze({
  '1.27': row(gates(beta, beta, absent, absent, absent), { ...annotation, terminatingFallbackGated: true, duplicates: 'local-wins', emptyZoneHint: false }),
  '1.28': row(gates(beta, gaLocked, absent, absent, absent), { ...annotation, terminatingFallbackGated: false, duplicates: 'local-wins', emptyZoneHint: false }),
  '1.29': row(gates(beta, gaLocked, absent, absent, alpha), { ...annotation, terminatingFallbackGated: false, duplicates: 'local-wins', emptyZoneHint: false }),
  '1.30': row(gates(beta, removed, alpha, absent, beta), { ...annotationUnlessTD, terminatingFallbackGated: false, duplicates: 'local-wins', emptyZoneHint: true }),
  '1.31': row(gates(beta, removed, beta, absent, beta), { ...annotationUnlessTD, terminatingFallbackGated: false, duplicates: 'local-wins', emptyZoneHint: true }),
  '1.32': row(gates(beta, removed, beta, absent, gaLocked), { ...annotationUnlessTD, terminatingFallbackGated: false, duplicates: 'local-wins', emptyZoneHint: true }),
  // LoadBalancerIPMode: GA and LockToDefault from 1.32 (versioned spec in pkg/features/kube_features.go),
  // so 1.33 and 1.34 are locked too; deleted for 1.35 (kubernetes PR 134552).
  '1.33': row(gates(gaLocked, removed, gaLocked, alpha, gaLocked), { ...hintsOnly, terminatingFallbackGated: false, duplicates: 'local-wins', emptyZoneHint: false }),
  '1.34': row(gates(gaLocked, removed, gaLocked, beta, gaLocked), { ...hintsOnly, terminatingFallbackGated: false, duplicates: 'local-wins', emptyZoneHint: false }),
  '1.35': row(gates(gaLocked, removed, gaLocked, gaLocked, removed), { ...hintsOnly, terminatingFallbackGated: false, duplicates: 'local-wins', emptyZoneHint: false }),
  // 1.36: TopologyAwareHints and ServiceTrafficDistribution deleted (kubernetes commit f278b47);
  // AllowServiceExternalIPs new (KEP-5707, PR 137293; versioned spec "GA, default on", settable);
  // the non-terminating duplicate rule ships in v1.36.0 (PR 135593).
  '1.36': row(gates(removed, removed, removed, gaLocked, removed, ga), { ...hintsOnly, terminatingFallbackGated: false, duplicates: 'non-terminating-wins', emptyZoneHint: false }),
  '1.37': row(gates(removed, removed, removed, gaLocked, removed, ga), { ...hintsOnly, terminatingFallbackGated: false, duplicates: 'non-terminating-wins', emptyZoneHint: false }),
  // The newest stored upstream code (1.37-development snapshots; releases.md on `master`): the 1.37 row.
  master: row(gates(removed, removed, removed, gaLocked, removed, ga), { ...hintsOnly, terminatingFallbackGated: false, duplicates: 'non-terminating-wins', emptyZoneHint: false }),
});

/**
 * Every accepted `kubernetesVersion`, oldest first; `'master'` (the default) last.
 *
 * @category releases
 * @example
 * ```ts
 * KUBERNETES_VERSIONS[0]; // => '1.27'
 * KUBERNETES_VERSIONS.includes('1.31'); // => true
 * ```
 */
export const KUBERNETES_VERSIONS: readonly KubernetesVersion[] = Object.freeze(Object.keys(RELEASES) as KubernetesVersion[]);

/**
 * The version used when `kubernetesVersion` is omitted: the newest upstream code, which decides
 * like 1.37 (see {@link NEWEST_RELEASE}).
 *
 * @category releases
 * @example
 * ```ts
 * DEFAULT_KUBERNETES_VERSION; // => 'master'
 * ```
 */
export const DEFAULT_KUBERNETES_VERSION: KubernetesVersion = 'master';

/**
 * True when `value` is exactly one of {@link KUBERNETES_VERSIONS} (the short form results carry).
 * To accept what `kubectl version` prints (`'v1.36.2-eks-1234'`), use {@link parseKubernetesVersion}.
 *
 * @category releases
 * @example
 * ```ts
 * isKubernetesVersion('1.29'); // => true
 * isKubernetesVersion('1.26'); // => false
 * isKubernetesVersion('v1.36.2'); // => false (parseKubernetesVersion('v1.36.2') is '1.36')
 * ```
 */
export function isKubernetesVersion(value: unknown): value is KubernetesVersion {
  return typeof value === 'string' && Object.hasOwn(RELEASES, value);
}
