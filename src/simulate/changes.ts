/**
 * What-if changes: Service edits, rollouts and failures, each a pure function from one
 * simulator input to a new one. Only the objects on the changed path are copied; nothing is
 * mutated.
 *
 * @module
 */
import { CONTROLLER_NAME, MANAGED_BY_LABEL } from '../controller/read-input.js';
import type { TrafficDistribution } from '../controller/types.js';
import type { EndpointInput, EndpointSliceInput, ServiceInput } from '../model/input.js';
import { SERVICE_NAME_LABEL, TOPOLOGY_AWARE_HINTS_ANNOTATION, TOPOLOGY_MODE_ANNOTATION, ZONE_LABEL } from '../model/labels.js';
import { type Rec, Reader, at, isRec, label } from '../model/read.js';
import type { SimulateInput, SimulationNodeInput } from './types.js';
import { endpointZone } from './endpoint-zone.js';

/**
 * A proposed change, discriminated by `kind`:
 * - `trafficDistribution`: set `spec.trafficDistribution` (`null` removes it);
 * - `topologyAuto`: set the `service.kubernetes.io/topology-mode: Auto` annotation (and remove the
 *   deprecated `topology-aware-hints` one, which would otherwise win);
 * - `internalTrafficPolicy`: set `spec.internalTrafficPolicy`;
 * - `zoneTerminating`: every endpoint in `zone` becomes terminating (ready false, serving true,
 *   terminating true), as in a rolling update of that zone;
 * - `endpointWithoutHints`: one new ready endpoint without hints appears in `zone`, in a slice
 *   another controller manages (so the EndpointSlice controller leaves it unhinted); one such
 *   endpoint turns zone routing off for every kube-proxy;
 * - `nodeLosesZoneLabel`: `node` loses its `topology.kubernetes.io/zone` label, and its endpoints
 *   their `zone` (the controller copies the label into endpoints);
 * - `zoneLosesNodes`: every node of `zone` disappears with its endpoints (a zone outage);
 * - `externalTrafficPolicy`: set `spec.externalTrafficPolicy`;
 * - `topologyAnnotationRemoved`: remove the `topology-mode` and `topology-aware-hints` annotations;
 * - `endpointsAdded`: `count` new ready endpoints in `zone`, on the zone's nodes in turn, in a new
 *   slice the EndpointSlice controller manages (so it hints them); what a topology spread
 *   constraint or a Deployment per zone would add.
 *
 * @category simulation
 * @example
 * ```ts
 * const changes: ScenarioChange[] = [
 *   { kind: 'trafficDistribution', value: 'PreferClose' },
 *   { kind: 'topologyAuto' },
 *   { kind: 'zoneTerminating', zone: 'zone-a' },
 * ];
 * ```
 */
export type ScenarioChange =
  | { readonly kind: 'trafficDistribution'; readonly value: TrafficDistribution | null }
  | { readonly kind: 'topologyAuto' }
  | { readonly kind: 'internalTrafficPolicy'; readonly value: 'Cluster' | 'Local' }
  | { readonly kind: 'zoneTerminating'; readonly zone: string }
  | { readonly kind: 'endpointWithoutHints'; readonly zone: string; readonly nodeName?: string; readonly ip?: string }
  | { readonly kind: 'nodeLosesZoneLabel'; readonly node: string }
  | { readonly kind: 'zoneLosesNodes'; readonly zone: string }
  | { readonly kind: 'externalTrafficPolicy'; readonly value: 'Cluster' | 'Local' }
  | { readonly kind: 'topologyAnnotationRemoved' }
  | { readonly kind: 'endpointsAdded'; readonly zone: string; readonly count: number };

/**
 * `managed-by` value of the slice `endpointWithoutHints` adds: not the EndpointSlice controller.
 *
 * @example
 * ```ts
 * WHAT_IF_MANAGER; // => 'kube-traffic.what-if'
 * ```
 */
export const WHAT_IF_MANAGER = 'kube-traffic.what-if';

const KINDS = [
  'trafficDistribution',
  'topologyAuto',
  'internalTrafficPolicy',
  'zoneTerminating',
  'endpointWithoutHints',
  'nodeLosesZoneLabel',
  'zoneLosesNodes',
  'externalTrafficPolicy',
  'topologyAnnotationRemoved',
  'endpointsAdded',
];
const TRAFFIC_DISTRIBUTIONS = ['PreferClose', 'PreferSameZone', 'PreferSameNode'];

