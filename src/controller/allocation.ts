/**
 * Per-zone minimum, maximum and target for the topology algorithm (controller.md §3.2).
 *
 * @module
 */
import type { ZoneRatio } from './types.js';

/**
 * The overload threshold: a zone may receive up to 20 % more traffic than its CPU share
 * (controller.md §3.2).
 *
 * @category controller
 * @example
 * ```ts
 * OVERLOAD_THRESHOLD; // => 0.2
 * ```
 */
export const OVERLOAD_THRESHOLD = 0.2;

/**
 * A zone's allocation before any endpoint is assigned.
 *
 * @example
 * ```ts
 * const z: ZoneQuota = { zone: 'zone-a', cpuMillicores: 5000, ratio: 0.5, desired: 5, minimum: 5, maximum: 5, target: 5 };
 * ```
 */
export interface ZoneQuota extends ZoneRatio {
  readonly desired: number;
  readonly minimum: number;
  /** `null` when the minimums exceed the endpoints (then there is no allocation). */
  readonly maximum: number | null;
  readonly target: number;
}

/**
 * The result of {@link allocateZones}: quotas, or the failure with the zone quotas computed so
 * far (empty before the allocation, controller.md §3.2).
 *
 * @example
 * ```ts
 * const r: ZoneAllocationResult = { ok: false, cause: 'fewer-endpoints-than-zones', quotas: [] };
 * ```
 */
export type ZoneAllocationResult =
  | { readonly ok: true; readonly quotas: readonly ZoneQuota[] }
  | {
      readonly ok: false;
      readonly cause: 'insufficient-node-info' | 'nodes-in-one-zone' | 'fewer-endpoints-than-zones' | 'minimum-exceeds-endpoints';
      readonly quotas: readonly ZoneQuota[];
    };

/**
 * Allocates `readyEndpoints` (N) over the zones (controller.md §3.2), with IEEE doubles in
 * upstream's operation order: `desired = ratio * N`, `minimum = ceil(desired * (1 / (1 + 0.2)))`,
 * `target = max(desired, minimum)`, `maximum = minimum + (N − Σ minimum)`.
 *
 * @param ratios - zone CPU ratios, or `undefined` when node information is insufficient
 * @param readyEndpoints - N, ready endpoints over every slice of the address type
 * @returns the quotas, or why there are none
 * @example
 * ```ts
 * allocateZones([{ zone: 'a', cpuMillicores: 2000, ratio: 0.2 }, { zone: 'b', cpuMillicores: 8000, ratio: 0.8 }], 6);
 * // => { ok: false, cause: 'minimum-exceeds-endpoints', quotas: [
 * //      { zone: 'a', ..., desired: 1.2000000000000002, minimum: 2, maximum: null, target: 2 },
 * //      { zone: 'b', ..., desired: 4.800000000000001, minimum: 5, maximum: null, target: 5 } ] }
 * ```
 */
export function allocateZones(ratios: readonly ZoneRatio[] | undefined, readyEndpoints: number): ZoneAllocationResult {
  if (ratios === undefined) return { ok: false, cause: 'insufficient-node-info', quotas: [] }; // §3.2
  if (ratios.length < 2) return { ok: false, cause: 'nodes-in-one-zone', quotas: [] }; // §3.1: unreachable
  if (ratios.length > readyEndpoints) return { ok: false, cause: 'fewer-endpoints-than-zones', quotas: [] }; // §3.2
  const factor = 1 / (1 + OVERLOAD_THRESHOLD); // 0.8333333333333334, as upstream computes it
  const minimumOf = (ratio: number): number => Math.ceil(ratio * readyEndpoints * factor);
  let minimumSum = 0;
  for (const { ratio } of ratios) minimumSum += minimumOf(ratio);
  // §3.2: no maximum (and no allocation) when the minimums exceed the endpoints.
  const spare = minimumSum > readyEndpoints ? null : readyEndpoints - minimumSum;
  // One literal per zone with every key (a spread adding `maximum` would give each result its own
  // hidden class on V8); `minimumOf` repeats the same double operations, so the same values.
  const quotas = ratios.map(({ zone, cpuMillicores, ratio }): ZoneQuota => {
    const desired = ratio * readyEndpoints;
    const minimum = minimumOf(ratio);
    return { zone, cpuMillicores, ratio, desired, minimum, target: Math.max(desired, minimum), maximum: spare === null ? null : minimum + spare };
  });
  return spare === null ? { ok: false, cause: 'minimum-exceeds-endpoints', quotas } : { ok: true, quotas };
}
