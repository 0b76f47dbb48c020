#!/usr/bin/env node
/**
 * The `kubectl_complete-traffic` executable: kubectl (1.26 and later) runs it with the words
 * after `kubectl traffic` when the user presses Tab, and reads candidates in Cobra's
 * `__complete` format (see {@link cobraCompletion}). Same tables as `completion bash|zsh|fish`.
 *
 * @module
 */
import { cobraCompletion } from './completion.js';
import { COMMANDS, GLOBAL_OPTIONS } from './run.js';

process.stdout.write(cobraCompletion(process.argv.slice(2), COMMANDS, GLOBAL_OPTIONS));
