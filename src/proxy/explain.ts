/**
 * Explanations of kube-proxy's decisions, built from the decision itself: the topology mode and
 * its cause, the fallback flags, the flow decision, the per-endpoint membership verdicts that the
 * lists' union also uses, and what the slice conversion skipped (re-run with a sink only when an
 * explanation is asked for, so the fast path pays nothing).
 *
 * @module
 * @internal
 */
import type { Endpoint } from '../model/endpoint.js';
import { type ExplanationStep, step } from '../explain/codes.js';
import { DEFAULT_KUBERNETES_VERSION, type KubernetesVersion } from '../model/releases.js';
import type { Decision, ListRules } from './categorize.js';
import type { EndpointIndex } from './endpoint-index.js';
import type { Skipped } from './endpoints.js';
import type { KeptCopyReason } from './duplicates.js';
import type { FlowDecision } from './flow.js';
import { type ClusterMembership, clusterMembership } from './cluster-list.js';
import { type LocalMembership, localMembership } from './local-list.js';
import type { IndexView } from './prepare.js';
import type { NodeIdentity } from './node.js';
import type { PortPolicy } from './port-policy.js';
import type { From, PortRef, Via } from './types.js';

/** What the input held beyond the merged endpoints, found by re-running the conversion. */
export interface InputFacts {
  readonly skipped: readonly Skipped[];
  /** Some input endpoint carries `hints.forNodes`, read or not. */
  readonly nodeHintsInInput: boolean;
}

/** Everything fixed per prepared Service that explanations mention. */
export interface ExplainFrame {
  readonly version: KubernetesVersion;
  readonly rules: ListRules;
  readonly policy: PortPolicy;
  readonly port: PortRef;
  readonly facts: () => InputFacts;
  /** JSON path of the slices as the input holds them (`$.endpointSlices`, or `$.endpointSlices.items` for a List). */
  readonly slicesPath: string;
}

const LIST_NAME = { cluster: 'Cluster', local: 'Local' } as const;

function versionNote(version: KubernetesVersion): string {
  return version === DEFAULT_KUBERNETES_VERSION ? '' : `${version}: `;
}

/** `" (nor do N more)"` after the first of `count` endpoints lacking something. */
function more(count: number): string {
  if (count <= 1) return '';
  return count === 2 ? ' (nor does 1 more)' : ` (nor do ${count - 1} more)`;
}

function firstAndCount(list: readonly Endpoint[], lacking: (ep: Endpoint) => boolean): { first: Endpoint | undefined; count: number } {
  let first: Endpoint | undefined;
  let count = 0;
  for (const ep of list) {
    if (!lacking(ep)) continue;
    first ??= ep;
    count++;
  }
  return { first, count };
}