/**
 * A short label for a change, for tables and reports.
 *
 * @throws {KubeTrafficError} when `change` is not a valid change (paths from `$`)
 * @category simulation
 * @example
 * ```ts
 * describeChange({ kind: 'zoneTerminating', zone: 'zone-a' }); // => 'endpoints in zone-a terminating'
 * ```
 */
export function describeChange(change: ScenarioChange): string {
  const reader = new Reader();
  checkChange(reader, change, '$');
  reader.finish();
  switch (change.kind) {
    case 'trafficDistribution':
      return change.value === null ? 'trafficDistribution unset' : `trafficDistribution: ${change.value}`;
    case 'topologyAuto':
      return 'topology-mode: Auto';
    case 'internalTrafficPolicy':
      return `internalTrafficPolicy: ${change.value}`;
    case 'zoneTerminating':
      return `endpoints in ${change.zone} terminating`;
    case 'endpointWithoutHints':
      return `new endpoint without hints in ${change.zone}`;
    case 'nodeLosesZoneLabel':
      return `${change.node} loses its zone label`;
    case 'zoneLosesNodes':
      return `${change.zone} loses all its nodes`;
    case 'externalTrafficPolicy':
      return `externalTrafficPolicy: ${change.value}`;
    case 'topologyAnnotationRemoved':
      return 'topology annotation removed';
    case 'endpointsAdded':
      return `${change.count} more endpoint${change.count === 1 ? '' : 's'} in ${change.zone}`;
  }
}

/**
 * Applies one change to a simulator input and returns the new input; the argument is not
 * mutated. Collections come back as arrays.
 *
 * @param input - a {@link simulateTraffic} input
 * @param change - the change
 * @returns the changed input
 * @throws {KubeTrafficError} for a malformed change (paths from `$.change`), a node that is not in
 *   `nodes`, or an input whose Service, nodes or slices are not objects/collections (paths from `$`)
 * @category simulation
 * @example
 * ```ts
 * const next = applyScenarioChange(input, { kind: 'internalTrafficPolicy', value: 'Local' });
 * next.service.spec?.internalTrafficPolicy; // => 'Local'
 * input.service.spec?.internalTrafficPolicy; // => undefined (unchanged)
 * ```
 */
export function applyScenarioChange(input: SimulateInput, change: ScenarioChange): SimulateInput {
  return applyChangeAt(input, change, '$.change');
}

/**
 * {@link applyScenarioChange} with error paths rooted at `path`. @internal
 *
 * @example
 * ```ts
 * applyChangeAt(input, { kind: 'topologyAuto' }, '$.changes[0]');
 * ```
 */
