/**
 * `--assume-allocated`: analyse Services that have no `clusterIP` yet (manifests, `helm
 * template` output: the API server allocates the address on create) as if it had allocated
 * one. The library keeps its answer for such a Service — not proxied,
 * `cluster-ip-not-allocated` — and this is an input transformation the command line makes on
 * request and says it made: it writes a placeholder address from the documentation ranges
 * (192.0.2.0/24, 2001:db8::/32), which no real cluster allocates, and prints a `note:` naming
 * the Service and the address.
 *
 * @module
 */
import type { LoadedObjects, KubeObject } from './load.js';
import { qualifiedName } from './lookup.js';

/** The placeholder cluster IPs, one per family: documentation addresses, never a real allocation. */
export const ASSUMED_CLUSTER_IP = Object.freeze({ IPv4: '192.0.2.10', IPv6: '2001:db8::10' });

/**
 * Whether a Service waits for the API server to allocate its cluster IP: not ExternalName, and
 * `clusterIP` (and `clusterIPs`) absent or empty. `None` is headless, an address of its own.
 *
 * @example
 * ```ts
 * awaitsClusterIP({ kind: 'Service', metadata: { name: 'web' }, spec: { ports: [{ port: 80 }] } }); // => true
 * ```
 */
export function awaitsClusterIP(service: KubeObject): boolean {
  const spec = service['spec'];
  if (typeof spec !== 'object' || spec === null) return false;
  const s = spec as { type?: unknown; clusterIP?: unknown; clusterIPs?: unknown };
  if (s.type === 'ExternalName') return false;
  const ips = Array.isArray(s.clusterIPs) ? s.clusterIPs.filter((ip) => typeof ip === 'string' && ip !== '') : [];
  return ips.length === 0 && (s.clusterIP === undefined || s.clusterIP === null || s.clusterIP === '');
}

/**
 * The families the API server would allocate for: `spec.ipFamilies` when given; both for
 * `ipFamilyPolicy: RequireDualStack`; else IPv4 (the cluster's own default family and whether
 * it is dual-stack are not in the manifest; the note says IPv4 was assumed).
 */
function familiesOf(service: KubeObject): { families: ('IPv4' | 'IPv6')[]; guessed: boolean } {
  const spec = service['spec'] as { ipFamilies?: unknown; ipFamilyPolicy?: unknown };
  const given = Array.isArray(spec.ipFamilies) ? spec.ipFamilies.filter((f): f is 'IPv4' | 'IPv6' => f === 'IPv4' || f === 'IPv6') : [];
  if (given.length > 0) return { families: spec.ipFamilyPolicy === 'SingleStack' ? given.slice(0, 1) : given, guessed: false };
  if (spec.ipFamilyPolicy === 'RequireDualStack') return { families: ['IPv4', 'IPv6'], guessed: false };
  return { families: ['IPv4'], guessed: true };
}

/**
 * The objects with a placeholder cluster IP written into every Service that awaits one, and a
 * `note:` line per such Service saying what was assumed.
 *
 * @example
 * ```ts
 * const { objects, notes } = assumeAllocated(loaded);
 * notes[0]; // => 'note: shop/web has no clusterIP (not created yet); --assume-allocated analyses it with the placeholder 192.0.2.10 …'
 * ```
 */
export function assumeAllocated(loaded: LoadedObjects): { objects: LoadedObjects; notes: string[] } {
  const notes: string[] = [];
  const services = loaded.services.map((svc) => {
    if (!awaitsClusterIP(svc)) return svc;
    const { families, guessed } = familiesOf(svc);
    const ips = families.map((f) => ASSUMED_CLUSTER_IP[f]);
    notes.push(
      `note: ${qualifiedName(svc)} has no clusterIP (not created yet); --assume-allocated analyses it as if the API server had allocated ${ips.length === 1 ? 'one' : 'them'}, with the placeholder ${ips.join(' and ')}${guessed ? ' (IPv4 assumed: the manifest names no family)' : ''}`,
    );
    const spec = svc['spec'] as Record<string, unknown>;
    return { ...svc, spec: { ...spec, clusterIP: ips[0], clusterIPs: ips, ipFamilies: families } };
  });
  return { objects: { ...loaded, services }, notes };
}

/**
 * The hint printed when a command's answer is `cluster-ip-not-allocated` without
 * `--assume-allocated`.
 *
 * @example
 * ```ts
 * allocationHint(['shop/web']); // => 'hint: shop/web has no clusterIP yet …; add --assume-allocated …\n'
 * ```
 */
export function allocationHint(names: readonly string[]): string {
  const shown = names.slice(0, 3).join(', ') + (names.length > 3 ? `, … (${names.length} in all)` : '');
  return `hint: ${shown} ${names.length === 1 ? 'has' : 'have'} no clusterIP yet (a manifest the API server has not created; it allocates the address on create); add --assume-allocated to analyse ${names.length === 1 ? 'it' : 'them'} as if it had\n`;
}
