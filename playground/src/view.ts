/**
 * What the playground shows, computed from a dump and the controls: pure data, no DOM. Every
 * decision comes from the library (`applyScenarioChange`, `computeHints`, `prepareService`,
 * `simulateTraffic`, `compareScenarios`); this module only chooses the inputs and arranges the
 * answers for display, in the library's types where a shape is the library's.
 *
 * @module
 */
import {
  DEFAULT_KUBERNETES_VERSION,
  KUBERNETES_VERSIONS,
  KubeTrafficError,
  PROFILES,
  ZONE_LABEL,
  applyScenarioChange,
  compareScenarios,
  computeHints,
  describeChange,
  isKubernetesVersion,
  prepareService,
  simulateTraffic,
  type EndpointInput,
  type EndpointSliceInput,
  type ExplanationStep,
  type ProfileStep,
  type From,
  type HintsOutcome,
  type KubernetesVersion,
  type ProfileName,
  type ScenarioChange,
  type ScenarioComparison,
  type ServiceInput,
  type SimulateInput,
  type SimulationNodeInput,
  type SimulationResult,
  type TrafficDistribution,
  type Via,
} from '../../src/index.js';
import { type ReportView, serviceSettings } from '../../src/render/index.js';
import { type Dump, type KubeObject, type Place, parsePath } from './dump.js';

/** The value a library change of kind `K` sets (`'Cluster' | 'Local'` for the two policies). */
type ChangeValue<K extends ScenarioChange['kind']> = Extract<ScenarioChange, { readonly kind: K; readonly value: unknown }>['value'];

/**
 * The what-if controls, one per library {@link ScenarioChange} the page offers (see
 * {@link scenarioChanges}). An absent field means "as in the dump".
 */
export interface WhatIf {
  /** `'unset'` removes `spec.trafficDistribution`. */
  readonly trafficDistribution?: TrafficDistribution | 'unset';
  readonly topologyAuto?: boolean;
  readonly internalTrafficPolicy?: ChangeValue<'internalTrafficPolicy'>;
  readonly externalTrafficPolicy?: ChangeValue<'externalTrafficPolicy'>;
  /** Every endpoint in this zone is terminating (a rolling update of the zone). */
  readonly zoneTerminating?: string;
  /** One new ready endpoint without hints appears in this zone. */
  readonly endpointWithoutHints?: string;
  /** This zone's nodes disappear, with their endpoints. */
  readonly zoneLost?: string;
}

/**
 * Which hints kube-proxy reads in the table: as pasted (`today`), or as the controller will
 * rewrite them (`reconciled`): the report's two views (src/render).
 */
export type HintsView = ReportView['id'];

/** Everything the controls choose. */
export interface Selection {
  /** `NAMESPACE/NAME`. */
  readonly service: string;
  /** The client node whose row is highlighted and whose explanation is shown in full. */
  readonly node: string;
  /** A port name (`''` for an unnamed port) or number as text; default the first port. */
  readonly port?: string;
  readonly via?: Via;
  readonly from?: From;
  readonly view?: HintsView;
  readonly release?: KubernetesVersion;
  /** The data plane whose rules decide the table (deviation profiles); default kube-proxy. */
  readonly dataPlane?: ProfileName;
  readonly whatIf: WhatIf;
}

/** One row of the per-node table. */
export interface NodeRow {
  readonly node: string;
  /** The node's zone label, `''` when it has none. */
  readonly zone: string;
  /** `FORWARD`, `DROP`, `REJECT` (or the library's other actions, upper-cased); `NOT PROXIED` when kube-proxy ignores the Service. */
  readonly action: string;
  /** `Cluster` or `Local`, with the setting that chose it; `''` when no list is used. */
  readonly list: string;
  /** `IP:port` of every endpoint this node's traffic may reach, in the library's order. */
  readonly endpoints: readonly string[];
  /** The explanation's decision steps (flow, topology, fallbacks, release rules), as sentences. */
  readonly why: readonly string[];
  /** Every explanation step, for the chosen node's details. */
  readonly steps: readonly (ExplanationStep | ProfileStep)[];
}

/** One endpoint's hints today and as the controller would write them. */
export interface HintRow {
  readonly slice: string;
  readonly endpoint: string;
  readonly zone: string;
  readonly today: string;
  readonly written: string;
  /** `same`, `changed`, `added` (hints where there were none) or `removed`. */
  readonly change: 'same' | 'changed' | 'added' | 'removed';
}

/** A port the Service exposes, for the port picker. */
export interface PortChoice {
  readonly value: string;
  readonly label: string;
}

