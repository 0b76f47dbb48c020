/**
 * The command line as a function: arguments and injected I/O in, standard output, standard
 * error, an exit code and the files to write out. `main.ts` does the real I/O.
 *
 * The steps, each in one place: {@link parseInvocation} (flags, the command, the Service named,
 * the output format), then the objects (files with `-f`, else the live cluster through
 * {@link CliIO.cluster}), then the command's pure `run` on a {@link Context}, then `--fail-on`.
 * A new command is one entry in {@link COMMANDS}; a new flag is one entry in a command's
 * `options` (or in {@link GLOBAL_OPTIONS}) and is read from `ctx.values`.
 *
 * @module
 */
import yaml from 'js-yaml';
import { GATE_NAMES, type GateName, KUBERNETES_VERSIONS, KubeTrafficError, type KubernetesVersion, NEWEST_RELEASE, isKubeTrafficError, parseKubernetesVersion } from '../index.js';
import { type OptionSpecs, type ParsedValues, parseArguments } from './args.js';
import { COMPARE_HELP, COMPARE_OPTIONS, runCompare } from './commands/compare.js';
import { EXPLAIN_HELP, EXPLAIN_OPTIONS, runExplain } from './commands/explain.js';
import { HINTS_HELP, HINTS_OPTIONS, runHints } from './commands/hints.js';
import { REPORT_HELP, REPORT_OPTIONS, runReport } from './commands/report.js';
import { SELECT_HELP, SELECT_OPTIONS, runSelect } from './commands/select.js';
import { SIMULATE_HELP, SIMULATE_OPTIONS, runSimulate } from './commands/simulate.js';
import { WATCH_HELP, WATCH_OPTIONS } from './commands/watch.js';
import { cobraCompletion, completionScript } from './completion.js';
import type { CommandOutput, Conditions, Context, OutputFile, OutputFormat, ReleaseOptions } from './context.js';
import { EXIT, InputError, UsageError } from './errors.js';
import { FAIL_ON, type FailOn, failOnResult, parseFailOn } from './fail-on.js';
import type { ClusterAccess, ClusterRequest } from './cluster.js';
import { ClusterError } from './cluster.js';
import { type KubeObject, type LoadedObjects, type NamedText, ParsedInputs, loadObjects } from './load.js';
import { allocationHint, assumeAllocated, awaitsClusterIP } from './assume-allocated.js';
import { closest, flagProblem, meta, qualifiedName } from './lookup.js';
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
  /** The contents of a file named with `-f` (bytes in any supported encoding, or text); throws when it cannot be read. */
  readonly readFile: (path: string) => string | Uint8Array;
  /** All of standard input (for `-f -`). */
  readonly readStdin: () => string | Uint8Array;
  /**
   * The entries of a directory named with `-f` (`null` when `path` is not a directory). Without
   * it, every `-f` is read as a file.
   */
  readonly listDir?: (path: string) => readonly { readonly name: string; readonly directory: boolean }[] | null;
  /** Standard output is a terminal (colour is then on unless `NO_COLOR` is set). */
  readonly isTTY?: boolean;
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** How the program was started, for help and messages: `kube-traffic` (default) or `kubectl traffic`. */
  readonly programName?: string;
  /** The package version, for `--version`. */
  readonly version?: string;
  /** Access to a live cluster through a kubeconfig; without it, `-f` is required. */
  readonly cluster?: ClusterAccess;
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
  /** See {@link EXIT}: 0 ok, 1 usage error, 2 input problem, 3 internal error, 4 a --fail-on condition holds, 5 the cluster could not be read. */
  readonly exitCode: number;
  /** Files to write (the HTML report), in order. */
  readonly files: readonly OutputFile[];
}

/**
 * One subcommand: its help, its flags, what it accepts, and its pure `run`.
 *
 * @example
 * ```ts
 * const c: Command = { summary: '…', help: '…', options: {}, outputs: ['text', 'json', 'yaml'], target: 'required', failOn: true, reads: { pods: false }, run: runSelect };
 * ```
 */
