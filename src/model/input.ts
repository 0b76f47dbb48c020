/**
 * Structural input types: only the fields the rules read, every one optional where the
 * Kubernetes API allows it, `readonly`, and `null` accepted wherever Go serialises a nil
 * (`"endpoints": null`). Plain `kubectl get -o json` output, `@kubernetes/client-node`
 * objects and `kubernetes-types` objects all fit these types without conversion.
 *
 * @module
 */

/**
 * A field that may be absent, or `null` where Go serialises a nil.
 *
 * @category input
 * @example
 * ```ts
 * const endpoints: Nullable<readonly string[]> = null; // "endpoints": null
 * ```
 */
export type Nullable<T> = T | null | undefined;

/**
 * A string map such as `metadata.labels`.
 *
 * @category input
 * @example
 * ```ts
 * const labels: StringMap = { 'topology.kubernetes.io/zone': 'zone-a' };
 * ```
 */
export type StringMap = Readonly<Record<string, string>>;

/**
 * The part of `metadata` the rules read.
 *
 * @category input
 * @example
 * ```ts
 * const meta: ObjectMetaInput = { name: 'web', namespace: 'shop', labels: { app: 'web' } };
 * ```
 */
export interface ObjectMetaInput {
  readonly name?: Nullable<string>;
  /** Set while the object is pending deletion; the EndpointSlice controller skips such slices. */
  readonly deletionTimestamp?: Nullable<string | Date>;
  readonly namespace?: Nullable<string>;
  readonly labels?: Nullable<StringMap>;
  readonly annotations?: Nullable<StringMap>;
}

/**
 * One entry of a Service's `spec.ports`.
 *
 * @category input
 * @example
 * ```ts
 * const port: ServicePortInput = { name: 'http', port: 80, protocol: 'TCP', nodePort: 30080 };
 * ```
 */
export interface ServicePortInput {
  readonly name?: Nullable<string>;
  readonly protocol?: Nullable<string>;
  readonly port?: Nullable<number>;
  readonly nodePort?: Nullable<number>;
}

/**
 * One `status.loadBalancer.ingress` entry.
 *
 * @category input
 * @example
 * ```ts
 * const ingress: LoadBalancerIngressInput = { ip: '203.0.113.7', ipMode: 'VIP' };
 * ```
 */
export interface LoadBalancerIngressInput {
  readonly ip?: Nullable<string>;
  readonly hostname?: Nullable<string>;
  readonly ipMode?: Nullable<string>;
}

/**
 * A core/v1 Service, as far as traffic rules read it.
 *
 * @category input
 * @example
 * ```ts
 * const service: ServiceInput = {
 *   metadata: { name: 'web', namespace: 'shop' },
 *   spec: { clusterIP: '10.96.0.10', ports: [{ name: 'http', port: 80 }], trafficDistribution: 'PreferClose' },
 * };
 * ```
 */
export interface ServiceInput {
  readonly apiVersion?: Nullable<string>;
  readonly kind?: Nullable<string>;
  readonly metadata?: Nullable<ObjectMetaInput>;
  readonly spec?: Nullable<{
    readonly type?: Nullable<string>;
    /** Read by the EndpointSlice controller only: absent, `null` or `{}` means it does not manage the Service. */
    readonly selector?: Nullable<StringMap>;
    readonly clusterIP?: Nullable<string>;
    readonly clusterIPs?: Nullable<readonly string[]>;
    readonly ipFamilies?: Nullable<readonly string[]>;
    readonly externalIPs?: Nullable<readonly string[]>;
    readonly ports?: Nullable<readonly ServicePortInput[]>;
    readonly internalTrafficPolicy?: Nullable<string>;
    readonly externalTrafficPolicy?: Nullable<string>;
    readonly trafficDistribution?: Nullable<string>;
  }>;
  readonly status?: Nullable<{
    readonly loadBalancer?: Nullable<{
      readonly ingress?: Nullable<readonly LoadBalancerIngressInput[]>;
    }>;
  }>;
}

/**
 * One entry of `hints.forZones` or `hints.forNodes`.
 *
 * @category input
 * @example
 * ```ts
 * const hint: NamedHintInput = { name: 'zone-a' };
 * ```
 */
export interface NamedHintInput {
  readonly name?: Nullable<string>;
}

/**
 * One entry of an EndpointSlice's `endpoints`.
 *
 * @category input
 * @example
 * ```ts
 * const endpoint: EndpointInput = {
 *   addresses: ['10.1.2.3'],
 *   conditions: { ready: true },
 *   nodeName: 'node-a',
 *   zone: 'zone-a',
 *   hints: { forZones: [{ name: 'zone-a' }] },
 * };
 * ```
 */
