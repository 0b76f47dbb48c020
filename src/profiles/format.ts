/**
 * A comparison of data planes as text: one row per profile, then each difference with the rule
 * of every profile that took part.
 *
 * @module
 */
import { KubeTrafficError, describe, problem } from '../model/errors.js';
import { at, isRec } from '../model/read.js';
import type { ProfileComparison } from './compare.js';

/** A step's message without its closing "(profile rule X)." tag, which the line's prefix already gives. */
function withoutRuleTag(message: string, profile: string, rule: string | null): string {
  const tag = ` (${profile} rule ${rule ?? ''}).`;
  return rule !== null && message.endsWith(tag) ? `${message.slice(0, -tag.length)}.` : message;
}

// Array.from, never .map/.filter on the caller's arrays: one may carry an own `constructor` key,
// which Array#map and #filter would read as the species of their result.
const listText = (l: readonly { key: string }[] | null | undefined): string => (l == null ? '-' : l.length === 0 ? '(none)' : Array.from(l, (e) => e.key).join(' '));

/**
 * Renders a {@link compareProfiles} result for a terminal: a header naming the Service, port and
 * client node, one row per data plane with the endpoints of each list (`-` where the data plane
 * does not use the list, `(none)` where it is empty, the error where the profile refused), Istio's
 * tiers, the lists each one uses when they are not the same (with the rule that says so), then
 * for every endpoint the data planes disagree on, who picks it and each one's rule.
 *
 * @param comparison - a result of {@link compareProfiles}
 * @returns several lines of text, without colour
 * @throws {@link KubeTrafficError} (`invalid-type` at `$`) when given something else, or at the
 *   path of a field it reads that is missing or of the wrong type (`$.answers[0].result.tiers`)
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
  checkComparison(comparison);
  const lines: string[] = [];
  let first: { service: { namespace: string; name: string }; port: { name: string; port: number | null; protocol: string }; node: { name: string; zone: string } } | undefined;
  for (const a of comparison.answers) if (first === undefined && a.result !== null && a.result.kind !== 'not-proxied') first = a.result;
  if (first !== undefined) {
    const port = first.port;
    lines.push(`${first.service.namespace}/${first.service.name}, port ${port.name === '' ? '(unnamed)' : JSON.stringify(port.name)} (${port.port ?? '?'}/${port.protocol}), client node ${first.node.name || '(unnamed)'}${first.node.zone ? ` in ${first.node.zone}` : ' (no zone)'}`);
  }
  const width = Math.max(0, ...Array.from(comparison.answers, (a) => a.profile.length));
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
      lines.push(`${' '.repeat(width)}  tiers: ${Array.from(a.result.tiers, (t) => `[${Array.from(t, (e) => e.key).join(' ')}]`).join(' > ') || '(none)'}`);
    }
  }
  // Data planes that use different lists for this port (Envoy Gateway ignores the traffic
  // policies, rule E1) differ even when no endpoint differs within a list: say so.
  const use = Array.from(comparison.listUse ?? []).filter((u) => comparison.answers.some((a) => a.profile === u.profile && a.result !== null && a.result.kind !== 'not-proxied'));
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

// ---------------------------------------------------------------------------------------------
// The comparison is caller data (often read back from JSON): every field the text reads is
// checked first, so a damaged one is a KubeTrafficError at its JSON path, not a raw TypeError
// halfway through the rendering. Only what formatComparison reads is checked.

function fail(path: string, expected: string, value: unknown): never {
  throw new KubeTrafficError([problem('invalid-type', path, expected, describe(value))]);
}

function rec(value: unknown, path: string, expected: string): Record<string, unknown> {
  if (!isRec(value)) fail(path, expected, value);
  return value as Record<string, unknown>;
}

function list(value: unknown, path: string, expected: string): readonly unknown[] {
  if (!Array.isArray(value)) fail(path, expected, value);
  return value as readonly unknown[];
}

function str(value: unknown, path: string): void {
  if (typeof value !== 'string') fail(path, 'a string', value);
}

function strings(value: unknown, path: string): void {
  for (const [i, v] of list(value, path, 'an array of profile names').entries()) str(v, at(path, i));
}

/** A list of endpoints (`{ key }` each); `null`/absent where the data plane does not use it. */
function endpointList(value: unknown, path: string, nullable: boolean): void {
  if (nullable && value == null) return;
  for (const [i, e] of list(value, path, nullable ? 'an array of endpoints or null' : 'an array of endpoints').entries()) str(rec(e, at(path, i), 'an endpoint { key }')['key'], at(at(path, i), 'key'));
}

