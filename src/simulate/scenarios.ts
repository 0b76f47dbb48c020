/**
 * `compareScenarios`: the controller half, then the simulation, for a baseline and each proposed
 * change, side by side.
 *
 * @module
 */
import { computeHints } from '../controller/compute-hints.js';
import type { HintsOutcome } from '../controller/types.js';
import type { Explanation } from '../explain/codes.js';
import { Reader, at, isRec } from '../model/read.js';
import { type ScenarioChange, applyChangeAt, describeChange } from './changes.js';
import { simulateTraffic } from './simulate-traffic.js';
import type { SimulateInput, SimulationResult } from './types.js';
import { type SimulationWarning, hintsWarning } from './warnings.js';

/**
 * One scenario: the change(s) applied, the hints the EndpointSlice controller writes for the
 * changed cluster (with why they were or were not written) and the simulated traffic.
 *
 * @category simulation
 * @example
 * ```ts
 * const s: ScenarioResult = comparison.scenarios[0]!;
 * [s.label, s.hints.path, s.hints.cause, s.simulation.crossZoneFraction];
 * // => ['topology-mode: Auto', 'topology-auto', 'minimum-exceeds-endpoints', 0.7833…]
 * ```
 */
export interface ScenarioResult {
  /** The changes applied in order; empty for the baseline. */
  readonly changes: readonly ScenarioChange[];
  /** `'baseline'`, or the changes' labels joined with `' + '`. */
  readonly label: string;
  /** `computeHints`' outcome: `path`, `cause`, `reason`, `event` explain the hints. */
  readonly hints: HintsOutcome;
  /** The simulation on the slices `computeHints` returned. */
  readonly simulation: SimulationResult;
  /** The simulation's warnings plus `hints-not-written` when an Auto safeguard removed the hints. */
  readonly warnings: readonly SimulationWarning[];
}

/**
 * The baseline and every scenario, in the order given.
 *
 * @category simulation
 * @example
 * ```ts
 * const { baseline, scenarios } = compareScenarios(input, [{ kind: 'topologyAuto' }]);
 * ```
 */
export interface ScenarioComparison {
  readonly baseline: ScenarioResult;
  readonly scenarios: readonly ScenarioResult[];
}

/**
 * Compares what-if scenarios. For the baseline and for each entry of `changes` (one change, or
 * a list applied in order, e.g. `PreferClose` *and* a zone rolling), it applies the change to
 * `base`, runs the EndpointSlice controller (`computeHints`) on the resulting slices as if they
 * were the existing ones, then {@link simulateTraffic} on the slices it returns. The baseline
 * goes through the same controller run, so it shows the reconciled state of `base`.
 *
 * @param base - a {@link simulateTraffic} input (its `clients`, `flow`, `port`, `gates`, `kubernetesVersion` and
 *   `thresholds` apply to every scenario; `gates` and `kubernetesVersion` to the controller run too)
 * @param changes - the scenarios to compare
 * @returns the baseline and each scenario with its hints outcome, simulation and warnings
 * @throws {KubeTrafficError} for malformed input; a bad change is reported at `$.changes[i]`
 * @category simulation
 * @example
 * ```ts
 * const { baseline, scenarios } = compareScenarios(input, [
 *   { kind: 'trafficDistribution', value: 'PreferClose' },
 *   { kind: 'topologyAuto' },
 *   [{ kind: 'trafficDistribution', value: 'PreferClose' }, { kind: 'zoneTerminating', zone: 'zone-a' }],
 * ]);
 * scenarios.map((s) => [s.label, s.hints.cause, s.simulation.mostOverloaded?.overload]);
 * // => [['trafficDistribution: PreferClose', 'traffic-distribution-applied', 3.6],
 * //     ['topology-mode: Auto', 'minimum-exceeds-endpoints', 1], …]
 * ```
 */
export function compareScenarios(base: SimulateInput, changes: readonly (ScenarioChange | readonly ScenarioChange[])[]): ScenarioComparison {
  const reader = new Reader();
  // The baseline runs computeHints on base's fields: base itself must be an object.
  if (!isRec(base)) reader.fail('invalid-type', '$', 'a simulateTraffic input object { service, endpointSlices, nodes }', base);
  if (!Array.isArray(changes)) reader.fail('invalid-type', '$.changes', 'an array of changes', changes);
  reader.finish();
  // Array.from, not changes.map: an input array may carry an own `constructor` key (species).
  const inputs = Array.from(changes, (entry, i) => {
    const list: readonly ScenarioChange[] = Array.isArray(entry) ? Array.from(entry as readonly ScenarioChange[]) : [entry as ScenarioChange];
    const path = at('$.changes', i);
    let input = base;
    list.forEach((c, j) => (input = applyChangeAt(input, c, Array.isArray(entry) ? at(path, j) : path)));
    return { list, input };
  });
  return Object.freeze({
    baseline: run(base, []),
    scenarios: Object.freeze(inputs.map(({ list, input }) => run(input, list))),
  });
}

function run(input: SimulateInput, changes: readonly ScenarioChange[]): ScenarioResult {
  return reconcileAndSimulate(input, changes).scenario;
}

/**
 * One scenario: the EndpointSlice controller (`computeHints`) on the input's slices as if they
 * were the existing ones, then {@link simulateTraffic} on the slices it returns. The one
 * controller-then-simulate sequence: {@link compareScenarios} runs it for the baseline and every
 * change, and the report (`buildReportModel`, src/render/model.ts) for its "after the controller
 * reconciles" view, with the controller's explanation (`explain: true`).
 *
 * @internal
 */
export function reconcileAndSimulate(
  input: SimulateInput,
  changes: readonly ScenarioChange[],
  options: { readonly explain?: boolean } = {},
): { readonly scenario: ScenarioResult; readonly hintsExplanation: Explanation | undefined } {
  const hinted = computeHints({
    service: input.service,
    endpointSlices: input.endpointSlices,
    nodes: input.nodes,
    ...(input.gates === undefined ? {} : { gates: input.gates }),
    ...(input.kubernetesVersion === undefined ? {} : { kubernetesVersion: input.kubernetesVersion }),
    ...(options.explain === true && { explain: true }),
  });
  const simulation = simulateTraffic({ ...input, endpointSlices: hinted.endpointSlices });
  const extra = hintsWarning(hinted.outcome);
  const scenario: ScenarioResult = Object.freeze({
    changes: Object.freeze([...changes]),
    label: changes.length === 0 ? 'baseline' : changes.map(describeChange).join(' + '),
    hints: hinted.outcome,
    simulation,
    warnings: Object.freeze(extra === null ? simulation.warnings : [...simulation.warnings, extra]),
  });
  return { scenario, hintsExplanation: hinted.explanation };
}