export interface EndpointInput {
  readonly addresses?: Nullable<readonly string[]>;
  readonly conditions?: Nullable<{
    readonly ready?: Nullable<boolean>;
    readonly serving?: Nullable<boolean>;
    readonly terminating?: Nullable<boolean>;
  }>;
  readonly nodeName?: Nullable<string>;
  readonly zone?: Nullable<string>;
  readonly hints?: Nullable<{
    readonly forZones?: Nullable<readonly NamedHintInput[]>;
    readonly forNodes?: Nullable<readonly NamedHintInput[]>;
  }>;
}

/**
 * One entry of an EndpointSlice's `ports`.
 *
 * @category input
 * @example
 * ```ts
 * const port: EndpointPortInput = { name: 'http', port: 8080, protocol: 'TCP' };
 * ```
 */
export interface EndpointPortInput {
  readonly name?: Nullable<string>;
  readonly port?: Nullable<number>;
  readonly protocol?: Nullable<string>;
}

/**
 * A discovery.k8s.io/v1 EndpointSlice.
 *
 * @category input
 * @example
 * ```ts
 * const slice: EndpointSliceInput = {
 *   metadata: { name: 'web-abc', namespace: 'shop', labels: { 'kubernetes.io/service-name': 'web' } },
 *   addressType: 'IPv4',
 *   ports: [{ name: 'http', port: 8080 }],
 *   endpoints: [{ addresses: ['10.1.2.3'], nodeName: 'node-a' }],
 * };
 * ```
 */
export interface EndpointSliceInput {
  readonly apiVersion?: Nullable<string>;
  readonly kind?: Nullable<string>;
  readonly metadata?: Nullable<ObjectMetaInput>;
  readonly addressType?: Nullable<string>;
  readonly endpoints?: Nullable<readonly EndpointInput[]>;
  readonly ports?: Nullable<readonly EndpointPortInput[]>;
}

/**
 * A core/v1 Node, as far as traffic rules read it.
 *
 * @category input
 * @example
 * ```ts
 * const node: NodeInput = {
 *   metadata: { name: 'node-a', labels: { 'topology.kubernetes.io/zone': 'zone-a' } },
 *   status: { allocatable: { cpu: '4' }, conditions: [{ type: 'Ready', status: 'True' }] },
 * };
 * ```
 */
export interface NodeInput {
  readonly apiVersion?: Nullable<string>;
  readonly kind?: Nullable<string>;
  readonly metadata?: Nullable<ObjectMetaInput>;
  readonly status?: Nullable<{
    /** Quantities as text (`"3920m"`); `kubernetes-models` also allows a number (`4`), read as its decimal text. */
    readonly allocatable?: Nullable<Readonly<Record<string, string | number>>>;
    readonly conditions?: Nullable<
      readonly { readonly type?: Nullable<string>; readonly status?: Nullable<string> }[]
    >;
  }>;
}

/**
 * The client's node: a bare name with its zone or labels, a zone alone (zone rules apply as for
 * any node of that zone; node rules see a node holding no endpoint), or a whole core/v1 Node.
 * The name goes in `name` (`metadata.name` for a Node): `nodeName`, as an endpoint or a Pod
 * names its node, is refused on a client without `name` (`invalid-value` at `$.node.nodeName`)
 * rather than leaving a zone-only client.
 *
 * @category input
 * @example
 * ```ts
 * const a: ClientNode = { name: 'node-a', zone: 'zone-a' };
 * const gateway: ClientNode = { zone: 'zone-a' };
 * const b: ClientNode = { name: 'node-b', labels: { 'topology.kubernetes.io/zone': 'zone-b' } };
 * ```
 */
export type ClientNode =
  | { readonly name: string; readonly zone?: Nullable<string>; readonly labels?: Nullable<StringMap> }
  /** A client known only by its zone (a gateway, a mesh proxy, a client outside the cluster). */
  | { readonly name?: undefined; readonly zone: string; readonly labels?: Nullable<StringMap> }
  | NodeInput;

/**
 * A Kubernetes `List` object (`kind: List`, `ServiceList`, ...), accepted wherever a collection is.
 *
 * @category input
 * @example
 * ```ts
 * const list: ListInput<EndpointSliceInput> = { kind: 'List', items: [] };
 * ```
 */
export interface ListInput<T> {
  readonly apiVersion?: Nullable<string>;
  readonly kind?: Nullable<string>;
  /** `ListMeta` (`resourceVersion`, `continue`); not read. */
  readonly metadata?: Nullable<object>;
  readonly items?: Nullable<readonly T[]>;
}

/**
 * A collection: an array, or a `List` object with `items`.
 *
 * @category input
 * @example
 * ```ts
 * const slices: Collection<EndpointSliceInput> = [];
 * const alsoSlices: Collection<EndpointSliceInput> = { kind: 'EndpointSliceList', items: [] };
 * ```
 */
export type Collection<T> = readonly T[] | ListInput<T>;
