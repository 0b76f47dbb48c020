/**
 * Reading a live cluster: `@kubernetes/client-node` loads the kubeconfig and applies its
 * authentication (tokens, client certificates, exec credential plugins, OIDC, proxies) to each
 * request; the requests themselves are plain GETs whose JSON text goes to the loader exactly as
 * the API server sent it (no model class in between, so no field is dropped).
 *
 * Lists are paged (`limit` and `continue`, as kubectl does); an expired continue token (410
 * Gone) restarts the list. Where RBAC forbids listing Nodes, the command goes on without them
 * and says so. Every failure is one line ({@link ClusterError}).
 *
 * Loaded only when a command reads a cluster (main.ts imports it on demand); needs Node.js 22.19
 * or later, as client-node's HTTP stack (undici) does.
 *
 * @module
 */
import http from 'node:http';
import https from 'node:https';
import { KubeConfig } from '@kubernetes/client-node';
import { type ClusterAccess, ClusterError, type ClusterList, type ClusterRead, type ClusterRequest } from './cluster.js';

/** Items per page, as kubectl asks (`--chunk-size` default 500). */
export const PAGE_SIZE = 500;

/**
 * A connection to the cluster of one kubeconfig context.
 *
 * @example
 * ```ts
 * const c = connect({ context: 'kind-kind' });
 * const page = await c.get('/api/v1/nodes?limit=500');
 * ```
 */
export interface Connection {
  /** The context's name, its server and its namespace (null when it names none). */
  readonly context: string;
  readonly server: string;
  readonly namespace: string | null;
  readonly user: string;
  /** GET a path; resolves with the status and the body text, or throws ClusterError when the server cannot be reached. */
  readonly get: (path: string) => Promise<{ status: number; body: string }>;
  /** Opens a streaming GET (a watch); calls `onLine` for each line of the body. */
  readonly stream: (path: string, onLine: (line: string) => void, signal: AbortSignal) => Promise<{ status: number; body: string }>;
}

const message = (e: unknown): string => (e instanceof Error ? e.message : String(e)).split('\n')[0]!;

/**
 * Loads the kubeconfig (`--kubeconfig`, else `$KUBECONFIG`, else `~/.kube/config`) and picks
 * the context (`--context`, else the current one).
 *
 * @throws {@link ClusterError} when the kubeconfig cannot be read or the context is not in it
 * @example
 * ```ts
 * connect({ kubeconfig: '/tmp/kubeconfig', context: 'test' }).server; // => 'http://127.0.0.1:41234'
 * ```
 */
export function connect(req: Pick<ClusterRequest, 'kubeconfig' | 'context'>): Connection {
  const kc = new KubeConfig();
  try {
    if (req.kubeconfig !== undefined) kc.loadFromFile(req.kubeconfig);
    else kc.loadFromDefault();
  } catch (e) {
    throw new ClusterError(`cannot read the kubeconfig${req.kubeconfig === undefined ? '' : ` ${req.kubeconfig}`}: ${message(e)}`);
  }
  if (req.context !== undefined) {
    if (kc.getContextObject(req.context) === null) {
      const names = kc.getContexts().map((c) => c.name);
      throw new ClusterError(`context "${req.context}" is not in the kubeconfig; its contexts: ${names.length === 0 ? 'none' : names.join(', ')}`);
    }
    kc.setCurrentContext(req.context);
  }
  const contextName = kc.getCurrentContext();
  const context = kc.getContextObject(contextName);
  const cluster = kc.getCurrentCluster();
  if (cluster === null) {
    throw new ClusterError(contextName === '' || context === null
      ? 'the kubeconfig has no current context; choose one with --context or kubectl config use-context'
      : `context "${contextName}" names cluster "${context.cluster}", which is not in the kubeconfig`);
  }
  const server = cluster.server.replace(/\/+$/, '');
  const user = kc.getCurrentUser()?.name ?? '';

  const open = async (path: string): Promise<{ url: URL; options: https.RequestOptions }> => {
    const url = new URL(server + path);
    const options: https.RequestOptions = { method: 'GET', headers: { Accept: 'application/json' } };
    try {
      await kc.applyToHTTPSOptions(options);
    } catch (e) {
      throw new ClusterError(`cannot get credentials for user "${user}" of context "${contextName}": ${message(e)}`);
    }
    return { url, options };
  };
  const unreachable = (e: unknown): ClusterError => {
    const code = typeof e === 'object' && e !== null && 'code' in e ? String((e as { code: unknown }).code) : '';
    return new ClusterError(`cannot reach the API server ${server} (context "${contextName}"): ${code !== '' && !message(e).includes(code) ? `${code} ` : ''}${message(e)}`);
  };
  const request = async (path: string, onData: ((chunk: string) => void) | null, signal?: AbortSignal): Promise<{ status: number; body: string }> => {
    const { url, options } = await open(path);
    const mod = url.protocol === 'https:' ? https : http;
    return new Promise((resolve, reject) => {
      const req = mod.request(url, { ...options, ...(signal !== undefined && { signal }) }, (res) => {
        res.setEncoding('utf8');
        let body = '';
        const status = res.statusCode ?? 0;
        res.on('data', (chunk: string) => {
          if (onData !== null && status === 200) onData(chunk);
          else body += chunk;
        });
        res.on('end', () => resolve({ status, body }));
        res.on('error', (e) => reject(signal?.aborted === true ? e : unreachable(e)));
      });
      req.on('error', (e) => reject(signal?.aborted === true ? e : unreachable(e)));
      if (onData === null) req.setTimeout(30_000, () => req.destroy(Object.assign(new Error('no answer within 30 s'), { code: 'ETIMEDOUT' })));
      req.end();
    });
  };
  return {
    context: contextName,
    server,
    namespace: context?.namespace !== undefined && context.namespace !== '' ? context.namespace : null,
    user,
    get: (path) => request(path, null),
    stream: (path, onLine, signal) => {
      let buffer = '';
      return request(path, (chunk) => {
        buffer += chunk;
        let nl: number;
        while ((nl = buffer.indexOf('\n')) >= 0) {
          const line = buffer.slice(0, nl);
          buffer = buffer.slice(nl + 1);
          if (line.trim() !== '') onLine(line);
        }
      }, signal);
    },
  };
}

