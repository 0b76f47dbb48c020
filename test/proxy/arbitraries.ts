/**
 * fast-check arbitraries for kube-proxy inputs: Services, EndpointSlices and client nodes shaped
 * like real API objects (see ../shared/conformance/kube-proxy/upstream-categorize.json), with
 * every value drawn from a small pool (3 zones, 6 nodes, ~20 addresses, a handful of port names)
 * so that duplicates, collisions, local endpoints and hint matches happen often.
 *
 * Absent and `null` are generated as different things: a generated field is either missing from
 * the object or present with its value (which may be `null`).
 */
import fc from 'fast-check';
import type {
  CategorizeInput,
  ClientNode,
  Collection,
  EndpointInput,
  EndpointSliceInput,
  GateOverrides,
  IPFamily,
  ServiceInput,
  ServicePortInput,
} from '../../src/index.js';

export const ZONE_LABEL = 'topology.kubernetes.io/zone';
export const SERVICE_NAME_LABEL = 'kubernetes.io/service-name';
export const PROXY_NAME_LABEL = 'service.kubernetes.io/service-proxy-name';
export const HEADLESS_LABEL = 'service.kubernetes.io/headless';

export const ZONES = ['zone-a', 'zone-b', 'zone-c'] as const;
export const NODES = ['node-a', 'node-b', 'node-c', 'node-d', 'node-e', 'node-f'] as const;

/** Marker for "leave the key out". */
const ABSENT: unique symbol = Symbol('absent');
type Absent = typeof ABSENT;

/** The value, or the key left out. */
function maybe<T>(arb: fc.Arbitrary<T>, absentWeight = 1, presentWeight = 2): fc.Arbitrary<T | Absent> {
  return fc.oneof({ arbitrary: fc.constant(ABSENT), weight: absentWeight }, { arbitrary: arb, weight: presentWeight });
}

/** The value, `null`, or the key left out. */
function nullable<T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | null | Absent> {
  return fc.oneof({ arbitrary: fc.constant(ABSENT), weight: 1 }, { arbitrary: fc.constant(null), weight: 1 }, { arbitrary: arb, weight: 3 });
}

/** Builds an object, leaving out every key whose value is {@link ABSENT}. */
function obj<T>(fields: Record<string, unknown>): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(fields)) if (v !== ABSENT) out[k] = v;
  return out as T;
}

// ---------------------------------------------------------------------------------------------
// Addresses. Each spelling maps to its canonical text (written out by hand, independent of
// src/util/ip.ts) so that tests can check canonicalisation without calling the library.

export interface AddressFacts {
  readonly canonical: string;
  readonly family: IPFamily;
}

/** Every address text the generators can produce, with its canonical form and family. */
export const ADDRESSES: Readonly<Record<string, AddressFacts>> = (() => {
  const table: Record<string, AddressFacts> = {};
  const v4 = (canonical: string, ...spellings: string[]) => {
    for (const s of [canonical, ...spellings]) table[s] = { canonical, family: 'IPv4' };
  };
  const v6 = (canonical: string, ...spellings: string[]) => {
    for (const s of [canonical, ...spellings]) table[s] = { canonical, family: 'IPv6' };
  };
  v4('10.1.0.1', '010.001.000.001', '::ffff:10.1.0.1', '0:0:0:0:0:FFFF:0A01:0001');
  v4('10.1.0.2', '10.01.0.002');
  v4('10.1.0.3', '::FFFF:10.1.0.3');
  v4('10.1.0.4');
  v4('10.1.0.5', '010.1.0.5');
  v4('10.1.0.6');
  v4('10.1.0.7', '::ffff:a01:7');
  v4('10.1.0.8');
  v6('fd00::1', 'FD00::1', 'fd00:0:0:0:0:0:0:1', 'fd00:0000:0000::0001');
  v6('fd00::2', 'fd00::0:2');
  v6('fd00::3', 'Fd00:0::3');
  v6('fd00::4');
  v6('fd00::a', 'fd00::A', 'fd00::000a');
  v6('fd00::b');
  v6('2001:db8::1:0:0:1', '2001:0db8:0000:0000:0001:0000:0000:0001', '2001:db8:0:0:1::1');
  v6('fd00:0:1::1', 'fd00:0000:0001:0000:0000:0000:0000:0001');
  // Service-side addresses.
  v4('10.96.0.10');
  v6('fd00:96::a');
  v4('192.0.2.1');
  v6('2001:db8:e::1');
  v4('203.0.113.7');
  v6('2001:db8:1b::7');
  return Object.freeze(table);
})();

