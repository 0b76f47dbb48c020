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
  categorizeEndpoints,
  computeHints,
  isKubernetesVersion,
  parseKubernetesVersion,
  resolveGates,
} from '../../src/index.js';
import { renderReleaseDocs } from './release-docs.js';

describe('release table', () => {
  it('lists 1.27 … 1.37 then master, the default', () => {
    expect(KUBERNETES_VERSIONS).toEqual(['1.27', '1.28', '1.29', '1.30', '1.31', '1.32', '1.33', '1.34', '1.35', '1.36', '1.37', 'master']);
    expect(DEFAULT_KUBERNETES_VERSION).toBe('master');
    expect(NEWEST_RELEASE).toBe('1.37');
    expect(KUBERNETES_VERSIONS).toContain(NEWEST_RELEASE);
    expect(isKubernetesVersion('1.36')).toBe(true);
    expect(isKubernetesVersion('1.37')).toBe(true);
    expect(isKubernetesVersion('1.38')).toBe(false);
    expect(isKubernetesVersion('v1.36')).toBe(false);
    expect(isKubernetesVersion('toString')).toBe(false);
  });

  it('every row names every gate; master is the 1.37 row (proxy-semantics §10.2)', () => {
    for (const v of KUBERNETES_VERSIONS) expect(Object.keys(RELEASES[v].gates).sort()).toEqual([...GATE_NAMES].sort());
    expect(RELEASES.master).toEqual(RELEASES['1.37']);
    expect(RELEASE_GATES['1.33']).toBe(RELEASES['1.33'].gates);
  });

  it('gate defaults match the tables of proxy-semantics §10 / controller-semantics §9', () => {
    const cell = (v: (typeof KUBERNETES_VERSIONS)[number]) =>
      GATE_NAMES.map((g) => {
        const s = RELEASES[v].gates[g];
        return s.stage === 'absent' ? `- ${s.enabled ? 'on' : 'off'}` : s.stage === 'removed' ? 'removed' : `${s.stage}${s.locked ? ' locked' : ''} ${s.enabled ? 'on' : 'off'}`;
      });
    // TopologyAwareHints, ProxyTerminatingEndpoints, ServiceTrafficDistribution, PreferSameTrafficDistribution, LoadBalancerIPMode, AllowServiceExternalIPs
    expect(GATE_NAMES).toEqual([
      'TopologyAwareHints', 'ProxyTerminatingEndpoints', 'ServiceTrafficDistribution', 'PreferSameTrafficDistribution', 'LoadBalancerIPMode', 'AllowServiceExternalIPs',
    ]);
    // AllowServiceExternalIPs does not exist before 1.36, and those releases handle external IPs: absent reads as on.
    expect(cell('1.27')).toEqual(['beta on', 'beta on', '- off', '- off', '- off', '- on']);
    expect(cell('1.28')).toEqual(['beta on', 'GA locked on', '- off', '- off', '- off', '- on']);
    expect(cell('1.29')).toEqual(['beta on', 'GA locked on', '- off', '- off', 'alpha off', '- on']);
    expect(cell('1.30')).toEqual(['beta on', 'removed', 'alpha off', '- off', 'beta on', '- on']);
    expect(cell('1.31')).toEqual(['beta on', 'removed', 'beta on', '- off', 'beta on', '- on']);
    expect(cell('1.32')).toEqual(['beta on', 'removed', 'beta on', '- off', 'GA locked on', '- on']);
    // LoadBalancerIPMode: locked from 1.32 on, so 1.33 and 1.34 are locked (earlier tables said unlocked); removed in 1.35.
    expect(cell('1.33')).toEqual(['GA locked on', 'removed', 'GA locked on', 'alpha off', 'GA locked on', '- on']);
    expect(cell('1.34')).toEqual(['GA locked on', 'removed', 'GA locked on', 'beta on', 'GA locked on', '- on']);
    expect(cell('1.35')).toEqual(['GA locked on', 'removed', 'GA locked on', 'GA locked on', 'removed', '- on']);
    // 1.36: TopologyAwareHints and ServiceTrafficDistribution removed; AllowServiceExternalIPs new, on, settable.
    expect(cell('1.36')).toEqual(['removed', 'removed', 'removed', 'GA locked on', 'removed', 'GA on']);
    expect(cell('1.37')).toEqual(['removed', 'removed', 'removed', 'GA locked on', 'removed', 'GA on']);
  });

  it('behaviour rows change exactly where the spec says', () => {
    const column = (f: (b: (typeof RELEASES)['1.27']['behaviour']) => unknown) => KUBERNETES_VERSIONS.map((v) => f(RELEASES[v].behaviour));
    const upTo = (last: number, a: unknown, b: unknown) => KUBERNETES_VERSIONS.map((_, i) => (i <= last ? a : b));
    expect(column((b) => b.topologyAnnotation)).toEqual([
      'required', 'required', 'required',
      'required-unless-traffic-distribution', 'required-unless-traffic-distribution', 'required-unless-traffic-distribution',
      'ignored', 'ignored', 'ignored', 'ignored', 'ignored', 'ignored',
    ]);
    expect(column((b) => b.zoneHintsGated)).toEqual(upTo(5, true, false));
    expect(column((b) => b.zoneLabelRequired)).toEqual(upTo(5, true, false));
    expect(column((b) => b.terminatingFallbackGated)).toEqual(upTo(0, true, false));
    // The non-terminating duplicate rule (PR 135593) ships in 1.36.0: 1.35 (index 8) is the last local-wins release.
    expect(column((b) => b.duplicates)).toEqual(upTo(8, 'local-wins', 'non-terminating-wins'));
    expect(column((b) => b.emptyZoneHint)).toEqual([false, false, false, true, true, true, false, false, false, false, false, false]);
  });
});

