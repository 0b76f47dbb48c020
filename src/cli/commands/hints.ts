/**
 * `kube-traffic hints`: the topology hints the EndpointSlice controller would write for a
 * Service, as a diff against what its slices carry now, and why.
 *
 * @module
 */
import { type AddressTypeOutcome, type ComputeHintsInput, type ComputeHintsResult, computeHints } from '../../index.js';
import { type CommandOutput, type Context, json } from '../context.js';
import { formattedExplanation, hintsText } from '../describe.js';
import type { KubeObject } from '../load.js';
import { meta, slicesOf, targetService } from '../lookup.js';
import { formatFields, formatTable, percent } from '../table.js';

/** Usage of `hints`. */
export const HINTS_HELP = `Usage: kube-traffic hints svc/NAME [-n NAMESPACE] [-f FILE] [options]

The topology hints the EndpointSlice controller would write for the Service's EndpointSlices,
as a diff against the hints they carry now (per endpoint: CURRENT -> NEW), and why: the code
path (topology-auto, traffic-distribution, none), the cause, the event upstream records and,
for topology-mode Auto, the per-zone CPU allocation.

Options:
  svc/NAME, NS/NAME     the Service (required; also --service NS/NAME)

With -o json, prints the computeHints result: endpointSlices (the Service's slices after
reconciling) and outcome (path, cause, reason, event, byAddressType with allocations).

Example:
  kube-traffic hints shop/payments -f examples/cluster.yaml
`;

/** Option definitions of `hints`. */
export const HINTS_OPTIONS = {} as const;

const list = (v: unknown): readonly Record<string, unknown>[] => (Array.isArray(v) ? (v as Record<string, unknown>[]) : []);

/**
 * The controller's answer for one Service of the dump: all slices go in (the controller picks
 * the Service's own), only the Service's come back.
 *
 * @example
 * ```ts
 * hintsFor(ctx, service).outcome.cause; // => 'minimum-exceeds-endpoints'
 * ```
 */
export function hintsFor(ctx: Context, service: KubeObject): { result: ComputeHintsResult; before: KubeObject[]; after: KubeObject[] } {
  // Only the slices labelled for this Service: the controller leaves every other slice as given,
  // and listing them would only add "not the controller's" lines to the explanation.
  const own = slicesOf(ctx.objects, service);
  // `explain: true` asks for the library's explanation where this version has it (issue 4).
  const input = { service, endpointSlices: own, nodes: ctx.objects.nodes, ...ctx.release, explain: true };
  const result = computeHints(input as ComputeHintsInput);
  return { result, before: own, after: own.map((_, i) => result.endpointSlices[i] as KubeObject) };
}

/**
 * Runs `hints`.
 *
 * @example
 * ```ts
 * runHints(ctx).stdout; // => 'Service:  shop/payments …'
 * ```
 */
export function runHints(ctx: Context): CommandOutput {
  const service = targetService(ctx);
  const { result, before, after } = hintsFor(ctx, service);
  if (ctx.output === 'json') {
    // The computeHints result, with endpointSlices narrowed to the Service's own slices.
    return { stdout: json({ ...result, endpointSlices: after, outcome: result.outcome, kubernetesVersion: result.kubernetesVersion }) };
  }

  const { style } = ctx;
  const o = result.outcome;
  const rows: string[][] = [];
  let changed = 0;
  before.forEach((slice, i) => {
    const now = list(slice['endpoints']);
    const next = list(after[i]?.['endpoints']);
    now.forEach((e, j) => {
      const from = hintsText(e['hints']);
      const to = hintsText(next[j]?.['hints']);
      if (from !== to) changed++;
      const first: unknown = Array.isArray(e['addresses']) ? e['addresses'][0] : undefined;
      const addresses = typeof first === 'string' ? first : '-';
      const conditions = (e['conditions'] ?? {}) as Record<string, unknown>;
      rows.push([meta(slice).name, addresses, typeof e['nodeName'] === 'string' ? e['nodeName'] : '-', typeof e['zone'] === 'string' ? e['zone'] : '-', conditions['ready'] === false ? 'false' : 'true', from, to, from === to ? '' : 'changed']);
    });
  });
  const s = meta(service);
  const head = formatFields([
    ['Service', `${s.namespace}/${s.name}`],
    ['Path', o.path],
    ['Cause', o.cause],
    ['Event', o.event === null ? '(none)' : `${o.event.type} ${o.event.reason}: ${o.event.message}`],
    ['Diff', `${changed === 0 ? 'the slices already carry what the controller writes' : `${changed} endpoint${changed === 1 ? '' : 's'} would change`}`],
  ]);
  const table = rows.length === 0
    ? '(the Service has no EndpointSlices in the input)\n'
    : formatTable(['SLICE', 'ADDRESS', 'NODE', 'ZONE', 'READY', 'CURRENT', 'NEW', ''], rows, (t, cell, col, row) =>
        row < 0 ? style.bold(t) : col === 7 && cell !== '' ? style.yellow(t) : t);
  const details = o.byAddressType.map((a) => addressTypeDetails(a)).filter((d) => d !== '');
  const why = formattedExplanation(result);
  const whyText = why === null || why.length === 0 ? '' : `\n${style.bold('Why:')}\n${why.map((l) => `  ${l}`).join('\n')}\n`;
  return { stdout: `${head}\n${table}${details.length > 0 ? `\n${details.join('\n')}` : ''}${whyText}` };
}

/** Per-address-type detail: the Auto allocation table and moves. */
function addressTypeDetails(a: AddressTypeOutcome): string {
  if (a.path !== 'topology-auto') return '';
  let out = `${a.addressType}: ${a.readyEndpoints} ready endpoints, ${a.zones.length} zones with CPU\n`;
  if (a.allocations.length > 0) {
    out += formatTable(
      ['ZONE', 'CPU', 'RATIO', 'DESIRED', 'MINIMUM', 'MAXIMUM', 'TARGET', 'ASSIGNED'],
      a.allocations.map((z) => [z.zone, `${z.cpuMillicores}m`, percent(z.ratio), z.desired.toFixed(2), String(z.minimum), z.maximum === null ? '-' : String(z.maximum), z.target.toFixed(2), String(z.assigned)]),
    );
  }
  for (const m of a.moves) out += `moved: ${m.address ?? '?'} (zone ${m.from}) is hinted for ${m.to}\n`;
  return out;
}
