/**
 * `completion bash|zsh|fish`: shell completion scripts generated from the command table, so
 * every command and flag completes, and flags with a fixed set of values complete those.
 *
 * @module
 */
import type { OptionSpecs } from './args.js';
import { PROFILES } from '../index.js';
import { FAIL_ON } from './fail-on.js';

/** Values a flag completes to, where the set is fixed. */
const VALUES: Readonly<Record<string, readonly string[]>> = {
  output: ['text', 'wide', 'json', 'yaml', 'name', 'html'],
  via: ['clusterIP', 'nodePort', 'loadBalancer', 'externalIP'],
  from: ['pod', 'node', 'outside'],
  'ip-family': ['IPv4', 'IPv6'],
  'fail-on': FAIL_ON,
  profile: PROFILES.map((p) => p.name),
};

/** A file argument completes to file names. */
const FILES = new Set(['filename', 'kubeconfig', 'html']);

/**
 * The completion script for a shell.
 *
 * @param shell - bash, zsh or fish
 * @param commands - the command table (name → its flags)
 * @param global - the flags every command takes
 * @returns the script; bash and zsh: `source <(kube-traffic completion bash)`; fish: `kube-traffic completion fish | source`
 * @example
 * ```ts
 * completionScript('bash', COMMANDS, GLOBAL_OPTIONS).startsWith('# bash completion'); // => true
 * ```
 */
export function completionScript(shell: 'bash' | 'zsh' | 'fish', commands: Readonly<Record<string, { readonly options: OptionSpecs }>>, global: OptionSpecs): string {
  const names = [...Object.keys(commands), 'completion', 'help'];
  const flagsOf = (c: string): string[] => {
    const specs = { ...global, ...(commands[c]?.options ?? {}) };
    return Object.entries(specs).flatMap(([n, s]) => [`--${n}`, ...(s.short === undefined ? [] : [`-${s.short}`])]);
  };
  if (shell === 'fish') {
    const lines = ['# fish completion for kube-traffic and kubectl-traffic: kube-traffic completion fish | source'];
    for (const prog of ['kube-traffic', 'kubectl-traffic']) {
      lines.push(`complete -c ${prog} -f -n '__fish_use_subcommand' -a '${names.join(' ')}'`);
      lines.push(`complete -c ${prog} -f -n '__fish_seen_subcommand_from completion' -a 'bash zsh fish'`);
      const seen = new Set<string>();
      for (const c of Object.keys(commands)) {
        for (const [n, s] of Object.entries({ ...global, ...commands[c]!.options })) {
          if (seen.has(n)) continue;
          seen.add(n);
          const values = VALUES[n];
          lines.push(`complete -c ${prog}${s.short === undefined ? '' : ` -s ${s.short}`} -l ${n}${s.type === 'string' ? (FILES.has(n) ? ' -r -F' : ' -r') : ''}${values === undefined ? '' : ` -f -a '${values.join(' ')}'`}`);
        }
      }
    }
    return lines.join('\n') + '\n';
  }
  const cases = Object.keys(commands).map((c) => `    ${c}) flags="${flagsOf(c).join(' ')}" ;;`).join('\n');
  const valueCases = Object.entries(VALUES).map(([n, v]) => {
    const short = global[n]?.short;
    return `    --${n}${short === undefined ? '' : `|-${short}`}) COMPREPLY=($(compgen -W "${v.join(' ')}" -- "$cur")); return ;;`;
  }).join('\n');
  const bash = `# bash completion for kube-traffic and kubectl-traffic
# bash: source <(kube-traffic completion bash)   zsh: source <(kube-traffic completion zsh)
_kube_traffic() {
  local cur prev cmd flags i
  cur="\${COMP_WORDS[COMP_CWORD]}"
  prev="\${COMP_WORDS[COMP_CWORD-1]}"
  case "$prev" in
${valueCases}
    --filename|-f|--kubeconfig|--html) COMPREPLY=($(compgen -f -- "$cur")); return ;;
  esac
  cmd=""
  for ((i = 1; i < COMP_CWORD; i++)); do
    case "\${COMP_WORDS[i]}" in -*) ;; *) cmd="\${COMP_WORDS[i]}"; break ;; esac
  done
  if [[ -z "$cmd" ]]; then COMPREPLY=($(compgen -W "${names.join(' ')}" -- "$cur")); return; fi
  case "$cmd" in
${cases}
    completion) COMPREPLY=($(compgen -W "bash zsh fish" -- "$cur")); return ;;
    *) flags="" ;;
  esac
  COMPREPLY=($(compgen -W "$flags" -- "$cur"))
}
complete -F _kube_traffic kube-traffic kubectl-traffic
`;
  if (shell === 'bash') return bash;
  return `#compdef kube-traffic kubectl-traffic
# zsh completion (bash-style, through bashcompinit)
autoload -U +X bashcompinit && bashcompinit
${bash.split('\n').slice(2).join('\n')}`;
}