export function applyChangeAt(input: SimulateInput, change: ScenarioChange, path: string): SimulateInput {
  const reader = new Reader();
  checkInput(reader, input);
  checkChange(reader, change, path);
  reader.finish();
  const nodes = items(input.nodes) as readonly SimulationNodeInput[];
  const slices = items(input.endpointSlices) as readonly EndpointSliceInput[];
  switch (change.kind) {
    case 'trafficDistribution':
      return { ...input, service: withSpec(input.service, 'trafficDistribution', change.value) };
    case 'internalTrafficPolicy':
      return { ...input, service: withSpec(input.service, 'internalTrafficPolicy', change.value) };
    case 'externalTrafficPolicy':
      return { ...input, service: withSpec(input.service, 'externalTrafficPolicy', change.value) };
    case 'topologyAnnotationRemoved': {
      const meta = input.service.metadata ?? {};
      const annotations: Record<string, string> = { ...(meta.annotations ?? {}) };
      delete annotations[TOPOLOGY_MODE_ANNOTATION];
      delete annotations[TOPOLOGY_AWARE_HINTS_ANNOTATION];
      return { ...input, service: { ...input.service, metadata: { ...meta, annotations } } };
    }
    case 'endpointsAdded':
      return change.count === 0 ? input : { ...input, endpointSlices: [...slices, addedSlice(input.service, slices, nodes, change)] };
    case 'topologyAuto': {
      const meta = input.service.metadata ?? {};
      const annotations: Record<string, string> = { ...(meta.annotations ?? {}), [TOPOLOGY_MODE_ANNOTATION]: 'Auto' };
      delete annotations[TOPOLOGY_AWARE_HINTS_ANNOTATION];
      return { ...input, service: { ...input.service, metadata: { ...meta, annotations } } };
    }
    case 'zoneTerminating': {
      const zones = nodeZones(nodes);
      const terminating = { ready: false, serving: true, terminating: true };
      return {
        ...input,
        endpointSlices: mapEndpoints(slices, (e) => (endpointZone(e, zones) === change.zone ? { ...e, conditions: terminating } : e)),
      };
    }
    case 'endpointWithoutHints':
      return { ...input, endpointSlices: [...slices, unhintedSlice(input.service, slices, nodes, change)] };
    case 'nodeLosesZoneLabel': {
      const i = nodes.findIndex((n) => n.metadata?.name === change.node);
      if (i < 0) {
        reader.fail('invalid-value', at(path, 'node'), 'the name of a node in $.nodes', change.node);
        reader.finish();
      }
      const n = nodes[i]!;
      const labels: Record<string, string> = { ...(n.metadata?.labels ?? {}) };
      delete labels[ZONE_LABEL];
      const next = nodes.map((m, j) => (j === i ? { ...n, metadata: { ...n.metadata, labels } } : m));
      const unzoned = mapEndpoints(slices, (e) => {
        if (e.nodeName !== change.node || e.zone === undefined) return e;
        const { zone: _dropped, ...rest } = e;
        return rest;
      });
      return { ...input, nodes: next, endpointSlices: unzoned };
    }
    case 'zoneLosesNodes': {
      const lost = (n: SimulationNodeInput): boolean => label(zoneLabels(n), ZONE_LABEL) === change.zone;
      const gone = new Set(nodes.filter(lost).map((n) => n.metadata?.name).filter((n): n is string => typeof n === 'string'));
      const zones = nodeZones(nodes);
      // The zone's Pods go with their nodes: endpoints on those nodes or in that zone disappear.
      const survives = (e: EndpointInput): boolean =>
        !((typeof e.nodeName === 'string' && gone.has(e.nodeName)) || endpointZone(e, zones) === change.zone);
      return { ...input, nodes: nodes.filter((n) => !lost(n)), endpointSlices: filterEndpoints(slices, survives) };
    }
  }
}

/**
 * The shapes the changes read, checked before any is applied (everything else is left to
 * `simulateTraffic` and `computeHints`, which read the whole input): the input and its Service
 * are objects; `metadata`, `annotations`, `spec` objects when present; `spec.ports` an array of
 * objects; `nodes` a collection of objects whose `metadata` and `labels` are objects when present.
 * @internal
 */
export function checkInput(reader: Reader, input: unknown): void {
  if (!isRec(input)) {
    reader.fail('invalid-type', '$', 'a simulateTraffic input object { service, endpointSlices, nodes }', input);
    return;
  }
  const service = reader.object(input, 'service', '$');
  if (service === undefined) {
    if (input['service'] == null) reader.fail('required', '$.service', 'a Service object', input['service']);
  } else {
    const meta = reader.object(service, 'metadata', '$.service');
    if (meta !== undefined) reader.object(meta, 'annotations', '$.service.metadata');
    const spec = reader.object(service, 'spec', '$.service');
    const ports = spec === undefined ? undefined : reader.array(spec, 'ports', '$.service.spec');
    for (let i = 0; i < (ports?.length ?? 0); i++) {
      if (!isRec(ports![i])) reader.fail('invalid-type', at('$.service.spec.ports', i), 'a Service port object', ports![i]);
    }
  }
  const { items: nodes, path: base } = reader.list(input, 'nodes', '$');
  // An index loop, not forEach: a hole in a sparse array is reported, as simulateTraffic does.
  for (let i = 0; i < nodes.length; i++) {
    const n = nodes[i];
    const path = at(base, i);
    if (!isRec(n)) {
      reader.fail('invalid-type', path, 'a Node object', n);
      continue;
    }
    const meta = reader.object(n, 'metadata', path);
    if (meta !== undefined) reader.object(meta, 'labels', at(path, 'metadata'));
  }
  reader.collection(input, 'endpointSlices', '$');
}

