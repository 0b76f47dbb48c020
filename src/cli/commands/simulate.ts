/**
 * `kube-traffic simulate`: where a Service's traffic goes from every client node, how loaded
 * each endpoint is, and what-if comparisons.
 *
 * @module
 */
import {
  type ScenarioChange,
  type ScenarioComparison,
  type SimulationResult,
  type SimulationWarning,
  compareScenarios,
  simulateTraffic,
} from '../../index.js';
import { type CommandOutput, type Conditions, type Context, FLOW_HELP, type OutputFile, json, stringOption } from '../context.js';
import { UsageError } from '../errors.js';
import type { KubeObject } from '../load.js';
import { qualifiedName, slicesOf, targetService } from '../lookup.js';
import { topologyRequested } from './explain.js';
import { PROFILE_HELP, checkProfileFailOn, profileOption } from '../profile.js';
import { simulationInput } from '../simulation-input.js';
import type { Style } from '../style.js';
import { paintAction } from '../style.js';
import { formatFields, formatTable, percent } from '../table.js';
import { buildReport } from './report.js';

export { SIMULATE_OPTIONS } from '../simulation-input.js';

const COMPARE: Readonly<Record<string, ScenarioChange>> = {
  PreferClose: { kind: 'trafficDistribution', value: 'PreferClose' },
  PreferSameZone: { kind: 'trafficDistribution', value: 'PreferSameZone' },
  PreferSameNode: { kind: 'trafficDistribution', value: 'PreferSameNode' },
  Auto: { kind: 'topologyAuto' },
  Local: { kind: 'internalTrafficPolicy', value: 'Local' },
  Cluster: { kind: 'internalTrafficPolicy', value: 'Cluster' },
  unset: { kind: 'trafficDistribution', value: null },
};


/** Usage of `simulate`. */
export const SIMULATE_HELP = `Usage: kube-traffic simulate svc/NAME [-n NAMESPACE] [-f FILE] [options]

Simulates the Service's traffic from every client node with the slices as they are in the
input: each endpoint's share of all traffic against the fair share, the zone-to-zone matrix,
the fractions forwarded in-zone, across zones, dropped and rejected, and warnings.

Options:
  svc/NAME, NS/NAME     the Service (required; also --service NS/NAME)
  --clients SPEC        where clients are (default: one unit per schedulable node):
                          zone-a=60,zone-b=30,zone-c=10   weights per zone
                          node:node-a1=2,node:node-b1=1   weights per node
                          pods                            one unit per running Pod in the input
  --compare LIST        compare what-if scenarios against the baseline (both reconciled by
                        the controller first): PreferClose, PreferSameZone, PreferSameNode,
                        Auto (topology-mode annotation), Local (internalTrafficPolicy),
                        Cluster, unset (no trafficDistribution)
  --html FILE           also write the HTML report (as kube-traffic report does)
${FLOW_HELP}
${PROFILE_HELP}

With -o json, prints the simulateTraffic result (endpoints with share and overload,
zoneMatrix, classes, the fractions, warnings); with --compare, the compareScenarios result
(baseline and scenarios, each with label, hints, simulation and warnings).

--fail-on: drop, reject, not-handled (any share of the traffic), topology-off (asked for, but off
for some clients; not with --profile), warning (any simulation warning).

With --profile, each client node's endpoints come from that data plane's rules (Istio's
priority tiers weighted as Envoy spills over), so load shares compare across data planes; a
data plane whose pinned source does not settle some node's answer is an error, not a guess.
--compare and --html stay kube-proxy's.

Example:
  kube-traffic simulate shop/web -f examples/cluster.yaml --clients zone-a=60,zone-b=30,zone-c=10
`;

/**
 * Parses `--compare` into scenario changes.
 *
 * @throws {@link UsageError} for an unknown name
 * @example
 * ```ts
 * parseCompare('PreferClose,Auto'); // => [{ kind: 'trafficDistribution', value: 'PreferClose' }, { kind: 'topologyAuto' }]
 * ```
 */
export function parseCompare(spec: string): ScenarioChange[] {
  return spec
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .map((s) => {
      const change = COMPARE[s];
      if (change === undefined) throw new UsageError(`--compare: unknown scenario "${s}"; expected ${Object.keys(COMPARE).join(', ')}`);
      return change;
    });
}