/** Steps on the topology mode (kube-proxy.md §4). */
function topologySteps(frame: ExplainFrame, index: EndpointIndex, node: NodeIdentity, d: Decision): ExplanationStep[] {
  const out: ExplanationStep[] = [];
  const mode = d.topologyMode;
  if (mode === null) {
    out.push(
      step('topology-not-used', 'The port uses only the Local list (internalTrafficPolicy: Local, not reachable from outside): no topology mode is computed and hints are ignored.', {
        usesCluster: false,
      }),
    );
    return out;
  }
  const v = versionNote(frame.version);
  // Node hints present but not read: the gate decides before anything else (kube-proxy.md §3.8).
  if (!frame.rules.nodeMode && frame.facts().nodeHintsInInput) {
    out.push(
      step('topology-node-hints-gated-off', `${v}Node hints (hints.forNodes) are ignored: the PreferSameTrafficDistribution gate is off.`, {
        gate: 'PreferSameTrafficDistribution',
      }),
    );
  }
  // The rule's reason for refusing same-node routing: zone hints were tried instead (kube-proxy.md §4.3).
  if (d.sameNodeRefused === 'endpoint-without-node-hint') {
    const { first, count } = firstAndCount(index.ready, (ep) => ep.nodeHints.length === 0);
    const key = first?.key ?? '';
    out.push(
      step(
        'topology-endpoint-without-node-hint',
        `Same-node routing is off: ready endpoint ${key} has no node hint${more(count)}; zone hints are tried instead.`,
        { endpoint: key, withoutNodeHint: count },
        { endpoint: key },
      ),
    );
  } else if (d.sameNodeRefused === 'no-endpoint-for-node') {
    out.push(
      step('topology-no-endpoint-for-node', `Same-node routing is off: no ready endpoint is hinted for node ${node.name}; zone hints are tried instead.`, {
        node: node.name,
        hintedNodes: Object.freeze([...index.readyByNodeHint.keys()].sort()),
      }),
    );
  }
  if (mode.kind === 'sameNode') {
    const n = index.readyByNodeHint.get(mode.node)?.length ?? 0;
    out.push(
      step('topology-same-node', `Same-node routing: every ready endpoint has a node hint, and ${n} ${n === 1 ? 'is' : 'are'} hinted for node ${mode.node}.`, {
        node: mode.node,
        candidates: n,
      }),
    );
    return out;
  }
  if (mode.kind === 'sameZone') {
    const n = index.readyByZoneHint.get(mode.zone)?.length ?? 0;
    out.push(
      step('topology-same-zone', `Same-zone routing: every ready endpoint has a zone hint, and ${n} ${n === 1 ? 'is' : 'are'} hinted for zone ${mode.zone}.`, {
        zone: mode.zone,
        candidates: n,
      }),
    );
    return out;
  }
  switch (mode.cause) {
    case 'no-ready-endpoints':
      out.push(step('topology-no-ready-endpoints', 'No endpoint is ready, so topology filters nothing.', { ready: 0 }));
      break;
    case 'endpoint-without-hint': {
      const { first, count } = firstAndCount(index.ready, (ep) => ep.zoneHints.length === 0);
      const key = first?.key ?? '';
      const message =
        count === index.ready.length
          ? `No ready endpoint has a zone hint (${key} is the first of ${count}), so there is no zone routing: all ready endpoints are used.`
          : `Zone routing is off for every client: ready endpoint ${key} has no zone hint${more(count)}, and kube-proxy needs one on every ready endpoint.`;
      out.push(
        step(
          'topology-endpoint-without-zone-hint',
          message,
          { endpoint: key, withoutZoneHint: count, ready: index.ready.length },
          { endpoint: key },
        ),
      );
      break;
    }
    case 'no-endpoint-for-zone':
      out.push(
        step(
          'topology-no-endpoint-for-zone',
          node.zone === ''
            ? `Node ${node.name} has no topology.kubernetes.io/zone label, and no ready endpoint is hinted for the empty zone: all ready endpoints are used.`
            : `No ready endpoint is hinted for zone ${node.zone}: all ready endpoints are used.`,
          { zone: node.zone, hintedZones: Object.freeze([...index.readyByZoneHint.keys()].sort()) },
        ),
      );
      break;
    case 'node-without-zone':
      out.push(
        step('topology-node-without-zone', `${v}Node ${node.name} has no topology.kubernetes.io/zone label, which kube-proxy before 1.33 refuses for zone routing.`, {
          node: node.name,
          kubernetesVersion: frame.version,
        }),
        step('release-rule', `${v}kube-proxy refuses zone routing for a node without a zone label (no explicit check from 1.33).`, {
          kubernetesVersion: frame.version,
          rule: 'zone-label-required',
        }),
      );
      break;
    case 'annotation-required':
      out.push(
        step(
          'topology-annotation-required',
          `${v}Zone hints are ignored because the Service has no enabling topology annotation (service.kubernetes.io/topology-mode or topology-aware-hints, any value but empty or disabled).`,
          { kubernetesVersion: frame.version },
        ),
        step('release-rule', `${v}kube-proxy checks the Service's topology annotation before using hints (the check is gone from 1.33).`, {
          kubernetesVersion: frame.version,
          rule: 'topology-annotation-required',
        }),
      );
      break;
    case 'gate-off':
      out.push(
        step('topology-hints-gated-off', `${v}Zone hints are ignored: the TopologyAwareHints gate is off.`, {
          gate: 'TopologyAwareHints',
          kubernetesVersion: frame.version,
        }),
      );
      break;
  }
  return out;
}

function fallbackSteps(frame: ExplainFrame, index: EndpointIndex, d: Decision): ExplanationStep[] {
  const out: ExplanationStep[] = [];
  if (d.clusterFallback) {
    out.push(
      step(
        'fallback-cluster-terminating',
        `No endpoint is ready anywhere: the Cluster list falls back to the ${index.servingTerminating.length} serving-terminating endpoint(s), ignoring hints.`,
        { servingTerminating: index.servingTerminating.length },
      ),
    );
  }
  if (d.localFallback) {
    out.push(
      step('fallback-local-terminating', `No local endpoint is ready: the Local list falls back to the ${d.local?.length ?? 0} local serving-terminating endpoint(s).`, {
        servingTerminating: d.local?.length ?? 0,
      }),
    );
  }
  if (!frame.rules.terminatingFallback && index.ready.length === 0 && index.servingTerminating.length > 0) {
    out.push(
      step('release-rule', `${versionNote(frame.version)}ProxyTerminatingEndpoints is off: serving-terminating endpoints are never used and do not count as endpoints.`, {
        kubernetesVersion: frame.version,
        rule: 'no-terminating-fallback',
      }),
    );
  }
  return out;
}

