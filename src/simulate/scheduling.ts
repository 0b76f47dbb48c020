/**
 * Where client Pods can run: a node that is schedulable and whose `NoSchedule` / `NoExecute`
 * taints the clients tolerate, as the scheduler's `NodeUnschedulable` and `TaintToleration`
 * filter plugins decide. And whether a node is left out of cloud load balancers by its label.
 *
 * @module
 * @internal
 */
import { type Rec, type Reader, at, isRec, refuseMisplaced } from '../model/read.js';

/**
 * A node taint as the simulator reads it (`spec.taints[]`).
 *
 * @category simulation
 * @example
 * ```ts
 * const t: NodeTaint = { key: 'node-role.kubernetes.io/control-plane', value: '', effect: 'NoSchedule' };
 * ```
 */
export interface NodeTaint {
  readonly key: string;
  readonly value: string;
  readonly effect: string;
}

/**
 * A toleration of the client Pods (core/v1 `Toleration`: `key`, `operator` `Equal` or `Exists`,
 * `value`, `effect` `NoSchedule`, `PreferNoSchedule`, `NoExecute` or absent for every effect; an
 * empty key with `Exists` tolerates every taint). Other operators and effects are refused, as
 * Kubernetes refuses them.
 *
 * @category simulation
 * @example
 * ```ts
 * const t: ClientToleration = { key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' };
 * ```
 */
export interface ClientToleration {
  readonly key?: string | null;
  readonly operator?: 'Equal' | 'Exists' | null;
  readonly value?: string | null;
  readonly effect?: string | null;
}

/**
 * The label that keeps a node out of cloud load balancers' backend pools (the service
 * controller's `ExcludeLoadBalancerLabel`, `k8s.io/cloud-provider/controllers/service`).
 *
 * @category simulation
 * @example
 * ```ts
 * EXCLUDE_FROM_LB_LABEL; // => 'node.kubernetes.io/exclude-from-external-load-balancers'
 * ```
 */
export const EXCLUDE_FROM_LB_LABEL = 'node.kubernetes.io/exclude-from-external-load-balancers';

/**
 * The taint the scheduler's `NodeUnschedulable` plugin treats `spec.unschedulable` as
 * (`v1.TaintNodeUnschedulable`): Pods tolerating it may still land on a cordoned node.
 */
const UNSCHEDULABLE_TAINT: NodeTaint = { key: 'node.kubernetes.io/unschedulable', value: '', effect: 'NoSchedule' };

/**
 * Reads a node's `spec.taints` and its load-balancer exclusion label.
 *
 * @example
 * ```ts
 * readSchedulingFacts(reader, node, '$.nodes[0]'); // => { taints: [...], excludedFromLoadBalancers: false }
 * ```
 */
export function readSchedulingFacts(reader: Reader, raw: Rec, path: string): { taints: NodeTaint[]; excludedFromLoadBalancers: boolean } {
  const taints: NodeTaint[] = [];
  const spec = isRec(raw['spec']) ? raw['spec'] : undefined;
  const list = spec?.['taints'];
  if (Array.isArray(list)) {
    list.forEach((t, i) => {
      const p = at(at(at(path, 'spec'), 'taints'), i);
      if (!isRec(t)) {
        reader.fail('invalid-type', p, 'a taint { key, value?, effect }', t);
        return;
      }
      const key = reader.string(t, 'key', p);
      const value = reader.string(t, 'value', p);
      const effect = reader.string(t, 'effect', p);
      if (key === undefined || effect === undefined) return;
      taints.push({ key, value: value ?? '', effect });
    });
  } else if (list !== undefined && list !== null) {
    reader.fail('invalid-type', at(at(path, 'spec'), 'taints'), 'an array of taints', list);
  }
  const meta = isRec(raw['metadata']) ? raw['metadata'] : raw;
  const labels = isRec(meta['labels']) ? meta['labels'] : {};
  // The service controller checks that the label exists; its value does not matter.
  return { taints, excludedFromLoadBalancers: Object.prototype.hasOwnProperty.call(labels, EXCLUDE_FROM_LB_LABEL) };
}

/** The effects a core/v1 Toleration may name; `''` tolerates every effect. */
const EFFECTS: readonly string[] = ['', 'NoSchedule', 'PreferNoSchedule', 'NoExecute'];

