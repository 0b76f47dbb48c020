/**
 * Explanations of the controller's decision, built from the decision record it produced: the
 * path chosen by precedence (and why), the Auto algorithm's zone allocation, safeguards, kept
 * slices and moves, and the event upstream records.
 *
 * @module
 * @internal
 */
import { type ExplanationStep, step } from '../explain/codes.js';
import type { NotManagedCause } from './ownership.js';
import { OVERLOAD_THRESHOLD } from './allocation.js';
import type { HintsDecision } from './precedence.js';
import type { OtherSlice } from './read-input.js';
import type { AddressTypeOutcome, AutoOutcome } from './types.js';

/** What the explanation needs of the Service. */
export interface HintsExplainInput {
  /** The path precedence chose, or `not-managed` when the controller does not manage the Service (controller.md §0). */
  readonly decision: HintsDecision | { readonly path: 'not-managed'; readonly cause: NotManagedCause };
  /** Input slices that are not the controller's, returned as given. */
  readonly otherSlices: readonly OtherSlice[];
  /** The annotation value that decided (`topology-aware-hints` wins whenever present), if any. */
  readonly annotation: string | undefined;
  readonly trafficDistribution: string | undefined;
  readonly outcomes: readonly AddressTypeOutcome[];
  /** Slice names by input position, for naming kept slices and moved endpoints. */
  readonly sliceName: (index: number) => string;
  /** How many ready endpoints carry hints after reconciling, per address type. */
  readonly hinted: (addressType: string) => number;
}

const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;

function autoSteps(o: AutoOutcome, input: HintsExplainInput): ExplanationStep[] {
  const out: ExplanationStep[] = [];
  const t = o.addressType;
  out.push(
    step('hints-topology-auto', `${t}: topology-mode Auto: ${o.readyEndpoints} ready endpoint(s) are allocated to ${o.zones.length} zone(s) in proportion to allocatable CPU.`, {
      addressType: t,
      readyEndpoints: o.readyEndpoints,
      // Copies of the outcome's zone ratios, frozen like the rest of a step.
      zones: Object.freeze(o.zones.map((z) => Object.freeze({ zone: z.zone, cpuMillicores: z.cpuMillicores, ratio: z.ratio }))),
    }),
  );
  for (const a of o.allocations) {
    out.push(
      step(
        'hints-zone-allocation',
        `${t}: zone ${a.zone}: ${pct(a.ratio)} of CPU (${a.cpuMillicores}m) → desired ${a.desired.toFixed(2)}, minimum ${a.minimum}, maximum ${a.maximum ?? '–'}; ${a.assigned} endpoint(s) hinted.`,
        { addressType: t, ...a },
      ),
    );
  }
  if (o.cause !== 'hints-allocated') {
    const minimums = o.allocations.reduce((sum, a) => sum + a.minimum, 0);
    const why: Record<Exclude<AutoOutcome['cause'], 'hints-allocated'>, string> = {
      'insufficient-node-info': 'a ready worker node lacks a zone label or allocatable CPU, or fewer than two zones have counted nodes',
      'nodes-in-one-zone': 'all counted nodes are in one zone',
      'fewer-endpoints-than-zones': `there are fewer ready endpoints (${o.readyEndpoints}) than zones (${o.zones.length})`,
      'minimum-exceeds-endpoints': `each zone needs at least desired/${1 + OVERLOAD_THRESHOLD} endpoints to stay under the ${pct(OVERLOAD_THRESHOLD)} overload threshold, and those minimums add up to ${minimums} > ${o.readyEndpoints} ready endpoints`,
      'endpoint-without-zone': 'a ready endpoint being assigned has no zone',
      'no-hints-allocated': 'no hint could be allocated',
    };
    out.push(
      step('hints-safeguard', `${t}: safeguard ${o.cause}: ${why[o.cause]}; every hint is removed.`, {
        addressType: t,
        cause: o.cause,
        readyEndpoints: o.readyEndpoints,
        zones: o.zones.length,
        minimums,
        overloadThreshold: OVERLOAD_THRESHOLD,
      }),
    );
  }
  for (const index of o.keptSlices) {
    out.push(step('hints-slice-kept', `${t}: slice ${input.sliceName(index)} keeps its existing hints: they name allocated zones and stay within each zone's maximum.`, { addressType: t, slice: input.sliceName(index) }));
  }
  for (const m of o.moves) {
    out.push(
      step('hints-endpoint-moved', `${t}: ${m.address ?? '(no address)'} in zone ${m.from} is hinted for zone ${m.to}, which needs more endpoints than it has.`, {
        addressType: t,
        slice: input.sliceName(m.slice),
        endpoint: m.endpoint,
        from: m.from,
        to: m.to,
      }, m.address !== null ? { endpoint: m.address } : {}),
    );
  }
  return out;
}

