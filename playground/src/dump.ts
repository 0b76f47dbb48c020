/**
 * Reads what a user pastes or drops: the output of `kubectl get svc,endpointslices,nodes -A -o
 * yaml` (or `-o json`, or several such outputs joined by `---`). It keeps, for every object it
 * hands to the library, where that object sits in the text, so that a problem the library reports
 * at a JSON path (`$.endpointSlices[2].endpoints[0].addresses[0]`) can be shown at the document
 * and line of the pasted text.
 *
 * JSON is parsed by the same YAML parser (JSON is YAML's flow syntax), so both formats get the
 * same positions. Pure: text in, objects and a locator out.
 *
 * @module
 */
import { LineCounter, parseAllDocuments, type Document } from 'yaml';

/** A Kubernetes object as read from the text. */
export type KubeObject = Readonly<Record<string, unknown>>;

/** A place in the pasted text: the document (1-based, for multi-document YAML) and the line. */
export interface Place {
  readonly document: number;
  readonly line: number;
}

/** The text could not be read as Kubernetes objects. */
export class DumpError extends Error {
  override readonly name = 'DumpError';
  constructor(
    readonly place: Place | null,
    readonly detail: string,
  ) {
    super(place === null ? detail : `document ${place.document}, line ${place.line}: ${detail}`);
  }
}

/** The objects the playground uses, in text order, and what it left aside. */
export interface Dump {
  readonly services: readonly KubeObject[];
  readonly endpointSlices: readonly KubeObject[];
  readonly nodes: readonly KubeObject[];
  /** Objects not used, counted by `apiVersion kind` (`v1 Pod`, `discovery.k8s.io/v1beta1 EndpointSlice`). */
  readonly ignored: Readonly<Record<string, number>>;
  /**
   * Where `path` (keys and indexes below `object`, one of the objects above) is in the text. A
   * path that does not exist (a required field that is missing) resolves to its deepest
   * existing ancestor; `null` only for an object this dump did not produce.
   */
  locate(object: object, path: readonly (string | number)[]): Place | null;
}

/** Which objects are used: core/v1 Services and Nodes, discovery.k8s.io/v1 EndpointSlices. */
const USED: Readonly<Record<string, string>> = { Service: 'v1', Node: 'v1', EndpointSlice: 'discovery.k8s.io/v1' };

