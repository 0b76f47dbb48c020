/**
 * `computeHints`: the hints the EndpointSlice controller writes on a Service's slices in one
 * reconcile, and why.
 *
 * @module
 */
import { anyHintsAfter, applySliceEdits, type SliceEdits } from './edits.js';
import { autoEvent } from './events.js';
import { runTopologyAuto } from './auto.js';
import { decideHintsPath, topologyAnnotation } from './precedence.js';
import { explainHints } from './explain.js';
import { controllerReleaseRules } from './release-rules.js';
import { readHintsInput, type ParsedSlice } from './read-input.js';
import { removeAllHints } from './remove.js';
import { applyTrafficDistribution } from './traffic-distribution.js';
import type { AddressType, AddressTypeOutcome, ComputeHintsInput, ComputeHintsResult, HintsOutcome, ZoneRatio } from './types.js';
import { zoneCpuRatios } from './zones.js';
import type { EndpointSliceInput } from '../model/input.js';

const ORDER: readonly AddressType[] = ['IPv4', 'IPv6'];

/**
 * Computes the topology hints the EndpointSlice controller (of `kubernetesVersion`, default the
 * newest code, which behaves as 1.35) writes
 * on a Service's EndpointSlices in one reconcile, as a pure function.
 *
 * - The path follows controller-semantics section 2: the topology annotation (`Auto`) wins, then
 *   a usable `spec.trafficDistribution`, else every hint is removed.
 * - Hints are computed per address type (IPv4 first, then IPv6) over that type's slices; the
 *   address types are those of the slices plus `spec.ipFamilies` (IPv4 when absent).
 * - Every input slice is an existing, *unchanged* slice (section 8): acceptable hints are kept.
 * - The controller state is fresh: a successful Auto run records `TopologyAwareHintsEnabled`
 *   once per Service (the first address type that succeeds; a failure in between resets it, as
 *   upstream's `RemoveHints` does), and the "annotation switched off" event of 2.4 never appears.
 * - Slices that are not the Service's own (a different `kubernetes.io/service-name` label or
 *   namespace, another `endpointslice.kubernetes.io/managed-by`, or `FQDN`) are returned
 *   untouched in place and are not read beyond their metadata. Unlabelled slices count as own.
 * - Nothing in the input is mutated; unchanged slices and endpoints are returned as the same
 *   objects, changed ones as shallow copies.
 * - Ties that upstream leaves to Go map order are broken by zone name (see `runTopologyAuto`).
 *
 * @param input - `{ service, endpointSlices, nodes, gates, kubernetesVersion }`; collections may be arrays or List objects
 * @returns the slices after reconciling and the outcome
 * @throws {KubeTrafficError} for malformed input (all problems, with JSON paths from `$`), e.g.
 *   `required` at `$.service.spec`, `invalid-quantity` at `$.nodes[3].status.allocatable.cpu`
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
export function computeHints(input: ComputeHintsInput): ComputeHintsResult {
  const parsed = readHintsInput(input);
  const { service } = parsed;
  const rules = controllerReleaseRules(parsed.kubernetesVersion, parsed.gates);
  const gates = rules.gates;
  const decision = decideHintsPath(service.annotations, service.trafficDistribution, gates);

  const addressTypes = ORDER.filter((t) => service.addressTypes.includes(t) || parsed.slices.some((s) => s.addressType === t));
  const byType = (t: AddressType): ParsedSlice[] => parsed.slices.filter((s) => s.addressType === t);

  let ratios: readonly ZoneRatio[] | undefined | null = null; // computed once, only on the Auto path
  let hintsActive = false; // upstream's per-Service "hints populated" record (3.8.2), fresh at start
  const allEdits: SliceEdits[] = [];
  const outcomes: AddressTypeOutcome[] = [];

  for (const addressType of addressTypes) {
    const slices = byType(addressType);
    switch (decision.path) {
      case 'topology-auto': {
        if (ratios === null) ratios = zoneCpuRatios(parsed.nodes);
        const run = runTopologyAuto(slices, ratios);
        const success = run.cause === 'hints-allocated';
        // 3.8.2: Enabled only when not already recorded active; 3.2.7: Disabled on every failure.
        const event = success && hintsActive ? null : autoEvent(run.cause, addressType, run.readyEndpoints, run.zones.length);
        hintsActive = success;
        allEdits.push(run.edits);
        outcomes.push({
          path: 'topology-auto',
          addressType,
          cause: run.cause,
          hintsPresent: anyHintsAfter(slices, run.edits),
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
          hintsPresent: anyHintsAfter(slices, edits),
          reason: null, // 5.1: no events
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
          hintsPresent: false,
          reason: null, // 4.2 g, h (fresh state: no "has been disabled" event, 2.4)
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
    hinted: (addressType) => countHintedReady(parsed.slices, endpointSlices, addressType),
  });
  return { endpointSlices, outcome, kubernetesVersion: rules.kubernetesVersion, explanation };
}

/** Ready endpoints of `addressType` that carry a hint in the result (for the explanation). */
function countHintedReady(slices: readonly ParsedSlice[], result: readonly EndpointSliceInput[], addressType: AddressType | string): number {
  let n = 0;
  for (const slice of slices) {
    if (slice.addressType !== addressType) continue;
    const endpoints = result[slice.index]?.endpoints ?? [];
    slice.endpoints.forEach((ep, i) => {
      if (ep.ready && endpoints[i]?.hints != null) n++;
    });
  }
  return n;
}
