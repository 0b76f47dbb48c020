/**
 * Feature gates read by the traffic rules, and their state in each Kubernetes release.
 * One row per release: adding a release is one line here plus the behaviours it brings.
 *
 * @module
 */
import { type Container, Reader, at } from './read.js';

/**
 * Feature gates that change traffic decisions.
 *
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
  | 'LoadBalancerIPMode';

/**
 * Every gate name the library knows, in a fixed order.
 *
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
]);

/**
 * Overrides of gate defaults, as `--feature-gates` would set them.
 *
 * @example
 * ```ts
 * const gates: GateOverrides = { PreferSameTrafficDistribution: false };
 * ```
 */
export type GateOverrides = { readonly [G in GateName]?: boolean };

/**
 * The effective value of every gate.
 *
 * @example
 * ```ts
 * const gates: Gates = resolveGates({ ServiceTrafficDistribution: false });
 * gates.TopologyAwareHints; // => true
 * ```
 */
export type Gates = { readonly [G in GateName]: boolean };

/**
 * The lifecycle stage of a gate in one release. `absent`: the feature does not exist yet (acts
 * as off); `removed`: the gate is gone and the feature always on.
 */
export type GateStage = 'absent' | 'alpha' | 'beta' | 'GA' | 'removed';

/**
 * A gate's state in one release.
 *
 * @example
 * ```ts
 * const state: GateState = { stage: 'beta', enabled: true, locked: false };
 * ```
 */
export interface GateState {
  readonly stage: GateStage;
  /** The default value (for `absent`: off; for `removed`: on). */
  readonly enabled: boolean;
  /** The release refuses to turn the gate off (GA, locked to default). */
  readonly locked: boolean;
}

const off: GateState = { stage: 'absent', enabled: false, locked: false };
const alpha: GateState = { stage: 'alpha', enabled: false, locked: false };
const beta: GateState = { stage: 'beta', enabled: true, locked: false };
const gaLocked: GateState = { stage: 'GA', enabled: true, locked: true };
const ga: GateState = { stage: 'GA', enabled: true, locked: false };
const removed: GateState = { stage: 'removed', enabled: true, locked: true };

/**
 * The newest Kubernetes release whose behaviour the library knows.
 *
 * @example
 * ```ts
 * NEWEST_RELEASE; // => '1.35'
 * ```
 */
export const NEWEST_RELEASE = '1.35';

/**
 * Gate states per release (proxy-semantics §10, controller-semantics §9). Columns in the order
 * of {@link GATE_NAMES}: TopologyAwareHints, ProxyTerminatingEndpoints,
 * ServiceTrafficDistribution, PreferSameTrafficDistribution, LoadBalancerIPMode.
 *
 * @example
 * ```ts
 * RELEASE_GATES['1.33'].PreferSameTrafficDistribution.stage; // => 'alpha'
 * ```
 */
export const RELEASE_GATES: Readonly<Record<string, { readonly [G in GateName]: GateState }>> = Object.freeze({
  '1.27': row(beta, beta, off, off, off),
  '1.28': row(beta, gaLocked, off, off, off),
  '1.29': row(beta, gaLocked, off, off, alpha),
  '1.30': row(beta, removed, alpha, off, beta),
  '1.31': row(beta, removed, beta, off, beta),
  '1.32': row(beta, removed, beta, off, gaLocked),
  '1.33': row(gaLocked, removed, gaLocked, alpha, ga),
  '1.34': row(gaLocked, removed, gaLocked, beta, ga),
  '1.35': row(gaLocked, removed, gaLocked, gaLocked, ga),
});

function row(...states: readonly GateState[]): { readonly [G in GateName]: GateState } {
  const out: Partial<Record<GateName, GateState>> = {};
  GATE_NAMES.forEach((name, i) => {
    out[name] = states[i] ?? off;
  });
  return Object.freeze(out as Record<GateName, GateState>);
}

/**
 * The effective gates: the release's defaults (newest by default) with `overrides` applied.
 * Overrides win even over a gate the release locks, as upstream's own unit tests do.
 * A gate name no release knows, or a non-boolean value, is a {@link KubeTrafficError} at `path`.
 *
 * @param overrides - gate values to force, e.g. `{ PreferSameTrafficDistribution: false }`
 * @param path - JSON path of `overrides` in the caller's input, for error messages
 * @returns a frozen record of every gate's value
 * @example
 * ```ts
 * resolveGates({ PreferSameTrafficDistribution: false }).PreferSameTrafficDistribution; // => false
 * resolveGates().PreferSameTrafficDistribution; // => true
 * ```
 */
export function resolveGates(overrides?: GateOverrides | null, path = '$.gates'): Gates {
  const reader = new Reader();
  const gates = readGates(reader, { gates: overrides }, 'gates', path.replace(/\.gates$/, ''));
  reader.finish();
  return gates;
}

/** Reads `o[key]` as gate overrides into `reader`, returning the effective gates. @internal */
export function readGates(reader: Reader, o: Container, key: string, parent: string, release = NEWEST_RELEASE): Gates {
  const defaults = RELEASE_GATES[release] ?? RELEASE_GATES[NEWEST_RELEASE]!;
  const out: Record<GateName, boolean> = {} as Record<GateName, boolean>;
  for (const name of GATE_NAMES) out[name] = defaults[name].enabled;
  const overrides = reader.object(o, key, parent);
  if (overrides !== undefined) {
    const gatesPath = at(parent, key);
    for (const name of Object.keys(overrides)) {
      if (!(GATE_NAMES as readonly string[]).includes(name)) {
        reader.report('unknown-gate', at(gatesPath, name), `one of ${GATE_NAMES.join(', ')}`, `gate ${JSON.stringify(name)}`);
        continue;
      }
      const value = reader.boolean(overrides, name, gatesPath);
      if (value !== undefined) out[name as GateName] = value;
    }
  }
  return Object.freeze(out);
}
