import { describe, expect, it } from 'vitest';
import { decideHintsPath, isAutoAnnotation, topologyAnnotation } from '../../src/controller/precedence.js';
import { resolveGates } from '../../src/model/gates.js';

const OLD = 'service.kubernetes.io/topology-aware-hints';
const MODE = 'service.kubernetes.io/topology-mode';
const all = resolveGates();

describe('annotation (2.1)', () => {
  it('the deprecated key wins whenever present, even empty', () => {
    expect(topologyAnnotation({ [OLD]: '', [MODE]: 'Auto' })).toBe('');
    expect(isAutoAnnotation({ [OLD]: '', [MODE]: 'Auto' })).toBe(false);
    expect(isAutoAnnotation({ [OLD]: 'auto', [MODE]: 'disabled' })).toBe(true);
  });

  it.each([
    ['Auto', true],
    ['auto', true],
    ['AUTO', false],
    ['aUto', false],
    ['auto ', false],
    ['enabled', false],
    ['', false],
  ])('%j enabled: %s', (value, want) => {
    expect(isAutoAnnotation({ [MODE]: value })).toBe(want);
  });
});

describe('decideHintsPath (2.3)', () => {
  it('Auto wins over trafficDistribution', () => {
    expect(decideHintsPath({ [MODE]: 'Auto' }, 'PreferClose', all)).toEqual({ path: 'topology-auto' });
  });

  it('Auto with TopologyAwareHints off (1.35, the last release with the gate) removes hints and still blocks trafficDistribution (2.3.2)', () => {
    expect(decideHintsPath({ [MODE]: 'Auto' }, 'PreferClose', resolveGates({ TopologyAwareHints: false }, '$.gates', '1.35'))).toEqual({
      path: 'none',
      cause: 'gate-off',
      gate: 'TopologyAwareHints',
    });
  });

  it.each(['PreferClose', 'PreferSameZone', 'PreferSameNode'] as const)('%s is usable by default', (td) => {
    expect(decideHintsPath(undefined, td, all)).toEqual({ path: 'traffic-distribution', trafficDistribution: td });
  });

  it('gates make values unusable (2.2)', () => {
    const noSame = resolveGates({ PreferSameTrafficDistribution: false });
    expect(decideHintsPath(undefined, 'PreferClose', noSame)).toEqual({ path: 'traffic-distribution', trafficDistribution: 'PreferClose' });
    expect(decideHintsPath(undefined, 'PreferSameZone', noSame)).toEqual({ path: 'none', cause: 'gate-off', gate: 'PreferSameTrafficDistribution' });
    expect(decideHintsPath(undefined, 'PreferClose', resolveGates({ ServiceTrafficDistribution: false }, '$.gates', '1.35'))).toEqual({
      path: 'none',
      cause: 'gate-off',
      gate: 'ServiceTrafficDistribution',
    });
  });

  it('names why hints are removed', () => {
    expect(decideHintsPath(undefined, undefined, all)).toEqual({ path: 'none', cause: 'traffic-distribution-unset', gate: null });
    expect(decideHintsPath({ [MODE]: 'AUTO' }, undefined, all)).toEqual({ path: 'none', cause: 'annotation-disabled', gate: null });
    expect(decideHintsPath({ [MODE]: 'AUTO' }, 'Unknown', all)).toEqual({ path: 'none', cause: 'value-not-usable', gate: null });
    expect(decideHintsPath(undefined, 'preferclose', all)).toEqual({ path: 'none', cause: 'value-not-usable', gate: null });
  });
});
