/**
 * `kube-traffic report`: the HTML report of one Service (also `simulate --html FILE`).
 *
 * @module
 */
import { type SimulateInput, simulateTraffic } from '../../index.js';
import { type ReportModel, buildReportModel, renderReportHtml } from '../../render/index.js';
import { TOOL_VERSION } from '../../version.js';
import { type CommandOutput, type Context, FLOW_HELP, json, stringOption } from '../context.js';
import type { KubeObject } from '../load.js';
import { qualifiedName, slicesOf, targetService } from '../lookup.js';
import { withErrors } from './simulate.js';
import { REPORT_SIMULATION_OPTIONS, simulationInput } from '../simulation-input.js';

/** Usage of `report`. */
export const REPORT_HELP = `Usage: kube-traffic report svc/NAME [-n NAMESPACE] [-f FILE] [--html FILE] [options]

Writes one self-contained HTML page about the Service: a zone-to-zone flow diagram (SVG), a
bar chart of each endpoint's load against the fair share (SVG), the warnings, and the
explanation (the controller's hints decision and kube-proxy's decision for each client class).
The page has no scripts and loads nothing. Without --html, the page goes to standard output.
With -o json (or yaml), prints what the page shows as data instead: title, subtitle,
simulation, hints and the explanation sections.

Options:
  svc/NAME, NS/NAME     the Service (required; also --service NS/NAME)
  --html FILE           where to write the page
  --clients SPEC        as for simulate: zone=weight,… | node:NAME=weight,… | pods
${FLOW_HELP}

Example:
  kube-traffic report shop/payments -f examples/cluster.yaml --html payments.html
`;

/** Option definitions of `report` (those of `simulate`; `--compare` is not used). */
export const REPORT_OPTIONS = REPORT_SIMULATION_OPTIONS;

/**
 * The report page for a Service and a simulator input: the shared rendering module's model and
 * page (`src/render`), with the input file names, the date and this tool's version.
 *
 * @example
 * ```ts
 * buildReport(ctx, service, simulationInput(ctx, service)); // => '<!doctype html>…'
 * ```
 */
export function buildReport(ctx: Context, service: KubeObject, input: SimulateInput): string {
  return renderReportHtml(reportData(ctx, service, input));
}

/**
 * What the report page shows, as data (`report -o json` prints it): the rendering module's
 * report model.
 *
 * @example
 * ```ts
 * reportData(ctx, service, simulationInput(ctx, service)).title; // => 'shop/web'
 * ```
 */
export function reportData(ctx: Context, service: KubeObject, input: SimulateInput): ReportModel {
  const names = ctx.values['filename'];
  const inputs = (Array.isArray(names) ? names.map(String) : typeof names === 'string' ? [names] : []).map((n) => (n === '-' ? '(standard input)' : n));
  // Only the Service's own slices: the explanation then lists no other Service's slices.
  return buildReportModel({
    input: { ...input, endpointSlices: slicesOf(ctx.objects, service), advise: true },
    title: qualifiedName(service),
    inputs,
    generatedAt: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    toolVersion: TOOL_VERSION,
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
  const service = targetService(ctx);
  const input = simulationInput(ctx, service);
  if (ctx.output === 'json') return withErrors({ stdout: json(reportData(ctx, service, input)) }, simulateTraffic(input).warnings);
  const page = buildReport(ctx, service, input);
  const path = stringOption(ctx.values, 'html');
  const warnings = simulateTraffic(input).warnings;
  if (path === undefined) return withErrors({ stdout: page }, warnings);
  return withErrors({ stdout: `wrote ${path}\n`, files: [{ path, content: page }] }, warnings);
}
