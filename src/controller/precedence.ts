/**
 * Which path the controller takes for a Service: the topology annotation, then
 * `spec.trafficDistribution`, then removal (controller.md §2).
 *
 * @module
 */
import type { GateName, Gates } from '../model/gates.js';
import { TOPOLOGY_AWARE_HINTS_ANNOTATION, TOPOLOGY_MODE_ANNOTATION } from '../model/labels.js';
import { hasLabel, label } from '../model/read.js';
import { KubeTrafficError, describe, problem } from '../model/errors.js';
import type { StringMap } from '../model/input.js';
import type { NoneCause, TrafficDistribution } from './types.js';

/**
 * The decision of controller.md §2.3, discriminated by the path it selects.
 *
 * @category controller
 * @example
 * ```ts
 * const d: HintsDecision = { path: 'traffic-distribution', trafficDistribution: 'PreferClose' };
 * ```
 */
export type HintsDecision =
  | { readonly path: 'topology-auto' }
  | { readonly path: 'traffic-distribution'; readonly trafficDistribution: TrafficDistribution }
  | { readonly path: 'none'; readonly cause: NoneCause; readonly gate: GateName | null };

/**
 * The topology annotation's effective value: the deprecated `topology-aware-hints` key whenever
 * present (whatever its value), else `topology-mode` (controller.md §2.1).
 *
 * @param annotations - the Service's `metadata.annotations`
 * @returns the value that decides, or `undefined` when neither key is present
 * @category controller
 * @example
 * ```ts
 * topologyAnnotation({ 'service.kubernetes.io/topology-aware-hints': 'disabled',
 *                      'service.kubernetes.io/topology-mode': 'Auto' }); // => 'disabled'
 * topologyAnnotation({}); // => undefined
 * ```
 */
export function topologyAnnotation(annotations: StringMap | undefined): string | undefined {
  if (hasLabel(annotations, TOPOLOGY_AWARE_HINTS_ANNOTATION)) return label(annotations, TOPOLOGY_AWARE_HINTS_ANNOTATION);
  return label(annotations, TOPOLOGY_MODE_ANNOTATION);
}

/**
 * True when the annotation enables topology hints: exactly `Auto` or `auto`; `AUTO`, `aUto`,
 * `auto ` and `enabled` do not (controller.md §2.1).
 *
 * @category controller
 * @example
 * ```ts
 * isAutoAnnotation({ 'service.kubernetes.io/topology-mode': 'auto' }); // => true
 * isAutoAnnotation({ 'service.kubernetes.io/topology-mode': 'AUTO' }); // => false
 * ```
 */
export function isAutoAnnotation(annotations: StringMap | undefined): boolean {
  const value = topologyAnnotation(annotations);
  return value === 'Auto' || value === 'auto';
}

/**
 * Decides the path for a Service (controller.md §2.3). An enabled annotation always wins,
 * even when its gate is off (then hints are removed); otherwise a usable
 * `trafficDistribution` (§2.2) runs its heuristic; otherwise hints are removed.
 *
 * @param annotations - the Service's `metadata.annotations`
 * @param trafficDistribution - `spec.trafficDistribution`, `undefined` when unset
 * @param gates - effective feature gates
 * @returns the path, with the value or the cause that selected it
 * @category controller
 * @example
 * ```ts
 * decideHintsPath({ 'service.kubernetes.io/topology-mode': 'Auto' }, 'PreferClose', resolveGates());
 * // => { path: 'topology-auto' }
 * decideHintsPath(undefined, 'PreferSameNode', resolveGates({ PreferSameTrafficDistribution: false }));
 * // => { path: 'none', cause: 'gate-off', gate: 'PreferSameTrafficDistribution' }
 * decideHintsPath(undefined, 'Unknown', resolveGates());
 * // => { path: 'none', cause: 'value-not-usable', gate: null }
 * ```
 */
export function decideHintsPath(annotations: StringMap | undefined, trafficDistribution: string | undefined, gates: Gates): HintsDecision {
  if (typeof gates !== 'object' || gates === null) {
    throw new KubeTrafficError([problem('invalid-type', '$.gates', 'the effective gates (see resolveGates)', describe(gates))]);
  }
  if (isAutoAnnotation(annotations)) {
    // §2.3: the topology cache exists only with the TopologyAwareHints gate.
    if (gates.TopologyAwareHints) return { path: 'topology-auto' };
    return { path: 'none', cause: 'gate-off', gate: 'TopologyAwareHints' };
  }
  // §2.2: what makes trafficDistribution usable.
  switch (trafficDistribution) {
    case undefined:
      return {
        path: 'none',
        cause: topologyAnnotation(annotations) === undefined ? 'traffic-distribution-unset' : 'annotation-disabled',
        gate: null,
      };
    case 'PreferClose':
    case 'PreferSameZone':
    case 'PreferSameNode': {
      if (!gates.ServiceTrafficDistribution) return { path: 'none', cause: 'gate-off', gate: 'ServiceTrafficDistribution' };
      if (trafficDistribution !== 'PreferClose' && !gates.PreferSameTrafficDistribution) {
        return { path: 'none', cause: 'gate-off', gate: 'PreferSameTrafficDistribution' };
      }
      return { path: 'traffic-distribution', trafficDistribution };
    }
    default:
      // §2.2: values the controller does not know count as unset.
      return { path: 'none', cause: 'value-not-usable', gate: null };
  }
}
