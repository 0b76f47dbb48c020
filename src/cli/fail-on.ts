/**
 * `--fail-on`: the conditions a pipeline can gate on, and the message printed when one holds.
 * Commands report the facts (`CommandOutput.conditions`); this file decides the exit.
 *
 * @module
 */
import type { Conditions } from './context.js';
import { UsageError } from './errors.js';
import { closest } from './lookup.js';

/**
 * The conditions `--fail-on` accepts:
 * - `drop`: some client's traffic is dropped (a Local traffic policy with no local endpoint);
 * - `reject`: some client's traffic is rejected (no usable endpoint at all);
 * - `not-handled`: kube-proxy handles none of some client's traffic (an external IP while the
 *   `AllowServiceExternalIPs` gate is off, 1.36 on: no rule exists for it, releases.md);
 * - `topology-off`: topology routing was asked for (hints, `trafficDistribution` or the
 *   topology annotation) but is off on some client node;
 * - `warning`: a warning was printed (simulation warnings, a controller Warning event, a
 *   left-out v1beta1 EndpointSlice, Nodes that could not be listed).
 */
export const FAIL_ON = ['drop', 'reject', 'not-handled', 'topology-off', 'warning'] as const;

/** One `--fail-on` condition. */
export type FailOn = (typeof FAIL_ON)[number];

/**
 * Parses `--fail-on` values (comma-separated, repeatable).
 *
 * @throws {@link UsageError} for an unknown condition, naming the known ones
 * @example
 * ```ts
 * parseFailOn(['drop,reject', 'warning']); // => ['drop', 'reject', 'warning']
 * ```
 */
export function parseFailOn(values: readonly string[]): FailOn[] {
  const out: FailOn[] = [];
  for (const word of values.flatMap((v) => v.split(',')).map((v) => v.trim())) {
    if (word === '') continue;
    if (!(FAIL_ON as readonly string[]).includes(word)) {
      throw new UsageError(`--fail-on: unknown condition "${word}"; expected ${FAIL_ON.join(', ')} (did you mean ${closest(word, FAIL_ON, 1)[0]}?)`);
    }
    if (!out.includes(word as FailOn)) out.push(word as FailOn);
  }
  if (out.length === 0) throw new UsageError(`--fail-on needs one or more of ${FAIL_ON.join(', ')}`);
  return out;
}

const KEY: Readonly<Record<FailOn, keyof Conditions>> = { drop: 'drop', reject: 'reject', 'not-handled': 'notHandled', 'topology-off': 'topologyOff', warning: 'warning' };

/**
 * The standard-error lines for the conditions that hold, or `null` when none does.
 *
 * @example
 * ```ts
 * failOnResult(['drop'], { drop: ['shop/cache: node-b2'] }, []); // => 'fail-on drop: shop/cache: node-b2\n'
 * ```
 */
export function failOnResult(wanted: readonly FailOn[], conditions: Conditions, warnings: readonly string[]): string | null {
  const lines: string[] = [];
  for (const w of wanted) {
    const facts = [...(conditions[KEY[w]] ?? []), ...(w === 'warning' ? warnings.map((n) => n.replace(/^warning: /, '')) : [])];
    if (facts.length === 0) continue;
    const shown = facts.slice(0, 5).join('; ') + (facts.length > 5 ? `; … (${facts.length} in all)` : '');
    lines.push(`fail-on ${w}: ${shown}\n`);
  }
  return lines.length === 0 ? null : lines.join('');
}
