/**
 * Type-level proof that `ExplanationStep` is a union discriminated by `code`: testing the code
 * narrows `data` to that code's shape, a field of another code's data is a type error, and every
 * code of `EXPLANATION_CODES` has its data type.
 */
import { describe, expectTypeOf, test } from 'vitest';
import type { EndpointFacts, ExplanationCode, ExplanationData, ExplanationStep, KeptCopyReason, StepOf } from '../../src/index.js';
import { EXPLANATION_CODES } from '../../src/index.js';

declare const s: ExplanationStep;

describe('ExplanationStep', () => {
  test('the code narrows the data', () => {
    if (s.code === 'topology-same-zone') {
      expectTypeOf(s.data).toEqualTypeOf<{ readonly zone: string; readonly candidates: number }>();
      // @ts-expect-error a same-zone step has no node
      void s.data.node;
    }
    if (s.code === 'endpoint-duplicate') expectTypeOf(s.data.because).toEqualTypeOf<KeptCopyReason>();
    if (s.code === 'endpoint-other-zone') expectTypeOf(s.data).toEqualTypeOf<EndpointFacts>();
    if (s.code === 'flow-drop') expectTypeOf(s.data.list).toEqualTypeOf<'Cluster' | 'Local'>();
  });

  test('a switch narrows each branch', () => {
    const zoneOf = (step: ExplanationStep): string | undefined => {
      switch (step.code) {
        case 'topology-same-zone':
        case 'topology-no-endpoint-for-zone':
        case 'client-zone-only':
          return step.data.zone;
        default:
          return undefined;
      }
    };
    expectTypeOf(zoneOf).returns.toEqualTypeOf<string | undefined>();
  });

  test('without a test on the code, data is only the union of the shapes', () => {
    // @ts-expect-error `zone` is not on every code's data
    void s.data.zone;
    expectTypeOf<StepOf<'hints-safeguard'>['data']>().toEqualTypeOf<ExplanationData['hints-safeguard']>();
  });

  test('the code list and the data map have the same keys', () => {
    expectTypeOf(EXPLANATION_CODES).toEqualTypeOf<readonly ExplanationCode[]>();
    expectTypeOf<keyof ExplanationData>().toEqualTypeOf<ExplanationCode>();
  });
});
