/**
 * `kube-traffic select`: what kube-proxy on one node does with one flow to a Service.
 *
 * @module
 */
import { type DataPlaneProfileOption, type Endpoint, PROFILES, type ProfileFlowResult, type ProfiledSelectInput, type SelectInput, isLocal, selectEndpoints } from '../../index.js';
import { type CommandOutput, type Conditions, type Context, FLOW_HELP, FLOW_OPTIONS, flowOptions, json, requireOption } from '../context.js';
import { flowReason, formattedExplanation, topologyText } from '../describe.js';
import type { KubeObject } from '../load.js';
import { checkPort, findNode, meta, qualifiedName, slicesOf, targetService } from '../lookup.js';
import { topologyRequested } from './explain.js';
import { PROFILE_HELP, PROFILE_OPTIONS, checkProfileFailOn, profileOption } from '../profile.js';
import { type Style, paintAction } from '../style.js';
import { formatFields, formatTable } from '../table.js';

/** Usage of `select`. */
export const SELECT_HELP = `Usage: kube-traffic select svc/NAME [-n NAMESPACE] --node NODE [-f FILE] [options]

Which endpoints kube-proxy on NODE lets one flow to the Service reach, what it does with the
traffic (FORWARD, DROP or REJECT; NOT-HANDLED when kube-proxy writes no rule for it, as for
external IPs with the AllowServiceExternalIPs gate off), the traffic policy that chose the list,
and why.

Options:
  svc/NAME, NS/NAME     the Service (required; also --service NS/NAME)
  --node NODE           the client node (required; a Node in the input)
${FLOW_HELP}
${PROFILE_HELP}

With -o json, prints the selectEndpoints result: kind, action, endpoints, policy, decidedBy,
via, from, categorized (topologyMode, clusterEndpoints, localEndpoints, …), explanation.

-o wide adds each endpoint's IP and port. --fail-on: drop, reject, not-handled (the action),
topology-off (topology was asked for but is off on this node; not with --profile).

With --profile, the data plane's decision where its pinned source settles the flow (Antrea
rejects where kube-proxy drops); where it does not (most data planes' reaction to an empty
list), an error says so (exit 2) rather than a guess. -o json then prints the profile result:
kind "profile", profile, action, endpoints, policy, decidedBy (the rule), categorized (with
Istio's tiers), explanation.

Example:
  kube-traffic select svc/cache -n shop --node node-b2 -f examples/cluster.yaml
`;

/** What --fail-on may gate on in a select result. */
function selectConditions(ctx: Context, service: KubeObject, result: ReturnType<typeof selectEndpoints>, nodeName: string): Conditions {
  if (result.kind !== 'proxied') return {};
  const who = `${qualifiedName(service)} from ${result.from} on ${nodeName}`;
  const mode = result.categorized.topologyMode;
  const off = mode !== null && mode.kind === 'none' && topologyRequested(service, slicesOf(ctx.objects, service));
  return {
    drop: result.action === 'drop' ? [`${who} (${result.policy}, decided by ${result.decidedBy})`] : [],
    reject: result.action === 'reject' ? [`${who} (${result.policy}, decided by ${result.decidedBy})`] : [],
    notHandled: result.action === 'not-handled' ? [`${who} via ${result.via}: AllowServiceExternalIPs is off, so kube-proxy writes no rule for it`] : [],
    topologyOff: off ? [`${who}: none (${mode.cause})`] : [],
  };
}

