/**
 * The deviations/ vector format (conformance README) and how a vector runs through its profile.
 */
import { type ProfileCategorized, categorizeEndpoints } from '../../src/index.js';

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


/** Runs a vector through its profile. */
export function runDeviation(vector: DeviationVector, extra: Record<string, unknown> = {}): ProfileCategorized {
  const result = categorizeEndpoints({
    ...vector.input,
    ...extra,
    profile: { name: vector.profile, ...(vector.gates && { gates: vector.gates }), ...(vector.options && { options: vector.options }) },
  } as never);
  return result as unknown as ProfileCategorized;
}

