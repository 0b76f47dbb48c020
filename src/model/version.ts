/**
 * Version strings as people have them: which modelled release a string such as `'v1.36.2-eks-1234'`
 * (what `kubectl version` prints for an EKS server) names. The library option `kubernetesVersion`
 * and the CLI's `--kubernetes-version` both read through here.
 *
 * Policy (docs/releases.md, "Version strings as people have them"): the minor version selects the release;
 * the patch selects nothing, because no patch release of a modelled minor changes a rule; a
 * distribution's build suffix (`-eks-…`, `-gke.…`, `+k3s1`) names a build of that patch and is
 * ignored; an upstream pre-release (`-alpha.N`, `-beta.N`, `-rc.N`) carries only part of its
 * minor's changes and is refused, as is any release the table does not model.
 *
 * @module
 */
import { KubeTrafficError, describe, problem } from './errors.js';
import { KUBERNETES_VERSIONS, type KubernetesVersion, RELEASES } from './releases.js';

/**
 * What the `kubernetesVersion` option accepts: a {@link KubernetesVersion}, or any spelling
 * {@link parseKubernetesVersion} reads (`'v1.36'`, `'1.36.2'`, `'v1.36.2+k3s1'`, …).
 *
 * @category releases
 * @example
 * ```ts
 * const version: KubernetesVersionInput = 'v1.36.2-eks-1234';
 * ```
 */
// `string & {}` keeps the release names offered by editors while any string type-checks.
export type KubernetesVersionInput = KubernetesVersion | (string & {});

const numbered = KUBERNETES_VERSIONS.filter((v) => v !== 'master');
const OLDEST = numbered[0]!;
const NEWEST = numbered[numbered.length - 1]!;

/** The supported range, as error messages name it. */
const RANGE = `a Kubernetes release from ${OLDEST} to ${NEWEST} ('1.36', 'v1.36', '1.36.2', 'v1.36.2', or a vendor build such as 'v1.36.2-eks-1234') or 'master'`;

// v? MAJOR . MINOR [ . PATCH [ SUFFIX ] ]; numbers without leading zeros; a suffix is a
// semver-style `-pre` and/or `+build` made of [0-9A-Za-z.-].
const SHAPE = /^v?(0|[1-9]\d*)\.(0|[1-9]\d*)(?:\.(0|[1-9]\d*)((?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?))?$/;
// The first identifier of an upstream pre-release: alpha, beta, rc (kubernetes tags: v1.36.0-alpha.1, v1.36.0-rc.0).
const PRE_RELEASE = /^-(alpha|beta|rc)(?:[.-]|\d|$)/i;

/** Why a version string was refused: what was expected, and what was found. @internal */
export interface VersionProblem {
  readonly expected: string;
  readonly received: string;
}

/**
 * The release `text` names, or why it names none. The core of {@link parseKubernetesVersion},
 * for readers that collect problems instead of throwing. @internal
 */
export function readKubernetesVersion(text: unknown): KubernetesVersion | VersionProblem {
  if (typeof text !== 'string') return { expected: `a string naming ${RANGE}`, received: describe(text) };
  if (text === 'master') return 'master';
  const m = SHAPE.exec(text);
  if (m === null) return { expected: RANGE, received: describe(text) };
  const [, major, minor, , suffix = ''] = m;
  const release = `${major}.${minor}`;
  if (PRE_RELEASE.test(suffix)) {
    return {
      expected: `a released version (a pre-release carries only part of its release's changes): ${RANGE}`,
      received: `${describe(text)}, a pre-release of ${release}`,
    };
  }
  if (!Object.hasOwn(RELEASES, release)) {
    return { expected: RANGE, received: `${describe(text)} (${release} is not a modelled release)` };
  }
  return release as KubernetesVersion;
}

/** True when `value` is a {@link VersionProblem} rather than a release. @internal */
export function isVersionProblem(value: KubernetesVersion | VersionProblem): value is VersionProblem {
  return typeof value !== 'string';
}

/**
 * The modelled release a version string names, as people have them: `'1.36'`, `'v1.36'`,
 * `'1.36.2'`, `'v1.36.2'`, and vendor builds such as `'v1.36.2-eks-1234'`, `'v1.36.2+k3s1'` or
 * `'v1.36.2-gke.100'` all name `'1.36'` (the patch and the build suffix change no rule the library
 * models). `'master'` names the newest code, which decides like 1.37.
 *
 * @param text - a version string, such as the `gitVersion` of `kubectl version -o json`
 * @param path - JSON path reported in the error (default `'$'`)
 * @returns the release, in the short form results carry
 * @throws {@link KubeTrafficError} `invalid-value` at `path`, naming the supported range, for an
 *   upstream pre-release (`'v1.36.0-alpha.1'`, `'v1.37.0-rc.0'`), a release the table does not
 *   model (`'1.26'`, `'1.38'`) or anything else; `invalid-type` for a non-string
 * @category releases
 * @example
 * ```ts
 * parseKubernetesVersion('v1.36.2-eks-1234'); // => '1.36'
 * parseKubernetesVersion('1.37');             // => '1.37'
 * parseKubernetesVersion('v1.38.0');          // throws KubeTrafficError (1.38 is not modelled)
 * ```
 */
export function parseKubernetesVersion(text: string, path = '$'): KubernetesVersion {
  const read = readKubernetesVersion(text);
  if (!isVersionProblem(read)) return read;
  const where = typeof path === 'string' && path.startsWith('$') ? path : '$';
  throw new KubeTrafficError([problem(typeof text === 'string' ? 'invalid-value' : 'invalid-type', where, read.expected, read.received)]);
}
