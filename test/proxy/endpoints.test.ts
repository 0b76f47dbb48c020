import { describe, expect, it } from 'vitest';
import { Reader } from '../../src/model/read.js';
import { endpointKey } from '../../src/util/ip.js';
import { type DuplicateGroups, type EndpointFilter, type Skipped, collectEndpoints } from '../../src/proxy/endpoints.js';

const filter: EndpointFilter = {
  namespace: 'ns',
  serviceName: 'svc',
  family: 'IPv4',
  portName: 'http',
  protocol: 'TCP',
  nodeHints: true,
};

function slice(name: string, endpoints: unknown[], extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    metadata: { name, namespace: 'ns', labels: { 'kubernetes.io/service-name': 'svc' } },
    addressType: 'IPv4',
    ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
    endpoints,
    ...extra,
  };
}

function collect(slices: unknown[], f: EndpointFilter = filter) {
  const reader = new Reader();
  const skipped: Skipped[] = [];
  const duplicates: DuplicateGroups = new Map();
  const endpoints = collectEndpoints(reader, slices, '$.endpointSlices', f, (s) => skipped.push(s), duplicates);
  reader.finish();
  return { endpoints, skipped, duplicates, keys: endpoints.map((e) => e.key) };
}

describe('collectEndpoints: EndpointSlices → endpoints (proxy-semantics 3)', () => {
  it('applies the nil condition defaults: ready and serving true, terminating false (3.6)', () => {
    const { endpoints } = collect([
      slice('s', [
        { addresses: ['10.0.0.1'] },
        { addresses: ['10.0.0.2'], conditions: { ready: null, serving: null, terminating: null } },
        { addresses: ['10.0.0.3'], conditions: { terminating: true } },
        { addresses: ['10.0.0.4'], conditions: { ready: false } },
      ]),
    ]);
    expect(endpoints.map((e) => [e.ip, e.ready, e.serving, e.terminating])).toEqual([
      ['10.0.0.1', true, true, false],
      ['10.0.0.2', true, true, false],
      ['10.0.0.3', true, true, true],
      ['10.0.0.4', false, true, false],
    ]);
  });

  it('uses only the first address, canonicalised, and skips endpoints without addresses (3.5)', () => {
    const { keys, skipped } = collect([
      slice('s', [{ addresses: ['010.000.000.001', '10.0.0.9'] }, { addresses: [] }, { addresses: null }, {}]),
    ]);
    expect(keys).toEqual(['10.0.0.1:8080']);
    expect(skipped.map((s) => [s.reason, s.path])).toEqual([
      ['no-addresses', '$.endpointSlices[0].endpoints[1]'],
      ['no-addresses', '$.endpointSlices[0].endpoints[2]'],
      ['no-addresses', '$.endpointSlices[0].endpoints[3]'],
    ]);
  });

  it('takes the port number from the slice and matches the port by name and protocol (3.3, 3.4)', () => {
    const { keys, skipped } = collect([
      slice('a', [{ addresses: ['10.0.0.1'] }], { ports: [{ name: 'http', port: 80 }] }), // protocol defaults to TCP
      slice('b', [{ addresses: ['10.0.0.1'] }], { ports: [{ name: 'http', port: 8080, protocol: 'UDP' }] }),
      slice('c', [{ addresses: ['10.0.0.1'] }], { ports: [{ name: 'metrics', port: 9090 }] }),
      slice('d', [{ addresses: ['10.0.0.1'] }], { ports: [{ name: 'http', port: 0 }] }),
      slice('e', [{ addresses: ['10.0.0.1'] }], { ports: [{ name: 'http' }] }),
    ]);
    expect(keys).toEqual(['10.0.0.1:80']);
    expect(skipped.map((s) => [s.reason, s.slice])).toEqual([
      ['other-port', 'b'],
      ['other-port', 'c'],
      ['other-port', 'd'],
      ['other-port', 'e'],
    ]);
  });

  it('matches an unnamed Service port only with an explicit empty name, never an absent one', () => {
    const unnamed = { ...filter, portName: '' };
    const { keys } = collect(
      [
        slice('a', [{ addresses: ['10.0.0.1'] }], { ports: [{ port: 80 }] }),
        slice('b', [{ addresses: ['10.0.0.2'] }], { ports: [{ name: '', port: 81 }] }),
      ],
      unnamed,
    );
    expect(keys).toEqual(['10.0.0.2:81']);
  });

  it('ignores slices of other Services, namespaces and families, and hidden slices (1.2, 3.1, 3.2)', () => {
    const { keys, skipped } = collect([
      slice('other-svc', [{ addresses: ['10.0.0.1'] }], { metadata: { name: 'other-svc', namespace: 'ns', labels: { 'kubernetes.io/service-name': 'web' } } }),
      slice('other-ns', [{ addresses: ['10.0.0.2'] }], { metadata: { name: 'other-ns', namespace: 'prod', labels: { 'kubernetes.io/service-name': 'svc' } } }),
      slice('unlabelled', [{ addresses: ['10.0.0.3'] }], { metadata: { name: 'unlabelled', namespace: 'ns' } }),
      slice('v6', [{ addresses: ['fd00::1'] }], { addressType: 'IPv6' }),
      slice('fqdn', [{ addresses: ['example.com'] }], { addressType: 'FQDN' }),
      slice('hidden', [{ addresses: ['10.0.0.4'] }], {
        metadata: { name: 'hidden', namespace: 'ns', labels: { 'kubernetes.io/service-name': 'svc', 'service.kubernetes.io/headless': '' } },
      }),
      slice('mine', [{ addresses: ['10.0.0.5'] }]),
    ]);
    expect(keys).toEqual(['10.0.0.5:8080']);
    expect(skipped.map((s) => `${s.reason}:${s.slice}`)).toEqual([
      'other-service:other-svc',
      'other-service:other-ns',
      'other-service:unlabelled',
      'other-family:v6',
      'other-family:fqdn',
      'hidden-slice:hidden',
    ]);
  });

  it('merges duplicates across slices: a non-terminating copy wins over a terminating one (3.9, newest rule)', () => {
    const ready = { addresses: ['10.0.0.1'], nodeName: 'node-a', conditions: { ready: true } };
    const draining = { addresses: ['10.0.0.1'], nodeName: 'node-b', conditions: { ready: false, serving: true, terminating: true } };
    for (const order of [
      [slice('ready', [ready]), slice('draining', [draining])],
      [slice('draining', [draining]), slice('ready', [ready])],
    ]) {
      const { endpoints, skipped, duplicates } = collect(order);
      expect(endpoints).toHaveLength(1);
      expect(endpoints[0]).toMatchObject({ nodeName: 'node-a', ready: true, slice: 'ready' });
      // Duplicates are not skips: every copy is recorded, in input order, for the duplicates rule.
      expect(skipped).toEqual([]);
      expect([...duplicates.keys()]).toEqual(['10.0.0.1:8080']);
      expect(duplicates.get('10.0.0.1:8080')?.map((c) => [c.endpoint.slice, c.slice, c.entry])).toEqual(
        order.map((sl, i) => [(sl['metadata'] as { name: string }).name, i, 0]),
      );
    }
  });

  it('reads zone hints always and node hints only when asked, sorted and de-duplicated (3.8)', () => {
    const ep = { addresses: ['10.0.0.1'], hints: { forZones: [{ name: 'b' }, { name: 'a' }, { name: 'b' }], forNodes: [{ name: 'n1' }] } };
    expect(collect([slice('s', [ep])]).endpoints[0]).toMatchObject({ zoneHints: ['a', 'b'], nodeHints: ['n1'] });
    expect(collect([slice('s', [ep])], { ...filter, nodeHints: false }).endpoints[0]).toMatchObject({ nodeHints: [] });
  });

  it('sorts endpoints by address numerically, then port, whatever the input order', () => {
    const { keys } = collect([
      slice('a', [{ addresses: ['10.0.0.10'] }, { addresses: ['10.0.0.9'] }], { ports: [{ name: 'http', port: 81 }] }),
      slice('b', [{ addresses: ['10.0.0.10'] }, { addresses: ['9.0.0.1'] }], { ports: [{ name: 'http', port: 80 }] }),
    ]);
    expect(keys).toEqual(['9.0.0.1:80', '10.0.0.9:81', '10.0.0.10:80', '10.0.0.10:81']);
  });

  it('keeps nodeName and zone as given, null when absent; nothing on an endpoint depends on the client node', () => {
    const { endpoints } = collect([slice('s', [{ addresses: ['10.0.0.1'], nodeName: 'n', zone: 'z' }, { addresses: ['10.0.0.2'] }])]);
    expect(endpoints.map((e) => [e.nodeName, e.zone])).toEqual([
      ['n', 'z'],
      [null, null],
    ]);
    expect(endpoints.every((e) => !('isLocal' in e))).toBe(true);
  });

  it('reports every malformed field with its path instead of failing on the first', () => {
    const reader = new Reader();
    collectEndpoints(
      reader,
      [slice('s', [{ addresses: ['10.0.0.x'] }, { addresses: ['10.0.0.2'], conditions: { ready: 'yes' } }, { addresses: ['fd00::1'] }])],
      '$.endpointSlices',
      filter,
    );
    expect(reader.problems.map((p) => [p.code, p.path])).toEqual([
      ['invalid-ip', '$.endpointSlices[0].endpoints[0].addresses[0]'],
      ['invalid-type', '$.endpointSlices[0].endpoints[1].conditions.ready'],
      ['invalid-ip', '$.endpointSlices[0].endpoints[2].addresses[0]'],
    ]);
  });

  it('reports a hole in the slice list (possible from code, not from JSON) as it does one in the nodes', () => {
    const reader = new Reader();
    // eslint-disable-next-line no-sparse-arrays
    const endpoints = collectEndpoints(reader, [, slice('s', [{ addresses: ['10.0.0.1'] }])], '$.endpointSlices', filter);
    expect(reader.problems.map((p) => [p.code, p.path])).toEqual([['invalid-type', '$.endpointSlices[0]']]);
    expect(endpoints.map((e) => e.key)).toEqual(['10.0.0.1:8080']);
  });

  it('writes keys as IP:port and [IP]:port, one per matching slice port, as endpointKey does', () => {
    const ports = { ports: [{ name: 'http', port: 8080 }, { name: 'http', port: 9090 }] };
    expect(collect([slice('s', [{ addresses: ['10.0.0.1'] }], ports)]).keys).toEqual(['10.0.0.1:8080', '10.0.0.1:9090']);
    const v6 = collect([slice('s', [{ addresses: ['FD00::0001'] }], { ...ports, addressType: 'IPv6' })], { ...filter, family: 'IPv6' });
    expect(v6.keys).toEqual(['[fd00::1]:8080', '[fd00::1]:9090']);
    expect(v6.endpoints.map((e) => endpointKey(e.ip, e.port))).toEqual(v6.keys);
  });
});
