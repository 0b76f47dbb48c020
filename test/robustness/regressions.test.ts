/**
 * Regressions found by the robustness fuzz (test/robustness/fuzz.test.ts, bench/fuzz.mjs): each
 * input once escaped as a raw TypeError (or overflowed the stack) instead of a KubeTrafficError.
 * Each is fixed; the test keeps it fixed.
 */
import { describe, expect, it } from 'vitest';
import { loadObjects } from '../../src/cli/load.js';
import * as lib from '../../src/index.js';
import {
  KubeTrafficError,
  type ScenarioChange,
  type SimulateInput,
  applyScenarioChange,
  compareScenarios,
  describeChange,
  endpointKey,
  isAutoAnnotation,
  parseIP,
  proxyAnnotationAllowsHints,
  resolveGates,
  topologyAnnotation,
} from '../../src/index.js';

/** The error `call` throws; fails the test when it returns or throws anything else. */
function thrown(call: () => unknown): KubeTrafficError {
  try {
    call();
  } catch (e) {
    if (e instanceof KubeTrafficError) return e;
    throw new Error(`expected a KubeTrafficError, got ${String(e)}`, { cause: e });
  }
  throw new Error('expected a KubeTrafficError, but the call returned');
}
const at = (call: () => unknown): [string, string] => {
  const e = thrown(call);
  expect(e.message.startsWith(`${e.path}: `)).toBe(true);
  return [e.code, e.path];
};

const sim = (x: unknown) => x as SimulateInput;
const change = (x: unknown) => x as ScenarioChange;
const auto: ScenarioChange = { kind: 'topologyAuto' };

describe('applyScenarioChange / compareScenarios on malformed inputs', () => {
  it('a non-object input', () => {
    expect(at(() => applyScenarioChange(sim(null), auto))).toEqual(['invalid-type', '$']);
    expect(at(() => applyScenarioChange(sim([]), auto))).toEqual(['invalid-type', '$']);
    expect(at(() => compareScenarios(sim(null), []))).toEqual(['invalid-type', '$']);
    expect(at(() => compareScenarios(sim('web'), [auto]))).toEqual(['invalid-type', '$']);
  });
  it('a missing or malformed Service', () => {
    expect(at(() => applyScenarioChange(sim({ nodes: [] }), auto))).toEqual(['required', '$.service']);
    expect(at(() => applyScenarioChange(sim({ service: 'web' }), auto))).toEqual(['invalid-type', '$.service']);
    expect(at(() => applyScenarioChange(sim({ service: { metadata: 7 } }), auto))).toEqual(['invalid-type', '$.service.metadata']);
    expect(at(() => applyScenarioChange(sim({ service: { metadata: { annotations: 'x' } } }), auto))).toEqual(['invalid-type', '$.service.metadata.annotations']);
    expect(at(() => applyScenarioChange(sim({ service: { spec: 'x' } }), { kind: 'internalTrafficPolicy', value: 'Local' }))).toEqual(['invalid-type', '$.service.spec']);
    const ports = (p: unknown) => sim({ service: { metadata: { name: 'web' }, spec: { ports: p } }, nodes: [] });
    expect(at(() => applyScenarioChange(ports(5), { kind: 'endpointWithoutHints', zone: 'a' }))).toEqual(['invalid-type', '$.service.spec.ports']);
    expect(at(() => applyScenarioChange(ports([null]), { kind: 'endpointWithoutHints', zone: 'a' }))).toEqual(['invalid-type', '$.service.spec.ports[0]']);
  });
  it('malformed nodes', () => {
    const input = (nodes: unknown) => sim({ service: { metadata: { name: 'web' }, spec: {} }, nodes });
    expect(at(() => applyScenarioChange(input([null]), change({ kind: 'nodeLosesZoneLabel', node: 'x' })))).toEqual(['invalid-type', '$.nodes[0]']);
    expect(at(() => applyScenarioChange(input([{ metadata: 3 }]), change({ kind: 'zoneLosesNodes', zone: 'a' })))).toEqual(['invalid-type', '$.nodes[0].metadata']);
    expect(at(() => applyScenarioChange(input([{ metadata: { labels: [] } }]), change({ kind: 'zoneTerminating', zone: 'a' })))).toEqual(['invalid-type', '$.nodes[0].metadata.labels']);
    expect(at(() => applyScenarioChange(input('nodes'), auto))).toEqual(['invalid-type', '$.nodes']);
    expect(at(() => applyScenarioChange(input({ items: [7] }), change({ kind: 'endpointWithoutHints', zone: 'a' })))).toEqual(['invalid-type', '$.nodes.items[0]']);
  });
  it('still accepts what it accepted: absent metadata, spec, nodes', () => {
    expect(applyScenarioChange(sim({ service: {} }), auto).service.metadata?.annotations).toEqual({ 'service.kubernetes.io/topology-mode': 'Auto' });
    expect(applyScenarioChange(sim({ service: { spec: null } }), { kind: 'internalTrafficPolicy', value: 'Local' }).service.spec).toEqual({ internalTrafficPolicy: 'Local' });
  });
});

