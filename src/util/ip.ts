/**
 * IP address parsing and canonical text, as Go's `netutils.ParseIPSloppy(s).String()` prints it:
 * lower-case hex, the longest run of two or more zero groups compressed (the first on a tie),
 * IPv4-mapped IPv6 printed as dotted IPv4, legacy leading-zero IPv4 octets read as decimal.
 *
 * @module
 */
import { KubeTrafficError, describe, problem } from '../model/errors.js';


/**
 * An IP family.
 *
 * @category kube-proxy
 * @example
 * ```ts
 * const family: IPFamily = 'IPv6';
 * ```
 */
export type IPFamily = 'IPv4' | 'IPv6';

/**
 * A parsed address.
 *
 * @category kube-proxy
 * @example
 * ```ts
 * const ip: ParsedIP = { family: 'IPv6', text: '2001:db8::1', order: '20010db8000000000000000000000001' };
 * ```
 */
export interface ParsedIP {
  /** `IPv4` for IPv4 and IPv4-mapped IPv6 (Go's `To4() != nil`), else `IPv6`. */
  readonly family: IPFamily;
  /** Canonical text. */
  readonly text: string;
  /** Fixed-width hex of the 16-byte form, for sorting addresses numerically. */
  readonly order: string;
}

function parseV4(s: string): number[] | undefined {
  const parts = s.split('.');
  if (parts.length !== 4) return undefined;
  const out: number[] = [];
  for (const p of parts) {
    // ParseIPSloppy: decimal digits only, leading zeros allowed and read as decimal.
    if (p.length === 0 || !/^[0-9]+$/.test(p)) return undefined;
    const n = Number(p);
    if (n > 255) return undefined;
    out.push(n);
  }
  return out;
}

function parseV6(s: string): number[] | undefined {
  // Returns 8 groups of 16 bits.
  let head = s;
  let tail4: number[] | undefined;
  const lastColon = s.lastIndexOf(':');
  if (lastColon >= 0 && s.indexOf('.', lastColon) > lastColon) {
    tail4 = parseV4(s.slice(lastColon + 1));
    if (tail4 === undefined) return undefined;
    head = s.slice(0, lastColon + 1);
    // "::1.2.3.4" keeps "::", "a::1.2.3.4" keeps "a::", "a:b:...:1.2.3.4" leaves a trailing ":".
    if (head.endsWith(':') && !head.endsWith('::')) head = head.slice(0, -1);
  }
  const want = tail4 === undefined ? 8 : 6;
  const dbl = head.indexOf('::');
  if (dbl !== head.lastIndexOf('::')) return undefined;
  const groups = (text: string): number[] | undefined => {
    if (text === '') return [];
    const out: number[] = [];
    for (const g of text.split(':')) {
      if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return undefined;
      out.push(parseInt(g, 16));
    }
    return out;
  };
  let words: number[];
  if (dbl >= 0) {
    const left = groups(head.slice(0, dbl));
    const right = groups(head.slice(dbl + 2));
    if (left === undefined || right === undefined) return undefined;
    const fill = want - left.length - right.length;
    if (fill < 1) return undefined;
    words = [...left, ...new Array<number>(fill).fill(0), ...right];
  } else {
    const all = groups(head);
    if (all === undefined || all.length !== want) return undefined;
    words = all;
  }
  if (tail4 !== undefined) {
    words.push((tail4[0]! << 8) | tail4[1]!, (tail4[2]! << 8) | tail4[3]!);
  }
  return words;
}

function hex4(n: number): string {
  return n.toString(16).padStart(4, '0');
}

