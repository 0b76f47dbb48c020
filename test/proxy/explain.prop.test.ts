/**
 * Explanations agree with the decision on random inputs, every release of the release table and
 * duplicates across slices: for every endpoint, what the explanation says about it matches the
 * lists (in the Cluster list ⇔ the explanation says so, and so on), the duplicate it names is
 * the copy the lists left out, and the topology step names the cause `topologyMode` carries.
 * An explained result is frozen plain data throughout, like any other result.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type CategorizeInput,
  type CategorizedEndpoints,
  type ClientNode,
  type Endpoint,
  type ExplanationCode,
  KUBERNETES_VERSIONS,
  type KubernetesVersion,
  KubeTrafficError,
  type TopologyMode,
  prepareService,
} from '../../src/index.js';
import { reachableObjects } from '../helpers.js';
import { inputArb } from './arbitraries.js';

const RUNS = { numRuns: 300 } as const;
let duplicatesChecked = 0;

/** The one step that states the topology mode, by the mode (independent of src/). */
function topologyCode(mode: TopologyMode | null): ExplanationCode {
  if (mode === null) return 'topology-not-used';
  if (mode.kind === 'sameNode') return 'topology-same-node';
  if (mode.kind === 'sameZone') return 'topology-same-zone';
  const byCause = {
    'no-ready-endpoints': 'topology-no-ready-endpoints',
    'endpoint-without-hint': 'topology-endpoint-without-zone-hint',
    'no-endpoint-for-zone': 'topology-no-endpoint-for-zone',
    'annotation-required': 'topology-annotation-required',
    'gate-off': 'topology-hints-gated-off',
    'node-without-zone': 'topology-node-without-zone',
  } as const satisfies Record<string, ExplanationCode>;
  return byCause[mode.cause];
}

const MODE_CODES: readonly ExplanationCode[] = [
  'topology-not-used',
  'topology-same-node',
  'topology-same-zone',
  'topology-no-ready-endpoints',
  'topology-endpoint-without-zone-hint',
  'topology-no-endpoint-for-zone',
  'topology-annotation-required',
  'topology-hints-gated-off',
  'topology-node-without-zone',
];

const versionArb = fc.constantFrom<KubernetesVersion>(...KUBERNETES_VERSIONS);

/** A valid input under some release, queried on several nodes; invalid combinations are discarded. */
const caseArb = fc.record({
  input: inputArb({ unproxied: false }),
  version: versionArb,
  nodes: fc.array(fc.constantFrom<ClientNode>(
    { name: 'node-a', zone: 'zone-a' },
    { name: 'node-b', zone: 'zone-b' },
    { name: 'node-c' },
    { name: 'node-d', labels: { 'topology.kubernetes.io/zone': 'zone-c' } },
    { name: '' },
  ), { minLength: 1, maxLength: 4 }),
});

