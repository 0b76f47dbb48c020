/**
 * Every vector of every file in ../shared/conformance/hints/ must pass; none is skipped.
 */
import { describe, expect, it } from 'vitest';
import { computeHints, parseKubernetesVersion } from '../../src/index.js';
import type { EndpointSliceInput } from '../../src/model/input.js';
import { deepFreeze } from '../controller/helpers.js';
import { loadVectorFiles } from './vectors.js';

interface HintsVector {
  readonly name: string;
  readonly source?: string;
  readonly gates?: Record<string, boolean>;
  /** Absent: the newest code (the library's default). */
  readonly kubernetesVersion?: string;
  readonly input: { readonly service: unknown; readonly endpointSlices: unknown; readonly nodes: unknown; readonly kubernetesVersion?: string };
  readonly expect: {
    readonly hints?: Record<string, { forZones?: string[]; forNodes?: string[] } | null>;
    readonly zoneCounts?: Record<string, number>;
    readonly reason?: string;
  };
}

/** Hints of each endpoint, keyed by its first address, in the vectors' notation. */
function hintsByAddress(slices: readonly EndpointSliceInput[]): Map<string, { forZones?: string[]; forNodes?: string[] } | null> {
  const out = new Map<string, { forZones?: string[]; forNodes?: string[] } | null>();
  for (const slice of slices) {
    for (const e of slice.endpoints ?? []) {
      const address = e.addresses?.[0];
      if (address === undefined) continue;
      const h = e.hints;
      if (h === undefined || h === null) {
        out.set(address, null);
        continue;
      }
      out.set(address, {
        ...(h.forZones == null ? {} : { forZones: h.forZones.map((z) => z.name ?? '') }),
        ...(h.forNodes == null ? {} : { forNodes: h.forNodes.map((n) => n.name ?? '') }),
      });
    }
  }
  return out;
}

function zoneCounts(slices: readonly EndpointSliceInput[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const slice of slices) {
    for (const e of slice.endpoints ?? []) {
      if (e.conditions?.ready !== true) continue;
      for (const z of e.hints?.forZones ?? []) counts[z.name ?? ''] = (counts[z.name ?? ''] ?? 0) + 1;
    }
  }
  return counts;
}

for (const { file, vectors } of loadVectorFiles<HintsVector>('hints')) {
  describe(`hints conformance: ${file}`, () => {
    it('has vectors', () => {
      expect(vectors.length).toBeGreaterThan(0);
    });
    for (const v of vectors) {
      it(v.name, () => {
        const input = deepFreeze(structuredClone({ ...v.input, gates: v.gates, ...(v.kubernetesVersion !== undefined && { kubernetesVersion: v.kubernetesVersion }) }));
        const { endpointSlices, outcome, kubernetesVersion } = computeHints(input as Parameters<typeof computeHints>[0]);
        // The vector's release (in `input` or beside it) is the one that decided.
        expect(kubernetesVersion).toBe(parseKubernetesVersion(v.kubernetesVersion ?? v.input.kubernetesVersion ?? 'master'));
        if (v.expect.hints !== undefined) {
          const got = hintsByAddress(endpointSlices);
          for (const [address, want] of Object.entries(v.expect.hints)) {
            expect(got.has(address), `endpoint ${address} present`).toBe(true);
            expect(got.get(address), `hints of ${address}`).toEqual(want);
          }
        }
        if (v.expect.zoneCounts !== undefined) expect(zoneCounts(endpointSlices)).toEqual(v.expect.zoneCounts);
        expect(outcome.reason).toBe(v.expect.reason ?? null);
        if (v.expect.reason === undefined) expect(outcome.event).toBeNull();
      });
    }
  });
}