export interface Command {
  readonly summary: string;
  readonly help: string;
  readonly options: OptionSpecs;
  /** The `-o` values it accepts; the first is the default. */
  readonly outputs: readonly OutputFormat[];
  /** Whether it names one Service (`svc/NAME`, `NAME -n NS`, or `--service NS/NAME`). */
  readonly target: 'required' | 'optional';
  /** Whether `--fail-on` applies. */
  readonly failOn: boolean;
  /** Whether it reads Pods (only with `--clients pods`): live mode then lists them. */
  readonly reads: { readonly pods: (values: ParsedValues) => boolean };
  readonly run: (ctx: Context) => CommandOutput;
}

const never = (): boolean => false;
const podsWanted = (values: ParsedValues): boolean => values['clients'] === 'pods';

/** Every subcommand, by name. */
export const COMMANDS: Readonly<Record<string, Command>> = {
  select: { summary: 'which endpoints one node reaches for one flow, the action and why', help: SELECT_HELP, options: SELECT_OPTIONS, outputs: ['text', 'wide', 'json', 'yaml'], target: 'required', failOn: true, reads: { pods: never }, run: runSelect },
  hints: { summary: 'the hints the EndpointSlice controller would write, as a diff, and why', help: HINTS_HELP, options: HINTS_OPTIONS, outputs: ['text', 'json', 'yaml'], target: 'required', failOn: false, reads: { pods: never }, run: runHints },
  simulate: { summary: 'per-endpoint load, zone-to-zone matrix, warnings; --compare what-ifs', help: SIMULATE_HELP, options: SIMULATE_OPTIONS, outputs: ['text', 'json', 'yaml'], target: 'required', failOn: true, reads: { pods: podsWanted }, run: runSimulate },
  report: { summary: 'one self-contained HTML page: flow diagram, load chart, warnings, explanation', help: REPORT_HELP, options: REPORT_OPTIONS, outputs: ['html', 'json', 'yaml'], target: 'required', failOn: false, reads: { pods: podsWanted }, run: runReport },
  compare: { summary: 'the endpoints each data plane picks (Cilium, Istio, …), and the rules that differ', help: COMPARE_HELP, options: COMPARE_OPTIONS, outputs: ['text', 'json', 'yaml'], target: 'required', failOn: false, reads: { pods: never }, run: runCompare },
  explain: { summary: 'one status line per Service: topology, hints, Local drops', help: EXPLAIN_HELP, options: EXPLAIN_OPTIONS, outputs: ['text', 'wide', 'json', 'yaml', 'name'], target: 'optional', failOn: true, reads: { pods: never }, run: runExplain },
  // The watch streams (main.ts runs src/cli/watch.ts); `run` only parses its command line.
  watch: { summary: 'follow a Service live; a timestamped line when a routing decision changes', help: WATCH_HELP, options: WATCH_OPTIONS, outputs: ['text', 'json'], target: 'required', failOn: false, reads: { pods: never }, run: () => {
    throw new UsageError('watch follows a live cluster as it changes; it runs only as the kube-traffic (or kubectl traffic) program');
  } },
};

/** The flags every subcommand takes. */
export const GLOBAL_OPTIONS = {
  filename: { type: 'string', short: 'f', multiple: true, meta: 'FILE' },
  recursive: { type: 'boolean', short: 'R' },
  namespace: { type: 'string', short: 'n', meta: 'NAMESPACE' },
  'all-namespaces': { type: 'boolean', short: 'A' },
  service: { type: 'string', meta: 'NAMESPACE/NAME' },
  output: { type: 'string', short: 'o', meta: 'FORMAT' },
  kubeconfig: { type: 'string', meta: 'FILE' },
  context: { type: 'string', meta: 'NAME' },
  'chunk-size': { type: 'string', meta: 'N' },
  'kubernetes-version': { type: 'string', meta: 'VERSION' },
  gate: { type: 'string', multiple: true, meta: 'NAME=true|false' },
  'fail-on': { type: 'string', multiple: true, meta: FAIL_ON.join(',') },
  'assume-allocated': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean' },
} as const satisfies OptionSpecs;

