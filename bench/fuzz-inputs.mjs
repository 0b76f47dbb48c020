// Robustness fuzzing: ONE source of generators and checks, used by bench/fuzz.mjs (plain Node,
// against the built package) and test/robustness/fuzz.test.ts (vitest, against src/). It is
// plain JS so that Node 20 can run it without a TypeScript loader; bench/fuzz-inputs.d.mts types it.
//
// Nothing here imports the library: every check takes the library module (`lib`) as an argument.
//
// Invariants checked by `checkCall` on every call (see docs/errors.md, "How this is tested"):
//  1. The call returns, or throws a KubeTrafficError whose `code` is a documented code, whose
//     `path` starts with `$`, whose message contains that path, and whose every problem has a
//     `$` path and a message starting with it. Any other exception is a failure.
//  2. Object.prototype, Array.prototype and Function.prototype gain no key, and `({}).polluted`
//     stays undefined.
//  3. The input is deep-frozen before the call, so any write to it throws (ESM is strict mode)
//     and is caught by 1. (Typed arrays cannot be frozen; they are left as they are.)
//  4. Reading the whole result (every own property, lazy getters included) throws nothing.
//  5. The result shares no object with the input, except where the API documents copy-on-write:
//     computeHints returns untouched input slices/endpoints as the same objects (and a changed
//     endpoint is a shallow copy, keeping the input's `addresses`, `conditions`...), so there a
//     shared object is allowed only at or below `endpointSlices[i]`, and below a *copied*
//     endpoint only outside `hints` (the hints it wrote are fresh); `outcome` shares nothing.
//     applyScenarioChange returns a copy-on-write input (any untouched subtree may be shared).
//     compareScenarios may share only its `changes` entries (the caller's change objects).
//     Since the input is frozen (3), a shared object can never be mutated through the result.
//  6. A call taking longer than HANG_MS is reported as a hang.
import fc from 'fast-check';

export const HANG_MS = 2000;

export const ERROR_CODES = Object.freeze([
  'invalid-type',
  'required',
  'invalid-value',
  'invalid-ip',
  'invalid-quantity',
  'unknown-port',
  'unknown-gate',
  'unsupported-flow',
  'unknown-profile',
  'profile-not-pinned',
]);

// ---------------------------------------------------------------------------------------------
// Valid inputs. Small pools (3 zones, 5 nodes, a few addresses and ports) so that matches,
// duplicates and hints happen often.

const ZONES = ['zone-a', 'zone-b', 'zone-c'];
const NODE_NAMES = ['node-0', 'node-1', 'node-2', 'node-3', 'node-4'];
const VERSIONS = ['1.27', '1.28', '1.29', '1.30', '1.31', '1.32', '1.33', '1.34', '1.35', '1.36', '1.37', 'master', 'v1.36.2-eks-1234', 'v1.37.1+k3s1'];
const GATES = ['TopologyAwareHints', 'ProxyTerminatingEndpoints', 'ServiceTrafficDistribution', 'PreferSameTrafficDistribution', 'LoadBalancerIPMode', 'AllowServiceExternalIPs'];
const ZONE_LABEL = 'topology.kubernetes.io/zone';
const SERVICE_NAME_LABEL = 'kubernetes.io/service-name';

/** Leaves out every key whose value is `undefined`. */
function obj(fields) {
  const out = {};
  for (const [k, v] of Object.entries(fields)) if (v !== undefined) out[k] = v;
  return out;
}
const opt = (arb) => fc.option(arb, { nil: undefined, freq: 3 });

const gatesArb = opt(fc.dictionary(fc.constantFrom(...GATES), fc.boolean(), { maxKeys: 3 }));
const versionArb = opt(fc.constantFrom(...VERSIONS));