/** Option definitions of `select`. */
export const SELECT_OPTIONS = { node: { type: 'string', meta: 'NODE' }, ...FLOW_OPTIONS, ...PROFILE_OPTIONS } as const;

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
  const service = targetService(ctx);
  const nodeName = requireOption(ctx.values, 'node', 'NODE');
  const node = findNode(ctx.objects, nodeName);
  const flow = flowOptions(ctx.values);
  checkPort(service, flow.port);
  // `explain: true` asks for the library's explanation where this version has it (issue 4).
  // Only the Service's own slices: the explanation then lists no other Service's slices.
  const profile = profileOption(ctx.values);
  checkProfileFailOn(ctx.values, profile);
  const input = { service, endpointSlices: slicesOf(ctx.objects, service), node, ...flow, ...ctx.release, explain: true };
  if (profile !== null) {
    const r = selectEndpoints({ ...input, profile } as ProfiledSelectInput<DataPlaneProfileOption>);
    const who = `${qualifiedName(service)} from ${r.from} on ${nodeName}`;
    const conditions: Conditions = { drop: [], reject: r.action === 'reject' ? [`${who} as ${r.profile} (${r.policy}, rule ${r.decidedBy})`] : [] };
    if (ctx.output === 'json') return { stdout: json(r), conditions };
    return { stdout: profileFlowText(r, ctx.style, ctx.format === 'wide'), conditions };
  }
  const result = selectEndpoints(input as SelectInput);
  const conditions = selectConditions(ctx, service, result, nodeName);
  if (ctx.output === 'json') return { stdout: json(result), conditions };

  const { style } = ctx;
  const m = meta(service);
  if (result.kind === 'not-proxied') {
    return { stdout: formatFields([['Service', `${m.namespace}/${m.name}`], ['Node', nodeName], ['Action', `not proxied (${result.reason})`], ['Why', result.message]]), conditions };
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
  return { conditions, stdout: flowText(head, why, result.endpoints, style, ctx.format === 'wide', c.node) };
}

/**
 * The fields, the explanation and the endpoint table of one flow's decision. `localTo`: the
 * client node of a kube-proxy result, for the LOCAL column (`isLocal` answers it); `null` leaves
 * the column out.
 */
function flowText(head: string, why: readonly string[], endpoints: readonly Endpoint[], style: Style, wide: boolean, localTo: { readonly name: string } | null): string {
  const rows = endpoints.map((e) => [
    e.key,
    ...(wide ? [e.ip, String(e.port ?? '-')] : []),
    e.nodeName ?? '-',
    e.zone ?? '-',
    e.ready ? 'true' : 'false',
    e.serving ? 'true' : 'false',
    e.terminating ? 'true' : 'false',
    ...(localTo !== null ? [isLocal({ node: localTo }, e) ? 'yes' : ''] : []),
    [...e.zoneHints, ...e.nodeHints.map((n) => `node:${n}`)].join(',') || '-',
  ]);
  const table = rows.length === 0
    ? '(no endpoints)\n'
    : formatTable(['ENDPOINT', ...(wide ? ['IP', 'PORT'] : []), 'NODE', 'ZONE', 'READY', 'SERVING', 'TERMINATING', ...(localTo !== null ? ['LOCAL'] : []), 'HINTS'], rows, (t, _c, _i, row) => (row < 0 ? style.bold(t) : t));
  return `${head}\n${style.bold('Why:')}\n${why.map((l) => `  ${l}`).join('\n')}\n\n${style.bold(`Endpoints (${rows.length}):`)}\n${table}`;
}

/** A profile's flow decision as text: the same fields and table as kube-proxy's, naming the data plane and its rules. */
function profileFlowText(r: ProfileFlowResult, style: Style, wide: boolean): string {
  const c = r.categorized;
  const info = PROFILES.find((p) => p.id === r.profile);
  const portName = c.port.name === '' ? String(c.port.port) : c.port.name;
  const head = formatFields([
    ['Service', `${c.service.namespace}/${c.service.name}`],
    ['Node', `${c.node.name}${c.node.zone === '' ? ' (no zone label)' : ` (${c.node.zone})`}`],
    ['Data plane', `${r.profile}${info === undefined ? '' : ` (${info.title})`}`],
    ['Flow', `${r.via} from ${r.from}, port ${portName} (${c.port.port ?? '?'}/${c.port.protocol}), ${c.ipFamily}`],
    ['Action', paintAction(style, r.action.toUpperCase())],
    ['Policy', `${r.policy} (rule ${r.decidedBy})`],
    ...(c.tiers === null ? [] : [['Tiers', c.tiers.map((t) => `[${t.map((e) => e.key).join(' ')}]`).join(' > ') || '(none)'] as [string, string]]),
  ]);
  return flowText(head, formattedExplanation(r) ?? [], r.endpoints, style, wide, null);
}
