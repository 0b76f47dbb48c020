/**
 * A loopback Kubernetes API server for the live-cluster tests, written from the API's
 * documented list and watch protocol (API Concepts: "Efficient detection of changes",
 * "Retrieving large results sets in chunks", "Watch bookmarks"):
 *
 * - HTTPS with a self-signed certificate (the kubeconfig carries its CA), bearer-token auth:
 *   an unknown token is 401 with a `Status`;
 * - collection GETs for Services, Pods (core/v1), Nodes and EndpointSlices
 *   (discovery.k8s.io/v1), namespaced or across namespaces, as typed lists (`ServiceList`;
 *   items without kind/apiVersion, as the API server sends them) with `metadata.resourceVersion`;
 * - paging: `limit` gives at most that many items and a `continue` token (the list is served
 *   from the snapshot the first page was taken at); a token can be made to expire (410 Gone,
 *   reason `Expired`);
 * - `watch=1` from a `resourceVersion`: a stream of `{"type","object"}` lines (ADDED, MODIFIED,
 *   DELETED, BOOKMARK when `allowWatchBookmarks=true`); a resourceVersion older than the
 *   server keeps is answered with an `ERROR` event holding a 410 `Status` (reason `Expired`);
 * - RBAC: a token may be denied a resource (403 with a `Status` naming verb and resource);
 * - discovery (`/api`, `/apis`, `/api/v1`, `/apis/discovery.k8s.io/v1`, `/version`) so kubectl
 *   itself can talk to it.
 *
 * Scripted changes (`apply`, `remove`) bump the resourceVersion and reach every open watch.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { type IncomingMessage, type ServerResponse } from 'node:http';
import { type Server, createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

type Obj = Record<string, unknown> & { metadata: { name: string; namespace?: string; resourceVersion?: string } };

/** A resource the fake serves. */
export type FakeResource = 'services' | 'endpointslices' | 'nodes' | 'pods';

const KIND: Record<FakeResource, { kind: string; apiVersion: string; namespaced: boolean }> = {
  services: { kind: 'Service', apiVersion: 'v1', namespaced: true },
  pods: { kind: 'Pod', apiVersion: 'v1', namespaced: true },
  nodes: { kind: 'Node', apiVersion: 'v1', namespaced: false },
  endpointslices: { kind: 'EndpointSlice', apiVersion: 'discovery.k8s.io/v1', namespaced: true },
};
const RESOURCE_OF: Record<string, FakeResource> = { Service: 'services', Pod: 'pods', Node: 'nodes', EndpointSlice: 'endpointslices' };

interface Event {
  readonly rv: number;
  readonly type: 'ADDED' | 'MODIFIED' | 'DELETED';
  readonly resource: FakeResource;
  readonly object: Obj;
}

/** What a test can set on the fake. */
export interface FakeOptions {
  /** Bearer tokens and the resources each may not list or watch. */
  readonly tokens?: Record<string, { readonly deny?: readonly FakeResource[]; readonly user?: string }>;
}

/** A request the fake received, for assertions (method, path with query). */
export interface Received {
  readonly path: string;
  readonly token: string | null;
  /** When it arrived (`Date.now()`), to measure a client's back-off. */
  readonly at: number;
  /** The server was down (`goDown`): the connection was cut without an answer. */
  readonly refused: boolean;
}

export interface FakeApiServer {
  readonly url: string;
  /** PEM of the certificate authority (the self-signed certificate). */
  readonly ca: string;
  readonly received: Received[];
  /** Adds or replaces an object (by kind, namespace, name); returns the new resourceVersion. */
  apply(obj: Record<string, unknown>): number;
  /** Deletes an object. */
  remove(kind: string, namespace: string | null, name: string): number;
  /**
   * Makes the next continue token given for `resource` (e.g. `services`) answer 410 Expired. Per
   * resource, because a client lists several resources at once and which continues first is a race.
   */
  expireNextContinue(resource: string): void;
  /** Forgets events up to now: a watch from a resourceVersion older than the current one gets 410. */
  compact(): void;
  /** Ends every open watch stream (as an API server does at its watch timeout). */
  closeWatches(): void;
  /**
   * The connection is lost: every open watch stream is cut mid-stream (no clean end), and until
   * {@link FakeApiServer.comeUp} every request's connection is cut before any answer, as when
   * the API server or the network between goes away.
   */
  goDown(): void;
  /** Answers requests again after {@link FakeApiServer.goDown}. */
  comeUp(): void;
  /** Sends a BOOKMARK to every open watch that asked for them. */
  bookmark(): void;
  /** Writes a kubeconfig for this server with the given token; returns its path. */
  kubeconfig(token: string, options?: { namespace?: string; context?: string }): string;
  close(): Promise<void>;
}

