// The one input both smoke tests of the built package ask (scripts/smoke.mjs under Node 22 and 24,
// test/package/built-package.test.ts in `npm test`): two zone-hinted endpoints, a client in
// zone-a, so the answer (10.0.0.1:8080 only) shows that topology routing ran.
export const SMOKE_INPUT = {
  service: { metadata: { name: 'web', namespace: 'ns' }, spec: { clusterIP: '10.96.0.1', ports: [{ name: 'http', port: 80 }] } },
  endpointSlices: [
    {
      metadata: { name: 'web-1', namespace: 'ns', labels: { 'kubernetes.io/service-name': 'web' } },
      addressType: 'IPv4',
      ports: [{ name: 'http', port: 8080 }],
      endpoints: [
        { addresses: ['10.0.0.1'], nodeName: 'a', hints: { forZones: [{ name: 'zone-a' }] } },
        { addresses: ['10.0.0.2'], nodeName: 'b', hints: { forZones: [{ name: 'zone-b' }] } },
      ],
    },
  ],
  node: { name: 'a', zone: 'zone-a' },
  port: 'http',
};
