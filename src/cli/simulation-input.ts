/**
 * The simulator input that `simulate` and `report` options describe: the Service, the dump's
 * slices and nodes, `--clients`, the flow options and the release options.
 *
 * @module
 */
import type { ClientsInput, DataPlaneProfileOption, SimulateInput } from '../index.js';
import { type Context, FLOW_OPTIONS, flowOptions, stringOption } from './context.js';
import { UsageError } from './errors.js';
import type { KubeObject } from './load.js';
import { checkPort } from './lookup.js';
import { PROFILE_OPTIONS } from './profile.js';

/** Option definitions of the simulation (`report`, and `simulate` without the profile flags). */
export const REPORT_SIMULATION_OPTIONS = {
  clients: { type: 'string' },
  compare: { type: 'string' },
  html: { type: 'string' },
  ...FLOW_OPTIONS,
} as const;

/** Option definitions of `simulate`: those of `report` and the profile flags. */
export const SIMULATE_OPTIONS = { ...REPORT_SIMULATION_OPTIONS, ...PROFILE_OPTIONS } as const;

/**
 * Parses `--clients`.
 *
 * @throws {@link UsageError} for a malformed list
 * @example
 * ```ts
 * parseClients('zone-a=60,zone-b=40', []); // => { byZone: { 'zone-a': 60, 'zone-b': 40 } }
 * ```
 */
export function parseClients(spec: string, pods: readonly KubeObject[]): ClientsInput {
  if (spec === 'pods') return pods;
  const byZone: Record<string, number> = {};
  const byNode: Record<string, number> = {};
  for (const part of spec.split(',').map((p) => p.trim()).filter((p) => p !== '')) {
    const eq = part.lastIndexOf('=');
    const key = part.slice(0, eq);
    const weight = Number(part.slice(eq + 1));
    if (eq <= 0 || !Number.isFinite(weight) || weight < 0 || part.slice(eq + 1).trim() === '') {
      throw new UsageError(`--clients: "${part}" is not ZONE=WEIGHT or node:NODE=WEIGHT with a non-negative number`);
    }
    if (key.startsWith('node:')) byNode[key.slice(5)] = weight;
    else byZone[key] = weight;
  }
  const zones = Object.keys(byZone).length;
  const nodes = Object.keys(byNode).length;
  if (zones > 0 && nodes > 0) throw new UsageError('--clients: give weights per zone or per node (node:NAME=W), not both');
  if (zones + nodes === 0) throw new UsageError('--clients: expected ZONE=WEIGHT,… or node:NODE=WEIGHT,… or pods');
  return nodes > 0 ? { byNode } : { byZone };
}

/**
 * The simulator input the options describe.
 *
 * @example
 * ```ts
 * simulationInput(ctx, service).clients; // => { byZone: { 'zone-a': 60, … } }
 * ```
 */
export function simulationInput(ctx: Context, service: KubeObject, profile: Exclude<DataPlaneProfileOption, string> | null = null): SimulateInput {
  const { port, via, from, ipFamily } = flowOptions(ctx.values);
  checkPort(service, port);
  const clients = stringOption(ctx.values, 'clients');
  return {
    service,
    endpointSlices: ctx.objects.endpointSlices,
    nodes: ctx.objects.nodes,
    ...(clients !== undefined && { clients: parseClients(clients, ctx.objects.pods) }),
    ...(port !== undefined && { port }),
    ...(ipFamily !== undefined && { ipFamily }),
    flow: { ...(via !== undefined && { via }), ...(from !== undefined && { from }) },
    ...ctx.release,
    ...(profile !== null && { profile }),
  } as SimulateInput;
}

