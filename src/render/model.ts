/**
 * The report's data: everything the page shows, computed with the library's public functions and
 * nothing else, so the CLI's `report` and the browser playground show the same thing for the
 * same input. Plain data (JSON-serialisable); rendering is in `html.ts`.
 *
 * @module
 */
import type { HintsOutcome } from '../controller/types.js';
import type { ExplanationStep } from '../explain/codes.js';
import type { KubernetesVersion } from '../model/releases.js';
import { selectEndpoints } from '../proxy/select-endpoints.js';
import type { SelectInput } from '../proxy/select-endpoints.js';
import { reconcileAndSimulate } from '../simulate/scenarios.js';
import { simulateTraffic } from '../simulate/simulate-traffic.js';
import type { ClientClass, SimulateInput, SimulationResult } from '../simulate/types.js';
import { type SimulationWarning, hintsWarning } from '../simulate/warnings.js';
import { pct, zoneLabel } from './text.js';

/**
 * One picture of the traffic: `today` simulates the slices as given (the hints they carry now);
 * `reconciled` simulates the slices the EndpointSlice controller would write.
 *
 * @example
 * ```ts
 * const v: ReportView = { id: 'today', label: 'Today', description: '…', simulation, warnings: simulation.warnings };
 * ```
 */
export interface ReportView {
  readonly id: 'today' | 'reconciled';
  readonly label: string;
  readonly description: string;
  readonly simulation: SimulationResult;
  /** The simulation's warnings; for `reconciled`, plus `hints-not-written` when an Auto safeguard removed the hints. */
  readonly warnings: readonly SimulationWarning[];
}

/**
 * A titled list of explanation lines.
 *
 * @example
 * ```ts
 * const s: ReportSection = { heading: 'kube-proxy on node-a1 (zone-a): FORWARD', lines: ['…'] };
 * ```
 */
export interface ReportSection {
  readonly heading: string;
  readonly lines: readonly string[];
}

/**
 * Everything the report shows. Build it with {@link buildReportModel}, draw it with
 * `renderReportHtml` / `renderReportFragment`.
 *
 * @example
 * ```ts
 * const model: ReportModel = buildReportModel({ input, title: 'shop/web' });
 * model.views.map((v) => v.id); // => ['today', 'reconciled'] when the controller would change the hints
 * ```
 */
export interface ReportModel {
  readonly title: string;
  /** The Service's traffic settings and the flow, as label/value rows for the header. */
  readonly settings: readonly (readonly [string, string])[];
  readonly kubernetesVersion: KubernetesVersion;
  /** `today` first; `reconciled` only when it differs from `today`. */
  readonly views: readonly ReportView[];
  /** The controller would leave the traffic as it is today (one view is shown). */
  readonly reconciledSameAsToday: boolean;
  /** The EndpointSlice controller's decision on the Service. */
  readonly hints: HintsOutcome;
  /** The controller's reasons, then kube-proxy's once per client class of today's view. */
  readonly explanation: readonly ReportSection[];
  readonly meta: {
    /** ISO date-time the caller passed (the module reads no clock). */
    readonly generatedAt: string | null;
    readonly toolVersion: string | null;
    /** File names the objects came from. */
    readonly inputs: readonly string[];
  };
}

/**
 * The argument of {@link buildReportModel}.
 *
 * @example
 * ```ts
 * const args: ReportArgs = { input, title: 'shop/web', inputs: ['cluster.yaml'], generatedAt: '2026-12-01T12:00:00Z', toolVersion: '0.1.0' };
 * ```
 */
export interface ReportArgs {
  /** The simulator input (Service, slices, nodes, clients, flow, release). */
  readonly input: SimulateInput;
  /** Default: the Service's `namespace/name`. */
  readonly title?: string;
  readonly inputs?: readonly string[];
  readonly generatedAt?: string;
  readonly toolVersion?: string;
}

type Obj = Readonly<Record<string, unknown>>;
const obj = (v: unknown): Obj => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : {});
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/**
 * The Service's settings that decide traffic, as the header shows them.
 *
 * @example
 * ```ts
 * serviceSettings(service); // => [['Type', 'ClusterIP'], ['trafficDistribution', 'PreferClose'], …]
 * ```
 */