const serviceArb = fc
  .record({
    type: opt(fc.constantFrom('ClusterIP', 'NodePort', 'LoadBalancer')),
    family: fc.constantFrom('IPv4', 'IPv4', 'IPv6'),
    itp: opt(fc.constantFrom('Cluster', 'Local')),
    etp: opt(fc.constantFrom('Cluster', 'Local')),
    td: opt(fc.constantFrom('PreferClose', 'PreferSameZone', 'PreferSameNode', 'Unknown')),
    annotation: opt(fc.constantFrom('Auto', 'auto', 'Disabled', '')),
    twoPorts: fc.boolean(),
    externalIPs: fc.boolean(),
    ingress: fc.boolean(),
    // Mostly a selector (the controller manages the Service); sometimes none, null or {} (controller-semantics 0.2).
    selector: fc.constantFrom({ app: 'web' }, { app: 'web' }, { app: 'web' }, undefined, null, {}),
  })
  .map((r) => {
    const v4 = r.family === 'IPv4';
    const nodePorts = r.type === 'NodePort' || r.type === 'LoadBalancer';
    const ports = [obj({ name: 'http', port: 80, protocol: 'TCP', targetPort: 8080, nodePort: nodePorts ? 30080 : undefined })];
    if (r.twoPorts) ports.push(obj({ name: 'dns', port: 53, protocol: 'UDP', nodePort: nodePorts ? 30053 : undefined }));
    return {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: obj({
        name: 'web',
        namespace: 'shop',
        labels: { app: 'web' },
        annotations: r.annotation === undefined ? undefined : { 'service.kubernetes.io/topology-mode': r.annotation },
      }),
      spec: obj({
        type: r.type,
        selector: r.selector,
        clusterIP: v4 ? '10.96.0.10' : 'fd00:96::a',
        clusterIPs: [v4 ? '10.96.0.10' : 'fd00:96::a'],
        ipFamilies: [r.family],
        ports,
        internalTrafficPolicy: r.itp,
        externalTrafficPolicy: r.type === 'NodePort' || r.type === 'LoadBalancer' ? r.etp : undefined,
        trafficDistribution: r.td,
        externalIPs: r.externalIPs ? [v4 ? '192.0.2.1' : '2001:db8:e::1'] : undefined,
      }),
      status: r.ingress && r.type === 'LoadBalancer' ? { loadBalancer: { ingress: [{ ip: v4 ? '203.0.113.7' : '2001:db8:f::7' }] } } : {},
    };
  });

const endpointArb = (family) =>
  fc
    .record({
      n: fc.nat({ max: 30 }),
      spelling: fc.boolean(),
      ready: opt(fc.boolean()),
      serving: opt(fc.boolean()),
      terminating: opt(fc.boolean()),
      node: opt(fc.constantFrom(...NODE_NAMES)),
      zone: opt(fc.constantFrom(...ZONES)),
      zoneHints: opt(fc.subarray(ZONES, { maxLength: 2 })),
      nodeHints: opt(fc.subarray(NODE_NAMES, { maxLength: 2 })),
      noAddress: fc.boolean(),
    })
    .map((r) => {
      const ip = family === 'IPv4' ? (r.spelling ? `10.1.0.${r.n + 1}` : `010.001.000.${r.n + 1}`) : r.spelling ? `fd00::${r.n + 1}` : `FD00:0::${r.n + 1}`;
      const hints = r.zoneHints === undefined && r.nodeHints === undefined ? undefined : obj({
        forZones: r.zoneHints?.map((name) => ({ name })),
        forNodes: r.nodeHints?.map((name) => ({ name })),
      });
      return obj({
        addresses: r.noAddress && r.n % 7 === 0 ? [] : [ip],
        conditions: obj({ ready: r.ready, serving: r.serving, terminating: r.terminating }),
        nodeName: r.node,
        zone: r.zone,
        hints,
        targetRef: { kind: 'Pod', name: `web-${r.n}`, namespace: 'shop' },
      });
    });

const sliceArb = (family, i) =>
  fc
    .record({
      family: fc.constantFrom(family, family, family, family === 'IPv4' ? 'IPv6' : 'IPv4'),
      owner: fc.constantFrom('web', 'web', 'web', 'api'),
      managedBy: fc.constantFrom('endpointslice-controller.k8s.io', 'endpointslice-controller.k8s.io', 'someone-else'),
      udp: fc.boolean(),
    })
    .chain((r) =>
      fc.array(endpointArb(r.family), { maxLength: 6 }).map((endpoints) => ({
        apiVersion: 'discovery.k8s.io/v1',
        kind: 'EndpointSlice',
        metadata: { name: `web-${i}`, namespace: 'shop', labels: { [SERVICE_NAME_LABEL]: r.owner, 'endpointslice.kubernetes.io/managed-by': r.managedBy } },
        addressType: r.family,
        ports: r.udp ? [{ name: 'http', port: 8080, protocol: 'TCP' }, { name: 'dns', port: 5353, protocol: 'UDP' }] : [{ name: 'http', port: 8080, protocol: 'TCP' }],
        endpoints,
      })),
    );