function membershipMessage(m: ClusterMembership | LocalMembership, ep: Endpoint, list: 'cluster' | 'local', d: Decision, node: NodeIdentity): string {
  const name = LIST_NAME[list];
  switch (m) {
    case 'endpoint-in-cluster':
    case 'endpoint-in-local':
      return `${ep.key} is in the ${name} list${d.clusterFallback && list === 'cluster' ? ' (serving-terminating fallback)' : ''}.`;
    case 'endpoint-not-ready':
      return `${ep.key} is not in the ${name} list: it is neither ready nor serving-and-terminating.`;
    case 'endpoint-terminating-unused':
      return `${ep.key} is not in the ${name} list: it is terminating, and serving-terminating endpoints are used only when no ${list === 'local' ? 'local ' : ''}endpoint is ready.`;
    case 'endpoint-other-zone':
      return `${ep.key} is not in the ${name} list: its zone hints name ${ep.zoneHints.join(', ') || 'no zone'}, not ${d.topologyMode?.kind === 'sameZone' ? d.topologyMode.zone : ''}.`;
    case 'endpoint-other-node':
      return `${ep.key} is not in the ${name} list: its node hints name ${ep.nodeHints.join(', ') || 'no node'}, not ${node.name}.`;
    case 'endpoint-not-local':
      return `${ep.key} is not in the ${name} list: it runs on ${ep.nodeName ?? 'no named node'}, not on ${node.name || 'this node'}.`;
  }
}

function endpointSteps(index: EndpointIndex, node: NodeIdentity, d: Decision): ExplanationStep[] {
  const out: ExplanationStep[] = [];
  for (const ep of index.all) {
    const data = { ready: ep.ready, serving: ep.serving, terminating: ep.terminating, nodeName: ep.nodeName, zoneHints: ep.zoneHints, nodeHints: ep.nodeHints };
    if (d.topologyMode !== null) {
      const m = clusterMembership(d.topologyMode, d.clusterFallback, ep);
      out.push(step(m, membershipMessage(m, ep, 'cluster', d, node), data, { endpoint: ep.key, list: 'cluster' }));
    }
    if (d.local !== null) {
      const m = localMembership(node.name, d.localFallback, ep);
      out.push(step(m, membershipMessage(m, ep, 'local', d, node), data, { endpoint: ep.key, list: 'local' }));
    }
  }
  return out;
}

function skippedSteps(frame: ExplainFrame): ExplanationStep[] {
  const out: ExplanationStep[] = [];
  const port = `${frame.port.name === '' ? '(unnamed)' : JSON.stringify(frame.port.name)}/${frame.port.protocol}`;
  for (const s of frame.facts().skipped) {
    const perAddress = (code: 'endpoint-other-family' | 'endpoint-other-port' | 'endpoint-hidden-slice', why: string): void => {
      (s.addresses ?? []).forEach((address, i) => {
        const name = address || '(no address)';
        out.push(step(code, `${name} (slice ${s.slice}) is not used: ${why}.`, { slice: s.slice }, { endpoint: name, path: `${s.path}.endpoints[${i}]` }));
      });
    };
    switch (s.reason) {
      case 'other-service':
        out.push(
          step('slice-other-service', `Slice ${s.slice || '(unnamed)'} belongs to another Service or namespace: its ${s.addresses?.length ?? 0} endpoint(s) are ignored.`, {
            slice: s.slice,
            endpoints: s.addresses?.length ?? 0,
          }, { path: s.path }),
        );
        break;
      case 'hidden-slice':
        perAddress('endpoint-hidden-slice', 'its slice carries service.kubernetes.io/service-proxy-name or headless, which kube-proxy does not watch');
        break;
      case 'other-family':
        perAddress('endpoint-other-family', 'its slice is of another address type than the proxier');
        break;
      case 'other-port':
        perAddress('endpoint-other-port', `its slice has no port ${port} with a port number`);
        break;
      case 'no-addresses':
        out.push(step('endpoint-no-addresses', `An endpoint of slice ${s.slice} has no address and is skipped.`, { slice: s.slice }, { endpoint: '(no address)', path: s.path }));
        break;
      case 'duplicate':
        // The conversion reports no duplicates; duplicateSteps says what the node's view kept.
        break;
    }
  }
  return out;
}

const KEPT_BECAUSE: Record<KeptCopyReason, string> = {
  'first-copy': 'the first copy seen is kept',
  'later-not-terminating': 'the last copy that is not terminating is kept',
  'local-copy': "a later copy on the client's node is kept for that node",
};