export function serviceSettings(service: unknown): [string, string][] {
  const s = obj(service);
  const meta = obj(s['metadata']);
  const spec = obj(s['spec']);
  const ann = obj(meta['annotations']);
  const ports = Array.isArray(spec['ports']) ? (spec['ports'] as unknown[]).map(obj) : [];
  const type = str(spec['type']) ?? 'ClusterIP';
  const rows: [string, string][] = [
    ['Type', type],
    ['trafficDistribution', str(spec['trafficDistribution']) ?? 'not set'],
    ['topology annotation', str(ann['service.kubernetes.io/topology-mode']) !== undefined ? `topology-mode: ${String(ann['service.kubernetes.io/topology-mode'])}` : str(ann['service.kubernetes.io/topology-aware-hints']) !== undefined ? `topology-aware-hints: ${String(ann['service.kubernetes.io/topology-aware-hints'])} (deprecated)` : 'none'],
    ['internalTrafficPolicy', str(spec['internalTrafficPolicy']) ?? 'Cluster (default)'],
  ];
  if (type === 'NodePort' || type === 'LoadBalancer' || Array.isArray(spec['externalIPs'])) {
    rows.push(['externalTrafficPolicy', str(spec['externalTrafficPolicy']) ?? 'Cluster (default)']);
  }
  if (typeof spec['healthCheckNodePort'] === 'number') rows.push(['healthCheckNodePort', String(spec['healthCheckNodePort'])]);
  rows.push([
    'Ports',
    ports.length === 0
      ? 'none'
      : ports.map((p) => `${str(p['name']) ?? '(unnamed)'} ${String(p['port'] ?? '?')}/${str(p['protocol']) ?? 'TCP'}${typeof p['nodePort'] === 'number' ? ` nodePort ${String(p['nodePort'])}` : ''}`).join(', '),
  ]);
  return rows;
}

/** The same traffic: the same shares, zone matrix, actions and warnings. */
function sameTraffic(a: SimulationResult, b: SimulationResult): boolean {
  const key = (r: SimulationResult): string =>
    JSON.stringify([r.endpoints.map((x) => [x.key, x.share]), r.zoneMatrix, r.droppedFraction, r.rejectedFraction, r.classes.map((c) => [c.nodes, c.action, c.endpoints.length])]);
  return key(a) === key(b);
}

/** Per-endpoint steps that do not depend on the client node: said once, not per class. */
const NODE_INDEPENDENT = new Set(['endpoint-not-ready', 'endpoint-duplicate', 'endpoint-other-family', 'endpoint-other-port', 'endpoint-hidden-slice', 'endpoint-no-addresses', 'slice-other-service']);
const LIST_WORDS: Readonly<Record<string, string>> = {
  'endpoint-in-cluster': 'in the Cluster list',
  'endpoint-in-local': 'in the Local list',
  'endpoint-other-zone': 'left out, hinted for other zones',
  'endpoint-other-node': 'left out, hinted for other nodes',
  'endpoint-not-local': 'left out, on other nodes',
  'endpoint-terminating-unused': 'left out, terminating while others are ready',
};

/** Lines of a step tree (nested steps indented), skipping steps `skip` rejects. */
function lines(steps: readonly ExplanationStep[] | null | undefined, skip: (s: ExplanationStep) => boolean = () => false): string[] {
  const out: string[] = [];
  const walk = (list: readonly unknown[], depth: number): void => {
    for (const raw of list) {
      const s = raw as ExplanationStep & { steps?: unknown; children?: unknown };
      if (typeof s !== 'object' || s === null || skip(s)) continue;
      if (typeof s.message === 'string' && s.message !== '') out.push(`${'  '.repeat(depth)}${s.message}`);
      const nested = Array.isArray(s.steps) ? s.steps : Array.isArray(s.children) ? s.children : null;
      if (nested !== null) walk(nested, depth + 1);
    }
  };
  walk(steps ?? [], 0);
  return out;
}

/** The endpoints of one class's decision, grouped by what happened to them: one line per group. */
function endpointGroups(steps: readonly ExplanationStep[]): string[] {
  const groups = new Map<string, string[]>();
  for (const s of steps) {
    if (s.endpoint === undefined || !s.code.startsWith('endpoint-') || NODE_INDEPENDENT.has(s.code)) continue;
    const words = LIST_WORDS[s.code] ?? s.code;
    const g = groups.get(words) ?? [];
    g.push(s.endpoint);
    groups.set(words, g);
  }
  return [...groups].map(([words, keys]) => `${keys.length} ${words}: ${keys.join(', ')}`);
}

function classHeading(c: ClientClass): string {
  const where = c.nodes.length === 1 ? `${c.nodes[0]!} (${zoneLabel(c.zone)})` : `${c.nodes.length} nodes in ${zoneLabel(c.zone)} (${c.nodes.join(', ')})`;
  return `kube-proxy on ${where}, ${pct(c.weight)} of clients: ${c.action.toUpperCase()}`;
}

/**
 * Computes the report's data: today's traffic (the slices as given), the traffic after the
 * EndpointSlice controller reconciles (`computeHints`, then the simulation on its slices: the
 * run `compareScenarios` makes for its baseline), the
 * Service's settings, and the explanation: the controller's reasons, then kube-proxy's decision
 * once per client class, with per-endpoint facts grouped (which endpoints the class uses, which
 * it leaves out and why) and the facts that hold for every node said once.
 *
 * Pure: it reads no clock and no file; pass `generatedAt`, `toolVersion` and `inputs` to have
 * them shown.
 *
 * @param args - `{ input, title?, inputs?, generatedAt?, toolVersion? }`
 * @returns the plain-data model of the page
 * @throws {KubeTrafficError} for malformed input (as {@link simulateTraffic} and {@link computeHints})
 * @example
 * ```ts
 * const model = buildReportModel({ input: { service, endpointSlices, nodes }, inputs: ['cluster.yaml'] });
 * model.views[0]?.label; // => 'Today: the hints the slices carry'
 * ```
 */
