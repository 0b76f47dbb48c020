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
  // The common case first: every counted value is a whole number of millicores, so the sums are
  // doubles added per node (see wholeMillicores). Nodes of one instance type share one parsed
  // value (readHintsInput parses each text once), so a run of them works it out once.
  let lastCpu: Quantity | undefined;
  let lastMilli: number | undefined;
  let byZone: Map<string, number> | undefined = new Map();
  let totalMilli = 0;
  for (const node of nodes) {
    if (node.controlPlane || !node.ready) continue;
    if (node.zone === undefined || node.zone === '' || node.cpu === undefined || node.cpu.coefficient === 0n) return undefined;
    if (byZone === undefined) continue; // exact sums below; every node is still checked above
    if (node.cpu !== lastCpu) {
      lastCpu = node.cpu;
      lastMilli = wholeMillicores(node.cpu);
    }
    const milli = lastMilli;
    if (milli === undefined) byZone = undefined;
    else {
      byZone.set(node.zone, (byZone.get(node.zone) ?? 0) + milli);
      totalMilli += milli;
    }
  }
  // Every addend is non-negative, so no partial sum exceeds the total: all were exact.
  const sums = byZone !== undefined && totalMilli <= Number.MAX_SAFE_INTEGER ? { byZone, totalMilli } : exactMillicoreSums(nodes);
  if (sums.totalMilli === 0 || sums.byZone.size < 2) return undefined;
  return sortedNames(sums.byZone.keys()).map((zone) => {
    const cpuMillicores = sums.byZone.get(zone)!;
    // One double division, as Go's float64(zone) / float64(total).
    return { zone, cpuMillicores, ratio: cpuMillicores / sums.totalMilli };
  });
}

/** Longest list {@link sortedNames} sorts by insertion. */
const INSERTION_SORT_MAX = 16;

/**
 * The zone names in ascending order (as `Array.prototype.sort` compares strings, by UTF-16 code
 * units). A cluster has a handful of zones: they are sorted by insertion, because the built-in
 * sort sets up close to 1 kB of merge state per call; longer lists take the built-in sort.
 */
function sortedNames(names: Iterable<string>): string[] {
  const out = [...names];
  if (out.length > INSERTION_SORT_MAX) return out.sort();
  for (let i = 1; i < out.length; i++) {
    const name = out[i]!;
    let j = i;
    for (; j > 0 && out[j - 1]! > name; j--) out[j] = out[j - 1]!;
    out[j] = name;
  }
  return out;
}

/** Each zone's CPU and the cluster's, in whole millicores rounded up. */
interface MillicoreSums {
  readonly byZone: ReadonlyMap<string, number>;
  readonly totalMilli: number;
}

/**
 * topologycache `SetNodes` sums every node's CPU into its zone and the total exactly, and turns
 * each sum into whole millicores rounded up (`MilliValue`) only then. Exact sums are associative
 * and commutative, so counting the nodes of each (zone, value) first and adding up the zone sums
 * gives the same totals: 5,000 nodes make a few exact multiplications instead of 5,000
 * big-integer additions. Called for the nodes {@link zoneCpuRatios} found sufficient.
 */
function exactMillicoreSums(nodes: readonly ParsedNode[]): MillicoreSums {
  const counts = new Map<string, Map<Quantity, number>>();
  for (const node of nodes) {
    if (node.controlPlane || !node.ready) continue;
    let byValue = counts.get(node.zone!);
    if (byValue === undefined) counts.set(node.zone!, (byValue = new Map()));
    byValue.set(node.cpu!, (byValue.get(node.cpu!) ?? 0) + 1);
  }
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

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/**
 * `q` in millicores when that is a whole, non-negative, safe integer (`"4"`, `"3920m"`,
 * `"3920000000n"`); else `undefined` (a fraction of a millicore, a negative value, past 2^53),
 * which sends {@link zoneCpuRatios} to the exact sums. When every value is whole no sum needs
 * rounding, and adding doubles is exact while the total stays at most 2^53 − 1: the common case
 * costs no big-integer arithmetic per call.
 */
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