/** The page's content for one selection. */
export interface View {
  readonly services: readonly string[];
  readonly service: string;
  readonly ports: readonly PortChoice[];
  readonly port: string;
  /** The ways in that the chosen port exposes (`clusterIP` always). */
  readonly vias: readonly Via[];
  readonly via: Via;
  readonly from: From;
  readonly zones: readonly string[];
  /** Client nodes after the what-ifs (a lost zone's nodes are gone). */
  readonly nodes: readonly string[];
  readonly node: string;
  readonly release: KubernetesVersion;
  readonly releases: readonly KubernetesVersion[];
  /** The data plane deciding the table, and the choices (`[name, title]`). */
  readonly dataPlane: ProfileName;
  readonly dataPlanes: readonly (readonly [ProfileName, string])[];
  readonly viewMode: HintsView;
  /** The Service's settings after the what-ifs, as `[name, value]` pairs. */
  readonly settings: readonly (readonly [string, string])[];
  /** The what-ifs in force, in the library's words (`describeChange`). */
  readonly changes: readonly string[];
  readonly rows: readonly NodeRow[];
  readonly hints: HintsOutcome;
  readonly hintRows: readonly HintRow[];
  /** The simulation of the table's slices (today's or reconciled). */
  readonly simulation: SimulationResult;
  /** The reconciled baseline and the reconciled what-if scenario, when any what-if is set. */
  readonly comparison: ScenarioComparison | null;
  /** Objects the dump held that the playground does not use, as `N apiVersion kind`. */
  readonly ignored: readonly string[];
}

/** An input problem, with where it is in the pasted text when known. */
export interface ShownProblem {
  readonly message: string;
  readonly place: Place | null;
}

const name = (o: KubeObject): string => {
  const m = o['metadata'] as { name?: unknown } | undefined;
  return typeof m?.name === 'string' ? m.name : '';
};
const namespace = (o: KubeObject): string => {
  const m = o['metadata'] as { namespace?: unknown } | undefined;
  return typeof m?.namespace === 'string' && m.namespace !== '' ? m.namespace : 'default';
};
const serviceKey = (o: KubeObject): string => `${namespace(o)}/${name(o)}`;
const zoneOf = (n: KubeObject): string => {
  const labels = (n['metadata'] as { labels?: Record<string, unknown> } | undefined)?.labels;
  const z = labels?.[ZONE_LABEL];
  return typeof z === 'string' ? z : '';
};

/** The Service's own slices: same namespace, `kubernetes.io/service-name` label naming it. */
export function slicesOf(dump: Dump, service: KubeObject): KubeObject[] {
  return dump.endpointSlices.filter((s) => {
    const labels = (s['metadata'] as { labels?: Record<string, unknown> } | undefined)?.labels;
    return namespace(s) === namespace(service) && labels?.['kubernetes.io/service-name'] === name(service);
  });
}

/** The library's changes for the what-if controls, in a fixed order. */
export function scenarioChanges(w: WhatIf): ScenarioChange[] {
  const out: ScenarioChange[] = [];
  if (w.trafficDistribution !== undefined) out.push({ kind: 'trafficDistribution', value: w.trafficDistribution === 'unset' ? null : w.trafficDistribution });
  if (w.topologyAuto === true) out.push({ kind: 'topologyAuto' });
  if (w.internalTrafficPolicy !== undefined) out.push({ kind: 'internalTrafficPolicy', value: w.internalTrafficPolicy });
  if (w.externalTrafficPolicy !== undefined) out.push({ kind: 'externalTrafficPolicy', value: w.externalTrafficPolicy });
  if (w.zoneTerminating !== undefined) out.push({ kind: 'zoneTerminating', zone: w.zoneTerminating });
  if (w.endpointWithoutHints !== undefined) out.push({ kind: 'endpointWithoutHints', zone: w.endpointWithoutHints });
  if (w.zoneLost !== undefined) out.push({ kind: 'zoneLosesNodes', zone: w.zoneLost });
  return out;
}

/** Thrown by {@link computeView} when the dump holds nothing to show. */
export class EmptyDumpError extends Error {
  override readonly name = 'EmptyDumpError';
}

/**
 * Computes the page for a selection. Throws `KubeTrafficError` for input the library refuses
 * (see {@link explainError} to place it in the text).
 */
