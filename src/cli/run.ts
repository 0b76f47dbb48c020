/**
 * The command line as a pure function: arguments and an injected reader in, standard output,
 * standard error, an exit code and the files to write out. `main.ts` does the real I/O.
 *
 * @module
 */
import { type ParseArgsConfig, parseArgs } from 'node:util';
import { GATE_NAMES, type GateName, KUBERNETES_VERSIONS, KubeTrafficError, type KubernetesVersion, parseKubernetesVersion } from '../index.js';
import { EXPLAIN_HELP, EXPLAIN_OPTIONS, runExplain } from './commands/explain.js';
import { HINTS_HELP, HINTS_OPTIONS, runHints } from './commands/hints.js';
import { REPORT_HELP, REPORT_OPTIONS, runReport } from './commands/report.js';
import { SELECT_HELP, SELECT_OPTIONS, runSelect } from './commands/select.js';
import { SIMULATE_HELP, SIMULATE_OPTIONS, runSimulate } from './commands/simulate.js';
import type { CommandOutput, Context, OptionValues, OutputFile, ReleaseOptions } from './context.js';
import { EXIT, InputError, UsageError } from './errors.js';
import { type NamedText, loadObjects } from './load.js';
import { closest } from './lookup.js';
import { makeStyle } from './style.js';

/**
 * What `run` needs from the outside world.
 *
 * @example
 * ```ts
 * const io: CliIO = { readFile: (name) => files[name]!, readStdin: () => '', isTTY: false, env: {} };
 * ```
 */
export interface CliIO {
  /** The text of a file named with `-f`; throws when it cannot be read. */
  readonly readFile: (path: string) => string;
  /** All of standard input (for `-f -`). */
  readonly readStdin: () => string;
  /** Standard output is a terminal (colour is then on unless `NO_COLOR` is set). */
  readonly isTTY?: boolean;
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/**
 * The outcome of one run.
 *
 * @example
 * ```ts
 * const r: CliResult = { stdout: '…', stderr: '', exitCode: 0, files: [] };
 * ```
 */
export interface CliResult {
  readonly stdout: string;
  readonly stderr: string;
  /** 0 ok, 1 usage error, 2 input problem, 3 internal error (a bug). */
  readonly exitCode: number;
  /** Files to write (the HTML report), in order. */
  readonly files: readonly OutputFile[];
}

type Options = NonNullable<ParseArgsConfig['options']>;

interface Command {
  readonly summary: string;
  readonly help: string;
  readonly options: Options;
  readonly run: (ctx: Context) => CommandOutput;
}

const COMMANDS: Readonly<Record<string, Command>> = {
  select: { summary: 'which endpoints one node reaches for one flow, the action and why', help: SELECT_HELP, options: SELECT_OPTIONS, run: runSelect },
  hints: { summary: 'the hints the EndpointSlice controller would write, as a diff, and why', help: HINTS_HELP, options: HINTS_OPTIONS, run: runHints },
  simulate: { summary: 'per-endpoint load, zone-to-zone matrix, warnings; --compare what-ifs', help: SIMULATE_HELP, options: SIMULATE_OPTIONS, run: runSimulate },
  report: { summary: 'one self-contained HTML page: flow diagram, load chart, warnings, explanation', help: REPORT_HELP, options: REPORT_OPTIONS, run: runReport },
  explain: { summary: 'one status line per Service: topology, hints, Local drops', help: EXPLAIN_HELP, options: EXPLAIN_OPTIONS, run: runExplain },
};

const GLOBAL_OPTIONS = {
  filename: { type: 'string', short: 'f', multiple: true },
  output: { type: 'string', short: 'o' },
  'kubernetes-version': { type: 'string' },
  gate: { type: 'string', multiple: true },
  help: { type: 'boolean', short: 'h' },
} as const satisfies Options;

/** Help for the options every subcommand takes. */
export const GLOBAL_HELP = `Global options:
  -f, --filename FILE         a dump to read (repeatable; - for standard input): YAML or JSON,
                              single objects, multi-document YAML or List objects, as printed by
                              kubectl get svc,endpointslices,nodes -A -o yaml (or -o json)
  -o, --output text|json      output format (default text)
      --kubernetes-version V  the release whose rules apply: ${KUBERNETES_VERSIONS[0]} to ${KUBERNETES_VERSIONS[KUBERNETES_VERSIONS.length - 2]} or master
                              (the default; decides like ${KUBERNETES_VERSIONS[KUBERNETES_VERSIONS.length - 2]}), also as kubectl version prints
                              it: v1.36.2, v1.36.2-eks-1234, v1.36.2+k3s1
      --gate NAME=true|false  override a feature gate (repeatable): ${GATE_NAMES.join(', ')}
  -h, --help                  show help

Exit codes: 0 ok, 1 usage error, 2 input problem (unreadable or malformed file, unknown
Service, node or port, input the library rejects), 3 internal error.
`;

/** The top-level help. */
export const TOP_HELP = `kube-traffic: Kubernetes Service traffic semantics on cluster dumps.

Usage: kube-traffic COMMAND -f FILE [options]

Commands:
${Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(10)}${c.summary}`).join('\n')}

Run "kube-traffic COMMAND --help" for a command's options.

${GLOBAL_HELP}
Example:
  kubectl get svc,endpointslices,nodes -A -o yaml > cluster.yaml
  kube-traffic select -f cluster.yaml --service shop/cache --node node-b2
