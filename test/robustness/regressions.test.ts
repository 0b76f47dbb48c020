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
