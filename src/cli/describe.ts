/**
 * Sentences for people: why a topology mode, why a list, what an explanation says. Used by the
 * text output and the HTML report.
 *
 * @module
 */
import { type FlowResult, type NoTopologyCause, type TopologyMode, formatExplanation } from '../index.js';

const CAUSES: Readonly<Record<NoTopologyCause, string>> = {
  'no-ready-endpoints': 'no endpoint is ready, so there is nothing to filter',
  'endpoint-without-hint': 'some ready endpoint has no zone hint, which turns zone routing off for every node',
  'no-endpoint-for-zone': "no ready endpoint is hinted for the node's zone (or the node has no zone label)",
  'annotation-required': 'this release needs the topology annotation before it reads hints',
  'gate-off': 'the TopologyAwareHints gate is off, so hints are not read',
  'node-without-zone': 'the node has no zone label, which this release refuses',
};

/**
 * One line on a topology mode.
 *
 * @example
 * ```ts
 * topologyText({ kind: 'sameZone', zone: 'zone-a' }); // => 'same zone (zone-a): only endpoints hinted for zone-a'
 * ```
 */
export function topologyText(mode: TopologyMode | null): string {
  if (mode === null) return 'not computed: the flow does not use the Cluster list';
  if (mode.kind === 'sameZone') return `same zone (${mode.zone}): only endpoints hinted for ${mode.zone}`;
  if (mode.kind === 'sameNode') return `same node (${mode.node}): only endpoints hinted for this node`;
  return `none (${mode.cause}): ${CAUSES[mode.cause]}`;
}

/**
 * Why a flow uses the list it uses, and what happens to it; the fallback reason when the
 * library gives no explanation.
 *
 * @example
 * ```ts
 * flowReason(flow); // => ['internalTrafficPolicy is Local: only endpoints on node-b2 may be used', 'no ready local endpoint: DROP']
 * ```
 */
export function flowReason(flow: FlowResult): string[] {
  const node = flow.categorized.node.name;
  const lines: string[] = [];
  if (flow.action === 'not-handled') {
    return ['AllowServiceExternalIPs is off: kube-proxy writes no rule for the external IPs, so this traffic is not handled by kube-proxy (no forward, drop or reject)'];
  }
  if (flow.decidedBy === 'short-circuit') {
    lines.push('traffic from the node itself to an external address of an externalTrafficPolicy: Local port is short-circuited to the Cluster list');
  } else if (flow.policy === 'Local') {
    lines.push(`${flow.decidedBy} is Local: only endpoints on ${node} may be used; topology hints are not consulted`);
  } else {
    lines.push(`${flow.decidedBy} is Cluster: topology mode ${topologyText(flow.categorized.topologyMode)}`);
  }
  if (flow.categorized.terminatingFallback[flow.policy === 'Local' ? 'local' : 'cluster']) {
    lines.push('nothing is ready, so serving terminating endpoints are used');
  }
  if (flow.action === 'drop') lines.push(`no usable endpoint on ${node}: kube-proxy DROPs the traffic`);
  else if (flow.action === 'reject') lines.push('no usable endpoint anywhere: kube-proxy REJECTs the traffic');
  else lines.push(`FORWARD to one of ${flow.endpoints.length} endpoint${flow.endpoints.length === 1 ? '' : 's'}, chosen at random`);
  return lines;
}

/** An explanation step as the library produces it (only the fields the CLI reads). */
interface Step {
  readonly code?: unknown;
  readonly message?: unknown;
  readonly steps?: unknown;
  readonly children?: unknown;
}

/**
 * The explanation a library result carries (`explain: true`), as indented lines; `null` when the
 * result has none.
 *
 * @example
 * ```ts
 * explanationLines({ explanation: [{ code: 'policy-local', message: 'iTP Local' }] }); // => ['iTP Local']
 * ```
 */
export function explanationLines(result: unknown): string[] | null {
  const steps = typeof result === 'object' && result !== null ? (result as { explanation?: unknown }).explanation : undefined;
  if (!Array.isArray(steps)) return null;
  const out: string[] = [];
  const walk = (list: readonly unknown[], depth: number): void => {
    for (const s of list) {
      if (typeof s !== 'object' || s === null) continue;
      const step = s as Step;
      const text = typeof step.message === 'string' ? step.message : typeof step.code === 'string' ? step.code : '';
      if (text !== '') out.push(`${'  '.repeat(depth)}${text}`);
      const nested = Array.isArray(step.steps) ? step.steps : Array.isArray(step.children) ? step.children : null;
      if (nested !== null) walk(nested, depth + 1);
    }
  };
  walk(steps, 0);
  return out;
}

/**
 * Hints of a slice endpoint as text: zones, then `node:NAME`; `-` when none.
 *
 * @example
 * ```ts
 * hintsText({ forZones: [{ name: 'zone-a' }] }); // => 'zone-a'
 * ```
 */
export function hintsText(hints: unknown): string {
  if (typeof hints !== 'object' || hints === null) return '-';
  const names = (list: unknown, prefix: string): string[] =>
    Array.isArray(list) ? list.map((h) => (typeof h === 'object' && h !== null && typeof (h as { name?: unknown }).name === 'string' ? prefix + (h as { name: string }).name : '?')) : [];
  const h = hints as { forZones?: unknown; forNodes?: unknown };
  const all = [...names(h.forZones, ''), ...names(h.forNodes, 'node:')];
  return all.length === 0 ? '-' : all.join(',');
}

/**
 * The library's own rendering of a result's explanation (`formatExplanation`), from its first
 * section on (the CLI prints its own header above it); `null` when the result has no explanation.
 *
 * @example
 * ```ts
 * formattedExplanation(selectEndpoints({ ...input, explain: true }));
 * // => ['Flow:', '  - Traffic to the cluster IP follows internalTrafficPolicy: Local, …', …]
 * ```
 */
export function formattedExplanation(result: unknown): string[] | null {
  const steps = typeof result === 'object' && result !== null ? (result as { explanation?: unknown }).explanation : undefined;
  if (!Array.isArray(steps)) return null;
  const lines = formatExplanation(result as Parameters<typeof formatExplanation>[0]).trimEnd().split('\n');
  const first = lines.findIndex((l) => /^\S.*:$/.test(l));
  return first < 0 ? lines : lines.slice(first);
}
