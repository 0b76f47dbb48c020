/**
 * Bad input: every problem is a KubeTrafficError with a stable code and the JSON path of the
 * field at fault; nothing else is ever thrown, even for arbitrary JSON, and nothing leaks into
 * Object.prototype.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type CategorizeInput,
  KubeTrafficError,
  type SelectInput,
  categorizeEndpoints,
  prepareService,
  selectEndpoints,
} from '../../src/index.js';
import { inputArb } from './arbitraries.js';

const service = {
  metadata: { name: 'web', namespace: 'shop' },
  spec: { clusterIP: '10.96.0.10', ports: [{ name: 'http', port: 80 }] },
};
const slice = {
  metadata: { name: 'web-1', namespace: 'shop', labels: { 'kubernetes.io/service-name': 'web' } },
  addressType: 'IPv4',
  ports: [{ name: 'http', port: 8080 }],
  endpoints: [{ addresses: ['10.1.0.1'] }, { addresses: ['10.1.0.2'] }],
};
const valid = { service, endpointSlices: [slice], node: { name: 'node-a' }, port: 'http' };

/** Runs `call`, asserting it throws a KubeTrafficError, and returns the error. */
function failure(call: () => unknown): KubeTrafficError {
  try {
    call();
  } catch (e) {
    expect(e).toBeInstanceOf(KubeTrafficError);
    return e as KubeTrafficError;
  }
  throw new Error('expected a KubeTrafficError, but the call returned');
}

/** categorizeEndpoints on input that does not type-check on purpose. */
const categorize = (input: unknown) => categorizeEndpoints(input as CategorizeInput);
const select = (input: unknown) => selectEndpoints(input as SelectInput);