const nodeArb = (name) =>
  fc
    .record({
      zone: opt(fc.constantFrom(...ZONES)),
      cpu: opt(fc.constantFrom('4', '2', '3500m', '1.5', '8Ki', '1e1', '3920000000n', '3920000u', '0.0003333333333')),
      ready: fc.constantFrom('True', 'True', 'False', 'Unknown'),
      unschedulable: opt(fc.boolean()),
      controlPlane: fc.boolean(),
    })
    .map((r) => ({
      apiVersion: 'v1',
      kind: 'Node',
      metadata: {
        name,
        labels: obj({ [ZONE_LABEL]: r.zone, 'kubernetes.io/hostname': name, 'node-role.kubernetes.io/control-plane': r.controlPlane ? '' : undefined }),
      },
      spec: obj({ unschedulable: r.unschedulable }),
      status: { allocatable: obj({ cpu: r.cpu, memory: '8Gi' }), conditions: [{ type: 'Ready', status: r.ready }] },
    }));

/** The client node, in each shape the proxy functions accept ({ name, zone }, labels, a Node). */
const clientNodeArb = fc.oneof(
  fc.record({ name: fc.constantFrom(...NODE_NAMES, ''), zone: opt(fc.constantFrom(...ZONES)) }).map(obj),
  fc.record({ name: fc.constantFrom(...NODE_NAMES), zone: fc.constantFrom(...ZONES) }).map((r) => ({ name: r.name, labels: { [ZONE_LABEL]: r.zone } })),
  fc.constantFrom(...NODE_NAMES).map((name) => ({ metadata: { name, labels: { [ZONE_LABEL]: 'zone-a' } } })),
);

/** A small cluster: a Service, its slices and nodes, plus the options every function takes. */
export const clusterArb = serviceArb.chain((service) => {
  const family = service.spec.ipFamilies[0];
  return fc.record({
    service: fc.constant(service),
    endpointSlices: fc.integer({ min: 0, max: 3 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => sliceArb(family, i)))),
    asList: fc.boolean(),
    nodes: fc.integer({ min: 0, max: 5 }).chain((n) => fc.tuple(...NODE_NAMES.slice(0, n).map(nodeArb))),
    port: fc.constantFrom('http', 'http', 80, undefined),
    ipFamily: opt(fc.constantFrom('IPv4', 'IPv6')),
    gates: gatesArb,
    kubernetesVersion: versionArb,
    clientNode: clientNodeArb,
    flow: opt(fc.record({ via: opt(fc.constantFrom('clusterIP', 'nodePort', 'loadBalancer', 'externalIP')), from: opt(fc.constantFrom('pod', 'node', 'outside')) }).map(obj)),
    clients: opt(
      fc.oneof(
        fc.dictionary(fc.constantFrom(...ZONES), fc.integer({ min: 0, max: 100 }), { maxKeys: 3 }).map((byZone) => ({ byZone })),
        fc.dictionary(fc.constantFrom(...NODE_NAMES), fc.double({ min: 0, max: 10, noNaN: true }), { maxKeys: 3 }).map((byNode) => ({ byNode })),
        fc.array(fc.record({ spec: fc.record({ nodeName: fc.constantFrom(...NODE_NAMES) }), status: fc.record({ phase: fc.constantFrom('Running', 'Succeeded') }) }), { maxLength: 4 }),
      ),
    ),
    thresholds: opt(fc.record({ overload: fc.constantFrom(1, 1.5, 3), dropped: fc.constantFrom(0, 0.1) })),
  });
});

const changeArb = fc.oneof(
  fc.record({ kind: fc.constant('trafficDistribution'), value: fc.constantFrom('PreferClose', 'PreferSameZone', 'PreferSameNode', null) }),
  fc.constant({ kind: 'topologyAuto' }),
  fc.record({ kind: fc.constant('internalTrafficPolicy'), value: fc.constantFrom('Cluster', 'Local') }),
  fc.record({ kind: fc.constant('zoneTerminating'), zone: fc.constantFrom(...ZONES) }),
  fc.record({ kind: fc.constant('endpointWithoutHints'), zone: fc.constantFrom(...ZONES) }),
  fc.record({ kind: fc.constant('nodeLosesZoneLabel'), node: fc.constantFrom(...NODE_NAMES) }),
  fc.record({ kind: fc.constant('zoneLosesNodes'), zone: fc.constantFrom(...ZONES) }),
);

const slicesOf = (c) => (c.asList ? { apiVersion: 'v1', kind: 'List', items: c.endpointSlices } : c.endpointSlices);
const categorizeInput = (c) =>
  obj({ service: c.service, endpointSlices: slicesOf(c), node: c.clientNode, port: c.port, ipFamily: c.ipFamily, gates: c.gates, kubernetesVersion: c.kubernetesVersion });
