/** isLocal(result, endpoint): asked of a result, checked rather than trusted (src/proxy/is-local.ts). */
import { describe, expect, it } from 'vitest';
import { KubeTrafficError, categorizeEndpoints, isLocal, selectEndpoints } from '../../src/index.js';

const service = (spec: object = {}) => ({
  metadata: { name: 'web', namespace: 'shop' },
  spec: { clusterIP: '10.96.0.10', ports: [{ name: 'http', port: 80 }], ...spec },
});
const slices = [
  {
    metadata: { name: 'web-1', namespace: 'shop', labels: { 'kubernetes.io/service-name': 'web' } },
    addressType: 'IPv4',
    ports: [{ name: 'http', port: 8080 }],
    endpoints: [
      { addresses: ['10.0.0.1'], conditions: { ready: true }, nodeName: 'node-a' },
      { addresses: ['10.0.0.2'], conditions: { ready: true }, nodeName: 'node-b' },
    ],
  },
];
const input = { service: service(), endpointSlices: slices, node: { name: 'node-a', zone: 'zone-a' }, port: 'http' };

const problemOf = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(KubeTrafficError);
    const p = (e as KubeTrafficError).problems[0]!;
    return [p.code, p.path];
  }
  throw new Error('no error thrown');
};

describe('isLocal', () => {
  it('answers for a categorisation and for a flow result', () => {
    const r = categorizeEndpoints(input);
    const s = selectEndpoints(input);
    if (r.kind !== 'proxied' || s.kind !== 'proxied') throw new Error('expected proxied results');
    expect(r.allReachableEndpoints.filter((e) => isLocal(r, e)).map((e) => e.key)).toEqual(['10.0.0.1:8080']);
    expect(r.allReachableEndpoints.filter((e) => isLocal(s, e)).map((e) => e.key)).toEqual(['10.0.0.1:8080']);
  });

  it('refuses what is not a proxied result or not an endpoint, with a typed error', () => {
    const r = categorizeEndpoints(input);
    const notProxied = categorizeEndpoints({ ...input, service: service({ clusterIP: 'None' }) });
    expect(notProxied.kind).toBe('not-proxied');
    expect(problemOf(() => isLocal(5 as never, { nodeName: 'node-a' }))).toEqual(['invalid-type', '$.result']);
    expect(problemOf(() => isLocal(null as never, { nodeName: 'node-a' }))).toEqual(['invalid-type', '$.result']);
    expect(problemOf(() => isLocal(notProxied as never, { nodeName: 'node-a' }))).toEqual(['invalid-type', '$.result']);
    expect(problemOf(() => isLocal(r as never, 5 as never))).toEqual(['invalid-type', '$.endpoint']);
  });
});