describe('found by the fuzz', () => {
  it('simulateTraffic with 200,000 slice problems (push(...problems) overflowed the stack)', () => {
    const service = { metadata: { name: 'web', namespace: 'shop' }, spec: { clusterIP: 'fd00::a', ports: [{ name: 'http', port: 80 }] } };
    const slice = {
      metadata: { name: 'w', namespace: 'shop', labels: { 'kubernetes.io/service-name': 'web' } },
      addressType: 'IPv6',
      ports: new Array(100_000).fill('10.0.0.1'),
    };
    const e = thrown(() => lib.simulateTraffic(sim({ service, endpointSlices: [slice], nodes: [] })));
    expect([e.code, e.path, e.problems.length]).toEqual(['invalid-type', '$.endpointSlices[0].ports[0]', 200_000]);
  });
  it('arrays carrying an own constructor key (Array#map reads it as the species)', () => {
    const withConstructor = <T,>(a: T[]): T[] => Object.defineProperty(a, 'constructor', { value: 7, enumerable: true });
    const service = { metadata: { name: 'web', namespace: 'shop' }, spec: { clusterIP: '10.96.0.10', ports: [{ name: 'http', port: 80 }] } };
    const slices = withConstructor([{ metadata: { name: 'w', namespace: 'shop', labels: { 'kubernetes.io/service-name': 'web' } }, addressType: 'IPv4', endpoints: withConstructor([{ addresses: ['10.0.0.1'], zone: 'zone-a' }]) }]);
    const nodes = withConstructor([{ metadata: { name: 'n', labels: { 'topology.kubernetes.io/zone': 'zone-a' } } }]);
    const input = sim({ service, endpointSlices: slices, nodes });
    for (const c of [auto, { kind: 'zoneTerminating', zone: 'zone-a' }, { kind: 'zoneLosesNodes', zone: 'zone-a' }, { kind: 'nodeLosesZoneLabel', node: 'n' }, { kind: 'endpointWithoutHints', zone: 'zone-a' }] as const) {
      expect(() => applyScenarioChange(input, c)).not.toThrow();
    }
    expect(compareScenarios(input, withConstructor<ScenarioChange | ScenarioChange[]>([auto, withConstructor([auto])])).scenarios).toHaveLength(2);
  });
});

describe('sparse arrays (holes, possible from code, not from JSON)', () => {
  it('a hole in nodes or ports is reported, not read as a node', () => {
    const nodes = [{ metadata: { name: 'n' } }, , { metadata: { name: 'm' } }]; // eslint-disable-line no-sparse-arrays
    for (const c of [{ kind: 'nodeLosesZoneLabel', node: 'n' }, { kind: 'zoneTerminating', zone: 'a' }, { kind: 'zoneLosesNodes', zone: 'a' }] as const) {
      expect(at(() => applyScenarioChange(sim({ service: { metadata: { name: 'web' }, spec: {} }, nodes }), c))).toEqual(['invalid-type', '$.nodes[1]']);
    }
    const ports = [, { port: 80 }]; // eslint-disable-line no-sparse-arrays
    expect(at(() => applyScenarioChange(sim({ service: { metadata: { name: 'web' }, spec: { ports } }, nodes: [] }), { kind: 'endpointWithoutHints', zone: 'a' }))).toEqual(['invalid-type', '$.service.spec.ports[0]']);
  });
});

describe('endpointWithoutHints names its slice from the Service name', () => {
  it('a Service name that is not a string (null-prototype object) is no TypeError', () => {
    const name = Object.create(null) as unknown;
    const out = applyScenarioChange(sim({ service: { metadata: { name, namespace: 5 }, spec: {} }, nodes: [] }), { kind: 'endpointWithoutHints', zone: 'a' });
    expect(lib.computeHints).toBeDefined();
    expect((out.endpointSlices as { metadata: { name: string } }[]).at(-1)?.metadata.name).toBe('-what-if');
  });
});

