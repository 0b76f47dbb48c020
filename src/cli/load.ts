/**
 * Reads what `kubectl get … -o yaml|json` prints and what people keep in manifest files:
 * single objects, multi-document YAML, `List` objects (nested too, and typed lists such as
 * `ServiceList` whose items carry no `kind`), in UTF-8 (with or without a byte-order mark) or
 * UTF-16 with a byte-order mark (what PowerShell's `>` writes), with LF or CRLF line ends.
 *
 * It keeps the kinds the commands read — core/v1 Service, Node and Pod, and
 * discovery.k8s.io/v1 EndpointSlice — and says what it left out. Objects without
 * `metadata.namespace` are placed in the default namespace the way `kubectl apply -f` does;
 * an object given twice counts once, and two different versions of one object are an error
 * naming both files. Pure: file contents in, objects and notes out.
 *
 * @module
 */
import yaml from 'js-yaml';
import { InputError } from './errors.js';

/** A Kubernetes object as read from a dump: a plain JSON object. */
export type KubeObject = Readonly<Record<string, unknown>>;

/**
 * One input: the name it is reported by (`<stdin>` for standard input) and its contents, as
 * bytes (any supported encoding) or as already-decoded text.
 *
 * @example
 * ```ts
 * const input: NamedText = { name: 'cluster.yaml', text: 'kind: Service\n…' };
 * ```
 */
export interface NamedText {
  readonly name: string;
  readonly text: string | Uint8Array;
}

/**
 * The objects of every input, by kind, in input order, and what was left out.
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
  /** Objects left out, counted by `Kind (apiVersion)`. */
  readonly ignored: Readonly<Record<string, number>>;
  /**
   * Lines for standard error about what was left out or assumed: `note: …` for kinds the
   * commands do not read, `warning: …` where the left-out object looks like one the user meant
   * (a discovery.k8s.io/v1beta1 EndpointSlice).
   */
  readonly notes: readonly string[];
  /** How many objects named no namespace and were placed in the default one. */
  readonly defaulted: number;
}

/**
 * How {@link loadObjects} places objects that name no namespace.
 *
 * @example
 * ```ts
 * const o: LoadOptions = { defaultNamespace: 'shop' };
 * ```
 */
export interface LoadOptions {
  /** The namespace of objects without `metadata.namespace` (`-n`, the context's, or `default`). */
  readonly defaultNamespace?: string;
}

/**
 * An input file that cannot be parsed or does not hold Kubernetes objects. The message names
 * the file, the document (1-based, for multi-document YAML) and the line.
 *
 * @example
 * ```ts
 * e.message; // => 'cluster.yaml: document 2, line 14: bad indentation of a mapping entry'
 * ```
 */
export class LoadError extends InputError {
  constructor(
    readonly file: string,
    readonly document: number | null,
    readonly line: number | null,
    readonly detail: string,
  ) {
    super(`${file}: ${document === null ? '' : `document ${document}`}${line === null ? '' : `${document === null ? '' : ', '}line ${line}`}${document === null && line === null ? '' : ': '}${detail}`);
  }
}

/**
 * Expanding YAML aliases may produce at most this many values (mappings, sequences and scalars
 * counted once per place they appear), unless the document without aliases is already larger.
 * Real manifests stay far below; an "alias bomb" of nine nested aliases reaches 10⁹.
 */
export const MAX_ALIAS_EXPANSION = 1_000_000;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The kinds the commands read: kind → the apiVersion Kubernetes serves them as. */
const KEPT: Readonly<Record<string, string>> = { Service: 'v1', Node: 'v1', Pod: 'v1', EndpointSlice: 'discovery.k8s.io/v1' };
const NAMESPACED = new Set(['Service', 'Pod', 'EndpointSlice']);

/**
 * Decodes a file's bytes: UTF-8 (a byte-order mark is dropped), UTF-16 LE or BE with a
 * byte-order mark, or UTF-16 without one when the first bytes show it (ASCII text with every
 * other byte zero). CRLF line ends become LF.
 *
 * @throws {@link LoadError} when the bytes are not valid text in any of these
 * @example
 * ```ts
 * decodeText('a.yaml', new Uint8Array([0xef, 0xbb, 0xbf, 0x61])); // => 'a'
 * ```
 */
