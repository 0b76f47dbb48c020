/**
 * Renders an explanation as readable text for a terminal or a log.
 *
 * @module
 */
import { KubeTrafficError, problem } from '../model/errors.js';
import { type Rec, isRec } from '../model/read.js';
import { type Explanation, type ExplanationCode, type ExplanationStep, type ProfileStep, stepField } from './codes.js';

/**
 * Anything that may carry an explanation: a categorisation, a flow, a not-proxied verdict, a hints result.
 *
 * @category explanations
 * @example
 * ```ts
 * const r: Explained = selectEndpoints({ ...input, explain: true });
 * formatExplanation(r);
 * ```
 */
export interface Explained {
  readonly explanation?: readonly (ExplanationStep | ProfileStep)[] | undefined;
}

const SHORT: Partial<Record<ExplanationCode, string>> = {
  'endpoint-in-cluster': 'in',
  'endpoint-in-local': 'in',
  'endpoint-not-ready': 'out (not ready, not serving-terminating)',
  'endpoint-terminating-unused': 'out (terminating; ready endpoints exist)',
  'endpoint-other-zone': 'out (hinted for another zone)',
  'endpoint-other-node': 'out (hinted for another node)',
  'endpoint-not-local': 'out (on another node)',
  'endpoint-lower-tier': 'out (healthy, lower priority tier)',
};

/** Short verdicts of a deviation profile's steps, which carry the deciding rule. */
const PROFILE_SHORT: Partial<Record<ExplanationCode, string>> = {
  'endpoint-not-ready': 'not ready',
  'endpoint-terminating-unused': 'terminating, not used',
  'endpoint-other-zone': 'other zone',
  'endpoint-other-node': 'other node',
  'endpoint-not-local': 'not local',
  'endpoint-lower-tier': 'lower tier',
};

function verdict(s: ExplanationStep | ProfileStep): string {
  const rule = stepField(s, 'rule');
  if (typeof stepField(s, 'profile') !== 'string' || typeof rule !== 'string') return SHORT[s.code] ?? s.code;
  if (s.code === 'endpoint-in-cluster' || s.code === 'endpoint-in-local') return `in (${rule})`;
  return `out (${rule}: ${PROFILE_SHORT[s.code] ?? s.code})`;
}

const SECTION: Record<string, string> = {
  service: 'Service',
  flow: 'Flow',
  topology: 'Topology',
  fallback: 'Fallbacks',
  release: 'Release rules',
  hints: 'Hints',
  skipped: 'Not used',
  profile: 'Profile rules',
};

function sectionOf(code: ExplanationCode): string {
  if (code.startsWith('flow-')) return 'flow';
  if (code.startsWith('topology-')) return 'topology';
  if (code.startsWith('fallback-')) return 'fallback';
  if (code === 'release-rule') return 'release';
  if (code.startsWith('hints-')) return 'hints';
  if (code === 'service-not-proxied') return 'service';
  if (code === 'profile-rule') return 'profile';
  return 'skipped';
}

/** The field `key` of `value` when it is an object, else `undefined`. */
function recordAt(value: Rec, key: string): Rec | undefined {
  const field = value[key];
  return isRec(field) ? field : undefined;
}

