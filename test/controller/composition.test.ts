/**
 * The two halves together: the hints `computeHints` writes, read by `categorizeEndpoints` for a
 * client in each zone (and on each node), give same-zone (same-node) endpoints exactly when the
 * rules say upstream would: every ready endpoint hinted, and one hinted for the client.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { categorizeEndpoints, computeHints } from '../../src/index.js';

const ZONES = ['zone-a', 'zone-b', 'zone-c'];
const NODES = ['n1', 'n2', 'n3', 'n4', 'n5', 'n6'];
const zoneOfNode = (node: string): string => ZONES[(Number(node.slice(1)) - 1) % 3]!;

interface Ep {
  readonly ip: string;
  readonly ready: boolean;
  readonly node: string | undefined;
  readonly zoneKnown: boolean;
}

const epArb = (i: number): fc.Arbitrary<Ep> =>
  fc.record({
    ready: fc.boolean(),
    node: fc.option(fc.constantFrom(...NODES), { nil: undefined, freq: 8 }),
    // Mostly zoned: one endpoint without a zone is enough to turn zone routing off.
    zoneKnown: fc.oneof({ weight: 9, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
  }).map((r) => ({ ...r, ip: `10.0.0.${i + 1}` }));

const endpointsArb = fc.integer({ min: 1, max: 9 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => epArb(i))));

function input(eps: readonly Ep[], spec: Record<string, unknown>, annotations?: Record<string, string>) {
  const service = {
    metadata: { name: 'svc', namespace: 'ns', ...(annotations && { annotations }) },
    spec: { clusterIP: '10.96.0.1', selector: { app: 'svc' }, ports: [{ name: 'http', port: 80 }], ...spec },
  };
  const slices = [
    {
      metadata: { name: 's', namespace: 'ns', labels: { 'kubernetes.io/service-name': 'svc', 'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io' } },
      addressType: 'IPv4',
      ports: [{ name: 'http', port: 8080 }],
      endpoints: eps.map((e) => ({
        addresses: [e.ip],
        conditions: { ready: e.ready },
        ...(e.node !== undefined && { nodeName: e.node }),
        ...(e.node !== undefined && e.zoneKnown && { zone: zoneOfNode(e.node) }),
      })),
    },
  ];
  const nodes = NODES.map((name) => ({
    metadata: { name, labels: { 'topology.kubernetes.io/zone': zoneOfNode(name) } },
    status: { allocatable: { cpu: '4' }, conditions: [{ type: 'Ready', status: 'True' }] },
  }));
  return { service, slices, nodes };
}

const clusterOf = (service: object, slices: readonly object[], node: string): string[] => {
  const r = categorizeEndpoints({ service, endpointSlices: slices, node: { name: node, zone: zoneOfNode(node) }, port: 'http' });
  if (r.kind !== 'proxied') throw new Error('not proxied');
  return (r.clusterEndpoints ?? []).map((e) => e.ip).sort();
};

describe('computeHints then categorizeEndpoints', () => {
  for (const value of ['PreferClose', 'PreferSameZone'] as const) {
    it(`${value}: a client gets its zone's ready endpoints exactly when every ready endpoint has a zone and one is in the client's zone`, () => {
      fc.assert(
        fc.property(endpointsArb, (eps) => {
          const { service, slices, nodes } = input(eps, { trafficDistribution: value });
          const hinted = computeHints({ service, endpointSlices: slices, nodes }).endpointSlices;
          const ready = eps.filter((e) => e.ready);
          // The controller hints each ready endpoint with a zone for its own zone; kube-proxy filters
          // only when every ready endpoint is hinted (proxy-semantics 4.4, controller-semantics 5.2).
          const everyReadyZoned = ready.length > 0 && ready.every((e) => e.node !== undefined && e.zoneKnown);
          for (const node of NODES) {
            const zone = zoneOfNode(node);
            const sameZone = ready.filter((e) => e.node !== undefined && zoneOfNode(e.node) === zone);
            const expected = everyReadyZoned && sameZone.length > 0 ? sameZone : ready;
            expect(clusterOf(service, hinted, node)).toEqual(expected.map((e) => e.ip).sort());
          }
        }),
        { numRuns: 200 },
      );
    });
  }

  it('PreferSameNode: same node when every ready endpoint has a node and one is on the client, else the zone rule', () => {
    fc.assert(
      fc.property(endpointsArb, (eps) => {
        const { service, slices, nodes } = input(eps, { trafficDistribution: 'PreferSameNode' });
        const hinted = computeHints({ service, endpointSlices: slices, nodes }).endpointSlices;
        const ready = eps.filter((e) => e.ready);
        const everyReadyNoded = ready.length > 0 && ready.every((e) => e.node !== undefined);
        const everyReadyZoned = ready.length > 0 && ready.every((e) => e.node !== undefined && e.zoneKnown);
        for (const node of NODES) {
          const onNode = ready.filter((e) => e.node === node);
          const inZone = ready.filter((e) => e.node !== undefined && zoneOfNode(e.node) === zoneOfNode(node));
          const expected = everyReadyNoded && onNode.length > 0 ? onNode : everyReadyZoned && inZone.length > 0 ? inZone : ready;
          expect(clusterOf(service, hinted, node)).toEqual(expected.map((e) => e.ip).sort());
        }
      }),
      { numRuns: 200 },
    );
  });

  it('topology-mode Auto: each zone gets the endpoints hinted for it when hints are written, else all ready endpoints', () => {
    fc.assert(
      fc.property(endpointsArb, (eps) => {
        const { service, slices, nodes } = input(eps, {}, { 'service.kubernetes.io/topology-mode': 'Auto' });
        const { endpointSlices, outcome } = computeHints({ service, endpointSlices: slices, nodes });
        const ready = eps.filter((e) => e.ready).map((e) => e.ip).sort();
        const hintFor = new Map<string, string | undefined>();
        for (const e of endpointSlices[0]?.endpoints ?? []) hintFor.set(e.addresses?.[0] ?? '', e.hints?.forZones?.[0]?.name ?? undefined);
        for (const node of NODES) {
          const zone = zoneOfNode(node);
          const expected = outcome.cause === 'hints-allocated' ? ready.filter((ip) => hintFor.get(ip) === zone) : ready;
          // Auto hints every ready endpoint, and with at least one endpoint per zone (N >= zones) every zone gets one.
          expect(clusterOf(service, endpointSlices, node)).toEqual(expected.length > 0 ? expected : ready);
        }
      }),
      { numRuns: 200 },
    );
  });
});
