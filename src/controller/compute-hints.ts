/**
 * `computeHints`: the hints the EndpointSlice controller writes on a Service's slices in one
 * reconcile, and why.
 *
 * @module
 */
import { anyHintsAfter, applySliceEdits, type SliceEdits } from './edits.js';
import { autoEvent } from './events.js';
import { runTopologyAuto } from './auto.js';
import { topologyAnnotation } from './precedence.js';
import { explainHints } from './explain.js';
import { readHintsInput, type ParsedInput, type ParsedSlice } from './read-input.js';
import { removeAllHints } from './remove.js';
import { applyTrafficDistribution } from './traffic-distribution.js';
import type { AddressType, AddressTypeOutcome, ComputeHintsInput, ComputeHintsResult, HintsOutcome } from './types.js';
import type { EndpointSliceInput } from '../model/input.js';
import { isRec } from '../model/read.js';

const ORDER: readonly AddressType[] = ['IPv4', 'IPv6'];

/**
 * Computes the topology hints the EndpointSlice controller (of `kubernetesVersion`, default the
 * newest code, which decides like 1.37) writes
 * on a Service's EndpointSlices in one reconcile, as a pure function.
 *
 * - The path follows controller.md §2: the topology annotation (`Auto`) wins, then
 *   a usable `spec.trafficDistribution`, else every hint is removed.
 * - Hints are computed per address type (IPv4 first, then IPv6) over that type's slices; the
 *   address types are those of the slices plus `spec.ipFamilies` (IPv4 when absent).
 * - Every input slice is an existing, *unchanged* slice (controller.md §6.1): acceptable hints are kept.
 * - The controller state is fresh: a successful Auto run records `TopologyAwareHintsEnabled`
 *   once per Service (the first address type that succeeds; a failure in between resets it, as
 *   upstream's `RemoveHints` does), and the "has been disabled" event never appears (controller.md §6.2).
 * - Only what upstream's controller touches is reconciled (controller.md §0): an
 *   `ExternalName` Service or one without a selector is not managed at all (path `not-managed`,
 *   no event), and of a managed Service only the slices labelled
 *   `kubernetes.io/service-name: <name>` and
 *   `endpointslice.kubernetes.io/managed-by: endpointslice-controller.k8s.io`, in its namespace
 *   and without a `deletionTimestamp`, are the controller's. Every other slice is returned
 *   exactly as given, in place, and is not read beyond its metadata.
 * - Nodes are read (and checked) only on the topology (Auto) path; `trafficDistribution` and
 *   removal never look at them.
 * - Nothing in the input is mutated; unchanged slices and endpoints are returned as the same
 *   objects. A changed endpoint is a new plain object with the endpoint's own enumerable
 *   string-keyed properties in the input's order (a `hints` key the endpoint did not have comes
 *   last; symbol keys are not copied); a changed slice is a shallow copy that keeps the input's
 *   prototype. Copies of one input shape share one shape in the engine and read back fast.
 * - Ties that upstream leaves to Go map order are broken by zone name (see `runTopologyAuto`).
 *
 * - Generic in the slice type: `V1EndpointSlice[]` (client-node), kubernetes-types
 *   `EndpointSlice[]` or `kubernetes-models` slices in give the same type out, no cast needed.
 *
 * @typeParam S - the caller's EndpointSlice type
 * @param input - `{ service, endpointSlices, nodes, gates, kubernetesVersion }`; collections may be arrays or List objects
 * @returns the slices after reconciling (of type `S`) and the outcome
 * @throws {KubeTrafficError} for malformed input (all problems, with JSON paths from `$`), e.g.
 *   `required` at `$.service.spec`, `invalid-quantity` at `$.nodes[3].status.allocatable.cpu`
 * @category controller
 * @example
 * ```ts
 * const { endpointSlices, outcome } = computeHints({
 *   service: { metadata: { name: 'web', namespace: 'shop' }, spec: { trafficDistribution: 'PreferClose' } },
 *   endpointSlices: [{
 *     metadata: { name: 'web-1', namespace: 'shop', labels: { 'kubernetes.io/service-name': 'web' } },
 *     addressType: 'IPv4',
 *     endpoints: [{ addresses: ['10.0.0.1'], conditions: { ready: true }, zone: 'zone-a' }],
 *   }],
 *   nodes: [],
 * });
 * endpointSlices[0]?.endpoints?.[0]?.hints; // => { forZones: [{ name: 'zone-a' }] }
 * outcome.path;   // => 'traffic-distribution'
 * outcome.reason; // => null
 * ```
 */