/** The first line (the Service, port, family, node, release) and, for a flow, the second (what happens). */
function header(result: Rec): string | undefined {
  // A flow result carries its categorisation; a categorisation is its own.
  const cat = recordAt(result, 'categorized') ?? result;
  const service = recordAt(cat, 'service');
  if (service === undefined) return undefined;
  const port = recordAt(cat, 'port');
  const node = recordAt(cat, 'node');
  const parts = [`${String(service['namespace'])}/${String(service['name'])}`];
  if (port) parts.push(`port ${port['name'] === '' ? '(unnamed)' : JSON.stringify(port['name'])} (${String(port['port'] ?? '?')}/${String(port['protocol'])})`);
  if (typeof cat['ipFamily'] === 'string') parts.push(cat['ipFamily']);
  if (node) parts.push(`client node ${String(node['name'] || '(unnamed)')}${node['zone'] ? ` in ${String(node['zone'])}` : ' (no zone)'}`);
  if (typeof cat['kubernetesVersion'] === 'string') parts.push(`Kubernetes ${cat['kubernetesVersion']}`);
  if (typeof cat['profile'] === 'string') parts.push(`as ${cat['profile']}`);
  const lines = [parts.join(', ')];
  if (result['action'] === 'not-handled') {
    lines.push(`NOT HANDLED: ${String(result['via'])} traffic from ${String(result['from'])}, no list (kube-proxy writes no rule for it)`);
  } else if (typeof result['action'] === 'string') {
    lines.push(`${result['action'].toUpperCase()}: ${String(result['via'])} traffic from ${String(result['from'])}, ${String(result['policy'])} list (${String(result['decidedBy'])})`);
  }
  return lines.join('\n');
}

/**
 * Renders a result computed with `explain: true` as text: the decision steps by section, then
 * every input endpoint (by `IP:port`) with whether it is in each list and why not, then the input
 * that was not used and why.
 *
 * @param result - a result of `categorizeEndpoints`, `selectEndpoints`, a prepared query or `computeHints`, with `explanation`
 * @returns several lines of text, without colour
 * @throws {@link KubeTrafficError} (`required` at `$.explanation`) when the result carries no explanation
 * @category explanations
 * @example
 * ```ts
 * console.log(formatExplanation(selectEndpoints({ ...input, explain: true })));
 * // shop/web, port "http" (80/TCP), IPv4, client node node-b2 in zone-b, Kubernetes master
 * // FORWARD: clusterIP traffic from pod, Cluster list (internalTrafficPolicy)
 * // Topology:
 * //   - Same-zone routing: every ready endpoint has a zone hint, and 2 are hinted for zone zone-b.
 * // Endpoints:
 * //   10.244.0.10:8080  Cluster: out (hinted for another zone)
 * //   10.244.2.12:8080  Cluster: in
 * ```
 */
export function formatExplanation(result: Explained): string {
  const steps = (result as Explained | null | undefined)?.explanation;
  if (!Array.isArray(steps)) {
    throw new KubeTrafficError([problem('required', '$.explanation', 'a result computed with explain: true', 'no explanation')]);
  }
  const lines: string[] = [];
  const head = isRec(result) ? header(result) : undefined;
  if (head !== undefined) lines.push(head);

  const bySection = new Map<string, ExplanationStep[]>();
  const endpoints = new Map<string, ExplanationStep[]>();
  for (const s of steps as Explanation) {
    if (s.list !== undefined && s.endpoint !== undefined && SHORT[s.code] !== undefined) {
      const list = endpoints.get(s.endpoint) ?? [];
      list.push(s);
      endpoints.set(s.endpoint, list);
      continue;
    }
    const section = sectionOf(s.code);
    const list = bySection.get(section) ?? [];
    list.push(s);
    bySection.set(section, list);
  }
  for (const section of ['service', 'flow', 'profile', 'topology', 'fallback', 'release', 'hints']) {
    const list = bySection.get(section);
    if (list === undefined) continue;
    lines.push(`${SECTION[section]}:`);
    for (const s of list) lines.push(`  - ${s.message}`);
  }
  if (endpoints.size > 0) {
    lines.push('Endpoints:');
    let width = 0;
    for (const key of endpoints.keys()) width = Math.max(width, key.length);
    for (const [key, list] of endpoints) {
      const verdicts = list.map((s) => `${s.list === 'cluster' ? 'Cluster' : 'Local'}: ${verdict(s)}`);
      lines.push(`  ${key.padEnd(width)}  ${verdicts.join('; ')}`);
    }
  }
  const skipped = bySection.get('skipped');
  if (skipped !== undefined) {
    lines.push('Not used:');
    for (const s of skipped) lines.push(`  - ${s.message}`);
  }
  return lines.join('\n');
}
