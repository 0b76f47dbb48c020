/**
 * The report as HTML: a header with the Service's settings and the release, one section per
 * view (today, and after the controller reconciles when that differs), each with its figures,
 * flow diagram, load chart and warnings; the explanation; the date, tool version and input
 * names. No scripts and nothing loaded: every text from the input is escaped.
 *
 * @module
 */
import type { SimulationWarning } from '../simulate/warnings.js';
import type { ReportModel, ReportView } from './model.js';
import { flowDiagramSvg, loadChartSvg } from './svg.js';
import { escapeHtml as e, pct, times, zoneLabel } from './text.js';

/**
 * The report's style sheet, every selector scoped under `.kt-report` so a page that embeds
 * {@link renderReportFragment} keeps its own styles (the fragment has no `style` attributes, so a
 * page with a strict `style-src` policy can serve this sheet as a file). The SVGs take the width of their column
 * (up to 56rem) and keep their proportions.
 *
 * @example
 * ```ts
 * `<style>${REPORT_CSS}</style>${renderReportFragment(model)}`;
 * ```
 */
export const REPORT_CSS = `.kt-report{font:15px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;color:#1d1d1f;max-width:60rem;margin:0 auto;padding:0 .5rem}
.kt-report h1{font-size:1.45rem;margin:.6em 0 .2em;overflow-wrap:anywhere}.kt-report h2{font-size:1.2rem;margin:1.4em 0 .3em}.kt-report h3{font-size:1rem;margin:1em 0 .2em;overflow-wrap:anywhere}
.kt-report table{border-collapse:collapse;margin:.4em 0;max-width:100%}.kt-report th,.kt-report td{text-align:left;padding:.15em .8em .15em 0;vertical-align:top;overflow-wrap:anywhere}.kt-report th{font-weight:600}.kt-report table.settings th,.kt-report table.figures th{white-space:nowrap}.kt-report .wide{overflow-x:auto;max-width:100%}.kt-report table.lb{font-size:.9em}
.kt-report .view{border-top:3px solid #4a7bd0;margin-top:1.6em;padding-top:.2em}.kt-report .view.reconciled{border-top-color:#6c3fb5}
.kt-report .view-label{display:inline-block;background:#4a7bd0;color:#fff;border-radius:4px;padding:.1em .5em;margin:.6em 0 .2em}.kt-report .view.reconciled .view-label{background:#6c3fb5}
.kt-report svg{display:block;width:100%;max-width:56rem;height:auto;margin:.4em 0 1em}
.kt-report svg text{fill:#1d1d1f;paint-order:stroke;stroke:#fff;stroke-width:3px;stroke-linejoin:round}.kt-report svg text.sub,.kt-report svg text.axis,.kt-report svg text.fair-label{fill:#555}
.kt-report .zone rect{fill:#f3f5f9;stroke:#8a94a6}.kt-report .zone.unknown rect{fill:#f1f1f1;stroke-dasharray:4 3}.kt-report .zone.lost rect{fill:#fdecea;stroke:#c0392b}
.kt-report .band{fill:none;stroke-opacity:.6}.kt-report .lead{stroke:#8a94a6;stroke-width:1.5}.kt-report .band.in-zone{stroke:#2e8b57;stroke-opacity:.85}.kt-report .band.cross-zone{stroke:#e67e22}.kt-report .band.unknown-zone{stroke:#8a8a8a}.kt-report .band.dropped,.kt-report .band.rejected,.kt-report .band.not-handled{stroke:#c0392b}
.kt-report .band-label.in-zone .value{fill:#1f6b40;font-weight:700}.kt-report .band-label.dropped .value,.kt-report .band-label.rejected .value,.kt-report .band-label.not-handled .value{fill:#a5281b;font-weight:700}
.kt-report .bar{fill:#4a7bd0}.kt-report .bar.over{fill:#c0392b}.kt-report .bar.idle{fill:#c8c8c8}.kt-report .fair{stroke:#222;stroke-dasharray:4 3}
.kt-report ul.warnings{padding-left:1.2em}.kt-report ul.warnings li{margin:.3em 0;overflow-wrap:anywhere}.kt-report li.level-error{color:#a5281b}.kt-report li.level-warning{color:#8a4b00}.kt-report li.level-info{color:#35506b}
.kt-report .advice{color:#1d1d1f;margin:.2em 0 .2em .2em;padding-left:1em}.kt-report .none,.kt-report .meta{color:#666}.kt-report code{font-family:ui-monospace,"DejaVu Sans Mono",monospace;font-size:.92em}
.kt-report .explanation li{overflow-wrap:anywhere}.kt-report .legend span{display:inline-block;margin-right:1em}.kt-report .sw{display:inline-block;width:.9em;height:.9em;border-radius:2px;vertical-align:-.1em;margin-right:.3em}
.kt-report .sw.in-zone{background:#2e8b57}.kt-report .sw.cross-zone{background:#e67e22}.kt-report .sw.unknown-zone{background:#8a8a8a}.kt-report .sw.lost{background:#c0392b}`;

