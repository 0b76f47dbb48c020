/**
 * Command-line arguments the way kubectl (spf13/pflag) reads them: `--name value`,
 * `--name=value`, `-n value`, `-n=value`, `-nvalue`, grouped boolean shorthands (`-AR`),
 * `--flag=true|false` for booleans, repeatable flags, and `--` to end the options. Mistakes
 * are {@link UsageError}s in our own words, naming the flag and the closest known one.
 *
 * @module
 */
import { UsageError } from './errors.js';
import { closest } from './lookup.js';

/**
 * One flag a command accepts.
 *
 * @example
 * ```ts
 * const spec: OptionSpec = { type: 'string', short: 'n', meta: 'NAMESPACE' };
 * ```
 */
export interface OptionSpec {
  readonly type: 'string' | 'boolean';
  /** One-letter shorthand, as in `-n`. */
  readonly short?: string;
  /** The flag may be given more than once (the value is then an array). */
  readonly multiple?: boolean;
  /** What the value is, for messages: `--service NAMESPACE/NAME`. */
  readonly meta?: string;
}

/** Flags by long name. */
export type OptionSpecs = Readonly<Record<string, OptionSpec>>;

/** Parsed flag values by long name: a string, a boolean, or an array for repeatable flags. */
export type ParsedValues = Record<string, string | boolean | string[] | undefined>;

/**
 * The outcome of {@link parseArguments}.
 *
 * @example
 * ```ts
 * const p: ParsedArguments = { values: { namespace: 'shop' }, positionals: ['svc/web'] };
 * ```
 */
export interface ParsedArguments {
  readonly values: ParsedValues;
  readonly positionals: string[];
}

const TRUE = new Set(['true', '1', 't', 'T', 'TRUE', 'True']);
const FALSE = new Set(['false', '0', 'f', 'F', 'FALSE', 'False']);

/**
 * Parses `argv` against the flags a command accepts.
 *
 * @param argv - the arguments (without the program name)
 * @param specs - the accepted flags, by long name
 * @returns flag values and positional arguments, in order
 * @throws {@link UsageError} for an unknown flag, a missing value, or a value on a boolean that is not true/false
 * @example
 * ```ts
 * parseArguments(['svc/web', '-n', 'shop', '-o=json'], { namespace: { type: 'string', short: 'n' }, output: { type: 'string', short: 'o' } });
 * // => { values: { namespace: 'shop', output: 'json' }, positionals: ['svc/web'] }
 * ```
 */
export function parseArguments(argv: readonly string[], specs: OptionSpecs): ParsedArguments {
  const values: ParsedValues = {};
  const positionals: string[] = [];
  const byShort = new Map<string, string>();
  for (const [name, spec] of Object.entries(specs)) if (spec.short !== undefined) byShort.set(spec.short, name);

  const set = (name: string, value: string | boolean): void => {
    const spec = specs[name]!;
    if (spec.multiple === true) {
      const list = (values[name] as string[] | undefined) ?? [];
      list.push(String(value));
      values[name] = list;
    } else values[name] = value;
  };
  const unknownLong = (name: string): never => {
    const near = closest(name, Object.keys(specs), 1)[0];
    throw new UsageError(`unknown flag --${name}${near === undefined ? '' : `; did you mean --${near}?`}`);
  };

  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      const name = eq < 0 ? arg.slice(2) : arg.slice(2, eq);
      const spec = specs[name];
      if (spec === undefined) unknownLong(name);
      const inline = eq < 0 ? undefined : arg.slice(eq + 1);
      if (spec!.type === 'boolean') {
        set(name, inline === undefined ? true : boolValue(`--${name}`, inline));
      } else if (inline !== undefined) {
        set(name, inline);
      } else {
        set(name, takeValue(argv, ++i, `--${name}`, spec!));
      }
      continue;
    }
    if (arg.startsWith('-') && arg !== '-') {
      // Shorthands: -o json, -o=json, -ojson, and booleans grouped (-AR).
      for (let j = 1; j < arg.length; j++) {
        const letter = arg[j]!;
        const name = byShort.get(letter);
        if (name === undefined) {
          const near = closest(letter, [...byShort.keys()], 1)[0];
          throw new UsageError(`unknown flag -${letter}${arg.length > 2 ? ` (in ${arg})` : ''}${near === undefined ? '' : `; did you mean -${near} (--${byShort.get(near)!})?`}`);
        }
        const spec = specs[name]!;
        if (spec.type === 'boolean') {
          if (arg[j + 1] === '=') {
            set(name, boolValue(`-${letter}`, arg.slice(j + 2)));
            break;
          }
          set(name, true);
          continue;
        }
        const rest = arg.slice(j + 1);
        if (rest !== '') set(name, rest.startsWith('=') ? rest.slice(1) : rest);
        else set(name, takeValue(argv, ++i, `-${letter}`, spec));
        break;
      }
      continue;
    }
    positionals.push(arg);
  }
  return { values, positionals };
}

function takeValue(argv: readonly string[], i: number, flag: string, spec: OptionSpec): string {
  const value = argv[i];
  // `-f -` is standard input; any other value that looks like a flag means the value was left out.
  if (value === undefined || (value.startsWith('-') && value !== '-' && !/^-\d/.test(value))) {
    throw new UsageError(`flag ${flag} needs a value${spec.meta === undefined ? '' : ` (${spec.meta})`}`);
  }
  return value;
}

function boolValue(flag: string, text: string): boolean {
  if (TRUE.has(text)) return true;
  if (FALSE.has(text)) return false;
  throw new UsageError(`flag ${flag} takes true or false, not "${text}"`);
}