export function decodeText(name: string, data: string | Uint8Array): string {
  let text: string;
  if (typeof data === 'string') text = data.charCodeAt(0) === 0xfeff ? data.slice(1) : data;
  else {
    const b = data;
    let encoding = 'utf-8';
    let skip = 0;
    if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) skip = 3;
    else if (b[0] === 0xff && b[1] === 0xfe) [encoding, skip] = ['utf-16le', 2];
    else if (b[0] === 0xfe && b[1] === 0xff) [encoding, skip] = ['utf-16be', 2];
    else if (b.length >= 4 && b[0] !== 0 && b[1] === 0 && b[2] !== 0 && b[3] === 0) encoding = 'utf-16le';
    else if (b.length >= 4 && b[0] === 0 && b[1] !== 0 && b[2] === 0 && b[3] !== 0) encoding = 'utf-16be';
    try {
      text = new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(b.subarray(skip));
    } catch {
      throw new LoadError(name, null, null, `not ${encoding === 'utf-8' ? 'UTF-8' : encoding.toUpperCase()} text (kube-traffic reads UTF-8, and UTF-16 with a byte-order mark)`);
    }
  }
  return text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
}

/**
 * Inputs to be loaded more than once, such as again with the kubeconfig context's namespace
 * once the first load showed objects without one: each file is decoded and parsed the first
 * time {@link loadObjects} reads it (so errors come in file order, as from one load), and its
 * documents serve every later load instead of a second parse. The documents are not changed by
 * loading (objects placed in a namespace are copies).
 *
 * @example
 * ```ts
 * const inputs = new ParsedInputs([{ name: 'a.yaml', text }]);
 * loadObjects(inputs); loadObjects(inputs, { defaultNamespace: 'shop' }); // parsed once
 * ```
 */
export class ParsedInputs {
  readonly #documents: ParsedDocuments[] = [];

  constructor(readonly texts: readonly NamedText[]) {}