const LEVELS: Readonly<Record<string, 'error' | 'warning' | 'info'>> = {};

/** A warning's level: its own `level` when it has one, else `warning`. */
function levelOf(w: SimulationWarning): 'error' | 'warning' | 'info' {
  const level = (w as { level?: unknown }).level;
  return level === 'error' || level === 'info' || level === 'warning' ? level : (LEVELS[w.code] ?? 'warning');
}

function warningsHtml(warnings: readonly SimulationWarning[]): string {
  if (warnings.length === 0) return '<p class="none">No warnings.</p>';
  const items = warnings.map((w) => {
    const advice = (w as { advice?: readonly { message: string }[] }).advice ?? [];
    const list = advice.length === 0 ? '' : `<ul class="advice">${advice.map((a) => `<li>${e(a.message)}</li>`).join('')}</ul>`;
    return `<li class="level-${levelOf(w)}" data-code="${e(w.code)}"><strong>${e(levelOf(w))}</strong> <code>${e(w.code)}</code>: ${e(w.message)}${list}</li>`;
  });
  return `<ul class="warnings">${items.join('')}</ul>`;
}

function figures(v: ReportView): [string, string][] {
  const r = v.simulation;
  const rows: [string, string][] = [];
  if (r.notProxied !== null) return [['Result', `not proxied (${r.notProxied.reason}): ${r.notProxied.message}`]];
  rows.push(['Forwarded', `${pct(r.forwardedFraction)} — in-zone ${pct(r.inZoneFraction)}, cross-zone ${pct(r.crossZoneFraction)}, unknown zone ${pct(r.unknownZoneFraction)}`]);
  rows.push(['Dropped', `${pct(r.droppedFraction)}${r.droppedNodes.length > 0 ? ` (${r.droppedNodes.join(', ')})` : ''}`]);
  rows.push(['Rejected', pct(r.rejectedFraction)]);
  // Only when some traffic goes to external IPs kube-proxy does not handle (AllowServiceExternalIPs off).
  if (r.notHandledFraction > 0) rows.push(['Not handled by kube-proxy', `${pct(r.notHandledFraction)} (AllowServiceExternalIPs is off)`]);
  rows.push(['Serving endpoints', `${r.servingEndpoints}, fair share ${pct(r.fairShare)} each`]);
  if (r.mostOverloaded !== null) rows.push(['Busiest endpoint', `${r.mostOverloaded.key} (${zoneLabel(r.mostOverloaded.zone)}): ${pct(r.mostOverloaded.share)}, ${times(r.mostOverloaded.overload)} the fair share`]);
  const lb = (r as { loadBalancer?: { summary?: string } | null }).loadBalancer;
  if (lb !== undefined && lb !== null && typeof lb.summary === 'string') rows.push(['Load balancer', lb.summary]);
  const assumed = (r as { clientsNote?: string | null }).clientsNote;
  if (typeof assumed === 'string') rows.push(['Clients', assumed]);
  return rows;
}

function table(rows: readonly (readonly [string, string])[], cls: string): string {
  return `<table class="${cls}">${rows.map(([k, v]) => `<tr><th>${e(k)}</th><td>${e(v)}</td></tr>`).join('')}</table>`;
}