describe('KubeTrafficError codes and paths', () => {
  it('the valid base input works', () => {
    expect(categorize(valid).kind).toBe('proxied');
  });

  it.each<[string, unknown, string, string]>([
    ['missing spec', { ...valid, service: { metadata: service.metadata } }, 'required', '$.service.spec'],
    ['missing Service name', { ...valid, service: { ...service, metadata: { namespace: 'shop' } } }, 'required', '$.service.metadata.name'],
    ['service not an object', { ...valid, service: 'web' }, 'invalid-type', '$.service'],
    ['port as a string', { ...valid, service: { ...service, spec: { ...service.spec, ports: [{ name: 'http', port: '80' }] } } }, 'invalid-type', '$.service.spec.ports[0].port'],
    ['port out of range', { ...valid, service: { ...service, spec: { ...service.spec, ports: [{ name: 'http', port: 70000 }] } } }, 'invalid-type', '$.service.spec.ports[0].port'],
    ['unknown type', { ...valid, service: { ...service, spec: { ...service.spec, type: 'Nodeport' } } }, 'invalid-value', '$.service.spec.type'],
    ['unknown iTP', { ...valid, service: { ...service, spec: { ...service.spec, internalTrafficPolicy: 'local' } } }, 'invalid-value', '$.service.spec.internalTrafficPolicy'],
    ['label value not a string', { ...valid, service: { ...service, metadata: { ...service.metadata, labels: { app: 1 } } } }, 'invalid-type', '$.service.metadata.labels.app'],
    ['unknown port name', { ...valid, port: 'https' }, 'unknown-port', '$.port'],
    ['unknown port number', { ...valid, port: 443 }, 'unknown-port', '$.port'],
    ['port of the wrong type', { ...valid, port: true }, 'invalid-type', '$.port'],
    ['malformed IP', { ...valid, endpointSlices: [{ ...slice, endpoints: [{ addresses: ['10.1.0.1'] }, { addresses: ['10.1.0.256'] }] }] }, 'invalid-ip', '$.endpointSlices[0].endpoints[1].addresses[0]'],
    ['IPv6 address in an IPv4 slice', { ...valid, endpointSlices: [{ ...slice, endpoints: [{ addresses: ['10.1.0.1'] }, { addresses: ['fd00::1'] }] }] }, 'invalid-ip', '$.endpointSlices[0].endpoints[1].addresses[0]'],
    ['condition of the wrong type', { ...valid, endpointSlices: [{ ...slice, endpoints: [{ addresses: ['10.1.0.1'], conditions: { ready: 'true' } }] }] }, 'invalid-type', '$.endpointSlices[0].endpoints[0].conditions.ready'],
    ['unknown addressType', { ...valid, endpointSlices: [{ ...slice, addressType: 'ipv4' }] }, 'invalid-value', '$.endpointSlices[0].addressType'],
    ['slice not an object', { ...valid, endpointSlices: [slice, 7] }, 'invalid-type', '$.endpointSlices[1]'],
    ['List items not an array', { ...valid, endpointSlices: { kind: 'List', items: {} } }, 'invalid-type', '$.endpointSlices.items'],
    ['endpointSlices a string', { ...valid, endpointSlices: 'web-1' }, 'invalid-type', '$.endpointSlices'],
    ['unknown gate', { ...valid, gates: { Foo: true } }, 'unknown-gate', '$.gates.Foo'],
    ['gate not a boolean', { ...valid, gates: { LoadBalancerIPMode: 'off' } }, 'invalid-type', '$.gates.LoadBalancerIPMode'],
    ['unknown family', { ...valid, ipFamily: 'IPv5' }, 'invalid-value', '$.ipFamily'],
    ['node without name or zone', { ...valid, node: { zone: '' } }, 'required', '$.node.name'],
    ['node with a name that is not a string', { ...valid, node: { name: 7, zone: 'zone-a' } }, 'invalid-type', '$.node.name'],
    ['core/v1 Node without name', { ...valid, node: { metadata: { labels: {} } } }, 'required', '$.node.metadata.name'],
    ['node not an object', { ...valid, node: 'node-a' }, 'invalid-type', '$.node'],
    ['input not an object', 42, 'invalid-type', '$'],
  ])('%s', (_, input, code, path) => {
    const e = failure(() => categorize(input));
    expect([e.code, e.path]).toEqual([code, path]);
    expect(e.problems[0]).toMatchObject({ code, path });
    expect(e.message.startsWith(`${path}: expected `)).toBe(true);
  });

  it('an address that is not a string is reported at its path', () => {
    const e = failure(() => categorize({ ...valid, endpointSlices: [slice, { ...slice, endpoints: [{ addresses: [17] }] }] }));
    expect(['invalid-ip', 'invalid-type']).toContain(e.code);
    expect(e.path).toBe('$.endpointSlices[1].endpoints[0].addresses[0]');
  });

  it('a port number shared by two ports is ambiguous', () => {
    const twoPorts = { ...service, spec: { ...service.spec, ports: [{ name: 'tcp', port: 53 }, { name: 'udp', port: 53, protocol: 'UDP' }] } };
    const e = failure(() => categorize({ ...valid, service: twoPorts, port: 53 }));
    expect([e.code, e.path]).toEqual(['unknown-port', '$.port']);
    const omitted = failure(() => categorize({ service: twoPorts, endpointSlices: [], node: { name: 'n' } }));
    expect([omitted.code, omitted.path]).toEqual(['required', '$.port']);
  });

  it('a flow the port does not expose is unsupported-flow at $.via', () => {
    for (const via of ['nodePort', 'externalIP', 'loadBalancer']) {
      const e = failure(() => select({ ...valid, via, from: 'outside' }));
      expect([e.code, e.path]).toEqual(['unsupported-flow', '$.via']);
    }
    // ipMode Proxy ingress is not a kube-proxy load-balancer IP.
    const lb = { ...service, spec: { ...service.spec, type: 'LoadBalancer' }, status: { loadBalancer: { ingress: [{ ip: '203.0.113.7', ipMode: 'Proxy' }] } } };
    expect(failure(() => select({ ...valid, service: lb, via: 'loadBalancer' })).code).toBe('unsupported-flow');
    // Forced off where the gate is still read (1.34), it counts again; from 1.35 the gate is gone.
    expect(select({ ...valid, service: lb, via: 'loadBalancer', gates: { LoadBalancerIPMode: false }, kubernetesVersion: '1.34' }).kind).toBe('proxied');
    expect(failure(() => select({ ...valid, service: lb, via: 'loadBalancer', gates: { LoadBalancerIPMode: false } }))).toMatchObject({ code: 'unknown-gate', path: '$.gates.LoadBalancerIPMode' });
    expect(failure(() => select({ ...valid, via: 'bridge' })).path).toBe('$.via');
    expect(failure(() => select({ ...valid, from: 'mars' })).path).toBe('$.from');
  });

  it('every problem of one call is collected, in order', () => {
    const e = failure(() =>
      categorize({
        service: { metadata: { namespace: 'shop' }, spec: { clusterIP: '10.96.0.10', ports: [{ name: 'http', port: '80' }] } },
        endpointSlices: [{ ...slice, endpoints: [{ addresses: ['nope'] }, { addresses: ['10.1.0.2'], conditions: { serving: 1 } }] }],
        node: {},
        port: 'http',
        gates: { Foo: true, Bar: false },
      }),
    );
    expect(e.problems.map((p) => [p.code, p.path])).toEqual(
      expect.arrayContaining([
        ['required', '$.service.metadata.name'],
        ['invalid-type', '$.service.spec.ports[0].port'],
        ['unknown-gate', '$.gates.Foo'],
        ['unknown-gate', '$.gates.Bar'],
      ]),
    );
    expect([e.code, e.path]).toEqual([e.problems[0]!.code, e.problems[0]!.path]);
    expect(e.problems.length).toBeGreaterThanOrEqual(4);
    expect(e.message).toMatch(/and \d+ more problems/);
  });

  it('slice-level problems are all reported together', () => {
    const e = failure(() =>
      categorize({ ...valid, endpointSlices: [{ ...slice, endpoints: [{ addresses: ['nope'] }, { addresses: ['10.1.0.2'], conditions: { serving: 1 } }] }] }),
    );
    expect(e.problems.map((p) => [p.code, p.path])).toEqual([
      ['invalid-ip', '$.endpointSlices[0].endpoints[0].addresses[0]'],
      ['invalid-type', '$.endpointSlices[0].endpoints[1].conditions.serving'],
    ]);
  });

  it('prepareService reports paths rooted at the same names', () => {
    const e = failure(() => prepareService(service, [{ ...slice, endpoints: [{ addresses: ['x'] }] }], { port: 'http' }));
    expect([e.code, e.path]).toEqual(['invalid-ip', '$.endpointSlices[0].endpoints[0].addresses[0]']);
    const prepared = prepareService(service, [slice], { port: 'http' });
    const n = failure(() => prepared.categorize({ labels: {} } as never));
    expect([n.code, n.path]).toEqual(['required', '$.node.name']);
  });

  it('FQDN slices are ignored before their addresses are read', () => {
    const fqdn = { ...slice, addressType: 'FQDN', endpoints: [{ addresses: ['web.example.com'] }] };
    expect(categorize({ ...valid, endpointSlices: [fqdn] })).toMatchObject({ kind: 'proxied', hasAnyEndpoints: false });
  });
});

