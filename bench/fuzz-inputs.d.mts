// Types of bench/fuzz-inputs.mjs (plain JS so that bench/fuzz.mjs runs on Node 20 without a loader).
import type fc from 'fast-check';

/**
 * The library's public surface as the checks use it (src/index.ts or the built package), with the
 * `kube-traffic/xds` entry (src/xds/index.ts) as `xds`.
 */
export type Lib = typeof import('../src/index.js') & { readonly xds: typeof import('../src/xds/index.js') };

export interface FuzzCase {
  readonly name: string;
  /** Valid argument lists, or (when they are built with the library) a function giving them: use validArb. */
  readonly valid: fc.Arbitrary<unknown[]> | ((lib: Lib) => fc.Arbitrary<unknown[]>);
  readonly call: (lib: Lib, args: unknown[]) => unknown;
  /** Copy-on-write rule: which input objects the result may share. */
  readonly shared: 'none' | 'computeHints' | 'compareScenarios' | 'any';
}

export type CallOutcome =
  | { readonly outcome: 'ok'; readonly ms: number }
  | { readonly outcome: 'error'; readonly code: string; readonly ms: number }
  | { readonly outcome: 'bug'; readonly message: string; readonly ms: number };

export const HANG_MS: number;
export const ERROR_CODES: readonly string[];
export const CASES: readonly FuzzCase[];
export const clusterArb: fc.Arbitrary<Record<string, unknown>>;
export const anyValueArb: fc.Arbitrary<unknown>;
export const NASTY: {
  readonly hugeString: () => string;
  readonly hugeUnicode: () => string;
  readonly deepArray: (depth?: number) => unknown[];
  readonly deepObject: (depth?: number) => Record<string, unknown>;
  readonly longArray: () => string[];
  readonly protoPolluter: () => Record<string, unknown>;
};
export function pathsOf(root: unknown): (string | number)[][];
export function mutatedArb(valid: fc.Arbitrary<unknown[]>): fc.Arbitrary<unknown[]>;
export function argumentArb(valid: fc.Arbitrary<unknown[]>): fc.Arbitrary<unknown[]>;
export function validArb(c: FuzzCase, lib: Lib): fc.Arbitrary<unknown[]>;
export function badArgsArb(c: FuzzCase, lib: Lib): fc.Arbitrary<unknown[]>;
export function deepFreeze<T>(value: T): T;
export function prototypeProblem(): string | null;
export function checkCall(lib: Lib, c: FuzzCase, args: unknown[]): CallOutcome;
export function errorProblem(e: unknown): string | null;
export function describeArgs(args: unknown[]): string;