describe('resolving gates for a release', () => {
  it('takes the release defaults', () => {
    expect(resolveGates(undefined, '$.gates', '1.33').PreferSameTrafficDistribution).toBe(false);
    expect(resolveGates(undefined, '$.gates', '1.34').PreferSameTrafficDistribution).toBe(true);
    expect(resolveGates().PreferSameTrafficDistribution).toBe(true);
    expect(resolveGates(undefined, '$.gates', '1.35').AllowServiceExternalIPs).toBe(true);
    expect(resolveGates(undefined, '$.gates', '1.36').AllowServiceExternalIPs).toBe(true);
  });
  it('lets explicit gates override, even a locked one', () => {
    expect(resolveGates({ TopologyAwareHints: false }, '$.gates', '1.35').TopologyAwareHints).toBe(false);
    expect(resolveGates({ ServiceTrafficDistribution: false }, '$.gates', '1.35').ServiceTrafficDistribution).toBe(false);
    expect(resolveGates({ PreferSameTrafficDistribution: true }, '$.gates', '1.33').PreferSameTrafficDistribution).toBe(true);
    expect(resolveGates({ PreferSameTrafficDistribution: false }, '$.gates', '1.37').PreferSameTrafficDistribution).toBe(false);
    // LoadBalancerIPMode is locked in 1.34 but still read: forcing it off takes effect.
    expect(resolveGates({ LoadBalancerIPMode: false }, '$.gates', '1.34').LoadBalancerIPMode).toBe(false);
    expect(resolveGates({ AllowServiceExternalIPs: false }, '$.gates', '1.36').AllowServiceExternalIPs).toBe(false);
    expect(resolveGates({ AllowServiceExternalIPs: false }).AllowServiceExternalIPs).toBe(false);
  });
  it('accepts a gate the release does not have yet, without effect', () => {
    expect(resolveGates({ ServiceTrafficDistribution: true }, '$.gates', '1.29').ServiceTrafficDistribution).toBe(false);
    expect(resolveGates({ ProxyTerminatingEndpoints: false }, '$.gates', '1.27').ProxyTerminatingEndpoints).toBe(false);
    // Before 1.36 there is no gate and external IPs are always handled.
    expect(resolveGates({ AllowServiceExternalIPs: false }, '$.gates', '1.35').AllowServiceExternalIPs).toBe(true);
  });
  it('refuses an override of a gate the release has removed, saying so', () => {
    const removed: [string, string, string][] = [
      ['TopologyAwareHints', '1.36', '1.36'],
      ['ServiceTrafficDistribution', '1.36', '1.36'],
      ['TopologyAwareHints', '1.37', '1.36'],
      ['ServiceTrafficDistribution', 'master', '1.36'],
      ['LoadBalancerIPMode', '1.35', '1.35'],
      ['LoadBalancerIPMode', '1.37', '1.35'],
      ['ProxyTerminatingEndpoints', '1.30', '1.30'],
    ];
    for (const [gate, version, since] of removed) {
      for (const value of [false, true]) {
        let error: unknown;
        try {
          resolveGates({ [gate]: value }, '$.gates', version);
        } catch (e) {
          error = e;
        }
        expect(error, `${gate}=${value} in ${version}`).toBeInstanceOf(KubeTrafficError);
        const e = error as KubeTrafficError;
        expect(e.code).toBe('unknown-gate');
        expect(e.path).toBe(`$.gates.${gate}`);
        expect(e.message).toContain(`${gate} no longer exists`);
        expect(e.message).toContain(`removed in ${since}`);
      }
    }
    // The release before each removal still takes the override.
    expect(resolveGates({ TopologyAwareHints: false }, '$.gates', '1.35').TopologyAwareHints).toBe(false);
    expect(resolveGates({ LoadBalancerIPMode: false }, '$.gates', '1.34').LoadBalancerIPMode).toBe(false);
    expect(resolveGates({ ProxyTerminatingEndpoints: false }, '$.gates', '1.29').ProxyTerminatingEndpoints).toBe(false);
  });
  it('rejects an unknown gate and an unknown version', () => {
    expect(() => resolveGates({ Nope: true } as never)).toThrow(expect.objectContaining({ code: 'unknown-gate', path: '$.gates.Nope' }));
    expect(() => resolveGates({}, '$.gates', '1.26')).toThrow(KubeTrafficError);
    expect(() => resolveGates({}, '$.gates', '1.26')).toThrow(expect.objectContaining({ code: 'invalid-value', path: '$.kubernetesVersion' }));
  });
  it('reads the version in any accepted spelling', () => {
    expect(resolveGates({}, '$.gates', 'v1.33.4').PreferSameTrafficDistribution).toBe(false);
    expect(() => resolveGates({ TopologyAwareHints: false }, '$.gates', 'v1.36.2-eks-1234')).toThrow(expect.objectContaining({ code: 'unknown-gate' }));
  });
});