/** The resources the commands read, with their API paths. */
export const RESOURCES = {
  services: { group: '/api/v1', name: 'services', namespaced: true, label: 'services' },
  endpointslices: { group: '/apis/discovery.k8s.io/v1', name: 'endpointslices', namespaced: true, label: 'endpointslices.discovery.k8s.io' },
  nodes: { group: '/api/v1', name: 'nodes', namespaced: false, label: 'nodes' },
  pods: { group: '/api/v1', name: 'pods', namespaced: true, label: 'pods' },
} as const;

/** A resource the commands read. */
export type Resource = keyof typeof RESOURCES;

/**
 * The collection path of a resource in a namespace (`null`: all namespaces).
 *
 * @example
 * ```ts
 * collectionPath('services', 'shop'); // => '/api/v1/namespaces/shop/services'
 * ```
 */
export function collectionPath(resource: Resource, namespace: string | null): string {
  const r = RESOURCES[resource];
  return `${r.group}${r.namespaced && namespace !== null ? `/namespaces/${encodeURIComponent(namespace)}` : ''}/${r.name}`;
}

/** The `Status` object of an error answer, when it has one. */
function statusOf(body: string): { message?: string; reason?: string; code?: number } | null {
  try {
    const s = JSON.parse(body) as { kind?: unknown; message?: unknown; reason?: unknown; code?: unknown };
    if (s.kind !== 'Status') return null;
    return { ...(typeof s.message === 'string' && { message: s.message }), ...(typeof s.reason === 'string' && { reason: s.reason }), ...(typeof s.code === 'number' && { code: s.code }) };
  } catch {
    return null;
  }
}

/**
 * An error answer as one line: forbidden with the verb and resource, expired credentials, or
 * the server's own message.
 *
 * @example
 * ```ts
 * answerError(c, 'list', 'services', 'shop', 403, body).message; // => 'forbidden: user "dev" cannot list services in namespace "shop": …'
 * ```
 */
export function answerError(c: Connection, verb: string, resource: Resource, namespace: string | null, status: number, body: string): ClusterError {
  const s = statusOf(body);
  const where = RESOURCES[resource].namespaced ? (namespace === null ? ' in all namespaces' : ` in namespace "${namespace}"`) : '';
  if (status === 401) {
    return new ClusterError(`the API server ${c.server} did not accept the credentials of user "${c.user}" (401 Unauthorized${s?.message === undefined ? '' : `: ${s.message}`}); they may have expired: log in again or refresh the kubeconfig`);
  }
  if (status === 403) {
    return new ClusterError(`forbidden: user "${c.user}" may not ${verb} ${RESOURCES[resource].label}${where} (context "${c.context}")${s?.message === undefined ? '' : `: ${s.message}`}`);
  }
  return new ClusterError(`${verb} ${RESOURCES[resource].label}${where}: the API server answered ${status}${s?.reason === undefined ? '' : ` ${s.reason}`}${s?.message === undefined ? '' : `: ${s.message}`}`);
}