/** What the duplicates rule kept in this node's view, and each copy it left out (kube-proxy.md §3.9). */
function duplicateSteps(frame: ExplainFrame, view: IndexView): ExplanationStep[] {
  const out: ExplanationStep[] = [];
  for (const { key, copies, choice } of view.duplicates) {
    const kept = copies[choice.kept]!;
    copies.forEach((c, i) => {
      if (i === choice.kept) return;
      const path = `${frame.slicesPath}[${c.slice}].endpoints[${c.entry}]`;
      out.push(
        step(
          'endpoint-duplicate',
          `${key} in slice ${c.endpoint.slice} is a duplicate: the copy in slice ${kept.endpoint.slice} is used (${KEPT_BECAUSE[choice.because]}).`,
          { slice: c.endpoint.slice, keptSlice: kept.endpoint.slice, keptPath: `${frame.slicesPath}[${kept.slice}].endpoints[${kept.entry}]`, because: choice.because },
          { endpoint: key, path },
        ),
      );
    });
  }
  return out;
}

/** The explanation of a categorisation. */
export function explainLists(frame: ExplainFrame, view: IndexView, node: NodeIdentity, d: Decision): readonly ExplanationStep[] {
  const { index } = view;
  const assumed = node.named !== false
    ? []
    : [
        step(
          'client-zone-only',
          `The client is known only by its zone (${node.zone}): zone rules apply as for any node of that zone; node rules (node hints, Local lists) treat it as a node that holds no endpoint.`,
          { zone: node.zone },
        ),
      ];
  return Object.freeze([
    ...assumed,
    ...topologySteps(frame, index, node, d),
    ...fallbackSteps(frame, index, d),
    ...endpointSteps(index, node, d),
    ...duplicateSteps(frame, view),
    ...skippedSteps(frame),
  ]);
}

const VIA_NAME: Record<Via, string> = {
  clusterIP: 'the cluster IP',
  nodePort: 'the node port',
  loadBalancer: 'the load-balancer IP',
  externalIP: 'an external IP',
};

/** The explanation of a flow: which policy chose the list and what happens to the packets. */
export function explainFlow(policy: PortPolicy, flow: FlowDecision, via: Via, from: From, d: Decision): readonly ExplanationStep[] {
  if (flow.action === 'not-handled') {
    // One step, and no list step: no list is used (the categorisation's steps follow as usual).
    return Object.freeze([
      step(
        'flow-not-handled',
        'Not handled by kube-proxy: the AllowServiceExternalIPs gate is off, so kube-proxy writes no rule for the Service\'s external IPs and neither forwards, drops nor rejects this traffic; the node treats it as ordinary traffic to that address. The port still counts as reachable from outside, so its lists are unchanged.',
        { via, from, gate: 'AllowServiceExternalIPs' },
      ),
    ]);
  }
  const out: ExplanationStep[] = [];
  const data = { via, from, policy: flow.policy };
  if (flow.decidedBy === 'internalTrafficPolicy') {
    out.push(step('flow-internal-policy', `Traffic to ${VIA_NAME[via]} follows internalTrafficPolicy: ${policy.internalLocal ? 'Local' : 'Cluster'}, so the ${flow.policy} list is used.`, data));
  } else if (flow.decidedBy === 'short-circuit') {
    out.push(
      step(
        'flow-short-circuit',
        `Traffic from this node (${from === 'node' ? 'the host' : 'a Pod on it'}) to ${VIA_NAME[via]} of an externalTrafficPolicy: Local port is short-circuited to the Cluster list, as kube-proxy does.`,
        data,
      ),
    );
  } else {
    out.push(step('flow-external-policy', `Traffic to ${VIA_NAME[via]} follows externalTrafficPolicy: ${policy.externalLocal ? 'Local' : 'Cluster'}, so the ${flow.policy} list is used.`, data));
  }
  if (flow.action === 'reject') {
    out.push(step('flow-reject', 'Rejected: no endpoint anywhere is ready or serving-terminating, so kube-proxy rejects every packet to this port.', { hasAnyEndpoints: false }));
  } else if (flow.action === 'drop') {
    out.push(
      step(
        'flow-drop',
        `Dropped: the ${flow.policy} list is empty for this node, although usable endpoints exist elsewhere (kube-proxy drops, it does not reject).`,
        { hasAnyEndpoints: d.hasAnyEndpoints, list: flow.policy },
      ),
    );
  } else {
    out.push(step('flow-forward', `Forwarded to one of ${flow.endpoints.length} endpoint(s), chosen uniformly at random.`, { endpoints: flow.endpoints.length }));
  }
  return Object.freeze(out);
}
