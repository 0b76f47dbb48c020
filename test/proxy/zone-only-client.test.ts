/**
 * A client known only by its zone (`node: { zone }`): a gateway, a mesh proxy, a client outside
 * the cluster. Zone rules apply as for any node of that zone; node rules treat it as a node that
 * holds no endpoint.
 */
import { describe, expect, it } from 'vitest';
import { categorizeEndpoints, isLocal, prepareService, selectEndpoints } from '../../src/index.js';

const service = (spec: object = {}) => ({
  metadata: { name: 'web', namespace: 'shop' },
  spec: { clusterIP: '10.96.0.10', ports: [{ name: 'http', port: 80 }], ...spec },
});
const ep = (ip: string, node: string, zone: string, hints: object) => ({ addresses: [ip], conditions: { ready: true }, nodeName: node, zone, hints });
const slice = (endpoints: object[]) => ({
  metadata: { name: 'web-1', namespace: 'shop', labels: { 'kubernetes.io/service-name': 'web' } },
  addressType: 'IPv4',
  ports: [{ name: 'http', port: 8080 }],
  endpoints,
});
const keys = (list: readonly { key: string }[] | null | undefined) => list?.map((e) => e.key) ?? null;

describe('node: { zone } without a name', () => {
  const zoned = [slice([ep('10.0.0.1', 'node-a', 'zone-a', { forZones: [{ name: 'zone-a' }] }), ep('10.0.0.2', 'node-b', 'zone-b', { forZones: [{ name: 'zone-b' }] })])];

  it('gets its zone’s endpoints, as any node of that zone does', () => {
    const r = categorizeEndpoints({ service: service(), endpointSlices: zoned, node: { zone: 'zone-a' }, port: 'http' });
    const named = categorizeEndpoints({ service: service(), endpointSlices: zoned, node: { name: 'node-x', zone: 'zone-a' }, port: 'http' });
    expect(r.kind === 'proxied' && r.topologyMode).toEqual({ kind: 'sameZone', zone: 'zone-a' });
    expect(r.kind === 'proxied' && keys(r.clusterEndpoints)).toEqual(named.kind === 'proxied' ? keys(named.clusterEndpoints) : []);
    // Also as labels without a name, and through a prepared Service.
    const byLabels = prepareService(service(), zoned, { port: 'http' }).categorize({ labels: { 'topology.kubernetes.io/zone': 'zone-a' } } as never);
    expect(byLabels.kind === 'proxied' && keys(byLabels.clusterEndpoints)).toEqual(['10.0.0.1:8080']);
  });

  it('is on no node: node hints never select it, even a hint with an empty name, and nothing is local', () => {
    const nodeHinted = [
      slice([
        ep('10.0.0.1', 'node-a', 'zone-a', { forZones: [{ name: 'zone-a' }], forNodes: [{}] }),
        ep('10.0.0.2', 'node-b', 'zone-a', { forZones: [{ name: 'zone-a' }], forNodes: [{ name: 'node-b' }] }),
      ]),
    ];
    const r = categorizeEndpoints({ service: service(), endpointSlices: nodeHinted, node: { zone: 'zone-a' }, port: 'http' });
    expect(r.kind === 'proxied' && r.topologyMode).toEqual({ kind: 'sameZone', zone: 'zone-a' });
    expect(r.kind === 'proxied' && r.clusterEndpoints?.every((e) => !isLocal(r, e))).toBe(true);
    const local = selectEndpoints({ service: service({ internalTrafficPolicy: 'Local' }), endpointSlices: nodeHinted, node: { zone: 'zone-a' }, port: 'http' });
    expect(local.kind === 'proxied' && [local.action, keys(local.endpoints)]).toEqual(['drop', []]);
  });

  it('is still refused without a name and without a zone', () => {
    for (const node of [{}, { zone: '' }, { zone: null }, { labels: {} }]) {
      expect(() => categorizeEndpoints({ service: service(), endpointSlices: zoned, node, port: 'http' } as never)).toThrow(/\$\.node\.name: expected the node name \(a string\), or at least its zone/);
    }
  });
});

describe('a Service without clusterIP (a manifest not yet created)', () => {
  it('is not proxied, for its own reason, not as headless', () => {
    const slices = [slice([ep('10.0.0.1', 'node-a', 'zone-a', {})])];
    for (const spec of [{ clusterIP: undefined }, { clusterIP: '' }, { clusterIP: undefined, clusterIPs: [] }]) {
      const r = categorizeEndpoints({ service: service(spec), endpointSlices: slices, node: { name: 'node-a' }, port: 'http', explain: true });
      expect(r.kind === 'not-proxied' && r.reason).toBe('cluster-ip-not-allocated');
      expect(r.kind === 'not-proxied' && r.message).toMatch(/no clusterIP yet/);
    }
    const headless = categorizeEndpoints({ service: service({ clusterIP: 'None' }), endpointSlices: slices, node: { name: 'node-a' }, port: 'http' });
    expect(headless.kind === 'not-proxied' && headless.reason).toBe('headless');
  });
});