const simulateInput = (c) =>
  obj({
    service: c.service,
    endpointSlices: slicesOf(c),
    nodes: c.asList ? { kind: 'NodeList', items: c.nodes } : c.nodes,
    clients: c.clients,
    port: c.port,
    ipFamily: c.ipFamily,
    flow: c.flow,
    gates: c.gates,
    kubernetesVersion: c.kubernetesVersion,
    thresholds: c.thresholds,
  });

// compareProfiles' second argument: names, pinned names and { name, gates?, options? } (src/profiles/names.ts).
const profilesArb = opt(
  fc.array(
    fc.oneof(
      fc.constantFrom('kube-proxy', 'antrea', 'calico-ebpf', 'cilium', 'linkerd', 'istio', 'envoy-gateway'),
      fc.constantFrom('cilium@1.21.0-dev+5b27d687', 'istio@1.31.0-rc.0', 'linkerd@edge-26.8.3'),
      fc.constantFrom({ name: 'cilium', options: { 'enable-service-topology': true } }, { name: 'antrea', gates: { PreferSameTrafficDistribution: true } }, { name: 'kube-proxy' }),
    ),
    { minLength: 1, maxLength: 3 },
  ),
);

// kube-traffic/xds: what selectEndpoints takes (via/from beside the Service), plus names and mode.
const xdsNamesArb = opt(
  fc
    .record({
      listener: opt(fc.constantFrom('web.shop:80', 'web.shop.svc.cluster.local:80')),
      routeConfiguration: opt(fc.constant('routes')),
      cluster: opt(fc.constant('outbound|80||web.shop')),
      clusterLoadAssignment: opt(fc.constant('eds/web')),
    })
    .map(obj),
);
const xdsOptionsArb = fc.record({
  names: xdsNamesArb,
  mode: opt(fc.constantFrom('exact', 'failover')),
  profile: fc.option(fc.constantFrom('kube-proxy', { name: 'kube-proxy' }), { nil: undefined, freq: 8 }),
});
const xdsInput = (c, x) => obj({ ...categorizeInput(c), ...(c.flow ?? {}), ...x });

const quantityText = fc.oneof(
  fc.constantFrom('4', '3500m', '1.5', '2Ki', '1e3', '1E', '-1', '+.5', ' 7 ', '1e4097', '0.000000001', '9'.repeat(400)),
  fc.stringMatching(/^[+-]?\d{0,5}(\.\d{0,5})?([eE][+-]?\d{1,4}|Ki|Mi|Gi|Ti|Pi|Ei|m|k|M|G|T|P|E)?$/),
);
const ipText = fc.oneof(
  fc.constantFrom('10.0.0.1', '010.001.002.003', '::ffff:10.0.0.1', '2001:DB8:0:0:0:0:0:1', '::', '1::2::3', '1.2.3.256', '1:2:3:4:5:6:1.2.3.4', ''),
  fc.ipV4(),
  fc.ipV4Extended(),
  fc.ipV6(),
);

/**
 * Every public decision function: `valid` generates its argument list (or, given the library,
 * returns the arbitrary that does: see validArb); `call(lib, args)` runs it (prepare's queries
 * are run on the prepared service; `lib.xds` is the `kube-traffic/xds` entry); `shared` names the
 * copy-on-write rule of invariant 5 (`'none'` when the result must share nothing with the input).
 */
