/**
 * `kube-traffic watch`: its usage and flags. The watch itself (I/O) is src/cli/watch.ts, which
 * main.ts runs; `run` only parses its command line.
 *
 * @module
 */
import { FLOW_OPTIONS } from '../context.js';

/** Option definitions of `watch`. */
export const WATCH_OPTIONS = { port: FLOW_OPTIONS.port } as const;

/** Usage of `watch`. */
export const WATCH_HELP = `Usage: kube-traffic watch svc/NAME [-n NAMESPACE] [--context NAME] [--kubeconfig FILE] [options]

Follows the Service, its EndpointSlices and the Nodes on the live cluster and prints one
timestamped line whenever a routing decision changes:

  - topology switched on or off (and, when a ready endpoint has no zone hint, which one);
  - the controller writing or removing an endpoint's hints; endpoints added or removed;
  - a node starting or stopping to drop Local traffic (itp: internalTrafficPolicy,
    etp: externalTrafficPolicy);
  - a zone falling back to cluster-wide routing (no endpoint hinted for it);
  - no endpoint ready: traffic only to terminating endpoints.

The first lines give the state at the start. It resumes when the API server ends the watch,
lists again after 410 Gone, reconnects with back-off (1 s, doubling to 30 s) and stops on
Ctrl-C (exit 0).

Options:
  --port P              the Service port, by name or number (default: the first)
  -o json               one JSON object per change: { time, service, kind, message, before, after }
  --kubernetes-version V, --gate NAME=true|false   as for the other commands

Example:
  kube-traffic watch svc/web -n shop
`;