interface Origin {
  readonly doc: number; // 0-based index into docs
  readonly path: readonly (string | number)[];
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Parses the text and sorts out the objects the playground uses.
 *
 * @throws {DumpError} naming the document and line of the first syntax error, or of a value that
 *   is not a Kubernetes object
 */
export function readDump(text: string): Dump {
  const lineCounter = new LineCounter();
  const docs: Document.Parsed[] = parseAllDocuments(text, { lineCounter, prettyErrors: false, uniqueKeys: false }) as Document.Parsed[];
  const list = Array.isArray(docs) ? docs : [];
  const json = /^\s*[[{]/.test(text);
  const lineAt = (offset: number): number => lineCounter.linePos(offset).line;
  const origins = new WeakMap<object, Origin>();
  const out = { services: [] as KubeObject[], endpointSlices: [] as KubeObject[], nodes: [] as KubeObject[] };
  const ignored: Record<string, number> = {};

  list.forEach((doc, d) => {
    const error = doc.errors[0];
    if (error !== undefined) {
      const detail = (error.message.split('\n')[0] ?? error.message).replace(/ at line \d+, column \d+:?$/, '');
      throw new DumpError({ document: d + 1, line: lineAt(error.pos[0]) }, json ? `invalid JSON: ${detail}` : detail);
    }
    const root: unknown = doc.toJS({ maxAliasCount: 100 });
    if (root === null || root === undefined) return; // an empty document, e.g. after a trailing `---`
    const where = (path: readonly (string | number)[]): Place => ({ document: d + 1, line: lineOfPath(doc, path, lineAt) });
    // An explicit stack, so a deeply nested List cannot overflow the call stack. Items are
    // pushed in reverse so objects come out in text order.
    // A typed list's items take their kind and apiVersion from the list.
    const stack: [unknown, string | null, string | null, (string | number)[]][] = [[root, null, null, []]];
    while (stack.length > 0) {
      const [value, listKind, listVersion, path] = stack.pop()!;
      if (Array.isArray(value)) {
        for (let i = value.length - 1; i >= 0; i--) stack.push([value[i], listKind, listVersion, [...path, i]]);
        continue;
      }
      if (!isObject(value)) {
        throw new DumpError(where(path), `expected a Kubernetes object (a mapping with apiVersion and kind), found ${value === null ? 'null' : typeof value}`);
      }
      const kind = typeof value['kind'] === 'string' ? value['kind'] : listKind;
      const items = value['items'];
      // `List`, and typed lists (`ServiceList`) whose items carry no kind of their own.
      if (kind !== null && kind.endsWith('List') && (Array.isArray(items) || items == null)) {
        const typed = kind !== 'List';
        const version = typed && typeof value['apiVersion'] === 'string' ? value['apiVersion'] : null;
        stack.push([items ?? [], typed ? kind.slice(0, -'List'.length) : null, version, [...path, 'items']]);
        continue;
      }
      if (kind === null) throw new DumpError(where(path), 'an object without kind');
      const apiVersion = typeof value['apiVersion'] === 'string' ? value['apiVersion'] : listVersion;
      if (USED[kind] === undefined || apiVersion !== USED[kind]) {
        const key = `${apiVersion ?? '(no apiVersion)'} ${kind}`;
        ignored[key] = (ignored[key] ?? 0) + 1;
        continue;
      }
      origins.set(value, { doc: d, path });
      (kind === 'Service' ? out.services : kind === 'Node' ? out.nodes : out.endpointSlices).push(value);
    }
  });

  return {
    ...out,
    ignored,
    locate(object, path) {
      const origin = origins.get(object);
      const doc = origin === undefined ? undefined : list[origin.doc];
      if (origin === undefined || doc === undefined) return null;
      return { document: origin.doc + 1, line: lineOfPath(doc, [...origin.path, ...path], lineAt) };
    },
  };
}

/** The line of the deepest node on `path` that exists in the document. */
function lineOfPath(doc: Document.Parsed, path: readonly (string | number)[], lineAt: (offset: number) => number): number {
  for (let n = path.length; n >= 0; n--) {
    const node = doc.getIn(path.slice(0, n), true) as { range?: [number, number, number] } | undefined;
    const range = node?.range;
    if (range !== undefined) {
      // For a scalar or collection under a key, report the key's line: that is where a reader looks.
      const pair = n > 0 ? keyOffset(doc, path.slice(0, n)) : undefined;
      return lineAt(pair ?? range[0]);
    }
  }
  return lineAt(doc.range[0]);
}

/** The offset of the key of the last segment when the parent is a mapping. */
function keyOffset(doc: Document.Parsed, path: readonly (string | number)[]): number | undefined {
  const last = path[path.length - 1];
  if (typeof last !== 'string') return undefined;
  const parent = doc.getIn(path.slice(0, -1), true) as { items?: { key?: { value?: unknown; range?: [number, number, number] } }[] } | undefined;
  const pair = parent?.items?.find((p) => p.key?.value === last);
  return pair?.key?.range?.[0];
}

/**
 * Splits a library JSON path (`$.a.b[0]["x.y"]`) into keys and indexes, without the `$`.
 *
 * @example
 * ```ts
 * parsePath('$.service.metadata.annotations["service.kubernetes.io/topology-mode"]');
 * // => ['service', 'metadata', 'annotations', 'service.kubernetes.io/topology-mode']
 * ```
 */
export function parsePath(path: string): (string | number)[] {
  const out: (string | number)[] = [];
  const re = /\.([^.[\]]+)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]/g;
  let m: RegExpExecArray | null;
  let rest = path.startsWith('$') ? 1 : 0;
  re.lastIndex = rest;
  while ((m = re.exec(path)) !== null && m.index === rest) {
    if (m[1] !== undefined) out.push(m[1]);
    else if (m[2] !== undefined) out.push(Number(m[2]));
    else if (m[3] !== undefined) out.push(JSON.parse(m[3]) as string);
    rest = re.lastIndex;
  }
  return out;
}
