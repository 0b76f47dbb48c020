/**
 * Finding the Service and node a command names, with "did you mean" candidates (closest first)
 * when they are not in the dump.
 *
 * @module
 */
import { InputError } from './errors.js';
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

/**
 * Checks `--port` against the Service's ports (name, or number).
 *
 * @throws {@link InputError} naming the Service's ports when none matches
 * @example
 * ```ts
 * checkPort(service, '8443'); // throws: port "8443" is not a port of Service shop/web; its ports: http (80/TCP)
 * ```
 */
export function checkPort(service: KubeObject, port: string | number): void {
  const spec = (typeof service['spec'] === 'object' && service['spec'] !== null ? service['spec'] : {}) as Record<string, unknown>;
  const ports = (Array.isArray(spec['ports']) ? spec['ports'] : []) as Record<string, unknown>[];
  const ok = ports.some((p) => (typeof port === 'number' ? p['port'] === port : (p['name'] ?? '') === port));
  if (ok || ports.length === 0) return;
  const described = ports.map((p) => `${typeof p['name'] === 'string' && p['name'] !== '' ? p['name'] : '(unnamed)'} (${String(p['port'])}/${typeof p['protocol'] === 'string' ? p['protocol'] : 'TCP'})`);
  const wanted = String(port);
  const order = closest(wanted, described.map((d, i) => `${String(ports[i]?.['name'] ?? '')} ${d}`));
  const sorted = order.map((o) => o.slice(o.indexOf(' ') + 1));
  throw new InputError(`port "${wanted}" is not a port of Service ${qualifiedName(service)}; its ports (closest first): ${sorted.join(', ')}`);
}
