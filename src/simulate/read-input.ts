/**
 * Checked reading of the simulator's own arguments (nodes, flow, thresholds); the Service and
 * its slices are read by `prepareService`. Paths are rooted at the argument: `$.nodes[3]`.
 *
 * @module
 * @internal
 */
import { type Rec, type Reader, at, isRec, refuseMisplaced } from '../model/read.js';
import { readNode } from '../proxy/node.js';
import type { From, Via } from '../proxy/types.js';
import { readSchedulingFacts } from './scheduling.js';
import type { SimNode } from './types.js';

const VIAS: readonly string[] = ['clusterIP', 'nodePort', 'loadBalancer', 'externalIP'];
const FROMS: readonly string[] = ['pod', 'node', 'outside'];

/**
 * Reads `$.nodes` (array or List) as core/v1 Nodes, exactly as `computeHints` and the scenario
 * changes read them (so one node list has one set of zones): identities, schedulability, no
 * duplicate names.
 *
 * @example
 * ```ts
 * readNodes(reader, { nodes: [{ metadata: { name: 'n1' }, spec: { unschedulable: true } }] });
 * // => [{ name: 'n1', zone: '', hasZoneLabel: false, schedulable: false, taints: [], excludedFromLoadBalancers: false }]
 * ```
 */
export function readNodes(reader: Reader, input: Rec): SimNode[] {
  const { items, path: base } = reader.list(input, 'nodes', '$');
  const seen = new Set<string>();
  const nodes: SimNode[] = [];
  for (let i = 0; i < items.length; i++) {
    const raw = items[i];
    const path = at(base, i);
    const id = readNode(reader, raw, path, { nodeObject: true });
    if (!isRec(raw)) continue;
    const spec = reader.object(raw, 'spec', path);
    const unschedulable = spec === undefined ? undefined : reader.boolean(spec, 'unschedulable', at(path, 'spec'));
    if (id.name !== '' && seen.has(id.name)) {
      reader.fail('invalid-value', at(at(path, 'metadata'), 'name'), 'a node name no other node has', id.name);
      continue;
    }
    seen.add(id.name);
    const { taints, excludedFromLoadBalancers } = readSchedulingFacts(reader, raw, path);
    // Spelled out rather than spread: this runs once per node of the cluster.
    nodes.push({ name: id.name, zone: id.zone, hasZoneLabel: id.hasZoneLabel, named: id.named ?? true, schedulable: unschedulable !== true, taints, excludedFromLoadBalancers });
  }
  return nodes;
}

/**
 * Reads `$.flow` (default cluster IP from a Pod). The port's support of `via` is checked later.
 *
 * @example
 * ```ts
 * readFlow(reader, { flow: { via: 'nodePort' } }); // => { via: 'nodePort', from: 'pod' }
 * ```
 */
export function readFlow(reader: Reader, input: Rec): { via: Via; from: From } {
  // selectEndpoints takes `via` and `from` beside the Service; a simulation reads them from
  // `flow`. Passed beside the Service here they would be ignored, and the answer would be for
  // cluster-IP traffic from Pods without saying so.
  refuseMisplaced(reader, input, '$', ['via', 'from'], 'a simulation reads the flow from flow: { via, from }');
  const flow = reader.object(input, 'flow', '$');
  if (flow === undefined) return { via: 'clusterIP', from: 'pod' };
  const via = reader.string(flow, 'via', '$.flow') ?? 'clusterIP';
  const from = reader.string(flow, 'from', '$.flow') ?? 'pod';
  if (!VIAS.includes(via)) reader.fail('invalid-value', '$.flow.via', VIAS.join(', '), via);
  if (!FROMS.includes(from)) reader.fail('invalid-value', '$.flow.from', FROMS.join(', '), from);
  return { via: via as Via, from: from as From };
}

/**
 * Checks `$.advise` with the rest of the input (`simulateTraffic` then asks `advise === true`).
 * Only `true` asks for advice, so a value that is not a boolean (`'true'`, `1`) is refused: read
 * as "no", the warnings would come without the advice asked for, as if there were none.
 *
 * @example
 * ```ts
 * checkAdvise(reader, { advise: 'true' }); // problem invalid-type at $.advise
 * ```
 */
export function checkAdvise(reader: Reader, input: Rec): void {
  reader.boolean(input, 'advise', '$');
}

/**
 * Effective warning thresholds.
 *
 * @example
 * ```ts
 * const t: Thresholds = { overload: 1.5, dropped: 0 };
 * ```
 */
export interface Thresholds {
  readonly overload: number;
  readonly dropped: number;
}

/**
 * Reads `$.thresholds` (defaults: overload 1.5, dropped 0).
 *
 * @example
 * ```ts
 * readThresholds(reader, { thresholds: { overload: 2 } }); // => { overload: 2, dropped: 0 }
 * ```
 */
export function readThresholds(reader: Reader, input: Rec): Thresholds {
  const t = reader.object(input, 'thresholds', '$');
  const num = (key: string, fallback: number): number => {
    const v = t?.[key];
    if (v === undefined || v === null) return fallback;
    if (typeof v === 'number' && Number.isFinite(v) && v >= 0) return v;
    reader.fail('invalid-value', at('$.thresholds', key), 'a finite, non-negative number', v);
    return fallback;
  };
  return { overload: num('overload', 1.5), dropped: num('dropped', 0) };
}

/**
 * A finite, non-negative weight at `path`, or `undefined` (recorded) when it is not one.
 *
 * @example
 * ```ts
 * readWeight(reader, -1, '$.clients.byZone["zone-a"]'); // => undefined, problem recorded
 * ```
 */
export function readWeight(reader: Reader, value: unknown, path: string): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value) && value >= 0) return value;
  return reader.fail('invalid-value', path, 'a finite, non-negative number (a relative weight)', value);
}
