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
});
