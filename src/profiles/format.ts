/**
 * A comparison of data planes as text: one row per profile, then each difference with the rule
 * of every profile that took part.
 *
 * @module
 */
import { KubeTrafficError, problem } from '../model/errors.js';
import { isRec } from '../model/read.js';
import type { ProfileComparison } from './compare.js';

/** A step's message without its closing "(profile rule X)." tag, which the line's prefix already gives. */
function withoutRuleTag(message: string, profile: string, rule: string | null): string {
  const tag = ` (${profile} rule ${rule ?? ''}).`;
  return rule !== null && message.endsWith(tag) ? `${message.slice(0, -tag.length)}.` : message;
}

const listText = (l: readonly { key: string }[] | null | undefined): string => (l == null ? '-' : l.length === 0 ? '(none)' : l.map((e) => e.key).join(' '));

/**
 * Renders a {@link compareProfiles} result for a terminal: a header naming the Service, port and
 * client node, one row per data plane with the endpoints of each list (`-` where the data plane
 * does not use the list, `(none)` where it is empty, the error where the profile refused), Istio's
 * tiers, the lists each one uses when they are not the same (with the rule that says so), then
 * for every endpoint the data planes disagree on, who picks it and each one's rule.
 *
 * @param comparison - a result of {@link compareProfiles}
 * @returns several lines of text, without colour
 * @throws {@link KubeTrafficError} (`invalid-type` at `$`) when given something else
 * @category profiles
 * @example
 * ```ts
 * console.log(formatComparison(compareProfiles(input, ['kube-proxy', 'linkerd'])));
 * // shop/web, port "http" (80/TCP), client node node-a in zone-a
 * // kube-proxy           Cluster: 10.0.1.1:80  Local: -
 * // linkerd@edge-26.8.3  Cluster: 10.0.1.1:80 10.0.1.2:80  Local: -
 * // Differences:
 * //   10.0.1.2:80 (Cluster): picked by linkerd@edge-26.8.3; not by kube-proxy
 * //     kube-proxy: 10.0.1.2:80 is not in the Cluster list: …
 * //     linkerd@edge-26.8.3 (L3): 10.0.1.2:80 is published to the client …
 * ```
 */
export function formatComparison(comparison: ProfileComparison): string {
  if (!isRec(comparison) || !Array.isArray((comparison as { answers?: unknown }).answers)) {
    throw new KubeTrafficError([problem('invalid-type', '$', 'a result of compareProfiles', 'something else')]);
  }
  const lines: string[] = [];
  let first: { service: { namespace: string; name: string }; port: { name: string; port: number | null; protocol: string }; node: { name: string; zone: string } } | undefined;
  for (const a of comparison.answers) if (first === undefined && a.result !== null && a.result.kind !== 'not-proxied') first = a.result;
  if (first !== undefined) {
    const port = first.port;
    lines.push(`${first.service.namespace}/${first.service.name}, port ${port.name === '' ? '(unnamed)' : JSON.stringify(port.name)} (${port.port ?? '?'}/${port.protocol}), client node ${first.node.name || '(unnamed)'}${first.node.zone ? ` in ${first.node.zone}` : ' (no zone)'}`);
  }
  const width = Math.max(0, ...comparison.answers.map((a) => a.profile.length));
  for (const a of comparison.answers) {
    const name = a.profile.padEnd(width);
    if (a.result === null) {
      // What is unsettled, then where: the "expected …" half of the error says nothing new here.
      const e = a.error;
      lines.push(`${name}  not pinned: ${e === undefined ? '' : e.reason === undefined ? e.message : `${e.reason} (at ${e.path})`}`);
      continue;
    }
    if (a.result.kind === 'not-proxied') {
      lines.push(`${name}  not proxied: ${a.result.message}`);
      continue;
    }
    lines.push(`${name}  Cluster: ${listText(a.result.clusterEndpoints)}  Local: ${listText(a.result.localEndpoints)}`);
    if (a.result.kind === 'profile' && a.result.tiers !== null) {
      lines.push(`${' '.repeat(width)}  tiers: ${a.result.tiers.map((t) => `[${t.map((e) => e.key).join(' ')}]`).join(' > ') || '(none)'}`);
    }
  }
  // Data planes that use different lists for this port (Envoy Gateway ignores the traffic
  // policies, rule E1) differ even when no endpoint differs within a list: say so.
  const use = (comparison.listUse ?? []).filter((u) => comparison.answers.some((a) => a.profile === u.profile && a.result !== null && a.result.kind !== 'not-proxied'));
  const useText = (u: (typeof use)[number]): string => [u.cluster ? 'Cluster' : '', u.local ? 'Local' : ''].filter((x) => x !== '').join(' and ') || 'no list';
  const mixed = new Set(use.map(useText)).size > 1;
  if (mixed) {
    lines.push('Lists used (they differ, so the answers differ even where no endpoint does):');
    for (const u of use) lines.push(`  ${u.profile.padEnd(width)}  ${useText(u)}${u.rule === null ? '' : ` (${u.rule})`}`);
  }
  if (comparison.differences.length === 0) {
    lines.push(mixed ? 'No endpoint differs within a list that two data planes both use.' : 'No differences: every data plane that answered picks the same endpoints.');
    return lines.join('\n');
  }
  lines.push('Differences:');
  for (const d of comparison.differences) {
    lines.push(`  ${d.endpoint} (${d.list === 'cluster' ? 'Cluster' : 'Local'}): picked by ${d.pickedBy.join(', ')}; not by ${d.skippedBy.join(', ')}`);
    for (const r of d.reasons) lines.push(`    ${r.profile}${r.rule === null ? '' : ` (${r.rule})`}: ${withoutRuleTag(r.message, r.profile, r.rule)}`);
  }
  return lines.join('\n');
}
