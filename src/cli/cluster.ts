/**
 * What the command needs from a live cluster, as an interface: `run` stays free of network
 * code and tests can hand it a fake. `live.ts` implements it with `@kubernetes/client-node`.
 *
 * @module
 */

/**
 * What to read from the cluster.
 *
 * @example
 * ```ts
 * const r: ClusterRequest = { context: 'prod', namespace: 'shop', pods: false };
 * ```
 */
export interface ClusterRequest {
  /** `--kubeconfig`: the file to use instead of `$KUBECONFIG` / `~/.kube/config`. */
  readonly kubeconfig?: string;
  /** `--context`: the kubeconfig context to use instead of the current one. */
  readonly context?: string;
  /** The namespace of the Services, EndpointSlices (and Pods) to list; `null` for all (`-A`); `undefined` for the context's. */
  readonly namespace: string | null | undefined;
  /** List Pods too (`--clients pods`). */
  readonly pods: boolean;
  /** Objects per page (`--chunk-size`, default 500). */
  readonly chunkSize?: number;
}

/**
 * One list as the API server sent it: the JSON text, and where it came from (for messages).
 *
 * @example
 * ```ts
 * const l: ClusterList = { source: 'GET /api/v1/namespaces/shop/services', text: '{"kind":"ServiceList",…}' };
 * ```
 */
export interface ClusterList {
  readonly source: string;
  readonly text: string;
}

/**
 * What was read: the lists (every page merged into one `List` per resource), the context's
 * namespace, and notes for standard error (`warning: cannot list nodes …`).
 *
 * @example
 * ```ts
 * const r: ClusterRead = { namespace: 'shop', lists: [], notes: [] };
 * ```
 */
export interface ClusterRead {
  readonly namespace: string | null;
  readonly lists: readonly ClusterList[];
  readonly notes: readonly string[];
  /** `false` when Nodes could not be listed (RBAC); the command then works from the nodes the EndpointSlices name. */
  readonly nodesReadable?: boolean;
}

/**
 * Access to live clusters through a kubeconfig.
 *
 * @example
 * ```ts
 * const access: ClusterAccess = { read: async () => ({ namespace: 'default', lists: [], notes: [] }), contextNamespace: async () => null };
 * ```
 */
export interface ClusterAccess {
  /** Lists what `request` asks for. Throws {@link ClusterError} with a one-line message. */
  readonly read: (request: ClusterRequest) => Promise<ClusterRead>;
  /** The namespace the kubeconfig's context names (`null` when there is no kubeconfig or it names none). */
  readonly contextNamespace: (request: Pick<ClusterRequest, 'kubeconfig' | 'context'>) => Promise<string | null>;
}

/**
 * The cluster could not be read: unreachable server, expired or missing credentials, a
 * forbidden list (with the verb and resource), an unknown context. Exit code 5.
 *
 * @example
 * ```ts
 * throw new ClusterError('forbidden: cannot list services in namespace "shop" (user "dev")');
 * ```
 */
export class ClusterError extends Error {
  override readonly name = 'ClusterError';
}
