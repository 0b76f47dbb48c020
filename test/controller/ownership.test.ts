/** Which Services and slices the controller touches (src/controller/ownership.ts; controller.md §0). */
import { describe, expect, it } from 'vitest';
import { KubeTrafficError, serviceNotManaged, sliceExclusion } from '../../src/index.js';

const owner = { name: 'web', namespace: 'shop' };
const managed = { 'kubernetes.io/service-name': 'web', 'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io' };
const slice = (meta: object, addressType = 'IPv4') => ({ metadata: { namespace: 'shop', labels: managed, ...meta }, addressType });

describe('sliceExclusion', () => {
  it('names why a slice is not the controller’s, or null', () => {
    expect(sliceExclusion(slice({}), owner)).toBeNull();
    expect(sliceExclusion(slice({ namespace: 'other' }), owner)).toBe('other-service');
    expect(sliceExclusion(slice({ labels: { 'kubernetes.io/service-name': 'web' } }), owner)).toBe('other-manager');
    expect(sliceExclusion(slice({ deletionTimestamp: '2026-12-02T00:00:00Z' }), owner)).toBe('pending-deletion');
    expect(sliceExclusion(slice({}, 'FQDN'), owner)).toBe('fqdn');
    // Not a slice at all: it carries no label of this Service.
    expect(sliceExclusion(5, owner)).toBe('other-service');
  });

  it('refuses a service that is not { name, namespace } instead of calling every slice another Service’s', () => {
    for (const bad of [5, null, { name: 'web' }, { name: 7, namespace: 'shop' }]) {
      try {
        sliceExclusion(slice({}), bad as never);
        throw new Error('no error thrown');
      } catch (e) {
        expect(e).toBeInstanceOf(KubeTrafficError);
        expect((e as KubeTrafficError).problems.map((p) => [p.code, p.path])).toEqual([['invalid-type', '$.service']]);
      }
    }
  });
});

describe('serviceNotManaged', () => {
  it('ExternalName and selector-less Services are not managed', () => {
    expect(serviceNotManaged('ExternalName', { app: 'web' })).toBe('external-name');
    expect(serviceNotManaged('ClusterIP', undefined)).toBe('no-selector');
    expect(serviceNotManaged('ClusterIP', {})).toBe('no-selector');
    expect(serviceNotManaged('ClusterIP', { app: 'web' })).toBeNull();
  });
});
