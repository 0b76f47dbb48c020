/**
 * Which nodes count for the topology algorithm, and each zone's share of their allocatable CPU
 * (controller.md §3.1).
 *
 * @module
 */
import { addQuantities, toMillicores, ZERO_QUANTITY, type Quantity } from './quantity.js';
import type { ParsedNode } from './read-input.js';
import type { ZoneRatio } from './types.js';

/**
 * Zone CPU ratios from the cluster's nodes, sorted by zone name, or `undefined` when node
 * information is insufficient.
 *
 * - Control-plane/master nodes and nodes that are not Ready are skipped first, so they may lack
 *   a zone or CPU.
 * - Any other node without a zone, or without / with zero allocatable CPU, makes the information
 *   insufficient, whatever the other nodes say.
 * - CPU is summed exactly per zone and for the cluster; each total becomes whole millicores
 *   rounded up, and only then divided. Node order cannot change the result.
 * - No counted CPU or fewer than two zones is insufficient too.
 *
 * @param nodes - the nodes as read from input
 * @returns ratios by zone, or `undefined`
 * @example
 * ```ts
 * const ready = { controlPlane: false, ready: true };
 * zoneCpuRatios([
 *   { ...ready, zone: 'zone-a', cpu: parseQuantity('4500m') },
 *   { ...ready, zone: 'zone-b', cpu: parseQuantity('5500m') },
 * ]);
 * // => [{ zone: 'zone-a', cpuMillicores: 4500, ratio: 0.45 }, { zone: 'zone-b', cpuMillicores: 5500, ratio: 0.55 }]
 * ```
 */
export function zoneCpuRatios(nodes: readonly ParsedNode[]): readonly ZoneRatio[] | undefined {
  const byZone = new Map<string, Quantity>();
  for (const node of nodes) {
    if (node.controlPlane || !node.ready) continue;
    if (node.zone === undefined || node.zone === '' || node.cpu === undefined || node.cpu.coefficient === 0n) return undefined;
    byZone.set(node.zone, addQuantities(byZone.get(node.zone) ?? ZERO_QUANTITY, node.cpu));
  }
  // topologycache SetNodes sums every node into the total as it goes; exact sums are
  // associative, so adding up the zone sums gives the same total with a few additions.
  let total = ZERO_QUANTITY;
  for (const sum of byZone.values()) total = addQuantities(total, sum);
  const totalMilli = Number(toMillicores(total));
  if (totalMilli === 0 || byZone.size < 2) return undefined;
  return [...byZone.keys()].sort().map((zone) => {
    const cpuMillicores = Number(toMillicores(byZone.get(zone)!));
    // One double division, as Go's float64(zone) / float64(total).
    return { zone, cpuMillicores, ratio: cpuMillicores / totalMilli };
  });
}