function check(r: CategorizedEndpoints): void {
  const steps = r.explanation ?? [];
  const lists = { cluster: r.clusterEndpoints, local: r.localEndpoints };
  const reachable = new Map(r.allReachableEndpoints.map((e) => [e.key, e]));
  for (const list of ['cluster', 'local'] as const) {
    const used = lists[list];
    const verdicts = steps.filter((s) => s.list === list);
    if (used === null) {
      expect(verdicts).toEqual([]);
      continue;
    }
    const inList = new Map<string, Endpoint>(used.map((e) => [e.key, e]));
    const said = new Map<string, ExplanationCode>();
    for (const s of verdicts) {
      expect(said.has(s.endpoint!), `one verdict for ${s.endpoint} in ${list}`).toBe(false);
      said.set(s.endpoint!, s.code);
      const saysIn = s.code === (list === 'cluster' ? 'endpoint-in-cluster' : 'endpoint-in-local');
      expect(saysIn, `${s.endpoint} ${s.code} vs the ${list} list`).toBe(inList.has(s.endpoint!));
      // The facts the step states are those of the copy the lists use.
      const listed = inList.get(s.endpoint!);
      if (listed !== undefined) {
        expect(s.data).toMatchObject({ ready: listed.ready, serving: listed.serving, terminating: listed.terminating, nodeName: listed.nodeName });
      }
    }
    // Every endpoint of the list has a verdict.
    for (const key of inList.keys()) expect(said.get(key)).toBe(list === 'cluster' ? 'endpoint-in-cluster' : 'endpoint-in-local');
  }
  // A copy called a duplicate is not the copy used, and the copy said to be used is.
  for (const s of steps.filter((x) => x.code === 'endpoint-duplicate')) {
    const used = reachable.get(s.endpoint!);
    if (used !== undefined) {
      expect(s.data.keptSlice).toBe(used.slice);
      duplicatesChecked++;
    }
  }
  // The topology step names the cause the decision carries.
  const modeSteps = steps.filter((s) => MODE_CODES.includes(s.code));
  expect(modeSteps.map((s) => s.code)).toEqual([topologyCode(r.topologyMode)]);
  const mode = r.topologyMode;
  const stated = modeSteps[0]!;
  if (mode?.kind === 'sameZone' && stated.code === 'topology-same-zone') expect(stated.data.zone).toBe(mode.zone);
  if (mode?.kind === 'sameNode' && stated.code === 'topology-same-node') expect(stated.data.node).toBe(mode.node);
  if (mode?.kind === 'none' && stated.code === 'topology-no-endpoint-for-zone') expect(stated.data.zone).toBe(r.node.zone);
  expect(steps.some((s) => s.code === 'fallback-cluster-terminating')).toBe(r.terminatingFallback.cluster);
  expect(steps.some((s) => s.code === 'fallback-local-terminating')).toBe(r.terminatingFallback.local);
  // An explained result is plain data too: frozen all the way down, no accessor, no class instance.
  for (const o of reachableObjects(r)) {
    expect(Object.isFrozen(o), `not frozen: ${JSON.stringify(o).slice(0, 80)}`).toBe(true);
    expect([Object.prototype, Array.prototype]).toContain(Object.getPrototypeOf(o));
    for (const d of Object.values(Object.getOwnPropertyDescriptors(o))) expect('value' in d, 'an accessor property').toBe(true);
  }
}

describe('explanations agree with the lists (property, every release)', () => {
  it('per endpoint, per duplicate and for the topology mode', () => {
    let checked = 0;
    const versions = new Set<string>();
    fc.assert(
      fc.property(caseArb, ({ input, version, nodes }) => {
        let prepared;
        try {
          prepared = prepareService(input.service, input.endpointSlices, { ...pick(input), kubernetesVersion: version });
        } catch (e) {
          // A gate override that this release does not have, or a malformed generated value.
          if (e instanceof KubeTrafficError) return;
          throw e;
        }
        for (const node of nodes) {
          const r = prepared.categorize(node, { explain: true });
          if (r.kind !== 'proxied') continue;
          const plain = prepared.categorize(node);
          if (plain.kind !== 'proxied') throw new Error('explain changed the verdict');
          expect(r.clusterEndpoints?.map((e) => e.key) ?? null).toEqual(plain.clusterEndpoints?.map((e) => e.key) ?? null);
          check(r);
          checked++;
          versions.add(version);
        }
      }),
      RUNS,
    );
    // The property really ran, and over every release of the table.
    expect(checked).toBeGreaterThan(RUNS.numRuns);
    expect(duplicatesChecked).toBeGreaterThan(0);
    expect([...versions].sort()).toEqual([...KUBERNETES_VERSIONS].sort());
  });
});

function pick(input: CategorizeInput): { port?: string | number; ipFamily?: 'IPv4' | 'IPv6'; gates?: Record<string, boolean> } {
  return {
    ...(input.port !== undefined && { port: input.port }),
    ...(input.ipFamily !== undefined && { ipFamily: input.ipFamily }),
    ...(input.gates !== undefined && { gates: input.gates as Record<string, boolean> }),
  };
}
