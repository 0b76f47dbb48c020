/**
 * The deviation profiles the library knows, each pinned to one source version of its data plane
 * (docs/profiles.md, the table of pinned versions), and the reading of a `profile` option.
 *
 * @module
 */
import { KubeTrafficError, describe, problem } from '../model/errors.js';
import { isRec } from '../model/read.js';

/**
 * The short name of a data plane whose endpoint choice the library can reproduce. `kube-proxy`
 * is the reference itself (the default). Each name means the version it is pinned to, and each
 * profile answers under stated assumptions about what Kubernetes objects cannot carry:
 *
 * - `antrea` (`antrea@2.7.0`): AntreaProxy serves the traffic (node ports and external addresses
 *   only with `proxyAll`); Antrea gates at their defaults unless `gates` says otherwise.
 * - `calico-ebpf` (`calico-ebpf@3.32.1`): Felix's eBPF data plane on the client node, whose zone
 *   is the zone of `node` (Felix reads it once at start-up); cluster IPs not advertised outside.
 * - `cilium` (`cilium@1.21.0-dev+5b27d687`): kube-proxy replacement on, so node ports are
 *   Cilium's; agent options at their defaults (`enable-service-topology` off) unless `options`
 *   says otherwise; no health-checked services, local redirect policies or ClusterMesh.
 * - `linkerd` (`linkerd@edge-26.8.3`): the client is a meshed Pod on `node` using local discovery;
 *   every Pod a `targetRef` names exists and runs on the endpoint's `nodeName`; Helm default
 *   `disableIPv6: true`. Endpoints backed by an `ExternalWorkload` are refused (Linkerd reads
 *   that object, which the input does not carry).
 * - `istio` (`istio@1.31.0-rc.0`): the client is a sidecar or waypoint on `node`; no
 *   DestinationRule and the default MeshConfig; each Pod behind an endpoint runs on the node in
 *   `nodeName`, and that Node's zone label is the endpoint's `zone` field; endpoints without a Pod have
 *   no locality; no region, subzone, network or `istio-locality` labels; the Namespace carries no
 *   `networking.istio.io/traffic-distribution` annotation.
 * - `envoy-gateway` (`envoy-gateway@1.9.0`): the client is an Envoy Gateway proxy; the Service is
 *   an HTTPRoute backendRef with the default Endpoint routing type; no BackendTrafficPolicy.
 *
 * @category profiles
 * @example
 * ```ts
 * const name: ProfileName = 'cilium';
 * ```
 */
export type ProfileName = 'kube-proxy' | 'antrea' | 'calico-ebpf' | 'cilium' | 'linkerd' | 'istio' | 'envoy-gateway';

/**
 * A profile's full pinned name: `name@version`, the string conformance vectors carry.
 *
 * @category profiles
 * @example
 * ```ts
 * const id: ProfileId = 'cilium@1.21.0-dev+5b27d687';
 * ```
 */
export type ProfileId =
  | 'kube-proxy'
  | 'antrea@2.7.0'
  | 'calico-ebpf@3.32.1'
  | 'cilium@1.21.0-dev+5b27d687'
  | 'linkerd@edge-26.8.3'
  | 'istio@1.31.0-rc.0'
  | 'envoy-gateway@1.9.0';

/**
 * What a profile is pinned to and which knobs it has.
 *
 * @category profiles
 * @example
 * ```ts
 * PROFILES.find((p) => p.name === 'antrea')?.gates; // => { PreferSameTrafficDistribution: false, LoadBalancerModeDSR: false, ... }
 * ```
 */
export interface ProfileInfo {
  readonly name: ProfileName;
  readonly id: ProfileId;
  /** The data plane as people call it. */
  readonly title: string;
  /** The source the rules were read from (repository and commit), or kubernetes/kubernetes for kube-proxy. */
  readonly source: string;
  /** The data plane's own feature gates this library models, with their defaults at the pinned version. */
  readonly gates: Readonly<Record<string, boolean>>;
  /** Gates that are locked on at the pinned version: only `true` is accepted. */
  readonly lockedGates: readonly string[];
  /** The data plane's own configuration options this library models, with their defaults. */
  readonly options: Readonly<Record<string, boolean>>;
  /** Whether results carry priority `tiers`. */
  readonly tiers: boolean;
}