/**
 * Runs `simulate`.
 *
 * @example
 * ```ts
 * runSimulate(ctx).stdout; // => 'Service:  shop/web …'
 * ```
 */
export function runSimulate(ctx: Context): CommandOutput {
  const service = targetService(ctx);
  const profile = profileOption(ctx.values);
  checkProfileFailOn(ctx.values, profile);
  if (profile !== null) {
    for (const flag of ['compare', 'html'] as const) {
      if (stringOption(ctx.values, flag) !== undefined) throw new UsageError(`--${flag} simulates kube-proxy (with the controller's hints); it does not combine with --profile ${String(ctx.values['profile'])}`);
    }
    const r = simulateTraffic(simulationInput(ctx, service, profile));
    return withErrors({ stdout: ctx.output === 'json' ? json(r) : simulationText(`${qualifiedName(service)} as ${profile.name}`, r, ctx.style), conditions: simulationConditions(ctx, service, r) }, r.warnings);
  }
  const input = simulationInput(ctx, service);
  const htmlPath = stringOption(ctx.values, 'html');
  const files: OutputFile[] = htmlPath === undefined ? [] : [{ path: htmlPath, content: buildReport(ctx, service, input) }];
  const compare = stringOption(ctx.values, 'compare');
  if (compare !== undefined) {
    const comparison = compareScenarios(input, parseCompare(compare));
    // --fail-on looks at the Service as it is (the baseline before reconciling: the plain simulation).
    return withErrors({ stdout: ctx.output === 'json' ? json(comparison) : comparisonText(comparison, ctx.style), files, conditions: simulationConditions(ctx, service, simulateTraffic(input)) }, comparison.baseline.warnings);
  }
  const result = simulateTraffic({ ...input, advise: true });
  return withErrors({ stdout: ctx.output === 'json' ? json(result) : simulationText(qualifiedName(service), result, ctx.style), files, conditions: simulationConditions(ctx, service, result) }, result.warnings);
}

/**
 * An error-level warning (no client could be placed) makes the command fail with exit code 2
 * and the warning's message, which says what to add, on standard error; the output is still
 * printed.
 *
 * @example
 * ```ts
 * withErrors({ stdout: '…' }, [{ code: 'no-clients', level: 'error', message: '…' }]).exitCode; // => 2
 * ```
 */
export function withErrors(out: CommandOutput, warnings: readonly SimulationWarning[]): CommandOutput {
  const errors = warnings.filter((w) => w.level === 'error');
  if (errors.length === 0) return out;
  return { ...out, exitCode: 2, stderr: errors.map((w) => `error: ${w.code}: ${w.message}\n`).join('') };
}

/** What --fail-on may gate on in a simulation. */
function simulationConditions(ctx: Context, service: KubeObject, r: SimulationResult): Conditions {
  const name = qualifiedName(service);
  const requested = topologyRequested(service, slicesOf(ctx.objects, service));
  const off = r.classes.filter((c) => c.topology !== null && c.topology.kind === 'none');
  return {
    drop: r.droppedFraction > 0 ? [`${name}: ${percent(r.droppedFraction)} of traffic dropped (nodes ${r.droppedNodes.join(', ')})`] : [],
    reject: r.rejectedFraction > 0 ? [`${name}: ${percent(r.rejectedFraction)} of traffic rejected (nodes ${r.rejectedNodes.join(', ')})`] : [],
    notHandled: r.notHandledFraction > 0 ? [`${name}: ${percent(r.notHandledFraction)} of traffic not handled by kube-proxy (nodes ${r.notHandledNodes.join(', ')})`] : [],
    topologyOff: requested && off.length > 0 ? [`${name}: topology off for clients on ${off.flatMap((c) => c.nodes).join(', ')}`] : [],
    warning: r.warnings.map((w) => `${name}: ${w.code}: ${w.message}`),
  };
}

const times = (x: number): string => `${+x.toFixed(2)}x`;

/**
 * The simulation as tables for people.
 *
 * @example
 * ```ts
 * simulationText('shop/web', result, style); // => 'Service:  shop/web …'
 * ```
 */