const ENDPOINT_V4 = Object.keys(ADDRESSES).filter((a) => ADDRESSES[a]!.family === 'IPv4' && /^10\.1\.|^0|^::|^10\.01|^010/.test(a));
const ENDPOINT_V6 = Object.keys(ADDRESSES).filter(
  (a) => ADDRESSES[a]!.family === 'IPv6' && !['fd00:96::a', '2001:db8:e::1', '2001:db8:1b::7'].includes(ADDRESSES[a]!.canonical),
);

/** The canonical text of an address the generators produce (throws for anything else). */
export function canonicalIP(text: string): string {
  const facts = ADDRESSES[text];
  if (facts === undefined) throw new Error(`address ${text} is not in the generators' table`);
  return facts.canonical;
}

/** The family of an address the generators produce, or `undefined`. */
export function familyOfAddress(text: string): IPFamily | undefined {
  return ADDRESSES[text]?.family;
}

// ---------------------------------------------------------------------------------------------
// Services.

export const SERVICE_NAME = 'web';
export const NAMESPACE = 'shop';

interface PortDef {
  readonly name: string;
  readonly protocol: string | null | Absent;
  readonly port: number;
}

const NAMED_PORTS: readonly PortDef[] = [
  { name: 'http', protocol: 'TCP', port: 80 },
  { name: 'https', protocol: ABSENT, port: 443 },
  { name: 'dns', protocol: 'UDP', port: 53 },
  { name: 'dns-tcp', protocol: 'TCP', port: 53 },
  { name: 'metrics', protocol: null, port: 9090 },
];
const UNNAMED_PORT: PortDef = { name: '', protocol: 'TCP', port: 8080 };

const familiesArb: fc.Arbitrary<readonly IPFamily[] | Absent> = fc.oneof(
  { arbitrary: fc.constant<readonly IPFamily[]>(['IPv4']), weight: 4 },
  { arbitrary: fc.constant<readonly IPFamily[]>(['IPv6']), weight: 2 },
  { arbitrary: fc.constant<readonly IPFamily[]>(['IPv4', 'IPv6']), weight: 2 },
  { arbitrary: fc.constant<readonly IPFamily[]>(['IPv6', 'IPv4']), weight: 2 },
  { arbitrary: fc.constant(ABSENT), weight: 1 },
);

const policyArb = maybe(fc.constantFrom('Local', 'Cluster'));

const ingressArb = fc.oneof(
  fc.record({ ip: fc.constantFrom('203.0.113.7', '2001:db8:1b::7'), ipMode: maybe(fc.constantFrom('VIP', 'Proxy')) }).map((r) => obj<object>(r)),
  fc.constant({ hostname: 'lb.example.com' }),
  fc.constantFrom('203.0.113.7', '2001:db8:1b::7').map((ip) => ({ ip, hostname: 'lb.example.com', ipMode: 'Proxy' })),
);

/** Options for {@link serviceArb}. */
export interface ServiceArbOptions {
  /** Also generate Services kube-proxy ignores (headless, ExternalName, labelled). Default true. */
  readonly unproxied?: boolean;
}

