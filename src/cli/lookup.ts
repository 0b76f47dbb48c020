/**
 * Finding the Service and node a command names, with "did you mean" candidates (closest first)
 * when they are not in the dump.
 *
 * @module
 */
import { KubeTrafficError, type Via, prepareService } from '../index.js';
import type { Context } from './context.js';
import { InputError, UsageError } from './errors.js';
import type { KubeObject, LoadedObjects } from './load.js';

/** `metadata` of a dumped object, as far as the CLI reads it. */
export interface Meta {
  readonly name: string;
  readonly namespace: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
}

const strings = (v: unknown): Record<string, string> => {
  const out: Record<string, string> = {};
  if (typeof v === 'object' && v !== null) for (const [k, x] of Object.entries(v)) if (typeof x === 'string') out[k] = x;
  return out;
};

/**
 * The name, namespace, labels and annotations of an object (empty strings and maps when absent).
 *
 * @example
 * ```ts
 * meta({ metadata: { name: 'web', namespace: 'shop' } }).namespace; // => 'shop'
 * ```
 */
export function meta(obj: KubeObject): Meta {
  const m = (typeof obj['metadata'] === 'object' && obj['metadata'] !== null ? obj['metadata'] : {}) as Record<string, unknown>;
  return {
    name: typeof m['name'] === 'string' ? m['name'] : '',
    namespace: typeof m['namespace'] === 'string' ? m['namespace'] : '',
    labels: strings(m['labels']),
    annotations: strings(m['annotations']),
  };
}

/**
 * `namespace/name` of an object.
 *
 * @example
 * ```ts
 * qualifiedName({ metadata: { name: 'web', namespace: 'shop' } }); // => 'shop/web'
 * ```
 */
export function qualifiedName(obj: KubeObject): string {
  const m = meta(obj);
  return `${m.namespace}/${m.name}`;
}

/**
 * Levenshtein distance, for ordering candidates.
 *
 * @example
 * ```ts
 * editDistance('node-b2', 'node-b3'); // => 1
 * ```
 */
export function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = row;
  }
  return prev[b.length]!;
}

/**
 * Candidates sorted closest to `wanted` first (ties by name), at most `limit` of them.
 *
 * @example
 * ```ts
 * closest('node-b3', ['node-a1', 'node-b2']); // => ['node-b2', 'node-a1']
 * ```
 */
export function closest(wanted: string, candidates: readonly string[], limit = 8): string[] {
  return [...new Set(candidates)]
    .map((c) => ({ c, d: editDistance(wanted.toLowerCase(), c.toLowerCase()) }))
    .sort((x, y) => x.d - y.d || (x.c < y.c ? -1 : x.c > y.c ? 1 : 0))
    .slice(0, limit)
    .map((x) => x.c);
}

function candidateList(wanted: string, names: readonly string[]): string {
  if (names.length === 0) return 'none';
  const shown = closest(wanted, names);
  return shown.join(', ') + (names.length > shown.length ? `, … (${names.length} in all)` : '');
}

/**
 * The Service named `NS/NAME` (or `NAME`, when exactly one namespace has it).
 *
 * @throws {@link InputError} naming the closest Services in the dump when there is none such
 * @example
 * ```ts
 * findService(objects, 'shop/cache'); // => the Service object
 * ```
 */
export function findService(objects: LoadedObjects, ref: string): KubeObject {
  const names = objects.services.map(qualifiedName);
  const matches = ref.includes('/')
    ? objects.services.filter((s) => qualifiedName(s) === ref)
    : objects.services.filter((s) => meta(s).name === ref);
  if (matches.length === 1) return matches[0]!;
  if (matches.length > 1) {
    throw new InputError(`Service name "${ref}" is ambiguous; give NAMESPACE/NAME: ${matches.map(qualifiedName).join(', ')}`);
  }
  throw new InputError(`Service "${ref}" not found in the input; Services in the input (closest first): ${candidateList(ref, names)}`);
}

/**
 * The Service a command line names (`svc/NAME -n NS`, `NS/NAME`, `--service`): in its
 * namespace when one is known, else the only Service of that name.
 *
 * @throws {@link UsageError} when no Service is named; {@link InputError} when it is not in the input
 * @example
 * ```ts
 * targetService(ctx); // => the Service object
 * ```
 */
export function targetService(ctx: Context): KubeObject {
  const t = ctx.target;
  if (t === null) {
    const names = ctx.objects.services.map(qualifiedName);
    throw new UsageError(`name a Service (svc/NAME with -n NAMESPACE, or NAMESPACE/NAME); Services in the input: ${names.length === 0 ? 'none' : names.slice(0, 8).join(', ') + (names.length > 8 ? `, … (${names.length} in all)` : '')}`);
  }
  return findService(ctx.objects, t.namespace === null ? t.name : `${t.namespace}/${t.name}`);
}

/**
 * The Node named `name`.
 *
 * @throws {@link InputError} naming the closest nodes in the dump when there is none such
 * @example
 * ```ts
 * findNode(objects, 'node-b2'); // => the Node object
 * ```
 */
export function findNode(objects: LoadedObjects, name: string): KubeObject {
  const found = objects.nodes.find((n) => meta(n).name === name);
  if (found !== undefined) return found;
  throw new InputError(`node "${name}" not found in the input; nodes in the input (closest first): ${candidateList(name, objects.nodes.map((n) => meta(n).name))}`);
}

/**
 * The EndpointSlices of a Service (same namespace, `kubernetes.io/service-name` label).
 *
 * @example
 * ```ts
 * slicesOf(objects, service).map((s) => meta(s).name); // => ['cache-4eva']
 * ```
 */
