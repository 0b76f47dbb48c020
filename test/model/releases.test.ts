/**
 * The release table (src/model/releases.ts): its shape, the gate rows of proxy-semantics §10 and
 * controller-semantics §9, how gates resolve per release, and the generated docs page.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_KUBERNETES_VERSION,
  GATE_NAMES,
  KUBERNETES_VERSIONS,
  KubeTrafficError,
  NEWEST_RELEASE,
  RELEASES,
  RELEASE_GATES,
  isKubernetesVersion,
  resolveGates,
} from '../../src/index.js';
import { renderReleaseDocs } from './release-docs.js';

describe('release table', () => {
  it('lists 1.27 … 1.35 then master, the default', () => {
    expect(KUBERNETES_VERSIONS).toEqual(['1.27', '1.28', '1.29', '1.30', '1.31', '1.32', '1.33', '1.34', '1.35', 'master']);
    expect(DEFAULT_KUBERNETES_VERSION).toBe('master');
    expect(KUBERNETES_VERSIONS).toContain(NEWEST_RELEASE);
    expect(isKubernetesVersion('1.30')).toBe(true);
    expect(isKubernetesVersion('1.36')).toBe(false);
    expect(isKubernetesVersion('toString')).toBe(false);
  });

  it('every row names every gate; master has the 1.35 gates and differs from 1.35 only in the duplicate rule', () => {
    for (const v of KUBERNETES_VERSIONS) expect(Object.keys(RELEASES[v].gates).sort()).toEqual([...GATE_NAMES].sort());
    expect(RELEASES.master.gates).toEqual(RELEASES['1.35'].gates);
    expect({ ...RELEASES.master.behaviour, duplicates: 'local-wins' }).toEqual(RELEASES['1.35'].behaviour);
    expect(RELEASE_GATES['1.33']).toBe(RELEASES['1.33'].gates);
  });

  it('gate defaults match the tables of proxy-semantics §10 / controller-semantics §9', () => {
    const cell = (v: (typeof KUBERNETES_VERSIONS)[number]) =>
      GATE_NAMES.map((g) => {
        const s = RELEASES[v].gates[g];
        return s.stage === 'absent' ? '-' : s.stage === 'removed' ? 'removed' : `${s.stage}${s.locked ? ' locked' : ''} ${s.enabled ? 'on' : 'off'}`;
      });
    // TopologyAwareHints, ProxyTerminatingEndpoints, ServiceTrafficDistribution, PreferSameTrafficDistribution, LoadBalancerIPMode
    expect(cell('1.27')).toEqual(['beta on', 'beta on', '-', '-', '-']);
    expect(cell('1.28')).toEqual(['beta on', 'GA locked on', '-', '-', '-']);
    expect(cell('1.29')).toEqual(['beta on', 'GA locked on', '-', '-', 'alpha off']);
    expect(cell('1.30')).toEqual(['beta on', 'removed', 'alpha off', '-', 'beta on']);
    expect(cell('1.31')).toEqual(['beta on', 'removed', 'beta on', '-', 'beta on']);
    expect(cell('1.32')).toEqual(['beta on', 'removed', 'beta on', '-', 'GA locked on']);
    expect(cell('1.33')).toEqual(['GA locked on', 'removed', 'GA locked on', 'alpha off', 'GA on']);
    expect(cell('1.34')).toEqual(['GA locked on', 'removed', 'GA locked on', 'beta on', 'GA on']);
    expect(cell('1.35')).toEqual(['GA locked on', 'removed', 'GA locked on', 'GA locked on', 'GA on']);
  });

  it('behaviour rows change exactly where the spec says', () => {
    const column = (f: (b: (typeof RELEASES)['1.27']['behaviour']) => unknown) => KUBERNETES_VERSIONS.map((v) => f(RELEASES[v].behaviour));
    const upTo = (last: number, a: unknown, b: unknown) => KUBERNETES_VERSIONS.map((_, i) => (i <= last ? a : b));
    expect(column((b) => b.topologyAnnotation)).toEqual([
      'required', 'required', 'required',
      'required-unless-traffic-distribution', 'required-unless-traffic-distribution', 'required-unless-traffic-distribution',
      'ignored', 'ignored', 'ignored', 'ignored',
    ]);
    expect(column((b) => b.zoneHintsGated)).toEqual(upTo(5, true, false));
    expect(column((b) => b.zoneLabelRequired)).toEqual(upTo(5, true, false));
    expect(column((b) => b.terminatingFallbackGated)).toEqual(upTo(0, true, false));
    expect(column((b) => b.duplicates)).toEqual(upTo(8, 'local-wins', 'non-terminating-wins'));
    expect(column((b) => b.emptyZoneHint)).toEqual([false, false, false, true, true, true, false, false, false, false]);
  });
});

describe('resolving gates for a release', () => {
  it('takes the release defaults', () => {
    expect(resolveGates(undefined, '$.gates', '1.33').PreferSameTrafficDistribution).toBe(false);
    expect(resolveGates(undefined, '$.gates', '1.34').PreferSameTrafficDistribution).toBe(true);
    expect(resolveGates().PreferSameTrafficDistribution).toBe(true);
  });
  it('lets explicit gates override, even a locked one', () => {
    expect(resolveGates({ TopologyAwareHints: false }, '$.gates', '1.35').TopologyAwareHints).toBe(false);
    expect(resolveGates({ PreferSameTrafficDistribution: true }, '$.gates', '1.33').PreferSameTrafficDistribution).toBe(true);
  });
  it('accepts a gate the release does not have, without effect', () => {
    expect(resolveGates({ ServiceTrafficDistribution: true }, '$.gates', '1.29').ServiceTrafficDistribution).toBe(false);
    expect(resolveGates({ ProxyTerminatingEndpoints: false }, '$.gates', '1.30').ProxyTerminatingEndpoints).toBe(true);
    expect(resolveGates({ ProxyTerminatingEndpoints: false }, '$.gates', '1.27').ProxyTerminatingEndpoints).toBe(false);
  });
  it('rejects an unknown gate and an unknown version', () => {
    expect(() => resolveGates({ Nope: true } as never)).toThrow(expect.objectContaining({ code: 'unknown-gate', path: '$.gates.Nope' }));
    expect(() => resolveGates({}, '$.gates', '1.26' as never)).toThrow(KubeTrafficError);
    expect(() => resolveGates({}, '$.gates', '1.26' as never)).toThrow(expect.objectContaining({ code: 'invalid-value', path: '$.kubernetesVersion' }));
  });
});

describe('docs/releases.md', () => {
  it('is what the release table generates', () => {
    const url = new URL('../../docs/releases.md', import.meta.url);
    const expected = renderReleaseDocs();
    if (process.env['UPDATE_RELEASE_DOCS'] === '1') writeFileSync(url, expected);
    expect(readFileSync(url, 'utf8')).toBe(expected);
  });
});