/** A core/v1 Service named `web` in namespace `shop`. */
export function serviceArb(options: ServiceArbOptions = {}): fc.Arbitrary<ServiceInput> {
  const unproxied = options.unproxied ?? true;
  const portsArb: fc.Arbitrary<readonly PortDef[]> = fc.oneof(
    { arbitrary: fc.constant<readonly PortDef[]>([UNNAMED_PORT]), weight: 1 },
    { arbitrary: fc.uniqueArray(fc.constantFrom(...NAMED_PORTS), { minLength: 1, maxLength: 3, selector: (p) => p.name }), weight: 4 },
  );
  return fc
    .record({
      type: fc.oneof(
        { arbitrary: fc.constantFrom('ClusterIP', 'NodePort', 'LoadBalancer'), weight: 12 },
        { arbitrary: fc.constant<string | Absent>(ABSENT), weight: 2 },
        { arbitrary: fc.constant('ExternalName'), weight: unproxied ? 1 : 0 },
      ),
      families: familiesArb,
      headless: unproxied ? fc.oneof({ arbitrary: fc.constant(false), weight: 15 }, { arbitrary: fc.constant(true), weight: 1 }) : fc.constant(false),
      hiddenLabel: unproxied
        ? fc.oneof({ arbitrary: fc.constant<string | null>(null), weight: 15 }, { arbitrary: fc.constantFrom(PROXY_NAME_LABEL, HEADLESS_LABEL), weight: 1 })
        : fc.constant<string | null>(null),
      ports: portsArb,
      nodePorts: fc.boolean(),
      itp: policyArb,
      etp: policyArb,
      externalIPs: maybe(fc.subarray(['192.0.2.1', '2001:db8:e::1'])),
      ingress: maybe(fc.array(ingressArb, { maxLength: 3 })),
      annotation: maybe(fc.constantFrom('Auto', 'Disabled', '')),
      trafficDistribution: maybe(fc.constantFrom('PreferClose', 'PreferSameNode', 'PreferSameZone')),
    })
    .map((r): ServiceInput => {
      const type = r.type === ABSENT ? 'ClusterIP' : r.type;
      const families: readonly IPFamily[] = r.families === ABSENT ? ['IPv4'] : r.families;
      const clusterIPs = r.headless ? ['None'] : families.map((f) => (f === 'IPv4' ? '10.96.0.10' : 'fd00:96::a'));
      const withNodePorts = (type === 'NodePort' || type === 'LoadBalancer') && (type === 'NodePort' || r.nodePorts);
      const ports = r.ports.map((p, i) =>
        obj({ name: p.name === '' ? ABSENT : p.name, protocol: p.protocol, port: p.port, targetPort: p.port + 8000, nodePort: withNodePorts ? 30080 + i : ABSENT }),
      );
      const labels: Record<string, string> = { app: 'web' };
      if (r.hiddenLabel !== null) labels[r.hiddenLabel] = '';
      const annotations: Record<string, string> = {};
      if (r.annotation !== ABSENT) annotations['service.kubernetes.io/topology-mode'] = r.annotation;
      return obj<ServiceInput>({
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: SERVICE_NAME, namespace: NAMESPACE, labels, annotations },
        spec: obj({
          type: r.type,
          clusterIP: clusterIPs[0],
          clusterIPs,
          ipFamilies: r.families,
          ports,
          internalTrafficPolicy: r.itp,
          externalTrafficPolicy: r.etp,
          externalIPs: r.externalIPs,
          trafficDistribution: r.trafficDistribution,
          sessionAffinity: 'None',
        }),
        status: { loadBalancer: obj({ ingress: r.ingress }) },
      });
    });
}

// ---------------------------------------------------------------------------------------------
// EndpointSlices.

const SLICE_PORTS: readonly Record<string, unknown>[] = [
  { name: 'http', port: 8080, protocol: 'TCP' },
  { name: 'http', port: 8080 },
  { name: 'http', port: 8081, protocol: 'TCP' },
  { name: 'http', port: 8080, protocol: 'UDP' },
  { name: 'https', port: 8443, protocol: 'TCP' },
  { name: 'dns', port: 53, protocol: 'UDP' },
  { name: 'dns', port: 5353, protocol: 'TCP' },
  { name: 'dns-tcp', port: 53, protocol: 'TCP' },
  { name: 'metrics', port: 9090, protocol: null },
  { name: '', port: 8080, protocol: 'TCP' },
  { name: '', port: 8081 },
  { port: 8080, protocol: 'TCP' },
  { name: null, port: 8080 },
  { name: 'http', port: 0, protocol: 'TCP' },
  { name: 'http', port: null, protocol: 'TCP' },
  { name: 'http' },
];

const boolArb = nullable(fc.boolean());

/**
 * `mixed`: any condition values; `draining`: nothing ready (rolling update, scale-down), so the
 * serving-terminating fallbacks (5.2, 6.2) are exercised.
 */
export type ConditionStyle = 'mixed' | 'draining';

