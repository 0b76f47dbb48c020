/**
 * The duplicates rule: when several slices hold the same `IP:port`, which copy kube-proxy keeps.
 * It is stated once here; the slice conversion asks it for the copy every node shares, the
 * prepared Service for the copy one node sees, and explanations say what it answered.
 *
 * Upstream: `addEndpoints` in `pkg/proxy/endpointslicecache.go`. Releases 1.27–1.35 let a later
 * copy replace the kept one only when it is local to the proxier's node ("favor a true value" of
 * `isLocal`), so each node may see its own copy; the newest code (kubernetes/kubernetes PR 135593)
 * lets a later copy replace the kept one unless it is terminating, the same for every node.
 *
 * @module
 */
import type { Endpoint } from '../model/endpoint.js';
import type { DuplicateRule } from '../model/releases.js';

/** One copy of a duplicated `IP:port`, where it came from in the input. */
export interface Copy {
  readonly endpoint: Endpoint;
  /** Index of its slice in the input collection. */
  readonly slice: number;
  /** Index of its entry in that slice's `endpoints`. */
  readonly entry: number;
}

/**
 * Why the duplicates rule kept the copy it kept. Stable codes.
 *
 * - `first-copy`: no later copy could replace the first one seen.
 * - `later-not-terminating`: (newest code) the last later copy that is not terminating replaced the others.
 * - `local-copy`: (1.27–1.35) the last later copy on the client's node replaced the others, for that node only.
 *
 * @category explanations
 * @example
 * ```ts
 * const r = categorizeEndpoints({ ...input, explain: true });
 * const dup = r.explanation?.find((s) => s.code === 'endpoint-duplicate');
 * if (dup?.code === 'endpoint-duplicate') dup.data.because; // => 'local-copy'
 * ```
 */
export type KeptCopyReason = 'first-copy' | 'later-not-terminating' | 'local-copy';

/** The rule's answer for one duplicated `IP:port` and one node. */
export interface DuplicateChoice {
  /** Index in the copies of the one kept. */
  readonly kept: number;
  readonly because: KeptCopyReason;
}

/**
 * Whether a later copy replaces the copy kept so far, for a proxier on `node` (`''`: a node that
 * holds no endpoint, which is what every node shares).
 */
export function laterCopyReplaces(rule: DuplicateRule, later: Endpoint, node: string): boolean {
  if (rule === 'local-wins') return node !== '' && later.nodeName === node;
  return !later.terminating;
}

/** The copy kept for `node` among `copies` (in input order, at least one). */
export function keptCopy(rule: DuplicateRule, copies: readonly Copy[], node: string): DuplicateChoice {
  let kept = 0;
  for (let i = 1; i < copies.length; i++) if (laterCopyReplaces(rule, copies[i]!.endpoint, node)) kept = i;
  if (kept === 0) return { kept, because: 'first-copy' };
  return { kept, because: rule === 'local-wins' ? 'local-copy' : 'later-not-terminating' };
}

/** Whether `node` may see another copy than every other node does (only under `local-wins`). */
export function nodeHasOwnCopy(rule: DuplicateRule, copies: readonly Copy[], node: string): boolean {
  return rule === 'local-wins' && keptCopy(rule, copies, node).kept !== 0;
}
