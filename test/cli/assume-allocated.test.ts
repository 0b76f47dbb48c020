/**
 * `--assume-allocated`: Services from manifests that have no clusterIP yet (helm template
 * output) are not proxied (`cluster-ip-not-allocated`, the library's answer), the command
 * suggests the flag, and with it analyses them with a placeholder address it names.
 */
import yaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { assumeAllocated, awaitsClusterIP } from '../../src/cli/assume-allocated.js';
import { runIn } from './helpers.js';

const service = (spec: Record<string, unknown>, name = 'web') => ({ apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: 'shop' }, spec: { selector: { app: name }, ports: [{ name: 'http', port: 80, targetPort: 8080 }], ...spec } });
const slice = {
  apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', addressType: 'IPv4',
  metadata: { name: 'web-1', namespace: 'shop', labels: { 'kubernetes.io/service-name': 'web', 'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io' } },
  ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
  endpoints: [{ addresses: ['10.0.1.5'], conditions: { ready: true, serving: true, terminating: false }, nodeName: 'n1', zone: 'z1' }],
};
const node = { apiVersion: 'v1', kind: 'Node', metadata: { name: 'n1', labels: { 'topology.kubernetes.io/zone': 'z1' } } };
const files = (spec: Record<string, unknown>) => ({ 'm.yaml': [service(spec), slice, node].map((o) => yaml.dump(o)).join('---\n') });

describe('a Service without clusterIP (a manifest not created yet)', () => {
  it('is not proxied (cluster-ip-not-allocated), and the command suggests --assume-allocated', async () => {
    const r = await runIn(['select', 'svc/web', '-n', 'shop', '--node', 'n1', '-f', 'm.yaml'], files({}));
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/^Action:\s+not proxied \(cluster-ip-not-allocated\)$/m);
    expect(r.stderr).toBe('hint: shop/web has no clusterIP yet (a manifest the API server has not created; it allocates the address on create); add --assume-allocated to analyse it as if it had\n');
    const explain = await runIn(['explain', '-f', 'm.yaml'], files({ clusterIP: '' }));
    expect(explain.stdout).toMatch(/^shop\s+web\s+ClusterIP\s+not proxied \(cluster-ip-not-allocated\)/m);
    expect(explain.stderr).toContain('add --assume-allocated');
  });

  it('with --assume-allocated is analysed with a placeholder address, and a note says so', async () => {
    const r = await runIn(['select', 'svc/web', '-n', 'shop', '--node', 'n1', '-f', 'm.yaml', '--assume-allocated'], files({}));
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/^Action:\s+FORWARD$/m);
    expect(r.stdout).toContain('10.0.1.5:8080');
    expect(r.stderr).toBe('note: shop/web has no clusterIP (not created yet); --assume-allocated analyses it as if the API server had allocated one, with the placeholder 192.0.2.10 (IPv4 assumed: the manifest names no family)\n');
    const json = await runIn(['simulate', 'shop/web', '-f', 'm.yaml', '--assume-allocated', '-o', 'json'], files({}));
    expect((JSON.parse(json.stdout) as { notProxied: unknown; forwardedFraction: number })).toMatchObject({ notProxied: null, forwardedFraction: 1 });
  });

  it('the families follow spec.ipFamilies and ipFamilyPolicy', async () => {
    const v6 = await runIn(['explain', '-f', 'm.yaml', '--assume-allocated'], files({ ipFamilies: ['IPv6'] }));
    expect(v6.stderr).toContain('with the placeholder 2001:db8::10\n');
    const dual = await runIn(['explain', '-f', 'm.yaml', '--assume-allocated'], files({ ipFamilyPolicy: 'RequireDualStack' }));
    expect(dual.stderr).toContain('allocated them, with the placeholder 192.0.2.10 and 2001:db8::10\n');
  });

  it('leaves allocated, headless and ExternalName Services as they are, and says nothing then', async () => {
    for (const spec of [{ clusterIP: '10.96.0.7' }, { clusterIP: 'None' }, { type: 'ExternalName', externalName: 'example.com' }]) {
      expect(awaitsClusterIP(service(spec))).toBe(false);
      const r = await runIn(['explain', '-f', 'm.yaml', '--assume-allocated', '-o', 'json'], files(spec));
      const plain = await runIn(['explain', '-f', 'm.yaml', '-o', 'json'], files(spec));
      expect(r.stdout).toBe(plain.stdout);
      expect(r.stderr).toBe('');
    }
    expect(awaitsClusterIP(service({ clusterIPs: [''] }))).toBe(true);
  });

  it('does not change the objects it was given', () => {
    const s = service({});
    const loaded = { services: [s], endpointSlices: [], nodes: [], pods: [], ignored: {}, notes: [], defaulted: 0 };
    const before = structuredClone(s);
    const { objects } = assumeAllocated(loaded);
    expect(s).toEqual(before);
    expect(objects.services[0]!['spec']).toMatchObject({ clusterIP: '192.0.2.10', clusterIPs: ['192.0.2.10'], ipFamilies: ['IPv4'] });
  });
});