function conditionsArb(style: ConditionStyle): fc.Arbitrary<unknown> {
  if (style === 'draining') {
    return fc
      .record({
        ready: fc.constant(false),
        serving: fc.oneof({ arbitrary: fc.constant(true), weight: 3 }, { arbitrary: fc.constantFrom<boolean | null | Absent>(false, null, ABSENT), weight: 1 }),
        terminating: fc.oneof({ arbitrary: fc.constant(true), weight: 3 }, { arbitrary: fc.constantFrom<boolean | null | Absent>(false, null, ABSENT), weight: 1 }),
      })
      .map((r) => obj<object>(r));
  }
  return fc.oneof(
    { arbitrary: fc.constant<unknown>(ABSENT), weight: 1 },
    { arbitrary: fc.constant<unknown>(null), weight: 1 },
    { arbitrary: fc.record({ ready: boolArb, serving: boolArb, terminating: boolArb }).map((r) => obj<object>(r)), weight: 8 },
  );
}

/**
 * How densely endpoints carry hints: topology modes need every ready endpoint hinted, so most
 * inputs hint every endpoint. `nodes`: zone and node hints on every endpoint; `zones`: zone hints
 * on every endpoint, node hints on some; `mixed`: either, on some; `never`: none.
 */
export type HintStyle = 'nodes' | 'zones' | 'mixed' | 'never';

const ZONE_HINT_NAMES = [...ZONES, 'Zone-a', ''];

function hintListArb(names: readonly string[], min: number): fc.Arbitrary<readonly object[]> {
  return fc
    .array(
      fc.oneof(
        { arbitrary: fc.constantFrom(...names).map((name) => ({ name })), weight: 10 },
        { arbitrary: fc.constant({}), weight: 1 },
        { arbitrary: fc.constant({ name: null }), weight: 1 },
      ),
      { minLength: min, maxLength: 3 },
    );
}

function hintsArb(style: HintStyle): fc.Arbitrary<unknown> {
  const none = fc.constantFrom<unknown>(ABSENT, null, {}, { forZones: [] }, { forZones: null, forNodes: [] });
  if (style === 'never') return none;
  const zones = style === 'mixed' ? maybe(hintListArb(ZONE_HINT_NAMES, 0)) : hintListArb(ZONE_HINT_NAMES.slice(0, 3), 1);
  const nodes = style === 'nodes' ? hintListArb(NODES, 1) : maybe(hintListArb(NODES, 0), 2, 1);
  const full = fc.record({ forZones: zones, forNodes: nodes }).map((r) => obj<object>(r));
  return style === 'mixed' ? fc.oneof(full, none) : full;
}

function endpointArb(addressType: string, style: HintStyle, conditions: ConditionStyle): fc.Arbitrary<EndpointInput> {
  const pool = addressType === 'IPv4' ? ENDPOINT_V4 : addressType === 'IPv6' ? ENDPOINT_V6 : ['web-1.example.com', 'web-2.example.com'];
  const addresses = fc.oneof(
    { arbitrary: fc.array(fc.constantFrom(...pool), { minLength: 1, maxLength: 2 }), weight: 12 },
    { arbitrary: fc.constant<readonly string[]>([]), weight: 1 },
  );
  return fc
    .record({
      addresses,
      conditions: conditionsArb(conditions),
      nodeName: fc.oneof(
        { arbitrary: fc.constantFrom(...NODES), weight: 8 },
        { arbitrary: fc.constant<string | null | Absent>(null), weight: 1 },
        { arbitrary: fc.constant<string | null | Absent>(ABSENT), weight: 1 },
      ),
      zone: maybe(fc.constantFrom(...ZONES)),
      hints: hintsArb(style),
      targetRef: fc.constant({ kind: 'Pod', name: 'web-pod', namespace: NAMESPACE }),
    })
    .map((r) => obj<EndpointInput>(r));
}

/**
 * What the query will ask for, so that most slices serve it: without this bias nearly every
 * generated Service would have no endpoint for the port at all.
 */
export interface SliceTarget {
  readonly family: IPFamily;
  /** Service port name (`''` when unnamed). */
  readonly portName: string;
  /** Service port protocol as written (`null`/absent mean TCP). */
  readonly protocol: string | null | undefined;
}

