/**
 * `--profile NAME` (with `--profile-gate` and `--profile-option`): answer as another data plane
 * does. The names are the library's ({@link PROFILES}); the rules, and the checks of a profile's
 * gates and options, stay in the library.
 *
 * @module
 */
import { type DataPlaneProfileOption, PROFILES, type ProfileInfo, type ProfileOption } from '../index.js';
import { type OptionValues, stringOption } from './context.js';
import { UsageError } from './errors.js';
import { closest } from './lookup.js';

/** Option definitions of the profile flags, for the commands that take them. */
export const PROFILE_OPTIONS = {
  profile: { type: 'string', meta: 'NAME' },
  'profile-gate': { type: 'string', multiple: true, meta: 'NAME=true|false' },
  'profile-option': { type: 'string', multiple: true, meta: 'NAME=true|false' },
} as const;

/** The profile names as help and messages list them: `cilium (cilium@1.21.0-dev+5b27d687)`. */
export const KNOWN_PROFILES = PROFILES.map((p) => (p.name === p.id ? p.name : `${p.name} (${p.id})`)).join(', ');

/** Help lines of the profile flags. */
export const PROFILE_HELP = `  --profile NAME        answer as another data plane does: ${PROFILES.map((p) => p.name).join(', ')}
                        (kube-proxy is the default); each name means the version it is pinned
                        to, and the pinned name is accepted too (cilium@1.21.0-dev+5b27d687)
  --profile-gate G=B    the data plane's own feature gate (repeatable; Antrea's, e.g.
                        PreferSameTrafficDistribution=true); not a Kubernetes --gate
  --profile-option O=B  the data plane's own option (repeatable; Cilium's
                        enable-service-topology=true)`;

/**
 * The profile a `--profile` word names (its short or pinned name).
 *
 * @throws {@link UsageError} naming the known profiles (and the pinned version, for another version of a known one)
 * @example
 * ```ts
 * profileNamed('cilium@1.21.0-dev+5b27d687').name; // => 'cilium'
 * profileNamed('cillium'); // throws: --profile: unknown data plane "cillium"; did you mean cilium? Known: kube-proxy, …
 * ```
 */
export function profileNamed(word: string, flag = '--profile'): ProfileInfo {
  const found = PROFILES.find((p) => p.name === word || p.id === word);
  if (found !== undefined) return found;
  const at = word.indexOf('@');
  const same = at > 0 ? PROFILES.find((p) => p.name === word.slice(0, at)) : undefined;
  if (same !== undefined) throw new UsageError(`${flag}: ${word} is not a pinned version; ${same.name} is modelled at ${same.id} only. Known: ${KNOWN_PROFILES}`);
  // "calico" means calico-ebpf, not the closer-spelled cilium: a name the word begins wins.
  const near = PROFILES.find((p) => word.length >= 3 && p.name.startsWith(word.toLowerCase()))?.name ?? closest(word, PROFILES.map((p) => p.name), 1)[0];
  throw new UsageError(`${flag}: unknown data plane "${word}"${near === undefined ? '' : `; did you mean ${near}?`} Known: ${KNOWN_PROFILES}`);
}

function knobs(values: OptionValues, flag: 'profile-gate' | 'profile-option'): Record<string, boolean> {
  const out: Record<string, boolean> = {};
  const given = values[flag];
  for (const g of Array.isArray(given) ? given : []) {
    const m = /^([A-Za-z0-9][A-Za-z0-9._-]*)=(true|false)$/.exec(g);
    if (m === null) throw new UsageError(`--${flag} expects NAME=true or NAME=false, not "${g}"`);
    out[m[1]!] = m[2] === 'true';
  }
  return out;
}

/**
 * The `profile` option for the library that `--profile`, `--profile-gate` and `--profile-option`
 * describe; `null` for kube-proxy (the default), whose results keep kube-proxy's shape.
 *
 * @throws {@link UsageError} for an unknown name, a malformed knob, or a knob without `--profile`
 * @example
 * ```ts
 * profileOption({ profile: 'cilium', 'profile-option': ['enable-service-topology=true'] });
 * // => { name: 'cilium', options: { 'enable-service-topology': true } }
 * ```
 */