/** Help for the options every subcommand takes. */
export const GLOBAL_HELP = `Where the objects come from:
  -f, --filename FILE|DIR     a dump or manifests to read (repeatable; - for standard input): YAML
                              or JSON, single objects, multi-document YAML or List objects, as
                              printed by kubectl get svc,endpointslices,nodes -A -o yaml; a
                              directory reads its .yaml, .yml and .json files
  -R, --recursive             with -f DIR, read the directories inside it too
                              Without -f: the cluster of the current kubeconfig context.
      --kubeconfig FILE       the kubeconfig to use (default: $KUBECONFIG, else ~/.kube/config)
      --context NAME          the kubeconfig context to use
      --chunk-size N          list N objects per request (default 500, as kubectl)
  -n, --namespace NS          the namespace of the Service, and of objects in files that name
                              none (default: the context's namespace, else "default")
  -A, --all-namespaces        explain: every namespace (live; files: the default)
      --assume-allocated      analyse Services without a clusterIP (manifests not created yet,
                              helm template output) as if the API server had allocated one: a
                              placeholder from 192.0.2.0/24 (2001:db8::/32 for IPv6) is written
                              in, and a note says so; without it they are not proxied
                              (cluster-ip-not-allocated)

Options:
  -o, --output FORMAT         text (default), wide, json, yaml, name (what each command accepts
                              is in its usage); also -o=json and -ojson
      --kubernetes-version V  the release whose rules apply: ${KUBERNETES_VERSIONS.join(', ')}
                              (default master, which decides like ${NEWEST_RELEASE}); also as kubectl
                              version prints it: v1.36.2, v1.36.2-eks-1234, "Server Version: v1.36.2"
      --gate NAME=true|false  override a feature gate (repeatable): ${GATE_NAMES.join(', ')}
      --fail-on LIST          explain, select, simulate: exit 4 when any of ${FAIL_ON.join(', ')}
                              holds (see "Exit codes")
  -h, --help                  show help
      --version               print the version

Exit codes: 0 ok, 1 usage error (a flag or argument is wrong), 2 input problem (unreadable or
malformed file, unknown Service or node, input the library rejects), 3 internal error (a bug),
4 a --fail-on condition holds, 5 the cluster could not be read (unreachable, credentials,
forbidden, unknown context).
`;

/** The top-level help for a program name. */
export function topHelp(program = 'kube-traffic'): string {
  return `${program}: where Kubernetes sends a Service's traffic, and why — on a live cluster or a dump.

Usage: ${program} COMMAND [svc/NAME] [-n NAMESPACE] [-f FILE] [options]

Commands:
${Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(12)}${c.summary}`).join('\n')}
  completion  print a shell completion script: completion bash|zsh|fish

Run "${program} COMMAND --help" for a command's options.

${GLOBAL_HELP}
Examples:
  ${program} explain -A
  ${program} select svc/cache -n shop --node node-b2
  kubectl get svc,endpointslices,nodes -A -o yaml > cluster.yaml
  ${program} simulate shop/web -f cluster.yaml --fail-on drop,warning
