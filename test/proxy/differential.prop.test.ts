/**
 * Speed never buys a wrong answer: every conformance vector and random inputs (every release,
 * duplicates across slices, several nodes each) go through the optimised path — a prepared
 * Service answering from its index — and through the rule functions applied one endpoint at a
 * time, with no index: the duplicates rule for each duplicated `IP:port` (duplicates.ts), the
 * topology-mode rule on facts counted by plain filters (topology-mode.ts), and the per-endpoint
 * verdicts of the Cluster and Local lists (cluster-list.ts, local-list.ts), over endpoints sorted
 * here by address and port. Both must give identical results: the same topology mode, the same
 * endpoint objects in the same order in every list, the same flags and flow decisions.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type CategorizeInput,
  type CategorizedEndpoints,
  type ClientNode,
  type Endpoint,
  type From,
  type GateOverrides,
  KUBERNETES_VERSIONS,
  type KubernetesVersion,
  KubeTrafficError,
  type PreparedService,
  type Via,
  prepareService,
} from '../../src/index.js';
import { readGates } from '../../src/model/gates.js';
import { type Rec, Reader } from '../../src/model/read.js';
import { RELEASES } from '../../src/model/releases.js';
import { clusterMembership } from '../../src/proxy/cluster-list.js';
import { type Copy, keptCopy } from '../../src/proxy/duplicates.js';
import { type DuplicateGroups, collectEndpoints } from '../../src/proxy/endpoints.js';
import { decideFlow } from '../../src/proxy/flow.js';
import { localMembership } from '../../src/proxy/local-list.js';
import { type NodeIdentity, readNode } from '../../src/proxy/node.js';
import { proxyReleaseRules } from '../../src/proxy/release-rules.js';
import { readService } from '../../src/proxy/service.js';
import { type TopologyFacts, topologyMode } from '../../src/proxy/topology-mode.js';
import { parseIP } from '../../src/util/ip.js';
import { loadVectorFiles } from '../conformance/vectors.js';
import { clientNodeArb, inputArb } from './arbitraries.js';

interface Case {
  readonly input: CategorizeInput;
  readonly gates?: GateOverrides;
  readonly kubernetesVersion?: KubernetesVersion | string;
  readonly nodes: readonly ClientNode[];
}

/** Address (as its 16-byte sort key) then port: the order kube-traffic promises for every list. */
function byAddressThenPort(a: Endpoint, b: Endpoint): number {
  const x = parseIP(a.ip)!.order;
  const y = parseIP(b.ip)!.order;
  return x < y ? -1 : x > y ? 1 : a.port - b.port;
}

/** Ready endpoints by each name their hints give, counted one endpoint at a time. */
function byHint(ready: readonly Endpoint[], names: (ep: Endpoint) => readonly string[]): Map<string, Endpoint[]> {
  const out = new Map<string, Endpoint[]>();
  for (const ep of ready) for (const n of names(ep)) out.set(n, [...(out.get(n) ?? []), ep]);
  return out;
}

const servingTerminating = (ep: Endpoint): boolean => !ep.ready && ep.serving && ep.terminating;

/** What the optimised path must equal, worked out by the rule functions without an index. */
interface PlainAnswer {
  readonly topologyMode: CategorizedEndpoints['topologyMode'];
  readonly clusterEndpoints: readonly Endpoint[] | null;
  readonly localEndpoints: readonly Endpoint[] | null;
  readonly allReachableEndpoints: readonly Endpoint[];
  readonly hasAnyEndpoints: boolean;
  readonly terminatingFallback: { readonly cluster: boolean; readonly local: boolean };
}

