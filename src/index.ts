/**
 * kube-traffic: Kubernetes Service traffic semantics as pure functions.
 *
 * Every public name is listed here explicitly.
 *
 * @packageDocumentation
 */

// kube-proxy's half: which endpoints a node may send a Service's traffic to.
export { categorizeEndpoints } from './proxy/categorize-endpoints.js';
export type { CategorizeInput, ProfiledInput } from './proxy/categorize-endpoints.js';
export { selectEndpoints } from './proxy/select-endpoints.js';
export type { SelectInput, ProfiledSelectInput } from './proxy/select-endpoints.js';
export { prepareService } from './proxy/prepare.js';
export { isLocal } from './proxy/is-local.js';
export type { LocalityOf } from './proxy/is-local.js';
export type { PrepareOptions, ProfiledPrepareOptions, PreparedService, Flow, QueryOptions } from './proxy/prepare.js';
export type {
  CategorizeResult,
  CategorizedEndpoints,
  NotProxiedResult,
  PortRef,
  FlowResult,
  FlowResultBase,
  HandledFlowResult,
  NotHandledFlowResult,
  SelectResult,
  FlowAction,
  HandledFlowAction,
  PolicySource,
  Via,
  From,
} from './proxy/types.js';
export type { TopologyMode, NoTopologyCause } from './proxy/topology-mode.js';
export type { PortPolicy } from './proxy/port-policy.js';
export type { NotProxiedReason } from './proxy/not-proxied.js';
export type { SkipReason } from './proxy/endpoints.js';
export { proxyAnnotationAllowsHints } from './proxy/release-rules.js';

// Deviation profiles: the same question as other data planes answer it.
export { PROFILES } from './profiles/names.js';
export type { ProfileName, ProfileId, ProfileInfo, ProfileOption, KubeProxyProfileOption, DataPlaneProfileOption } from './profiles/names.js';
export type { ProfileCategorized, ProfileFlowResult } from './profiles/types.js';
export type { PreparedProfileService } from './profiles/prepare.js';
export { compareProfiles } from './profiles/compare.js';
export { formatComparison } from './profiles/format.js';
export type { ProfileAnswer, ProfileComparison, ProfileDifference, ProfileReason } from './profiles/compare.js';

// The EndpointSlice controller's half: which topology hints it writes.
export { computeHints } from './controller/compute-hints.js';
export { decideHintsPath, isAutoAnnotation, topologyAnnotation } from './controller/precedence.js';
export type { HintsDecision } from './controller/precedence.js';
export { parseQuantity, addQuantities, toMillicores } from './controller/quantity.js';
export type { Quantity } from './controller/quantity.js';
export { OVERLOAD_THRESHOLD } from './controller/allocation.js';
export { CONTROLLER_NAME, MANAGED_BY_LABEL, serviceNotManaged, sliceExclusion } from './controller/ownership.js';
export type { NotManagedCause, SliceExclusion } from './controller/ownership.js';
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
  NotManagedOutcome,
  TrafficDistribution,
  TrafficDistributionCause,
  TrafficDistributionOutcome,
  ZoneAllocation,
  ZoneRatio,
} from './controller/types.js';

// Explanations.
export { EXPLANATION_CODES } from './explain/codes.js';
export type {
  ExplanationCode,
  ExplanationStep,
  Explanation,
  ExplanationData,
  StepOf,
  EndpointFacts,
  FlowData,
  ReleaseRuleName,
  ProfileStep,
  ProfileStepData,
  ProfileExplanation,
} from './explain/codes.js';
export type { KeptCopyReason } from './proxy/duplicates.js';
export { formatExplanation } from './explain/format.js';
export type { Explained } from './explain/format.js';

// Shared model.
export type { Endpoint } from './model/endpoint.js';
export { KubeTrafficError, isKubeTrafficError } from './model/errors.js';
export { EXPECTED_API_VERSIONS, kindMismatch } from './model/kinds.js';
export type { KindMismatch, ObjectKind } from './model/kinds.js';
export type { ErrorCode, InputProblem } from './model/errors.js';
export { GATE_NAMES, NEWEST_RELEASE, RELEASE_GATES, resolveGates } from './model/gates.js';
export type { GateName, GateOverrides, Gates, GateStage, GateState } from './model/gates.js';
export { RELEASES, KUBERNETES_VERSIONS, DEFAULT_KUBERNETES_VERSION, isKubernetesVersion } from './model/releases.js';
export type { KubernetesVersion, ReleaseRow, ReleaseBehaviour, TopologyAnnotationRule, DuplicateRule } from './model/releases.js';
export { parseKubernetesVersion } from './model/version.js';
export type { KubernetesVersionInput } from './model/version.js';
export {
  SERVICE_NAME_LABEL,
  ZONE_LABEL,
  SERVICE_PROXY_NAME_LABEL,
  HEADLESS_LABEL,
  TOPOLOGY_MODE_ANNOTATION,
  TOPOLOGY_AWARE_HINTS_ANNOTATION,
} from './model/labels.js';
export type {
  ServiceInput,
  ServicePortInput,
  LoadBalancerIngressInput,
  EndpointSliceInput,
  EndpointInput,
  EndpointPortInput,
  NamedHintInput,
  NodeInput,
  ClientNode,
  ObjectMetaInput,
  StringMap,
  ListInput,
  Collection,
  Nullable,
} from './model/input.js';
export { parseIP, endpointKey } from './util/ip.js';
export type { IPFamily, ParsedIP } from './util/ip.js';

// What-if simulation.
export { simulateTraffic } from './simulate/simulate-traffic.js';
export type {
  SimulateInput,
  SimulationResult,
  SimulatedEndpoint,
  SimulationNodeInput,
  ClientPodInput,
  ClientsInput,
  ClientClass,
  ClassTopology,
  ZoneMatrix,
  UnplacedClients,
  WarningThresholds,
  LoadBalancerTargets,
  LoadBalancerNode,
  LoadBalancerReason,
  ExcludedClientNode,
  AssumedNode,
} from './simulate/types.js';
export type { SimulationWarning, SimulationWarningCode, WarningLevel } from './simulate/warnings.js';
export type { Advice, AdviceFigures } from './simulate/advice.js';
export type { ClientToleration, NodeTaint } from './simulate/scheduling.js';
export { EXCLUDE_FROM_LB_LABEL } from './simulate/scheduling.js';
export { compareScenarios } from './simulate/scenarios.js';
export type { ScenarioComparison, ScenarioResult } from './simulate/scenarios.js';
export { applyScenarioChange, describeChange } from './simulate/changes.js';
export type { ScenarioChange } from './simulate/changes.js';