/**
 * Cobra's completion directives, as kubectl reads them from a plugin's completion executable:
 * `0` lets the shell complete file names when no candidate is given, `4` turns that off.
 */
const DIRECTIVE = { files: 0, noFiles: 4 } as const;

/**
 * Completions for a partial command line in the format kubectl (≥ 1.26) reads from a plugin's
 * `kubectl_complete-traffic` executable, which is Cobra's `__complete` format: one candidate per
 * line, then `:DIRECTIVE` (0: the shell may complete file names; 4: it may not).
 *
 * @param words - the words after the program name; the last is the word being completed (`''` for a new word)
 * @param commands - the command table
 * @param global - the flags every command takes
 * @returns the lines kubectl expects
 * @example
 * ```ts
 * cobraCompletion(['sel'], COMMANDS, GLOBAL_OPTIONS); // => 'select\n:4\n'
 * cobraCompletion(['select', '-o', ''], COMMANDS, GLOBAL_OPTIONS); // => 'text\nwide\njson\nyaml\n:4\n'
 * ```
 */
export function cobraCompletion(words: readonly string[], commands: Readonly<Record<string, { readonly options: OptionSpecs; readonly outputs?: readonly string[] }>>, global: OptionSpecs): string {
  const out = (candidates: readonly string[], prefix: string, directive: number): string => `${candidates.filter((c) => c.startsWith(prefix)).map((c) => `${c}\n`).join('')}:${directive}\n`;
  const cur = words.length === 0 ? '' : words[words.length - 1]!;
  const before = words.slice(0, -1);
  const all: Record<string, OptionSpecs[string]> = { ...global };
  for (const c of Object.values(commands)) Object.assign(all, c.options);
  // The command word: the first word that is neither a flag nor a flag's value.
  let cmd: string | undefined;
  for (let i = 0; i < before.length; i++) {
    const w = before[i]!;
    if (w === '--') break;
    if (w.startsWith('--')) {
      if (!w.includes('=') && all[w.slice(2)]?.type === 'string') i++;
      continue;
    }
    if (w.startsWith('-') && w !== '-') {
      const spec = Object.values(all).find((s) => s.short === w[w.length - 1]);
      if (w.length === 2 && spec?.type === 'string') i++;
      continue;
    }
    cmd ??= w;
  }
  const specs: OptionSpecs = { ...global, ...(cmd === undefined ? {} : (commands[cmd]?.options ?? {})) };
  const byShort = (letter: string): string | undefined => Object.entries(specs).find(([, s]) => s.short === letter)?.[0];
  const valuesOf = (flag: string): readonly string[] | null => (flag === 'output' && cmd !== undefined && commands[cmd]?.outputs !== undefined ? commands[cmd]!.outputs! : VALUES[flag] ?? null);
  // The value of a flag: `--output ''`, `-o ''`, `--output=j`.
  const prev = before[before.length - 1];
  const flagOfPrev = prev === undefined || prev.includes('=') ? undefined : prev.startsWith('--') ? prev.slice(2) : /^-[A-Za-z]$/.test(prev) ? byShort(prev[1]!) : undefined;
  const inline = /^--([^=]+)=(.*)$/.exec(cur);
  const flag = inline !== null ? inline[1]! : flagOfPrev !== undefined && specs[flagOfPrev]?.type === 'string' ? flagOfPrev : undefined;
  if (flag !== undefined) {
    const partial = inline !== null ? inline[2]! : cur;
    const head = inline !== null ? `--${flag}=` : '';
    if (FILES.has(flag)) return `:${DIRECTIVE.files}\n`;
    const values = valuesOf(flag);
    // Comma-separated lists (--fail-on drop,re…, compare --profile kube-proxy,ci…) complete their last item.
    const comma = flag === 'fail-on' || (flag === 'profile' && cmd === 'compare') ? partial.lastIndexOf(',') + 1 : 0;
    if (values === null) return `:${DIRECTIVE.noFiles}\n`;
    return out(values.map((v) => `${head}${partial.slice(0, comma)}${v}`), `${head}${partial}`, DIRECTIVE.noFiles);
  }
  if (cur.startsWith('-')) return out(Object.keys(specs).map((n) => `--${n}`), cur, DIRECTIVE.noFiles);
  if (cmd === undefined) return out([...Object.keys(commands), 'completion', 'help'], cur, DIRECTIVE.noFiles);
  if (cmd === 'completion') return out(['bash', 'zsh', 'fish'], cur, DIRECTIVE.noFiles);
  if (cmd === 'help') return out(Object.keys(commands), cur, DIRECTIVE.noFiles);
  // A Service: kubectl's resource form.
  return out(['svc/'], cur, DIRECTIVE.noFiles);
}