export function simulationText(name: string, r: SimulationResult, style: Style): string {
  const bold = (t: string, _c: string, _i: number, row: number): string => (row < 0 ? style.bold(t) : t);
  if (r.notProxied !== null) return formatFields([['Service', name], ['Result', `not proxied (${r.notProxied.reason}): ${r.notProxied.message}`]]);
  const port = r.port === null ? '-' : `${r.port.name === '' ? String(r.port.port) : r.port.name} (${r.port.port ?? '?'}/${r.port.protocol})`;
  let out = formatFields([
    ['Service', name],
    ['Flow', `${r.flow.via} from ${r.flow.from}, port ${port}, ${r.ipFamily}, Kubernetes ${r.kubernetesVersion}`],
    ['Forwarded', `${percent(r.forwardedFraction)} (in-zone ${percent(r.inZoneFraction)}, cross-zone ${percent(r.crossZoneFraction)}, unknown zone ${percent(r.unknownZoneFraction)})`],
    ['Dropped', `${percent(r.droppedFraction)}${r.droppedNodes.length > 0 ? ` (nodes ${r.droppedNodes.join(', ')})` : ''}`],
    ['Rejected', `${percent(r.rejectedFraction)}${r.rejectedNodes.length > 0 ? ` (nodes ${r.rejectedNodes.join(', ')})` : ''}`],
    // Only shown when some traffic goes to external IPs kube-proxy does not handle (AllowServiceExternalIPs off).
    ...(r.notHandledFraction > 0 ? [['Not handled', `${percent(r.notHandledFraction)} (by kube-proxy: AllowServiceExternalIPs is off)`] as [string, string]] : []),
    ['Fair share', `${percent(r.fairShare)} (${r.servingEndpoints} serving endpoints)`],
    ...(r.loadBalancer === null ? [] : [['Load balancer', r.loadBalancer.summary] as [string, string]]),
    ...(r.excludedClientNodes.length === 0 ? [] : [['No clients on', r.excludedClientNodes.map((x) => `${x.name} (${x.reason})`).join(', ')] as [string, string]]),
    ...(r.assumedNodes.length === 0 ? [] : [['Assumed nodes', r.assumedNodes.map((x) => `${x.name} (${x.reason})`).join(', ')] as [string, string]]),
  ]);
  out += '\n' + formatTable(
    ['ENDPOINT', 'NODE', 'ZONE', 'SERVING', 'SHARE', 'OVERLOAD'],
    r.endpoints.map((e) => [e.key, e.nodeName ?? '-', e.zone || '-', String(e.serving), percent(e.share), times(e.overload)]),
    (t, cell, col, row) => (row < 0 ? style.bold(t) : col === 5 && parseFloat(cell) > 1.5 ? style.red(t) : t),
  );
  if (r.loadBalancer !== null) {
    out += `\n${style.bold('Load-balancer targets')}\n`;
    out += formatTable(
      ['NODE', 'ZONE', 'READY-LOCAL', 'TARGET', 'SHARE', 'WHY'],
      r.loadBalancer.nodes.map((n) => [n.name, n.zone || 'unknown', String(n.localReadyEndpoints), n.target ? 'yes' : 'no', percent(n.share), n.reason]),
      bold,
    );
  }
  const z = r.zoneMatrix;
  if (z.zones.length > 0) {
    // Rows add up to the zone's clients: what it forwards to each zone, plus what it drops or
    // rejects, plus (a column only when there is any) what kube-proxy does not handle.
    const lost = new Map<string, [number, number, number]>();
    for (const c of r.classes) {
      const l = lost.get(c.zone) ?? [0, 0, 0];
      if (c.action === 'drop') l[0] += c.weight;
      if (c.action === 'reject') l[1] += c.weight;
      if (c.action === 'not-handled') l[2] += c.weight;
      lost.set(c.zone, l);
    }
    const notHandled = r.notHandledFraction > 0;
    out += `\n${style.bold('Zone to zone')} (fraction of all traffic; rows: client zone, columns: endpoint zone; "unknown": no zone label or slice zone)\n`;
    out += formatTable(
      ['FROM\\TO', ...z.zones.map((n) => n || 'unknown'), 'DROPPED', 'REJECTED', ...(notHandled ? ['NOT-HANDLED'] : [])],
      z.zones.map((from, i) => {
        const [dropped = 0, rejected = 0, unhandled = 0] = lost.get(from) ?? [];
        return [from || 'unknown', ...(z.fractions[i] ?? []).map(percent), percent(dropped), percent(rejected), ...(notHandled ? [percent(unhandled)] : [])];
      }),
      bold,
    );
  }
  out += `\n${style.bold('Client classes')}\n`;
  out += formatTable(
    ['ZONE', 'NODES', 'WEIGHT', 'ACTION', 'POLICY', 'TOPOLOGY', 'ENDPOINTS'],
    r.classes.map((c) => [
      c.zone || 'unknown',
      c.nodes.join(','),
      percent(c.weight),
      c.action.toUpperCase(),
      c.policy ?? '-',
      c.topology === null ? '-' : c.topology.kind === 'none' ? `none (${c.topology.cause})` : c.topology.kind === 'sameZone' ? `sameZone (${c.topology.zone})` : 'sameNode',
      String(c.endpoints.length),
    ]),
    (t, _c, col, row) => (row < 0 ? style.bold(t) : col === 3 ? paintAction(style, t) : t),
  );
  return out + warningsText(r.warnings, style);
}

