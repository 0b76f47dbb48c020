import { describe, expect, it } from 'vitest';
import { allocateZones } from '../../src/controller/allocation.js';

const z = (zone: string, milli: number, total: number) => ({ zone, cpuMillicores: milli, ratio: milli / total });

describe('allocateZones', () => {
  it('0.2/0.8 with 6 endpoints: desired 1.2000000000000002 gives minimum 2, and 2 + 5 > 6 fails (3.2.4, 3.2.5)', () => {
    const r = allocateZones([z('a', 2000, 10000), z('b', 8000, 10000)], 6);
    expect(r.ok).toBe(false);
    expect(r.ok ? undefined : r.cause).toBe('minimum-exceeds-endpoints');
    expect(r.quotas.map((q) => [q.desired, q.minimum, q.maximum])).toEqual([
      [1.2000000000000002, 2, null],
      [4.800000000000001, 5, null],
    ]);
  });

  it('0.2/0.8 with 5 endpoints fits: minimums 1 and 4, maximum = minimum + 0', () => {
    const r = allocateZones([z('a', 2000, 10000), z('b', 8000, 10000)], 5);
    expect(r.ok).toBe(true);
    expect(r.quotas.map((q) => [q.zone, q.minimum, q.maximum, q.target])).toEqual([
      ['a', 1, 1, 1],
      ['b', 4, 4, 4],
    ]);
  });

  it('target is max(desired, minimum) and maximum spreads the spare endpoints', () => {
    const r = allocateZones([z('a', 1000, 3000), z('b', 1000, 3000), z('c', 1000, 3000)], 10);
    expect(r.ok).toBe(true);
    // desired 3.333…, minimum ceil(2.777…) = 3, spare 10 − 9 = 1
    expect(r.quotas.map((q) => [q.minimum, q.maximum])).toEqual([
      [3, 4],
      [3, 4],
      [3, 4],
    ]);
    // ratio first, then × N (7.1): (1000 / 3000) * 10 = 3.333333333333333, not 10 / 3 = 3.3333333333333335
    expect(r.quotas[0]!.target).toBe(3.333333333333333);
    expect(r.quotas[0]!.target).not.toBe(10 / 3);
  });

  it('fails in the order of 3.2.1–3.2.3', () => {
    expect(allocateZones(undefined, 5)).toEqual({ ok: false, cause: 'insufficient-node-info', quotas: [] });
    expect(allocateZones([z('a', 1, 1)], 5)).toEqual({ ok: false, cause: 'nodes-in-one-zone', quotas: [] });
    expect(allocateZones([z('a', 1, 2), z('b', 1, 2)], 1)).toEqual({ ok: false, cause: 'fewer-endpoints-than-zones', quotas: [] });
  });
});