`;
}

/** The top-level help, as `kube-traffic` prints it. */
export const TOP_HELP = topHelp();

const ok = (stdout: string, files: readonly OutputFile[] = []): CliResult => ({ stdout, stderr: '', exitCode: EXIT.ok, files });
const fail = (exitCode: number, stderr: string): CliResult => ({ stdout: '', stderr, exitCode, files: [] });
const named = (text: string, program: string): string => (program === 'kube-traffic' ? text : text.replaceAll('kube-traffic ', `${program} `));

/** Other kubectl resource names, so `deploy/web` is not read as namespace "deploy". */
const OTHER_TYPES = new Set(['po', 'pod', 'pods', 'deploy', 'deployment', 'deployments', 'ep', 'endpoints', 'endpointslice', 'endpointslices', 'no', 'node', 'nodes', 'ing', 'ingress', 'ingresses', 'sts', 'statefulset', 'statefulsets', 'ds', 'daemonset', 'daemonsets', 'rs', 'replicaset', 'replicasets', 'job', 'jobs', 'cm', 'configmap', 'configmaps', 'namespace', 'namespaces']);

/** The names that mean "the Service resource" in `svc/NAME`, as kubectl knows them. */
const SERVICE_TYPES = new Set(['svc', 'service', 'services']);

/**
 * A parsed command line, before any object is read.
 *
 * @example
 * ```ts
 * const inv = parseInvocation(['select', 'svc/web', '-n', 'shop', '--node', 'a']);
 * ```
 */
export interface Invocation {
  readonly name: string;
  readonly command: Command;
  readonly values: ParsedValues;
  readonly format: OutputFormat;
  readonly release: ReleaseOptions;
  /** `-n`, or the namespace part of `NS/NAME` / `--service NS/NAME`. */
  readonly namespace: string | null;
  readonly allNamespaces: boolean;
  /** The Service's name, when one is named. */
  readonly serviceName: string | null;
  readonly failOn: readonly FailOn[];
}

/** A parsed command line, or what to print instead (help, version, completion, a usage error). */
export type Parsed = { readonly kind: 'done'; readonly result: CliResult } | { readonly kind: 'invocation'; readonly invocation: Invocation };

/** All flags any command takes, to find the command word among the arguments. */
function allSpecs(): OptionSpecs {
  const all: Record<string, OptionSpecs[string]> = { ...GLOBAL_OPTIONS };
  for (const c of Object.values(COMMANDS)) Object.assign(all, c.options);
  return all;
}

/** The first argument that is neither a flag nor a flag's value. */
function findCommand(argv: readonly string[]): { name: string; index: number } | undefined {
  const specs = allSpecs();
  const byShort = new Map(Object.entries(specs).filter(([, s]) => s.short !== undefined).map(([n, s]) => [s.short!, n]));
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') return argv[i + 1] === undefined ? undefined : { name: argv[i + 1]!, index: i + 1 };
    if (a.startsWith('--')) {
      const spec = specs[a.slice(2)];
      if (spec?.type === 'string' && !a.includes('=')) i++;
      continue;
    }
    if (a.startsWith('-') && a !== '-') {
      const name = byShort.get(a[a.length - 1]!);
      if (a.length === 2 && name !== undefined && specs[name]!.type === 'string') i++;
      continue;
    }
    return { name: a, index: i };
  }
  return undefined;
}

/**
 * `--kubernetes-version`: a release this library knows, written as `1.29`, `v1.29`, `v1.29.3`
 * or `v1.29.3-eks-1234` (what `kubectl version` prints, also with its `Server Version:` label),
 * or `master`. kubectl's own `Client Version:` line is refused: it names no cluster component.
 *
 * @throws {@link UsageError} naming the known releases
 * @example
 * ```ts
 * kubernetesVersionOption('v1.29.3'); // => '1.29'
 * kubernetesVersionOption('Server Version: v1.29.3'); // => '1.29'
 * kubernetesVersionOption('Client Version: v1.29.3'); // throws UsageError
 * ```
 */
export function kubernetesVersionOption(text: string): KubernetesVersion {
  // `kubectl version` prints "Server Version: v1.36.2"; the rest is the library's own parser, so
  // the CLI accepts exactly what the `kubernetesVersion` option does. Its "Client Version" line is
  // kubectl's build, which may be a release or more away from the cluster's (releases.md, "Which
  // release to name"): taking it would silently answer for the wrong release.
  if (/^\s*Client Version:/i.test(text)) {
    throw new UsageError(
      `--kubernetes-version: found "${text.trim()}", kubectl's own version; give the cluster's release instead: the "Server Version" line of kubectl version, or the release of the kube-proxy (kube-controller-manager for hints) you are asking about`,
    );
  }
  const trimmed = text.trim().replace(/^Server Version:\s*/i, '');
  try {
    return parseKubernetesVersion(trimmed);
  } catch (e) {
    if (!isKubeTrafficError(e)) throw e;
    const p = e.problems[0]!;
    throw new UsageError(`--kubernetes-version: found ${p.received}; expected ${p.expected}`);
  }
}

function releaseOptions(values: ParsedValues): ReleaseOptions {
  const version = values['kubernetes-version'];
  const gates: Partial<Record<GateName, boolean>> = {};
  const given = values['gate'];
  for (const g of Array.isArray(given) ? given : []) {
    const m = /^([A-Za-z]+)=(true|false)$/.exec(g);
    if (m === null) throw new UsageError(`--gate expects NAME=true or NAME=false, not "${g}"`);
    const name = m[1]!;
    if (!(GATE_NAMES as readonly string[]).includes(name)) {
      throw new UsageError(`--gate: unknown feature gate "${name}"; known gates (closest first): ${closest(name, GATE_NAMES).join(', ')}`);
    }
    gates[name as GateName] = m[2] === 'true';
  }
  return {
    ...(typeof version === 'string' && { kubernetesVersion: kubernetesVersionOption(version) }),
    ...(Object.keys(gates).length > 0 && { gates }),
  };
}

/** The Service the positionals and `--service` name: `svc/NAME`, `svc NAME`, `NAME`, `NS/NAME`. */
function serviceTarget(positionals: readonly string[], values: ParsedValues): { namespace: string | null; name: string } | null {
  const words = [...positionals];
  if (words.length >= 1 && SERVICE_TYPES.has(words[0]!.toLowerCase())) words.shift();
  const flag = typeof values['service'] === 'string' ? values['service'] : undefined;
  if (flag !== undefined && words.length > 0) throw new UsageError(`give the Service once: either "${words[0]!}" or --service ${flag}`);
  if (words.length > 1) throw new UsageError(`unexpected argument "${words[1]!}": a command takes one Service`);
  const ref = flag ?? words[0];
  if (ref === undefined) return null;
  const slash = ref.indexOf('/');
  const head = slash < 0 ? '' : ref.slice(0, slash);
  const tail = slash < 0 ? ref : ref.slice(slash + 1);
  if (tail === '') throw new UsageError(`"${ref}" names no Service; use svc/NAME, NAME (with -n NAMESPACE) or NAMESPACE/NAME`);
  if (slash < 0) return { namespace: null, name: ref };
  if (SERVICE_TYPES.has(head.toLowerCase())) return { namespace: null, name: tail };
  if (OTHER_TYPES.has(head.toLowerCase())) throw new UsageError(`"${ref}": kube-traffic follows Services; name one as svc/NAME (with -n NAMESPACE) or NAMESPACE/NAME`);
  // NAMESPACE/NAME (kube-traffic's own form; kubectl's TYPE/NAME only for Services).
  return { namespace: head, name: tail };
}

/**
 * Parses a command line into an {@link Invocation}, or the result to print at once (help,
 * `--version`, `completion`, or a usage error).
 *
 * @example
 * ```ts
 * parseInvocation(['--version'], { version: '0.2.0' }); // => { kind: 'done', result: { stdout: 'kube-traffic 0.2.0\n', … } }
 * ```
 */
export function parseInvocation(argv: readonly string[], io: Pick<CliIO, 'programName' | 'version'> = {}): Parsed {
  const program = io.programName ?? 'kube-traffic';
  const done = (result: CliResult): Parsed => ({ kind: 'done', result });
  const usage = (message: string, command?: string): Parsed =>
    done(fail(EXIT.usage, `error: ${message}\nSee '${program}${command === undefined ? '' : ` ${command}`} --help' for usage.\n`));
  // Cobra's hidden completion entry (`kubectl-traffic __complete WORDS… PARTIAL`), which the
  // kubectl_complete-traffic executable also answers.
  if (argv[0] === '__complete') return done(ok(cobraCompletion(argv.slice(1), COMMANDS, GLOBAL_OPTIONS)));
  const found = findCommand(argv);
  const wantsHelp = argv.includes('--help') || argv.includes('-h');
  if (argv.includes('--version') && (found === undefined || found.name === 'version' || !wantsHelp)) {
    return done(ok(`${program} ${io.version ?? 'unknown'}\n`));
  }
  if (found === undefined) return wantsHelp ? done(ok(topHelp(program))) : usage('no command given; try explain, select, simulate, compare, hints, report or watch');
  const { name } = found;
  const rest = [...argv.slice(0, found.index), ...argv.slice(found.index + 1)];
  if (name === 'version') return done(ok(`${program} ${io.version ?? 'unknown'}\n`));
  if (name === 'help') {
    const topic = rest.find((a) => !a.startsWith('-'));
    if (topic === undefined) return done(ok(topHelp(program)));
    const c = COMMANDS[topic];
    return c === undefined ? usage(`unknown command "${topic}"`) : done(ok(named(`${c.help}\n${GLOBAL_HELP}`, program)));
  }
  if (name === 'completion') {
    const shell = rest.find((a) => !a.startsWith('-'));
    if (wantsHelp) return done(ok(`Usage: ${program} completion bash|zsh|fish\n\nPrints a completion script. bash: source <(${program} completion bash)\n`));
    if (shell !== 'bash' && shell !== 'zsh' && shell !== 'fish') return usage(`completion needs a shell: bash, zsh or fish${shell === undefined ? '' : `, not "${shell}"`}`, 'completion');
    return done(ok(completionScript(shell, COMMANDS, GLOBAL_OPTIONS)));
  }
  const command = COMMANDS[name];
  if (command === undefined) {
    const near = closest(name, [...Object.keys(COMMANDS), 'completion'], 1)[0];
    return usage(`unknown command "${name}"${near === undefined ? '' : `; did you mean ${near}?`}`);
  }
  try {
    const { values, positionals } = parseArguments(rest, { ...GLOBAL_OPTIONS, ...command.options });
    if (values['help'] === true) return done(ok(named(`${command.help}\n${GLOBAL_HELP}`, program)));
    const format = (values['output'] as string | undefined) ?? command.outputs[0]!;
    if (!(command.outputs as readonly string[]).includes(format)) {
      throw new UsageError(`-o/--output: ${name} prints ${command.outputs.join(', ')}, not "${format}"`);
    }
    const target = serviceTarget(positionals, values);
    const flagNamespace = typeof values['namespace'] === 'string' ? values['namespace'] : null;
    if (flagNamespace === '') throw new UsageError('-n/--namespace needs a namespace name');
    if (target?.namespace != null && flagNamespace !== null && target.namespace !== flagNamespace) {
      throw new UsageError(`the Service ${target.namespace}/${target.name} is not in namespace "${flagNamespace}" given with -n`);
    }
    if (command.target === 'required' && target === null) {
      throw new UsageError(`${name} needs a Service: svc/NAME (with -n NAMESPACE) or NAMESPACE/NAME`);
    }
    const allNamespaces = values['all-namespaces'] === true;
    if (allNamespaces && command.target === 'required') throw new UsageError(`-A/--all-namespaces: ${name} reads one Service; name its namespace with -n`);
    const failOnGiven = values['fail-on'] as string[] | undefined;
    if (failOnGiven !== undefined && !command.failOn) throw new UsageError(`--fail-on works with explain, select and simulate, not ${name}`);
    return {
      kind: 'invocation',
      invocation: {
        name,
        command,
        values,
        format: format as OutputFormat,
        release: releaseOptions(values),
        namespace: target?.namespace ?? flagNamespace,
        allNamespaces,
        serviceName: target?.name ?? null,
        failOn: failOnGiven === undefined ? [] : parseFailOn(failOnGiven),
      },
    };
  } catch (e) {
    if (e instanceof UsageError) return usage(e.message, name);
    throw e;
  }
}

/** The `-f` inputs: files, standard input, and the .yaml/.yml/.json files of directories. */
function readInputs(values: ParsedValues, io: CliIO): NamedText[] {
  const names = (values['filename'] as string[] | undefined) ?? [];
  const recursive = values['recursive'] === true;
  let stdin: string | Uint8Array | undefined;
  const out: NamedText[] = [];
  const read = (name: string): void => {
    try {
      out.push({ name, text: io.readFile(name) });
    } catch (e) {
      const code = typeof e === 'object' && e !== null && 'code' in e ? ` (${String((e as { code: unknown }).code)})` : '';
      throw new InputError(`cannot read ${name}${code}`);
    }
  };
  for (const name of names) {
    if (name === '-') {
      stdin ??= io.readStdin();
      out.push({ name: '<stdin>', text: stdin });
      continue;
    }
    const entries = io.listDir?.(name) ?? null;
    if (entries === null) {
      read(name);
      continue;
    }
    // Like kubectl's -f DIR: the directory's .json, .yaml and .yml files in name order; with -R
    // the directories inside it too.
    const walk = (dir: string, list: readonly { name: string; directory: boolean }[]): void => {
      for (const entry of [...list].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
        const path = `${dir.replace(/\/+$/, '')}/${entry.name}`;
        if (entry.directory) {
          if (recursive) walk(path, io.listDir?.(path) ?? []);
        } else if (/\.(ya?ml|json)$/i.test(entry.name)) read(path);
      }
    };
    walk(name, entries);
  }
  return out;
}

function libraryError(e: KubeTrafficError): string {
  // A data plane's pinned source does not settle this input: not bad input, and no guess.
  if (e.code === 'profile-not-pinned') {
    return `error: the data plane's pinned source does not settle this (profile-not-pinned), and kube-traffic does not guess:\n${e.problems.map((p) => `  ${p.path}: ${p.message.startsWith(`${p.path}: `) ? p.message.slice(p.path.length + 2) : p.message}\n`).join('')}`;
  }
  return `error: the input is not valid Kubernetes (${e.problems.length} problem${e.problems.length === 1 ? '' : 's'}):\n${e.problems.map((p) => `  ${p.path}: ${p.message.startsWith(`${p.path}: `) ? p.message.slice(p.path.length + 2) : p.message}\n`).join('')}`;
}

