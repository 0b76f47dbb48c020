/**
 * `kube-traffic compare`: one Service and one client node through several data planes' rules
 * (deviation profiles): the endpoints each one picks and, for every endpoint they disagree on,
 * the rule of each that decided it. The comparison and its text are the library's
 * (`compareProfiles`, `formatComparison`).
 *
 * @module
 */
import { type CategorizeInput, PROFILES, compareProfiles, formatComparison } from '../../index.js';
import { type CommandOutput, type Context, json, requireOption, stringOption } from '../context.js';
import { UsageError } from '../errors.js';
import { checkPort, findNode, slicesOf, targetService } from '../lookup.js';
import { PROFILE_OPTIONS, profileList } from '../profile.js';

/** Usage of `compare`. */
export const COMPARE_HELP = `Usage: kube-traffic compare svc/NAME [-n NAMESPACE] --node NODE [-f FILE] [options]

The endpoints each data plane picks for a client on NODE, one row per data plane (Cluster and
Local lists; "-" where that data plane never uses the list, "(none)" where it is empty; Istio's
priority tiers), then every endpoint on which they disagree: which ones pick it, and the rule
of each that decided it. A data plane whose pinned source does not settle this input says so
instead of guessing.

Options:
  svc/NAME, NS/NAME     the Service (required; also --service NS/NAME)
  --node NODE           the client node (required; a Node in the input)
  --port P              the Service port, by name or number (optional when the Service has one)
  --ip-family F         IPv4 or IPv6 (default: the Service's primary family)
  --profile LIST        the data planes to compare, comma-separated or repeated (default: all):
                        ${PROFILES.map((p) => p.name).join(', ')}
                        (or their pinned names, such as cilium@1.21.0-dev+5b27d687)
  --profile-gate G=B    a data plane's own feature gate (repeatable), for the compared data
                        plane that has it (Antrea: PreferSameTrafficDistribution, …)
  --profile-option O=B  a data plane's own option (repeatable; Cilium:
                        enable-service-topology)

--kubernetes-version and --gate set up the kube-proxy row only; the other data planes answer as
their pinned versions do.

With -o json (or yaml), prints the compareProfiles result: answers (profile, result or error),
differences (endpoint, list, pickedBy, skippedBy, reasons with each profile's rule), listUse.

Example:
  kube-traffic compare svc/web -n shop --node node-b2 -f examples/cluster.yaml --profile kube-proxy,cilium,istio
`;

/** Option definitions of `compare`: `--profile` is a list here. */
export const COMPARE_OPTIONS = {
  node: { type: 'string', meta: 'NODE' },
  port: { type: 'string', meta: 'PORT' },
  'ip-family': { type: 'string', meta: 'IPv4|IPv6' },
  ...PROFILE_OPTIONS,
  profile: { type: 'string', multiple: true, meta: 'LIST' },
} as const;

/**
 * Runs `compare`.
 *
 * @throws {@link UsageError} for a missing `--node` or an unknown profile; {@link InputError} for an unknown Service or node
 * @example
 * ```ts
 * runCompare(ctx).stdout; // => 'shop/web, port "http" (80/TCP), client node node-b2 in zone-b\nkube-proxy  Cluster: …'
 * ```
 */
export function runCompare(ctx: Context): CommandOutput {
  const service = targetService(ctx);
  const nodeName = requireOption(ctx.values, 'node', 'NODE');
  const node = findNode(ctx.objects, nodeName);
  const portText = stringOption(ctx.values, 'port');
  const port = portText === undefined ? undefined : /^\d+$/.test(portText) ? Number(portText) : portText;
  checkPort(service, port);
  const ipFamily = stringOption(ctx.values, 'ip-family');
  if (ipFamily !== undefined && ipFamily !== 'IPv4' && ipFamily !== 'IPv6') throw new UsageError(`--ip-family must be one of IPv4, IPv6, not "${ipFamily}"`);
  const profiles = profileList(ctx.values);
  const input = {
    service,
    endpointSlices: slicesOf(ctx.objects, service),
    node,
    ...(port !== undefined && { port }),
    ...(ipFamily !== undefined && { ipFamily }),
    ...ctx.release,
  } as CategorizeInput;
  const comparison = compareProfiles(input, profiles);
  if (ctx.output === 'json') return { stdout: json(comparison) };
  return { stdout: `${formatComparison(comparison)}\n` };
}
