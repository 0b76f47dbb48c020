/**
 * Advice: for an overload or a drop, the smallest change that clears it, found by applying
 * candidate changes to the input and re-running the same simulator (after the EndpointSlice
 * controller reconciles, since any change makes it rewrite the hints).
 *
 * @module
 */
import type { ScenarioChange } from './changes.js';

/**
 * The figures a change leads to (fractions of all client traffic).
 *
 * @example
 * ```ts
 * const f: AdviceFigures = { maxOverload: 1.2, inZoneFraction: 0.9, crossZoneFraction: 0.1, droppedFraction: 0, forwardedFraction: 1 };
 * ```
 */
export interface AdviceFigures {
  readonly maxOverload: number;
  readonly inZoneFraction: number;
  readonly crossZoneFraction: number;
  readonly droppedFraction: number;
  readonly forwardedFraction: number;
}

/**
 * One piece of advice on a warning:
 * - `endpoints`: add endpoints per zone (what a topology spread constraint or a Deployment per zone
 *   must achieve); `perZone` lists the zones that need more, with how many to add and the total;
 *   one endpoint fewer in any listed zone brings the warning back;
 * - `setting`: one Service setting (`change`) that removes the warning;
 * - `reconcile`: the warning is gone once the EndpointSlice controller rewrites the hints;
 * - `none`: no such change exists (`message` says what was tried).
 * `changes` is what to apply with `applyScenarioChange` (in order) to reproduce `result`.
 *
 * @example
 * ```ts
 * const a: Advice = {
 *   kind: 'endpoints', message: 'add 1 endpoint in zone-a (3 in all) …',
 *   perZone: [{ zone: 'zone-a', add: 1, total: 3 }],
 *   changes: [{ kind: 'endpointsAdded', zone: 'zone-a', count: 1 }],
 *   result: { maxOverload: 1.2, inZoneFraction: 1, crossZoneFraction: 0, droppedFraction: 0, forwardedFraction: 1 },
 * };
 * ```
 */
export type Advice =
  | {
      readonly kind: 'endpoints';
      readonly message: string;
      readonly perZone: readonly { readonly zone: string; readonly add: number; readonly total: number }[];
      readonly changes: readonly ScenarioChange[];
      readonly result: AdviceFigures;
    }
  | { readonly kind: 'setting'; readonly message: string; readonly changes: readonly ScenarioChange[]; readonly result: AdviceFigures }
  | { readonly kind: 'reconcile'; readonly message: string; readonly changes: readonly ScenarioChange[]; readonly result: AdviceFigures }
  | { readonly kind: 'none'; readonly message: string };
