/**
 * CPU quantities as Kubernetes `resource.Quantity` reads them, summed exactly
 * (controller.md §3.1).
 *
 * @module
 */
import { KubeTrafficError, describe, problem } from '../model/errors.js';

/**
 * An exact decimal value `coefficient × 10^exponent`. Binary suffixes are folded into the
 * coefficient, so every quantity is exact and sums never round.
 *
 * @category controller
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
 * Largest decimal exponent accepted. Kubernetes accepts any exponent that fits an int32 (after
 * Go's `int32(...)` conversion, which wraps); beyond this bound an exact sum would need
 * gigabytes, so such text is reported as not a quantity (controller.md §3.1).
 */
const MAX_EXPONENT = 4096;

/** apimachinery `suffix.go`: decimal SI suffixes and their powers of ten. */
const DECIMAL_SI: Readonly<Record<string, number>> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
/** apimachinery `suffix.go`: binary SI suffixes and their powers of 1024. */
const BINARY_SI: Readonly<Record<string, bigint>> = { Ki: 1n, Mi: 2n, Gi: 3n, Ti: 4n, Pi: 5n, Ei: 6n };
/** Characters `parseQuantityString` lets into a suffix before an optional exponent sign. */
const SUFFIX_CHARS = 'eEinumkKMGTP';
/** apimachinery `maxAllowed`: binary quantities are capped at the largest int64. */
const MAX_INT64 = (1n << 63n) - 1n;
/** `Nano`: parsing rounds every value to this many decimal places (RoundUp, away from zero). */
const NANO_EXPONENT = -9;
const INT64_DIGITS = /^[+-]?\d{1,19}$/;

const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';

/**
 * Parses a Kubernetes quantity exactly as apimachinery's `resource.ParseQuantity` does, after the
 * `strings.TrimSpace` of `Quantity.UnmarshalJSON`: an optional sign, digits with an optional
 * fraction, then a decimal SI suffix (`n`, `u`, `m`, `""`, `k`, `M`, `G`, `T`, `P`, `E`), a
 * binary one (`Ki` … `Ei`) or a decimal exponent (`e3`, `E-2`; `1E` alone is exa). A value finer
 * than a nano-unit is rounded up, away from zero, to the next nano-unit (`"0.0000000001"` is
 * `1n`), and binary values are capped at 2^63−1, as upstream does when it parses.
 *
 * Upstream's scanner also reads text without digits as zero (`"m"`, `"."`, `"-"`, `"Ki"`), so
 * this does too; only `""`, a bad suffix or trailing characters make text not a quantity.
 *
 * @param text - the quantity text
 * @returns the exact value, or `undefined` for text that is not a quantity
 * @category controller
 * @example
 * ```ts
 * parseQuantity('1500m');        // => { coefficient: 1500n, exponent: -3 }
 * parseQuantity('3920000000n');  // => { coefficient: 3920000000n, exponent: -9 } (3.92 cores)
 * parseQuantity('2Ki');          // => { coefficient: 2048n, exponent: 0 }
 * parseQuantity('1.5e3');        // => { coefficient: 15n, exponent: 2 }
 * parseQuantity('0.0003333333333'); // => { coefficient: 333334n, exponent: -9 } (rounded up)
 * parseQuantity('two');          // => undefined
 * ```
 */
export function parseQuantity(text: string): Quantity | undefined {
  if (typeof text !== 'string') {
    throw new KubeTrafficError([problem('invalid-type', '$', 'a quantity string such as "4" or "3500m"', describe(text))]);
  }
  return plainQuantity(text) ?? scannedQuantity(text);
}

/**
 * {@link parseQuantity} of any text, by apimachinery's scanner (the path {@link plainQuantity}
 * short-cuts; test/controller/quantity.test.ts holds the two to the same answers).
 *
 * @internal
 */
export function scannedQuantity(text: string): Quantity | undefined {
  const str = text.trim();
  // ParseQuantity: the empty string is ErrFormatWrong; everything else goes to the scanner.
  if (str === '') return undefined;
  const scanned = scanQuantity(str);
  if (scanned === undefined) return undefined;
  const { negative, num, denom, suffix, hasDigits } = scanned;

  let coefficient = BigInt(num + denom);
  let exponent = -denom.length;
  let binary = false;
  const decimalPower = Object.hasOwn(DECIMAL_SI, suffix) ? DECIMAL_SI[suffix] : undefined;
  const binaryPower = Object.hasOwn(BINARY_SI, suffix) ? BINARY_SI[suffix] : undefined;
  if (decimalPower !== undefined) exponent += decimalPower;
  else if (binaryPower !== undefined) {
    coefficient <<= 10n * binaryPower;
    binary = true;
  } else if (suffix.length > 1 && (suffix[0] === 'e' || suffix[0] === 'E')) {
    // suffixHandler.interpret: strconv.ParseInt(suffix[1:], 10, 64), then int32(parsed).
    const digits = suffix.slice(1);
    if (!INT64_DIGITS.test(digits)) return undefined;
    const parsed = BigInt(digits);
    if (parsed > MAX_INT64 || parsed < -MAX_INT64 - 1n) return undefined;
    const e = Number(BigInt.asIntN(32, parsed));
    if (Math.abs(e) > MAX_EXPONENT) return undefined;
    exponent += e;
  } else return undefined; // ErrSuffix

  // Text without digits is zero on upstream's int64 path; below nano scale it takes the inf.Dec
  // path, whose SetString refuses a number without digits (ErrNumeric).
  if (!hasDigits && !binary && exponent < NANO_EXPONENT) return undefined;
  if (coefficient === 0n) return { coefficient: 0n, exponent: 0 };

  // ParseQuantity: amount.Round(amount, Nano, inf.RoundUp) on the magnitude, sign restored after.
  if (exponent < NANO_EXPONENT) {
    const divisor = 10n ** BigInt(NANO_EXPONENT - exponent);
    const whole = coefficient / divisor;
    coefficient = whole * divisor === coefficient ? whole : whole + 1n;
    exponent = NANO_EXPONENT;
  }
  // maxAllowed: only BinarySI values are capped (the magnitude, before the sign is restored).
  if (binary && exponent >= 0 && coefficient * 10n ** BigInt(exponent) > MAX_INT64) {
    coefficient = MAX_INT64;
    exponent = 0;
  } else if (binary && exponent < 0 && coefficient > MAX_INT64 * 10n ** BigInt(-exponent)) {
    coefficient = MAX_INT64;
    exponent = 0;
  }
  return { coefficient: negative ? -coefficient : coefficient, exponent };
}