describe('version strings (proxy-semantics §10.1)', () => {
  const accepted: [string, string][] = [
    ['1.36', '1.36'],
    ['v1.36', '1.36'],
    ['1.36.0', '1.36'],
    ['1.36.2', '1.36'],
    ['v1.36.2', '1.36'],
    ['v1.36.2-eks-1234', '1.36'],
    ['v1.36.2-eks-ae9a62a', '1.36'],
    ['v1.36.2+k3s1', '1.36'],
    ['v1.36.2+rke2r1', '1.36'],
    ['v1.36.2-gke.100', '1.36'],
    ['1.37', '1.37'],
    ['v1.37.0', '1.37'],
    ['1.35.7', '1.35'],
    ['v1.27.16', '1.27'],
    ['master', 'master'],
  ];
  for (const [text, release] of accepted) {
    it(`${JSON.stringify(text)} selects ${release}`, () => {
      expect(parseKubernetesVersion(text)).toBe(release);
    });
  }

  const refused: [string, RegExp][] = [
    ['v1.36.0-alpha.1', /pre-release of 1\.36/],
    ['v1.36.0-beta.0', /pre-release of 1\.36/],
    ['v1.37.0-rc.0', /pre-release of 1\.37/],
    ['1.36.0-rc1', /pre-release/],
    ['1.38', /1\.38 is not a modelled release/],
    ['v1.38.0', /1\.38 is not a modelled release/],
    ['1.26', /1\.26 is not a modelled release/],
    ['2.36', /2\.36 is not a modelled release/],
    ['1.036', /expected a Kubernetes release/],
    ['1.36.02', /expected a Kubernetes release/],
    ['v1.36-eks', /expected a Kubernetes release/],
    [' 1.36', /expected a Kubernetes release/],
    ['1', /expected a Kubernetes release/],
    ['Master', /expected a Kubernetes release/],
    ['latest', /expected a Kubernetes release/],
    ['', /expected a Kubernetes release/],
  ];
  for (const [text, message] of refused) {
    it(`${JSON.stringify(text)} is refused, naming the supported range`, () => {
      let error: unknown;
      try {
        parseKubernetesVersion(text);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(KubeTrafficError);
      const e = error as KubeTrafficError;
      expect(e.code).toBe('invalid-value');
      expect(e.path).toBe('$');
      expect(e.message).toMatch(message);
      expect(e.message).toContain('from 1.27 to 1.37');
      expect(e.message).toContain("'master'");
    });
  }

  it('a non-string is an invalid-type error; the path is the caller\'s', () => {
    expect(() => parseKubernetesVersion(136 as never)).toThrow(expect.objectContaining({ code: 'invalid-type', path: '$' }));
    expect(() => parseKubernetesVersion('1.38', '$.kubernetesVersion')).toThrow(expect.objectContaining({ path: '$.kubernetesVersion' }));
  });

  it('the library option reads the same spellings, and results report the short form', () => {
    const service = { metadata: { name: 's', namespace: 'ns' }, spec: { clusterIP: '10.96.0.1', ports: [{ name: 'http', port: 80 }] } };
    for (const [text, release] of accepted) {
      expect(categorizeEndpoints({ service, endpointSlices: [], node: { name: 'n' }, kubernetesVersion: text }).kubernetesVersion).toBe(release);
      expect(computeHints({ service, endpointSlices: [], nodes: [], kubernetesVersion: text }).kubernetesVersion).toBe(release);
    }
    for (const [text] of refused) {
      expect(() => categorizeEndpoints({ service, endpointSlices: [], node: { name: 'n' }, kubernetesVersion: text })).toThrow(
        expect.objectContaining({ code: 'invalid-value', path: '$.kubernetesVersion' }),
      );
      expect(() => computeHints({ service, endpointSlices: [], nodes: [], kubernetesVersion: text })).toThrow(
        expect.objectContaining({ code: 'invalid-value', path: '$.kubernetesVersion' }),
      );
    }
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
