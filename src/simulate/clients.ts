/**
 * Where client traffic comes from: a weight per client node, from `byZone`, `byNode`, a list of
 * client Pods, or one unit per node that can send the flow. Reading (`readClients`) and placing
 * (`placeClients`) are separate: placing needs to know which nodes can host clients, which for a
 * load balancer depends on the endpoints.
 *
 * @module
 * @internal
 */
import { type Rec, type Reader, at, isRec } from '../model/read.js';
import { readWeight } from './read-input.js';
import type { SimNode, UnplacedClients } from './types.js';

/**
 * The clients as read: a kind and its weights.
 *
 * @example
 * ```ts
 * const c: ClientSpec = { kind: 'byZone', weights: new Map([['zone-a', 60]]) };
 * ```
 */
export type ClientSpec =
  | { readonly kind: 'default' }
  | { readonly kind: 'byZone' | 'byNode' | 'pods'; readonly weights: ReadonlyMap<string, number> };

/**
 * Client weight per node (indexes of `nodes`) and what could not be placed.
 *
 * @example
 * ```ts
 * const p: Placement = { weights: Float64Array.of(30, 30, 40), unplaced: [] };
 * ```
 */
export interface Placement {
  readonly weights: Float64Array;
  readonly unplaced: readonly UnplacedClients[];
}

/** Pods in these phases no longer run, so they send nothing. */
const FINISHED = new Set(['Succeeded', 'Failed']);

/**
 * Reads `$.clients`: weights per zone, per node, or one unit per running Pod on its node.
 *
 * @example
 * ```ts
 * readClients(reader, { clients: { byZone: { 'zone-a': 60 } } }); // => { kind: 'byZone', weights: Map { 'zone-a' => 60 } }
 * ```
 */
export function readClients(reader: Reader, input: Rec): ClientSpec {
  const clients = input['clients'];
  if (clients === undefined || clients === null) return { kind: 'default' };
  const weights = new Map<string, number>();
  const add = (name: string, w: number): void => void weights.set(name, (weights.get(name) ?? 0) + w);
  if (Array.isArray(clients) || (isRec(clients) && 'items' in clients)) {
    readPods(reader, input, add);
    return { kind: 'pods', weights };
  }
  if (isRec(clients) && ('byZone' in clients) !== ('byNode' in clients)) {
    const key = 'byZone' in clients ? 'byZone' : 'byNode';
    const map = reader.object(clients, key, '$.clients');
    if (map === undefined && (clients[key] === undefined || clients[key] === null)) reader.fail('required', at('$.clients', key), 'an object of weights', undefined);
    for (const [name, value] of Object.entries(map ?? {})) {
      const w = readWeight(reader, value, at(at('$.clients', key), name));
      if (w !== undefined && w > 0) add(name, w);
    }
    return { kind: key, weights };
  }
  reader.fail('invalid-type', '$.clients', '{ byZone }, { byNode } or a list of client Pods', clients);
  return { kind: 'default' };
}

/**
 * Places the clients on `nodes`. `canHost(i)` says whether node i can send the flow (hosts client
 * Pods, or receives load-balancer traffic); the default set and zone weights use only such nodes.
 * Node and Pod weights name their node directly, except that a load balancer (`strict`) never
 * sends to a node that is not its target.
 *
 * @example
 * ```ts
 * placeClients({ kind: 'byZone', weights: new Map([['zone-a', 60]]) }, [a1, a2], () => true, false).weights; // => [30, 30]
 * ```
 */
export function placeClients(spec: ClientSpec, nodes: readonly SimNode[], canHost: (i: number) => boolean, strict: boolean): Placement {
  const weights = new Float64Array(nodes.length);
  const unplaced: UnplacedClients[] = [];
  if (spec.kind === 'default') {
    nodes.forEach((_, i) => (weights[i] = canHost(i) ? 1 : 0));
    return { weights, unplaced };
  }
  if (spec.kind === 'byZone') {
    for (const [zone, w] of spec.weights) {
      const targets: number[] = [];
      nodes.forEach((n, i) => {
        if (n.zone === zone && canHost(i)) targets.push(i);
      });
      if (targets.length === 0) unplaced.push({ zone, node: null, weight: w, reason: strict ? 'not-a-load-balancer-target' : 'no-node-in-zone' });
      for (const i of targets) weights[i]! += w / targets.length;
    }
    return { weights, unplaced };
  }
  const indexOf = new Map(nodes.map((n, i) => [n.name, i]));
  for (const [name, w] of spec.weights) {
    const i = indexOf.get(name);
    if (i === undefined) unplaced.push({ zone: null, node: name, weight: w, reason: 'unknown-node' });
    else if (strict && !canHost(i)) unplaced.push({ zone: null, node: name, weight: w, reason: 'not-a-load-balancer-target' });
    else weights[i]! += w;
  }
  return { weights, unplaced };
}

/** One unit per running Pod on its `spec.nodeName`; Pods not yet scheduled send nothing. */
function readPods(reader: Reader, input: Rec, onNode: (name: string, w: number) => void): void {
  const { items: pods, path: base } = reader.list(input, 'clients', '$');
  pods.forEach((pod, i) => {
    const path = at(base, i);
    if (!isRec(pod)) {
      reader.fail('invalid-type', path, 'a Pod', pod);
      return;
    }
    const spec = reader.object(pod, 'spec', path);
    const nodeName = spec === undefined ? undefined : reader.string(spec, 'nodeName', at(path, 'spec'));
    const status = reader.object(pod, 'status', path);
    const phase = status === undefined ? undefined : reader.string(status, 'phase', at(path, 'status'));
    if (nodeName === undefined || nodeName === '' || (phase !== undefined && FINISHED.has(phase))) return;
    onNode(nodeName, 1);
  });
}
