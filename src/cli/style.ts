/**
 * ANSI colour, on only when standard output is a terminal and `NO_COLOR` is unset
 * (https://no-color.org).
 *
 * @module
 */

/** Text styles the CLI uses. Each is the identity when colour is off. */
export interface Style {
  readonly bold: (s: string) => string;
  readonly dim: (s: string) => string;
  readonly red: (s: string) => string;
  readonly green: (s: string) => string;
  readonly yellow: (s: string) => string;
}

const code = (open: number, close: number) => (s: string): string => `\u001b[${open}m${s}\u001b[${close}m`;
const plain = (s: string): string => s;

/**
 * The styles for an output: colour only on a TTY without `NO_COLOR` (any non-empty value).
 *
 * @example
 * ```ts
 * makeStyle(false, {}).red('DROP'); // => 'DROP'
 * ```
 */
export function makeStyle(isTTY: boolean, env: Readonly<Record<string, string | undefined>>): Style {
  const noColor = env['NO_COLOR'] !== undefined && env['NO_COLOR'] !== '';
  if (!isTTY || noColor) return { bold: plain, dim: plain, red: plain, green: plain, yellow: plain };
  return { bold: code(1, 22), dim: code(2, 22), red: code(31, 39), green: code(32, 39), yellow: code(33, 39) };
}

/**
 * Colours a flow action: forward green, drop and reject red.
 *
 * @example
 * ```ts
 * paintAction(style, 'DROP'); // => '\u001b[31mDROP\u001b[39m' on a terminal
 * ```
 */
export function paintAction(style: Style, text: string): string {
  const t = text.trim().toLowerCase();
  return t === 'forward' ? style.green(text) : t === 'drop' || t === 'reject' ? style.red(text) : t === 'not-handled' ? style.yellow(text) : text;
}
