/**
 * fast-check arbitraries for profile inputs: a Service with any mix of traffic policies, topology
 * fields and annotations, its slices (every IP used once, so no `IP:port` has two copies, and Pods
 * named once, unless `duplicates` asks for copies), and a client node, all drawn from small pools
 * so hints and locality match often.
 */
import fc from 'fast-check';

export const ZONES = ['zone-a', 'zone-b', 'zone-c'] as const;
export const NODES = ['node-a', 'node-b', 'node-c', 'node-d'] as const;

type Json = Record<string, unknown>;

/** A field that is either left out or present with the value. */
const opt = <T>(key: string, arb: fc.Arbitrary<T>): fc.Arbitrary<Json> => fc.option(arb, { nil: undefined }).map((v) => (v === undefined ? {} : { [key]: v }));

export interface ProfileInputOptions {
  /** Only ready, Pod-backed, one-address endpoints with a named slice port and no node hints. */
  readonly plain?: boolean;
  /** Force internalTrafficPolicy Cluster and no external addresses. */
  readonly clusterOnly?: boolean;
  /** Only what Envoy Gateway's pinned source settles: no trafficDistribution, no Auto annotation, named slice ports. */
  readonly gatewaySafe?: boolean;
  /**
   * Copy up to three endpoints into (other) slices, as a Pod moving between slices leaves it for a
   * moment: `identical` copies, or `differing` ones (the copy changes `ready`, `nodeName` or its hints).
   */
  readonly duplicates?: 'identical' | 'differing';
}

const conditionsArb = (plain: boolean): fc.Arbitrary<Json> =>
  plain
    ? fc.constantFrom<Json>({ ready: true }, { ready: true, serving: true, terminating: false }, {})
    : fc.record({}, { requiredKeys: [] }).chain(() =>
        fc.tuple(opt('ready', fc.boolean()), opt('serving', fc.boolean()), opt('terminating', fc.boolean())).map(([a, b, c]) => ({ ...a, ...b, ...c })),
      );

