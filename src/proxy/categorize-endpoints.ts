/**
 * The one-shot form of kube-proxy's endpoint categorisation.
 *
 * @module
 */
import type { GateOverrides } from '../model/gates.js';
import type { KubernetesVersionInput } from '../model/version.js';
import type { ClientNode, Collection, EndpointSliceInput, ServiceInput } from '../model/input.js';
import { Reader, isRec } from '../model/read.js';
import type { IPFamily } from '../util/ip.js';
import { type PreparedService, prepareFrom } from './prepare.js';
import type { CategorizeResult } from './types.js';
import type { DataPlaneProfileOption, KubeProxyProfileOption, ProfileOption } from '../profiles/names.js';
import type { ProfileCategorized } from '../profiles/types.js';
import { asRecord, categorizeWithProfile, profileOf } from '../profiles/categorize.js';

/**
 * Input of {@link categorizeEndpoints}.
 *
 * @category kube-proxy
 * @example
 * ```ts
 * const input: CategorizeInput = {
 *   service, endpointSlices: slices, node: { name: 'node-a', zone: 'zone-a' }, port: 'http',
 * };
 * ```
 */
export interface CategorizeInput {
  /** A core/v1 Service. */
  readonly service: ServiceInput;
  /** Its EndpointSlices, as an array or a `List`; slices of other Services are ignored. */
  readonly endpointSlices: Collection<EndpointSliceInput>;
  /** The client's node: `{ name, zone? }`, `{ name, labels? }` or a core/v1 Node. */
  readonly node: ClientNode;
  /** The Service port's name (`''` for an unnamed port) or number; optional for a one-port Service. */
  readonly port?: string | number;
  /** The proxier's family; default the Service's primary family. */
  readonly ipFamily?: IPFamily;
  /** Feature-gate overrides; they win over the defaults of `kubernetesVersion`, even a locked gate. */
  readonly gates?: GateOverrides;
  /**
   * The Kubernetes release whose kube-proxy to reproduce, `'1.27'` … `'1.37'`, in any spelling
   * {@link index!parseKubernetesVersion} reads (`'v1.36.2'`, `'v1.36.2-eks-1234'`); default `'master'`
   * (the newest code, which decides like 1.37).
   */
  readonly kubernetesVersion?: KubernetesVersionInput;
  /** Attach `explanation`: why the topology mode is what it is, and why each endpoint is in or out. */
  readonly explain?: boolean;
  /**
   * Answer as another data plane does (a deviation profile): `'kube-proxy'` (the default),
   * `'antrea'`, `'calico-ebpf'`, `'cilium'`, `'linkerd'`, `'istio'`, `'envoy-gateway'`, a full pinned
   * name such as `'cilium@1.21.0-dev+5b27d687'`, or `{ name, gates?, options? }` with that data
   * plane's own gates and configuration. This type admits only kube-proxy; the others go through
   * {@link ProfiledInput}, whose result is a {@link ProfileCategorized}.
   */
  readonly profile?: KubeProxyProfileOption;
}

/**
 * A {@link CategorizeInput} answered as another data plane answers it (a deviation profile).
 * `gates` and `kubernetesVersion` are kube-proxy's knobs and must be absent; the data plane's own
 * go in `profile.gates` and `profile.options`.
 *
 * @category kube-proxy
 * @example
 * ```ts
 * const input: ProfiledInput = { service, endpointSlices: slices, node: { name: 'node-a', zone: 'zone-a' }, profile: 'cilium' };
 * ```
 */
export type ProfiledInput<P extends ProfileOption = ProfileOption> = Omit<CategorizeInput, 'profile'> & { readonly profile: P };

/** Reads the one-shot input record and prepares it. @internal */
export function prepareInput(input: unknown): PreparedService {
  if (!isRec(input)) {
    const reader = new Reader();
    reader.fail('invalid-type', '$', 'an input object { service, endpointSlices, node, port }', input);
    reader.finish();
  }
  // No copy without `profile`: the reading names each key it reads, and `profile` is not one.
  return prepareFrom(input as Record<string, unknown>);
}

/**
 * Which endpoints a node may send a Service port's traffic to, exactly as kube-proxy's
 * `CategorizeEndpoints` decides: the Cluster list (topology-filtered by hints, with the
 * serving-terminating fallback), the Local list, their union, and whether any endpoint is usable
 * at all. A Service kube-proxy does not program gets `{ kind: 'not-proxied', reason }`.
 *
 * @param input - the Service, its EndpointSlices, the client node, the port, and optionally the family and gates
 * @returns the lists, or a "not proxied" verdict
 * @throws {@link KubeTrafficError} for malformed input, a port the Service does not have, or a malformed IP
 * @category kube-proxy
 * @example
 * ```ts
 * const r = categorizeEndpoints({
 *   service: { metadata: { name: 'web', namespace: 'shop' },
 *              spec: { clusterIP: '10.96.0.10', ports: [{ name: 'http', port: 80 }] } },
 *   endpointSlices: [{
 *     metadata: { name: 'web-1', namespace: 'shop', labels: { 'kubernetes.io/service-name': 'web' } },
 *     addressType: 'IPv4',
 *     ports: [{ name: 'http', port: 8080 }],
 *     endpoints: [
 *       { addresses: ['10.1.0.1'], nodeName: 'node-a', hints: { forZones: [{ name: 'zone-a' }] } },
 *       { addresses: ['10.1.0.2'], nodeName: 'node-b', hints: { forZones: [{ name: 'zone-b' }] } },
 *     ],
 *   }],
 *   node: { name: 'node-c', zone: 'zone-a' },
 *   port: 'http',
 * });
 * if (r.kind === 'proxied') r.clusterEndpoints?.map((e) => e.key); // => ['10.1.0.1:8080']
 * ```
 */
export function categorizeEndpoints(input: CategorizeInput): CategorizeResult;
export function categorizeEndpoints(input: ProfiledInput<DataPlaneProfileOption>): ProfileCategorized;
export function categorizeEndpoints(input: CategorizeInput | ProfiledInput): CategorizeResult | ProfileCategorized;
export function categorizeEndpoints(input: CategorizeInput | ProfiledInput): CategorizeResult | ProfileCategorized {
  const profile = isRec(input) ? profileOf(input) : null;
  if (profile !== null) return categorizeWithProfile(asRecord(input), profile);
  return prepareInput(input).categorize((input as { node: ClientNode }).node);
}
