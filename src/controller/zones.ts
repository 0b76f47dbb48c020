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
  const sums = wholeMillicoreSums(counts) ?? exactMillicoreSums(counts);
  const { byZone, totalMilli } = sums;
  if (totalMilli === 0 || byZone.size < 2) return undefined;
  return [...byZone.keys()].sort().map((zone) => {
    const cpuMillicores = byZone.get(zone)!;
    // One double division, as Go's float64(zone) / float64(total).
    return { zone, cpuMillicores, ratio: cpuMillicores / totalMilli };
  });
}

/** Each zone's CPU and the cluster's, in whole millicores rounded up. */
interface MillicoreSums {
  readonly byZone: ReadonlyMap<string, number>;
  readonly totalMilli: number;
}

type Counts = ReadonlyMap<string, ReadonlyMap<Quantity, number>>;

/**
 * topologycache `SetNodes` sums every node's CPU into its zone and the total exactly, and turns
 * each sum into whole millicores rounded up (`MilliValue`) only then. Exact sums are associative
 * and commutative, so grouping equal values first and adding up the zone sums gives the same
 * totals.
 */
function exactMillicoreSums(counts: Counts): MillicoreSums {
  const byZone = new Map<string, number>();
  let total = ZERO_QUANTITY;
  for (const [zone, byValue] of counts) {
    let sum = ZERO_QUANTITY;
    for (const [cpu, n] of byValue) sum = sumOf(sum, n === 1 ? cpu : { coefficient: cpu.coefficient * BigInt(n), exponent: cpu.exponent });
    byZone.set(zone, Number(millicoresOf(sum)));
    total = sumOf(total, sum);
  }
  return { byZone, totalMilli: Number(millicoresOf(total)) };
}

/**
 * The same sums as {@link exactMillicoreSums} when every value is a whole, non-negative number of
 * millicores (`"4"`, `"3920m"`, `"3920000000n"`): then no sum needs rounding, and adding
 * doubles is exact while the total stays at most 2^53 − 1. `undefined` otherwise (a fraction
 * of a millicore, a negative value, a total past 2^53), which takes the exact path: the common
 * case then costs no big-integer arithmetic per call.
 */
function wholeMillicoreSums(counts: Counts): MillicoreSums | undefined {
  const byZone = new Map<string, number>();
  let totalMilli = 0;
  for (const [zone, byValue] of counts) {
    let sum = 0;
    for (const [cpu, n] of byValue) {
      const milli = wholeMillicores(cpu);
      if (milli === undefined) return undefined;
      sum += milli * n;
    }
    byZone.set(zone, sum);
    totalMilli += sum;
  }
  // Every addend is non-negative, so no partial sum exceeds the total: all were exact.
  return totalMilli <= Number.MAX_SAFE_INTEGER ? { byZone, totalMilli } : undefined;
}

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** `q` in millicores when that is a whole, non-negative, safe integer; else `undefined`. */
function wholeMillicores(q: Quantity): number | undefined {
  if (q.coefficient < 0n) return undefined;
  const shift = q.exponent + 3;
  if (shift >= 0) {
    // Small coefficients and shifts stay in doubles: 4 × 10^3, 3920 × 10^0.
    const milli = Number(q.coefficient) * 10 ** shift;
    return Number.isSafeInteger(milli) && q.coefficient <= MAX_SAFE ? milli : undefined;
  }
  const divisor = 10n ** BigInt(-shift);
  if (q.coefficient % divisor !== 0n) return undefined;
  const milli = q.coefficient / divisor;
  return milli <= MAX_SAFE ? Number(milli) : undefined;
}