/**
 * Warnings as `! code: message` lines, or nothing.
 *
 * @example
 * ```ts
 * warningsText([], style); // => ''
 * ```
 */
export function warningsText(warnings: readonly SimulationWarning[], style: Style): string {
  if (warnings.length === 0) return `\n${style.bold('Warnings:')} none\n`;
  return `\n${style.bold('Warnings:')}\n${warnings.map((w) => warningLine(w, style)).join('\n')}\n`;
}

/** `! code: message` (`x` for errors, `i` for information), then its advice indented. */
function warningLine(w: SimulationWarning, style: Style): string {
  const mark = w.level === 'error' ? 'x' : w.level === 'info' ? 'i' : '!';
  const paint = w.level === 'error' ? style.red : w.level === 'info' ? (t: string) => t : style.yellow;
  const advice = 'advice' in w && w.advice !== undefined ? w.advice.map((a) => `\n      -> ${a.message}`).join('') : '';
  return paint(`  ${mark} ${w.code}: ${w.message}`) + advice;
}

/**
 * A scenario comparison as one table plus each scenario's warnings.
 *
 * @example
 * ```ts
 * comparisonText(compareScenarios(input, changes), style); // => 'SCENARIO   HINTS …'
 * ```
 */
export function comparisonText(c: ScenarioComparison, style: Style): string {
  const all = [c.baseline, ...c.scenarios];
  // A NOT-HANDLED column only when some scenario has traffic kube-proxy does not handle.
  const notHandled = all.some((s) => s.simulation.notHandledFraction > 0);
  let out = formatTable(
    ['SCENARIO', 'HINTS', 'IN-ZONE', 'CROSS-ZONE', 'UNKNOWN-ZONE', 'DROPPED', 'REJECTED', ...(notHandled ? ['NOT-HANDLED'] : []), 'MAX-OVERLOAD', 'WARNINGS'],
    all.map((s) => [
      s.label === 'baseline' ? 'baseline (reconciled)' : s.label,
      `${s.hints.path}/${s.hints.cause}`,
      percent(s.simulation.inZoneFraction),
      percent(s.simulation.crossZoneFraction),
      percent(s.simulation.unknownZoneFraction),
      percent(s.simulation.droppedFraction),
      percent(s.simulation.rejectedFraction),
      ...(notHandled ? [percent(s.simulation.notHandledFraction)] : []),
      s.simulation.mostOverloaded === null ? '-' : times(s.simulation.mostOverloaded.overload),
      String(s.warnings.length),
    ]),
    (t, _c, _i, row) => (row < 0 ? style.bold(t) : t),
  );
  for (const s of all) {
    if (s.warnings.length === 0) continue;
    out += `\n${style.bold(`${s.label}:`)}\n${s.warnings.map((w) => warningLine(w, style)).join('\n')}\n`;
  }
  return out;
}