export function computeView(dump: Dump, sel: Selection): View {
  const services = dump.services.map(serviceKey);
  if (services.length === 0) {
    throw new EmptyDumpError('No Service (apiVersion v1, kind Service) in the text. Paste the output of kubectl get svc,endpointslices,nodes -A -o yaml.');
  }
  const index = Math.max(services.indexOf(sel.service), 0);
  const service = dump.services[index]!;
  const key = services[index]!;
  const release = sel.release !== undefined && isKubernetesVersion(sel.release) ? sel.release : DEFAULT_KUBERNETES_VERSION;
  const allZones = [...new Set(dump.nodes.map(zoneOf).filter((z) => z !== ''))].sort();

  const spec = (service['spec'] ?? {}) as { ports?: unknown; type?: unknown; externalIPs?: unknown };
  const rawPorts = Array.isArray(spec.ports) ? (spec.ports as Record<string, unknown>[]) : [];
  const ports: PortChoice[] = rawPorts.map((p) => {
    const n = typeof p?.['name'] === 'string' ? p['name'] : '';
    const num = typeof p?.['port'] === 'number' ? p['port'] : null;
    const value = n !== '' ? n : num !== null ? String(num) : '';
    return { value, label: `${n === '' ? '(unnamed)' : n} ${num ?? '?'}/${typeof p?.['protocol'] === 'string' ? p['protocol'] : 'TCP'}` };
  });
  const port = ports.find((p) => p.value === sel.port)?.value ?? ports[0]?.value ?? '';
  const portObj = rawPorts[Math.max(ports.findIndex((p) => p.value === port), 0)];
  const vias: Via[] = ['clusterIP'];
  if (typeof portObj?.['nodePort'] === 'number') vias.push('nodePort');
  if (spec.type === 'LoadBalancer') vias.push('loadBalancer');
  if (Array.isArray(spec.externalIPs) && spec.externalIPs.length > 0) vias.push('externalIP');
  const via = sel.via !== undefined && vias.includes(sel.via) ? sel.via : 'clusterIP';
  const from: From = sel.from ?? (via === 'clusterIP' ? 'pod' : 'outside');
  const portArg = port === '' ? {} : { port: /^\d+$/.test(port) ? Number(port) : port };

  const base: SimulateInput = {
    service: service as ServiceInput,
    endpointSlices: slicesOf(dump, service) as EndpointSliceInput[],
    nodes: dump.nodes as readonly SimulationNodeInput[],
    ...portArg,
    flow: { via, from },
    kubernetesVersion: release,
  };
  const changes = scenarioChanges(sel.whatIf);
  const changed = changes.reduce((input, c) => applyScenarioChange(input, c), base);
  const labels = changes.map(describeChange);

  const hinted = computeHints({
    service: changed.service,
    endpointSlices: changed.endpointSlices,
    nodes: changed.nodes,
    kubernetesVersion: release,
  });
  const viewMode: HintsView = sel.view ?? 'reconciled';
  const slices = viewMode === 'today' ? changed.endpointSlices : hinted.endpointSlices;
  const nodes = Array.from(changed.nodes as readonly KubeObject[]);
  const dataPlane: ProfileName = PROFILES.some((p) => p.name === sel.dataPlane) ? sel.dataPlane! : 'kube-proxy';
  const rows = dataPlane === 'kube-proxy'
    ? nodes.map((n) => nodeRow(prepareService(changed.service, slices, { ...portArg, kubernetesVersion: release }), n, via, from))
    : profileRows(changed.service, slices, portArg, dataPlane, nodes, via, from);
  const simulation = simulateTraffic({ ...changed, endpointSlices: slices });
  const comparison = changes.length > 0 ? compareScenarios(base, [changes]) : null;
  const nodeNames = rows.map((r) => r.node);

  return {
    services,
    service: key,
    ports,
    port,
    vias,
    via,
    from,
    zones: allZones,
    nodes: nodeNames,
    node: nodeNames.includes(sel.node) ? sel.node : '',
    release,
    releases: KUBERNETES_VERSIONS,
    dataPlane,
    dataPlanes: PROFILES.map((p) => [p.name, p.title] as const),
    viewMode,
    // The report's own header rows (src/render), so page and `report --html` describe a Service alike.
    settings: serviceSettings(changed.service),
    changes: labels,
    rows,
    hints: hinted.outcome,
    hintRows: hintRows(changed.endpointSlices as readonly EndpointSliceInput[], hinted.endpointSlices),
    simulation,
    comparison,
    ignored: Object.entries(dump.ignored).map(([k, n]) => `${n} ${k}`),
  };
}

function nodeRow(prepared: ReturnType<typeof prepareService>, n: KubeObject, via: Via, from: From): NodeRow {
  const r = prepared.select(n as SimulationNodeInput, { via, from, explain: true });
  const steps = r.explanation ?? [];
  const decisive = steps.filter((s) => /^(flow-|topology-|fallback-|release-rule|service-not-proxied)/.test(s.code)).map((s) => s.message);
  if (r.kind === 'not-proxied') {
    return { node: name(n), zone: zoneOf(n), action: 'NOT PROXIED', list: '', endpoints: [], why: decisive.length > 0 ? decisive : [r.message], steps };
  }
  const policy = r.policy as string | null;
  return {
    node: name(n),
    zone: zoneOf(n),
    action: r.action.toUpperCase(),
    list: policy === null ? '' : `${policy} (${r.decidedBy})`,
    endpoints: r.endpoints.map((e) => e.key),
    why: decisive,
    steps,
  };
}

