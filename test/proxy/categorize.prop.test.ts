/**
 * Property tests of kube-proxy endpoint selection (proxy-semantics 1–8) on generated Services,
 * EndpointSlices and client nodes (see ./arbitraries.ts), including a comparison with a naive
 * reference model written from the spec (./reference-model.ts).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  isLocal,
  type CategorizeInput,
  type CategorizedEndpoints,
  type ClientNode,
  type Endpoint,
  type EndpointSliceInput,
  type From,
  KubeTrafficError,
  type Via,
  categorizeEndpoints,
  prepareService,
  selectEndpoints,
} from '../../src/index.js';
import { deepFreeze, plain, reachableObjects } from '../helpers.js';
import {
  HEADLESS_LABEL,
  NAMESPACE,
  PROXY_NAME_LABEL,
  SERVICE_NAME,
  SERVICE_NAME_LABEL,
  canonicalIP,
  inputArb,
  manyNodesArb,
  type SliceTarget,
  slicesArb,
} from './arbitraries.js';
import { type RefEndpoint, referenceCategorize } from './reference-model.js';

const RUNS = { numRuns: 400 } as const;

function proxied(input: CategorizeInput): CategorizedEndpoints | null {
  const r = categorizeEndpoints(input);
  return r.kind === 'proxied' ? r : null;
}

function everyList(r: CategorizedEndpoints): { name: string; list: readonly Endpoint[] }[] {
  const out = [{ name: 'allReachableEndpoints', list: r.allReachableEndpoints }];
  if (r.clusterEndpoints !== null) out.push({ name: 'clusterEndpoints', list: r.clusterEndpoints });
  if (r.localEndpoints !== null) out.push({ name: 'localEndpoints', list: r.localEndpoints });
  return out;
}

const keys = (list: readonly { key: string }[] | null): string[] | null => (list === null ? null : list.map((e) => e.key).sort());
const byKey = <T extends { key: string }>(list: readonly T[] | null): T[] | null =>
  list === null ? null : [...list].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));

function slicesOf(input: CategorizeInput): readonly EndpointSliceInput[] {
  const c = input.endpointSlices;
  return Array.isArray(c) ? (c as readonly EndpointSliceInput[]) : ((c as { items?: readonly EndpointSliceInput[] | null }).items ?? []);
}

/** The node name as the caller wrote it, whatever the shape. */
function nodeNameOf(node: ClientNode): string {
  if ('metadata' in node && node.metadata) return node.metadata.name ?? '';
  return (node as { name: string }).name;
}