// ---------------------------------------------------------------------------------------------
// Fuzz: nothing but KubeTrafficError escapes, and the prototype stays clean.

type Path = readonly (string | number)[];

function pathsOf(value: unknown, prefix: Path = [], out: Path[] = []): Path[] {
  if (typeof value !== 'object' || value === null) return out;
  for (const [k, v] of Object.entries(value)) {
    const key = Array.isArray(value) ? Number(k) : k;
    out.push([...prefix, key]);
    pathsOf(v, [...prefix, key], out);
  }
  return out;
}

function replaceAt(root: unknown, path: Path, value: unknown): unknown {
  if (path.length === 0) return value;
  const copy: Record<string | number, unknown> = structuredClone(root) as Record<string | number, unknown>;
  let parent = copy;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  parent[path[path.length - 1]!] = value;
  return copy;
}

const PROTO_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty'];

/** Adds own `__proto__`-like keys to an object, the way JSON.parse creates them. */
function withNastyKeys(target: unknown, key: string, value: unknown): unknown {
  if (typeof target !== 'object' || target === null || Array.isArray(target)) return target;
  // Decide on the separator from the JSON text, not from Object.keys: a key whose value is
  // undefined has no JSON text, so `{a: undefined}` serialises as `{}`.
  const json = JSON.stringify(target);
  const first = `${JSON.stringify(key)}:${JSON.stringify(value)}`;
  return JSON.parse(json === '{}' ? `{${first}}` : `{${first},${json.slice(1)}`);
}