function kubeconfigOptions(inv: Invocation): { kubeconfig?: string; context?: string } {
  return {
    ...(typeof inv.values['kubeconfig'] === 'string' && { kubeconfig: inv.values['kubeconfig'] }),
    ...(typeof inv.values['context'] === 'string' && { context: inv.values['context'] }),
  };
}

/**
 * Reads the objects an invocation names: files with `-f`, else the live cluster.
 *
 * @throws {@link UsageError}, {@link InputError}, {@link ClusterError}
 */
async function loadFor(inv: Invocation, io: CliIO): Promise<{ objects: LoadedObjects; namespace: string | null; notes: string[] }> {
  const files = inv.values['filename'] as string[] | undefined;
  if (files !== undefined) {
    if (typeof inv.values['context'] === 'string') throw new UsageError('--context selects a cluster to read; it does not apply with -f');
    // Parsed once: a second load with the context's namespace reuses the documents.
    const inputs = new ParsedInputs(readInputs(inv.values, io));
    let objects = loadObjects(inputs, inv.namespace === null ? {} : { defaultNamespace: inv.namespace });
    if (objects.defaulted > 0 && inv.namespace === null && io.cluster !== undefined) {
      // Objects that name no namespace go to the context's, as with kubectl apply -f.
      const contextNamespace = await io.cluster.contextNamespace(kubeconfigOptions(inv));
      if (contextNamespace !== null && contextNamespace !== 'default') objects = loadObjects(inputs, { defaultNamespace: contextNamespace });
    }
    return { objects, namespace: inv.namespace, notes: [...objects.notes] };
  }
  if (inv.values['recursive'] === true) throw new UsageError('-R/--recursive goes with -f DIR');
  if (io.cluster === undefined) throw new UsageError('no -f given, and this program cannot read a cluster; give a dump with -f FILE');
  const chunkText = inv.values['chunk-size'];
  const chunk = typeof chunkText === 'string' ? Number(chunkText) : undefined;
  if (chunk !== undefined && !(Number.isInteger(chunk) && chunk > 0)) throw new UsageError(`--chunk-size takes a positive whole number, not "${String(chunkText)}"`);
  const request: ClusterRequest = {
    ...kubeconfigOptions(inv),
    namespace: inv.allNamespaces ? null : (inv.namespace ?? undefined),
    pods: inv.command.reads.pods(inv.values),
    ...(chunk !== undefined && { chunkSize: chunk }),
  };
  const got = await io.cluster.read(request);
  let objects = loadObjects(got.lists.map((l) => ({ name: l.source, text: l.text })), { defaultNamespace: got.namespace ?? 'default' });
  if (got.nodesReadable === false) objects = { ...objects, nodes: nodesFromSlices(objects.endpointSlices) };
  return { objects, namespace: inv.allNamespaces ? null : (inv.namespace ?? got.namespace), notes: [...got.notes, ...objects.notes] };
}