export const CASES = Object.freeze([
  { name: 'categorizeEndpoints', valid: clusterArb.map((c) => [categorizeInput(c)]), call: (lib, [i]) => lib.categorizeEndpoints(i), shared: 'none' },
  {
    name: 'selectEndpoints',
    valid: clusterArb.map((c) => [{ ...categorizeInput(c), ...(c.flow ?? {}) }]),
    call: (lib, [i]) => lib.selectEndpoints(i),
    shared: 'none',
  },
  {
    name: 'prepareService.categorize',
    valid: clusterArb.map((c) => [c.service, slicesOf(c), obj({ port: c.port, ipFamily: c.ipFamily, gates: c.gates, kubernetesVersion: c.kubernetesVersion }), c.clientNode]),
    call: (lib, [s, e, o, n]) => lib.prepareService(s, e, o).categorize(n),
    shared: 'none',
  },
  {
    name: 'prepareService.select',
    valid: clusterArb.map((c) => [c.service, slicesOf(c), obj({ port: c.port, ipFamily: c.ipFamily, gates: c.gates, kubernetesVersion: c.kubernetesVersion }), c.clientNode, c.flow]),
    call: (lib, [s, e, o, n, f]) => lib.prepareService(s, e, o).select(n, f),
    shared: 'none',
  },
  {
    name: 'computeHints',
    valid: clusterArb.map((c) => [obj({ service: c.service, endpointSlices: slicesOf(c), nodes: c.nodes, gates: c.gates, kubernetesVersion: c.kubernetesVersion })]),
    call: (lib, [i]) => lib.computeHints(i),
    shared: 'computeHints',
  },
  { name: 'simulateTraffic', valid: clusterArb.map((c) => [simulateInput(c)]), call: (lib, [i]) => lib.simulateTraffic(i), shared: 'none' },
  {
    name: 'compareScenarios',
    valid: fc.tuple(clusterArb.map(simulateInput), fc.array(fc.oneof(changeArb, fc.array(changeArb, { maxLength: 2 })), { maxLength: 2 })),
    call: (lib, [i, changes]) => lib.compareScenarios(i, changes),
    shared: 'compareScenarios',
  },
  {
    name: 'applyScenarioChange',
    valid: fc.tuple(clusterArb.map(simulateInput), changeArb),
    call: (lib, [i, change]) => lib.applyScenarioChange(i, change),
    shared: 'any',
  },
  {
    name: 'compareProfiles',
    valid: fc.tuple(clusterArb.map(categorizeInput), profilesArb),
    call: (lib, [i, profiles]) => lib.compareProfiles(i, profiles),
    shared: 'none',
  },
  {
    name: 'formatComparison',
    // Its argument is a compareProfiles result, so the valid inputs need the library. The result
    // is structured-cloned: compareProfiles freezes it, and deepFreeze takes a frozen object as
    // frozen all the way down, so without the copy nothing below the root would be frozen.
    valid: (lib) =>
      fc
        .tuple(clusterArb.map(categorizeInput), profilesArb)
        .map(([i, profiles]) => {
          try {
            return [structuredClone(lib.compareProfiles(i, profiles))];
          } catch {
            return null; // a valid-looking input the library refuses: no comparison to format
          }
        })
        .filter((args) => args !== null),
    call: (lib, [comparison]) => lib.formatComparison(comparison),
    shared: 'none',
  },
  {
    name: 'xds.xdsResources',
    valid: fc.tuple(clusterArb, xdsOptionsArb).map(([c, x]) => [xdsInput(c, x)]),
    call: (lib, [i]) => lib.xds.xdsResources(i),
    shared: 'none',
  },
  {
    name: 'xds.xdsAssignments',
    valid: fc
      .tuple(clusterArb, xdsOptionsArb, fc.array(clientNodeArb, { maxLength: 4 }), opt(fc.constantFrom('shared', 'per-answer')))
      .map(([c, x, nodes, assignmentNames]) => {
        const { node: _node, ...rest } = xdsInput(c, x);
        return [obj({ ...rest, nodes, assignmentNames })];
      }),
    call: (lib, [i]) => lib.xds.xdsAssignments(i),
    shared: 'none',
  },
  {
    name: 'resolveGates',
    valid: fc.tuple(gatesArb, fc.constantFrom(undefined, '$.gates', '$.spec.gates'), versionArb),
    call: (lib, args) => lib.resolveGates(...args),
    shared: 'none',
  },
  { name: 'parseQuantity', valid: quantityText.map((t) => [t]), call: (lib, [t]) => lib.parseQuantity(t), shared: 'none' },
  { name: 'parseIP', valid: ipText.map((t) => [t]), call: (lib, [t]) => lib.parseIP(t), shared: 'none' },
]);

// ---------------------------------------------------------------------------------------------
// Bad inputs.

/** Constructors of values that are deep, huge or odd; built lazily (a 10^5-deep array is costly). */
export const NASTY = Object.freeze({
  hugeString: () => 'x'.repeat(1 << 20),
  hugeUnicode: () => '\u{1F600}\u0000\uD800é'.repeat(1 << 16),
  deepArray: (depth = 100_000) => {
    let v = [];
    for (let i = 0; i < depth; i++) v = [v];
    return v;
  },
  deepObject: (depth = 100_000) => {
    let v = {};
    for (let i = 0; i < depth; i++) v = { a: v };
    return v;
  },
  longArray: () => new Array(100_000).fill('10.0.0.1'),
  protoPolluter: () => JSON.parse('{"__proto__": {"polluted": "yes"}, "constructor": {"prototype": {"polluted": "yes"}}}'),
});