function checkChange(reader: Reader, change: unknown, path: string): void {
  if (!isRec(change)) {
    reader.fail('invalid-type', path, 'a change object with a kind', change);
    return;
  }
  const kind = reader.string(change, 'kind', path);
  if (kind === undefined || !KINDS.includes(kind)) {
    reader.fail('invalid-value', at(path, 'kind'), KINDS.join(', '), change['kind']);
    return;
  }
  const needString = (key: string, optional = false): void => {
    const v = reader.string(change, key, path);
    if (v === undefined && !optional) reader.fail('required', at(path, key), 'a string', change[key]);
  };
  if (kind === 'trafficDistribution') {
    const v = change['value'];
    if (v !== null && !(typeof v === 'string' && TRAFFIC_DISTRIBUTIONS.includes(v))) {
      reader.fail('invalid-value', at(path, 'value'), `${TRAFFIC_DISTRIBUTIONS.join(', ')} or null`, v);
    }
  } else if (kind === 'internalTrafficPolicy') {
    const v = change['value'];
    if (v !== 'Cluster' && v !== 'Local') reader.fail('invalid-value', at(path, 'value'), 'Cluster or Local', v);
  } else if (kind === 'externalTrafficPolicy') {
    const v = change['value'];
    if (v !== 'Cluster' && v !== 'Local') reader.fail('invalid-value', at(path, 'value'), 'Cluster or Local', v);
  } else if (kind === 'nodeLosesZoneLabel') needString('node');
  else if (kind === 'endpointsAdded') {
    needString('zone');
    const n = change['count'];
    if (!(typeof n === 'number' && Number.isInteger(n) && n >= 0 && n <= 100_000)) reader.fail('invalid-value', at(path, 'count'), 'an integer from 0 to 100000', n);
  } else if (kind !== 'topologyAuto' && kind !== 'topologyAnnotationRemoved') {
    needString('zone');
    if (kind === 'endpointWithoutHints') {
      needString('nodeName', true);
      needString('ip', true);
    }
  }
}

/**
 * The items of a collection as a plain array. Copied with `Array.from`: an input array may
 * carry an own `constructor` key, which `Array#map`/`filter` would read as its species.
 */
function items(c: unknown): readonly unknown[] {
  if (Array.isArray(c)) return Array.from(c);
  if (isRec(c) && Array.isArray(c['items'])) return Array.from(c['items'] as unknown[]);
  return [];
}

function withSpec(service: ServiceInput, key: string, value: string | null): ServiceInput {
  const spec: Rec & Record<string, unknown> = { ...(service.spec ?? {}) };
  if (value === null) delete spec[key];
  else spec[key] = value;
  return { ...service, spec: spec as ServiceInput['spec'] };
}

function zoneLabels(n: SimulationNodeInput): Rec | undefined {
  const labels = n.metadata?.labels;
  return isRec(labels) ? labels : undefined;
}

function nodeZones(nodes: readonly SimulationNodeInput[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const n of nodes) {
    const name = n.metadata?.name;
    const zone = label(zoneLabels(n), ZONE_LABEL);
    if (typeof name === 'string' && zone !== undefined) out.set(name, zone);
  }
  return out;
}

function mapEndpoints(slices: readonly EndpointSliceInput[], f: (e: EndpointInput) => EndpointInput): EndpointSliceInput[] {
  return slices.map((s) => {
    if (!isRec(s as unknown) || !Array.isArray(s.endpoints)) return s;
    const endpoints = Array.from(s.endpoints, (e) => (isRec(e as unknown) ? f(e) : e));
    return endpoints.every((e, i) => e === s.endpoints![i]) ? s : { ...s, endpoints };
  });
}

function filterEndpoints(slices: readonly EndpointSliceInput[], keep: (e: EndpointInput) => boolean): EndpointSliceInput[] {
  return slices.map((s) => {
    if (!isRec(s as unknown) || !Array.isArray(s.endpoints)) return s;
    const endpoints = Array.from(s.endpoints).filter((e) => !isRec(e as unknown) || keep(e));
    return endpoints.length === s.endpoints.length ? s : { ...s, endpoints };
  });
}