/** The explanation of one `computeHints` call. */
export function explainHints(input: HintsExplainInput): readonly ExplanationStep[] {
  const out: ExplanationStep[] = [];
  const { decision, annotation, trafficDistribution } = input;
  // §2.3: the decision says whether the annotation won: Auto ran, or its gate removed every hint.
  const annotationEnabled = decision.path === 'topology-auto' || (decision.path === 'none' && decision.gate === 'TopologyAwareHints');
  if (annotationEnabled && trafficDistribution !== undefined && annotation !== undefined) {
    out.push(
      step('hints-annotation-precedence', `The topology annotation (${annotation}) is enabled, so trafficDistribution: ${trafficDistribution} is not consulted.`, {
        annotation,
        trafficDistribution,
      }),
    );
  }
  if (decision.path === 'not-managed') {
    const why =
      decision.cause === 'external-name'
        ? 'the Service is of type ExternalName, so the EndpointSlice controller writes no slices for it'
        : 'the Service has no selector, so its slices come from elsewhere (the mirroring controller or a user)';
    out.push(
      step('hints-service-not-managed', `Not managed: ${why}; every slice is returned as given and no event is recorded.`, {
        cause: decision.cause,
        slices: input.otherSlices.length,
      }),
    );
  } else {
    for (const other of input.otherSlices) {
      const why: Record<OtherSlice['reason'], string> = {
        'other-service': 'its kubernetes.io/service-name label or namespace is not the Service\'s',
        'other-manager': 'it is not labelled endpointslice.kubernetes.io/managed-by: endpointslice-controller.k8s.io',
        'pending-deletion': 'it has a deletionTimestamp (pending deletion)',
        fqdn: 'its addressType is FQDN',
        'service-not-managed': 'the Service is not managed',
      };
      out.push(
        step('hints-slice-not-managed', `Slice ${other.name || `#${other.index}`} is not the controller's: ${why[other.reason]}; it keeps its hints exactly as given.`, {
          slice: other.name,
          index: other.index,
          reason: other.reason,
        }),
      );
    }
  }
  if (decision.path === 'none') {
    switch (decision.cause) {
      case 'gate-off':
        if (decision.gate !== null) {
          out.push(
            step('hints-gate-off', `The ${decision.gate} gate is off, so ${annotationEnabled ? 'topology-mode Auto' : `trafficDistribution: ${trafficDistribution ?? ''}`} has no effect: hints are removed.`, {
              gate: decision.gate,
            }),
          );
        }
        break;
      case 'value-not-usable':
        out.push(
          step('hints-value-not-usable', `trafficDistribution: ${JSON.stringify(trafficDistribution ?? '')} is not a value the controller acts on; it counts as unset and hints are removed.`, {
            trafficDistribution: trafficDistribution ?? '',
          }),
        );
        break;
      case 'annotation-disabled':
        out.push(
          step(
            'hints-removed',
            `The topology annotation is ${JSON.stringify(annotation ?? '')}, not Auto, and trafficDistribution is unset: no hints are written, existing ones are removed.`,
            annotation === undefined ? {} : { annotation },
          ),
        );
        break;
      case 'traffic-distribution-unset':
        out.push(step('hints-removed', 'Neither the topology annotation nor trafficDistribution is set: no hints are written, existing ones are removed.', {}));
        break;
    }
  }
  for (const o of input.outcomes) {
    // A loop, not push(...steps): moves grow with the endpoints, and spread arguments hit the stack limit.
    if (o.path === 'topology-auto') for (const s of autoSteps(o, input)) out.push(s);
    else if (o.path === 'traffic-distribution') {
      out.push(
        step(
          'hints-traffic-distribution',
          `${o.addressType}: trafficDistribution: ${o.trafficDistribution}: every ready endpoint is hinted for its own zone${o.trafficDistribution === 'PreferSameNode' ? ' and its own node' : ''} (no CPU proportions, no overload safeguard).`,
          { addressType: o.addressType, trafficDistribution: o.trafficDistribution, rewrittenSlices: o.rewrittenSlices.length },
        ),
      );
    }
    const hinted = input.hinted(o.addressType);
    out.push(step('hints-written', `${o.addressType}: ${hinted} ready endpoint(s) carry hints after reconciling; ${o.rewrittenSlices.length} slice(s) rewritten.`, {
      addressType: o.addressType,
      hintedReadyEndpoints: hinted,
      rewrittenSlices: o.rewrittenSlices.length,
    }));
    if (o.event !== null) {
      out.push(step('hints-event', `${o.addressType}: event ${o.event.type} ${o.event.reason}: ${o.event.message}`, { addressType: o.addressType, ...o.event }));
    }
  }
  return Object.freeze(out);
}