function plainRules(c: Case, prepared: PreparedService, policy: CategorizedEndpoints['policy']) {
  const reader = new Reader();
  const view = readService(reader, c.input.service, '$.service');
  const version = prepared.kubernetesVersion;
  const gates = readGates(reader, { gates: c.gates ?? c.input.gates } as Rec, 'gates', '$', version);
  const rules = proxyReleaseRules(version, gates, view.annotations);
  const duplicateRule = RELEASES[version].behaviour.duplicates;
  const { items, path } = reader.list({ endpointSlices: c.input.endpointSlices } as Rec, 'endpointSlices', '$');
  const port = prepared.port!;
  const groups: DuplicateGroups = new Map();
  // The slice conversion (endpoints.ts states §3.1–3.8); the order and the copy each node sees are
  // worked out below, not taken from it.
  const converted = collectEndpoints(
    new Reader(),
    items,
    path,
    { namespace: view.namespace, serviceName: view.name, family: prepared.ipFamily, portName: port.name, protocol: port.protocol, nodeHints: gates.PreferSameTrafficDistribution, duplicates: duplicateRule },
    undefined,
    groups,
  );
  const sorted = [...converted].sort(byAddressThenPort);

  const answer = (node: NodeIdentity): PlainAnswer => {
    // §3.9: for each duplicated IP:port, the copy the duplicates rule keeps for this node.
    const kept = (ep: Endpoint): Endpoint => {
      const copies: readonly Copy[] | undefined = groups.get(ep.key);
      return copies === undefined ? ep : copies[keptCopy(duplicateRule, copies, node.name).kept]!.endpoint;
    };
    const all = sorted.map(kept);
    const ready = all.filter((ep) => ep.ready);
    const facts: TopologyFacts = {
      ready,
      everyReadyHasZoneHint: ready.length > 0 && ready.every((ep) => ep.zoneHints.length > 0),
      everyReadyHasNodeHint: ready.length > 0 && ready.every((ep) => ep.nodeHints.length > 0),
      readyByZoneHint: byHint(ready, (ep) => ep.zoneHints),
      readyByNodeHint: byHint(ready, (ep) => ep.nodeHints),
    };
    const anyTerminating = rules.terminatingFallback && all.some(servingTerminating);
    // §4: the mode, only for a port that uses the Cluster list.
    const mode = policy.usesCluster ? topologyMode(facts, node, rules).mode : null;
    // §5: each endpoint's Cluster verdict; the fallback when no ready endpoint is admitted.
    let cluster: Endpoint[] | null = null;
    let clusterFallback = false;
    if (mode !== null) {
      const admitted = all.filter((ep) => clusterMembership(mode, false, ep) === 'endpoint-in-cluster');
      clusterFallback = admitted.length === 0 && anyTerminating;
      cluster = clusterFallback ? all.filter((ep) => clusterMembership(mode, true, ep) === 'endpoint-in-cluster') : admitted;
    }
    // §6: each endpoint's Local verdict; the fallback when no local endpoint is ready.
    let local: Endpoint[] | null = null;
    let localFallback = false;
    if (policy.usesLocal) {
      const readyLocal = all.filter((ep) => localMembership(node.name, false, ep) === 'endpoint-in-local');
      const terminatingLocal = all.filter((ep) => servingTerminating(ep) && localMembership(node.name, true, ep) === 'endpoint-in-local');
      localFallback = readyLocal.length === 0 && rules.terminatingFallback && terminatingLocal.length > 0;
      local = localFallback ? terminatingLocal : readyLocal;
    }
    // §7: the union, and whether anything is usable anywhere.
    const inCluster = new Set(cluster ?? []);
    const inLocal = new Set(local ?? []);
    const union = all.filter((ep) => inCluster.has(ep) || inLocal.has(ep));
    const hasAnyEndpoints = (cluster !== null && cluster.length > 0) || (policy.usesLocal && (ready.length > 0 || anyTerminating));
    return {
      topologyMode: mode,
      clusterEndpoints: cluster,
      localEndpoints: local,
      allReachableEndpoints: union,
      hasAnyEndpoints,
      terminatingFallback: { cluster: clusterFallback, local: localFallback },
    };
  };
  return { answer, flowRules: { externalIPsHandled: gates.AllowServiceExternalIPs } };
}

const FROMS: readonly From[] = ['pod', 'node', 'outside'];