export function computeHints<S extends EndpointSliceInput = EndpointSliceInput>(input: ComputeHintsInput<S>): ComputeHintsResult<S> {
  return computeHintsFor(input) as ComputeHintsResult<S>;
}

function computeHintsFor(input: ComputeHintsInput): ComputeHintsResult {
  const parsed = readHintsInput(input);
  const { service, rules, decision } = parsed;
  if (service.notManaged !== null) return notManaged(parsed, service.notManaged, rules.kubernetesVersion);
  const others = (t: AddressType): boolean => hintedOthers(parsed, t) > 0;

  let hintsActive = false; // upstream's per-Service "hints populated" record (controller.md §3.8, §6.2), fresh at start
  const allEdits: SliceEdits[] = [];
  const outcomes: AddressTypeOutcome[] = [];

  // The address types of spec.ipFamilies and of the slices, IPv4 first (controller.md §1.5).
  for (const addressType of ORDER) {
    const slices = slicesOf(parsed.slices, addressType);
    if (slices.length === 0 && !service.addressTypes.includes(addressType)) continue;
    switch (decision.path) {
      case 'topology-auto': {
        // Read with the nodes, only on this path (readHintsInput): never null here.
        const run = runTopologyAuto(slices, parsed.zoneRatios ?? undefined);
        const success = run.cause === 'hints-allocated';
        // §3.8: Enabled only when not already recorded active; §3.2: Disabled on every failure.
        const event = success && hintsActive ? null : autoEvent(run.cause, addressType, run.readyEndpoints, run.zones.length);
        hintsActive = success;
        allEdits.push(run.edits);
        outcomes.push({
          path: 'topology-auto',
          addressType,
          cause: run.cause,
          hintsPresent: anyHintsAfter(slices, run.edits) || others(addressType),
          reason: event?.reason ?? null,
          event,
          rewrittenSlices: run.edits.rewritten(),
          readyEndpoints: run.readyEndpoints,
          zones: run.zones,
          allocations: run.allocations,
          keptSlices: run.keptSlices,
          moves: run.moves,
        });
        break;
      }
      case 'traffic-distribution': {
        const edits = applyTrafficDistribution(slices, decision.trafficDistribution, rules.emptyZoneHint);
        allEdits.push(edits);
        outcomes.push({
          path: 'traffic-distribution',
          addressType,
          cause: 'traffic-distribution-applied',
          trafficDistribution: decision.trafficDistribution,
          hintsPresent: anyHintsAfter(slices, edits) || others(addressType),
          reason: null, // §5.1: no events
          event: null,
          rewrittenSlices: edits.rewritten(),
        });
        break;
      }
      case 'none': {
        const edits = removeAllHints(slices);
        allEdits.push(edits);
        outcomes.push({
          path: 'none',
          addressType,
          cause: decision.cause,
          gate: decision.gate,
          hintsPresent: others(addressType),
          reason: null, // §4.2 (fresh state: no "has been disabled" event, §6.2)
          event: null,
          rewrittenSlices: edits.rewritten(),
        });
        break;
      }
    }
  }

  const summary = outcomes.find((o) => o.addressType === 'IPv4') ?? outcomes[0]!;
  const outcome: HintsOutcome = {
    path: summary.path,
    cause: summary.cause,
    hintsPresent: outcomes.some((o) => o.hintsPresent),
    reason: summary.reason,
    event: summary.event,
    byAddressType: outcomes,
    kubernetesVersion: rules.kubernetesVersion,
  };
  const endpointSlices = applySliceEdits(parsed.allSlices, allEdits);
  if (!parsed.explain) return { endpointSlices, outcome, kubernetesVersion: rules.kubernetesVersion };
  const explanation = explainHints({
    decision,
    annotation: topologyAnnotation(service.annotations),
    trafficDistribution: service.trafficDistribution,
    outcomes,
    sliceName: (index) => {
      const name = (parsed.allSlices[index]?.metadata?.name as string | null | undefined) ?? '';
      return name || `#${index}`;
    },
    hinted: (addressType) => countHintedReady(parsed.slices, endpointSlices, addressType) + hintedOthers(parsed, addressType),
    otherSlices: parsed.otherSlices,
  });
  return { endpointSlices, outcome, kubernetesVersion: rules.kubernetesVersion, explanation };
}

