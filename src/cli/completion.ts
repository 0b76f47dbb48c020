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
