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
export function zoneCpuRatios(nodes: Iterable<ParsedNode>): readonly ZoneRatio[] | undefined {
  const tally = new ZoneCpuTally();
  for (const node of nodes) tally.add(node);
  return tally.ratios();
}

/**
 * {@link zoneCpuRatios} one node at a time: `readHintsInput` adds each node as it reads it, so
 * no record of the 5,000 nodes of a large cluster outlives its reading (records that all live
 * until the end of a call are what V8 learns to allocate in the old generation, where they then
 * cost every later call, small ones too).
 *
 * topologycache `SetNodes` sums every node's CPU into its zone and the total exactly, and turns
 * each sum into whole millicores rounded up (`MilliValue`) only then. Exact sums are associative
 * and commutative, so the sum may be split: values that are whole millicores (`"4"`, `"3920m"`:
 * nearly all) are added as doubles, which is exact while the total stays at most 2^53 − 1; any
 * other value (a fraction of a millicore, a negative one, one past that total) is counted per
 * (zone, value), and only those cost big-integer arithmetic, once per distinct value.
 *
 * @example
 * ```ts
 * const tally = new ZoneCpuTally();
 * tally.add({ controlPlane: false, ready: true, zone: 'zone-a', cpu: parseQuantity('4') });
 * tally.add({ controlPlane: false, ready: true, zone: 'zone-b', cpu: parseQuantity('0.5') });
 * tally.ratios(); // => [{ zone: 'zone-a', cpuMillicores: 4000, ratio: 4000 / 4500 }, { zone: 'zone-b', cpuMillicores: 500, ratio: 500 / 4500 }]
 * ```
 */
export class ZoneCpuTally {
  private insufficient = false;
  /** Whole millicores per zone, as exact doubles. */
  private readonly whole = new Map<string, number>();
  private wholeTotal = 0;
  /** Counted nodes per zone and value, for the values not in {@link whole}; made at the first. */
  private others: Map<string, Map<Quantity, number>> | undefined;
  // Nodes of one instance type share one parsed value (readHintsInput parses each text once),
  // so a run of them works out its millicores once.
  private lastCpu: Quantity | undefined;
  private lastMilli: number | undefined;

  /** Counts one node (§3.1: skipped when control-plane or not Ready). */
  add(node: ParsedNode): void {
    if (node.controlPlane || !node.ready || this.insufficient) return;
    const { zone, cpu } = node;
    if (zone === undefined || zone === '' || cpu === undefined || cpu.coefficient === 0n) {
      this.insufficient = true;
      return;
    }
    if (cpu !== this.lastCpu) {
      this.lastCpu = cpu;
      this.lastMilli = wholeMillicores(cpu);
    }
    const milli = this.lastMilli;
    // Every addend is non-negative, so no partial sum exceeds the total: all stay exact.
    if (milli !== undefined && this.wholeTotal + milli <= Number.MAX_SAFE_INTEGER) {
      this.whole.set(zone, (this.whole.get(zone) ?? 0) + milli);
      this.wholeTotal += milli;
      return;
    }
    const others = (this.others ??= new Map());
    let byValue = others.get(zone);
    if (byValue === undefined) others.set(zone, (byValue = new Map()));
    byValue.set(cpu, (byValue.get(cpu) ?? 0) + 1);
  }

  /** The ratios of the nodes added so far (see {@link zoneCpuRatios}). */
  ratios(): readonly ZoneRatio[] | undefined {
    if (this.insufficient) return undefined;
    const { byZone, totalMilli } = this.others === undefined ? { byZone: this.whole, totalMilli: this.wholeTotal } : this.exactSums(this.others);
    if (totalMilli === 0 || byZone.size < 2) return undefined;
    return sortedNames(byZone.keys()).map((zone) => {
      const cpuMillicores = byZone.get(zone)!;
      // One double division, as Go's float64(zone) / float64(total).
      return { zone, cpuMillicores, ratio: cpuMillicores / totalMilli };
    });
  }

  /** Each zone's exact sum (its whole millicores plus its other values) and the total, rounded up only then. */
  private exactSums(others: ReadonlyMap<string, ReadonlyMap<Quantity, number>>): { byZone: Map<string, number>; totalMilli: number } {
    const byZone = new Map<string, number>();
    let total = ZERO_QUANTITY;
    for (const zone of new Set([...this.whole.keys(), ...others.keys()])) {
      const whole = this.whole.get(zone);
      let sum = whole === undefined ? ZERO_QUANTITY : { coefficient: BigInt(whole), exponent: -3 };
      for (const [cpu, n] of others.get(zone) ?? []) sum = sumOf(sum, n === 1 ? cpu : { coefficient: cpu.coefficient * BigInt(n), exponent: cpu.exponent });
      byZone.set(zone, Number(millicoresOf(sum)));
      total = sumOf(total, sum);
    }
    return { byZone, totalMilli: Number(millicoresOf(total)) };
  }
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

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/**
 * `q` in millicores when that is a whole, non-negative, safe integer (`"4"`, `"3920m"`,
 * `"3920000000n"`); else `undefined` (a fraction of a millicore, a negative value, past 2^53),
 * which {@link ZoneCpuTally} sums exactly instead.
 */
function wholeMillicores(q: Quantity): number | undefined {
  const shift = q.exponent + 3;
  if (shift >= 0) {
    // In doubles (4 × 10^3, 3920 × 10^0): Number() rounds monotonically, so only a coefficient
    // of at most 2^53 − 1 converts to a safe double, and a safe product of exact factors is exact.
    const milli = Number(q.coefficient) * 10 ** shift;
    return milli >= 0 && Number.isSafeInteger(milli) ? milli : undefined;
  }
  if (q.coefficient < 0n) return undefined;
  const divisor = 10n ** BigInt(-shift);
  if (q.coefficient % divisor !== 0n) return undefined;
  const milli = q.coefficient / divisor;
  return milli <= MAX_SAFE ? Number(milli) : undefined;
}