function checkAnswer(value: unknown, path: string): void {
  const a = rec(value, path, 'an answer { profile, result }');
  str(a['profile'], at(path, 'profile'));
  const resultPath = at(path, 'result');
  if (a['result'] === null) {
    if (a['error'] === undefined) return;
    const e = rec(a['error'], at(path, 'error'), 'an error { code, message, path, reason }');
    str(e['message'], at(at(path, 'error'), 'message'));
    if (e['reason'] !== undefined) {
      str(e['reason'], at(at(path, 'error'), 'reason'));
      str(e['path'], at(at(path, 'error'), 'path'));
    }
    return;
  }
  const r = rec(a['result'], resultPath, 'a categorize result or null');
  if (r['kind'] === 'not-proxied') return str(r['message'], at(resultPath, 'message'));
  if (r['kind'] !== 'proxied' && r['kind'] !== 'profile') fail(at(resultPath, 'kind'), "'proxied', 'profile' or 'not-proxied'", r['kind']);
  const service = rec(r['service'], at(resultPath, 'service'), 'a Service { namespace, name }');
  str(service['namespace'], at(at(resultPath, 'service'), 'namespace'));
  str(service['name'], at(at(resultPath, 'service'), 'name'));
  const portPath = at(resultPath, 'port');
  const port = rec(r['port'], portPath, 'a port { name, port, protocol }');
  str(port['name'], at(portPath, 'name'));
  str(port['protocol'], at(portPath, 'protocol'));
  if (port['port'] !== null && typeof port['port'] !== 'number') fail(at(portPath, 'port'), 'a number or null', port['port']);
  const node = rec(r['node'], at(resultPath, 'node'), 'a node { name, zone }');
  str(node['name'], at(at(resultPath, 'node'), 'name'));
  str(node['zone'], at(at(resultPath, 'node'), 'zone'));
  endpointList(r['clusterEndpoints'], at(resultPath, 'clusterEndpoints'), true);
  endpointList(r['localEndpoints'], at(resultPath, 'localEndpoints'), true);
  if (r['kind'] === 'profile' && r['tiers'] !== null) {
    const tiersPath = at(resultPath, 'tiers');
    for (const [i, t] of list(r['tiers'], tiersPath, 'an array of tiers or null').entries()) endpointList(t, at(tiersPath, i), false);
  }
}

function checkComparison(c: Record<string, unknown>): void {
  for (const [i, a] of (c['answers'] as readonly unknown[]).entries()) checkAnswer(a, at('$.answers', i));
  if (c['listUse'] != null) {
    for (const [i, u] of list(c['listUse'], '$.listUse', 'an array of list uses').entries()) {
      const path = at('$.listUse', i);
      const use = rec(u, path, 'a list use { profile, cluster, local, rule }');
      str(use['profile'], at(path, 'profile'));
      if (use['rule'] !== null) str(use['rule'], at(path, 'rule'));
    }
  }
  for (const [i, d] of list(c['differences'], '$.differences', 'an array of differences').entries()) {
    const path = at('$.differences', i);
    const diff = rec(d, path, 'a difference { endpoint, list, pickedBy, skippedBy, reasons }');
    str(diff['endpoint'], at(path, 'endpoint'));
    strings(diff['pickedBy'], at(path, 'pickedBy'));
    strings(diff['skippedBy'], at(path, 'skippedBy'));
    for (const [j, x] of list(diff['reasons'], at(path, 'reasons'), 'an array of reasons').entries()) {
      const reasonPath = at(at(path, 'reasons'), j);
      const reason = rec(x, reasonPath, 'a reason { profile, rule, message }');
      str(reason['profile'], at(reasonPath, 'profile'));
      str(reason['message'], at(reasonPath, 'message'));
      if (reason['rule'] !== null) str(reason['rule'], at(reasonPath, 'rule'));
    }
  }
}