function v6Text(words: readonly number[]): string {
  // RFC 5952: compress the longest run (length >= 2) of zero groups, the first one on a tie.
  let bestStart = -1;
  let bestLen = 0;
  for (let i = 0; i < 8; ) {
    if (words[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && words[j] === 0) j++;
    if (j - i > bestLen) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = words.map((w) => w.toString(16));
  if (bestLen < 2) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLen).join(':')}`;
}

/**
 * Parses an IP address the way kube-proxy does and returns its canonical form, or `undefined`
 * when the text is not an IP address.
 *
 * @param text - an address such as `10.0.0.1`, `010.000.000.001` or `2001:DB8:0:0::1`
 * @returns the family, canonical text and a sort key, or `undefined`
 * @throws {@link KubeTrafficError} `invalid-type` at `$` when `text` is not a string
 * @category kube-proxy
 * @example
 * ```ts
 * parseIP('2001:DB8:0:0:0:0:0:1')?.text; // => '2001:db8::1'
 * parseIP('::ffff:10.0.0.1')?.text;      // => '10.0.0.1'
 * parseIP('010.001.002.003')?.text;      // => '10.1.2.3'
 * parseIP('not-an-ip');                 // => undefined
 * parseIP(42 as never);                  // throws KubeTrafficError invalid-type at $
 * ```
 */
export function parseIP(text: string): ParsedIP | undefined {
  if (typeof text !== 'string') throw new KubeTrafficError([problem('invalid-type', '$', 'a string', describe(text))]);
  const v4 = parseIPv4Number(text);
  if (v4 !== undefined) {
    return { family: 'IPv4', text: v4Text(text, v4), order: `00000000000000000000ffff${v4.toString(16).padStart(8, '0')}` };
  }
  return parseSlow(text);
}

/**
 * A dotted IPv4 address as a 32-bit number (leading zeros read as decimal), or `undefined`.
 * @internal
 */
export function parseIPv4Number(text: string): number | undefined {
  const value = scanIPv4(text, false);
  return value < 0 ? undefined : value;
}

/**
 * A dotted IPv4 address already in canonical text (no octet with a leading zero) as a 32-bit
 * number, else `undefined` (other spellings go to {@link parseIPv4Number} and {@link v4Text}).
 * Slice conversion's hot path: one pass over the text, where parsing and then checking the
 * text for leading zeros took two.
 * @internal
 */
export function canonicalIPv4Number(text: string): number | undefined {
  // Past 15 characters a dotted address needs a leading zero somewhere, so it is not canonical.
  if (text.length > 15) return undefined;
  const value = scanIPv4(text, true);
  return value < 0 ? undefined : value;
}

/**
 * The one scanner of dotted IPv4 text: its 32-bit value, or -1 when the text is not dotted IPv4
 * (or, with `canonicalOnly`, when an octet is written with a leading zero, as in `010`). A number
 * in every case, so the hot path allocates nothing.
 */
function scanIPv4(text: string, canonicalOnly: boolean): number {
  const len = text.length;
  if (len < 7 || len > 64) return -1;
  let value = 0;
  let octet = 0;
  let digits = 0;
  let dots = 0;
  for (let i = 0; i < len; i++) {
    const c = text.charCodeAt(i);
    if (c === 46) {
      if (digits === 0 || dots === 3) return -1;
      value = value * 256 + octet;
      octet = 0;
      digits = 0;
      dots++;
    } else if (c >= 48 && c <= 57) {
      // Go 1.16's parser, kept by ParseIPSloppy, reads any number of leading zeros as decimal;
      // a second digit after a leading 0 only means the text is not canonical.
      if (canonicalOnly && digits === 1 && octet === 0) return -1;
      octet = octet * 10 + (c - 48);
      digits++;
      if (octet > 255) return -1;
    } else return -1;
  }
  if (dots !== 3 || digits === 0) return -1;
  return value * 256 + octet;
}

/** Canonical text of an IPv4 number; reuses `text` when it already is canonical. @internal */
export function v4Text(text: string, value: number): string {
  // Text that parseIPv4Number accepted is canonical unless an octet has a leading zero: checking
  // that spares building a string per endpoint on the hot path.
  let canonical = true;
  for (let i = 0; i < text.length - 1; i++) {
    if (text.charCodeAt(i) === 48 && (i === 0 || text.charCodeAt(i - 1) === 46) && text.charCodeAt(i + 1) !== 46) {
      canonical = false;
      break;
    }
  }
  return canonical ? text : `${value >>> 24}.${(value >>> 16) & 255}.${(value >>> 8) & 255}.${value & 255}`;
}

function parseSlow(text: string): ParsedIP | undefined {
  if (text.includes(':')) {
    const words = parseV6(text);
    if (words === undefined) return undefined;
    const order = words.map(hex4).join('');
    const mapped = words.slice(0, 5).every((w) => w === 0) && words[5] === 0xffff;
    if (mapped) {
      const a = words[6]!;
      const b = words[7]!;
      return { family: 'IPv4', text: `${a >> 8}.${a & 255}.${b >> 8}.${b & 255}`, order };
    }
    return { family: 'IPv6', text: v6Text(words), order };
  }
  const bytes = parseV4(text);
  if (bytes === undefined) return undefined;
  const order = `00000000000000000000ffff${bytes.map((b) => b.toString(16).padStart(2, '0')).join('')}`;
  return { family: 'IPv4', text: bytes.join('.'), order };
}

/**
 * The family of an address, or `undefined` when it is not an IP address.
 *
 * @example
 * ```ts
 * ipFamilyOf('fd00::1'); // => 'IPv6'
 * ```
 */
export function ipFamilyOf(text: string): IPFamily | undefined {
  return parseIP(text)?.family;
}

/**
 * `IP:port`, with IPv6 written `[IP]:port` (Go's `net.JoinHostPort`).
 *
 * @throws {@link KubeTrafficError} `invalid-type` at `$.ip` / `$.port` for a non-string address or non-number port
 * @category kube-proxy
 * @example
 * ```ts
 * endpointKey('fd00::1', 80); // => '[fd00::1]:80'
 * ```
 */
export function endpointKey(ip: string, port: number): string {
  if (typeof ip !== 'string' || typeof port !== 'number') {
    throw new KubeTrafficError([
      ...(typeof ip === 'string' ? [] : [problem('invalid-type', '$.ip', 'a string', describe(ip))]),
      ...(typeof port === 'number' ? [] : [problem('invalid-type', '$.port', 'a number', describe(port))]),
    ]);
  }
  return joinKey(ip, `:${port}`);
}

/**
 * {@link endpointKey} from the address and a prebuilt `:port` suffix. Slice conversion builds
 * the suffix once per port, so an IPv4 key is one concatenation over two strings that are kept
 * anyway (a 32-byte rope in V8, where the two-step `${ip}:${port}` keeps 64 bytes). @internal
 */
export function joinKey(ip: string, portSuffix: string): string {
  return ip.includes(':') ? `[${ip}]${portSuffix}` : ip + portSuffix;
}