describe('categorizeEndpoints properties', () => {
  it('every endpoint comes from a matching slice of the input and is usable', () => {
    fc.assert(
      fc.property(inputArb(), (input) => {
        const r = proxied(input);
        if (r === null) return;
        for (const { list } of everyList(r)) {
          for (const ep of list) {
            const sources = slicesOf(input).filter((s) => {
              const labels = s.metadata?.labels ?? {};
              return (
                labels[SERVICE_NAME_LABEL] === SERVICE_NAME &&
                s.metadata?.namespace === NAMESPACE &&
                !(PROXY_NAME_LABEL in labels) &&
                !(HEADLESS_LABEL in labels) &&
                s.addressType === r.ipFamily &&
                (s.ports ?? []).some((p) => p.name === r.port.name && (p.protocol || 'TCP') === r.port.protocol && p.port === ep.port) &&
                (s.endpoints ?? []).some((e) => e.addresses?.[0] !== undefined && canonicalIP(e.addresses[0]) === ep.ip)
              );
            });
            expect(sources.length, `no slice holds ${ep.key}`).toBeGreaterThan(0);
            expect(ep.key).toBe(ep.ip.includes(':') ? `[${ep.ip}]:${ep.port}` : `${ep.ip}:${ep.port}`);
            expect(ep.family).toBe(r.ipFamily);
            expect(ep.ready || (ep.serving && ep.terminating), `${ep.key} is not usable`).toBe(true);
          }
        }
      }),
      RUNS,
    );
  });

  it('Local holds only the node’s endpoints; isLocal(result, e) is exactly “nodeName is the node’s non-empty name”', () => {
    fc.assert(
      fc.property(inputArb(), (input) => {
        const r = proxied(input);
        if (r === null) return;
        const name = nodeNameOf(input.node);
        expect(r.node.name).toBe(name);
        for (const ep of r.localEndpoints ?? []) {
          expect(ep.nodeName).toBe(name);
          expect(isLocal(r, ep)).toBe(true);
          expect(Object.keys(ep)).not.toContain('isLocal');
        }
        for (const { list } of everyList(r)) {
          for (const ep of list) expect(isLocal(r, ep)).toBe(ep.nodeName === name && name !== '');
        }
      }),
      RUNS,
    );
  });

  it('topology mode: sameZone/sameNode lists carry the hint; mode none keeps every ready endpoint', () => {
    fc.assert(
      fc.property(inputArb(), (input) => {
        const prepared = prepareService(input.service, input.endpointSlices, {
          ...(input.port !== undefined && { port: input.port }),
          ...(input.ipFamily !== undefined && { ipFamily: input.ipFamily }),
          ...(input.gates !== undefined && { gates: input.gates }),
        });
        const r = prepared.categorize(input.node);
        if (r.kind !== 'proxied' || r.clusterEndpoints === null) return;
        const mode = r.topologyMode;
        expect(mode).not.toBeNull();
        const ready = prepared.endpoints.filter((e) => e.ready);
        if (mode?.kind === 'sameZone') {
          expect(mode.zone).toBe(r.node.zone);
          expect(r.clusterEndpoints.length).toBeGreaterThan(0);
          for (const ep of r.clusterEndpoints) expect(ep.zoneHints).toContain(r.node.zone);
          // 4.4: every ready endpoint is zone-hinted.
          for (const ep of ready) expect(ep.zoneHints.length).toBeGreaterThan(0);
        } else if (mode?.kind === 'sameNode') {
          expect(mode.node).toBe(r.node.name);
          expect(r.clusterEndpoints.length).toBeGreaterThan(0);
          for (const ep of r.clusterEndpoints) expect(ep.nodeHints).toContain(r.node.name);
          for (const ep of ready) expect(ep.nodeHints.length).toBeGreaterThan(0);
        } else if (ready.length > 0) {
          expect(keys(r.clusterEndpoints)).toEqual(keys(ready));
        }
        if (ready.length > 0) expect(r.clusterEndpoints.every((e) => e.ready)).toBe(true);
      }),
      RUNS,
    );
  });

  it('allReachable is the union of both lists; a list is null exactly when the policy does not use it', () => {
    fc.assert(
      fc.property(inputArb(), (input) => {
        const r = proxied(input);
        if (r === null) return;
        expect(r.clusterEndpoints === null).toBe(!r.policy.usesCluster);
        expect(r.localEndpoints === null).toBe(!r.policy.usesLocal);
        const union = [...new Set([...(keys(r.clusterEndpoints) ?? []), ...(keys(r.localEndpoints) ?? [])])].sort();
        expect(keys(r.allReachableEndpoints)).toEqual(union);
        // No list holds a key twice.
        for (const { name, list } of everyList(r)) expect(new Set(list.map((e) => e.key)).size, name).toBe(list.length);
        // The same key means the same endpoint data in every list.
        const seen = new Map<string, Endpoint>();
        for (const { list } of everyList(r))
          for (const ep of list) {
            const other = seen.get(ep.key);
            if (other !== undefined) expect(ep).toEqual(other);
            seen.set(ep.key, ep);
          }
      }),
      RUNS,
    );
  });

  it('lists are sorted by address, then port (the documented order)', () => {
    // Address order: IPv4 numerically, IPv6 by its 16 bytes. Keys compared through a sort key
    // built here from the canonical text.
    const v4 = (ip: string) => ip.split('.').map((o) => Number(o).toString(16).padStart(2, '0')).join('');
    const v6 = (ip: string) => {
      const [head = '', tail] = ip.split('::');
      const h = head === '' ? [] : head.split(':');
      const t = tail === undefined ? [] : tail === '' ? [] : tail.split(':');
      const groups = tail === undefined ? h : [...h, ...Array<string>(8 - h.length - t.length).fill('0'), ...t];
      return groups.map((g) => g.padStart(4, '0')).join('');
    };
    const order = (e: Endpoint) => (e.family === 'IPv4' ? v4(e.ip) : v6(e.ip)) + e.port.toString(16).padStart(4, '0');
    fc.assert(
      fc.property(inputArb(), (input) => {
        const r = proxied(input);
        if (r === null) return;
        for (const { name, list } of everyList(r)) {
          const sorted = [...list].sort((a, b) => (order(a) < order(b) ? -1 : order(a) > order(b) ? 1 : 0));
          expect(list.map((e) => e.key), name).toEqual(sorted.map((e) => e.key));
        }
      }),
      RUNS,
    );
  });

  it('order independence: shuffling slices and endpoints changes nothing (duplicates made order-insensitive)', () => {
    // Restriction: spec 3.9 makes the kept copy of a duplicated IP:port depend on input order
    // when two copies with the same `terminating` value differ ("the later copy replaces the
    // earlier one unless the later copy is terminating"). Such inputs are rewritten before the
    // test: every copy of an address with the same terminating value is given the same data
    // (conditions, nodeName, zone, hints) as the first one. Copies that differ in `terminating`
    // keep their own data: "a non-terminating copy wins" is order-insensitive and is exercised.
    // The `slice` field of a duplicated endpoint still depends on order (it names the copy kept),
    // so it is only checked to name a slice holding that address.
    const consistent = (target: SliceTarget) => slicesArb(target).map((slices) => {
      const firstCopy = new Map<string, object>();
      return slices.map((s) => ({
        ...s,
        endpoints: (s.endpoints ?? []).map((e) => {
          const first = e.addresses?.[0];
          if (first === undefined || s.addressType === 'FQDN') return e;
          const terminating = e.conditions?.terminating ?? false;
          const id = `${s.addressType}|${canonicalIP(first)}|${terminating}`;
          const { addresses, ...data } = e;
          const kept = firstCopy.get(id);
          if (kept === undefined) firstCopy.set(id, data);
          return { addresses, ...(kept ?? data) };
        }),
      }));
    });
    const arb = inputArb({ slices: consistent }).chain((input) =>
      fc
        .shuffledSubarray([...slicesOf(input)], { minLength: slicesOf(input).length })
        .chain((slices) =>
          fc.tuple(...slices.map((s) => fc.shuffledSubarray([...(s.endpoints ?? [])], { minLength: (s.endpoints ?? []).length }).map((endpoints) => ({ ...s, endpoints })))),
        )
        .map((shuffled) => ({ input, shuffled: { ...input, endpointSlices: shuffled } as CategorizeInput })),
    );
    const strip = (list: readonly Endpoint[] | null) => byKey(list)?.map(({ slice: _slice, ...rest }) => rest) ?? null;
    fc.assert(
      fc.property(arb, ({ input, shuffled }) => {
        const a = proxied(input);
        const b = proxied(shuffled);
        expect(a === null).toBe(b === null);
        if (a === null || b === null) return;
        expect(strip(a.clusterEndpoints)).toEqual(strip(b.clusterEndpoints));
        expect(strip(a.localEndpoints)).toEqual(strip(b.localEndpoints));
        expect(strip(a.allReachableEndpoints)).toEqual(strip(b.allReachableEndpoints));
        expect([a.hasAnyEndpoints, a.topologyMode, a.terminatingFallback]).toEqual([b.hasAnyEndpoints, b.topologyMode, b.terminatingFallback]);
        // Order of the lists is the library's own (sorted), so it must not move either.
        expect(a.allReachableEndpoints.map((e) => e.key)).toEqual(b.allReachableEndpoints.map((e) => e.key));
        for (const ep of a.allReachableEndpoints) {
          const holders = slicesOf(input).filter((s) => s.addressType !== 'FQDN' && (s.endpoints ?? []).some((e) => e.addresses?.[0] !== undefined && canonicalIP(e.addresses[0]) === ep.ip));
          expect(holders.map((s) => s.metadata?.name)).toContain(ep.slice);
        }
      }),
      RUNS,
    );
  });

  it('frozen input is neither mutated nor a problem; results are frozen and share nothing with the input', () => {
    fc.assert(
      fc.property(inputArb(), (raw) => {
        const snapshot = structuredClone(raw);
        const input = deepFreeze(raw);
        const r = categorizeEndpoints(input);
        const prepared = prepareService(input.service, input.endpointSlices, {
          ...(input.port !== undefined && { port: input.port }),
          ...(input.ipFamily !== undefined && { ipFamily: input.ipFamily }),
          ...(input.gates !== undefined && { gates: input.gates }),
        });
        const again = prepared.categorize(input.node);
        const flow = selectEndpoints({ ...input, via: 'clusterIP', from: 'pod' });
        expect(input).toEqual(snapshot);
        const inputObjects = reachableObjects(input);
        for (const result of [r, again, flow, prepared]) {
          for (const o of reachableObjects(result)) {
            if (typeof o === 'function') continue;
            expect(inputObjects.has(o), 'a result object is an input object').toBe(false);
            expect(Object.isFrozen(o), `not frozen: ${JSON.stringify(o)?.slice(0, 120)}`).toBe(true);
          }
        }
        // Trying to mutate a result list must not change later answers.
        if (again.kind === 'proxied') {
          const before = plain(prepared.categorize(input.node));
          for (const list of [again.clusterEndpoints, again.localEndpoints, again.allReachableEndpoints]) {
            if (list !== null) expect(() => (list as Endpoint[]).pop()).toThrow(TypeError);
          }
          expect(plain(prepared.categorize(input.node))).toEqual(before);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('selectEndpoints agrees with categorizeEndpoints for every via the port exposes (spec 8)', () => {
    const FROMS: readonly From[] = ['pod', 'node', 'outside'];
    fc.assert(
      fc.property(inputArb(), (input) => {
        const r = proxied(input);
        if (r === null) return;
        const exposed: Record<Via, boolean> = {
          clusterIP: true,
          nodePort: r.policy.nodePort,
          loadBalancer: r.policy.loadBalancerIPs,
          externalIP: r.policy.externalIPs,
        };
        expect(r.policy.portExternal).toBe(exposed.nodePort || exposed.loadBalancer || exposed.externalIP);
        for (const via of Object.keys(exposed) as Via[]) {
          for (const from of FROMS) {
            if (!exposed[via]) {
              expect(() => selectEndpoints({ ...input, via, from })).toThrow(KubeTrafficError);
              try {
                selectEndpoints({ ...input, via, from });
              } catch (e) {
                expect([(e as KubeTrafficError).code, (e as KubeTrafficError).path]).toEqual(['unsupported-flow', '$.via']);
              }
              continue;
            }
            const s = selectEndpoints({ ...input, via, from });
            if (s.kind !== 'proxied') throw new Error('select disagrees on proxying');
            expect(plain(s.categorized)).toEqual(plain(r));
            // 8.3 (1.36 on): with AllowServiceExternalIPs off, external-IP traffic is not kube-proxy's at all.
            if (via === 'externalIP' && input.gates?.AllowServiceExternalIPs === false) {
              expect([s.action, s.policy, s.decidedBy, s.endpoints.length]).toEqual(['not-handled', null, null, 0]);
              continue;
            }
            expect(s.action).not.toBe('not-handled');
            // 8.2/8.3, written out: which list this flow uses.
            const shortCircuit = via !== 'clusterIP' && r.policy.externalLocal && from !== 'outside';
            const useLocal = via === 'clusterIP' ? r.policy.internalLocal : r.policy.externalLocal && !shortCircuit;
            const list = useLocal ? r.localEndpoints : r.clusterEndpoints;
            expect(list, `${via}/${from} uses a list the policy says is unused`).not.toBeNull();
            expect(s.policy).toBe(useLocal ? 'Local' : 'Cluster');
            expect(s.decidedBy).toBe(via === 'clusterIP' ? 'internalTrafficPolicy' : shortCircuit ? 'short-circuit' : 'externalTrafficPolicy');
            // 8.1: reject iff no usable endpoint anywhere.
            expect(s.action === 'reject').toBe(!r.hasAnyEndpoints);
            if (r.hasAnyEndpoints) {
              expect(s.action).toBe((list ?? []).length > 0 ? 'forward' : 'drop');
              expect(plain(s.endpoints)).toEqual(plain(list));
            } else expect(s.endpoints).toEqual([]);
            expect(plain(s.categorized)).toEqual(plain(r));
            expect([s.via, s.from]).toEqual([via, from]);
          }
        }
      }),
      { numRuns: 250 },
    );
  });

  it('prepareService(...).categorize(node) equals categorizeEndpoints for many nodes', () => {
    fc.assert(
      fc.property(manyNodesArb(), ({ input, nodes }) => {
        const prepared = prepareService(input.service, input.endpointSlices, {
          ...(input.port !== undefined && { port: input.port }),
          ...(input.ipFamily !== undefined && { ipFamily: input.ipFamily }),
          ...(input.gates !== undefined && { gates: input.gates }),
        });
        // Ask twice, in both orders, to catch state leaking between queries.
        const firstPass = nodes.map((node) => plain(prepared.categorize(node)));
        const secondPass = [...nodes].reverse().map((node) => plain(prepared.categorize(node))).reverse();
        nodes.forEach((node, i) => {
          const oneShot = plain(categorizeEndpoints({ ...input, node }));
          expect(firstPass[i]).toEqual(oneShot);
          expect(secondPass[i]).toEqual(oneShot);
        });
      }),
      { numRuns: 250 },
    );
  });

  it('matches the naive reference model (spec 1–7) on every list, flag and endpoint field', () => {
    const stats = { proxied: 0, sameZone: 0, sameNode: 0, clusterFallback: 0, localFallback: 0, usesLocal: 0, duplicates: 0, rejected: 0 };
    const refEndpoints = (list: RefEndpoint[] | null) => byKey(list);
    fc.assert(
      fc.property(inputArb(), (input) => {
        const expected = referenceCategorize(input);
        const actual = categorizeEndpoints(input);
        if (expected.kind === 'not-proxied') {
          expect(actual).toMatchObject({ kind: 'not-proxied', reason: expected.reason });
          return;
        }
        expect(actual.kind).toBe('proxied');
        if (actual.kind !== 'proxied') return;
        stats.proxied++;
        if (expected.mode === 'sameZone') stats.sameZone++;
        if (expected.mode === 'sameNode') stats.sameNode++;
        if (expected.clusterFallback) stats.clusterFallback++;
        if (expected.localFallback) stats.localFallback++;
        if (expected.usesLocal) stats.usesLocal++;
        if (!expected.hasAnyEndpoints) stats.rejected++;
        expect(actual.ipFamily).toBe(expected.family);
        expect(actual.node).toEqual({ name: expected.nodeName, zone: expected.nodeZone });
        expect({
          usesCluster: actual.policy.usesCluster,
          usesLocal: actual.policy.usesLocal,
          internalLocal: actual.policy.internalLocal,
          externalLocal: actual.policy.externalLocal,
        }).toEqual({
          usesCluster: expected.usesCluster,
          usesLocal: expected.usesLocal,
          internalLocal: expected.internalLocal,
          externalLocal: expected.externalLocal,
        });
        expect(actual.topologyMode?.kind ?? null).toBe(expected.mode);
        // The reference marks locality on its endpoints; the library answers it with isLocal(result, e).
        const located = (list: readonly Endpoint[] | null) => (list === null ? null : list.map((e) => ({ ...e, isLocal: isLocal(actual, e) })));
        expect(plain(byKey(located(actual.clusterEndpoints)))).toEqual(refEndpoints(expected.cluster));
        expect(plain(byKey(located(actual.localEndpoints)))).toEqual(refEndpoints(expected.local));
        expect(plain(byKey(located(actual.allReachableEndpoints)))).toEqual(refEndpoints(expected.all));
        expect(actual.hasAnyEndpoints).toBe(expected.hasAnyEndpoints);
        expect(actual.terminatingFallback).toEqual({ cluster: expected.clusterFallback, local: expected.localFallback });
        // The merged endpoint set (usable or not) as the prepared form exposes it, locality aside.
        const prepared = prepareService(input.service, input.endpointSlices, {
          ...(input.port !== undefined && { port: input.port }),
          ...(input.ipFamily !== undefined && { ipFamily: input.ipFamily }),
          ...(input.gates !== undefined && { gates: input.gates }),
        });
        if (expected.copies > expected.merged.length) stats.duplicates++;
        expect(plain(byKey(prepared.endpoints))).toEqual(byKey(expected.merged.map(({ isLocal: _local, ...e }) => e)));
      }),
      { numRuns: 600 },
    );
    // The generators must reach the interesting cases, or the comparison proves little.
    expect(stats.proxied).toBeGreaterThan(300);
    for (const [k, v] of Object.entries(stats)) expect(v, `generated cases with ${k}`).toBeGreaterThan(0);
  });
});

describe('regressions found by the properties', () => {
  it('an IPv4-mapped spelling and the dotted form are one endpoint (3.5, 3.9), sorted numerically', () => {
    const slice = (name: string, addresses: string[][], terminating = false) => ({
      metadata: { name, namespace: NAMESPACE, labels: { [SERVICE_NAME_LABEL]: SERVICE_NAME } },
      addressType: 'IPv4',
      ports: [{ name: 'http', port: 8080 }],
      endpoints: addresses.map((a) => ({ addresses: a, conditions: { terminating } })),
    });
    const r = categorizeEndpoints({
      service: { metadata: { name: SERVICE_NAME, namespace: NAMESPACE }, spec: { clusterIP: '10.96.0.10', ports: [{ name: 'http', port: 80 }] } },
      endpointSlices: [slice('a', [['10.1.0.7'], ['::ffff:10.1.0.3']]), slice('b', [['::ffff:a01:7'], ['10.1.0.3']], true)],
      node: { name: 'node-a' },
    });
    if (r.kind !== 'proxied') throw new Error(r.kind);
    expect(r.clusterEndpoints?.map((e) => [e.key, e.slice, e.terminating])).toEqual([
      ['10.1.0.3:8080', 'a', false],
      ['10.1.0.7:8080', 'a', false],
    ]);
  });

  it('result lists cannot be mutated, so a prepared Service cannot be corrupted through them', () => {
    const prepared = prepareService(
      { metadata: { name: SERVICE_NAME, namespace: NAMESPACE }, spec: { clusterIP: '10.96.0.10', ports: [{ name: 'http', port: 80 }] } },
      [{ metadata: { name: 'a', namespace: NAMESPACE, labels: { [SERVICE_NAME_LABEL]: SERVICE_NAME } }, addressType: 'IPv4', ports: [{ name: 'http', port: 8080 }], endpoints: [{ addresses: ['10.1.0.1'] }] }],
    );
    const r = prepared.categorize({ name: 'node-z' });
    if (r.kind !== 'proxied' || r.clusterEndpoints === null) throw new Error('expected lists');
    expect(Object.isFrozen(r.clusterEndpoints)).toBe(true);
    expect(() => (r.clusterEndpoints as Endpoint[]).pop()).toThrow(TypeError);
    const other = prepared.categorize({ name: 'node-y' });
    expect(other.kind === 'proxied' && other.clusterEndpoints?.length).toBe(1);
    const skipped = prepareService(
      { metadata: { name: SERVICE_NAME, namespace: NAMESPACE }, spec: { clusterIP: 'None', ports: [{ port: 80 }] } },
      [],
    );
    expect(Object.isFrozen(skipped.service)).toBe(true);
  });
});
