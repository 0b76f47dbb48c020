/**
 * Helpers of the CLI tests: run the built CLI as a child process, or `run()` in-process.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type CliIO, type CliResult, run } from '../../src/cli/run.js';

export const root = fileURLToPath(new URL('../../', import.meta.url));
export const cliPath = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));
export const yamlDump = fileURLToPath(new URL('../../examples/cluster.yaml', import.meta.url));
export const jsonDump = fileURLToPath(new URL('../../examples/cluster.json', import.meta.url));
/** The built CLI exists (`npm test` builds first). */
export const built = existsSync(cliPath);
if (!built) console.warn(`[test/cli] ${cliPath} is missing: skipping the child-process tests (run npm run build, or npm test)`);

export interface Spawned {
  readonly stdout: string;
  readonly stderr: string;
  readonly status: number | null;
}

/** Runs `node dist/cli.js ...args` with colour off unless `env` says otherwise (`KUBE_TRAFFIC_CLI_NODE`: another Node binary; .ci/run uses it for Node 22 and 24). */
export function cli(args: readonly string[], options: { input?: string; env?: Record<string, string>; script?: string; node?: string } = {}): Spawned {
  const r = spawnSync(options.node ?? (process.env['KUBE_TRAFFIC_CLI_NODE'] || process.execPath), [options.script === undefined ? cliPath : join(root, options.script), ...args], {
    cwd: root,
    encoding: 'utf8',
    input: options.input ?? '',
    env: { ...process.env, NO_COLOR: '1', ...options.env },
  });
  return { stdout: r.stdout, stderr: r.stderr, status: r.status };
}

/** Runs `run()` in-process with an in-memory file system (names not in `files` are read from disk). */
export function runIn(
  args: readonly string[],
  files: Record<string, string | Uint8Array> = {},
  extra: { stdin?: string | Uint8Array; isTTY?: boolean; env?: Record<string, string>; cluster?: CliIO['cluster']; dirs?: Record<string, { name: string; directory: boolean }[]> } = {},
): Promise<CliResult> {
  return run(args, {
    readFile: (path) => files[path] ?? readFileSync(path),
    readStdin: () => extra.stdin ?? '',
    listDir: (path) => extra.dirs?.[path] ?? null,
    isTTY: extra.isTTY ?? false,
    env: extra.env ?? {},
    version: '9.9.9-test',
    ...(extra.cluster !== undefined && { cluster: extra.cluster }),
  });
}
