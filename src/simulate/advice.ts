/**
 * Advice: for an overload or a drop, the smallest change that clears it, found by applying
 * candidate changes to the input and re-running the same simulator (after the EndpointSlice
 * controller reconciles, since any change makes it rewrite the hints).
 *
 * @module
 */
import { type ScenarioChange, applyScenarioChange, describeChange } from './changes.js';
import type { SimulateInput, SimulationResult } from './types.js';
import type { SimulationWarning } from './warnings.js';

/**
 * The figures a change leads to (fractions of all client traffic).
 *
 * @category simulation
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
 * @category simulation
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

/** Runs the controller then the simulation on a changed input (no advice). @internal */
export type Rerun = (input: SimulateInput) => SimulationResult;

/** The most endpoints the search adds before it says no such change exists. */
const MAX_ADDED = 200;

function figures(r: SimulationResult): AdviceFigures {
  return {
    maxOverload: r.mostOverloaded?.overload ?? 0,
    inZoneFraction: r.inZoneFraction,
    crossZoneFraction: r.crossZoneFraction,
    droppedFraction: r.droppedFraction,
    forwardedFraction: r.forwardedFraction,
  };
}

const pct = (f: number): string => `${+(f * 100).toFixed(1)}%`;
const times = (x: number): string => `${+x.toFixed(2)}×`;

function figuresText(f: AdviceFigures): string {
  return `max load ${times(f.maxOverload)} the fair share, in-zone ${pct(f.inZoneFraction)}, cross-zone ${pct(f.crossZoneFraction)}${f.droppedFraction > 0 ? `, dropped ${pct(f.droppedFraction)}` : ''}`;
}

const overloaded = (r: SimulationResult): boolean => r.warnings.some((w) => w.code === 'endpoint-overloaded');
const dropped = (r: SimulationResult): boolean => r.warnings.some((w) => w.code === 'traffic-dropped');
/** A change must not trade the warning for lost traffic or for having no clients. */
const healthy = (r: SimulationResult): boolean => r.totalWeight > 0 && r.rejectedFraction === 0 && !r.warnings.some((w) => w.level === 'error');

/**
 * The endpoints to add per zone so that no endpoint exceeds the overload threshold: add one at a
 * time to the zone of the busiest endpoint, re-running the controller and the simulation, until
 * the warning is gone; then take back every endpoint that is not needed (one fewer in any zone
 * brings the warning back).
 */
function endpointAdvice(input: SimulateInput, rerun: Rerun): Advice | null {
  const added = new Map<string, number>();
  const changesOf = (m: ReadonlyMap<string, number>): ScenarioChange[] =>
    [...m].filter(([, n]) => n > 0).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([zone, count]) => ({ kind: 'endpointsAdded', zone, count }));
  const runWith = (m: ReadonlyMap<string, number>): SimulationResult => {
    let next = input;
    for (const c of changesOf(m)) next = applyScenarioChange(next, c);
    return rerun(next);
  };
  let r = runWith(added);
  let total = 0;
  while (overloaded(r) || !healthy(r)) {
    const zone = r.mostOverloaded?.zone;
    if (zone === undefined || zone === '' || total >= MAX_ADDED || !healthy(r)) return null;
    added.set(zone, (added.get(zone) ?? 0) + 1);
    total++;
    r = runWith(added);
  }
  // Take back what is not needed, until no zone can give one up.
  for (let changed = true; changed; ) {
    changed = false;
    for (const [zone, n] of [...added]) {
      if (n === 0) continue;
      const fewer = new Map(added).set(zone, n - 1);
      const t = runWith(fewer);
      if (!overloaded(t) && healthy(t)) {
        added.set(zone, n - 1);
        r = t;
        changed = true;
      }
    }
  }
  const changes = changesOf(added);
  if (changes.length === 0) return null;
  const before = new Map<string, number>();
  for (const e of r.endpoints) if (e.serving) before.set(e.zone, (before.get(e.zone) ?? 0) + 1);
  const perZone = changes.map((c) => {
    const add = (c as { count: number }).count;
    return { zone: (c as { zone: string }).zone, add, total: before.get((c as { zone: string }).zone) ?? add };
  });
  const f = figures(r);
  return {
    kind: 'endpoints',
    perZone,
    changes,
    result: f,
    message: `add ${perZone.map((z) => `${z.add} endpoint${z.add === 1 ? '' : 's'} in ${z.zone} (${z.total} there)`).join(', ')} (a topology spread constraint or a Deployment per zone): ${figuresText(f)}`,
  };
}

/** A setting change as an instruction. */
function settingText(c: ScenarioChange): string {
  switch (c.kind) {
    case 'trafficDistribution':
      return c.value === null ? 'remove spec.trafficDistribution' : `set spec.trafficDistribution: ${c.value}`;
    case 'topologyAuto':
      return 'annotate service.kubernetes.io/topology-mode: Auto';
    case 'topologyAnnotationRemoved':
      return 'remove the topology annotation';
    case 'internalTrafficPolicy':
    case 'externalTrafficPolicy':
      return `set spec.${c.kind}: ${c.value}`;
    default:
      return describeChange(c);
  }
}

