import { describe, expect, it } from 'vitest';
import { endpointZone } from '../../src/simulate/endpoint-zone.js';

describe('endpointZone: slice zone, else the node label, else unknown', () => {
  const zones = new Map([['a1', 'zone-a']]);
  it('prefers the slice entry zone', () => expect(endpointZone({ zone: 'zone-b', nodeName: 'a1' }, zones)).toBe('zone-b'));
  it('falls back to the node label when the zone is null, empty or absent', () => {
    for (const zone of [null, '', undefined]) expect(endpointZone({ zone, nodeName: 'a1' }, zones)).toBe('zone-a');
  });
  it('is unknown without either', () => {
    expect(endpointZone({ zone: null, nodeName: 'x' }, zones)).toBe('');
    expect(endpointZone({ nodeName: null }, zones)).toBe('');
    expect(endpointZone({ zone: 7, nodeName: 'a1' }, zones)).toBe('zone-a');
  });
});
