/**
 * Where client traffic comes from: a weight per client node, from `byZone`, `byNode`, a list of
 * client Pods, or one unit per schedulable node.
 *
 * @module
 * @internal
 */
import { type Rec, type Reader, at, isRec } from '../model/read.js';
import { readWeight } from './read-input.js';
import type { SimNode, UnplacedClients } from './types.js';

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
 * Reads `$.clients` and places its weight on `nodes`.
 *
 * @example
 * ```ts
 * placeClients(reader, { clients: { byZone: { 'zone-a': 60 } } }, [a1, a2]).weights; // => [30, 30]
 * ```
 */
export function placeClients(reader: Reader, input: Rec, nodes: readonly SimNode[]): Placement {
  const weights = new Float64Array(nodes.length);
  const unplaced: UnplacedClients[] = [];
  const indexOf = new Map(nodes.map((n, i) => [n.name, i]));
  const missingNodes = new Map<string, number>();
  const onNode = (name: string, w: number): void => {
    const i = indexOf.get(name);
    if (i === undefined) missingNodes.set(name, (missingNodes.get(name) ?? 0) + w);
    else weights[i]! += w;
  };
  const clients = input['clients'];
  if (clients === undefined || clients === null) {
    // Default: every node that can run Pods hosts the same amount of clients.
    nodes.forEach((n, i) => (weights[i] = n.schedulable ? 1 : 0));
  } else if (Array.isArray(clients) || (isRec(clients) && 'items' in clients)) {
    placePods(reader, input, onNode);
  } else if (isRec(clients) && ('byZone' in clients) !== ('byNode' in clients)) {
    const byZone = 'byZone' in clients;
    const key = byZone ? 'byZone' : 'byNode';
    const map = reader.object(clients, key, '$.clients');
    if (map === undefined && (clients[key] === undefined || clients[key] === null)) reader.fail('required', at('$.clients', key), 'an object of weights', undefined);
    for (const [name, value] of Object.entries(map ?? {})) {
      const w = readWeight(reader, value, at(at('$.clients', key), name));
      if (w === undefined || w === 0) continue;
      if (byZone) spreadOverZone(nodes, name, w, weights, unplaced);
      else onNode(name, w);
    }
  } else {
    reader.fail('invalid-type', '$.clients', '{ byZone }, { byNode } or a list of client Pods', clients);
  }
  for (const [node, weight] of missingNodes) unplaced.push({ zone: null, node, weight });
  return { weights, unplaced };
}

/** `byZone`: spread evenly over the zone's schedulable nodes (where new client Pods can land). */
function spreadOverZone(nodes: readonly SimNode[], zone: string, w: number, weights: Float64Array, unplaced: UnplacedClients[]): void {
  const targets: number[] = [];
  nodes.forEach((n, i) => {
    if (n.schedulable && n.zone === zone) targets.push(i);
  });
  if (targets.length === 0) {
    unplaced.push({ zone, node: null, weight: w });
    return;
  }
  for (const i of targets) weights[i]! += w / targets.length;
}

/** One unit per running Pod on its `spec.nodeName`; Pods not yet scheduled send nothing. */
function placePods(reader: Reader, input: Rec, onNode: (name: string, w: number) => void): void {
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