export function slicesOf(objects: LoadedObjects, service: KubeObject): KubeObject[] {
  const s = meta(service);
  return objects.endpointSlices.filter((e) => {
    const m = meta(e);
    return m.namespace === s.namespace && m.labels['kubernetes.io/service-name'] === s.name;
  });
}

const portsOf = (service: KubeObject): Record<string, unknown>[] => {
  const spec = (typeof service['spec'] === 'object' && service['spec'] !== null ? service['spec'] : {}) as Record<string, unknown>;
  return (Array.isArray(spec['ports']) ? spec['ports'] : []).filter((p): p is Record<string, unknown> => typeof p === 'object' && p !== null);
};
const describePort = (p: Record<string, unknown>): string => `${typeof p['name'] === 'string' && p['name'] !== '' ? p['name'] : '(unnamed)'} (${String(p['port'])}/${typeof p['protocol'] === 'string' ? p['protocol'] : 'TCP'})`;

/**
 * Checks `--port` against the Service's ports (name, or number); without `--port`, a Service
 * with more than one port needs one.
 *
 * @throws {@link UsageError} naming the flag and the Service's ports
 * @example
 * ```ts
 * checkPort(service, '8443'); // throws: --port: Service shop/web has no port "8443"; its ports (closest first): http (80/TCP)
 * ```
 */
export function checkPort(service: KubeObject, port: string | number | undefined): void {
  const ports = portsOf(service);
  if (port === undefined) {
    if (ports.length > 1) throw new UsageError(`--port is needed: Service ${qualifiedName(service)} has ${ports.length} ports: ${ports.map(describePort).join(', ')}`);
    return;
  }
  const ok = ports.some((p) => (typeof port === 'number' ? p['port'] === port : (p['name'] ?? '') === port));
  if (ok || ports.length === 0) return;
  const described = ports.map(describePort);
  const wanted = String(port);
  const order = closest(wanted, described.map((d, i) => `${String(ports[i]?.['name'] ?? '')} ${d}`));
  const sorted = order.map((o) => o.slice(o.indexOf(' ') + 1));
  throw new UsageError(`--port: Service ${qualifiedName(service)} has no port "${wanted}"; its ports (closest first): ${sorted.join(', ')}`);
}

const VIAS: readonly Via[] = ['clusterIP', 'nodePort', 'loadBalancer', 'externalIP'];
/** A problem with the `profile` option (or compare's `profiles`): `$.profile`, `$.profile.gates.X`, `$.profiles[1].options.X`. */
const PROFILE_PATH = /^\$\.profiles?(?:\[\d+\])?(?:\.(name|gates|options))?(?:\.|$)/;
const FLAG_OF: Readonly<Record<string, string>> = { '$.port': '--port', '$.via': '--via', '$.from': '--from', '$.ipFamily': '--ip-family', '$.kubernetesVersion': '--kubernetes-version', '$.flow.via': '--via', '$.flow.from': '--from' };

/**
 * A library error caused by a flag (the problem is at `$.port`, `$.via`, `$.ipFamily`, …) as a
 * {@link UsageError} naming the flag and, for `--via`, the paths the Service's port exposes;
 * `null` when the error is about the objects.
 *
 * @example
 * ```ts
 * flagProblem(error, ctx)?.message; // => '--via: Service shop/web (ClusterIP) is reached by clusterIP; not nodePort …'
 * ```
 */
export function flagProblem(e: KubeTrafficError, ctx: Context): UsageError | null {
  const p = e.problems.find((x) => FLAG_OF[x.path] !== undefined || x.path.startsWith('$.gates') || PROFILE_PATH.test(x.path));
  if (p === undefined) return null;
  const knob = PROFILE_PATH.exec(p.path);
  const flag = FLAG_OF[p.path] ?? (knob === null ? '--gate' : knob[1] === 'gates' ? '--profile-gate' : knob[1] === 'options' ? '--profile-option' : '--profile');
  if (flag === '--via' && ctx.target !== null) {
    let service: KubeObject | null = null;
    try {
      service = targetService(ctx);
    } catch {
      service = null;
    }
    if (service !== null) {
      const port = ctx.values['port'];
      const portValue = typeof port === 'string' ? (/^\d+$/.test(port) ? Number(port) : port) : undefined;
      const exposed = VIAS.filter((via) => {
        try {
          prepareService(service, slicesOf(ctx.objects, service), { ...(portValue !== undefined && { port: portValue }), ...ctx.release }).select(ctx.objects.nodes[0] ?? { name: 'node' }, { via });
          return true;
        } catch (err) {
          return !(err instanceof KubeTrafficError && err.problems.some((q) => q.code === 'unsupported-flow'));
        }
      });
      const type = String((service['spec'] as { type?: unknown } | undefined)?.type ?? 'ClusterIP');
      return new UsageError(`--via: Service ${qualifiedName(service)} (${type}) is reached by ${exposed.join(', ') || 'nothing'}; not ${String(ctx.values['via'])} (${p.expected.replace(/^a path the port exposes, but /, '')})`);
    }
  }
  return new UsageError(`${flag}: ${p.message.startsWith(`${p.path}: `) ? p.message.slice(p.path.length + 2) : p.message}`);
}

/**
 * The first port of a Service, as the `port` option names it (its name, else its number);
 * `undefined` when it has none. `explain` examines this port.
 *
 * @example
 * ```ts
 * firstPort({ spec: { ports: [{ name: 'http', port: 80 }] } }); // => 'http'
 * ```
 */
export function firstPort(service: KubeObject): string | number | undefined {
  const ports = (service['spec'] as { ports?: unknown } | undefined)?.ports;
  const p = Array.isArray(ports) ? (ports[0] as { name?: unknown; port?: unknown } | undefined) : undefined;
  if (p === undefined) return undefined;
  return typeof p.name === 'string' ? p.name : typeof p.port === 'number' ? p.port : undefined;
}
