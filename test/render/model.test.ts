/**
 * The report's data (src/render/model.ts) on the example dump: its "after the controller
 * reconciles" view is compareScenarios' baseline (one controller-then-simulate run, not a copy of
 * it), and today's view is simulateTraffic on the slices as given.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type EndpointSliceInput, type ServiceInput, type SimulateInput, type SimulationNodeInput, compareScenarios, simulateTraffic } from '../../src/index.js';
import { buildReportModel } from '../../src/render/index.js';

const dump = JSON.parse(readFileSync(new URL('../../examples/cluster.json', import.meta.url), 'utf8')) as { items: { kind: string; metadata: { name: string; labels?: Record<string, string> } }[] };
const of = <T>(kind: string) => dump.items.filter((o) => o.kind === kind) as unknown as T[];
const nodes = of<SimulationNodeInput>('Node');
const slices = of<EndpointSliceInput & { metadata: { labels: Record<string, string> } }>('EndpointSlice');

function inputFor(name: string): SimulateInput {
  const service = of<ServiceInput & { metadata: { name: string } }>('Service').find((s) => s.metadata.name === name)!;
  return { service, endpointSlices: slices.filter((s) => s.metadata.labels['kubernetes.io/service-name'] === name), nodes };
}

describe('buildReportModel', () => {
  for (const name of ['web', 'checkout', 'payments', 'search', 'cache']) {
    it(`shop/${name}: today is simulateTraffic, the reconciled view is compareScenarios' baseline`, () => {
      const input = inputFor(name);
      const model = buildReportModel({ input });
      const { baseline } = compareScenarios(input, []);
      expect(model.hints).toEqual(baseline.hints);
      const today = model.views[0]!;
      expect(today.id).toBe('today');
      expect(today.simulation).toEqual(simulateTraffic(input));
      const reconciled = model.views.find((v) => v.id === 'reconciled');
      if (model.reconciledSameAsToday) {
        expect(reconciled).toBeUndefined();
        expect(baseline.simulation.endpoints.map((e) => [e.key, e.share])).toEqual(today.simulation.endpoints.map((e) => [e.key, e.share]));
      } else {
        expect(reconciled!.simulation).toEqual(baseline.simulation);
        expect(reconciled!.warnings).toEqual(baseline.warnings);
      }
      // The controller's own explanation heads the explanation.
      expect(model.explanation[0]!.heading).toBe('EndpointSlice controller: the hints it would write');
      expect(model.explanation[0]!.lines.length).toBeGreaterThan(0);
    });
  }

  it('shop/search: the controller would rewrite the hints, so there are two views', () => {
    expect(buildReportModel({ input: inputFor('search') }).views.map((v) => v.id)).toEqual(['today', 'reconciled']);
  });

  it('the controller section is its explanation, not only the path and cause', () => {
    const model = buildReportModel({ input: inputFor('checkout') });
    expect(model.hints.path).toBe('topology-auto');
    expect(model.explanation[0]!.lines.join('\n')).not.toBe(`${model.hints.path} / ${model.hints.cause}`);
  });
});
