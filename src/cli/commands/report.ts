/**
 * `kube-traffic report`: the HTML report of one Service (also `simulate --html FILE`).
 *
 * @module
 */
import { type SelectInput, type SimulateInput, selectEndpoints, simulateTraffic } from '../../index.js';
import { type CommandOutput, type Context, FLOW_HELP, requireOption, stringOption } from '../context.js';
import { explanationLines, flowReason } from '../describe.js';
import { renderReport } from '../html.js';
import type { KubeObject } from '../load.js';
import { findService, qualifiedName, slicesOf } from '../lookup.js';
import { hintsFor } from './hints.js';
import { SIMULATE_OPTIONS, simulationInput } from '../simulation-input.js';

/** Usage of `report`. */
export const REPORT_HELP = `Usage: kube-traffic report -f FILE --service NAMESPACE/NAME [--html FILE] [options]

Writes one self-contained HTML page about the Service: a zone-to-zone flow diagram (SVG), a
bar chart of each endpoint's load against the fair share (SVG), the warnings, and the
explanation (the controller's hints decision and kube-proxy's decision for each client class).
The page has no scripts and loads nothing. Without --html, the page goes to standard output.

Options:
  --service NS/NAME     the Service (required)
  --html FILE           where to write the page
  --clients SPEC        as for simulate: zone=weight,… | node:NAME=weight,… | pods
${FLOW_HELP}

Example:
  kube-traffic report -f examples/cluster.yaml --service shop/payments --html payments.html
`;

/** Option definitions of `report` (those of `simulate`; `--compare` is not used). */
export const REPORT_OPTIONS = SIMULATE_OPTIONS;

/**
 * The report page for a Service and a simulator input.
 *
 * @example
 * ```ts
 * buildReport(ctx, service, simulationInput(ctx, service)); // => '<!doctype html>…'
 * ```
 */
export function buildReport(ctx: Context, service: KubeObject, input: SimulateInput): string {
  const simulation = simulateTraffic(input);
  const { result: hinted } = hintsFor(ctx, service);
  const hints = hinted.outcome;
  const controller = [
    `path ${hints.path}, cause ${hints.cause}`,
    ...(explanationLines(hinted) ?? (hints.event === null ? [] : [`event ${hints.event.type} ${hints.event.reason}: ${hints.event.message}`])),
  ];
  // Only the Service's own slices: the explanation then lists no other Service's slices.
  const ownSlices = slicesOf(ctx.objects, service);
  const sections = [{ heading: 'EndpointSlice controller (hints it would write)', lines: controller }];
  for (const c of simulation.classes) {
    const node = c.nodes[0];
    if (node === undefined) continue;
    const flow = input.flow ?? {};
    const selectInput = { service, endpointSlices: ownSlices, node: ctx.objects.nodes.find((n) => (n['metadata'] as { name?: unknown } | undefined)?.name === node) ?? { name: node }, ...(input.port != null && { port: input.port }), ...(input.ipFamily != null && { ipFamily: input.ipFamily }), ...flow, ...ctx.release, explain: true };
    const result = selectEndpoints(selectInput as SelectInput);
    const lines = result.kind === 'proxied' ? (explanationLines(result) ?? flowReason(result)) : [result.message];
    const who = c.nodes.length === 1 ? node : `${c.nodes.length} nodes (${c.nodes.join(', ')})`;
    sections.push({ heading: `kube-proxy on ${who} in ${c.zone || '(no zone)'}: ${c.action.toUpperCase()}`, lines });
  }
  return renderReport({
    title: qualifiedName(service),
    subtitle: `${simulation.flow.via} traffic from ${simulation.flow.from}, ${simulation.ipFamily}, Kubernetes ${simulation.kubernetesVersion}`,
    simulation,
    hints,
    explanation: sections,
  });
}

/**
 * Runs `report`.
 *
 * @example
 * ```ts
 * runReport(ctx).files?.[0]?.path; // => 'payments.html'
 * ```
 */
export function runReport(ctx: Context): CommandOutput {
  const service = findService(ctx.objects, requireOption(ctx.values, 'service', 'NAMESPACE/NAME'));
  const page = buildReport(ctx, service, simulationInput(ctx, service));
  const path = stringOption(ctx.values, 'html');
  if (path === undefined) return { stdout: page };
  return { stdout: `wrote ${path}\n`, files: [{ path, content: page }] };
}
