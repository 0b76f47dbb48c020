/**
 * Type-level proof of the profile overloads: without a profile (or with kube-proxy) callers keep
 * kube-proxy's result types; with another data plane's name they get the profile types; with a
 * profile only known at run time, the union.
 */
import type { V1EndpointSlice, V1Service } from '@kubernetes/client-node';
import { describe, expectTypeOf, test } from 'vitest';
import {
  type CategorizeResult,
  type PreparedProfileService,
  type PreparedService,
  type ProfileCategorized,
  type ProfileFlowResult,
  type ProfileOption,
  type SelectResult,
  categorizeEndpoints,
  prepareService,
  selectEndpoints,
} from '../../src/index.js';

declare const service: V1Service;
declare const endpointSlices: V1EndpointSlice[];
const node = { name: 'node-a', zone: 'zone-a' };

describe('profile overloads', () => {
  test('kube-proxy keeps its types', () => {
    expectTypeOf(categorizeEndpoints({ service, endpointSlices, node })).toEqualTypeOf<CategorizeResult>();
    expectTypeOf(categorizeEndpoints({ service, endpointSlices, node, profile: 'kube-proxy' })).toEqualTypeOf<CategorizeResult>();
    expectTypeOf(selectEndpoints({ service, endpointSlices, node, via: 'clusterIP' })).toEqualTypeOf<SelectResult>();
    expectTypeOf(prepareService(service, endpointSlices, { port: 'http' })).toEqualTypeOf<PreparedService>();
  });

  test('another data plane gets the profile types', () => {
    expectTypeOf(categorizeEndpoints({ service, endpointSlices, node, profile: 'cilium' })).toEqualTypeOf<ProfileCategorized>();
    expectTypeOf(categorizeEndpoints({ service, endpointSlices, node, profile: { name: 'antrea', gates: { PreferSameTrafficDistribution: true } } })).toEqualTypeOf<ProfileCategorized>();
    expectTypeOf(selectEndpoints({ service, endpointSlices, node, profile: 'istio@1.31.0-rc.0' })).toEqualTypeOf<ProfileFlowResult>();
    expectTypeOf(prepareService(service, endpointSlices, { profile: 'linkerd' })).toEqualTypeOf<PreparedProfileService>();
  });

  test('a profile chosen at run time gives the union', () => {
    const profile = 'cilium' as ProfileOption;
    expectTypeOf(categorizeEndpoints({ service, endpointSlices, node, profile })).toEqualTypeOf<CategorizeResult | ProfileCategorized>();
  });

  test('unknown names do not type-check', () => {
    // @ts-expect-error not a profile
    categorizeEndpoints({ service, endpointSlices, node, profile: 'kuma' });
  });
});