/**
 * Every profile, kube-proxy first.
 *
 * @category profiles
 * @example
 * ```ts
 * PROFILES.map((p) => p.id); // => ['kube-proxy', 'antrea@2.7.0', 'calico-ebpf@3.32.1', ...]
 * ```
 */
export const PROFILES: readonly ProfileInfo[] = Object.freeze(
  (
    [
      { name: 'kube-proxy', id: 'kube-proxy', title: 'kube-proxy', source: 'kubernetes/kubernetes (docs/kube-proxy.md; the release chosen by kubernetesVersion)', gates: {}, lockedGates: [], options: {}, tiers: false },
      {
        name: 'antrea',
        id: 'antrea@2.7.0',
        title: 'Antrea (AntreaProxy)',
        source: 'antrea-io/antrea v2.7.0 (e59003c2c1b1)',
        // pkg/features/antrea_features.go: PreferSameTrafficDistribution and LoadBalancerModeDSR are Alpha (off);
        // TopologyAwareHints and ServiceTrafficDistribution are GA and locked on.
        gates: { PreferSameTrafficDistribution: false, LoadBalancerModeDSR: false, TopologyAwareHints: true, ServiceTrafficDistribution: true },
        lockedGates: ['TopologyAwareHints', 'ServiceTrafficDistribution'],
        options: {},
        tiers: false,
      },
      { name: 'calico-ebpf', id: 'calico-ebpf@3.32.1', title: 'Calico eBPF data plane (Felix)', source: 'projectcalico/calico v3.32.1 (0ca9d1b93644)', gates: {}, lockedGates: [], options: {}, tiers: false },
      {
        name: 'cilium',
        id: 'cilium@1.21.0-dev+5b27d687',
        title: 'Cilium kube-proxy replacement',
        source: 'cilium/cilium main 5b27d6874954 (1.21.0-dev)',
        gates: {},
        lockedGates: [],
        // pkg/loadbalancer/config.go: enable-service-topology (Helm loadBalancer.serviceTopology) defaults to false.
        options: { 'enable-service-topology': false },
        tiers: false,
      },
      { name: 'linkerd', id: 'linkerd@edge-26.8.3', title: 'Linkerd destination controller', source: 'linkerd/linkerd2 edge-26.8.3 (19a0d90d5a4a)', gates: {}, lockedGates: [], options: {}, tiers: false },
      { name: 'istio', id: 'istio@1.31.0-rc.0', title: 'Istio (sidecars and waypoints)', source: 'istio/istio 1.31.0-rc.0 (423f108b5459)', gates: {}, lockedGates: [], options: {}, tiers: true },
      { name: 'envoy-gateway', id: 'envoy-gateway@1.9.0', title: 'Envoy Gateway', source: 'envoyproxy/gateway v1.9.0 (39763b1c07ec)', gates: {}, lockedGates: [], options: {}, tiers: false },
    ] satisfies ProfileInfo[]
  ).map((p) => Object.freeze({ ...p, gates: Object.freeze(p.gates), options: Object.freeze(p.options), lockedGates: Object.freeze(p.lockedGates) })),
);

/**
 * The `profile` option: a name, a full pinned name, or an object carrying that data plane's own
 * feature gates and configuration.
 *
 * @category profiles
 * @example
 * ```ts
 * const a: ProfileOption = 'cilium';
 * const b: ProfileOption = 'cilium@1.21.0-dev+5b27d687';
 * const c: ProfileOption = { name: 'cilium', options: { 'enable-service-topology': true } };
 * const d: ProfileOption = { name: 'antrea', gates: { PreferSameTrafficDistribution: true } };
 * ```
 */
export type ProfileOption =
  | ProfileName
  | ProfileId
  | {
      readonly name: ProfileName | ProfileId;
      /** The data plane's own feature gates (not Kubernetes gates), where they differ from its defaults. */
      readonly gates?: Readonly<Record<string, boolean>>;
      /** The data plane's own configuration, where it differs from its shipped default. */
      readonly options?: Readonly<Record<string, boolean>>;
    };

/**
 * A `profile` option that names kube-proxy itself (the default): results keep kube-proxy's shape.
 *
 * @category profiles
 * @example
 * ```ts
 * const p: KubeProxyProfileOption = 'kube-proxy';
 * ```
 */
export type KubeProxyProfileOption = 'kube-proxy' | { readonly name: 'kube-proxy' };