const nastyArb = fc.oneof(
  fc.constantFrom(NaN, Infinity, -Infinity, -0, 1e308, Number.MAX_SAFE_INTEGER + 2, 0.5, -1, 65536, '', ' ', '\u0000', 'ü', '𝕜𝕦𝕓𝕖', '__proto__', 'constructor'),
  fc.constantFrom(...Object.keys(NASTY)).map((k) => NASTY[k](k.startsWith('deep') ? 2000 : undefined)),
);

/** Arbitrary values for one input position. */
export const anyValueArb = fc.oneof(
  { arbitrary: fc.jsonValue({ maxDepth: 4 }), weight: 4 },
  {
    arbitrary: fc.anything({
      maxDepth: 3,
      withObjectString: true,
      withNullPrototype: true,
      withBoxedValues: true,
      withMap: true,
      withSet: true,
      withSparseArray: true,
      withBigInt: true,
      withDate: true,
      withTypedArray: true,
      withUnicodeString: true,
    }),
    weight: 3,
  },
  { arbitrary: fc.constantFrom(null, undefined), weight: 1 },
  { arbitrary: nastyArb, weight: 1 },
);

const PROTO_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf'];
const protoValueArb = fc.oneof(fc.constant({ polluted: 'yes' }), fc.constant({ prototype: { polluted: 'yes' } }), fc.string({ maxLength: 4 }), fc.constant(null), fc.constant(7));

/** Every path in a tree of plain objects/arrays (iterative: inputs may be deep). */
export function pathsOf(root) {
  const out = [];
  const stack = [[root, []]];
  while (stack.length > 0) {
    const [v, path] = stack.pop();
    if (typeof v !== 'object' || v === null) continue;
    for (const k of Object.keys(v)) {
      const p = [...path, Array.isArray(v) ? Number(k) : k];
      out.push(p);
      if (out.length > 5000) return out;
      stack.push([v[k], p]);
    }
  }
  return out;
}

function getAt(root, path) {
  let v = root;
  for (const k of path) v = v?.[k];
  return v;
}

/** Copy of `root` with `edit(parentCopy, lastKey)` applied at `path` (only the path is copied). */
function editAt(root, path, edit) {
  if (path.length === 0) return root;
  const copy = (v) => (Array.isArray(v) ? [...v] : { ...v });
  const top = copy(root);
  let parent = top;
  for (const k of path.slice(0, -1)) {
    const child = parent[k];
    if (typeof child !== 'object' || child === null) return top;
    parent = parent[k] = copy(child);
  }
  edit(parent, path[path.length - 1]);
  return top;
}

/** An own key such as `__proto__` on an object (as JSON.parse creates it), keeping its other keys. */
function withOwnKey(target, key, value) {
  const copy = Array.isArray(target) ? [...target] : { ...target };
  Object.defineProperty(copy, key, { value, enumerable: true, writable: true, configurable: true });
  return copy;
}

/** Valid arguments with one mutation: a value replaced, a key deleted, a `__proto__`-like key added. */
export function mutatedArb(validArgs) {
  return validArgs.chain((args) => {
    const paths = pathsOf(args).filter((p) => p.length >= 1);
    if (paths.length === 0) return fc.constant(args);
    const pick = fc.nat({ max: paths.length - 1 }).map((i) => paths[i]);
    // Objects that are maps (labels, annotations, allocatable, hints, gates, byZone...) or records.
    const objectPaths = [[], ...paths].filter((p) => {
      const v = getAt(args, p);
      return typeof v === 'object' && v !== null;
    });
    const pickObject = fc.nat({ max: objectPaths.length - 1 }).map((i) => objectPaths[i]);
    return fc.oneof(
      { arbitrary: fc.tuple(pick, anyValueArb).map(([p, v]) => editAt(args, p, (o, k) => (o[k] = v))), weight: 5 },
      { arbitrary: pick.map((p) => editAt(args, p, (o, k) => (Array.isArray(o) ? o.splice(Number(k), 1) : delete o[k]))), weight: 2 },
      {
        arbitrary: fc.tuple(pickObject, fc.constantFrom(...PROTO_KEYS), protoValueArb).map(([p, key, v]) =>
          p.length === 0 ? withOwnKey(args, key, v) : editAt(args, p, (o, k) => (o[k] = withOwnKey(o[k], key, v))),
        ),
        weight: 3,
      },
      // The same through JSON.parse, the way a decoded manifest carries the key.
      {
        arbitrary: fc.tuple(fc.nat({ max: args.length - 1 }), fc.constantFrom('__proto__', 'constructor')).map(([i, key]) => {
          const out = [...args];
          try {
            const text = JSON.stringify(out[i]);
            if (text?.startsWith('{')) out[i] = JSON.parse(`{${JSON.stringify(key)}:{"polluted":"yes"}${text.length > 2 ? ',' : ''}${text.slice(1)}`);
          } catch {
            // Not JSON-serialisable: left as it is.
          }
          return out;
        }),
        weight: 1,
      },
    );
  });
}