/**
 * Lists a resource, every page, as the API server's JSON texts (one per page).
 *
 * @returns the pages and the list's resourceVersion (for a watch to start from)
 * @throws {@link ClusterError} for an error answer
 * @example
 * ```ts
 * const { pages, resourceVersion } = await listAll(c, 'services', 'shop');
 * ```
 */
export async function listAll(c: Connection, resource: Resource, namespace: string | null, pageSize = PAGE_SIZE): Promise<{ pages: ClusterList[]; resourceVersion: string }> {
  const path = collectionPath(resource, namespace);
  let restarted = false;
  for (;;) {
    const pages: ClusterList[] = [];
    let token = '';
    let resourceVersion = '';
    let expired = false;
    do {
      const query = `?limit=${pageSize}${token === '' ? '' : `&continue=${encodeURIComponent(token)}`}`;
      const answer = await c.get(path + query);
      if (answer.status === 410 && token !== '' && !restarted) {
        expired = true; // the continue token expired between pages: list again from the start
        break;
      }
      if (answer.status !== 200) throw answerError(c, 'list', resource, namespace, answer.status, answer.body);
      let meta: { continue?: unknown; resourceVersion?: unknown } = {};
      try {
        meta = ((JSON.parse(answer.body) as { metadata?: typeof meta }).metadata ?? {});
      } catch {
        throw new ClusterError(`list ${RESOURCES[resource].label}: the API server's answer is not JSON`);
      }
      pages.push({ source: `GET ${path}${pages.length === 0 && typeof meta.continue !== 'string' ? '' : ` (page ${pages.length + 1})`}`, text: answer.body });
      token = typeof meta.continue === 'string' ? meta.continue : '';
      if (typeof meta.resourceVersion === 'string') resourceVersion = meta.resourceVersion;
    } while (token !== '');
    if (!expired) return { pages, resourceVersion };
    restarted = true;
  }
}

/**
 * What a command needs from the cluster, listed: Services and EndpointSlices of the namespace
 * (all with `-A`), Nodes, and Pods when asked. A forbidden Node list is a warning, not an error.
 *
 * @example
 * ```ts
 * const read = await readCluster(connect({}), { namespace: 'shop', pods: false });
 * ```
 */
export async function readCluster(c: Connection, request: ClusterRequest): Promise<ClusterRead & { resourceVersions: Partial<Record<Resource, string>>; nodesReadable: boolean }> {
  const namespace = request.namespace === undefined ? (c.namespace ?? 'default') : request.namespace;
  const lists: ClusterList[] = [];
  const notes: string[] = [];
  const resourceVersions: Partial<Record<Resource, string>> = {};
  const wanted: Resource[] = ['services', 'endpointslices', 'nodes', ...(request.pods ? (['pods'] as const) : [])];
  let nodesReadable = true;
  const results = await Promise.allSettled(wanted.map((r) => listAll(c, r, namespace, request.chunkSize)));
  results.forEach((res, i) => {
    const resource = wanted[i]!;
    if (res.status === 'fulfilled') {
      lists.push(...res.value.pages);
      resourceVersions[resource] = res.value.resourceVersion;
      return;
    }
    const e = res.reason as unknown;
    if (resource === 'nodes' && e instanceof ClusterError && e.message.startsWith('forbidden:')) {
      nodesReadable = false;
      notes.push(`warning: cannot list nodes (${e.message.replace(/^forbidden: /, 'forbidden: ')}); going on without Node objects: client nodes are the nodes the EndpointSlices name, zones come from the endpoints, and topology-mode Auto hints (which need node CPU) cannot be computed`);
      return;
    }
    throw e;
  });
  return { namespace, lists, notes, resourceVersions, nodesReadable };
}

/**
 * The {@link ClusterAccess} main.ts hands to `run`.
 *
 * @example
 * ```ts
 * const access = liveCluster(process.env);
 * ```
 */
export function liveCluster(_env: Readonly<Record<string, string | undefined>>): ClusterAccess {
  return {
    read: async (request) => readCluster(connect(request), request),
    contextNamespace: async (request) => connect(request).namespace,
  };
}