/**
 * Starts the fake on 127.0.0.1 (a random port) serving `objects`.
 *
 * @example
 * ```ts
 * const api = await startFakeApiServer(objects, { tokens: { good: {}, 'no-nodes': { deny: ['nodes'] } } });
 * ```
 */
export async function startFakeApiServer(objects: readonly Record<string, unknown>[], options: FakeOptions = {}): Promise<FakeApiServer> {
  const dir = mkdtempSync(join(tmpdir(), 'kt-fake-api-'));
  const key = join(dir, 'key.pem');
  const cert = join(dir, 'cert.pem');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
  const ca = readFileSync(cert, 'utf8');
  const tokens = options.tokens ?? { good: {} };

  let rv = 1000;
  let compactedAt = 0;
  let expireContinue: string | null = null;
  let down = false;
  const store = new Map<string, { resource: FakeResource; object: Obj }>();
  const events: Event[] = [];
  const snapshots = new Map<string, Obj[]>();
  const watchers = new Set<{ res: ServerResponse; resource: FakeResource; namespace: string | null; bookmarks: boolean }>();
  const received: Received[] = [];

  const keyOf = (kind: string, ns: string | null | undefined, name: string): string => `${kind}/${ns ?? ''}/${name}`;
  const strip = (o: Obj): Obj => {
    const { kind: _k, apiVersion: _a, ...rest } = o;
    return rest as Obj;
  };
  const put = (raw: Record<string, unknown>, type: 'ADDED' | 'MODIFIED' | null): number => {
    const kind = String(raw['kind']);
    const resource = RESOURCE_OF[kind];
    if (resource === undefined) throw new Error(`fake API server: no resource for kind ${kind}`);
    rv++;
    const meta = { ...(raw['metadata'] as Obj['metadata']), resourceVersion: String(rv) };
    const object = { ...raw, metadata: meta } as Obj;
    const k = keyOf(kind, meta.namespace, meta.name);
    const existed = store.has(k);
    store.set(k, { resource, object });
    if (type !== null) emit({ rv, type: existed ? 'MODIFIED' : 'ADDED', resource, object });
    return rv;
  };
  const emit = (e: Event): void => {
    events.push(e);
    for (const w of watchers) {
      if (w.resource !== e.resource) continue;
      if (w.namespace !== null && e.object.metadata.namespace !== w.namespace) continue;
      w.res.write(`${JSON.stringify({ type: e.type, object: { kind: KIND[e.resource].kind, apiVersion: KIND[e.resource].apiVersion, ...e.object } })}\n`);
    }
  };
  for (const o of objects) put(o, null);

  const status = (res: ServerResponse, code: number, reason: string, message: string, details?: Record<string, unknown>): void => {
    res.writeHead(code, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, ...(details !== undefined && { details }), code }));
  };
  const json = (res: ServerResponse, body: unknown): void => {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(body));
  };

  const discovery: Record<string, unknown> = {
    '/version': { major: '1', minor: '33', gitVersion: 'v1.33.1-fake', platform: 'linux/amd64' },
    '/api': { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: '127.0.0.1' }] },
    '/apis': { kind: 'APIGroupList', apiVersion: 'v1', groups: [{ name: 'discovery.k8s.io', versions: [{ groupVersion: 'discovery.k8s.io/v1', version: 'v1' }], preferredVersion: { groupVersion: 'discovery.k8s.io/v1', version: 'v1' } }] },
    '/api/v1': {
      kind: 'APIResourceList', groupVersion: 'v1',
      resources: [
        { name: 'services', singularName: 'service', namespaced: true, kind: 'Service', verbs: ['get', 'list', 'watch'], shortNames: ['svc'] },
        { name: 'nodes', singularName: 'node', namespaced: false, kind: 'Node', verbs: ['get', 'list', 'watch'], shortNames: ['no'] },
        { name: 'pods', singularName: 'pod', namespaced: true, kind: 'Pod', verbs: ['get', 'list', 'watch'], shortNames: ['po'] },
      ],
    },
    '/apis/discovery.k8s.io/v1': { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: 'discovery.k8s.io/v1', resources: [{ name: 'endpointslices', singularName: 'endpointslice', namespaced: true, kind: 'EndpointSlice', verbs: ['get', 'list', 'watch'] }] },
  };

  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    const url = new URL(req.url ?? '/', 'https://127.0.0.1');
    const auth = req.headers.authorization;
    const token = auth?.startsWith('Bearer ') === true ? auth.slice(7) : null;
    received.push({ path: url.pathname + url.search, token, at: Date.now(), refused: down });
    if (down) {
      req.socket.destroy();
      return;
    }
    const who = token === null ? undefined : tokens[token];
    if (who === undefined) return status(res, 401, 'Unauthorized', 'Unauthorized');
    const user = who.user ?? `user-${token}`;
    if (req.method !== 'GET') return status(res, 405, 'MethodNotAllowed', `${req.method} is not supported by this fake`);
    if (discovery[url.pathname] !== undefined) return json(res, discovery[url.pathname]);
    const m = /^\/(?:api\/v1|apis\/discovery\.k8s\.io\/v1)(?:\/namespaces\/([^/]+))?\/(services|endpointslices|nodes|pods)$/.exec(url.pathname);
    const resource = m?.[2] as FakeResource | undefined;
    if (m === null || resource === undefined || (resource === 'endpointslices') !== url.pathname.startsWith('/apis/')) return status(res, 404, 'NotFound', `the server could not find the requested resource (${url.pathname})`);
    const namespace = m[1] === undefined ? null : decodeURIComponent(m[1]);
    const watch = url.searchParams.get('watch') === '1' || url.searchParams.get('watch') === 'true';
    const verb = watch ? 'watch' : 'list';
    const group = resource === 'endpointslices' ? 'discovery.k8s.io' : '';
    if (who.deny?.includes(resource) === true) {
      return status(res, 403, 'Forbidden', `${resource}${group === '' ? '' : `.${group}`} is forbidden: User "${user}" cannot ${verb} resource "${resource}" in API group "${group}"${KIND[resource].namespaced ? (namespace === null ? ' at the cluster scope' : ` in the namespace "${namespace}"`) : ' at the cluster scope'}`, { kind: resource, ...(group !== '' && { group }) });
    }
    if (watch) return startWatch(req, res, resource, namespace, url);
    // A list: from a snapshot when continuing, so pages are consistent (as etcd serves them).
    const limit = Number(url.searchParams.get('limit') ?? '0');
    const cont = url.searchParams.get('continue');
    let items: Obj[];
    let offset = 0;
    let listRv = String(rv);
    if (cont !== null) {
      if (expireContinue === resource) {
        expireContinue = null;
        return status(res, 410, 'Expired', 'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter.');
      }
      const [snap, off] = Buffer.from(cont, 'base64url').toString().split(':');
      const snapshot = snapshots.get(snap ?? '');
      if (snapshot === undefined) return status(res, 400, 'BadRequest', 'invalid continue token');
      items = snapshot;
      offset = Number(off);
      listRv = snap!.split('/')[0]!;
    } else {
      items = [...store.values()].filter((e) => e.resource === resource && (namespace === null || e.object.metadata.namespace === namespace)).map((e) => e.object);
    }
    const page = limit > 0 ? items.slice(offset, offset + limit) : items.slice(offset);
    const more = limit > 0 && offset + limit < items.length;
    let next: string | undefined;
    if (more) {
      const snap = `${listRv}/${resource}/${namespace ?? ''}`;
      snapshots.set(snap, items);
      next = Buffer.from(`${snap}:${offset + limit}`).toString('base64url');
    }
    json(res, {
      kind: `${KIND[resource].kind}List`,
      apiVersion: KIND[resource].apiVersion,
      metadata: { resourceVersion: listRv, ...(next !== undefined && { continue: next, remainingItemCount: items.length - offset - limit }) },
      items: page.map(strip),
    });
  };

  const startWatch = (req: IncomingMessage, res: ServerResponse, resource: FakeResource, namespace: string | null, url: URL): void => {
    const from = Number(url.searchParams.get('resourceVersion') ?? '0');
    const bookmarks = url.searchParams.get('allowWatchBookmarks') === 'true';
    res.writeHead(200, { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' });
    if (from !== 0 && from < compactedAt) {
      // The documented answer to a too-old resourceVersion on an established watch: an ERROR
      // event whose object is a 410 Status, then the end of the stream.
      res.end(`${JSON.stringify({ type: 'ERROR', object: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: `too old resource version: ${from} (${compactedAt})`, reason: 'Expired', code: 410 } })}\n`);
      return;
    }
    const w = { res, resource, namespace, bookmarks };
    for (const e of events) {
      if (e.rv <= from || e.resource !== resource) continue;
      if (namespace !== null && e.object.metadata.namespace !== namespace) continue;
      res.write(`${JSON.stringify({ type: e.type, object: { kind: KIND[e.resource].kind, apiVersion: KIND[e.resource].apiVersion, ...e.object } })}\n`);
    }
    watchers.add(w);
    req.on('close', () => watchers.delete(w));
  };

  const server: Server = createServer({ key: readFileSync(key), cert: readFileSync(cert) }, handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    ca,
    received,
    apply: (obj) => put(obj, 'ADDED'),
    remove: (kind, namespace, name) => {
      const k = keyOf(kind, namespace, name);
      const e = store.get(k);
      if (e === undefined) throw new Error(`fake API server: no ${k}`);
      store.delete(k);
      rv++;
      emit({ rv, type: 'DELETED', resource: e.resource, object: { ...e.object, metadata: { ...e.object.metadata, resourceVersion: String(rv) } } });
      return rv;
    },
    goDown: () => {
      down = true;
      for (const w of watchers) w.res.socket?.destroy();
      watchers.clear();
    },
    comeUp: () => {
      down = false;
    },
    expireNextContinue: (resource) => {
      expireContinue = resource;
    },
    compact: () => {
      // As etcd's compaction at the current revision: a watch must start at or after it.
      compactedAt = rv;
      events.length = 0;
    },
    closeWatches: () => {
      for (const w of watchers) w.res.end();
      watchers.clear();
    },
    bookmark: () => {
      for (const w of watchers) {
        if (w.bookmarks) w.res.write(`${JSON.stringify({ type: 'BOOKMARK', object: { kind: KIND[w.resource].kind, apiVersion: KIND[w.resource].apiVersion, metadata: { resourceVersion: String(rv), annotations: { 'k8s.io/initial-events-end': 'true' } } } })}\n`);
      }
    },
    kubeconfig: (token, o = {}) => {
      const context = o.context ?? 'fake';
      const path = join(dir, `kubeconfig-${token}-${context}.yaml`);
      writeFileSync(path, [
        'apiVersion: v1',
        'kind: Config',
        'clusters:',
        '- name: fake',
        '  cluster:',
        `    server: ${url}`,
        `    certificate-authority-data: ${Buffer.from(ca).toString('base64')}`,
        'users:',
        `- name: ${token}`,
        '  user:',
        `    token: ${token}`,
        'contexts:',
        `- name: ${context}`,
        '  context:',
        '    cluster: fake',
        `    user: ${token}`,
        ...(o.namespace === undefined ? [] : [`    namespace: ${o.namespace}`]),
        `current-context: ${context}`,
        '',
      ].join('\n'));
      return path;
    },
    close: async () => {
      for (const w of watchers) w.res.destroy();
      watchers.clear();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
