import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addQuantities, parseQuantity, scannedQuantity, toMillicores } from '../../src/controller/quantity.js';

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

  it.each(['', ' ', 'abc', 'e-10', '-e-12', '1e+', '1mm', '1e3m', '1m5', 'k3', '1.5.', '+-1', '1e9223372036854775808', '1.2.3', '5 m', '1e', '1Ki3', '1KiB', '1ki', '1 k', '--1', '1e1.5', '0x10', 'Infinity', 'NaN', '1e99999'])(
    '%j is not a quantity',
    (text) => {
      expect(parseQuantity(text)).toBeUndefined();
    },
  );

  it.each([
    ['3920000000n', 3920n],
    ['3920000u', 3920n],
    ['1n', 1n],
    ['999999n', 1n],
    ['1000001n', 2n],
    ['1.5u', 1n],
    ['-500m', -500n],
    ['-1n', -1n],
    ['2e-9', 1n],
    ['1E+3', 1_000_000n],
    ['007', 7000n],
    ['1Ti', 1_099_511_627_776_000n],
    ['1Pi', 1_125_899_906_842_624_000n],
    ['1T', 1_000_000_000_000_000n],
    ['1P', 1_000_000_000_000_000_000n],
    // Go's int32(exponent) wraps: 2^32 + 3 is 3.
    ['1e4294967299', 1_000_000n],
  ])('%j is %s millicores (every suffix of apimachinery suffix.go)', (text, want) => {
    expect(milli(text)).toBe(want);
  });

  it('reads text without digits as zero, as parseQuantityString does', () => {
    for (const text of ['.', 'm', '-', '+', 'Ki', 'e3', '-.', 'n', '0e-10']) {
      expect(parseQuantity(text), text).toEqual({ coefficient: 0n, exponent: 0 });
    }
  });

  it('rounds finer than a nano-unit up, away from zero, when parsing', () => {
    expect(parseQuantity('0.0003333333333')).toEqual({ coefficient: 333334n, exponent: -9 });
    expect(parseQuantity('-0.0003333333333')).toEqual({ coefficient: -333334n, exponent: -9 });
    expect(parseQuantity('1e-10')).toEqual({ coefficient: 1n, exponent: -9 });
    expect(parseQuantity('0.000000001000')).toEqual({ coefficient: 1n, exponent: -9 });
    // Rounded per node at parse time, so three nodes of 0.3333333333n each count 1n, not 1n in total.
    const third = parseQuantity('0.0000000003333')!;
    expect(toMillicores([third, third, third].reduce(addQuantities))).toBe(1n);
    expect([third, third, third].reduce(addQuantities)).toEqual({ coefficient: 3n, exponent: -9 });
  });

  it('caps binary quantities at 2^63-1 as maxAllowed does, but not decimal ones', () => {
    expect(parseQuantity('9000000Ei')).toEqual({ coefficient: (1n << 63n) - 1n, exponent: 0 });
    expect(parseQuantity('-9000000Ei')).toEqual({ coefficient: -((1n << 63n) - 1n), exponent: 0 });
    expect(parseQuantity('9000000E')).toEqual({ coefficient: 9000000n, exponent: 18 });
  });

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

  it('reads plain digits and millicores (its short cut) exactly as the scanner does', () => {
    const plainish = fc.string({ unit: fc.constantFrom('0', '1', '4', '9', 'm', ' ', '+', '-', '.', 'e', 'k', 'n'), maxLength: 18 });
    const digits = fc.tuple(fc.string({ unit: fc.constantFrom('0', '1', '2', '3', '4', '5', '6', '7', '8', '9'), maxLength: 18 }), fc.constantFrom('', 'm', 'M', 'mm', 'n'));
    fc.assert(
      fc.property(fc.oneof(plainish, digits.map(([d, s]) => d + s)), (text) => {
        expect(parseQuantity(text)).toEqual(scannedQuantity(text));
      }),
      { numRuns: 3000 },
    );
    for (const text of ['0', '00', '0m', '4', '4000m', '999999999999999', '999999999999999m', '9999999999999999', '1000000000000000m', 'm', '']) {
      expect(parseQuantity(text), text).toEqual(scannedQuantity(text));
    }
  });
});
