/**
 * HTML for the playground's own parts (the per-node table, the hints diff, the chosen node's
 * explanation, errors). The charts come from the library's report renderer, so the page and
 * `kube-traffic report --html` draw the same pictures (src/render). Every text from the input is escaped.
 *
 * @module
 */
import { escapeHtml as e, flowDiagramSvg, loadChartSvg } from '../../src/render/index.js';
import { formatExplanation } from '../../src/index.js';
import type { Place } from './dump.js';
import type { ShownProblem, View } from './view.js';

const pct = (f: number): string => `${(Math.round(f * 1000) / 10).toString()}%`;
const where = (p: Place | null): string => (p === null ? '' : `document ${p.document}, line ${p.line}: `);
const zone = (z: string): string => (z === '' ? '(no zone)' : z);

/** The error box: one item per problem, placed in the pasted text where known. */
export function renderErrors(title: string, problems: readonly ShownProblem[]): string {
  const items = problems.map((p) => `<li>${p.place === null ? '' : `<span class="place">${e(where(p.place))}</span>`}${e(p.message)}</li>`).join('');
  return `<div class="error"><p><strong>${e(title)}</strong></p><ul>${items}</ul></div>`;
}

/** Settings, what-ifs and the headline figures. */
export function renderSummary(v: View): string {
  const s = v.simulation;
  const settings = v.settings.map(([k, x]) => `<div><dt>${e(k)}</dt><dd>${e(x)}</dd></div>`).join('');
  const changes = v.changes.length === 0 ? '<p class="note">No what-if applied: the Service as pasted.</p>' : `<p class="what-ifs"><strong>What-ifs:</strong> ${v.changes.map(e).join('; ')}</p>`;
  const figures = s.notProxied !== null
    ? `<p class="warn">${e(s.notProxied.message)}</p>`
    : `<p class="figures">Forwarded <strong>${pct(s.forwardedFraction)}</strong> (in-zone ${pct(s.inZoneFraction)}, cross-zone <strong>${pct(s.crossZoneFraction)}</strong>${s.unknownZoneFraction > 0 ? `, zone unknown ${pct(s.unknownZoneFraction)}` : ''}), dropped <strong>${pct(s.droppedFraction)}</strong>, rejected ${pct(s.rejectedFraction)} — ${e(s.flow.via)} traffic from ${e(s.flow.from)}, Kubernetes ${e(v.release)}, hints ${v.viewMode === 'today' ? 'as pasted' : 'after the controller reconciles'}.</p>`;
  const cmp = v.comparison?.scenarios[0];
  const before = v.comparison?.baseline;
  const comparison = cmp === undefined || before === undefined
    ? ''
    : `<p class="compare">Both reconciled by the controller: cross-zone ${pct(before.simulation.crossZoneFraction)} → ${pct(cmp.simulation.crossZoneFraction)}, dropped ${pct(before.simulation.droppedFraction)} → ${pct(cmp.simulation.droppedFraction)}, busiest endpoint ${(before.simulation.mostOverloaded?.overload ?? 0).toFixed(2)}× → ${(cmp.simulation.mostOverloaded?.overload ?? 0).toFixed(2)}× the fair share.</p>`;
  const plane = v.dataPlane === 'kube-proxy'
    ? ''
    : `<p class="warn">The table follows ${e(v.dataPlanes.find(([n]) => n === v.dataPlane)?.[1] ?? v.dataPlane)}'s rules (the library's deviation profile; its Kubernetes release setting does not apply). The figures, charts and hints above and below are kube-proxy's and the EndpointSlice controller's: the simulator has no data-plane profiles yet.</p>`;
  const warnings = s.warnings.length === 0 ? '' : `<ul class="warnings">${s.warnings.map((w) => `<li>${e(w.message)}</li>`).join('')}</ul>`;
  return `<dl class="settings">${settings}</dl>${changes}${plane}${figures}${comparison}${warnings}`;
}

