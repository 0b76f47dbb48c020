import { describe, expect, it } from 'vitest';
import { addQuantities, parseQuantity, toMillicores } from '../../src/controller/quantity.js';

const milli = (text: string): bigint => toMillicores(parseQuantity(text)!);

describe('parseQuantity', () => {
  it.each([
    ['2', 2000n],
    ['1500m', 1500n],
    ['100m', 100n],
    ['0.5', 500n],
    ['.5', 500n],
    ['5.', 5000n],
    ['+3', 3000n],
    ['1e3', 1_000_000n],
    ['1E3', 1_000_000n],
    ['1e-3', 1n],
    ['1.5e+2', 150_000n],
    ['2k', 2_000_000n],
    ['1M', 1_000_000_000n],
    ['1G', 1_000_000_000_000n],
    ['1E', 1_000_000_000_000_000_000_000n],
    ['1Ki', 1_024_000n],
    ['1Mi', 1_048_576_000n],
    ['1.5Ki', 1_536_000n],
    ['1Ei', 1_152_921_504_606_846_976_000n],
    [' 4 ', 4000n],
    ['0', 0n],
  ])('%j is %s millicores', (text, want) => {
    expect(milli(text)).toBe(want);
  });

  it('rounds a fraction of a millicore up', () => {
    expect(milli('0.0001')).toBe(1n);
    expect(milli('1500.5m')).toBe(1501n);
    expect(milli('1e-9')).toBe(1n);
  });

  it.each(['', ' ', '.', 'm', 'abc', '1.2.3', '5 m', '1e', '1Ki3', '1KiB', '1ki', '1 k', '--1', '1e1.5', '0x10', 'Infinity', 'NaN', '1e99999'])(
    '%j is not a quantity',
    (text) => {
      expect(parseQuantity(text)).toBeUndefined();
    },
  );

  it('keeps exact values where doubles would not', () => {
    // 0.1 + 0.2 summed exactly is 300m; in doubles 0.30000000000000004 would round up to 301m.
    const sum = addQuantities(parseQuantity('0.1')!, parseQuantity('0.2')!);
    expect(toMillicores(sum)).toBe(300n);
  });

  it('sums mixed suffixes exactly and rounds only the total', () => {
    const parts = ['0.0004', '0.0004', '0.0004'].map((t) => parseQuantity(t)!);
    const total = parts.reduce(addQuantities);
    expect(toMillicores(total)).toBe(2n); // 1.2 m rounds up to 2, not 3 × 1
    expect(toMillicores(addQuantities(parseQuantity('1Ki')!, parseQuantity('250m')!))).toBe(1_024_250n);
  });
});