/**
 * Rows decided by another data plane's rules (the library's deviation profiles). Where the
 * profile's pinned source does not settle a flow the library refuses to guess (`profile-not-pinned`):
 * the row says so instead of showing an answer.
 */
function profileRows(
  service: ServiceInput,
  slices: SimulateInput['endpointSlices'],
  portArg: { port?: string | number },
  profile: ProfileName,
  nodes: readonly KubeObject[],
  via: Via,
  from: From,
): NodeRow[] {
  const prepared = prepareService(service, slices, { ...portArg, profile });
  return nodes.map((n) => {
    try {
      const r = prepared.select(n as SimulationNodeInput, { via, from, explain: true });
      const steps = r.explanation ?? [];
      const decisive = steps.filter((s) => !/^endpoint-/.test(s.code) || s.code === 'endpoint-lower-tier').map((s) => s.message);
      if (r.kind === 'not-proxied') return { node: name(n), zone: zoneOf(n), action: 'NOT PROXIED', list: '', endpoints: [], why: [r.message], steps };
      return { node: name(n), zone: zoneOf(n), action: r.action.toUpperCase(), list: `${r.policy} (${r.decidedBy})`, endpoints: r.endpoints.map((e) => e.key), why: decisive, steps };
    } catch (err) {
      if (!(err instanceof KubeTrafficError) || err.code !== 'profile-not-pinned') throw err;
      return { node: name(n), zone: zoneOf(n), action: 'NOT SETTLED', list: '', endpoints: [], why: [err.message], steps: [] };
    }
  });
}

const hintText = (e: EndpointInput | null | undefined): string => {
  const h = e?.hints;
  const parts: string[] = [];
  if (Array.isArray(h?.forZones) && h.forZones.length > 0) parts.push(`zones: ${h.forZones.map((z) => z.name ?? '?').join(', ')}`);
  if (Array.isArray(h?.forNodes) && h.forNodes.length > 0) parts.push(`nodes: ${h.forNodes.map((z) => z.name ?? '?').join(', ')}`);
  return parts.join('; ');
};

/** Today's hints of every endpoint against what the controller writes, slice by slice. */
function hintRows(today: readonly EndpointSliceInput[], written: readonly EndpointSliceInput[]): HintRow[] {
  const rows: HintRow[] = [];
  const sliceName = (s: EndpointSliceInput): string => s.metadata?.name ?? '';
  const after = new Map(written.map((s) => [sliceName(s), s]));
  for (const s of today) {
    const w = after.get(sliceName(s));
    const endpoints = Array.isArray(s.endpoints) ? s.endpoints : [];
    endpoints.forEach((e, i) => {
      const t = hintText(e);
      const x = hintText(w?.endpoints?.[i]);
      rows.push({
        slice: sliceName(s),
        endpoint: (e?.addresses ?? []).join(', '),
        zone: typeof e?.zone === 'string' ? e.zone : '',
        today: t,
        written: x,
        change: t === x ? 'same' : t === '' ? 'added' : x === '' ? 'removed' : 'changed',
      });
    });
  }
  return rows;
}

/**
 * Turns an error from the library or the reader into messages placed in the pasted text. The
 * library's paths are rooted at the argument of the call (`$.service`, `$.endpointSlices[i]`,
 * `$.nodes[i]`); this maps them back to the objects the dump produced.
 */
export function explainError(error: unknown, dump: Dump, sel: Selection | null): ShownProblem[] {
  if (!(error instanceof KubeTrafficError)) return [{ message: error instanceof Error ? error.message : String(error), place: null }];
  const service = dump.services.find((s) => serviceKey(s) === sel?.service) ?? dump.services[0];
  const slices = service === undefined ? [] : slicesOf(dump, service);
  return error.problems.map((p) => {
    const [head, second, ...rest] = parsePath(p.path);
    let place: Place | null = null;
    if (head === 'service' && service !== undefined) place = dump.locate(service, [second, ...rest].filter((x) => x !== undefined) as (string | number)[]);
    else if ((head === 'endpointSlices' || head === 'nodes') && typeof second === 'number') {
      const list = head === 'nodes' ? dump.nodes : slices;
      const o = list[second];
      if (o !== undefined) place = dump.locate(o, rest);
    }
    return { message: p.message, place };
  });
}
