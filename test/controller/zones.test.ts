import { describe, expect, it } from 'vitest';
import { parseQuantity } from '../../src/controller/quantity.js';
import type { ParsedNode } from '../../src/controller/read-input.js';
import { zoneCpuRatios } from '../../src/controller/zones.js';

const n = (zone: string | undefined, cpu: string | undefined, extra: Partial<ParsedNode> = {}): ParsedNode => ({
  controlPlane: false,
  ready: true,
  zone,
  cpu: cpu === undefined ? undefined : parseQuantity(cpu),
  ...extra,
});

describe('zoneCpuRatios', () => {
  it('divides zone millicores by the cluster total, zones by name', () => {
    expect(zoneCpuRatios([n('zone-b', '5500m'), n('zone-a', '4500m')])).toEqual([
      { zone: 'zone-a', cpuMillicores: 4500, ratio: 0.45 },
      { zone: 'zone-b', cpuMillicores: 5500, ratio: 0.55 },
    ]);
  });

  it('weighs by CPU, not node count', () => {
    const r = zoneCpuRatios([n('a', '1'), n('a', '1'), n('b', '8')]);
    expect(r?.map((z) => z.ratio)).toEqual([0.2, 0.8]);
  });

  it('skips control-plane and unready nodes before the zone and CPU checks (3.1.1)', () => {
    const r = zoneCpuRatios([
      n(undefined, undefined, { controlPlane: true }),
      n(undefined, '0', { ready: false }),
      n('a', '1'),
      n('b', '3'),
    ]);
    expect(r?.map((z) => z.cpuMillicores)).toEqual([1000, 3000]);
  });

  it('is insufficient when a counted node lacks a zone or CPU, or CPU is zero (3.1.2)', () => {
    expect(zoneCpuRatios([n('a', '1'), n('b', '1'), n(undefined, '1')])).toBeUndefined();
    expect(zoneCpuRatios([n('a', '1'), n('b', '1'), n('', '1')])).toBeUndefined();
    expect(zoneCpuRatios([n('a', '1'), n('b', '1'), n('c', undefined)])).toBeUndefined();
    expect(zoneCpuRatios([n('a', '1'), n('b', '1'), n('c', '0m')])).toBeUndefined();
  });

  it('is insufficient with fewer than two zones or no nodes (3.1.4)', () => {
    expect(zoneCpuRatios([])).toBeUndefined();
    expect(zoneCpuRatios([n('a', '1'), n('a', '2')])).toBeUndefined();
  });

  it('rounds each total up to whole millicores after exact summing (3.1.3)', () => {
    const r = zoneCpuRatios([n('a', '0.0004'), n('a', '0.0004'), n('b', '1m')]);
    // zone a: 0.8 m → 1; total 1.8 m → 2
    expect(r).toEqual([
      { zone: 'a', cpuMillicores: 1, ratio: 0.5 },
      { zone: 'b', cpuMillicores: 1, ratio: 0.5 },
    ]);
  });

  it('sums whole millicores and anything else to the same totals (no rounding before the end)', () => {
    // Whole millicores in every spelling, then the same cluster with one value a fraction of a
    // millicore off, then a total past 2^53 millicores: each must match the exact sums.
    const whole = [n('a', '4'), n('a', '3920m'), n('b', '3920000000n'), n('b', '1Ki'), n('c', '0.5')];
    expect(zoneCpuRatios(whole)?.map((z) => z.cpuMillicores)).toEqual([7920, 1027920, 500]);
    const fraction = [...whole, n('c', '1n')];
    expect(zoneCpuRatios(fraction)?.map((z) => z.cpuMillicores)).toEqual([7920, 1027920, 501]);
    expect(zoneCpuRatios(fraction)?.[2]?.ratio).toBe(501 / (7920 + 1027920 + 501));
    // Half a millicore in each zone: each rounds up alone, the total of the exact sums does not.
    expect(zoneCpuRatios([n('a', '1000.5m'), n('b', '1000.5m')])).toEqual([
      { zone: 'a', cpuMillicores: 1001, ratio: 1001 / 2001 },
      { zone: 'b', cpuMillicores: 1001, ratio: 1001 / 2001 },
    ]);
    const huge = [n('a', '9007199254740993m'), n('a', '9007199254740993m'), n('b', '1m')];
    expect(zoneCpuRatios(huge)).toEqual([
      { zone: 'a', cpuMillicores: Number(2n * 9007199254740993n), ratio: Number(2n * 9007199254740993n) / Number(2n * 9007199254740993n + 1n) },
      { zone: 'b', cpuMillicores: 1, ratio: 1 / Number(2n * 9007199254740993n + 1n) },
    ]);
  });

  it('orders zones by name as Array.prototype.sort does, for a few zones and for many', () => {
    const names = ['zone-b', 'Zone-a', 'zone-a', 'z', 'é', 'zone-10', 'zone-9', '', 'a b'].filter((z) => z !== '');
    for (const count of [2, 8, names.length, 40]) {
      const zones = Array.from({ length: count }, (_, i) => names[i % names.length]! + (i >= names.length ? `-${i}` : ''));
      const ratios = zoneCpuRatios(zones.map((z) => n(z, '1')));
      expect(ratios?.map((r) => r.zone)).toEqual([...zones].sort());
    }
  });

  it('adds whole millicores and other values of one zone exactly, also once the whole total passes 2^53', () => {
    // zone a: 4000 m + 0.5 m = 4000.5 m → 4001; total 4000.5 + 1000 = 5000.5 → 5001.
    expect(zoneCpuRatios([n('a', '4'), n('b', '1'), n('a', '0.0005')])).toEqual([
      { zone: 'a', cpuMillicores: 4001, ratio: 4001 / 5001 },
      { zone: 'b', cpuMillicores: 1000, ratio: 1000 / 5001 },
    ]);
    // Each value is whole and safe (2^52 m), their sum is not: the third is summed exactly.
    const half = 2n ** 52n;
    const r = zoneCpuRatios([n('a', `${half}m`), n('b', `${half}m`), n('a', `${half + 1n}m`)]);
    expect(r?.map((z) => z.cpuMillicores)).toEqual([Number(2n * half + 1n), Number(half)]);
    expect(r?.[1]?.ratio).toBe(Number(half) / Number(3n * half + 1n));
  });
});

