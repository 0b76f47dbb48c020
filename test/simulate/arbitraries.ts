/**
 * fast-check arbitraries for whole small clusters: up to 10 nodes over 3 zones (some without a
 * zone label, some unschedulable), up to 14 endpoints with mixed conditions, hints written the
 * PreferClose way, at random, or not at all, and every client shape.
 */
import fc from 'fast-check';
import { type ClientsInput, type EndpointInput, KUBERNETES_VERSIONS, type KubernetesVersion, type SimulateInput, type SimulationNodeInput } from '../../src/index.js';
import { node, service, slice } from './fixtures.js';

export const ZONES = ['zone-a', 'zone-b', 'zone-c'] as const;

/** How endpoints are hinted. */
export type HintStyle = 'none' | 'own-zone' | 'random';

export interface ClusterOptions {
  readonly hints?: HintStyle | undefined;
  readonly local?: boolean | undefined;
  /** Every node has a zone label. */
  readonly zoned?: boolean | undefined;
  /** Every endpoint is ready. */
  readonly allReady?: boolean | undefined;
  /** Default: any release; duplicates (one IP in several entries) only come with a random release. */
  readonly version?: KubernetesVersion | undefined;
}

const nodeArb = (zoned: boolean) =>
  fc.record({
    zone: zoned ? fc.constantFrom(...ZONES) : fc.option(fc.constantFrom(...ZONES), { freq: 5 }),
    unschedulable: fc.boolean(),
  });

const conditionsArb = (allReady: boolean): fc.Arbitrary<EndpointInput['conditions']> =>
  allReady
    ? fc.constant({ ready: true })
    : fc.constantFrom({ ready: true }, { ready: true }, { ready: true }, { ready: false }, { ready: false, serving: true, terminating: true }, {});

const weightArb = fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 100 }), fc.double({ min: 0.01, max: 10, noNaN: true }));

/** A cluster and client placement, as a `simulateTraffic` input. */
export function clusterArb(opts: ClusterOptions = {}): fc.Arbitrary<SimulateInput> {
  const zoned = opts.zoned ?? false;
  return fc
    .record({
      nodes: fc.array(nodeArb(zoned), { minLength: 1, maxLength: 10 }),
      endpoints: fc.array(
        fc.record({
          node: fc.nat(),
          conditions: conditionsArb(opts.allReady ?? false),
          hintZones: fc.subarray([...ZONES]),
          withNodeName: fc.constantFrom(true, true, true, false),
        }),
        { maxLength: 14 },
      ),
      hints: opts.hints === undefined ? fc.constantFrom<HintStyle>('none', 'own-zone', 'random') : fc.constant(opts.hints),
      local: opts.local === undefined ? fc.boolean() : fc.constant(opts.local),
      clientKind: fc.constantFrom('default', 'byZone', 'byNode'),
      zoneWeights: fc.tuple(weightArb, weightArb, weightArb, weightArb),
      nodeWeights: fc.array(weightArb, { minLength: 10, maxLength: 10 }),
      version: opts.version === undefined ? fc.constantFrom(...KUBERNETES_VERSIONS) : fc.constant(opts.version),
      // Duplicates exercise 3.9, where older releases give a node its own copy of an endpoint.
      duplicates: opts.version === undefined ? fc.boolean() : fc.constant(false),
    })
    .map((c) => {
      const nodes: SimulationNodeInput[] = c.nodes.map((n, i) => node(`node-${i}`, n.zone, { unschedulable: n.unschedulable }));
      const endpoints: EndpointInput[] = c.endpoints.map((e, i) => {
        const host = c.nodes[e.node % c.nodes.length]!;
        const zone = host.zone;
        const hintZones = c.hints === 'own-zone' ? (zone === null ? [] : [zone]) : c.hints === 'random' ? e.hintZones : [];
        return {
          addresses: [`10.0.0.${(c.duplicates ? i % 5 : i) + 1}`],
          conditions: e.conditions,
          // A few endpoints have no nodeName (never local, zone from the slice only).
          ...(e.withNodeName ? { nodeName: `node-${e.node % c.nodes.length}` } : {}),
          ...(zone === null ? {} : { zone }),
          ...(c.hints === 'none' ? {} : { hints: { forZones: hintZones.map((name) => ({ name })) } }),
        };
      });
      const clients: ClientsInput | undefined =
        c.clientKind === 'byZone'
          ? { byZone: { 'zone-a': c.zoneWeights[0], 'zone-b': c.zoneWeights[1], 'zone-c': c.zoneWeights[2], '': c.zoneWeights[3] } }
          : c.clientKind === 'byNode'
            ? { byNode: Object.fromEntries(nodes.map((_, i) => [`node-${i}`, c.nodeWeights[i]!])) }
            : undefined;
      const input: SimulateInput = {
        service: service(c.local ? { internalTrafficPolicy: 'Local' } : {}),
        endpointSlices: [slice('web-1', endpoints)],
        nodes,
        kubernetesVersion: c.version,
        ...(clients === undefined ? {} : { clients }),
      };
      return input;
    });
}
