/**
 * Renders docs/releases.md from the release table (src/model/releases.ts). The test in
 * releases.test.ts checks the committed page equals this output, so the page cannot drift;
 * `UPDATE_RELEASE_DOCS=1 npx vitest run test/model` rewrites it.
 */
import { GATE_NAMES, type GateName, KUBERNETES_VERSIONS, type KubernetesVersion, NEWEST_RELEASE, RELEASES, type ReleaseRow } from '../../src/index.js';

const OLDEST = KUBERNETES_VERSIONS[0]!;
const NEWEST = NEWEST_RELEASE;

/** The first release in which `gate` is removed. */
function removedIn(gate: GateName): KubernetesVersion | undefined {
  return KUBERNETES_VERSIONS.find((v) => RELEASES[v].gates[gate].stage === 'removed');
}

function gateCell(gate: GateName, v: KubernetesVersion): string {
  const g = RELEASES[v].gates[gate];
  if (g.stage === 'absent') return '–';
  if (g.stage === 'removed') return removedIn(gate) === v ? '**removed** (always on)' : `– (removed in ${removedIn(gate)})`;
  return `${g.stage}, ${g.locked ? 'locked ' : ''}${g.enabled ? 'on' : 'off'}`;
}

type Aspect = readonly [string, (row: ReleaseRow) => string];

const optIn = (gate: string) => `only if ${gate} is turned on`;
/** A cell for a gate that is GA and locked on: the behaviour, and the footnote on overrides. */
const locked = (behaviour: string) => `${behaviour} (locked³)`;

const PROXY: readonly Aspect[] = [
  [
    'kube-proxy requires the topology annotation¹ before it uses zone hints',
    ({ behaviour: b, gates: g }) =>
      b.topologyAnnotation === 'required'
        ? 'yes'
        : b.topologyAnnotation === 'ignored'
          ? 'no'
          : g.ServiceTrafficDistribution.enabled
            ? 'no (yes if ServiceTrafficDistribution is turned off)'
            : 'yes (no if ServiceTrafficDistribution is turned on)',
  ],
  ['kube-proxy reads zone hints', ({ behaviour: b }) => (b.zoneHintsGated ? 'only with TopologyAwareHints on' : 'always')],
  ['client node without a zone label', ({ behaviour: b }) => (b.zoneLabelRequired ? 'zone hints refused' : 'zone `""`: matches only a hint named `""`')],
  [
    'node hints (`forNodes`), "same node" mode',
    ({ gates: g }) => {
      const s = g.PreferSameTrafficDistribution;
      return s.stage === 'absent' ? 'not supported' : !s.enabled ? optIn('PreferSameTrafficDistribution') : s.locked ? locked('on') : 'on by default';
    },
  ],
  [
    'serving-terminating fallback when nothing is ready',
    ({ behaviour: b }) => (b.terminatingFallbackGated ? 'on; off if ProxyTerminatingEndpoints is turned off (then such endpoints do not count at all)' : 'always'),
  ],
  [
    'LB ingress `ipMode: Proxy` makes the port externally reachable',
    ({ gates: g }) => {
      const s = g.LoadBalancerIPMode;
      return s.stage === 'absent'
        ? 'yes (ipMode not known)'
        : s.stage === 'removed'
          ? 'no (no gate can change it)'
          : !s.enabled
            ? 'yes (no if LoadBalancerIPMode is turned on)'
            : s.locked
              ? locked('no')
              : 'no (yes if LoadBalancerIPMode is turned off)';
    },
  ],
  [
    'traffic to `spec.externalIPs` handled by kube-proxy',
    ({ gates: g }) => {
      const s = g.AllowServiceExternalIPs;
      return s.stage === 'absent'
        ? 'yes (no gate)'
        : s.enabled
          ? 'yes; `not-handled` if AllowServiceExternalIPs is turned off² (the lists do not change)'
          : 'no (`not-handled`)²; yes if AllowServiceExternalIPs is turned on';
    },
  ],
  [
    'same `IP:port` in several slices',
    ({ behaviour: b }) =>
      b.duplicates === 'local-wins'
        ? "a later copy on kube-proxy's own node wins, else the first seen"
        : 'a later copy wins unless it is terminating (so a non-terminating copy beats a terminating one), on every node',
  ],
];

