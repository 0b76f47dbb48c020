/**
 * What the EndpointSlice controller touches at all (controller.md §0): whether it
 * manages a Service, and which of the Service's slices are its own. Every reader of the
 * controller half asks these two functions, so the rule lives here once.
 *
 * @module
 */
import { SERVICE_NAME_LABEL } from '../model/labels.js';
import { KubeTrafficError, describe, problem } from '../model/errors.js';
import { isRec, label } from '../model/read.js';

/**
 * Label naming the controller that manages an EndpointSlice
 * (`discovery.LabelManagedBy` upstream).
 *
 * @category controller
 * @example
 * ```ts
 * slice.metadata.labels[MANAGED_BY_LABEL]; // => 'endpointslice-controller.k8s.io'
 * ```
 */
export const MANAGED_BY_LABEL = 'endpointslice.kubernetes.io/managed-by';

/**
 * Value of {@link MANAGED_BY_LABEL} on the slices the EndpointSlice controller manages
 * (`ControllerName` in kubernetes `pkg/controller/endpointslice`).
 *
 * @category controller
 * @example
 * ```ts
 * CONTROLLER_NAME; // => 'endpointslice-controller.k8s.io'
 * ```
 */
export const CONTROLLER_NAME = 'endpointslice-controller.k8s.io';

/**
 * Why the controller leaves a whole Service alone (controller.md §0.1, §0.2):
 * - `external-name`: `spec.type` is `ExternalName`;
 * - `no-selector`: `spec.selector` is absent, `null` or `{}`; its slices are someone else's.
 *
 * @category controller
 * @example
 * ```ts
 * const why: NotManagedCause = 'no-selector';
 * ```
 */
export type NotManagedCause = 'external-name' | 'no-selector';

/**
 * Why one input slice is not among the controller's slices of the Service (controller.md
 * §0.3), so it is returned exactly as given:
 * - `other-service`: its `kubernetes.io/service-name` label is missing or names another Service,
 *   or it lives in another namespace;
 * - `other-manager`: its `endpointslice.kubernetes.io/managed-by` label is missing or names
 *   another manager (the mirroring controller, a user, a mesh);
 * - `pending-deletion`: it has a `metadata.deletionTimestamp`;
 * - `fqdn`: its `addressType` is `FQDN`, which the controller never writes.
 *
 * @category controller
 * @example
 * ```ts
 * const why: SliceExclusion = 'other-manager';
 * ```
 */
export type SliceExclusion = 'other-service' | 'other-manager' | 'pending-deletion' | 'fqdn';

/**
 * kubernetes `endpointslice_controller.go` `syncService`: an ExternalName Service gets no
 * slices, then a Service whose `Spec.Selector` is nil is left to whoever writes its slices. The
 * API server stores an empty selector as none (`selector,omitempty`), so `{}` counts as none.
 *
 * @param type - `spec.type` as given (`undefined` or `''` is the API default `ClusterIP`)
 * @param selector - `spec.selector` as given
 * @returns why the Service is not managed, or `null` when the controller reconciles it
 * @category controller
 * @example
 * ```ts
 * serviceNotManaged('ExternalName', { app: 'web' }); // => 'external-name'
 * serviceNotManaged('ClusterIP', {});                // => 'no-selector'
 * serviceNotManaged(undefined, { app: 'web' });      // => null
 * ```
 */
export function serviceNotManaged(type: string | undefined, selector: Readonly<Record<string, unknown>> | undefined): NotManagedCause | null {
  if (type === 'ExternalName') return 'external-name';
  if (selector === undefined || Object.keys(selector).length === 0) return 'no-selector';
  return null;
}

/**
 * The controller's slice selection: kubernetes `syncService` lists the Service's namespace with
 * the selector `kubernetes.io/service-name=<name>, endpointslice.kubernetes.io/managed-by=
 * endpointslice-controller.k8s.io`, then `dropEndpointSlicesPendingDeletion` drops slices with a
 * `deletionTimestamp`; FQDN slices are never the controller's. An absent namespace reads as `""`,
 * on the slice and on the Service alike (as kube-proxy's reader compares them).
 *
 * @param slice - the slice as given (only its `metadata` and `addressType` are read)
 * @param service - the Service's name and namespace
 * @returns why the slice is not the controller's, or `null` when it is
 * @throws {@link KubeTrafficError} (`invalid-type` at `$.service`) when `service` is not
 *   `{ name, namespace }` with two strings: every slice would otherwise read as another Service's
 * @category controller
 * @example
 * ```ts
 * const labels = { 'kubernetes.io/service-name': 'web', 'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io' };
 * sliceExclusion({ metadata: { namespace: 'shop', labels }, addressType: 'IPv4' }, { name: 'web', namespace: 'shop' }); // => null
 * sliceExclusion({ metadata: { namespace: 'shop', labels: { 'kubernetes.io/service-name': 'web' } } }, { name: 'web', namespace: 'shop' });
 * // => 'other-manager'
 * ```
 */
export function sliceExclusion(slice: unknown, service: { readonly name: string; readonly namespace: string }): SliceExclusion | null {
  if (!isRec(service) || typeof service.name !== 'string' || typeof service.namespace !== 'string') {
    throw new KubeTrafficError([problem('invalid-type', '$.service', "the Service's { name, namespace } (two strings)", describe(service))]);
  }
  const meta = isRec(slice) && isRec(slice['metadata']) ? slice['metadata'] : undefined;
  const labels = meta !== undefined && isRec(meta['labels']) ? meta['labels'] : undefined;
  const namespace = meta !== undefined && typeof meta['namespace'] === 'string' ? meta['namespace'] : '';
  if (label(labels, SERVICE_NAME_LABEL) !== service.name || namespace !== service.namespace) return 'other-service';
  if (label(labels, MANAGED_BY_LABEL) !== CONTROLLER_NAME) return 'other-manager';
  const deletion = meta?.['deletionTimestamp'];
  if (deletion !== undefined && deletion !== null) return 'pending-deletion';
  if (isRec(slice) && slice['addressType'] === 'FQDN') return 'fqdn';
  return null;
}
