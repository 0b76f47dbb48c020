/**
 * Every vector of every file in ../shared/conformance/deviations/, each through the profile its
 * `profile` field names (with the vector's `gates` and `options` as that data plane's own). New
 * files and new profiles' vectors are picked up without a change; nothing is filtered.
 */
import { describe, expect, it } from 'vitest';
import { type ProfileCategorized, categorizeEndpoints } from '../../src/index.js';
import { loadVectorFiles } from './vectors.js';

export interface DeviationVector {
  readonly name: string;
  readonly profile: string;
  readonly source?: string;
  readonly gates?: Readonly<Record<string, boolean>>;
  readonly options?: Readonly<Record<string, boolean>>;
  readonly assumptions?: readonly string[];
  readonly input: Record<string, unknown>;
  readonly expect: {
    readonly clusterEndpoints: readonly string[] | null;
    readonly localEndpoints: readonly string[] | null;
    readonly tiers?: readonly (readonly string[])[];
  };
}

const sorted = (list: readonly string[] | null): string[] | null => (list === null ? null : [...list].sort());
const keys = (list: readonly { key: string }[] | null): string[] | null => sorted(list === null ? null : list.map((e) => e.key));

/** Runs a vector through its profile. */
export function runDeviation(vector: DeviationVector, extra: Record<string, unknown> = {}): ProfileCategorized {
  const result = categorizeEndpoints({
    ...vector.input,
    ...extra,
    profile: { name: vector.profile, ...(vector.gates && { gates: vector.gates }), ...(vector.options && { options: vector.options }) },
  } as never);
  return result as unknown as ProfileCategorized;
}

for (const { file, vectors } of loadVectorFiles<DeviationVector>('deviations')) {
  describe(`deviation conformance: ${file}`, () => {
    it('has vectors', () => expect(vectors.length).toBeGreaterThan(0));
    vectors.forEach((vector, i) => {
      it(`#${i} ${vector.profile} ${vector.name}`, () => {
        const result = runDeviation(vector);
        expect(result.kind).toBe('profile');
        expect(result.profile).toBe(vector.profile);
        expect({
          clusterEndpoints: keys(result.clusterEndpoints),
          localEndpoints: keys(result.localEndpoints),
          // Tiers are ordered (best first); each tier is a set.
          tiers: result.tiers === null ? null : result.tiers.map((t: readonly { key: string }[]) => keys(t)),
        }).toEqual({
          clusterEndpoints: sorted(vector.expect.clusterEndpoints),
          localEndpoints: sorted(vector.expect.localEndpoints),
          tiers: vector.expect.tiers === undefined ? null : vector.expect.tiers.map((t) => sorted(t)),
        });
      });
    });
  });
}