/**
 * Reads `$.clientTolerations` (default: none). `tolerations` (a Pod spec's spelling) is refused
 * at `$.tolerations`, and an effect Kubernetes would refuse at `$.clientTolerations[i].effect`.
 *
 * @example
 * ```ts
 * readTolerations(reader, { clientTolerations: [{ operator: 'Exists' }] }); // => [{ key: '', operator: 'Exists', value: '', effect: '' }]
 * ```
 */
export function readTolerations(reader: Reader, input: Rec): Required<{ [K in keyof ClientToleration]: string }>[] {
  // A Pod spec's spelling: ignored, the client Pods would tolerate nothing and tainted nodes
  // would lose their clients.
  refuseMisplaced(reader, input, '$', ['tolerations'], "the client Pods' tolerations go in clientTolerations");
  const list = input['clientTolerations'];
  if (list === undefined || list === null) return [];
  if (!Array.isArray(list)) {
    reader.fail('invalid-type', '$.clientTolerations', 'an array of tolerations', list);
    return [];
  }
  const out: Required<{ [K in keyof ClientToleration]: string }>[] = [];
  list.forEach((t, i) => {
    const p = at('$.clientTolerations', i);
    if (!isRec(t)) {
      reader.fail('invalid-type', p, 'a toleration { key?, operator?, value?, effect? }', t);
      return;
    }
    const operator = reader.string(t, 'operator', p) ?? 'Equal';
    if (operator !== 'Equal' && operator !== 'Exists') reader.fail('invalid-value', at(p, 'operator'), 'Equal or Exists', operator);
    const effect = reader.string(t, 'effect', p) ?? '';
    // core/v1 validation (validateTolerations) admits these only; another spelling ('noschedule')
    // would match no taint, as if the toleration were not there.
    if (!EFFECTS.includes(effect)) reader.fail('invalid-value', at(p, 'effect'), "NoSchedule, PreferNoSchedule, NoExecute or '' (every effect)", effect);
    out.push({ key: reader.string(t, 'key', p) ?? '', operator, value: reader.string(t, 'value', p) ?? '', effect });
  });
  return out;
}

/**
 * Whether a toleration tolerates a taint, as `Toleration.ToleratesTaint` in `k8s.io/api/core/v1`
 * decides: the effect (when set) and the key (when set) must match, then `Exists` matches any
 * value and `Equal` (the default) only the same value.
 *
 * @example
 * ```ts
 * tolerates({ key: '', operator: 'Exists', value: '', effect: '' }, taint); // => true
 * ```
 */
export function tolerates(t: Required<{ [K in keyof ClientToleration]: string }>, taint: NodeTaint): boolean {
  if (t.effect !== '' && t.effect !== taint.effect) return false;
  if (t.key !== '' && t.key !== taint.key) return false;
  if (t.operator === 'Exists') return true;
  return t.value === taint.value;
}

/**
 * Why client Pods cannot run on a node, or `null` when they can: the node is unschedulable, or it
 * has a `NoSchedule` / `NoExecute` taint no client toleration tolerates (`PreferNoSchedule` only
 * discourages, so it does not count).
 *
 * @example
 * ```ts
 * whyNoClients({ schedulable: true, taints: [controlPlaneTaint] }, []); // => 'taint node-role.kubernetes.io/control-plane:NoSchedule not tolerated'
 * ```
 */
export function whyNoClients(node: { readonly schedulable: boolean; readonly taints: readonly NodeTaint[] }, tolerations: readonly Required<{ [K in keyof ClientToleration]: string }>[]): string | null {
  const taints = node.schedulable ? node.taints : [UNSCHEDULABLE_TAINT, ...node.taints];
  for (const taint of taints) {
    if (taint.effect !== 'NoSchedule' && taint.effect !== 'NoExecute') continue;
    if (tolerations.some((t) => tolerates(t, taint))) continue;
    if (taint === UNSCHEDULABLE_TAINT) return 'unschedulable (cordoned)';
    return `taint ${taint.key}${taint.value === '' ? '' : `=${taint.value}`}:${taint.effect} not tolerated`;
  }
  return null;
}
