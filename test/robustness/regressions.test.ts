/**
 * Regressions found by the robustness fuzz (test/robustness/fuzz.test.ts, bench/fuzz.mjs): each
 * input once escaped as a raw TypeError instead of a KubeTrafficError. Fixed in src/simulate,
 * src/model and src/util; bugs in src/proxy, src/controller are in known-bugs.test.ts.
 */
import { describe, expect, it } from 'vitest';
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