/** The zone-to-zone flows and the per-endpoint load, drawn by the report's renderer. */
export function renderCharts(v: View): string {
  if (v.simulation.notProxied !== null) return '';
  // The report's pictures (src/render), styled by its REPORT_CSS (scoped under .kt-report, built into app.css).
  return `<div class="kt-report charts"><figure><figcaption>Zone to zone: where each zone's client traffic goes (green in-zone, orange cross-zone, red dropped or rejected)</figcaption><div class="svg">${flowDiagramSvg(v.simulation)}</div></figure>` +
    `<figure><figcaption>Load per endpoint: share of all traffic; the dashed line is the fair share</figcaption><div class="svg">${loadChartSvg(v.simulation)}</div></figure></div>`;
}

/** One row per client node. */
export function renderTable(v: View): string {
  const rows = v.rows.map((r) => {
    const chosen = r.node === v.node;
    return `<tr data-node="${e(r.node)}"${chosen ? ' class="chosen" aria-current="true"' : ''}>` +
      `<th scope="row"><button type="button" class="pick" data-node="${e(r.node)}" aria-pressed="${chosen}">${e(r.node)}</button></th>` +
      `<td data-label="Zone">${e(zone(r.zone))}</td>` +
      `<td data-label="Action" class="action ${e(r.action.toLowerCase().replace(/\s+/g, '-'))}">${e(r.action)}</td>` +
      `<td data-label="List used">${e(r.list === '' ? '—' : r.list)}</td>` +
      `<td data-label="Endpoints" class="endpoints">${r.endpoints.length === 0 ? '<span class="none">none</span>' : r.endpoints.map((x) => `<span>${e(x)}</span>`).join(' ')}</td>` +
      `<td data-label="Why" class="why">${r.why.map((w) => `<p>${e(w)}</p>`).join('')}</td></tr>`;
  });
  return `<table class="nodes"><thead><tr><th scope="col">Node</th><th scope="col">Zone</th><th scope="col">Action</th><th scope="col">List used</th><th scope="col">Endpoints it may reach</th><th scope="col">Why</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

/** The chosen node's whole explanation, as the CLI prints it. */
export function renderDetails(v: View): string {
  const row = v.rows.find((r) => r.node === v.node);
  if (row === undefined) return '<p class="note">Pick a client node (in the list above or by its name in the table) to see its whole explanation.</p>';
  return `<details open id="explanation"><summary>Full explanation for ${e(row.node)}</summary><pre>${e(formatExplanation({ explanation: row.steps }))}</pre></details>`;
}

/** The controller's outcome and the hints it would write, against today's. */
export function renderHints(v: View): string {
  const h = v.hints;
  const event = h.event === null ? '' : ` Event ${e(h.event.type)} ${e(h.event.reason)}: ${e(h.event.message)}`;
  const changed = v.hintRows.filter((r) => r.change !== 'same').length;
  const head = `<p>Controller path <code>${e(h.path)}</code>, cause <code>${e(h.cause)}</code>.${event} ${changed === 0 ? 'It would leave every hint as it is.' : `It would change the hints of ${changed} endpoint${changed === 1 ? '' : 's'}.`}</p>`;
  if (v.hintRows.length === 0) return `${head}<p class="note">The Service has no endpoints in the pasted slices.</p>`;
  const rows = v.hintRows.map((r) =>
    `<tr class="${r.change}"><td data-label="Slice">${e(r.slice)}</td><td data-label="Endpoint">${e(r.endpoint)}</td><td data-label="Zone">${e(zone(r.zone))}</td>` +
    `<td data-label="Today">${r.change === 'same' ? e(r.today || 'no hints') : `<del>${e(r.today || 'no hints')}</del>`}</td>` +
    `<td data-label="Written">${r.change === 'same' ? '<span class="none">unchanged</span>' : `<ins>${e(r.written || 'no hints')}</ins>`}</td></tr>`,
  );
  return `${head}<div class="scroll" role="region" aria-label="hints diff" tabindex="0"><table class="hints"><thead><tr><th scope="col">Slice</th><th scope="col">Endpoint</th><th scope="col">Zone</th><th scope="col">Today</th><th scope="col">Written by the controller</th></tr></thead><tbody>${rows.join('')}</tbody></table></div>`;
}
