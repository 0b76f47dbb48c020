/**
 * Which nodes count for the topology algorithm, and each zone's share of their allocatable CPU
 * (controller.md §3.1).
 *
 * @module
 */
import { millicoresOf, sumOf, ZERO_QUANTITY, type Quantity } from './quantity.js';
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
  // Counted nodes per zone and CPU value: nodes of one instance type share one parsed value
  // (readHintsInput parses each text once), so 5,000 nodes make a few exact multiplications
  // instead of 5,000 big-integer additions.
  const counts = new Map<string, Map<Quantity, number>>();
  for (const node of nodes) {
    if (node.controlPlane || !node.ready) continue;
    if (node.zone === undefined || node.zone === '' || node.cpu === undefined || node.cpu.coefficient === 0n) return undefined;
    let byValue = counts.get(node.zone);
    if (byValue === undefined) counts.set(node.zone, (byValue = new Map()));
    byValue.set(node.cpu, (byValue.get(node.cpu) ?? 0) + 1);
  }
  // topologycache SetNodes sums every node into its zone and the total as it goes; exact sums
  // are associative and commutative, so grouping equal values first and adding up the zone
  // sums gives the same totals.
  const byZone = new Map<string, Quantity>();
  let total = ZERO_QUANTITY;
  for (const [zone, byValue] of counts) {
    let sum = ZERO_QUANTITY;
    for (const [cpu, n] of byValue) sum = sumOf(sum, n === 1 ? cpu : { coefficient: cpu.coefficient * BigInt(n), exponent: cpu.exponent });
    byZone.set(zone, sum);
    total = sumOf(total, sum);
  }
  const totalMilli = Number(millicoresOf(total));
  if (totalMilli === 0 || byZone.size < 2) return undefined;
  return [...byZone.keys()].sort().map((zone) => {
    const cpuMillicores = Number(millicoresOf(byZone.get(zone)!));
    // One double division, as Go's float64(zone) / float64(total).
    return { zone, cpuMillicores, ratio: cpuMillicores / totalMilli };
  });
}
