/**
 * Every vector of every file in ../shared/conformance/deviations/, each through the profile its
 * `profile` field names (with the vector's `gates` and `options` as that data plane's own). New
 * files and new profiles' vectors are picked up without a change; nothing is filtered.
 */
import { describe, expect, it } from 'vitest';
import { type DeviationVector, runDeviation } from './deviations.js';
import { loadVectorFiles } from './vectors.js';

const sorted = (list: readonly string[] | null): string[] | null => (list === null ? null : [...list].sort());
const keys = (list: readonly { key: string }[] | null): string[] | null => sorted(list === null ? null : list.map((e) => e.key));

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