function lbTable(v: ReportView): string {
  const lb = (v.simulation as { loadBalancer?: { nodes?: readonly { name: string; zone: string; localReadyEndpoints: number; share: number; reason: string }[] } | null }).loadBalancer;
  if (lb === undefined || lb === null || lb.nodes === undefined) return '';
  const rows = lb.nodes.map((n) => `<tr><td>${e(n.name)}</td><td>${e(zoneLabel(n.zone))}</td><td>${n.localReadyEndpoints}</td><td>${e(pct(n.share))}</td><td>${e(n.reason)}</td></tr>`);
  return `<h3>Load-balancer targets</h3><div class="wide"><table class="lb"><tr><th>node</th><th>zone</th><th>ready local</th><th>share</th><th>why</th></tr>${rows.join('')}</table></div>`;
}

function viewHtml(v: ReportView): string {
  const threshold = v.simulation.warnings.find((w) => w.code === 'endpoint-overloaded');
  const t = threshold !== undefined && threshold.code === 'endpoint-overloaded' ? threshold.threshold : ((v.simulation as { thresholds?: { overload: number } }).thresholds?.overload ?? 1.5);
  const body =
    v.simulation.notProxied !== null
      ? ''
      : `<h3>Zone to zone</h3>
<p class="legend"><span><i class="sw in-zone"></i>in-zone</span><span><i class="sw cross-zone"></i>cross-zone</span><span><i class="sw unknown-zone"></i>unknown zone</span><span><i class="sw lost"></i>dropped or rejected</span> Each band is labelled with its share of all traffic.</p>
${flowDiagramSvg(v.simulation)}
${lbTable(v)}
<h3>Load per endpoint</h3>
<p>Each endpoint's share of all traffic and its load (share ÷ fair share); the dashed line is the fair share, red bars exceed ${e(times(t))} it.</p>
${loadChartSvg(v.simulation, t)}`;
  return `<section class="view ${v.id}" data-view="${v.id}">
<h2 class="view-label" id="view-${v.id}">${e(v.label)}</h2>
<p>${e(v.description)}</p>
${table(figures(v), 'figures')}
${body}
<h3>Warnings</h3>
${warningsHtml(v.warnings)}
</section>`;
}

/**
 * The report as one `<article class="kt-report">` element, to embed in a page that also carries
 * {@link REPORT_CSS}.
 *
 * @param model - from {@link buildReportModel}
 * @returns an HTML fragment (no scripts; every input text escaped)
 * @example
 * ```ts
 * document.body.innerHTML = `<style>${REPORT_CSS}</style>${renderReportFragment(model)}`;
 * ```
 */
export function renderReportFragment(model: ReportModel): string {
  const explanation = model.explanation.map((s) => `<h3>${e(s.heading)}</h3><ul>${s.lines.map((l) => `<li>${e(l)}</li>`).join('')}</ul>`).join('');
  const meta = [
    model.meta.generatedAt === null ? null : `Generated ${model.meta.generatedAt}`,
    model.meta.toolVersion === null ? null : `by kube-traffic ${model.meta.toolVersion}`,
    model.meta.inputs.length === 0 ? null : `from ${model.meta.inputs.join(', ')}`,
  ].filter((x): x is string => x !== null);
  const metaLine = `${meta.length === 0 ? 'Generated by kube-traffic' : meta.join(' ')}. Computed from the objects given; nothing is fetched from anywhere.`;
  const views = model.reconciledSameAsToday
    ? ''
    : `<p><strong>Two views.</strong> The slices' hints today route traffic differently from the hints the EndpointSlice controller would write: both are shown, <em>today</em> first, then <em>after the controller reconciles</em>.</p>`;
  return `<article class="kt-report">
<header><h1>${e(model.title)}</h1>
${table(model.settings, 'settings')}
<p class="meta">${e(metaLine)}</p></header>
${views}
${model.views.map(viewHtml).join('\n')}
<section class="explanation"><h2 id="explanation">Explanation</h2>
${explanation}</section>
<footer><p class="meta">${e(metaLine)}</p></footer>
</article>`;
}

/**
 * The report as a complete, self-contained HTML document (inline CSS and SVG, no scripts, no
 * external resources).
 *
 * @param model - from {@link buildReportModel}
 * @returns the page
 * @example
 * ```ts
 * renderReportHtml(buildReportModel({ input })).startsWith('<!doctype html>'); // => true
 * ```
 */
export function renderReportHtml(model: ReportModel): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(`kube-traffic report: ${model.title}`)}</title><style>body{margin:0}${REPORT_CSS}</style></head>
<body>
${renderReportFragment(model)}
</body></html>
`;
}