/** The Service settings that may remove the warning, most specific first. */
function settingCandidates(input: SimulateInput, r: SimulationResult, code: 'endpoint-overloaded' | 'traffic-dropped'): ScenarioChange[][] {
  const spec = (input.service as { spec?: { trafficDistribution?: unknown; internalTrafficPolicy?: unknown; externalTrafficPolicy?: unknown } | null }).spec ?? {};
  const annotations = (input.service as { metadata?: { annotations?: Record<string, unknown> | null } | null }).metadata?.annotations ?? {};
  const auto = typeof annotations['service.kubernetes.io/topology-mode'] === 'string' || typeof annotations['service.kubernetes.io/topology-aware-hints'] === 'string';
  const out: ScenarioChange[][] = [];
  const external = r.flow.from === 'outside' || r.flow.via === 'loadBalancer';
  const localPolicy = r.classes.some((c) => c.policy === 'Local');
  if (localPolicy) {
    if (external && spec.externalTrafficPolicy === 'Local') out.push([{ kind: 'externalTrafficPolicy', value: 'Cluster' }]);
    if (!external && spec.internalTrafficPolicy === 'Local') out.push([{ kind: 'internalTrafficPolicy', value: 'Cluster' }]);
  }
  if (code === 'endpoint-overloaded') {
    if (auto) out.push([{ kind: 'topologyAnnotationRemoved' }]);
    if (typeof spec.trafficDistribution === 'string') {
      if (!auto) out.push([{ kind: 'topologyAuto' }, { kind: 'trafficDistribution', value: null }]);
      out.push([{ kind: 'trafficDistribution', value: null }, ...(auto ? [{ kind: 'topologyAnnotationRemoved' } as const] : [])]);
    }
  }
  return out;
}

/**
 * Advice for each `endpoint-overloaded` and `traffic-dropped` warning of `result`: the
 * endpoints per zone that clear every overload, and each Service setting that clears the
 * warning, with the figures each leads to; `reconcile` when the controller's next rewrite of the
 * hints clears it; `none` when nothing tried clears it. Every change is applied to `input` and
 * the controller and the simulation re-run on it. @internal
 *
 * @example
 * ```ts
 * withAdvice(input, result, rerun).find((w) => w.code === 'endpoint-overloaded')?.advice?.[0]?.kind; // => 'endpoints'
 * ```
 */
export function withAdvice(input: SimulateInput, result: SimulationResult, rerun: Rerun): SimulationWarning[] {
  const wanted = result.warnings.some((w) => w.code === 'endpoint-overloaded' || w.code === 'traffic-dropped');
  if (!wanted) return [...result.warnings];
  const reconciled = rerun(input);
  let endpoints: Advice | null | undefined;
  const forCode = (code: 'endpoint-overloaded' | 'traffic-dropped'): Advice[] => {
    const still = code === 'endpoint-overloaded' ? overloaded : dropped;
    if (!still(reconciled) && healthy(reconciled)) {
      return [{ kind: 'reconcile', changes: [], result: figures(reconciled), message: `cleared once the EndpointSlice controller rewrites the hints: ${figuresText(figures(reconciled))}` }];
    }
    const advice: Advice[] = [];
    if (code === 'endpoint-overloaded') {
      if (endpoints === undefined) endpoints = endpointAdvice(input, rerun);
      if (endpoints !== null) advice.push(endpoints);
    }
    for (const changes of settingCandidates(input, result, code)) {
      let next = input;
      for (const c of changes) next = applyScenarioChange(next, c);
      const r = rerun(next);
      if (still(r) || !healthy(r) || (code === 'traffic-dropped' && overloaded(r) && !overloaded(reconciled))) continue;
      const f = figures(r);
      advice.push({ kind: 'setting', changes, result: f, message: `${changes.map(settingText).join(' and ')}: ${figuresText(f)}` });
    }
    if (advice.length === 0) {
      advice.push({
        kind: 'none',
        message:
          code === 'endpoint-overloaded'
            ? 'no change found: adding endpoints per zone (up to 200) and the Service settings tried do not bring every endpoint under the threshold'
            : 'no change found: no Service setting tried removes the drop; run an endpoint on every node that receives this traffic (a DaemonSet)',
      });
    }
    return advice;
  };
  const cache = new Map<string, Advice[]>();
  return result.warnings.map((w) => {
    if (w.code !== 'endpoint-overloaded' && w.code !== 'traffic-dropped') return w;
    let advice = cache.get(w.code);
    if (advice === undefined) cache.set(w.code, (advice = forCode(w.code)));
    return Object.freeze({ ...w, advice: Object.freeze(advice) });
  });
}