export function profileInputArb(options: ProfileInputOptions = {}): fc.Arbitrary<Json> {
  const plain = options.plain === true;
  const serviceArb = fc
    .record({
      type: options.clusterOnly ? fc.constant('ClusterIP') : fc.constantFrom('ClusterIP', 'NodePort', 'LoadBalancer'),
      itp: options.clusterOnly || plain ? fc.constant('Cluster') : fc.constantFrom('Cluster', 'Local'),
      etp: fc.constantFrom('Cluster', 'Local'),
      td: options.gatewaySafe ? fc.constant(undefined) : fc.constantFrom(undefined, 'PreferClose', 'PreferSameZone', 'PreferSameNode'),
      mode: options.gatewaySafe ? fc.constantFrom(undefined, 'Disabled') : fc.constantFrom(undefined, 'Auto', 'auto', 'Disabled'),
      istio: fc.constantFrom(undefined, 'PreferClose', 'PreferSameNode'),
    })
    .map((s) => {
      const annotations: Record<string, string> = {};
      if (s.mode !== undefined) annotations['service.kubernetes.io/topology-mode'] = s.mode;
      if (s.istio !== undefined) annotations['networking.istio.io/traffic-distribution'] = s.istio;
      const external = s.type !== 'ClusterIP';
      return {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: 'web', namespace: 'shop', ...(Object.keys(annotations).length > 0 && { annotations }) },
        spec: {
          type: s.type,
          clusterIP: '10.96.0.10',
          clusterIPs: ['10.96.0.10'],
          ipFamilies: ['IPv4'],
          ports: [{ name: 'http', protocol: 'TCP', port: 80, targetPort: 8080, ...(external && { nodePort: 30080 }) }],
          internalTrafficPolicy: s.itp,
          ...(external && { externalTrafficPolicy: s.etp }),
          ...(s.td !== undefined && { trafficDistribution: s.td }),
        },
        status: { loadBalancer: s.type === 'LoadBalancer' ? { ingress: [{ ip: '192.0.2.10' }] } : {} },
      };
    });
  const hintsArb = fc.tuple(
    fc.option(fc.subarray([...ZONES], { minLength: 1, maxLength: 2 }), { nil: undefined }),
    plain ? fc.constant(undefined) : fc.option(fc.subarray([...NODES], { minLength: 1, maxLength: 1 }), { nil: undefined }),
  );
  const endpointArb = fc.record({
    conditions: conditionsArb(plain),
    node: fc.option(fc.constantFrom(...NODES), { nil: undefined }),
    zone: plain ? fc.constantFrom(...ZONES) : fc.option(fc.constantFrom(...ZONES), { nil: undefined }),
    hints: hintsArb,
    pod: plain ? fc.constant(true) : fc.boolean(),
    second: plain ? fc.constant(false) : fc.boolean(),
  });
  const sliceShapeArb = fc.record({
    unnamedPort: plain || options.gatewaySafe ? fc.constant(false) : fc.boolean(),
    endpoints: fc.array(endpointArb, { maxLength: 5 }),
  });
  return fc
    .record({
      service: serviceArb,
      slices: fc.array(sliceShapeArb, { minLength: 1, maxLength: 3 }),
      client: fc.constantFrom(...NODES),
      clientZone: fc.option(fc.constantFrom(...ZONES), { nil: undefined }),
      copies:
        options.duplicates === undefined
          ? fc.constant([])
          : fc.array(fc.record({ from: fc.nat(), to: fc.nat(), change: options.duplicates === 'identical' ? fc.constant('none' as const) : fc.constantFrom('ready' as const, 'node' as const, 'hints' as const) }), { minLength: 1, maxLength: 3 }),
    })
    .map(({ service, slices, client, clientZone, copies }) => {
      let ip = 0;
      let pod = 0;
      const endpointSlices = slices.map((sl, si) => ({
        apiVersion: 'discovery.k8s.io/v1',
        kind: 'EndpointSlice',
        metadata: { name: `web-${si}`, namespace: 'shop', labels: { 'kubernetes.io/service-name': 'web' } },
        addressType: 'IPv4',
        ports: [sl.unnamedPort ? { port: 8080, protocol: 'TCP' } : { name: 'http', port: 8080, protocol: 'TCP' }],
        endpoints: sl.endpoints.map((e) => {
          const addresses = [`10.1.0.${++ip}`];
          if (e.second) addresses.push(`10.1.0.${++ip}`);
          const [zoneHints, nodeHints] = e.hints;
          const hints = zoneHints === undefined && nodeHints === undefined ? undefined : { ...(zoneHints && { forZones: zoneHints.map((name) => ({ name })) }), ...(nodeHints && { forNodes: nodeHints.map((name) => ({ name })) }) };
          return {
            addresses,
            conditions: e.conditions,
            ...(e.node !== undefined && { nodeName: e.node }),
            ...(e.zone !== undefined && { zone: e.zone }),
            ...(hints !== undefined && { hints }),
            ...(e.pod && { targetRef: { kind: 'Pod', name: `pod-${++pod}`, namespace: 'shop' } }),
          };
        }),
      }));
      const flat = endpointSlices.flatMap((s) => s.endpoints);
      for (const c of copies) {
        const original = flat[c.from % Math.max(1, flat.length)];
        if (original === undefined) break;
        const copy: Json = structuredClone(original);
        if (c.change === 'ready') copy['conditions'] = { ...(copy['conditions'] as Json), ready: (copy['conditions'] as Json)['ready'] === false };
        if (c.change === 'node') copy['nodeName'] = copy['nodeName'] === 'node-a' ? 'node-b' : 'node-a';
        if (c.change === 'hints') copy['hints'] = { forZones: [{ name: copy['zone'] === 'zone-a' ? 'zone-b' : 'zone-a' }] };
        endpointSlices[c.to % endpointSlices.length]!.endpoints.push(copy as (typeof endpointSlices)[number]['endpoints'][number]);
      }
      return { service, endpointSlices, node: { name: client, labels: clientZone === undefined ? {} : { 'topology.kubernetes.io/zone': clientZone } }, port: 'http' };
    });
}

/** The same input with slices and each slice's endpoints in another order. */
export function shuffled(input: Json, seed: number): Json {
  const rnd = (() => {
    let x = seed | 0 || 1;
    return () => ((x = (x * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  })();
  const shuffle = <T>(list: readonly T[]): T[] => {
    const out = [...list];
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(rnd() * (i + 1));
      [out[i], out[j]] = [out[j]!, out[i]!];
    }
    return out;
  };
  const slices = (input['endpointSlices'] as Json[]).map((s) => ({ ...s, endpoints: shuffle(s['endpoints'] as unknown[]) }));
  return { ...input, endpointSlices: shuffle(slices) };
}
