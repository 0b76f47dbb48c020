#!/usr/bin/env node
/**
 * The `kube-traffic` executable (and `kubectl-traffic`, see plugin.ts): process glue only —
 * arguments, files, standard input and output, exit code, Ctrl-C, and the live-cluster access,
 * which is loaded only when a command reads a cluster. Everything else is {@link run}.
 *
 * @module
 */
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import type { ClusterAccess } from './cluster.js';
import { ClusterError } from './cluster.js';
import { parseInvocation, run } from './run.js';

/** The package version, read from the package.json beside dist/. */
function packageVersion(): string {
  try {
    return (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version?: string }).version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

/** Live mode needs Node.js 22.19 (client-node's HTTP stack, undici, does not load on older). */
function checkLiveNode(): void {
  const [major, minor] = process.versions.node.split('.').map(Number) as [number, number];
  if (major < 22 || (major === 22 && minor < 19)) {
    throw new ClusterError(`reading a live cluster needs Node.js 22.19 or later (this is ${process.version}); with Node 20, dump the objects and use -f: kubectl get svc,endpointslices,nodes -A -o yaml > cluster.yaml`);
  }
}

/** Live access, imported on first use: reading files never loads the Kubernetes client. */
function lazyCluster(): ClusterAccess {
  const load = async (): Promise<ClusterAccess> => {
    checkLiveNode();
    return (await import('./live.js')).liveCluster(process.env);
  };
  return {
    read: async (request) => (await load()).read(request),
    contextNamespace: async (request) => {
      try {
        return await (await load()).contextNamespace(request);
      } catch {
        return null; // no kubeconfig (or an old Node): objects without a namespace go to "default"
      }
    },
  };
}

/** Starts the command with the process's arguments; `program` is how help names it. */
export async function main(program: string): Promise<void> {
  const argv = process.argv.slice(2);
  const io = {
    readFile: (path: string): Uint8Array => readFileSync(path),
    readStdin: (): Uint8Array => readFileSync(0),
    listDir: (path: string) => {
      try {
        if (!statSync(path).isDirectory()) return null;
      } catch {
        return null; // readFile reports the error
      }
      return readdirSync(path, { withFileTypes: true }).map((e) => ({ name: e.name, directory: e.isDirectory() || (e.isSymbolicLink() && statSync(`${path}/${e.name}`, { throwIfNoEntry: false })?.isDirectory() === true) }));
    },
    isTTY: process.stdout.isTTY === true,
    env: process.env,
    programName: program,
    version: packageVersion(),
    cluster: lazyCluster(),
  };
  const parsed = parseInvocation(argv, io);
  if (parsed.kind === 'invocation' && parsed.invocation.name === 'watch') {
    try {
      checkLiveNode();
    } catch (e) {
      process.stderr.write(`error: ${(e as Error).message}\n`);
      process.exitCode = 5;
      return;
    }
    const stop = new AbortController();
    const onSignal = (): void => stop.abort();
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    const { runWatch } = await import('./watch.js');
    process.exitCode = await runWatch(argv, io, process.stdout, process.stderr, stop.signal);
    return;
  }
  const result = await run(argv, io);
  let exitCode = result.exitCode;
  let stderr = result.stderr;
  for (const file of result.files) {
    try {
      writeFileSync(file.path, file.content);
    } catch (e) {
      stderr += `error: cannot write ${file.path}: ${e instanceof Error ? e.message : String(e)}\n`;
      exitCode = 2;
    }
  }
  process.stdout.write(result.stdout);
  process.stderr.write(stderr);
  process.exitCode = exitCode;
}
