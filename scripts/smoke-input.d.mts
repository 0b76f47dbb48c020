// Types of scripts/smoke-input.mjs (plain JS so that scripts/smoke.mjs runs on any Node without a loader).
import type { CategorizeInput } from '../src/index.js';

/** The smoke tests' input: two zone-hinted endpoints, a client on node `a` in zone-a. */
export declare const SMOKE_INPUT: CategorizeInput;
