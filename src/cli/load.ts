/**
 * Reads what `kubectl get … -o yaml|json` prints: single objects, multi-document YAML, `List`
 * objects (nested too, and typed lists such as `ServiceList` whose items carry no `kind`), and
 * sorts the objects the CLI needs by kind. Pure: file contents in, objects out.
 *
 * @module
 */
import { LineCounter, parseAllDocuments, parseDocument } from 'yaml';
import { InputError } from './errors.js';

/** A Kubernetes object as read from a dump: a plain JSON object. */
export type KubeObject = Readonly<Record<string, unknown>>;

/**
 * One input file: the name it is reported by (`-` or `<stdin>` for standard input) and its text.
 *
 * @example
 * ```ts
 * const text: NamedText = { name: 'cluster.yaml', text: 'kind: Service\n…' };
 * ```
 */
export interface NamedText {
  readonly name: string;
  readonly text: string;
}

/**
 * The objects of every input, by kind, in input order. Kinds the CLI does not use are counted in
 * `ignored`.
 *
 * @example
 * ```ts
 * const { services, endpointSlices, nodes } = loadObjects([{ name: 'a.json', text }]);
 * ```
 */
export interface LoadedObjects {
  readonly services: readonly KubeObject[];
  readonly endpointSlices: readonly KubeObject[];
  readonly nodes: readonly KubeObject[];
  readonly pods: readonly KubeObject[];
  /** Other kinds, with how many objects of each were skipped, by kind name. */
  readonly ignored: Readonly<Record<string, number>>;
}

/**
 * An input file that cannot be parsed or does not hold Kubernetes objects. The message names
 * the file, the document (1-based, for multi-document YAML) and the line.
 *
 * @example
 * ```ts
 * e.message; // => 'cluster.yaml: document 2, line 14: Nested mappings are not allowed in compact mappings'
 * ```
 */
export class LoadError extends InputError {
  constructor(
    readonly file: string,
    readonly document: number,
    readonly line: number | null,
    readonly detail: string,
  ) {
    super(`${file}: document ${document}${line === null ? '' : `, line ${line}`}: ${detail}`);
  }
}

const isObject = (v: unknown): v is KubeObject => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Parses every input and sorts the objects by kind.
 *
 * @param texts - the files, in the order given on the command line
 * @returns Services, EndpointSlices, Nodes and Pods, in input order
 * @throws {@link LoadError} naming the file, document and line of the first problem
 * @example
 * ```ts
 * loadObjects([{ name: '-', text: '{"kind":"List","items":[{"kind":"Node","metadata":{"name":"a"}}]}' }]).nodes.length;
 * // => 1
 * ```
 */
export function loadObjects(texts: readonly NamedText[]): LoadedObjects {
  const out = { services: [] as KubeObject[], endpointSlices: [] as KubeObject[], nodes: [] as KubeObject[], pods: [] as KubeObject[] };
  const ignored: Record<string, number> = {};
  for (const { name, text } of texts) {
    parseDocuments(name, text).forEach((doc, i) => {
      if (doc.value === null || doc.value === undefined) return; // an empty document, e.g. a trailing `---`
      classify(doc.value, null, (problem) => {
        throw new LoadError(name, i + 1, doc.line, problem);
      }, (obj, kind) => {
        const bucket = kind === 'Service' ? out.services : kind === 'EndpointSlice' ? out.endpointSlices : kind === 'Node' ? out.nodes : kind === 'Pod' ? out.pods : null;
        if (bucket === null) ignored[kind] = (ignored[kind] ?? 0) + 1;
        else bucket.push(obj);
      });
    });
  }
  return { ...out, ignored };
}

interface ParsedDocument {
  readonly value: unknown;
  /** First line of the document, for problems found after parsing. */
  readonly line: number;
}

/** JSON when the text starts like JSON (one document), else YAML (any number of documents). */
function parseDocuments(file: string, text: string): ParsedDocument[] {
  const trimmed = text.trimStart();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) return [{ value: parseJson(file, text), line: lineOf(text, text.length - trimmed.length) }];
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter, prettyErrors: false, uniqueKeys: false });
  const list = Array.isArray(docs) ? docs : [];
  return list.map((doc, i) => {
    const error = doc.errors[0];
    const start = doc.range[0];
    if (error !== undefined) {
      const line = lineCounter.linePos(error.pos[0]).line;
      throw new LoadError(file, i + 1, line, error.message.split('\n')[0] ?? error.message);
    }
    return { value: doc.toJS({ maxAliasCount: 100 }) as unknown, line: lineCounter.linePos(start).line };
  });
}

function parseJson(file: string, text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    const message = (e instanceof Error ? e.message : String(e)).replace(/\s+/g, ' ');
    // V8 says "… (line L column C)", "… at position N", or neither; then ask the YAML parser
    // (JSON is YAML's flow syntax) where the text goes wrong.
    const lc = /line (\d+) column \d+/.exec(message);
    const pos = /position (\d+)/.exec(message);
    const line = lc?.[1] !== undefined ? Number(lc[1]) : pos?.[1] !== undefined ? lineOf(text, Number(pos[1])) : yamlErrorLine(text);
    const detail = message.replace(/ in JSON at position \d+.*$/, '').replace(/^Unexpected/, 'unexpected');
    throw new LoadError(file, 1, line, `invalid JSON: ${detail.length > 160 ? `${detail.slice(0, 160)}…` : detail}`);
  }
}

function yamlErrorLine(text: string): number | null {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter });
  const error = doc.errors[0];
  return error === undefined ? null : lineCounter.linePos(error.pos[0]).line;
}

/** 1-based line of a character offset. */
export function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/**
 * Walks one parsed document: a `List` (or `XxxList`, or a bare array) contributes its items,
 * recursively; an object with a `kind` is emitted. `listKind` names the item kind of a typed list.
 */
function classify(root: unknown, rootKind: string | null, fail: (problem: string) => never, emit: (obj: KubeObject, kind: string) => void, rootPath = '$'): void {
  // An explicit stack, not recursion: a deeply nested document must give a LoadError, not a
  // stack overflow. Items are pushed in reverse so objects are emitted in document order.
  const stack: [unknown, string | null, string][] = [[root, rootKind, rootPath]];
  while (stack.length > 0) {
    const [value, listKind, path] = stack.pop()!;
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push([value[i], listKind, `${path}[${i}]`]);
      continue;
    }
    if (!isObject(value)) fail(`${path}: expected a Kubernetes object (a mapping with kind), found ${value === null ? 'null' : typeof value}`);
    const kind = typeof value['kind'] === 'string' ? value['kind'] : listKind;
    const items = value['items'];
    if (kind !== null && /List$/.test(kind) && (Array.isArray(items) || items === null || items === undefined)) {
      stack.push([items ?? [], kind === 'List' ? null : kind.slice(0, -'List'.length), `${path}.items`]);
      continue;
    }
    if (kind === null) fail(`${path}: object without kind`);
    emit(value, kind);
  }
}