/** A slice of the Service managed by someone else, holding one ready endpoint without hints. */
function unhintedSlice(
  service: ServiceInput,
  slices: readonly EndpointSliceInput[],
  nodes: readonly SimulationNodeInput[],
  change: Extract<ScenarioChange, { kind: 'endpointWithoutHints' }>,
): EndpointSliceInput {
  // Strings only: a name that is some other value is reported later by simulateTraffic, but must
  // not break the template below (a null-prototype object cannot be converted to text).
  const rawName: unknown = service.metadata?.name;
  const rawNamespace: unknown = service.metadata?.namespace;
  const name = typeof rawName === 'string' ? rawName : '';
  const namespace = typeof rawNamespace === 'string' ? rawNamespace : 'default';
  const own = slices.filter(
    (s) => isRec(s as unknown) && label(s.metadata?.labels ?? undefined, SERVICE_NAME_LABEL) === name && (s.addressType === 'IPv4' || s.addressType === 'IPv6'),
  );
  const template = own[0];
  const addressType = template?.addressType ?? (service.spec?.ipFamilies?.[0] === 'IPv6' ? 'IPv6' : 'IPv4');
  const ports = template?.ports ?? Array.from(service.spec?.ports ?? [], (p) => ({ name: p.name ?? '', port: p.port ?? null, protocol: p.protocol ?? 'TCP' }));
  const nodeName =
    change.nodeName ??
    nodes
      .filter((n) => label(zoneLabels(n), ZONE_LABEL) === change.zone)
      .map((n) => n.metadata?.name)
      .filter((n): n is string => typeof n === 'string')
      .sort()[0];
  const used = new Set(slices.flatMap((s) => (isRec(s as unknown) && Array.isArray(s.endpoints) ? Array.from(s.endpoints, (e) => e?.addresses?.[0]) : [])));
  const ip = change.ip ?? freeAddress(addressType === 'IPv6' ? 'IPv6' : 'IPv4', used);
  return {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: { name: `${name}-what-if`, namespace, labels: { [SERVICE_NAME_LABEL]: name, [MANAGED_BY_LABEL]: WHAT_IF_MANAGER } },
    addressType,
    ports,
    endpoints: [
      {
        addresses: [ip],
        conditions: { ready: true, serving: true, terminating: false },
        ...(nodeName === undefined ? {} : { nodeName }),
        zone: change.zone,
      },
    ],
  };
}

/**
 * A new slice of the Service, managed by the EndpointSlice controller, with `count` ready
 * endpoints in `zone` on the zone's nodes in turn (sorted by name), at addresses of the
 * benchmarking range (198.18.0.0/15, RFC 2544; 2001:db8:ad::/64 for IPv6) no endpoint uses.
 */
function addedSlice(
  service: ServiceInput,
  slices: readonly EndpointSliceInput[],
  nodes: readonly SimulationNodeInput[],
  change: Extract<ScenarioChange, { kind: 'endpointsAdded' }>,
): EndpointSliceInput {
  const template = unhintedSlice(service, slices, nodes, { kind: 'endpointWithoutHints', zone: change.zone, ip: '0.0.0.0' });
  const zoneNodes = nodes
    .filter((n) => label(zoneLabels(n), ZONE_LABEL) === change.zone)
    .map((n) => n.metadata?.name)
    .filter((n): n is string => typeof n === 'string')
    .sort();
  const used = new Set(slices.flatMap((s) => (isRec(s as unknown) && Array.isArray(s.endpoints) ? Array.from(s.endpoints, (e) => e?.addresses?.[0]) : [])));
  const v6 = template.addressType === 'IPv6';
  const endpoints: EndpointInput[] = [];
  for (let i = 0, k = 0; endpoints.length < change.count; k++) {
    const n = k + 1;
    const ip = v6 ? `2001:db8:ad::${n.toString(16)}` : `198.${18 + ((n >> 16) & 1)}.${(n >> 8) & 255}.${n & 255}`;
    if (used.has(ip)) continue;
    const nodeName = zoneNodes[i % Math.max(zoneNodes.length, 1)];
    endpoints.push({ addresses: [ip], conditions: { ready: true, serving: true, terminating: false }, ...(nodeName === undefined ? {} : { nodeName }), zone: change.zone });
    i++;
  }
  const name = typeof template.metadata?.labels?.[SERVICE_NAME_LABEL] === 'string' ? template.metadata.labels[SERVICE_NAME_LABEL] : '';
  return {
    ...template,
    metadata: { ...template.metadata, name: `${name}-added-${change.zone}-${slices.length}`, labels: { [SERVICE_NAME_LABEL]: name, [MANAGED_BY_LABEL]: CONTROLLER_NAME } },
    endpoints,
  };
}

/** The first documentation address (RFC 5737 / RFC 3849) no endpoint uses. */
function freeAddress(family: 'IPv4' | 'IPv6', used: ReadonlySet<unknown>): string {
  for (let i = 1; i < 65_536; i++) {
    const ip = family === 'IPv4' ? `192.0.2.${i}` : `2001:db8::${i.toString(16)}`;
    if (family === 'IPv4' && i > 254) break;
    if (!used.has(ip)) return ip;
  }
  return family === 'IPv4' ? '198.51.100.1' : '2001:db8:1::1';
}