const mutatedArb = inputArb().chain((input) => {
  const paths = pathsOf(input);
  return fc.oneof(
    // A random field replaced by arbitrary JSON.
    fc.record({ i: fc.nat({ max: Math.max(0, paths.length - 1) }), v: fc.jsonValue({ maxDepth: 3 }) }).map(({ i, v }) => replaceAt(input, paths[i] ?? [], v)),
    // A random object given an own __proto__/constructor key (labels, hints, conditions, gates...).
    fc
      .record({
        i: fc.nat({ max: Math.max(0, paths.length - 1) }),
        key: fc.constantFrom(...PROTO_KEYS),
        v: fc.oneof(fc.string({ maxLength: 5 }), fc.constant({ polluted: 'yes' }), fc.constant(null)),
      })
      .map(({ i, key, v }) => {
        const path = paths[i] ?? [];
        let target: unknown = input;
        for (const k of path) target = (target as Record<string | number, unknown>)[k];
        return replaceAt(input, path, withNastyKeys(target, key, v));
      }),
  );
});

function prototypeIsClean(): void {
  const probe: Record<string, unknown> = {};
  expect(probe['polluted']).toBeUndefined();
  expect(Object.keys(Object.prototype)).toEqual([]);
  expect(Object.getOwnPropertyNames(Object.prototype).includes('polluted')).toBe(false);
}

function onlyKubeTrafficError(call: () => unknown): void {
  try {
    call();
  } catch (e) {
    if (!(e instanceof KubeTrafficError)) throw new Error(`threw ${String(e)}`, { cause: e });
    expect(e.problems.length).toBeGreaterThan(0);
    expect(e.path.startsWith('$')).toBe(true);
  }
}

describe('fuzz: bad input only ever throws KubeTrafficError', () => {
  const flowArb = fc.record({ via: fc.constantFrom('clusterIP', 'nodePort', 'loadBalancer', 'externalIP'), from: fc.constantFrom('pod', 'node', 'outside') });

  it('arbitrary JSON as the whole input or as any one argument', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), fc.constantFrom('input', 'service', 'endpointSlices', 'node', 'port', 'gates', 'ipFamily'), flowArb, (json, where, flow) => {
        const input = where === 'input' ? json : { ...valid, [where]: json };
        onlyKubeTrafficError(() => categorize(input));
        onlyKubeTrafficError(() => select(typeof input === 'object' && input !== null && !Array.isArray(input) ? { ...input, ...flow } : input));
        prototypeIsClean();
      }),
      { numRuns: 1000 },
    );
  });

  it('valid inputs with one field replaced, or given __proto__/constructor keys', () => {
    fc.assert(
      fc.property(mutatedArb, flowArb, (input, flow) => {
        onlyKubeTrafficError(() => categorize(input));
        onlyKubeTrafficError(() => {
          const i = input as Record<string, unknown>;
          prepareService(i['service'] as never, i['endpointSlices'] as never, { port: i['port'] as never }).categorize(i['node'] as never);
        });
        onlyKubeTrafficError(() => {
          const r = select({ ...(input as object), ...flow });
          // Reading every list must not throw either (they are built lazily).
          if (r.kind === 'proxied') JSON.stringify(r);
        });
        prototypeIsClean();
      }),
      { numRuns: 1000 },
    );
  });

  it('__proto__ and constructor as label keys are plain labels', () => {
    const labels = JSON.parse('{"__proto__": "x", "constructor": "y", "kubernetes.io/service-name": "web"}') as Record<string, string>;
    const r = categorize({ ...valid, endpointSlices: [{ ...slice, metadata: { ...slice.metadata, labels } }] });
    expect(r).toMatchObject({ kind: 'proxied', hasAnyEndpoints: true });
    const nodeLabels = JSON.parse('{"__proto__": {"topology.kubernetes.io/zone": "zone-a"}}') as Record<string, string>;
    expect(failure(() => categorize({ ...valid, node: { name: 'n', labels: nodeLabels } })).path).toBe('$.node.labels.__proto__');
    prototypeIsClean();
  });
});
