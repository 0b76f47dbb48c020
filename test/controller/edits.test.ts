/**
 * How computeHints builds its result objects (src/controller/edits.ts): the caller's own objects
 * where nothing changes, and copies that keep the input's shape where something does.
 */
import { describe, expect, it } from 'vitest';
import { computeHints } from '../../src/index.js';
import type { EndpointInput, EndpointSliceInput } from '../../src/model/input.js';
import { AUTO, deepFreeze, endpoint, node, service, slice } from './helpers.js';

/** An endpoint with every field of discovery/v1 Endpoint, in an order that is not alphabetical. */
function fullEndpoint(address: string, zone: string, hints?: EndpointInput['hints']): EndpointInput & Record<string, unknown> {
  return {
    addresses: [address],
    conditions: { ready: true, serving: true, terminating: false },
    hostname: `h-${address}`,
    targetRef: { kind: 'Pod', name: `p-${address}`, namespace: 'ns' },
    nodeName: `node-${zone}`,
    zone,
    ...(hints === undefined ? {} : { hints }),
    deprecatedTopology: { 'topology.kubernetes.io/zone': zone },
  };
}

const keysOf = (o: object): string[] => Object.keys(o);

describe('computeHints output objects keep the input shape', () => {
  it('an endpoint that had no hints keeps its keys in order, with hints added last', () => {
    const input = deepFreeze({
      service: service({ trafficDistribution: 'PreferClose' }),
      endpointSlices: [slice('s1', [fullEndpoint('10.0.0.1', 'zone-a'), fullEndpoint('10.0.0.2', 'zone-b')])],
      nodes: [],
    });
    const [out] = computeHints(input).endpointSlices;
    const inputKeys = keysOf(input.endpointSlices[0]!.endpoints![0]!);
    for (const e of out!.endpoints!) expect(keysOf(e)).toEqual([...inputKeys, 'hints']);
    expect(keysOf(out!)).toEqual(keysOf(input.endpointSlices[0]!));
  });

  it('an endpoint whose hints change keeps hints where the input had them', () => {
    const stale = { forZones: [{ name: 'zone-z' }] };
    const input = deepFreeze({
      service: service({ trafficDistribution: 'PreferClose' }),
      endpointSlices: [slice('s1', [fullEndpoint('10.0.0.1', 'zone-a', stale), fullEndpoint('10.0.0.2', 'zone-b', stale)])],
      nodes: [],
    });
    const out = computeHints(input).endpointSlices[0]!.endpoints!;
    const inputKeys = keysOf(input.endpointSlices[0]!.endpoints![0]!);
    expect(inputKeys.indexOf('hints')).toBeLessThan(inputKeys.length - 1);
    for (const e of out) expect(keysOf(e)).toEqual(inputKeys);
    expect(out.map((e) => e.hints?.forZones?.[0]?.name)).toEqual(['zone-a', 'zone-b']);
  });

  it('removing hints drops only the hints key and keeps the rest in order', () => {
    const input = deepFreeze({
      service: service(),
      endpointSlices: [slice('s1', [fullEndpoint('10.0.0.1', 'zone-a', { forZones: [{ name: 'zone-a' }] })])],
      nodes: [],
    });
    const [e] = computeHints(input).endpointSlices[0]!.endpoints!;
    expect(keysOf(e!)).toEqual(keysOf(input.endpointSlices[0]!.endpoints![0]!).filter((k) => k !== 'hints'));
  });

  it('every endpoint of one input shape gets the same key list on the Auto path too', () => {
    const endpoints = Array.from({ length: 40 }, (_, i) => fullEndpoint(`10.0.0.${i}`, i % 4 === 0 ? 'zone-b' : 'zone-a'));
    const input = deepFreeze({
      service: service({ annotations: AUTO }),
      endpointSlices: [slice('s1', endpoints.slice(0, 20)), slice('s2', endpoints.slice(20))],
      nodes: [node('n-a', 'zone-a', '1'), node('n-b', 'zone-b', '1')],
    });
    const result = computeHints(input);
    expect(result.outcome.cause).toBe('hints-allocated');
    const shapes = new Set(result.endpointSlices.flatMap((s) => s.endpoints!.map((e) => keysOf(e).join(','))));
    expect([...shapes]).toEqual([[...keysOf(endpoints[0]!), 'hints'].join(',')]);
  });

  it('unchanged slices and endpoints are the caller’s own objects', () => {
    const hinted = endpoint('10.0.0.1', 'zone-a', { hints: { forZones: [{ name: 'zone-a' }] } });
    const notReady = endpoint('10.0.0.2', 'zone-a', { ready: false });
    const kept = slice('kept', [hinted]);
    const changed = slice('changed', [endpoint('10.0.0.3', 'zone-a'), notReady]);
    const input = deepFreeze({ service: service({ trafficDistribution: 'PreferClose' }), endpointSlices: [kept, changed], nodes: [] });
    const out = computeHints(input).endpointSlices;
    expect(out[0]).toBe(kept);
    expect(out[1]).not.toBe(changed);
    expect(out[1]!.endpoints![1]).toBe(notReady);
  });

  it('a changed slice keeps the prototype of a model-class instance', () => {
    class Slice {
      constructor(init: object) {
        Object.assign(this, init);
      }
      describe(): string {
        return 'mine';
      }
    }
    const model = new Slice(slice('s1', [endpoint('10.0.0.1', 'zone-a')]));
    const [out] = computeHints({ service: service({ trafficDistribution: 'PreferClose' }), endpointSlices: [model as never], nodes: [] }).endpointSlices;
    expect(out).toBeInstanceOf(Slice);
    expect((out as unknown as Slice).describe()).toBe('mine');
    expect(keysOf(out!)).toEqual(keysOf(model));
  });

  it('an own "__proto__" key from JSON.parse stays a plain key of the copy', () => {
    const slices = JSON.parse(
      '[{"metadata":{"name":"s1","namespace":"ns","labels":{"kubernetes.io/service-name":"svc","endpointslice.kubernetes.io/managed-by":"endpointslice-controller.k8s.io"}},' +
        '"addressType":"IPv4","endpoints":[{"addresses":["10.0.0.1"],"conditions":{"ready":true},"zone":"zone-a","__proto__":{"polluted":true}}]}]',
    ) as EndpointSliceInput[];
    const [out] = computeHints({ service: service({ trafficDistribution: 'PreferClose' }), endpointSlices: slices, nodes: [] }).endpointSlices;
    const e = out!.endpoints![0]!;
    expect(Object.getPrototypeOf(e)).toBe(Object.prototype);
    expect(Object.hasOwn(e, '__proto__')).toBe(true);
    expect(keysOf(e)).toEqual(['addresses', 'conditions', 'zone', '__proto__', 'hints']);
  });
  it('an endpoint with keys beyond discovery/v1, in any order, keeps every own key in its place', () => {
    const odd = { zone: 'zone-a', 'x-note': 'kept', addresses: ['10.0.0.1'], '7': 'integer-like', hints: { forZones: [{ name: 'zone-z' }] }, conditions: { ready: true } };
    const plain = { conditions: { ready: true }, zone: 'zone-b', addresses: ['10.0.0.2'] };
    const input = deepFreeze({ service: service({ trafficDistribution: 'PreferClose' }), endpointSlices: [slice('s1', [odd as EndpointInput, plain])], nodes: [] });
    const [a, b] = computeHints(input).endpointSlices[0]!.endpoints!;
    expect(keysOf(a!)).toEqual(keysOf(odd));
    expect(a).toEqual({ ...odd, hints: { forZones: [{ name: 'zone-a' }] } });
    expect(keysOf(b!)).toEqual(['conditions', 'zone', 'addresses', 'hints']);
  });

  it('a copy holds the own enumerable string keys only: no symbol keys, no prototype', () => {
    const tag = Symbol('tag');
    const withSymbol = { addresses: ['10.0.0.1'], conditions: { ready: true }, zone: 'zone-a', [tag]: 1 };
    class ModelEndpoint {
      addresses = ['10.0.0.2'];
      conditions = { ready: true };
      zone = 'zone-a';
      get computed(): string {
        return 'from the prototype';
      }
    }
    const input = deepFreeze({ service: service({ trafficDistribution: 'PreferClose' }), endpointSlices: [slice('s1', [withSymbol, new ModelEndpoint() as EndpointInput])], nodes: [] });
    const [a, b] = computeHints(input).endpointSlices[0]!.endpoints!;
    expect(Reflect.ownKeys(a!)).toEqual(['addresses', 'conditions', 'zone', 'hints']);
    expect(Object.getPrototypeOf(b!)).toBe(Object.prototype);
    expect(Reflect.ownKeys(b!)).toEqual(['addresses', 'conditions', 'zone', 'hints']);
  });

  it('an enumerable key added to Object.prototype does not become a key of the copies', () => {
    Object.defineProperty(Object.prototype, 'hostname', { value: 'inherited', enumerable: true, writable: true, configurable: true });
    try {
      const input = { service: service({ trafficDistribution: 'PreferClose' }), endpointSlices: [slice('s1', [endpoint('10.0.0.1', 'zone-a')])], nodes: [] };
      const [e] = computeHints(input).endpointSlices[0]!.endpoints!;
      expect(Object.keys(e!)).toEqual([...Object.keys(input.endpointSlices[0]!.endpoints![0]!), 'hints']);
    } finally {
      delete (Object.prototype as Record<string, unknown>)['hostname'];
    }
  });
});
