/**
 * kube-proxy's release rules: the switches of the list rules (`ListRules`) for one Service under
 * one release and its effective gates. Every row of releases.md that is not a plain gate
 * default is read here from the release table, so the list code never compares versions.
 *
 * @module
 */
import type { Gates } from '../model/gates.js';
import { TOPOLOGY_AWARE_HINTS_ANNOTATION, TOPOLOGY_MODE_ANNOTATION } from '../model/labels.js';
import { hasLabel, label } from '../model/read.js';
import type { StringMap } from '../model/input.js';
import { type KubernetesVersion, RELEASES } from '../model/releases.js';
import type { ListRules } from './categorize.js';

/**
 * Whether the Service's topology annotation lets kube-proxy 1.27–1.32 use zone hints: the
 * `topology-aware-hints` key whenever present (even empty), else `topology-mode`; any value but
 * `""`, `disabled` and `Disabled` enables (releases.md row 1, read in a 1.28/1.29-era
 * `pkg/proxy/topology.go` and `serviceport.go`). Note the difference from the controller, which
 * wants exactly `Auto`/`auto`.
 *
 * @param annotations - the Service's `metadata.annotations`
 * @returns `true` when the annotation allows hints
 * @category kube-proxy
 * @example
 * ```ts
 * proxyAnnotationAllowsHints({ 'service.kubernetes.io/topology-mode': 'aUto' }); // => true
 * proxyAnnotationAllowsHints({ 'service.kubernetes.io/topology-aware-hints': '',
 *                              'service.kubernetes.io/topology-mode': 'Auto' }); // => false
 * ```
 */
export function proxyAnnotationAllowsHints(annotations: StringMap | undefined): boolean {
  const value = hasLabel(annotations, TOPOLOGY_AWARE_HINTS_ANNOTATION)
    ? label(annotations, TOPOLOGY_AWARE_HINTS_ANNOTATION)
    : label(annotations, TOPOLOGY_MODE_ANNOTATION);
  return value !== undefined && value !== '' && value !== 'disabled' && value !== 'Disabled';
}

/**
 * The list rules kube-proxy of `version` applies to a Service with `annotations`, under `gates`
 * (the release's defaults with the caller's overrides, see `readGates`).
 *
 * @param version - the release
 * @param gates - effective gates of that release
 * @param annotations - the Service's `metadata.annotations`
 * @returns the switches `decideLists` reads
 * @internal
 * @example
 * ```ts
 * proxyReleaseRules('1.29', resolveGates({}, '$.gates', '1.29'), {}).zoneHintsBlocked; // => 'annotation-required'
 * proxyReleaseRules('master', resolveGates(), {}).zoneHintsBlocked; // => null
 * ```
 */
export function proxyReleaseRules(version: KubernetesVersion, gates: Gates, annotations: StringMap | undefined): ListRules {
  const b = RELEASES[version].behaviour;
  // releases.md, row 1: 1.27–1.29 always check the annotation; 1.30–1.32 only while
  // ServiceTrafficDistribution is off (KEP-4444); 1.33 on never.
  const checksAnnotation =
    b.topologyAnnotation === 'required' ||
    (b.topologyAnnotation === 'required-unless-traffic-distribution' && !gates.ServiceTrafficDistribution);
  // releases.md, row 2: before 1.33 the TopologyAwareHints gate is checked first (canUseTopology's order).
  const zoneHintsBlocked =
    b.zoneHintsGated && !gates.TopologyAwareHints
      ? ('gate-off' as const)
      : checksAnnotation && !proxyAnnotationAllowsHints(annotations)
        ? ('annotation-required' as const)
        : null;
  return {
    // releases.md, row 4: node hints exist from 1.33 behind PreferSameTrafficDistribution (absent before,
    // so the gate is off there whatever the caller asks).
    nodeMode: gates.PreferSameTrafficDistribution,
    zoneHintsBlocked,
    // releases.md, row 3: before 1.33 a node without a zone label is refused explicitly.
    requireZoneLabel: b.zoneLabelRequired,
    // releases.md, row 5: only 1.27 reads ProxyTerminatingEndpoints; later releases always fall back.
    terminatingFallback: !b.terminatingFallbackGated || gates.ProxyTerminatingEndpoints,
  };
}
