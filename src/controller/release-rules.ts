/**
 * The EndpointSlice controller's release rules: the switches `computeHints` reads for one release
 * and its effective gates (releases.md). Most differences between releases are gate
 * defaults (`TopologyAwareHints`, `ServiceTrafficDistribution`, `PreferSameTrafficDistribution`),
 * which `decideHintsPath` already reads; the rest come from the release table here.
 *
 * @module
 * @internal
 */
import type { Gates } from '../model/gates.js';
import { type KubernetesVersion, RELEASES } from '../model/releases.js';

/**
 * What the controller of one release does, beyond its gates.
 *
 * @example
 * ```ts
 * const rules: ControllerRules = { kubernetesVersion: '1.31', gates: resolveGates({}, '$.gates', '1.31'), emptyZoneHint: true };
 * ```
 */
export interface ControllerRules {
  readonly kubernetesVersion: KubernetesVersion;
  /** Effective gates (the release's defaults with the caller's overrides). */
  readonly gates: Gates;
  /**
   * Under `trafficDistribution`, a ready endpoint without `zone` is hinted for the zone `""`
   * (1.30–1.32) instead of getting no zone hint (1.33 on, kubernetes commit 90c8f9a).
   */
  readonly emptyZoneHint: boolean;
}

/**
 * The controller's rules for `version` under `gates`.
 *
 * - The gate rows of releases.md: `TopologyAwareHints` (Auto path), `ServiceTrafficDistribution` (the field at
 *   all; absent before 1.30, so off whatever the caller asks) and `PreferSameTrafficDistribution`
 *   (`PreferSameZone`/`PreferSameNode`; absent before 1.33) pass through as gates.
 * - releases.md "1.33: zone-less endpoints get no zone hint": `emptyZoneHint` before that.
 * - Annotation keys and `Auto`/`auto` are the same in every modelled release (1.27 on).
 *
 * @param version - the release
 * @param gates - effective gates of that release
 * @returns the switches
 * @example
 * ```ts
 * controllerReleaseRules('1.31', resolveGates({}, '$.gates', '1.31')).emptyZoneHint; // => true
 * controllerReleaseRules('1.33', resolveGates({}, '$.gates', '1.33')).emptyZoneHint; // => false
 * ```
 */
export function controllerReleaseRules(version: KubernetesVersion, gates: Gates): ControllerRules {
  return { kubernetesVersion: version, gates, emptyZoneHint: RELEASES[version].behaviour.emptyZoneHint };
}
