/** The playground's view model: what-if controls become the library's changes; the hints diff. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readDump } from '../../playground/src/dump.js';
import { computeView, scenarioChanges } from '../../playground/src/view.js';

const dump = readDump(readFileSync('examples/cluster.yaml', 'utf8'));

describe('computeView', () => {
  it('maps the what-if controls to the library changes in a fixed order', () => {
    expect(scenarioChanges({ zoneLost: 'zone-c', trafficDistribution: 'unset', topologyAuto: true })).toEqual([
      { kind: 'trafficDistribution', value: null },
      { kind: 'topologyAuto' },
      { kind: 'zoneLosesNodes', zone: 'zone-c' },
    ]);
    expect(scenarioChanges({})).toEqual([]);
    expect(scenarioChanges({ externalTrafficPolicy: 'Local', internalTrafficPolicy: 'Local' })).toEqual([
      { kind: 'internalTrafficPolicy', value: 'Local' },
      { kind: 'externalTrafficPolicy', value: 'Local' },
    ]);
  });

  it('the externalTrafficPolicy what-if is the library change: labelled by it, compared like the others', () => {
    const v = computeView(dump, { service: 'shop/storefront', node: '', via: 'nodePort', from: 'outside', whatIf: { externalTrafficPolicy: 'Local' } });
    expect(v.changes).toEqual(['externalTrafficPolicy: Local']);
    expect(v.comparison?.scenarios.map((sc) => sc.changes)).toEqual([[{ kind: 'externalTrafficPolicy', value: 'Local' }]]);
    expect(v.settings).toContainEqual(['externalTrafficPolicy', 'Local']);
    // A Local policy from outside: a node without a local endpoint drops, one with forwards to its own only.
    expect(new Set(v.rows.map((r) => r.action))).toEqual(new Set(['FORWARD', 'DROP']));
    for (const r of v.rows) expect(r.list).toBe('Local (externalTrafficPolicy)');
  });

  it('a zone lost takes its nodes out of the table and its endpoints out of every row', () => {
    const v = computeView(dump, { service: 'shop/web', node: 'node-c1', whatIf: { zoneLost: 'zone-c' } });
    expect(v.nodes).not.toContain('node-c1');
    expect(v.node).toBe(''); // the chosen node is gone
    expect(v.changes).toEqual(['zone-c loses all its nodes']);
    for (const r of v.rows) expect(r.endpoints.some((e) => e.startsWith('10.244.4.') || e.startsWith('10.244.5.'))).toBe(false);
  });

  it('hints diff: zone-a terminating on an Auto Service rewrites hints (today against written)', () => {
    const v = computeView(dump, { service: 'shop/checkout', node: '', whatIf: { zoneTerminating: 'zone-a' } });
    expect(v.hints.path).toBe('topology-auto');
    const changed = v.hintRows.filter((r) => r.change !== 'same');
    expect(changed.length).toBeGreaterThan(0);
    for (const r of changed) expect(r.today).not.toBe(r.written);
    // With the zone-a endpoints terminating, nothing ready is hinted for zone-a except what moved there.
    expect(changed.some((r) => r.written.includes('zone-a'))).toBe(true);
  });

  it('today against reconciled: trafficDistribution only changes what kube-proxy does once the controller writes hints', () => {
    const sel = { service: 'shop/storefront', node: 'node-a1', whatIf: { trafficDistribution: 'PreferClose' as const } };
    const today = computeView(dump, { ...sel, view: 'today' });
    const after = computeView(dump, { ...sel, view: 'reconciled' });
    const row = (v: typeof today) => v.rows.find((r) => r.node === 'node-a1')!;
    expect(row(today).endpoints).toEqual(['10.244.0.29:8080', '10.244.3.30:8080']);
    expect(row(after).endpoints).toEqual(['10.244.0.29:8080']);
    expect(after.hintRows.filter((r) => r.change === 'added')).toHaveLength(2);
  });

  it('offers only the ways in the port exposes', () => {
    expect(computeView(dump, { service: 'shop/web', node: '', whatIf: {} }).vias).toEqual(['clusterIP']);
    expect(computeView(dump, { service: 'shop/storefront', node: '', whatIf: {} }).vias).toEqual(['clusterIP', 'nodePort', 'loadBalancer']);
    // A via the port does not expose falls back to the cluster IP rather than failing.
    expect(computeView(dump, { service: 'shop/web', node: '', via: 'loadBalancer', whatIf: {} }).via).toBe('clusterIP');
  });

  it('data plane: Cilium without enable-service-topology ignores the hints; Envoy Gateway says it is not settled rather than guess', () => {
    const sel = { service: 'shop/web', node: 'node-b1', whatIf: {} };
    const row = (dataPlane: 'kube-proxy' | 'cilium' | 'envoy-gateway') => computeView(dump, { ...sel, dataPlane }).rows.find((r) => r.node === 'node-b1')!;
    expect(row('kube-proxy').endpoints).toEqual(['10.244.2.12:8080', '10.244.3.13:8080']);
    const cilium = row('cilium');
    expect(cilium.action).toBe('FORWARD');
    expect(cilium.endpoints).toHaveLength(6);
    expect(cilium.why.join(' ')).toContain('enable-service-topology is off');
    const envoy = row('envoy-gateway');
    expect(envoy).toMatchObject({ action: 'NOT SETTLED', endpoints: [] });
    expect(envoy.why[0]).toContain('trafficDistribution');
    expect(computeView(dump, { ...sel, dataPlane: 'nonsense' as 'cilium' }).dataPlane).toBe('kube-proxy');
  });
});
