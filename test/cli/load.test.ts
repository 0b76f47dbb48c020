/**
 * loadObjects: what kubectl prints and what people keep in files — every shape, encoding,
 * namespace defaulting, duplicates, kinds and versions, YAML aliases — and errors that name
 * file, document and line.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import yaml from 'js-yaml';
import { LoadError, MAX_ALIAS_EXPANSION, ParsedInputs, decodeText, loadObjects, mayHaveAliases } from '../../src/cli/load.js';
import { runIn, yamlDump } from './helpers.js';

const svc = (name: string, extra: Record<string, unknown> = {}) => ({ apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: 'ns' }, ...extra });
const names = (objs: readonly Record<string, unknown>[]) => objs.map((o) => (o['metadata'] as { namespace?: string; name: string })).map((m) => (m.namespace === undefined ? m.name : `${m.namespace}/${m.name}`));

describe('loadObjects', () => {
  it('sorts single objects, multi-document YAML and Lists by kind, in input order', () => {
    const yaml = `kind: Service\nmetadata: {name: a, namespace: ns}\n---\n---\nkind: List\nitems:\n- kind: Node\n  metadata: {name: n1}\n- kind: Pod\n  metadata: {name: p1}\n- kind: Deployment\n  apiVersion: apps/v1\n  metadata: {name: d}\n`;
    const json = JSON.stringify({ kind: 'List', items: [svc('b'), { kind: 'EndpointSlice', apiVersion: 'discovery.k8s.io/v1', metadata: { name: 'b-1' } }] });
    const r = loadObjects([{ name: 'a.yaml', text: yaml }, { name: 'b.json', text: json }]);
    expect(names(r.services)).toEqual(['ns/a', 'ns/b']);
    expect(r.nodes).toHaveLength(1);
    expect(r.pods).toHaveLength(1);
    expect(r.endpointSlices).toHaveLength(1);
    expect(r.ignored).toEqual({ 'Deployment (apps/v1)': 1 });
    expect(r.notes).toEqual(['note: ignored 1 object no command reads: 1 Deployment (apps/v1)']);
  });

  it('reads nested Lists and typed lists (ServiceList items carry no kind; they take the list\'s apiVersion)', () => {
    const text = JSON.stringify({ kind: 'List', items: [{ kind: 'List', items: [svc('x')] }, { kind: 'NodeList', apiVersion: 'v1', items: [{ metadata: { name: 'n' } }] }] });
    const r = loadObjects([{ name: 'l.json', text }]);
    expect(r.services).toHaveLength(1);
    expect(r.nodes).toHaveLength(1);
  });

  it('keeps only core/v1 Service and Node and discovery.k8s.io/v1 EndpointSlice; says what it left out', () => {
    const text = JSON.stringify({
      kind: 'List',
      items: [
        svc('web'),
        { apiVersion: 'serving.knative.dev/v1', kind: 'Service', metadata: { name: 'web', namespace: 'ns' } },
        { apiVersion: 'discovery.k8s.io/v1beta1', kind: 'EndpointSlice', metadata: { name: 'web-old', namespace: 'ns' } },
        { apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'web', namespace: 'ns' } },
        { kind: 'EndpointSliceList', apiVersion: 'discovery.k8s.io/v1beta1', items: [{ metadata: { name: 'web-b2', namespace: 'ns' } }] },
      ],
    });
    const r = loadObjects([{ name: 'k.json', text }]);
    expect(names(r.services)).toEqual(['ns/web']);
    expect(r.endpointSlices).toEqual([]);
    expect(r.notes).toEqual([
      'warning: ignored 2 discovery.k8s.io/v1beta1 EndpointSlices (ns/web-old, ns/web-b2): kube-proxy and the EndpointSlice controller read discovery.k8s.io/v1 (v1beta1 was removed in Kubernetes 1.25); dump them with kubectl get endpointslices.v1.discovery.k8s.io',
      'note: ignored 2 objects no command reads: 1 Service (serving.knative.dev/v1), 1 Endpoints (v1)',
    ]);
  });

  it('objects without a namespace go to the default namespace (-n, else "default"), as kubectl apply -f places them', () => {
    const text = 'apiVersion: v1\nkind: Service\nmetadata: {name: web}\n---\napiVersion: v1\nkind: Node\nmetadata: {name: n1}\n';
    const plain = loadObjects([{ name: 'm.yaml', text }]);
    expect(names(plain.services)).toEqual(['default/web']);
    expect(names(plain.nodes)).toEqual(['n1']); // Nodes have no namespace
    expect(plain.defaulted).toBe(1);
    expect(names(loadObjects([{ name: 'm.yaml', text }], { defaultNamespace: 'shop' }).services)).toEqual(['shop/web']);
  });

  it('ParsedInputs: a second load (another default namespace) reuses the parsed documents', () => {
    const bytes = new TextEncoder().encode('apiVersion: v1\nkind: Service\nmetadata: {name: web}\n---\napiVersion: v1\nkind: Node\nmetadata: {name: n1}\n');
    let reads = 0;
    const inputs = new ParsedInputs([{ name: 'm.yaml', get text() { reads++; return bytes; } }]);
    const first = loadObjects(inputs);
    const second = loadObjects(inputs, { defaultNamespace: 'shop' });
    expect(reads).toBe(1);
    expect([names(first.services), names(second.services), second.defaulted]).toEqual([['default/web'], ['shop/web'], 1]);
    expect(second).toEqual(loadObjects([{ name: 'm.yaml', text: bytes }], { defaultNamespace: 'shop' }));
    // Errors still come from the first load, in file order: b.yaml's parse error after a.yaml's own.
    const bad = new ParsedInputs([{ name: 'a.yaml', text: '- 1\n' }, { name: 'b.yaml', text: 'a: [\n' }]);
    expect(() => loadObjects(bad)).toThrow(/^a\.yaml: document 1, line 1: \$\[0\]: expected a Kubernetes object/);
  });

  it('the same object in two files counts once, whatever the key order; two versions are an error naming both files', () => {
    const a = JSON.stringify({ kind: 'List', items: [svc('web', { spec: { ports: [{ port: 80 }], type: 'ClusterIP' } }), { kind: 'Node', metadata: { name: 'n1' } }] });
    const b = 'kind: Service\napiVersion: v1\nspec:\n  type: ClusterIP\n  ports:\n  - port: 80\nmetadata:\n  namespace: ns\n  name: web\n---\nkind: Node\nmetadata: {name: n1}\n';
    const r = loadObjects([{ name: 'a.json', text: a }, { name: 'b.yaml', text: b }]);
    expect(r.services).toHaveLength(1);
    expect(r.nodes).toHaveLength(1);
    const changed = b.replace('port: 80', 'port: 81');
    expect(() => loadObjects([{ name: 'a.json', text: a }, { name: 'b.yaml', text: changed }])).toThrow(
      'Service ns/web is given twice with different contents, in a.json and in b.yaml; keep one version',
    );
  });

  it('a YAML syntax error names the file, the document and the line', () => {
    const text = `kind: Service\nmetadata: {name: a}\n---\nkind: Node\nmetadata:\n  name: [b\n  labels: x\n`;
    try {
      loadObjects([{ name: 'dump.yaml', text }]);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(LoadError);
      const err = e as LoadError;
      expect(err.file).toBe('dump.yaml');
      expect(err.document).toBe(2);
      expect(err.line).toBeGreaterThanOrEqual(6);
      expect(err.message).toMatch(/^dump\.yaml: document 2, line \d+: /);
    }
  });

  it('a file that opens with a comment: documents are still counted from its first content line', () => {
    const text = '# kubectl get svc,nodes -o yaml\n\nkind: Service\nmetadata: {name: a}\n---\nkind: Node\nmetadata:\n  name: [b\n';
    expect(() => loadObjects([{ name: 'c.yaml', text }])).toThrow(/^c\.yaml: document 2, line \d+: /);
  });

  it('a JSON syntax error names the line', () => {
    const text = '{\n  "kind": "List",\n  "items": [\n    {"kind": "Service",}\n  ]\n}\n';
    expect(() => loadObjects([{ name: 'dump.json', text }])).toThrow(/^dump\.json: document 1, line 4: invalid JSON/);
  });

  it('a document that is not an object, or an object without kind, is an input problem', () => {
    expect(() => loadObjects([{ name: 's.yaml', text: 'just a string\n' }])).toThrow(/s\.yaml: document 1, line 1: \$: expected a Kubernetes object/);
    expect(() => loadObjects([{ name: 'k.yaml', text: 'kind: List\nitems:\n- metadata: {name: x}\n' }])).toThrow(/\$\.items\[0\]: object without kind/);
    // The line is where that document starts, found only once there is a problem to report.
    expect(() => loadObjects([{ name: 'm.yaml', text: '# dump\nkind: Service\nmetadata: {name: a}\n---\nkind: Node\nmetadata: {name: n}\n---\n- 1\n' }])).toThrow(/^m\.yaml: document 3, line 7: \$\[0\]: expected a Kubernetes object/);
    expect(() => loadObjects([{ name: 'j.json', text: '\n\n  ["x"]' }])).toThrow(/^j\.json: document 1, line 3: \$\[0\]: expected/);
  });

  it('empty input and empty documents load nothing', () => {
    expect(loadObjects([{ name: 'e.yaml', text: '' }, { name: 'f.yaml', text: '---\n---\n' }]).services).toEqual([]);
  });

  it('timestamps stay strings (YAML core schema), a key given twice keeps the last value', () => {
    const r = loadObjects([{ name: 't.yaml', text: 'kind: Service\nmetadata:\n  name: a\n  name: b\n  creationTimestamp: 2026-01-01T00:00:00Z\n' }]);
    expect(r.services[0]!['metadata']).toEqual({ name: 'b', namespace: 'default', creationTimestamp: '2026-01-01T00:00:00Z' });
  });
});

describe('encodings', () => {
  const text = 'apiVersion: v1\r\nkind: Service\r\nmetadata:\r\n  name: web\r\n  namespace: ns\r\n  annotations:\r\n    note: |\r\n      two\r\n      lines\r\n';
  const utf16 = (s: string, be: boolean): Uint8Array => {
    const out = new Uint8Array(2 + s.length * 2);
    out.set(be ? [0xfe, 0xff] : [0xff, 0xfe]);
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      out[2 + 2 * i + (be ? 1 : 0)] = c & 0xff;
      out[2 + 2 * i + (be ? 0 : 1)] = c >> 8;
    }
    return out;
  };
  const expected = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'ns', annotations: { note: 'two\nlines\n' } } };

  it.each([
    ['UTF-8', new TextEncoder().encode(text)],
    ['UTF-8 with BOM', new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(text)])],
    ['UTF-16 LE with BOM (PowerShell >)', utf16(text, false)],
    ['UTF-16 BE with BOM', utf16(text, true)],
    ['UTF-16 LE without BOM', utf16(text, false).subarray(2)],
  ])('%s, CRLF line ends', (_name, bytes) => {
    expect(loadObjects([{ name: 'e.yaml', text: bytes }]).services).toEqual([expected]);
  });

  it('JSON with a BOM', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(JSON.stringify(expected))]);
    expect(loadObjects([{ name: 'e.json', text: bytes }]).services).toEqual([expected]);
    expect(loadObjects([{ name: 'e.json', text: utf16(JSON.stringify(expected), false) }]).services).toEqual([expected]);
  });

  it('bytes that are not UTF-8 are refused naming the file', () => {
    expect(() => decodeText('bin.yaml', new Uint8Array([0x6b, 0xc3, 0x28, 0x0a]))).toThrow('bin.yaml: not UTF-8 text (kube-traffic reads UTF-8, and UTF-16 with a byte-order mark)');
  });
});

describe('YAML anchors and aliases', () => {
  it('are honoured, merge keys too', () => {
    const text = 'kind: List\nitems:\n- &svc\n  kind: Service\n  metadata: &m {name: a, namespace: ns, labels: {app: x}}\n  spec: {ports: [{port: 80}]}\n- kind: Service\n  metadata:\n    <<: *m\n    name: b\n  spec: {ports: [{port: 80}]}\n';
    const r = loadObjects([{ name: 'a.yaml', text }]);
    expect(names(r.services)).toEqual(['ns/a', 'ns/b']);
    expect(r.services[1]!['metadata']).toEqual({ name: 'b', namespace: 'ns', labels: { app: 'x' } });
  });

  it('an alias that shares a value below the limit loads; the same file with a bomb in its second document is refused', () => {
    const text = 'kind: List\nitems:\n- kind: Service\n  metadata: {name: a, namespace: ns}\n  spec: &s {ports: [{port: 80}]}\n- kind: Service\n  metadata: {name: b, namespace: ns}\n  spec: *s\n';
    const r = loadObjects([{ name: 's.yaml', text }]);
    expect(names(r.services)).toEqual(['ns/a', 'ns/b']);
    expect(r.services[1]!['spec']).toEqual({ ports: [{ port: 80 }] });
    let bomb = '---\na0: &a0 [x, x, x, x, x, x, x, x, x, x]\n';
    for (let i = 1; i <= 9; i++) bomb += `a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]\n`;
    expect(() => loadObjects([{ name: 's.yaml', text: text + bomb }])).toThrow(/^s\.yaml: document 2: YAML aliases expand/);
  });

  it('past the limit, the file is refused as bad input naming it (an alias bomb), never an internal error', () => {
    let text = 'a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n';
    for (let i = 1; i <= 9; i++) text += `a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]\n`;
    text += 'kind: Service\nmetadata: {name: bomb}\n';
    expect(() => loadObjects([{ name: 'bomb.yaml', text }])).toThrow(/^bomb\.yaml: document 1: YAML aliases expand this document to [\d,]+ values \(the limit is 1,000,000\); refusing it as an alias bomb$/);
    expect(MAX_ALIAS_EXPANSION).toBe(1_000_000);
  });

  it('a recursive alias is refused', () => {
    expect(() => loadObjects([{ name: 'r.yaml', text: 'kind: Service\nmetadata: &m\n  self: *m\n' }])).toThrow(/r\.yaml: document 1: .*recursive/);
  });

  it('every place an alias can stand is seen, so the alias check runs (block, flow, JSON-like keys, tabs, complex keys)', () => {
    const withAliases = [
      'a: &x [1]\nb: *x\n',
      'a: &x 1\nb:\t*x\n',
      '- &x a\n- *x\n',
      '[&x 1, *x]\n',
      '[&x 1,*x]\n',
      '{"a": &x 1, "b":*x}\n',
      '{a: &x 1, b: [*x]}\n',
      '{a: &x 1, b: {*x : c}}\n',
      'a: &x k\n? *x\n: v\n',
    ];
    for (const text of withAliases) {
      const docs = yaml.loadAll(text, undefined, { schema: yaml.CORE_SCHEMA, json: true });
      expect(docs.length, text).toBe(1); // valid YAML, so the forms are real aliases
      expect(mayHaveAliases(text), text).toBe(true);
    }
    // A `*` inside a scalar is no alias; such dumps skip the walk.
    for (const text of ["hosts: ['*.example.com', \"*\"]\n", 'glob: a*b\n', 'note: |\n  a*\n', '{"a":"*"}']) expect(mayHaveAliases(text), text).toBe(false);
  });

  it('whatever js-yaml writes with shared values (anchors and aliases, block or flow), the check is not skipped', () => {
    // Scalars with `*`, `&`, `:` and spaces too: the dumper quotes what would read as an alias.
    const str = fc.stringMatching(/^[a-z *&:-]{0,6}$/);
    const key = fc.stringMatching(/^[a-z*][a-z0-9*-]{0,4}$/);
    const leaf = fc.oneof(str, fc.integer(), fc.constant(null), fc.boolean());
    const tree = fc.letrec((tie) => ({
      node: fc.oneof({ depthSize: 'small' }, leaf, fc.array(tie('node'), { maxLength: 4 }), fc.dictionary(key, tie('node'), { maxKeys: 4 })),
    })).node;
    fc.assert(
      fc.property(fc.dictionary(key, tree, { minKeys: 1, maxKeys: 4 }), fc.integer({ min: -1, max: 3 }), (obj, flowLevel) => {
        const shared = { shared: obj };
        const text = yaml.dump({ a: shared, b: [shared] }, { flowLevel, noRefs: false });
        const back = yaml.load(text, { schema: yaml.CORE_SCHEMA }) as { a: unknown; b: unknown[] };
        expect(back.a).toBe(back.b[0]); // js-yaml wrote an alias
        expect(mayHaveAliases(text)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('through the command: exit 2 naming the file', async () => {
    let text = 'a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n';
    for (let i = 1; i <= 9; i++) text += `a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]\n`;
    const r = await runIn(['explain', '-f', 'bomb.yaml'], { 'bomb.yaml': text });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/^error: bomb\.yaml: document 1: YAML aliases expand/);
  });
});

describe('-f as people use it', () => {
  it('-f DIR reads its .yaml/.yml/.json files in name order; -R also the directories inside', async () => {
    const files = {
      'd/b.yaml': 'apiVersion: v1\nkind: Service\nmetadata: {name: b, namespace: ns}\nspec: {clusterIP: 10.0.0.2, ports: [{port: 80}]}\n',
      'd/a.json': JSON.stringify(svc('a', { spec: { clusterIP: '10.0.0.1', ports: [{ port: 80 }] } })),
      'd/sub/c.yml': 'apiVersion: v1\nkind: Service\nmetadata: {name: c, namespace: ns}\nspec: {clusterIP: 10.0.0.3, ports: [{port: 80}]}\n',
      'd/notes.txt': 'not read',
    };
    const dirs = {
      d: [{ name: 'b.yaml', directory: false }, { name: 'a.json', directory: false }, { name: 'notes.txt', directory: false }, { name: 'sub', directory: true }],
      'd/sub': [{ name: 'c.yml', directory: false }],
    };
    const flat = await runIn(['explain', '-f', 'd', '-o', 'name'], files, { dirs });
    expect([flat.exitCode, flat.stdout]).toEqual([0, 'service/a\nservice/b\n']);
    const deep = await runIn(['explain', '-f', 'd', '-R', '-o', 'name'], files, { dirs });
    expect(deep.stdout).toBe('service/a\nservice/b\nservice/c\n');
  });

  it('the example dump twice counts each object once (no doubled node lists, no ambiguity)', async () => {
    const once = await runIn(['explain', '-f', yamlDump]);
    const twice = await runIn(['explain', '-f', yamlDump, '-f', yamlDump]);
    expect(twice.exitCode).toBe(0);
    expect(twice.stdout).toBe(once.stdout);
    const sim = await runIn(['simulate', 'web', '-f', yamlDump, '-f', yamlDump, '-o', 'json']);
    expect(sim.exitCode).toBe(0);
  });

  it('manifests without a namespace are found with -n, and are in "default" without it', async () => {
    const files = { 'm.yaml': 'apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec: {clusterIP: 10.0.0.1, ports: [{port: 80}]}\n' };
    expect((await runIn(['explain', '-f', 'm.yaml', '-n', 'shop'], files)).stdout).toMatch(/^shop\s+web\s/m);
    expect((await runIn(['explain', '-f', 'm.yaml'], files)).stdout).toMatch(/^default\s+web\s/m);
  });

  it('a left-out v1beta1 EndpointSlice is a warning on standard error, and --fail-on warning trips on it', async () => {
    const files = { 'b.yaml': 'apiVersion: discovery.k8s.io/v1beta1\nkind: EndpointSlice\nmetadata: {name: web-1, namespace: shop}\naddressType: IPv4\nendpoints: []\n' };
    const r = await runIn(['explain', '-f', yamlDump, '-f', 'b.yaml', '--fail-on', 'warning'], files);
    expect(r.stderr).toMatch(/^warning: ignored 1 discovery\.k8s\.io\/v1beta1 EndpointSlice \(shop\/web-1\)/);
    expect(r.stderr).toMatch(/^fail-on warning: .*ignored 1 discovery\.k8s\.io\/v1beta1 EndpointSlice/m);
    expect(r.exitCode).toBe(4);
  });
});