const CONTROLLER: readonly Aspect[] = [
  [
    'topology annotation (`Auto`/`auto`; `topology-aware-hints` wins whenever present)',
    ({ gates: g }) => {
      const s = g.TopologyAwareHints;
      return s.stage === 'removed' ? 'honoured (gate removed)' : !s.enabled ? optIn('TopologyAwareHints') : s.locked ? locked('honoured') : 'honoured; hints removed if TopologyAwareHints is turned off';
    },
  ],
  [
    '`trafficDistribution: PreferClose`',
    ({ gates: g }) => {
      const s = g.ServiceTrafficDistribution;
      return s.stage === 'absent'
        ? 'ignored (field unknown)'
        : !s.enabled
          ? optIn('ServiceTrafficDistribution')
          : s.stage === 'removed'
            ? 'same-zone hints (gate removed)'
            : s.locked
              ? locked('same-zone hints')
              : 'same-zone hints';
    },
  ],
  [
    '`PreferSameZone` / `PreferSameNode`',
    ({ gates: g }) => {
      const s = g.PreferSameTrafficDistribution;
      const hints = 'zone hints / zone + node hints';
      return s.stage === 'absent' ? 'treated as unset (hints removed)' : !s.enabled ? optIn('PreferSameTrafficDistribution') : s.locked ? locked(hints) : hints;
    },
  ],
  [
    'ready endpoint without `zone` under `trafficDistribution`',
    ({ behaviour: b, gates: g }) => (g.ServiceTrafficDistribution.stage === 'absent' ? '–' : b.emptyZoneHint ? 'hinted for the zone `""`' : 'no zone hint'),
  ],
];

function table(versions: readonly KubernetesVersion[], header: string, rows: readonly (readonly [string, (v: KubernetesVersion) => string])[]): string {
  const lines = [`| ${header} | ${versions.map((v) => `**${v}**`).join(' | ')} |`, `| --- | ${versions.map(() => '---').join(' | ')} |`];
  for (const [label, cell] of rows) lines.push(`| ${label} | ${versions.map(cell).join(' | ')} |`);
  return lines.join('\n');
}

