/**
 * The EndpointSlice controller's half: topology hints. Every public name, listed explicitly.
 *
 * @module
 */
export { computeHints } from './compute-hints.js';
export { decideHintsPath, isAutoAnnotation, topologyAnnotation, type HintsDecision } from './precedence.js';
export { parseQuantity, addQuantities, toMillicores, type Quantity } from './quantity.js';
export { OVERLOAD_THRESHOLD } from './allocation.js';
export type {
  AddressType,
  AddressTypeOutcome,
  AutoCause,
  AutoOutcome,
  ComputeHintsInput,
  ComputeHintsResult,
  EndpointMove,
  HintsCause,
  HintsEvent,
  HintsEventReason,
  HintsOutcome,
  HintsPath,
  NoneCause,
  NoneOutcome,
  TrafficDistribution,
  TrafficDistributionCause,
  TrafficDistributionOutcome,
  ZoneAllocation,
  ZoneRatio,
} from './types.js';