/** Runs one case through both paths; `false` when the input is refused or not proxied. */
function compare(c: Case): boolean {
  let prepared: PreparedService;
  try {
    prepared = prepareService(c.input.service, c.input.endpointSlices, {
      ...(c.input.port !== undefined && { port: c.input.port }),
      ...(c.input.ipFamily !== undefined && { ipFamily: c.input.ipFamily }),
      ...((c.gates ?? c.input.gates) !== undefined && { gates: c.gates ?? c.input.gates }),
      ...((c.kubernetesVersion ?? c.input.kubernetesVersion) !== undefined && { kubernetesVersion: c.kubernetesVersion ?? c.input.kubernetesVersion }),
    });
  } catch (e) {
    if (e instanceof KubeTrafficError) return false;
    throw e;
  }
  let plain: ReturnType<typeof plainRules> | undefined;
  for (const nodeInput of c.nodes) {
    let r;
    try {
      r = prepared.categorize(nodeInput);
    } catch (e) {
      if (e instanceof KubeTrafficError) continue;
      throw e;
    }
    if (r.kind !== 'proxied') return false;
    plain ??= plainRules(c, prepared, r.policy);
    const reader = new Reader();
    const node = readNode(reader, nodeInput, '$.node', { zoneOnly: true });
    const expected = plain.answer(node);
    expect({
      topologyMode: r.topologyMode,
      clusterEndpoints: r.clusterEndpoints,
      localEndpoints: r.localEndpoints,
      allReachableEndpoints: r.allReachableEndpoints,
      hasAnyEndpoints: r.hasAnyEndpoints,
      terminatingFallback: r.terminatingFallback,
    }).toEqual(expected);
    // §8: every flow the port exposes, decided by the flow rule on the plain lists.
    const vias: Via[] = ['clusterIP'];
    if (r.policy.nodePort) vias.push('nodePort');
    if (r.policy.loadBalancerIPs) vias.push('loadBalancer');
    if (r.policy.externalIPs) vias.push('externalIP');
    for (const via of vias) {
      for (const from of FROMS) {
        const f = prepared.select(nodeInput, { via, from });
        if (f.kind !== 'proxied') throw new Error('select disagrees with categorize on being proxied');
        const want = decideFlow({ policy: r.policy, ...expected }, via, from, plain.flowRules);
        expect([f.action, f.policy, f.decidedBy, f.endpoints]).toEqual([want.action, want.policy, want.decidedBy, want.endpoints]);
      }
    }
  }
  return plain !== undefined;
}

interface ProxyVector {
  readonly name: string;
  readonly gates?: GateOverrides;
  readonly kubernetesVersion?: KubernetesVersion;
  readonly input: CategorizeInput;
}

describe('the prepared index agrees with the rule functions applied endpoint by endpoint', () => {
  for (const { file, vectors } of loadVectorFiles<ProxyVector>('kube-proxy')) {
    it(`on every vector of ${file}`, () => {
      let compared = 0;
      for (const v of vectors) {
        const ok = compare({
          input: v.input,
          ...(v.gates !== undefined && { gates: v.gates }),
          ...(v.kubernetesVersion !== undefined && { kubernetesVersion: v.kubernetesVersion }),
          nodes: [v.input.node, { name: '' }, { zone: 'zone-a' }],
        });
        expect(ok, v.name).toBe(true);
        compared++;
      }
      expect(compared).toBe(vectors.length);
    });
  }

  it('on random inputs, every release, several nodes each', () => {
    let compared = 0;
    fc.assert(
      fc.property(inputArb(), fc.constantFrom(...KUBERNETES_VERSIONS), fc.array(clientNodeArb, { minLength: 1, maxLength: 5 }), (input, kubernetesVersion, nodes) => {
        if (compare({ input, kubernetesVersion, nodes: [input.node, ...nodes] })) compared++;
      }),
      { numRuns: 400 },
    );
    // Most generated inputs must reach the comparison, or it proves little.
    expect(compared).toBeGreaterThan(200);
  });
});