  /** The documents of the i-th input, parsed on first use. */
  documents(i: number): ParsedDocuments {
    const input = this.texts[i]!;
    return (this.#documents[i] ??= parseDocuments(input.name, decodeText(input.name, input.text)));
  }
}

/**
 * Parses every input (unless given {@link ParsedInputs} that hold it parsed), keeps the kinds the commands read, places objects without a namespace,
 * and merges objects given more than once.
 *
 * @param texts - the files, in the order given on the command line (or the same as {@link ParsedInputs})
 * @param options - the default namespace
 * @returns Services, EndpointSlices, Nodes and Pods, in input order, and notes on what was left out
 * @throws {@link LoadError} naming the file, document and line of the first problem;
 *   {@link InputError} for two different versions of one object
 * @example
 * ```ts
 * loadObjects([{ name: '-', text: '{"kind":"List","items":[{"kind":"Node","metadata":{"name":"a"}}]}' }]).nodes.length;
 * // => 1
 * ```
 */
export function loadObjects(texts: readonly NamedText[] | ParsedInputs, options: LoadOptions = {}): LoadedObjects {
  const inputs = texts instanceof ParsedInputs ? texts : new ParsedInputs(texts);
  const out = { services: [] as KubeObject[], endpointSlices: [] as KubeObject[], nodes: [] as KubeObject[], pods: [] as KubeObject[] };
  const ignored: Record<string, number> = {};
  const beta: string[] = [];
  const seen = new Map<string, { obj: KubeObject; file: string; canonical?: string }>();
  const defaultNamespace = options.defaultNamespace ?? 'default';
  let defaulted = 0;
  for (let f = 0; f < inputs.texts.length; f++) {
    const { name } = inputs.texts[f]!;
    const parsed = inputs.documents(f);
    parsed.values.forEach((value, i) => {
      if (value === null || value === undefined) return; // an empty document, e.g. a trailing `---`
      classify(value, (problem) => {
        throw new LoadError(name, i + 1, parsed.line(i), problem);
      }, (found, kind, apiVersion) => {
        const wanted = KEPT[kind];
        if (wanted === undefined || (apiVersion !== null && apiVersion !== wanted)) {
          const label = `${kind}${apiVersion === null ? '' : ` (${apiVersion})`}`;
          ignored[label] = (ignored[label] ?? 0) + 1;
          if (kind === 'EndpointSlice' && apiVersion === 'discovery.k8s.io/v1beta1') beta.push(refOf(found, ''));
          return;
        }
        const obj = NAMESPACED.has(kind) ? withNamespace(found, defaultNamespace) : found;
        if (obj !== found) defaulted++;
        const objName = (obj['metadata'] as { name?: unknown } | undefined)?.name;
        if (typeof objName === 'string' && objName !== '') {
          const key = `${kind} ${refOf(obj, null)}`;
          const first = seen.get(key);
          if (first !== undefined) {
            first.canonical ??= canonical(first.obj);
            if (first.canonical === canonical(obj)) return; // the same object again: count it once
            throw new InputError(`${kind} ${refOf(obj, null)} is given twice with different contents, in ${first.file} and in ${name}${first.file === name ? ' (twice)' : ''}; keep one version`);
          }
          seen.set(key, { obj, file: name });
        }
        const bucket = kind === 'Service' ? out.services : kind === 'EndpointSlice' ? out.endpointSlices : kind === 'Node' ? out.nodes : out.pods;
        bucket.push(obj);
      });
    });
  }
  const notes: string[] = [];
  if (beta.length > 0) {
    const shown = beta.slice(0, 3).join(', ') + (beta.length > 3 ? `, … (${beta.length} in all)` : '');
    notes.push(`warning: ignored ${beta.length} discovery.k8s.io/v1beta1 EndpointSlice${beta.length === 1 ? '' : 's'} (${shown}): kube-proxy and the EndpointSlice controller read discovery.k8s.io/v1 (v1beta1 was removed in Kubernetes 1.25); dump them with kubectl get endpointslices.v1.discovery.k8s.io`);
  }
  const others = Object.entries(ignored).filter(([label]) => label !== 'EndpointSlice (discovery.k8s.io/v1beta1)');
  if (others.length > 0) {
    const total = others.reduce((n, [, c]) => n + c, 0);
    notes.push(`note: ignored ${total} object${total === 1 ? '' : 's'} no command reads: ${others.map(([label, c]) => `${c} ${label}`).join(', ')}`);
  }
  return { ...out, ignored, notes, defaulted };
}

function refOf(obj: KubeObject, fallbackNamespace: string | null): string {
  const m = isObject(obj['metadata']) ? obj['metadata'] : {};
  const name = typeof m['name'] === 'string' ? m['name'] : '';
  const ns = typeof m['namespace'] === 'string' ? m['namespace'] : fallbackNamespace;
  return ns === null || ns === '' ? name : `${ns}/${name}`;
}

/** The object with `metadata.namespace` set when it names none (a copy; the input is not changed). */
function withNamespace(obj: KubeObject, namespace: string): KubeObject {
  const m = obj['metadata'];
  if (isObject(m) && typeof m['namespace'] === 'string' && m['namespace'] !== '') return obj;
  if (m !== undefined && !isObject(m)) return obj; // malformed: the library names the path
  return { ...obj, metadata: { ...(m ?? {}), namespace } };
}

/** JSON with keys sorted at every level: equal for the same object whatever the key order of its file. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    isObject(v) ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, v[k]])) : v,
  );
}

/** The documents of one input file (see {@link ParsedInputs}). */
export interface ParsedDocuments {
  /** Each document's value, in file order. */
  readonly values: readonly unknown[];
  /**
   * First line of the i-th document, for problems found after parsing (null when unknown).
   * Computed only when asked: only a problem needs it, and scanning a large file's lines for
   * `---` costs more than the rest of the work after parsing.
   */
  readonly line: (i: number) => number | null;
}

// YAML 1.2's core schema (what the `yaml` package and Kubernetes' JSON-compatible subset agree
// on: no timestamps turned into dates) plus `<<` merge keys, which sigs.k8s.io/yaml honours.
const SCHEMA = yaml.CORE_SCHEMA.extend({ implicit: [(yaml as unknown as { types: { merge: yaml.Type } }).types.merge] });

/** JSON when the text starts like JSON (one document), else YAML (any number of documents). */
function parseDocuments(file: string, text: string): ParsedDocuments {
  const trimmed = text.trimStart();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    const value = parseJson(file, text);
    return { values: [value], line: () => lineOf(text, text.length - trimmed.length) };
  }
  let docs: unknown[];
  try {
    // `json: true`: a key given twice keeps the last value, as JSON.parse and kubectl do.
    docs = yaml.loadAll(text, undefined, { schema: SCHEMA, json: true, filename: file });
  } catch (e) {
    if (!(e instanceof yaml.YAMLException)) throw e;
    const line = e.mark === undefined ? null : e.mark.line + 1;
    throw new LoadError(file, line === null ? null : documentAt(text, line), line, e.reason || e.message.split('\n')[0]!);
  }
  if (mayHaveAliases(text)) docs.forEach((value, i) => checkAliases(file, i + 1, value));
  let starts: number[] | undefined;
  return {
    values: docs,
    line: (i) => {
      starts ??= documentStarts(text);
      return starts.length === docs.length ? starts[i]! : null;
    },
  };
}