/**
 * A `profile` option naming another data plane: results are {@link ProfileCategorized} /
 * {@link ProfileFlowResult}.
 *
 * @category profiles
 * @example
 * ```ts
 * const p: DataPlaneProfileOption = { name: 'antrea', gates: { PreferSameTrafficDistribution: true } };
 * ```
 */
export type DataPlaneProfileOption =
  | Exclude<ProfileName | ProfileId, 'kube-proxy'>
  | {
      readonly name: Exclude<ProfileName | ProfileId, 'kube-proxy'>;
      readonly gates?: Readonly<Record<string, boolean>>;
      readonly options?: Readonly<Record<string, boolean>>;
    };

/** A profile option read and checked: the profile and the full set of its gates and options. @internal */
export interface ResolvedProfile {
  readonly info: ProfileInfo;
  readonly gates: Readonly<Record<string, boolean>>;
  readonly options: Readonly<Record<string, boolean>>;
}

const known = (): string => PROFILES.map((p) => (p.name === p.id ? p.name : `${p.name} (${p.id})`)).join(', ');

function byName(text: string): ProfileInfo | undefined {
  return PROFILES.find((p) => p.name === text || p.id === text);
}

/** Reads a `profile` option at `path`; throws {@link KubeTrafficError} for anything it does not know. @internal */
export function resolveProfile(option: unknown, path: string): ResolvedProfile {
  if (option === undefined || option === null) return { info: PROFILES[0]!, gates: {}, options: {} };
  const fail = (code: 'unknown-profile' | 'invalid-type' | 'unknown-gate' | 'invalid-value', at: string, expected: string, received: string): never => {
    throw new KubeTrafficError([problem(code, at, expected, received)]);
  };
  let nameValue: unknown = option;
  let namePath = path;
  let gatesIn: unknown;
  let optionsIn: unknown;
  if (isRec(option)) {
    nameValue = option['name'];
    namePath = `${path}.name`;
    gatesIn = option['gates'];
    optionsIn = option['options'];
    for (const key of Object.keys(option)) {
      if (key !== 'name' && key !== 'gates' && key !== 'options') fail('invalid-value', `${path}.${key}`, 'only name, gates and options', `field ${JSON.stringify(key)}`);
    }
  }
  if (typeof nameValue !== 'string') return fail('invalid-type', namePath, `a profile name: one of ${known()}`, describe(nameValue));
  const info = byName(nameValue);
  if (info === undefined) {
    const at = nameValue.indexOf('@');
    const sameName = at > 0 ? PROFILES.find((p) => p.name === nameValue.slice(0, at)) : undefined;
    const expected = sameName !== undefined ? `${sameName.id}, the only pinned version of ${sameName.name} (known profiles: ${known()})` : `one of ${known()}`;
    return fail('unknown-profile', namePath, expected, `profile ${JSON.stringify(nameValue)}`);
  }
  const table = (value: unknown, kind: 'gates' | 'options', defaults: Readonly<Record<string, boolean>>): Readonly<Record<string, boolean>> => {
    const out: Record<string, boolean> = { ...defaults };
    if (value === undefined || value === null) return Object.freeze(out);
    const p = `${path}.${kind}`;
    if (!isRec(value)) return fail('invalid-type', p, `an object of ${info.title}'s ${kind}`, describe(value));
    const names = Object.keys(defaults);
    for (const [k, v] of Object.entries(value)) {
      // Own keys only: `constructor` or `toString` are not a data plane's gates.
      if (!Object.hasOwn(defaults, k)) {
        const list = names.length > 0 ? `one of ${names.join(', ')}` : `nothing: ${info.name} has no ${kind} this library models`;
        fail(kind === 'gates' ? 'unknown-gate' : 'invalid-value', `${p}.${k}`, list, `${kind === 'gates' ? 'gate' : 'option'} ${JSON.stringify(k)}`);
      }
      if (typeof v !== 'boolean') fail('invalid-type', `${p}.${k}`, 'a boolean', describe(v));
      if (kind === 'gates' && info.lockedGates.includes(k) && v !== true) fail('invalid-value', `${p}.${k}`, `true (${k} is GA and locked on in ${info.id})`, 'false');
      out[k] = v as boolean;
    }
    return Object.freeze(out);
  };
  return { info, gates: table(gatesIn, 'gates', info.gates), options: table(optionsIn, 'options', info.options) };
}