/** The whole page. */
export function renderReleaseDocs(): string {
  const vs = KUBERNETES_VERSIONS;
  const gates = table(vs, 'feature gate', GATE_NAMES.map((name) => [name, (v: KubernetesVersion) => gateCell(name, v)] as const));
  const removals = GATE_NAMES.flatMap((name) => {
    const since = removedIn(name);
    return since === undefined ? [] : [`- \`${name}\`: removed in ${since}; from ${since} on an override is an error.`];
  }).join('\n');
  const aspects = (list: readonly Aspect[]) => list.map(([label, f]) => [label, (v: KubernetesVersion) => f(RELEASES[v])] as const);
  return `<!-- Generated from src/model/releases.ts by test/model/release-docs.ts; do not edit by hand.
     Regenerate: UPDATE_RELEASE_DOCS=1 npx vitest run test/model/releases.test.ts -->

# Behaviour by Kubernetes release

Every decision function takes \`kubernetesVersion\` (\`'${OLDEST}'\` … \`'${NEWEST}'\`, or \`'master'\`, the default):
\`categorizeEndpoints\`, \`selectEndpoints\`, \`prepareService\` (options), \`computeHints\` and \`simulateTraffic\`.
It sets the feature-gate defaults of that release and every behaviour below; results report it as
\`kubernetesVersion\`, in the short form of this table.

\`'master'\` is the newest upstream code the library was built from (the ${NEWEST}-development sources of
\`kubernetes/kubernetes\` and \`kubernetes/endpointslice\`). It decides exactly like **${NEWEST}**
(\`NEWEST_RELEASE\`); it is not a model of 1.38, whose alphas change nothing modelled here.

**Version strings as people have them.** \`'1.36'\`, \`'v1.36'\`, \`'1.36.2'\`, \`'v1.36.2'\` and vendor builds
(\`'v1.36.2-eks-1234'\`, \`'v1.36.2+k3s1'\`, \`'v1.36.2-gke.100'\`) all select 1.36, so the \`gitVersion\` that
\`kubectl version\` prints can be passed as it is (\`parseKubernetesVersion\` is the parser; the CLI's
\`--kubernetes-version\` uses it too). The patch number selects nothing: no patch release of ${OLDEST}–${NEWEST} changes
a rule modelled here. Upstream pre-releases (\`-alpha.N\`, \`-beta.N\`, \`-rc.N\`) carry only part of their
release's changes and are refused, as are releases outside ${OLDEST}–${NEWEST}: \`invalid-value\` at
\`$.kubernetesVersion\`, naming the supported range.

**Which release to name.** Each half follows the component that makes the decision: kube-proxy answers
(\`categorizeEndpoints\`, \`selectEndpoints\`, \`simulateTraffic\`) follow the release of the kube-proxy on
the node, hints (\`computeHints\`) the release of kube-controller-manager. \`kubectl version\` prints the API
server's release (\`Server Version\`), which is often the same but need not be: Kubernetes' version-skew
policy lets kube-controller-manager run one minor release behind the API server and kube-proxy up to
three, for example during an upgrade. The \`Client Version\` line is kubectl's own and says nothing about
the cluster; the CLI refuses it.

Explicit \`gates\` override the release's defaults, even a gate the release locks (upstream's unit tests and
some conformance vectors do this; a real binary would refuse to start). A gate the release does not have yet
(\`–\` below) is accepted and has no effect: the release's code never reads it. A gate the release has
**removed** is an \`unknown-gate\` error that says it no longer exists in that release, as kube-proxy and
kube-controller-manager refuse to start with an unrecognised gate. A gate name no release knows is an
\`unknown-gate\` error too.

## Feature gates

${gates}

\`AllowServiceExternalIPs\` (KEP-5707, kube-proxy only) reads as on before 1.36: those releases always handle
external IPs. Upstream's versioned spec calls it GA, default on, and the website's gate page lists it as
deprecated (external IPs are deprecated from 1.36; the KEP plans to turn the gate off by default in 1.40).

Removed gates (an override is an \`unknown-gate\` error from that release on, the feature is always on):

${removals}

## kube-proxy: which endpoints a node uses

${table(vs, 'what changes', aspects(PROXY))}

¹ \`service.kubernetes.io/topology-aware-hints\` whenever that key is present (even empty), else
\`service.kubernetes.io/topology-mode\`; any value other than empty, \`disabled\` and \`Disabled\` allows hints
(so \`aUto\` does, unlike in the controller). When the annotation blocks hints the result says
\`topologyMode: { kind: 'none', cause: 'annotation-required' }\`; a gate that blocks them, \`cause: 'gate-off'\`;
a node without a zone label before 1.33, \`cause: 'node-without-zone'\`.

² \`selectEndpoints\` with \`via: 'externalIP'\` answers \`action: 'not-handled'\` (\`policy\` and \`decidedBy\`
\`null\`, no endpoints, explanation step \`flow-not-handled\`): kube-proxy writes no rule for the external IPs
(\`BaseServicePortInfo.ExternalIPs()\` in \`pkg/proxy/serviceport.go\` is empty with the gate off), so it neither
forwards, drops nor rejects that traffic. \`ExternallyAccessible()\` still reads the external IPs, so the port's
Cluster and Local lists are the same as with the gate on.

³ Locked: the gate is GA and on, and a real kube-proxy or kube-controller-manager refuses to start with it
turned off. An explicit override in \`gates\` still takes effect while the release reads the gate (as
upstream's unit tests do), giving the behaviour of the columns where the gate is off.

## EndpointSlice controller: which hints it writes

${table(vs, 'what changes', aspects(CONTROLLER))}

A \`trafficDistribution\` value the release does not act on is reported as \`path: 'none', cause: 'gate-off'\`
with the gate named (its stage in this table tells whether the feature existed at all). Locked cells: see ³
above.

## How each row was settled

- **Annotation check, 1.27–1.29**: read in a 1.28/1.29-era \`pkg/proxy/topology.go\` (\`canUseTopology\`: gate,
  then annotation, then zone label, then hints) and \`pkg/proxy/serviceport.go\` (deprecated key wins when
  present). Assumed for 1.27 (the topology-mode annotation arrived in 1.27).
- **Annotation check, 1.30–1.32** ("skipped while ServiceTrafficDistribution is on"): from the KEP-4444 design
  text; the 1.30–1.32 source was not in the stored upstream snapshots, so this row is not confirmed line by line.
- **Zone label, gate check, no node hints before 1.33**: the same 1.28/1.29-era \`canUseTopology\`; the newest
  \`topologyModeFromHints\` has no label check and reads node hints behind PreferSameTrafficDistribution.
- **ProxyTerminatingEndpoints only in 1.27**: the 1.28/1.29-era \`CategorizeEndpoints\` falls back to
  serving-terminating endpoints without reading the gate. A 1.27 kube-proxy with the gate off: no fallback,
  and serving-terminating endpoints do not make \`hasAnyEndpoints\` true.
- **Duplicates**: releases up to 1.35 keep the first copy and let a later copy replace it only when it is
  local (\`addEndpoints\` in \`pkg/proxy/endpointslicecache.go\`); upstream PR 135593 (merged 2025-12-04, after
  the 1.35 branch, listed in the v1.36.0 release notes) lets any later copy replace the kept one unless the
  later copy is terminating, the same on every node, from 1.36.0. No
  backport to 1.35.x or 1.34.x was found. The library visits slices in input order (upstream:
  map order). Because "local" depends on the client node, a prepared Service gives each node named by a
  later copy its own view, built on that node's first query; every other node shares one index.
- **LoadBalancerIPMode**: the versioned spec in \`pkg/features/kube_features.go\` reads 1.29 alpha off, 1.30 beta
  on, 1.32 GA on and locked, so 1.33 and 1.34 are locked too (earlier editions of this page said unlocked); the
  gate was deleted for 1.35 (kubernetes PR 134552), after which \`IsVIPMode\` reads only the ingress \`ipMode\`.
- **TopologyAwareHints, ServiceTrafficDistribution removed in 1.36**: kubernetes commit f278b47 (2026-01-08;
  staging \`k8s.io/endpointslice\` 8ff95b5, first in v0.36.0-alpha.1). kube-proxy stopped reading both in 1.33;
  the controller no longer checks either from 1.36 (the topology cache is always built, the field always read).
- **AllowServiceExternalIPs, 1.36**: PR 137293 (v1.36.0 release notes); the gate is checked in the
  \`ExternalIPs()\` accessor the proxiers program rules from, not in \`ExternallyAccessible()\`. Read at the
  1.37-development snapshot; 1.36.0 is taken to behave the same (the reviewed design put the check there).
- **1.37 and \`master\`**: the stored 1.37-development \`pkg/proxy/topology.go\` and staging
  \`k8s.io/endpointslice\` master implement the same selection and hint rules as 1.36; the 1.37 alpha release
  notes list no change to them (no 1.37.0 tag is in the stored sources, so the 1.37 row is medium-high
  confidence).
- **Controller, empty-zone hint 1.30–1.32**: under \`trafficDistribution\` the controller hints a ready endpoint
  without a \`zone\` for the zone \`""\` (the 1.33 change is kubernetes commit 90c8f9a); the check of unchanged
  slices expects the \`""\` hint in those releases too.

## Not modelled

- **Endpoint IP text**: the newest kube-proxy canonicalises \`addresses[0]\`; a 1.27-era snapshot used it
  verbatim. The release of the change was not pinned, so every release canonicalises. Canonical input (what
  the EndpointSlice controller writes) behaves the same everywhere.
- **Address-family filtering**: older code dropped FQDN slices and checked each endpoint's first address;
  newer code drops any slice whose \`addressType\` is not the proxier's family. Identical for API-valid objects.
- **When** the controller recomputes (node zone-label changes) is not part of a snapshot answer.
`;
}