/**
 * Stand-ins for Nodes that could not be listed: one per node an endpoint names, with the zone
 * the endpoint gives (no CPU: topology-mode Auto cannot be computed from them).
 */
function nodesFromSlices(slices: readonly KubeObject[]): KubeObject[] {
  const zones = new Map<string, string>();
  for (const slice of slices) {
    for (const e of Array.isArray(slice['endpoints']) ? (slice['endpoints'] as { nodeName?: unknown; zone?: unknown }[]) : []) {
      if (typeof e?.nodeName !== 'string' || zones.has(e.nodeName) && zones.get(e.nodeName) !== '') continue;
      zones.set(e.nodeName, typeof e.zone === 'string' ? e.zone : '');
    }
  }
  return [...zones].sort(([a], [b]) => (a < b ? -1 : 1)).map(([name, zone]) => ({
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels: zone === '' ? {} : { 'topology.kubernetes.io/zone': zone } },
  }));
}

/**
 * Runs the command line.
 *
 * @param argv - the arguments after the program name
 * @param io - how to read files, standard input and the cluster, and whether colour is wanted
 * @returns standard output and error, the exit code, and files to write
 * @example
 * ```ts
 * const r = await run(['explain', '-f', 'cluster.yaml'], io);
 * r.exitCode; // => 0
 * ```
 */
