#!/usr/bin/env node
/**
 * The `kubectl-traffic` executable: kubectl runs it for `kubectl traffic …` when it is on PATH
 * (kubectl's plugin mechanism). Same command, named `kubectl traffic` in help and messages.
 *
 * @module
 */
import { main } from './main.js';

await main('kubectl traffic');
