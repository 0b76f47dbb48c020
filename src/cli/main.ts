#!/usr/bin/env node
/**
 * The `kube-traffic` executable: process glue only (arguments, standard input, files, output,
 * exit code). Everything else is the pure {@link run}.
 *
 * @module
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { run } from './run.js';

const result = run(process.argv.slice(2), {
  readFile: (path) => readFileSync(path, 'utf8'),
  readStdin: () => readFileSync(0, 'utf8'),
  isTTY: process.stdout.isTTY === true,
  env: process.env,
});
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