/** The slices of one address type, in order (the list itself when every slice is of that type, the common case). */
function slicesOf(slices: readonly ParsedSlice[], addressType: AddressType): readonly ParsedSlice[] {
  let n = 0;
  for (const s of slices) if (s.addressType === addressType) n++;
  if (n === slices.length) return slices;
  return n === 0 ? [] : slices.filter((s) => s.addressType === addressType);
}

/**
 * controller.md §0.1, §0.2: `syncService` returns before reconciling, so every slice is
 * returned as given and no event is recorded. One outcome per address type of the Service and
 * of the slices given, so callers read the same shape as on the other paths.
 */
function notManaged(parsed: ParsedInput, cause: NonNullable<ParsedInput['service']['notManaged']>, kubernetesVersion: ComputeHintsResult['kubernetesVersion']): ComputeHintsResult {
  const addressTypes = ORDER.filter((t) => parsed.service.addressTypes.includes(t) || parsed.otherSlices.some((s) => s.addressType === t));
  const outcomes: AddressTypeOutcome[] = addressTypes.map((addressType) => ({
    path: 'not-managed',
    addressType,
    cause,
    hintsPresent: hintedOthers(parsed, addressType) > 0,
    reason: null,
    event: null,
    rewrittenSlices: [],
  }));
  const outcome: HintsOutcome = {
    path: 'not-managed',
    cause,
    hintsPresent: outcomes.some((o) => o.hintsPresent),
    reason: null,
    event: null,
    byAddressType: outcomes,
    kubernetesVersion,
  };
  const endpointSlices = [...parsed.allSlices];
  if (!parsed.explain) return { endpointSlices, outcome, kubernetesVersion };
  const explanation = explainHints({
    decision: { path: 'not-managed', cause },
    annotation: topologyAnnotation(parsed.service.annotations),
    trafficDistribution: parsed.service.trafficDistribution,
    outcomes,
    sliceName: (index) => parsed.otherSlices.find((o) => o.index === index)?.name || `#${index}`,
    hinted: (addressType) => hintedOthers(parsed, addressType),
    otherSlices: parsed.otherSlices,
  });
  return { endpointSlices, outcome, kubernetesVersion, explanation };
}

/**
 * Ready endpoints carrying hints on the slices of `addressType` that are not the controller's,
 * as given (read leniently: these slices are not the controller's to check).
 */
function hintedOthers(parsed: ParsedInput, addressType: string): number {
  let n = 0;
  for (const other of parsed.otherSlices) n += other.addressType === addressType ? hintedReadyAsGiven(parsed.allSlices[other.index]) : 0;
  return n;
}

function hintedReadyAsGiven(slice: unknown): number {
  if (!isRec(slice) || !Array.isArray(slice['endpoints'])) return 0;
  let n = 0;
  for (const e of slice['endpoints'] as unknown[]) {
    if (isRec(e) && isRec(e['conditions']) && e['conditions']['ready'] === true && e['hints'] !== undefined && e['hints'] !== null) n++;
  }
  return n;
}

/** Ready endpoints of `addressType` that carry a hint in the result (for the explanation). */
function countHintedReady(slices: readonly ParsedSlice[], result: readonly EndpointSliceInput[], addressType: AddressType | string): number {
  let n = 0;
  for (const slice of slices) {
    if (slice.addressType !== addressType) continue;
    const endpoints = result[slice.index]?.endpoints ?? [];
    for (let i = 0; i < slice.endpoints.length; i++) if (slice.ready[i] && endpoints[i]?.hints != null) n++;
  }
  return n;
}
