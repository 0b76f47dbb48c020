/**
 * What every subcommand receives and returns, and the option values several of them share.
 *
 * @module
 */
import type { From, GateOverrides, IPFamily, KubernetesVersion, Via } from '../index.js';
import { UsageError } from './errors.js';
import type { LoadedObjects } from './load.js';
import type { Style } from './style.js';

/** Parsed option values: a string, a boolean, or an array for repeatable flags. */
export type OptionValues = Readonly<Record<string, string | boolean | readonly string[] | undefined>>;

/**
 * The `-o` formats. `text` is the default for people; `wide` adds columns where a command has
 * more to show; `json` and `yaml` print the command's data; `name` prints `service/NAME` lines
 * (explain); `html` is the report page.
 */
export type OutputFormat = 'text' | 'wide' | 'json' | 'yaml' | 'name' | 'html';

/**
 * Facts a command found that `--fail-on` may gate on: for each condition, short descriptions
 * of where it holds (empty or absent: it does not).
 *
 * @example
 * ```ts
 * const c: Conditions = { drop: ['shop/cache from a Pod on node-b2 (internalTrafficPolicy Local)'] };
 * ```
 */
export interface Conditions {
  readonly drop?: readonly string[];
  readonly reject?: readonly string[];
  /** Traffic kube-proxy writes no rule for (`action: 'not-handled'`). */
  readonly notHandled?: readonly string[];
  readonly topologyOff?: readonly string[];
  readonly warning?: readonly string[];
}

/**
 * The release options every library call gets: `--kubernetes-version` and `--gate`.
 *
 * @example
 * ```ts
 * const r: ReleaseOptions = { kubernetesVersion: '1.31', gates: { TopologyAwareHints: false } };
 * ```
 */
export interface ReleaseOptions {
  readonly kubernetesVersion?: KubernetesVersion;
  readonly gates?: GateOverrides;
}

/**
 * A subcommand's inputs: the loaded dump, the output format, colours and release options.
 *
 * @example
 * ```ts
 * const ctx: Context = { objects, output: 'text', format: 'text', style, release: {}, values: {}, target: { namespace: 'shop', name: 'web' }, namespace: 'shop', allNamespaces: false, warnings: [] };
 * ```
 */
export interface Context {
  readonly objects: LoadedObjects;
  /** `json` for -o json and -o yaml (run converts), else `text`. */
  readonly output: 'text' | 'json';
  /** The -o value as given (default: the command's first format). */
  readonly format: OutputFormat;
  readonly style: Style;
  readonly release: ReleaseOptions;
  readonly values: OptionValues;
  /** The Service named on the command line (`namespace` null: any namespace, when the name is unique). */
  readonly target: { readonly namespace: string | null; readonly name: string } | null;
  /** The namespace asked for (`-n`, or the live context's); `null`: every namespace of the input. */
  readonly namespace: string | null;
  readonly allNamespaces: boolean;
  /** The `warning:` lines already printed (the loader's, the cluster's), for --fail-on warning. */
  readonly warnings: readonly string[];
}

/**
 * A file a command wants written (the HTML report). `run` stays pure: `main` writes it.
 *
 * @example
 * ```ts
 * const f: OutputFile = { path: 'report.html', content: '<!doctype html>…' };
 * ```
 */
export interface OutputFile {
  readonly path: string;
  readonly content: string;
}

/**
 * What a subcommand produced.
 *
 * @example
 * ```ts
 * const out: CommandOutput = { stdout: 'NAMESPACE   NAME …\n', files: [] };
 * ```
 */
export interface CommandOutput {
  readonly stdout: string;
  /** Problems that did not stop the command (it still printed what it could). */
  readonly stderr?: string;
  /** Default 0. */
  readonly exitCode?: number;
  readonly files?: readonly OutputFile[];
  /** What --fail-on may gate on. */
  readonly conditions?: Conditions;
}

/**
 * A string option's value, or `undefined`.
 *
 * @example
 * ```ts
 * stringOption({ service: 'shop/web' }, 'service'); // => 'shop/web'
 * ```
 */
export function stringOption(values: OptionValues, name: string): string | undefined {
  const v = values[name];
  return typeof v === 'string' ? v : undefined;
}

/**
 * A required string option.
 *
 * @throws {@link UsageError} when it is missing
 * @example
 * ```ts
 * requireOption({}, 'service'); // throws UsageError: --service NAMESPACE/NAME is required
 * ```
 */
export function requireOption(values: OptionValues, name: string, meta: string): string {
  const v = stringOption(values, name);
  if (v === undefined || v === '') throw new UsageError(`--${name} ${meta} is required`);
  return v;
}

function oneOf<T extends string>(values: OptionValues, name: string, allowed: readonly T[]): T | undefined {
  const v = stringOption(values, name);
  if (v === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(v)) throw new UsageError(`--${name} must be one of ${allowed.join(', ')}, not "${v}"`);
  return v as T;
}

/**
 * The flow options: `--port` (a number when numeric), `--via`, `--from`, `--ip-family`.
 *
 * @throws {@link UsageError} for a value outside the allowed ones
 * @example
 * ```ts
 * flowOptions({ port: '80', via: 'nodePort' }); // => { port: 80, via: 'nodePort' }
 * ```
 */
export function flowOptions(values: OptionValues): { port?: string | number; via?: Via; from?: From; ipFamily?: IPFamily } {
  const port = stringOption(values, 'port');
  const via = oneOf<Via>(values, 'via', ['clusterIP', 'nodePort', 'loadBalancer', 'externalIP']);
  const from = oneOf<From>(values, 'from', ['pod', 'node', 'outside']);
  const ipFamily = oneOf<IPFamily>(values, 'ip-family', ['IPv4', 'IPv6']);
  return {
    ...(port !== undefined && { port: /^\d+$/.test(port) ? Number(port) : port }),
    ...(via !== undefined && { via }),
    ...(from !== undefined && { from }),
    ...(ipFamily !== undefined && { ipFamily }),
  };
}

/** Option definitions of the flow options, for `parseArgs`. */
export const FLOW_OPTIONS = {
  port: { type: 'string' },
  via: { type: 'string' },
  from: { type: 'string' },
  'ip-family': { type: 'string' },
} as const;

/** Help lines of the flow options. */
export const FLOW_HELP = `  --port P              the Service port, by name or number (optional when the Service has one)
  --via V               clusterIP (default), nodePort, loadBalancer or externalIP
  --from F              pod (default), node (host network) or outside (through the node)
  --ip-family F         IPv4 or IPv6 (default: the Service's primary family)`;

/**
 * JSON text of a value, indented, ending with a newline. Result lists are lazy getters;
 * `JSON.stringify` reads them.
 *
 * @example
 * ```ts
 * json({ a: 1 }); // => '{\n  "a": 1\n}\n'
 * ```
 */
export function json(value: unknown): string {
  return JSON.stringify(value, null, 2) + '\n';
}