describe('small public helpers', () => {
  it('describeChange on something that is not a change', () => {
    expect(at(() => describeChange(change(null)))).toEqual(['invalid-type', '$']);
    expect(at(() => describeChange(change({ kind: 'explode' })))).toEqual(['invalid-value', '$.kind']);
    expect(describeChange({ kind: 'topologyAuto' })).toBe('topology-mode: Auto');
  });
  it('resolveGates with a path that is not a JSON path', () => {
    expect(at(() => resolveGates({}, 5 as never))).toEqual(['invalid-type', '$.path']);
    expect(at(() => resolveGates({}, 'gates'))).toEqual(['invalid-value', '$.path']);
    expect(at(() => resolveGates({ Foo: true } as never, '$.spec.gates'))).toEqual(['unknown-gate', '$.spec.gates.Foo']);
  });
  it('parseIP and endpointKey on values that are not strings', () => {
    for (const v of [null, undefined, 5, {}, [], ['10.0.0.1']]) expect(at(() => parseIP(v as never))).toEqual(['invalid-type', '$']);
    expect(parseIP('10.0.0.1')?.text).toBe('10.0.0.1');
    expect(at(() => endpointKey(null as never, 80))).toEqual(['invalid-type', '$.ip']);
    expect(at(() => endpointKey('10.0.0.1', '80' as never))).toEqual(['invalid-type', '$.port']);
    expect(endpointKey('fd00::1', 80)).toBe('[fd00::1]:80');
  });
  it('annotation predicates read a map that is not an object as no annotations', () => {
    for (const v of [null, 5, 'Auto', []]) {
      expect(topologyAnnotation(v as never)).toBeUndefined();
      expect(isAutoAnnotation(v as never)).toBe(false);
      expect(proxyAnnotationAllowsHints(v as never)).toBe(false);
    }
  });
});

describe('found by the fuzz in the controller and the CLI loader (fixed)', () => {
  // src/controller/quantity.ts read `text.trim()` of whatever it was given.
  it('parseQuantity on a non-string throws invalid-type at $, not a TypeError', () => {
    for (const bad of [42, null, {}]) {
      const e = thrown(() => lib.parseQuantity(bad as never));
      expect([e.code, e.path]).toEqual(['invalid-type', '$']);
    }
  });

  // src/controller/edits.ts mapped the caller's endpoints array with Array#map, which reads an
  // own `constructor` key as the species (possible from code, not from JSON).
  it('computeHints on an endpoints array with an own constructor key rewrites the hints', () => {
    const endpoints = Object.defineProperty([{ addresses: ['10.0.0.1'], zone: 'zone-a', conditions: { ready: true } }], 'constructor', { value: 7, enumerable: true });
    const labels = { 'kubernetes.io/service-name': 'web', 'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io' };
    const slices = [{ metadata: { name: 'w', namespace: 'shop', labels }, addressType: 'IPv4', endpoints }];
    const r = lib.computeHints({ service: { metadata: { name: 'web', namespace: 'shop' }, spec: { selector: { app: 'web' }, trafficDistribution: 'PreferClose' } }, endpointSlices: slices, nodes: [] });
    expect(r.endpointSlices[0]?.endpoints?.[0]?.hints).toEqual({ forZones: [{ name: 'zone-a' }] });
  });

  // src/cli/load.ts walked nested arrays recursively: a 10^5-deep document overflowed the stack.
  it('the CLI loader on a 10^5-deep nested array reports the input, it does not overflow', () => {
    const text = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    expect(() => loadObjects([{ name: 'deep.json', text }])).not.toThrow(RangeError);
  });
});

