/**
 * Over every deviation vector: the profile's explanation names one of that profile's rules for
 * every endpoint on which it disagrees with kube-proxy, and for every list one of them uses and
 * the other does not; and its per-endpoint verdicts agree with its lists.
 */
import { describe, expect, it } from 'vitest';
import { type CategorizeInput, type ProfileStep, PROFILES, type ProfileId, type ProfileOption, categorizeEndpoints, compareProfiles } from '../../src/index.js';
import { RULES } from '../../src/profiles/categorize.js';
import { type DeviationVector, runDeviation } from '../conformance/deviations.js';
import { loadVectorFiles } from '../conformance/vectors.js';

const nameOf = (id: string) => PROFILES.find((p) => p.id === id)!.name as keyof typeof RULES;
const LIST_RULES = new Set(['C6', 'Ci7', 'L1', 'I5', 'E1', 'A4']);

for (const { file, vectors } of loadVectorFiles<DeviationVector>('deviations')) {
  describe(`profile explanations: ${file}`, () => {
    vectors.forEach((vector, i) => {
      it(`#${i} ${vector.profile} ${vector.name}`, () => {
        const r = runDeviation(vector, { explain: true });
        const plain = runDeviation(vector);
        expect(plain.explanation).toBeUndefined();
        const steps: readonly ProfileStep[] = r.explanation ?? [];
        const rules = RULES[nameOf(vector.profile)].rules;
        // Every step is the profile's and names one of its rules.
        for (const s of steps) {
          expect(s.data['profile']).toBe(vector.profile);
          expect(Object.keys(rules)).toContain(s.data['rule']);
        }
        const kp = categorizeEndpoints(vector.input as unknown as CategorizeInput);
        expect(kp.kind).toBe('proxied');
        if (kp.kind !== 'proxied') return;
        for (const list of ['cluster', 'local'] as const) {
          const mine = list === 'cluster' ? r.clusterEndpoints : r.localEndpoints;
          const theirs = list === 'cluster' ? kp.clusterEndpoints : kp.localEndpoints;
          if ((mine === null) !== (theirs === null)) {
            // A list one uses and the other does not: a list-use rule says why.
            expect(steps.some((s) => s.code === 'profile-rule' && s.endpoint === undefined && LIST_RULES.has(String(s.data['rule'])))).toBe(true);
            continue;
          }
          if (mine === null || theirs === null) continue;
          const a = new Set(mine.map((e) => e.key));
          const b = new Set(theirs.map((e) => e.key));
          for (const key of new Set([...a, ...b])) {
            if (a.has(key) === b.has(key)) continue;
            // A step about this endpoint, for this list (or for no list in particular), naming a rule of
            // the profile; an endpoint the profile drops at reading (Linkerd's not-ready) still gets one.
            const named = steps.filter((s) => s.endpoint === key && (s.list === undefined || s.list === list) && Object.hasOwn(rules, String(s.data['rule'])));
            expect(named.length, `${key} (${list}) has no step naming a ${vector.profile} rule`).toBeGreaterThan(0);
            // The endpoint's verdict for this list says which way it went, and it went the profile's way.
            const verdict = named.find((s) => s.list === list && s.code !== 'profile-rule');
            if (verdict !== undefined) expect(verdict.code === 'endpoint-in-cluster' || verdict.code === 'endpoint-in-local').toBe(a.has(key));
          }
          // Verdicts agree with the list.
          for (const s of steps.filter((x) => x.list === list)) {
            if (s.code === 'endpoint-in-cluster' || s.code === 'endpoint-in-local') expect(a.has(s.endpoint!)).toBe(true);
            else if (s.endpoint !== undefined && s.code !== 'profile-rule') expect(a.has(s.endpoint)).toBe(false);
          }
          for (const key of a) expect(steps.some((s) => s.endpoint === key && s.list === list && (s.code === 'endpoint-in-cluster' || s.code === 'endpoint-in-local'))).toBe(true);
        }
      });
    });
  });

  describe(`compareProfiles names a rule for each difference: ${file}`, () => {
    vectors.forEach((vector, i) => {
      it(`#${i} kube-proxy vs ${vector.profile}`, () => {
        const profile = { name: vector.profile, ...(vector.gates && { gates: vector.gates }), ...(vector.options && { options: vector.options }) };
        const c = compareProfiles(vector.input as unknown as CategorizeInput, ['kube-proxy', profile as ProfileOption]);
        expect(c.answers.map((a) => a.profile)).toEqual(['kube-proxy', vector.profile]);
        for (const d of c.differences) {
          const reason = d.reasons.find((x) => x.profile === vector.profile)!;
          expect(reason.picks).toBe(d.pickedBy.includes(vector.profile as ProfileId));
          expect(Object.keys(RULES[nameOf(vector.profile)].rules)).toContain(reason.rule);
          expect(reason.message).toContain(d.endpoint);
        }
      });
    });
  });
}