export async function run(argv: readonly string[], io: CliIO): Promise<CliResult> {
  const program = io.programName ?? 'kube-traffic';
  let parsed: Parsed;
  try {
    parsed = parseInvocation(argv, io);
  } catch (e) {
    return fail(EXIT.internal, `internal error (please report): ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  }
  if (parsed.kind === 'done') return parsed.result;
  const inv = parsed.invocation;
  let notes: string[] = [];
  try {
    if (inv.name === 'watch') inv.command.run({} as Context); // throws: watch streams, main.ts runs it
    const loaded = await loadFor(inv, io);
    notes = loaded.notes;
    let objects = loaded.objects;
    if (inv.values['assume-allocated'] === true) {
      const assumed = assumeAllocated(objects);
      objects = assumed.objects;
      notes = [...notes, ...assumed.notes];
    }
    return execute(inv, objects, loaded.namespace, notes, io);
  } catch (e) {
    const prefix = notes.map((n) => `${n}\n`).join('');
    if (e instanceof UsageError) return fail(EXIT.usage, `${prefix}error: ${e.message}\nSee '${program} ${inv.name} --help' for usage.\n`);
    if (e instanceof ClusterError) return fail(EXIT.cluster, `${prefix}error: ${e.message}\n`);
    if (e instanceof InputError) return fail(EXIT.input, `${prefix}error: ${e.message}\n`);
    if (e instanceof KubeTrafficError) return fail(EXIT.input, prefix + libraryError(e));
    return fail(EXIT.internal, `${prefix}internal error (please report): ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  }
}

/**
 * Runs a parsed command on loaded objects: the command's output in the format asked for, then
 * `--fail-on`. Exported for `watch`, which runs `explain`'s logic on every change.
 *
 * @throws {@link UsageError}, {@link InputError}, KubeTrafficError
 */
export function execute(inv: Invocation, objects: LoadedObjects, namespace: string | null, notes: readonly string[], io: Pick<CliIO, 'isTTY' | 'env' | 'programName'>): CliResult {
  const json = inv.format === 'json' || inv.format === 'yaml';
  const ctx: Context = {
    objects,
    output: json ? 'json' : 'text',
    format: inv.format,
    style: makeStyle(io.isTTY === true && !json && inv.format !== 'name', io.env ?? {}),
    release: inv.release,
    values: inv.values,
    target: inv.serviceName === null ? null : { namespace, name: inv.serviceName },
    namespace,
    allNamespaces: inv.allNamespaces,
    warnings: notes.filter((n) => n.startsWith('warning:')),
  };
  let out: CommandOutput;
  try {
    out = inv.command.run(ctx);
  } catch (e) {
    const usage = e instanceof KubeTrafficError ? flagProblem(e, ctx) : null;
    if (usage !== null) throw usage;
    throw e;
  }
  let stdout = out.stdout;
  if (inv.format === 'yaml' && (out.files ?? []).length === 0) stdout = yaml.dump(JSON.parse(stdout) as unknown, { noRefs: true, lineWidth: -1 });
  let stderr = notes.map((n) => `${n}\n`).join('') + (out.stderr ?? '');
  // The library's answer for a Service without a cluster IP; say how to analyse it anyway.
  if (inv.values['assume-allocated'] !== true && `${stdout}${stderr}`.includes('cluster-ip-not-allocated')) {
    const waiting = objects.services.filter((svc) => awaitsClusterIP(svc) && (inv.serviceName === null || meta(svc).name === inv.serviceName)).map(qualifiedName);
    if (waiting.length > 0) stderr += allocationHint(waiting);
  }
  const gate = inv.failOn.length === 0 ? null : failOnResult(inv.failOn, out.conditions ?? ({} as Conditions), ctx.warnings);
  const exitCode = out.exitCode ?? (gate === null ? EXIT.ok : EXIT.failOn);
  return { stdout, stderr: stderr + (gate ?? ''), exitCode, files: out.files ?? [] };
}
