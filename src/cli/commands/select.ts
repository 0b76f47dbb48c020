/**
 * `kube-traffic select`: what kube-proxy on one node does with one flow to a Service.
 *
 * @module
 */
import { type SelectInput, selectEndpoints } from '../../index.js';
import { type CommandOutput, type Context, FLOW_HELP, FLOW_OPTIONS, flowOptions, json, requireOption } from '../context.js';
import { flowReason, formattedExplanation, topologyText } from '../describe.js';
import { checkPort, findNode, findService, meta, slicesOf } from '../lookup.js';
import { paintAction } from '../style.js';
import { formatFields, formatTable } from '../table.js';

/** Usage of `select`. */
export const SELECT_HELP = `Usage: kube-traffic select -f FILE --service NAMESPACE/NAME --node NODE [options]

Which endpoints kube-proxy on NODE lets one flow to the Service reach, what it does with the
traffic (FORWARD, DROP or REJECT), the traffic policy that chose the list, and why.

Options:
  --service NS/NAME     the Service (required)
  --node NODE           the client node (required; a Node in the input)
${FLOW_HELP}

With -o json, prints the selectEndpoints result: kind, action, endpoints, policy, decidedBy,
via, from, categorized (topologyMode, clusterEndpoints, localEndpoints, …), explanation.

Example:
  kube-traffic select -f examples/cluster.yaml --service shop/cache --node node-b2
`;

/** Option definitions of `select`. */
export const SELECT_OPTIONS = { service: { type: 'string' }, node: { type: 'string' }, ...FLOW_OPTIONS } as const;

/**
 * Runs `select`.
 *
 * @throws {@link InputError} for an unknown Service, node or port; {@link UsageError} for missing options
 * @example
 * ```ts
 * runSelect(ctx).stdout; // => 'Service:   shop/cache …'
 * ```
 */
export function runSelect(ctx: Context): CommandOutput {
  const serviceRef = requireOption(ctx.values, 'service', 'NAMESPACE/NAME');
  const nodeName = requireOption(ctx.values, 'node', 'NODE');
  const service = findService(ctx.objects, serviceRef);
  const node = findNode(ctx.objects, nodeName);
  const flow = flowOptions(ctx.values);
  if (flow.port !== undefined) checkPort(service, flow.port);
  // `explain: true` asks for the library's explanation where this version has it (issue 4).
  // Only the Service's own slices: the explanation then lists no other Service's slices.
  const input = { service, endpointSlices: slicesOf(ctx.objects, service), node, ...flow, ...ctx.release, explain: true };
  const result = selectEndpoints(input as SelectInput);
  if (ctx.output === 'json') return { stdout: json(result) };

  const { style } = ctx;
  const m = meta(service);
  if (result.kind === 'not-proxied') {
    return { stdout: formatFields([['Service', `${m.namespace}/${m.name}`], ['Node', nodeName], ['Action', `not proxied (${result.reason})`], ['Why', result.message]]) };
  }
  const c = result.categorized;
  const portName = c.port.name === '' ? String(c.port.port) : c.port.name;
  const head = formatFields([
    ['Service', `${m.namespace}/${m.name}`],
    ['Node', `${c.node.name}${c.node.zone === '' ? ' (no zone label)' : ` (${c.node.zone})`}`],
    ['Flow', `${result.via} from ${result.from}, port ${portName} (${c.port.port ?? '?'}/${c.port.protocol}), ${c.ipFamily}`],
    ['Action', paintAction(style, result.action.toUpperCase())],
    ['Policy', result.policy === null ? 'none: kube-proxy does not handle this flow' : `${result.policy} (decided by ${result.decidedBy})`],
    ['Topology', topologyText(c.topologyMode)],
  ]);
  const why = formattedExplanation(result) ?? flowReason(result);
  const rows = result.endpoints.map((e) => [
    e.key,
    e.nodeName ?? '-',
    e.zone ?? '-',
    e.ready ? 'true' : 'false',
    e.serving ? 'true' : 'false',
    e.terminating ? 'true' : 'false',
    e.isLocal ? 'yes' : '',
    [...e.zoneHints, ...e.nodeHints.map((n) => `node:${n}`)].join(',') || '-',
  ]);
  const table = rows.length === 0
    ? '(no endpoints)\n'
    : formatTable(['ENDPOINT', 'NODE', 'ZONE', 'READY', 'SERVING', 'TERMINATING', 'LOCAL', 'HINTS'], rows, (t, _c, _i, row) => (row < 0 ? style.bold(t) : t));
  return {
    stdout: `${head}\n${style.bold('Why:')}\n${why.map((l) => `  ${l}`).join('\n')}\n\n${style.bold(`Endpoints (${rows.length}):`)}\n${table}`,
  };
}