/** Arbitrary values in every argument position (the others valid). */
export function argumentArb(validArgs) {
  return validArgs.chain((args) => fc.tuple(fc.nat({ max: args.length - 1 }), anyValueArb).map(([i, v]) => args.map((a, j) => (j === i ? v : a))));
}

/** A case's valid argument lists (built with the library when the case needs it: formatComparison). */
export function validArb(c, lib) {
  return typeof c.valid === 'function' ? c.valid(lib) : c.valid;
}

/** Bad inputs of one case: mutations, whole arbitrary arguments, and valid ones. */
export function badArgsArb(c, lib) {
  const valid = validArb(c, lib);
  return fc.oneof({ arbitrary: mutatedArb(valid), weight: 6 }, { arbitrary: argumentArb(valid), weight: 3 }, { arbitrary: valid, weight: 1 });
}

// ---------------------------------------------------------------------------------------------
// Checks.

/** Freezes a graph (iteratively); typed arrays and array buffers cannot be frozen and are skipped. */
export function deepFreeze(root) {
  const stack = [root];
  const seen = new Set();
  while (stack.length > 0) {
    const v = stack.pop();
    // An already frozen object is taken as deep-frozen (this module's own, or a frozen constant).
    if ((typeof v !== 'object' && typeof v !== 'function') || v === null || seen.has(v) || Object.isFrozen(v)) continue;
    seen.add(v);
    if (ArrayBuffer.isView(v) || v instanceof ArrayBuffer) continue;
    Object.freeze(v);
    for (const k of Reflect.ownKeys(v)) {
      const d = Object.getOwnPropertyDescriptor(v, k);
      if (d && 'value' in d) stack.push(d.value);
    }
  }
  return root;
}

/** Every object reachable from `root` through own data properties (iterative). */
function objectsOf(root) {
  const seen = new Set();
  const stack = [root];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v !== 'object' || v === null || seen.has(v)) continue;
    seen.add(v);
    for (const k of Reflect.ownKeys(v)) {
      const d = Object.getOwnPropertyDescriptor(v, k);
      if (d && 'value' in d) stack.push(d.value);
    }
  }
  return seen;
}

const PROTOS = [
  ['Object.prototype', Object.prototype],
  ['Array.prototype', Array.prototype],
  ['Function.prototype', Function.prototype],
];
const protoKeys = () => PROTOS.map(([, p]) => Reflect.ownKeys(p).length);
const PROTO_BASELINE = protoKeys();

/** A problem with the prototypes, or null. */
export function prototypeProblem() {
  if ({}.polluted !== undefined || [].polluted !== undefined) return 'a property "polluted" appeared on every object';
  const now = protoKeys();
  for (let i = 0; i < PROTOS.length; i++) {
    if (now[i] !== PROTO_BASELINE[i]) {
      const [name, proto] = PROTOS[i];
      return `${name} changed: keys now ${Reflect.ownKeys(proto).map(String).join(', ')}`;
    }
  }
  return null;
}

/**
 * Walks the whole result: reads every own property (lazy getters included) and returns the
 * paths of result objects that are also input objects, with the path of each.
 */
function walkResult(result, inputObjects) {
  const shared = [];
  const seen = new Set();
  const stack = [[result, '$']];
  while (stack.length > 0) {
    const [v, path] = stack.pop();
    if (typeof v !== 'object' || v === null || seen.has(v)) continue;
    seen.add(v);
    if (inputObjects.has(v)) {
      shared.push(path);
      continue; // below an input object everything is the input's own
    }
    for (const k of Reflect.ownKeys(v)) {
      const d = Object.getOwnPropertyDescriptor(v, k);
      const child = d && 'value' in d ? d.value : v[k];
      stack.push([child, Array.isArray(v) ? `${path}[${String(k)}]` : `${path}.${String(k)}`]);
    }
  }
  return shared;
}

