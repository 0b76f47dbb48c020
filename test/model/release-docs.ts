/**
 * Renders docs/releases.md from the release table (src/model/releases.ts). The test in
 * releases.test.ts checks the committed page equals this output, so the page cannot drift;
 * `UPDATE_RELEASE_DOCS=1 npx vitest run test/model` rewrites it.
 */
import { GATE_NAMES, type GateState, KUBERNETES_VERSIONS, type KubernetesVersion, RELEASES, type ReleaseRow } from '../../src/index.js';

function gateCell(g: GateState): string {
  if (g.stage === 'absent') return '–';
  if (g.stage === 'removed') return 'removed (always on)';
  return `${g.stage}, ${g.locked ? 'locked ' : ''}${g.enabled ? 'on' : 'off'}`;
}

type Aspect = readonly [string, (row: ReleaseRow) => string];

const optIn = (gate: string) => `only if ${gate} is turned on`;

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
      return s.stage === 'absent' ? 'not supported' : !s.enabled ? optIn('PreferSameTrafficDistribution') : s.locked ? 'always' : 'on by default';
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
      return s.stage === 'absent' ? 'yes (ipMode not known)' : !s.enabled ? 'yes (no if LoadBalancerIPMode is turned on)' : 'no';
    },
  ],
  [
    'same `IP:port` in several slices',
    ({ behaviour: b }) => (b.duplicates === 'local-wins' ? "a later copy on kube-proxy's own node wins, else the first seen" : 'a non-terminating copy wins over a terminating one'),
  ],
];

const CONTROLLER: readonly Aspect[] = [
  ['topology annotation (`Auto`/`auto`; `topology-aware-hints` wins whenever present)', () => 'honoured'],
  [
    '`trafficDistribution: PreferClose`',
    ({ gates: g }) => {
      const s = g.ServiceTrafficDistribution;
      return s.stage === 'absent' ? 'ignored (field unknown)' : !s.enabled ? optIn('ServiceTrafficDistribution') : 'same-zone hints';
    },
  ],
  [
    '`PreferSameZone` / `PreferSameNode`',
    ({ gates: g }) => {
      const s = g.PreferSameTrafficDistribution;
      return s.stage === 'absent' ? 'treated as unset (hints removed)' : !s.enabled ? optIn('PreferSameTrafficDistribution') : 'zone hints / zone + node hints';
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
  const gates = table(vs, 'feature gate', GATE_NAMES.map((name) => [name, (v: KubernetesVersion) => gateCell(RELEASES[v].gates[name])] as const));
  const aspects = (list: readonly Aspect[]) => list.map(([label, f]) => [label, (v: KubernetesVersion) => f(RELEASES[v])] as const);
  return `<!-- Generated from src/model/releases.ts by test/model/release-docs.ts; do not edit by hand.
     Regenerate: UPDATE_RELEASE_DOCS=1 npx vitest run test/model/releases.test.ts -->

# Behaviour by Kubernetes release

Every decision function takes \`kubernetesVersion\` (\`'1.27'\` … \`'1.35'\`, or \`'master'\`, the default):
\`categorizeEndpoints\`, \`selectEndpoints\`, \`prepareService\` (options) and \`computeHints\`. It sets the
feature-gate defaults of that release and every behaviour below; results report it as \`kubernetesVersion\`.
\`'master'\` is the newest upstream code: the 1.35 gates plus kube-proxy's newer duplicate rule.

Explicit \`gates\` override the release's defaults, even a gate the release locks (upstream's unit tests and
some conformance vectors do this; a real binary would refuse to start). A gate the release does not have
(\`–\` below, or \`removed\`) is accepted and has no effect: the release's code never reads it. A gate name no
release knows is an \`unknown-gate\` error; an unknown version is \`invalid-value\` at \`$.kubernetesVersion\`.

## Feature gates

${gates}

## kube-proxy: which endpoints a node uses

${table(vs, 'what changes', aspects(PROXY))}

¹ \`service.kubernetes.io/topology-aware-hints\` whenever that key is present (even empty), else
\`service.kubernetes.io/topology-mode\`; any value other than empty, \`disabled\` and \`Disabled\` allows hints
(so \`aUto\` does, unlike in the controller). When the annotation blocks hints the result says
\`topologyMode: { kind: 'none', cause: 'annotation-required' }\`; a gate that blocks them, \`cause: 'gate-off'\`;
a node without a zone label before 1.33, \`cause: 'node-without-zone'\`.

## EndpointSlice controller: which hints it writes

${table(vs, 'what changes', aspects(CONTROLLER))}

A \`trafficDistribution\` value the release does not act on is reported as \`path: 'none', cause: 'gate-off'\`
with the gate named (its stage in this table tells whether the feature existed at all).

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
  the 1.35 branch) keeps a non-terminating copy instead. The library visits slices in input order (upstream:
  map order). Because "local" depends on the client node, a prepared Service gives each node named by a
  later copy its own view, built on that node's first query; every other node shares one index.
- **Controller, empty-zone hint 1.30–1.32**: controller-semantics §9 (the 1.33 change is kubernetes commit
  90c8f9a); the check of unchanged slices expects the \`""\` hint in those releases too.

## Not modelled

- **Endpoint IP text**: the newest kube-proxy canonicalises \`addresses[0]\`; a 1.27-era snapshot used it
  verbatim. The release of the change was not pinned, so every release canonicalises. Canonical input (what
  the EndpointSlice controller writes) behaves the same everywhere.
- **Address-family filtering**: older code dropped FQDN slices and checked each endpoint's first address;
  newer code drops any slice whose \`addressType\` is not the proxier's family. Identical for API-valid objects.
- **When** the controller recomputes (node zone-label changes) is not part of a snapshot answer.
`;
}