function slicePortsArb(target: SliceTarget | undefined): fc.Arbitrary<unknown> {
  const random = fc.uniqueArray(fc.constantFrom(...SLICE_PORTS), { minLength: 0, maxLength: 3 });
  if (target === undefined) return nullable(random);
  const serving = fc
    .record({
      port: fc.constantFrom(8080, 8080, 8081),
      protocol: target.protocol === 'UDP' ? fc.constant('UDP') : fc.constantFrom<string | null | Absent>('TCP', ABSENT, null),
    })
    .map((r) => obj<Record<string, unknown>>({ name: target.portName, ...r }));
  return fc.oneof(
    { arbitrary: fc.tuple(serving, random).map(([p, rest]) => [p, ...rest.filter((q) => q['name'] !== target.portName || q['port'] !== p['port'])]), weight: 6 },
    { arbitrary: nullable(random), weight: 1 },
  );
}

/** One EndpointSlice: mostly `web`'s own, sometimes another Service's, namespace's or family's. */
export function sliceArb(style: HintStyle, conditions: ConditionStyle, index: number, target?: SliceTarget): fc.Arbitrary<EndpointSliceInput> {
  const families = fc.oneof({ arbitrary: fc.constantFrom('IPv4', 'IPv6'), weight: 4 }, { arbitrary: fc.constant('FQDN'), weight: 1 });
  return fc
    .record({
      owner: fc.oneof(
        { arbitrary: fc.constant<string | null>(SERVICE_NAME), weight: 10 },
        { arbitrary: fc.constantFrom<string | null>('api', '', null), weight: 1 },
      ),
      namespace: fc.oneof({ arbitrary: fc.constant(NAMESPACE), weight: 10 }, { arbitrary: fc.constant('other'), weight: 1 }),
      hidden: fc.oneof({ arbitrary: fc.constant<string | null>(null), weight: 12 }, { arbitrary: fc.constantFrom(PROXY_NAME_LABEL, HEADLESS_LABEL), weight: 1 }),
      addressType: target === undefined ? families : fc.oneof({ arbitrary: fc.constant<string>(target.family), weight: 4 }, { arbitrary: families, weight: 1 }),
      ports: slicePortsArb(target),
      name: fc.constantFrom(`web-${index}`, `web-${index}x`),
    })
    .chain((r) =>
      fc.array(endpointArb(r.addressType, style, conditions), { maxLength: 6 }).map((endpoints) => {
        const labels: Record<string, string> = { 'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io' };
        if (r.owner !== null) labels[SERVICE_NAME_LABEL] = r.owner;
        if (r.hidden !== null) labels[r.hidden] = 'x';
        return obj<EndpointSliceInput>({
          apiVersion: 'discovery.k8s.io/v1',
          kind: 'EndpointSlice',
          metadata: { name: r.name, namespace: r.namespace, labels },
          addressType: r.addressType,
          ports: r.ports,
          endpoints,
        });
      }),
    );
}

/** Several slices, with a hint style shared by all of them. */
export function slicesArb(target?: SliceTarget): fc.Arbitrary<readonly EndpointSliceInput[]> {
  return fc
    .record({
      style: fc.constantFrom<HintStyle>('nodes', 'zones', 'zones', 'mixed', 'never'),
      conditions: fc.constantFrom<ConditionStyle>('mixed', 'mixed', 'mixed', 'draining'),
      count: fc.integer({ min: 0, max: 5 }),
    })
    .chain(({ style, conditions, count }) => fc.tuple(...Array.from({ length: count }, (_, i) => sliceArb(style, conditions, i, target))));
}

/** The slices as an array or as a `List` object. */
export function collectionArb(slices: readonly EndpointSliceInput[]): fc.Arbitrary<Collection<EndpointSliceInput>> {
  return fc.constantFrom<Collection<EndpointSliceInput>>(slices, { apiVersion: 'v1', kind: 'List', metadata: { resourceVersion: '' }, items: slices });
}

// ---------------------------------------------------------------------------------------------
// Client nodes.

const nodeNameArb = fc.oneof(
  { arbitrary: fc.constantFrom(...NODES), weight: 10 },
  { arbitrary: fc.constant('node-z'), weight: 1 },
  { arbitrary: fc.constant(''), weight: 1 },
);
const zoneArb = fc.oneof({ arbitrary: fc.constantFrom(...ZONES), weight: 8 }, { arbitrary: fc.constant(''), weight: 1 });