/**
 * Whether the text may hold a YAML alias (`*name`). An alias is a node of its own, so its `*`
 * starts the text or follows white space, a flow indicator (`[`, `{`, `,`) or the `:` of a flow
 * mapping (`{"a":*x}`); a `*` anywhere else is inside a scalar (`'*.example.com'`, `a*b`). A
 * false yes (a scalar such as `a *b`) only costs the walk of {@link loadObjects}' alias check;
 * a false no cannot happen, so documents without aliases skip that walk over every value (on a
 * 12 MB dump it costs about a third of the parse).
 *
 * @example
 * ```ts
 * mayHaveAliases('a: &x [1]\nb: *x\n'); // => true
 * mayHaveAliases("hosts: ['*.example.com']\n"); // => false
 * ```
 */
export function mayHaveAliases(text: string): boolean {
  return text.includes('*') && /(?:^|[\s[{,:])\*/.test(text);
}

/** Lines where documents begin: line 1 unless the text opens with `---`, then each `---` line. */
function documentStarts(text: string): number[] {
  const starts: number[] = [];
  let line = 1;
  let pos = 0;
  while (pos <= text.length) {
    const end = text.indexOf('\n', pos);
    const l = text.slice(pos, end < 0 ? text.length : end);
    if (/^---(\s|$)/.test(l)) starts.push(line);
    // The first line of content before any `---` (comments and directives are not content).
    else if (starts.length === 0 && l.trim() !== '' && !l.trimStart().startsWith('#') && !l.startsWith('%')) starts.push(line);
    if (end < 0) break;
    pos = end + 1;
    line++;
  }
  return starts;
}

/** The 1-based document of a line: one more than the `---` separators before it that follow content. */
function documentAt(text: string, line: number): number {
  const starts = documentStarts(text);
  let doc = 0;
  for (const s of starts) if (s <= line) doc++;
  return Math.max(1, doc);
}

/**
 * Refuses a document whose aliases expand to more than {@link MAX_ALIAS_EXPANSION} values, or
 * refer to themselves. js-yaml shares one object for every use of an anchor, so the walk counts
 * each shared value's expanded size once (memoised) and stays linear in the text.
 */
function checkAliases(file: string, document: number, root: unknown): void {
  if (typeof root !== 'object' || root === null || !reachesAnyTwice(root)) return;
  const size = new Map<object, number>();
  const open = new Set<object>();
  let distinct = 0;
  let shared = false;
  // Post-order with an explicit stack: a deeply nested document must not overflow the call stack.
  const stack: [object, boolean][] = [[root, false]];
  while (stack.length > 0) {
    const [node, done] = stack.pop()!;
    if (done) {
      let n = 1;
      for (const child of Object.values(node)) n += typeof child === 'object' && child !== null ? size.get(child)! : 1;
      size.set(node, n);
      open.delete(node);
      continue;
    }
    if (size.has(node)) {
      shared = true;
      continue;
    }
    if (open.has(node)) throw new LoadError(file, document, null, 'a YAML alias refers to the node that contains it (a recursive document); Kubernetes objects cannot be recursive');
    open.add(node);
    distinct++;
    stack.push([node, true]);
    for (const child of Object.values(node)) {
      if (typeof child !== 'object' || child === null) continue;
      if (size.has(child)) shared = true;
      else if (open.has(child)) throw new LoadError(file, document, null, 'a YAML alias refers to the node that contains it (a recursive document); Kubernetes objects cannot be recursive');
      else stack.push([child, false]);
    }
  }
  if (!shared) return;
  const expanded = size.get(root)!;
  if (expanded > Math.max(MAX_ALIAS_EXPANSION, distinct * 10)) {
    throw new LoadError(file, document, null, `YAML aliases expand this document to ${expanded > 1e12 ? 'more than 10^12' : expanded.toLocaleString('en-US')} values (the limit is ${MAX_ALIAS_EXPANSION.toLocaleString('en-US')}); refusing it as an alias bomb`);
  }
}

/**
 * Whether a walk from `root` meets some object twice: a value shared by aliases, or one that
 * contains itself. Without either there is nothing to expand or refuse, and this walk (one set
 * insertion per object) costs about half of {@link checkAliases}' sizing walk.
 */
function reachesAnyTwice(root: object): boolean {
  const seen = new Set<object>();
  const stack: object[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (seen.has(node)) return true;
    seen.add(node);
    if (Array.isArray(node)) {
      for (const child of node as unknown[]) if (typeof child === 'object' && child !== null) stack.push(child);
    } else {
      for (const child of Object.values(node)) if (typeof child === 'object' && child !== null) stack.push(child);
    }
  }
  return false;
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
  try {
    yaml.load(text, { schema: SCHEMA, json: true });
    return null;
  } catch (e) {
    return e instanceof yaml.YAMLException && e.mark !== undefined ? e.mark.line + 1 : null;
  }
}

/**
 * 1-based line of a character offset.
 *
 * @example
 * ```ts
 * lineOf('a\nb', 2); // => 2
 * ```
 */
export function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/**
 * Walks one parsed document: a `List` (or `XxxList`, or a bare array) contributes its items,
 * recursively; an object with a `kind` is emitted with its `apiVersion` (items of a typed list
 * inherit the list's kind and apiVersion).
 */
function classify(root: unknown, fail: (problem: string) => never, emit: (obj: KubeObject, kind: string, apiVersion: string | null) => void): void {
  // An explicit stack, not recursion: a deeply nested document must give a LoadError, not a
  // stack overflow. Items are pushed in reverse so objects are emitted in document order.
  const stack: [unknown, string | null, string | null, string][] = [[root, null, null, '$']];
  while (stack.length > 0) {
    const [value, listKind, listVersion, path] = stack.pop()!;
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push([value[i], listKind, listVersion, `${path}[${i}]`]);
      continue;
    }
    if (!isObject(value)) fail(`${path}: expected a Kubernetes object (a mapping with kind), found ${value === null ? 'null' : typeof value}`);
    const kind = typeof value['kind'] === 'string' ? value['kind'] : listKind;
    const apiVersion = typeof value['apiVersion'] === 'string' ? value['apiVersion'] : listKind === null ? null : listVersion;
    const items = value['items'];
    if (kind !== null && /List$/.test(kind) && (Array.isArray(items) || items === null || items === undefined)) {
      // A generic `List` (apiVersion v1) holds any kinds, each with its own apiVersion; a typed
      // list's items are of its kind and group version.
      const typed = kind !== 'List';
      stack.push([items ?? [], typed ? kind.slice(0, -'List'.length) : null, typed ? apiVersion : null, `${path}.items`]);
      continue;
    }
    if (kind === null) fail(`${path}: object without kind`);
    emit(value, kind, apiVersion);
  }
}
