/**
 * Every vector of every file in ../shared/conformance/kube-proxy/ through categorizeEndpoints.
 */
import { describe, expect, it } from 'vitest';
import { type CategorizeInput, type GateOverrides, type KubernetesVersion, categorizeEndpoints, parseKubernetesVersion } from '../../src/index.js';
import { loadVectorFiles } from './vectors.js';

interface ProxyVector {
  readonly name: string;
  readonly gates?: GateOverrides;
  /** Absent: the newest code (the library's default). */
  readonly kubernetesVersion?: KubernetesVersion;
  readonly input: CategorizeInput;
  readonly expect: {
    readonly clusterEndpoints: readonly string[] | null;
    readonly localEndpoints: readonly string[] | null;
    readonly allReachableEndpoints: readonly string[];
    readonly hasAnyEndpoints: boolean;
  };
}

const sorted = (list: readonly string[] | null): string[] | null => (list === null ? null : [...list].sort());

for (const { file, vectors } of loadVectorFiles<ProxyVector>('kube-proxy')) {
  describe(`kube-proxy conformance: ${file}`, () => {
    it('has vectors', () => expect(vectors.length).toBeGreaterThan(0));
    vectors.forEach((vector, i) => {
      it(`#${i} ${vector.name}`, () => {
        const result = categorizeEndpoints({
          ...vector.input,
          ...(vector.gates && { gates: vector.gates }),
          ...(vector.kubernetesVersion !== undefined && { kubernetesVersion: vector.kubernetesVersion }),
        });
        expect(result.kind).toBe('proxied');
        // The vector's release (in `input` or beside it) is the one that decided.
        expect(result.kubernetesVersion).toBe(parseKubernetesVersion(vector.kubernetesVersion ?? vector.input.kubernetesVersion ?? 'master'));
        if (result.kind !== 'proxied') return;
        const keys = (list: readonly { key: string }[] | null) => sorted(list === null ? null : list.map((e) => e.key));
        expect({
          clusterEndpoints: keys(result.clusterEndpoints),
          localEndpoints: keys(result.localEndpoints),
          allReachableEndpoints: keys(result.allReachableEndpoints),
          hasAnyEndpoints: result.hasAnyEndpoints,
        }).toEqual({
          clusterEndpoints: sorted(vector.expect.clusterEndpoints),
          localEndpoints: sorted(vector.expect.localEndpoints),
          allReachableEndpoints: sorted(vector.expect.allReachableEndpoints),
          hasAnyEndpoints: vector.expect.hasAnyEndpoints,
        });
      });
    });
  });
}