/** Whether sharing an input object at `path` is documented for `rule` (invariant 5). */
function sharingAllowed(rule, path, result) {
  if (rule === 'any') return true;
  if (rule === 'compareScenarios') return /^\$\.(baseline|scenarios\[\d+\])\.changes\[\d+\]$/.test(path);
  if (rule === 'computeHints') {
    const m = /^\$\.endpointSlices\[(\d+)\](?:\.endpoints\[(\d+)\](\.hints)?)?/.exec(path);
    if (m === null) return false;
    // Below an endpoint the library copied, only the hints are its own: they must be fresh.
    if (m[3] !== undefined) return false;
    return true;
  }
  return false;
}

function describeValue(v) {
  try {
    const text = JSON.stringify(v, (_, x) => (typeof x === 'bigint' ? `${x}n` : x === undefined ? '<undefined>' : x));
    return text === undefined ? String(v) : text.length > 2000 ? `${text.slice(0, 2000)}… (${text.length} chars)` : text;
  } catch (e) {
    return `<unprintable: ${e.message}>`;
  }
}

/**
 * Runs one case on (a deep-frozen copy of) `args` and checks invariants 1–6. Returns
 * `{ outcome: 'ok' | 'error', code?, ms }` or `{ outcome: 'bug', message, ms }`.
 */
export function checkCall(lib, c, args) {
  deepFreeze(args);
  const inputObjects = c.shared === 'none' || c.shared === 'computeHints' || c.shared === 'compareScenarios' ? objectsOf(args) : null;
  const t0 = performance.now();
  let result;
  try {
    result = c.call(lib, args);
  } catch (e) {
    const ms = performance.now() - t0;
    const pollution = prototypeProblem();
    if (pollution !== null) return { outcome: 'bug', message: `prototype pollution: ${pollution}`, ms };
    if (!(e instanceof lib.KubeTrafficError)) {
      return { outcome: 'bug', message: `threw ${e?.constructor?.name ?? typeof e}: ${e?.message ?? String(e)}\n${e?.stack ?? ''}`, ms };
    }
    const bad = errorProblem(e);
    if (bad !== null) return { outcome: 'bug', message: `malformed KubeTrafficError: ${bad}`, ms };
    if (ms > HANG_MS) return { outcome: 'bug', message: `took ${ms.toFixed(0)} ms (hang guard ${HANG_MS} ms)`, ms };
    return { outcome: 'error', code: e.code, ms };
  }
  const ms = performance.now() - t0;
  const pollution = prototypeProblem();
  if (pollution !== null) return { outcome: 'bug', message: `prototype pollution: ${pollution}`, ms };
  if (ms > HANG_MS) return { outcome: 'bug', message: `took ${ms.toFixed(0)} ms (hang guard ${HANG_MS} ms)`, ms };
  let shared;
  try {
    shared = walkResult(result, inputObjects ?? new Set());
  } catch (e) {
    return { outcome: 'bug', message: `reading the result threw ${e?.constructor?.name}: ${e?.message}\n${e?.stack ?? ''}`, ms };
  }
  const wrong = shared.filter((p) => !sharingAllowed(c.shared, p, result));
  if (wrong.length > 0) return { outcome: 'bug', message: `result shares input objects at ${wrong.slice(0, 5).join(', ')}`, ms };
  if (prototypeProblem() !== null) return { outcome: 'bug', message: `prototype pollution while reading the result: ${prototypeProblem()}`, ms };
  return { outcome: 'ok', ms };
}

/** What is wrong with a KubeTrafficError's shape, or null. */
export function errorProblem(e) {
  if (!ERROR_CODES.includes(e.code)) return `unknown code ${String(e.code)}`;
  if (typeof e.path !== 'string' || !e.path.startsWith('$')) return `path ${String(e.path)} does not start with $`;
  if (typeof e.message !== 'string' || !e.message.includes(e.path)) return `message ${JSON.stringify(e.message)} does not contain the path ${e.path}`;
  if (!Array.isArray(e.problems) || e.problems.length === 0) return 'no problems';
  for (const p of e.problems) {
    if (!ERROR_CODES.includes(p.code)) return `problem with unknown code ${String(p.code)}`;
    if (typeof p.path !== 'string' || !p.path.startsWith('$')) return `problem path ${String(p.path)} does not start with $`;
    if (!p.message.startsWith(`${p.path}: `)) return `problem message ${JSON.stringify(p.message)} does not start with its path`;
  }
  return null;
}

/** A counterexample, printable. */
export function describeArgs(args) {
  return args.map((a, i) => `  arg ${i}: ${describeValue(a)}`).join('\n');
}