export function profileOption(values: OptionValues): Exclude<DataPlaneProfileOption, string> | null {
  const word = stringOption(values, 'profile');
  const gates = knobs(values, 'profile-gate');
  const options = knobs(values, 'profile-option');
  const anyKnob = Object.keys(gates).length + Object.keys(options).length > 0;
  if (word === undefined) {
    if (anyKnob) throw new UsageError(`--profile-gate and --profile-option set a data plane's own knobs; name the data plane with --profile (${PROFILES.map((p) => p.name).join(', ')})`);
    return null;
  }
  const info = profileNamed(word);
  if (info.name === 'kube-proxy') {
    if (anyKnob) throw new UsageError('--profile kube-proxy has no --profile-gate or --profile-option; Kubernetes feature gates are --gate');
    return null;
  }
  return {
    name: info.id as Exclude<DataPlaneProfileOption, string>['name'],
    ...(Object.keys(gates).length > 0 && { gates }),
    ...(Object.keys(options).length > 0 && { options }),
  };
}

/**
 * The profiles `compare` runs: `--profile` as a comma-separated, repeatable list (default:
 * every profile, kube-proxy first), each carrying the `--profile-gate` / `--profile-option`
 * knobs it has (a knob no compared profile has is a usage error).
 *
 * @throws {@link UsageError} for an unknown name or a knob no compared profile has
 * @example
 * ```ts
 * profileList({ profile: ['kube-proxy,cilium'] }); // => [{ name: 'kube-proxy' }, { name: 'cilium@1.21.0-dev+5b27d687' }]
 * ```
 */
export function profileList(values: OptionValues): Exclude<ProfileOption, string>[] {
  const given = values['profile'];
  const words = (Array.isArray(given) ? given : typeof given === 'string' ? [given] : []).flatMap((v) => v.split(',')).map((w) => w.trim()).filter((w) => w !== '');
  const infos = words.length === 0 ? [...PROFILES] : [...new Set(words.map((w) => profileNamed(w)))];
  const gates = knobs(values, 'profile-gate');
  const options = knobs(values, 'profile-option');
  for (const [flag, table, key] of [['--profile-gate', gates, 'gates'], ['--profile-option', options, 'options']] as const) {
    for (const k of Object.keys(table)) {
      if (!infos.some((p) => k in p[key])) {
        const owners = PROFILES.filter((p) => Object.keys(p[key]).length > 0).map((p) => `${p.name}: ${Object.keys(p[key]).join(', ')}`);
        throw new UsageError(`${flag}: no compared data plane has "${k}"; known: ${owners.join('; ') || 'none'}`);
      }
    }
  }
  return infos.map((p) => {
    const own = (table: Record<string, boolean>, key: 'gates' | 'options'): Record<string, boolean> => Object.fromEntries(Object.entries(table).filter(([k]) => k in p[key]));
    const g = own(gates, 'gates');
    const o = own(options, 'options');
    return { name: p.id, ...(Object.keys(g).length > 0 && { gates: g }), ...(Object.keys(o).length > 0 && { options: o }) };
  });
}

/**
 * `--fail-on topology-off` asks about kube-proxy's topology mode, which another data plane's
 * answer does not have: with `--profile` it is a usage error rather than a gate that never fires.
 *
 * @throws {@link UsageError} when `--fail-on` names topology-off together with a data-plane profile
 * @example
 * ```ts
 * checkProfileFailOn({ 'fail-on': ['drop,topology-off'] }, { name: 'cilium' }); // throws UsageError
 * ```
 */
export function checkProfileFailOn(values: OptionValues, profile: Exclude<ProfileOption, string> | null): void {
  if (profile === null) return;
  const given = values['fail-on'];
  const words = (Array.isArray(given) ? given : []).flatMap((v) => v.split(',')).map((w) => w.trim());
  if (words.includes('topology-off')) {
    throw new UsageError(`--fail-on topology-off: the topology mode is kube-proxy's; with --profile ${String(values['profile'])} gate on drop, reject or warning`);
  }
}