export function buildReportModel(args: ReportArgs): ReportModel {
  const input = args.input;
  const today = simulateTraffic(input);
  // The reconciled view is compareScenarios' baseline: the same controller-then-simulate run.
  const { scenario: afterController, hintsExplanation } = reconcileAndSimulate(input, [], { explain: true });
  const hinted = { outcome: afterController.hints, explanation: hintsExplanation };
  const reconciled = afterController.simulation;
  const same = sameTraffic(today, reconciled);
  const extra = hintsWarning(hinted.outcome);
  const views: ReportView[] = [
    {
      id: 'today',
      label: same ? 'Today (unchanged when the controller reconciles)' : 'Today: the hints the slices carry',
      description: same
        ? 'The slices as given. The EndpointSlice controller would write hints that route traffic the same way.'
        : 'The slices as given, with the hints they carry now; kube-proxy routes by these until the controller rewrites them.',
      simulation: today,
      warnings: extra === null ? today.warnings : [...today.warnings, extra],
    },
  ];
  if (!same) {
    views.push({
      id: 'reconciled',
      label: 'After the controller reconciles',
      description: `The slices the EndpointSlice controller would write (${hinted.outcome.path} / ${hinted.outcome.cause}), then kube-proxy on them.`,
      simulation: reconciled,
      warnings: afterController.warnings,
    });
  }

  const meta = obj(obj(input.service)['metadata']);
  const title = args.title ?? `${str(meta['namespace']) ?? 'default'}/${str(meta['name']) ?? '(unnamed)'}`;
  const settings = serviceSettings(input.service);
  settings.push(['Flow', `${today.flow.via} from ${today.flow.from}, ${today.ipFamily}${today.port === null ? '' : `, port ${today.port.name === '' ? String(today.port.port) : today.port.name}`}`]);
  settings.push(['Kubernetes release', today.kubernetesVersion]);
  settings.push(['Controller', `${hinted.outcome.path} / ${hinted.outcome.cause}`]);

  const explanation: ReportSection[] = [];
  const controllerLines = lines(hinted.explanation);
  explanation.push({
    heading: 'EndpointSlice controller: the hints it would write',
    lines: controllerLines.length > 0 ? controllerLines : [`${hinted.outcome.path} / ${hinted.outcome.cause}`, ...(hinted.outcome.event === null ? [] : [`${hinted.outcome.event.type} ${hinted.outcome.event.reason}: ${hinted.outcome.event.message}`])],
  });
  const nodeObjects = new Map<string, unknown>();
  const rawNodes = input.nodes as unknown;
  const nodeList = Array.isArray(rawNodes) ? rawNodes : Array.isArray(obj(rawNodes)['items']) ? (obj(rawNodes)['items'] as unknown[]) : [];
  for (const n of nodeList) {
    const o = obj(n);
    const name = str(obj(o['metadata'])['name']) ?? str(o['name']);
    if (name !== undefined) nodeObjects.set(name, n);
  }
  let once: string[] | null = null;
  for (const c of today.classes) {
    const nodeName = c.nodes[0];
    if (nodeName === undefined) continue;
    const node = nodeObjects.get(nodeName) ?? { name: nodeName, zone: c.zone === '' ? null : c.zone };
    const result = selectEndpoints({
      service: input.service,
      endpointSlices: input.endpointSlices,
      node,
      ...today.flow,
      ...(input.port != null && { port: input.port }),
      ...(input.ipFamily != null && { ipFamily: input.ipFamily }),
      ...(input.gates != null && { gates: input.gates }),
      ...(input.kubernetesVersion != null && { kubernetesVersion: input.kubernetesVersion }),
      explain: true,
    } as SelectInput);
    const steps = (result as { explanation?: readonly ExplanationStep[] }).explanation ?? [];
    if (once === null) once = lines(steps.filter((s) => NODE_INDEPENDENT.has(s.code)));
    const classLines = lines(steps, (s) => (s.endpoint !== undefined && s.code.startsWith('endpoint-')) || NODE_INDEPENDENT.has(s.code));
    explanation.push({ heading: classHeading(c), lines: [...classLines, ...endpointGroups(steps)] });
  }
  if (once !== null && once.length > 0) explanation.push({ heading: 'For every node alike', lines: once });

  return {
    title,
    settings,
    kubernetesVersion: today.kubernetesVersion,
    views,
    reconciledSameAsToday: same,
    hints: hinted.outcome,
    explanation,
    meta: { generatedAt: args.generatedAt ?? null, toolVersion: args.toolVersion ?? null, inputs: [...(args.inputs ?? [])] },
  };
}