describe('found by the fuzz in compareProfiles and formatComparison (fixed)', () => {
  const ep = (ip: string, node: string, zone: string) => ({
    addresses: [ip],
    nodeName: node,
    zone,
    conditions: { ready: true, serving: true, terminating: false },
    hints: { forZones: [{ name: zone }], forNodes: [{ name: node }] },
    targetRef: { kind: 'Pod', name: `pod-${ip}`, namespace: 'shop' },
  });
  const input = {
    service: {
      metadata: { name: 'web', namespace: 'shop' },
      spec: { clusterIP: '10.96.0.10', ipFamilies: ['IPv4'], ports: [{ name: 'http', port: 80, protocol: 'TCP' }], trafficDistribution: 'PreferSameNode' },
    },
    endpointSlices: [
      {
        metadata: { name: 'web-1', namespace: 'shop', labels: { 'kubernetes.io/service-name': 'web' } },
        addressType: 'IPv4',
        ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
        endpoints: [ep('10.0.1.1', 'node-a', 'zone-a'), ep('10.0.1.2', 'node-b', 'zone-a'), ep('10.0.1.3', 'node-c', 'zone-b')],
      },
    ],
    node: { name: 'node-a', zone: 'zone-a' },
    port: 'http',
  } as never;
  const withKey = <T extends object>(o: T, key: string, value: unknown): T => Object.defineProperty(o, key, { value, enumerable: true, writable: true, configurable: true });

  // src/profiles/compare.ts resolved the profiles with Array#map, which skips holes (they then
  // read as a profile without `info`) and reads an own `constructor` key as the species.
  it('compareProfiles: a hole in profiles reads as undefined (kube-proxy), an own constructor key is ignored', () => {
    const holey = lib.compareProfiles(input, [, 'cilium'] as never);
    expect(holey).toEqual(lib.compareProfiles(input, [undefined, 'cilium'] as never));
    expect(holey.answers.map((a) => a.profile)).toEqual(['kube-proxy', 'cilium@1.21.0-dev+5b27d687']);
    expect(lib.compareProfiles(input, withKey(['kube-proxy', 'linkerd'], 'constructor', 7) as never)).toEqual(lib.compareProfiles(input, ['kube-proxy', 'linkerd']));
  });

  // src/profiles/format.ts checked only that `answers` was an array, then read every field as
  // it rendered: a damaged comparison (one read back from JSON, say) escaped as a TypeError.
  it('formatComparison: a damaged field is invalid-type at its JSON path', () => {
    const good = lib.compareProfiles(input);
    const text = lib.formatComparison(good);
    const copy = (): Record<string, any> => structuredClone(good) as never;
    expect(lib.formatComparison(copy() as never)).toBe(text);
    const istio = good.answers.findIndex((a) => a.profile.startsWith('istio@'));
    const cases: [(c: Record<string, any>) => void, string][] = [
      [(c) => (c['answers'][0] = null), '$.answers[0]'],
      [(c) => (c['answers'][1]['profile'] = 7), '$.answers[1].profile'],
      [(c) => delete c['answers'][istio]['result']['tiers'], `$.answers[${istio}].result.tiers`],
      [(c) => (c['answers'][0]['result']['clusterEndpoints'] = {}), '$.answers[0].result.clusterEndpoints'],
      [(c) => (c['answers'][0]['result']['clusterEndpoints'][0] = null), '$.answers[0].result.clusterEndpoints[0]'],
      [(c) => delete c['answers'][0]['result']['node'], '$.answers[0].result.node'],
      [(c) => (c['answers'][0]['result']['port']['protocol'] = { x: 1 }), '$.answers[0].result.port.protocol'],
      [(c) => (c['listUse'] = 'all'), '$.listUse'],
      [(c) => delete c['differences'], '$.differences'],
      [(c) => (c['differences'][0]['reasons'] = null), '$.differences[0].reasons'],
      [(c) => (c['differences'][0]['pickedBy'] = undefined), '$.differences[0].pickedBy'],
      [(c) => (c['differences'][0]['reasons'][0]['message'] = undefined), '$.differences[0].reasons[0].message'],
    ];
    for (const [damage, path] of cases) {
      const c = copy();
      damage(c);
      expect(at(() => lib.formatComparison(c as never))).toEqual(['invalid-type', path]);
    }
    const refused = copy();
    const pinned = refused['answers'].find((a: { result: unknown }) => a.result === null);
    pinned['error'] = null;
    expect(at(() => lib.formatComparison(refused as never))[1]).toMatch(/^\$\.answers\[\d+\]\.error$/);
  });

  it('formatComparison: arrays with an own constructor key render as the plain ones', () => {
    const c: Record<string, any> = structuredClone(lib.compareProfiles(input));
    withKey(c['answers'], 'constructor', 7);
    withKey(c['listUse'], 'constructor', 7);
    const istio = c['answers'].find((a: { profile: string }) => a.profile.startsWith('istio@'));
    withKey(istio['result']['tiers'], 'constructor', 7);
    withKey(istio['result']['clusterEndpoints'], 'constructor', 7);
    expect(lib.formatComparison(c as never)).toBe(lib.formatComparison(lib.compareProfiles(input)));
  });
});
