/**
 * CPU quantities as Kubernetes `resource.Quantity` reads them, summed exactly
 * (controller-semantics 3.1.3, 7.2, 11).
 *
 * @module
 */
import { KubeTrafficError, describe, problem } from '../model/errors.js';

/**
 * An exact decimal value `coefficient × 10^exponent`. Binary suffixes are folded into the
 * coefficient, so every quantity is exact and sums never round.
 *
 * @example
 * ```ts
 * const q: Quantity = { coefficient: 15n, exponent: -1 }; // 1.5
 * ```
 */
export interface Quantity {
  readonly coefficient: bigint;
  readonly exponent: number;
}

/**
 * Largest decimal exponent accepted. Kubernetes accepts any int64 exponent in theory; beyond
 * this bound an exact sum would need gigabytes, so such text is reported as not a quantity.
 */
const MAX_EXPONENT = 4096;

const DECIMAL_SI: Readonly<Record<string, number>> = { m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const BINARY_SI: Readonly<Record<string, bigint>> = { Ki: 1n, Mi: 2n, Gi: 3n, Ti: 4n, Pi: 5n, Ei: 6n };

// <signedNumber><suffix>: number = digits | digits.digits | digits. | .digits; suffix = binary SI,
// e/E followed by a signed integer exponent, or decimal SI. "1E" is exa, "1E3" is an exponent.
const QUANTITY = /^([+-]?)(\d*)(?:\.(\d*))?(?:(Ki|Mi|Gi|Ti|Pi|Ei)|[eE]([+-]?\d+)|(m|k|M|G|T|P|E))?$/;

/**
 * Parses a Kubernetes quantity (`"2"`, `"1500m"`, `"1.5"`, `"1e3"`, `"2Ki"`). Surrounding
 * whitespace is ignored, as the API's JSON decoding does. Returns `undefined` for text that is
 * not a quantity (`""`, `"abc"`, `"1.2.3"`, `"5 m"`, `"1e"`, `"1Ki3"`).
 *
 * @param text - the quantity text
 * @returns the exact value, or `undefined`
 * @example
 * ```ts
 * parseQuantity('1500m'); // => { coefficient: 1500n, exponent: -3 }
 * parseQuantity('2Ki');   // => { coefficient: 2048n, exponent: 0 }
 * parseQuantity('1.5e3'); // => { coefficient: 15n, exponent: 2 }
 * parseQuantity('two');   // => undefined
 * ```
 */
export function parseQuantity(text: string): Quantity | undefined {
  if (typeof text !== 'string') {
    throw new KubeTrafficError([problem('invalid-type', '$', 'a quantity string such as "4" or "3500m"', describe(text))]);
  }
  const m = QUANTITY.exec(text.trim());
  if (m === null) return undefined;
  const [, sign = '', whole = '', fraction = '', binary, exponentText, decimal] = m;
  if (whole === '' && fraction === '') return undefined; // "", ".", "m", "-"
  let coefficient = BigInt(whole + fraction);
  if (sign === '-') coefficient = -coefficient;
  let exponent = -fraction.length;
  if (binary !== undefined) coefficient <<= 10n * BINARY_SI[binary]!;
  else if (exponentText !== undefined) {
    const e = Number(exponentText);
    if (Math.abs(e) > MAX_EXPONENT) return undefined;
    exponent += e;
  } else exponent += DECIMAL_SI[decimal ?? '']!;
  return { coefficient, exponent };
}

/**
 * The exact sum of two quantities.
 *
 * @example
 * ```ts
 * addQuantities({ coefficient: 1n, exponent: 0 }, { coefficient: 500n, exponent: -3 });
 * // => { coefficient: 1500n, exponent: -3 }
 * ```
 */
export function addQuantities(a: Quantity, b: Quantity): Quantity {
  checkQuantity(a, '$.a');
  checkQuantity(b, '$.b');
  if (a.coefficient === 0n) return b;
  if (b.coefficient === 0n) return a;
  const exponent = Math.min(a.exponent, b.exponent);
  const scale = (q: Quantity): bigint => q.coefficient * 10n ** BigInt(q.exponent - exponent);
  return { coefficient: scale(a) + scale(b), exponent };
}

/**
 * The quantity in whole millicores, any fraction of a millicore rounded up (away from zero,
 * as `Quantity.MilliValue()` does; controller-semantics 3.1.3).
 *
 * @example
 * ```ts
 * toMillicores({ coefficient: 2n, exponent: 0 });     // => 2000n
 * toMillicores({ coefficient: 15001n, exponent: -7 }); // => 2n (1.5001 m)
 * ```
 */
export function toMillicores(q: Quantity): bigint {
  checkQuantity(q, '$');
  const shift = q.exponent + 3;
  if (shift >= 0) return q.coefficient * 10n ** BigInt(shift);
  const divisor = 10n ** BigInt(-shift);
  const quotient = q.coefficient / divisor; // truncates toward zero
  if (quotient * divisor === q.coefficient) return quotient;
  return q.coefficient > 0n ? quotient + 1n : quotient - 1n;
}

/** Zero, the start of every sum. */
export const ZERO_QUANTITY: Quantity = Object.freeze({ coefficient: 0n, exponent: 0 });

/** A {@link Quantity} argument must be one: a bigint coefficient and an integer exponent. */
function checkQuantity(q: unknown, path: string): void {
  const ok =
    typeof q === 'object' &&
    q !== null &&
    typeof (q as Quantity).coefficient === 'bigint' &&
    Number.isInteger((q as Quantity).exponent) &&
    Math.abs((q as Quantity).exponent) <= 2 * MAX_EXPONENT + 64;
  if (!ok) throw new KubeTrafficError([problem('invalid-type', path, 'a Quantity from parseQuantity ({ coefficient: bigint, exponent: integer })', describe(q))]);
}