/** The client node in all three accepted shapes, with or without a zone. */
export const clientNodeArb: fc.Arbitrary<ClientNode> = fc.oneof(
  fc.record({ name: nodeNameArb, zone: nullable(zoneArb) }).map((r) => obj<ClientNode>(r)),
  fc
    .record({ name: nodeNameArb, zone: maybe(zoneArb), other: fc.boolean() })
    .map(({ name, zone, other }): ClientNode => {
      const labels: Record<string, string> = { 'kubernetes.io/hostname': name };
      if (zone !== ABSENT) labels[ZONE_LABEL] = zone;
      if (other) labels['failure-domain.beta.kubernetes.io/zone'] = 'zone-c';
      return { name, labels };
    }),
  fc.record({ name: nodeNameArb, zone: maybe(zoneArb) }).map(({ name, zone }): ClientNode => {
    const labels: Record<string, string> = { 'kubernetes.io/os': 'linux' };
    if (zone !== ABSENT) labels[ZONE_LABEL] = zone;
    return {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name, labels },
      status: { allocatable: { cpu: '4' }, conditions: [{ type: 'Ready', status: 'True' }] },
    };
  }),
);

// ---------------------------------------------------------------------------------------------
// Whole inputs.

/** The ways a query can name one of the Service's ports, with the port named. */
function portRefArb(service: ServiceInput): fc.Arbitrary<{ ref: string | number | Absent; port: ServicePortInput }> {
  const ports = service.spec?.ports ?? [];
  const choices: fc.Arbitrary<{ ref: string | number | Absent; port: ServicePortInput }>[] = [];
  for (const p of ports) {
    choices.push(fc.constant({ ref: p.name ?? '', port: p }));
    if (typeof p.port === 'number' && ports.filter((q) => q.port === p.port).length === 1) choices.push(fc.constant({ ref: p.port, port: p }));
  }
  const only = ports[0];
  if (ports.length === 1 && only !== undefined) choices.push(fc.constant({ ref: ABSENT, port: only }));
  return fc.oneof(...choices);
}

// Gates the newest code (the default release) still reads. LoadBalancerIPMode is gone from 1.35
// (an override is an error there); its off position is covered per release in release-rules.test.ts.
// AllowServiceExternalIPs off must leave every list unchanged (proxy-semantics 2.4).
const gatesArb: fc.Arbitrary<GateOverrides | Absent> = fc.oneof(
  { arbitrary: fc.constant(ABSENT), weight: 6 },
  { arbitrary: fc.constant({ PreferSameTrafficDistribution: false }), weight: 1 },
  { arbitrary: fc.constant({ AllowServiceExternalIPs: false }), weight: 1 },
  { arbitrary: fc.constant({ PreferSameTrafficDistribution: true, AllowServiceExternalIPs: true }), weight: 1 },
);

/** Options for {@link inputArb}. */
export interface InputArbOptions extends ServiceArbOptions {
  /** Slices to use instead of {@link slicesArb}. */
  readonly slices?: (target: SliceTarget) => fc.Arbitrary<readonly EndpointSliceInput[]>;
}

/** A whole `categorizeEndpoints` input. */
export function inputArb(options: InputArbOptions = {}): fc.Arbitrary<CategorizeInput> {
  const slices = options.slices ?? slicesArb;
  return serviceArb(options).chain((service) =>
    fc
      .record({
        port: portRefArb(service),
        ipFamily: fc.oneof({ arbitrary: fc.constant<IPFamily | Absent>(ABSENT), weight: 3 }, { arbitrary: fc.constantFrom<IPFamily | Absent>('IPv4', 'IPv6'), weight: 2 }),
      })
      .chain(({ port, ipFamily }) => {
        const family: IPFamily = ipFamily !== ABSENT ? ipFamily : ((service.spec?.ipFamilies?.[0] as IPFamily | undefined) ?? 'IPv4');
        const target: SliceTarget = { family, portName: port.port.name ?? '', protocol: port.port.protocol };
        return fc
          .record({ slices: slices(target).chain(collectionArb), node: clientNodeArb, gates: gatesArb })
          .map((r) => obj<CategorizeInput>({ service, endpointSlices: r.slices, node: r.node, port: port.ref, ipFamily, gates: r.gates }));
      }),
  );
}

/** A Service with its slices, options and several client nodes: for the prepared form. */
export function manyNodesArb(): fc.Arbitrary<{ input: CategorizeInput; nodes: readonly ClientNode[] }> {
  return inputArb().chain((input) => fc.array(clientNodeArb, { minLength: 1, maxLength: 8 }).map((nodes) => ({ input, nodes })));
}