/** Longest digit run {@link plainQuantity} reads: 15 digits are below 2^53, so `Number` is exact. */
const PLAIN_DIGITS = 15;

/**
 * The quantities node CPU is almost always written as, whole cores (`"4"`) or whole millicores
 * (`"3920m"`): digits only, optionally followed by `m`, no sign, no space, at most 15 digits.
 * For these {@link parseQuantity}'s general path gives `{ coefficient: digits, exponent: 0 or -3 }`
 * (leading zeros dropped, zero as `{ 0n, 0 }`, no rounding: both are above nano scale), which is
 * what this returns without scanning into substrings. `undefined` for any other text, which takes
 * the general path.
 */
function plainQuantity(text: string): Quantity | undefined {
  const digits = text.length > 0 && text.charCodeAt(text.length - 1) === 109 /* m */ ? text.length - 1 : text.length;
  if (digits === 0 || digits > PLAIN_DIGITS) return undefined;
  let value = 0;
  for (let i = 0; i < digits; i++) {
    const c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return undefined;
    value = value * 10 + c;
  }
  if (value === 0) return { coefficient: 0n, exponent: 0 };
  return { coefficient: BigInt(value), exponent: digits === text.length ? 0 : -3 };
}

interface Scanned {
  readonly negative: boolean;
  /** Integer digits without leading zeros (`"0"` when none). */
  readonly num: string;
  /** Fraction digits. */
  readonly denom: string;
  readonly suffix: string;
  /** Some digit appeared before the suffix (a stripped leading zero counts). */
  readonly hasDigits: boolean;
}

/**
 * apimachinery `parseQuantityString`: sign, leading zeros, integer digits, `.` and fraction
 * digits, then suffix characters, an optional exponent sign and exponent digits. Any other
 * character left over is `ErrFormatWrong` (`undefined`).
 */
function scanQuantity(str: string): Scanned | undefined {
  const end = str.length;
  let pos = 0;
  let negative = false;
  if (str[0] === '-') {
    negative = true;
    pos++;
  } else if (str[0] === '+') pos++;
  const signEnd = pos;
  while (pos < end && str[pos] === '0') pos++;
  const zerosSkipped = pos > signEnd;
  const numStart = pos;
  while (pos < end && isDigit(str[pos])) pos++;
  const intDigits = pos - numStart;
  const num = str.slice(numStart, pos) || '0';
  let denom = '';
  if (pos < end && str[pos] === '.') {
    pos++;
    const denomStart = pos;
    while (pos < end && isDigit(str[pos])) pos++;
    denom = str.slice(denomStart, pos);
  }
  const hasDigits = zerosSkipped || intDigits > 0 || denom.length > 0;
  const suffixStart = pos;
  while (pos < end && SUFFIX_CHARS.includes(str[pos]!)) pos++;
  if (pos < end && (str[pos] === '-' || str[pos] === '+')) pos++;
  while (pos < end && isDigit(str[pos])) pos++;
  if (pos < end) return undefined;
  return { negative, num, denom, suffix: str.slice(suffixStart), hasDigits };
}

/**
 * The exact sum of two quantities.
 *
 * @category controller
 * @example
 * ```ts
 * addQuantities({ coefficient: 1n, exponent: 0 }, { coefficient: 500n, exponent: -3 });
 * // => { coefficient: 1500n, exponent: -3 }
 * ```
 */
export function addQuantities(a: Quantity, b: Quantity): Quantity {
  checkQuantity(a, '$.a');
  checkQuantity(b, '$.b');
  return sumOf(a, b);
}

/**
 * {@link addQuantities} of quantities known to be well-formed (from {@link parseQuantity} or a
 * sum of them), without checking them again.
 *
 * @internal
 */
export function sumOf(a: Quantity, b: Quantity): Quantity {
  if (a.coefficient === 0n) return b;
  if (b.coefficient === 0n) return a;
  const exponent = Math.min(a.exponent, b.exponent);
  const scale = (q: Quantity): bigint => q.coefficient * 10n ** BigInt(q.exponent - exponent);
  return { coefficient: scale(a) + scale(b), exponent };
}

/**
 * The quantity in whole millicores, any fraction of a millicore rounded up (away from zero,
 * as `Quantity.MilliValue()` does; controller.md §3.1).
 *
 * @category controller
 * @example
 * ```ts
 * toMillicores({ coefficient: 2n, exponent: 0 });     // => 2000n
 * toMillicores({ coefficient: 15001n, exponent: -7 }); // => 2n (1.5001 m)
 * ```
 */
export function toMillicores(q: Quantity): bigint {
  checkQuantity(q, '$');
  return millicoresOf(q);
}

/**
 * {@link toMillicores} of a quantity known to be well-formed, without checking it again.
 *
 * @internal
 */
export function millicoresOf(q: Quantity): bigint {
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