`;

const ok = (stdout: string, files: readonly OutputFile[] = []): CliResult => ({ stdout, stderr: '', exitCode: EXIT.ok, files });
const fail = (exitCode: number, stderr: string): CliResult => ({ stdout: '', stderr, exitCode, files: [] });
const helpOf = (c: Command): string => `${c.help}\n${GLOBAL_HELP}`;

/** Finds the subcommand: the first argument that is not an option or an option's value. */
function findCommand(argv: readonly string[]): string | undefined {
  const all: Options = { ...GLOBAL_OPTIONS };
  for (const c of Object.values(COMMANDS)) Object.assign(all, c.options);
  const { positionals } = parseArgs({ args: [...argv], options: all, strict: false, allowPositionals: true });
  return positionals[0];
}

function releaseOptions(values: OptionValues): ReleaseOptions {
  const given = values['kubernetes-version'];
  let version: KubernetesVersion | undefined;
  if (typeof given === 'string') {
    // The library's own parser, so the CLI accepts exactly what the kubernetesVersion option does.
    try {
      version = parseKubernetesVersion(given);
    } catch (e) {
      if (!(e instanceof KubeTrafficError)) throw e;
      const p = e.problems[0]!;
      throw new UsageError(`--kubernetes-version: expected ${p.expected}, found ${p.received}`);
    }
  }
  const gates: Partial<Record<GateName, boolean>> = {};
  const gateArgs = values['gate'];
  for (const g of Array.isArray(gateArgs) ? gateArgs : []) {
    const m = /^([A-Za-z]+)=(true|false)$/.exec(String(g));
    if (m === null) throw new UsageError(`--gate expects NAME=true or NAME=false, not "${String(g)}"`);
    const name = m[1]!;
    if (!(GATE_NAMES as readonly string[]).includes(name)) {
      throw new UsageError(`--gate: unknown feature gate "${name}"; known gates (closest first): ${closest(name, GATE_NAMES).join(', ')}`);
    }
    gates[name as GateName] = m[2] === 'true';
  }
  return {
    ...(version !== undefined && { kubernetesVersion: version }),
    ...(Object.keys(gates).length > 0 && { gates }),
  };
}

function readInputs(values: OptionValues, io: CliIO): NamedText[] {
  const names = values['filename'];
  const files = Array.isArray(names) ? names.map(String) : [];
  if (files.length === 0) throw new UsageError('at least one -f/--filename is required (use - for standard input)');
  let stdin: string | undefined;
  return files.map((name) => {
    if (name === '-') {
      stdin ??= io.readStdin();
      return { name: '<stdin>', text: stdin };
    }
    try {
      return { name, text: io.readFile(name) };
    } catch (e) {
      const code = typeof e === 'object' && e !== null && 'code' in e ? ` (${String((e as { code: unknown }).code)})` : '';
      throw new InputError(`cannot read ${name}${code}`);
    }
  });
}

function libraryError(e: KubeTrafficError): string {
  return `error: the input is not valid Kubernetes (${e.problems.length} problem${e.problems.length === 1 ? '' : 's'}):\n${e.problems.map((p) => `  ${p.path}: ${p.message.startsWith(`${p.path}: `) ? p.message.slice(p.path.length + 2) : p.message}\n`).join('')}`;
}

/**
 * Runs the command line.
 *
 * @param argv - the arguments after the program name
 * @param io - how to read files and standard input, and whether colour is wanted
 * @returns standard output and error, the exit code, and files to write
 * @example
 * ```ts
 * const r = run(['explain', '-f', 'cluster.yaml'], io);
 * r.exitCode; // => 0
 * ```
 */
export function run(argv: readonly string[], io: CliIO): CliResult {
  const name = findCommand(argv);
  const wantsHelp = argv.includes('--help') || argv.includes('-h');
  if (name === undefined) return wantsHelp ? ok(TOP_HELP) : fail(EXIT.usage, `error: no command given\n\n${TOP_HELP}`);
  if (name === 'help') {
    const topic = argv.filter((a) => !a.startsWith('-'))[1];
    const c = topic === undefined ? undefined : COMMANDS[topic];
    return topic === undefined ? ok(TOP_HELP) : c === undefined ? fail(EXIT.usage, `error: unknown command "${topic}"\n\n${TOP_HELP}`) : ok(helpOf(c));
  }
  const command = COMMANDS[name];
  if (command === undefined) {
    return fail(EXIT.usage, `error: unknown command "${name}"; did you mean ${closest(name, Object.keys(COMMANDS), 1)[0] ?? '?'}?\n\n${TOP_HELP}`);
  }
  try {
    let values: OptionValues;
    let positionals: string[];
    try {
      ({ values, positionals } = parseArgs({ args: [...argv], options: { ...GLOBAL_OPTIONS, ...command.options }, strict: true, allowPositionals: true }));
    } catch (e) {
      throw new UsageError(e instanceof Error ? e.message.split('\n')[0]! : String(e));
    }
    if (values['help'] === true) return ok(helpOf(command));
    if (positionals.length > 1) throw new UsageError(`unexpected argument "${positionals[1]!}"`);
    const output = values['output'] ?? 'text';
    if (output !== 'text' && output !== 'json') throw new UsageError(`--output must be text or json, not "${String(output)}"`);
    const release = releaseOptions(values);
    const objects = loadObjects(readInputs(values, io));
    const style = makeStyle(io.isTTY === true && output === 'text', io.env ?? {});
    const out = command.run({ objects, output, style, release, values });
    return { stdout: out.stdout, stderr: out.stderr ?? '', exitCode: out.exitCode ?? EXIT.ok, files: out.files ?? [] };
  } catch (e) {
    if (e instanceof UsageError) return fail(EXIT.usage, `error: ${e.message}\n\n${helpOf(command)}`);
    if (e instanceof InputError) return fail(EXIT.input, `error: ${e.message}\n`);
    if (e instanceof KubeTrafficError) return fail(EXIT.input, libraryError(e));
    return fail(3, `internal error (please report): ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  }
}
