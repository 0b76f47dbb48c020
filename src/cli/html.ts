/**
 * The HTML report: one self-contained page (inline CSS and SVG, no scripts, no external
 * resources) with a zone-to-zone flow diagram, a bar chart of per-endpoint load against the
 * fair share, the warnings and the explanation. Every text taken from the input is escaped.
 *
 * @module
 */
import type { HintsOutcome, SimulationResult } from '../index.js';
import { percent } from './table.js';

/**
 * Everything the page shows.
 *
 * @example
 * ```ts
 * const data: ReportData = { title: 'shop/web', subtitle: 'clusterIP from pod', simulation, hints, explanation: [] };
 * ```
 */
export interface ReportData {
  readonly title: string;
  readonly subtitle: string;
  readonly simulation: SimulationResult;
  readonly hints: HintsOutcome;
  /** Sections of the explanation: a heading and its lines. */
  readonly explanation: readonly { readonly heading: string; readonly lines: readonly string[] }[];
}

/**
 * Escapes text for HTML element content and quoted attribute values (SVG included).
 *
 * @example
 * ```ts
 * escapeHtml('<b a="1">&'); // => '&lt;b a=&quot;1&quot;&gt;&amp;'
 * ```
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : '&#39;'));
}

const e = escapeHtml;
const num = (x: number): string => String(Math.round(x * 10) / 10);
const zoneName = (z: string): string => (z === '' ? '(no zone)' : z);

/**
 * The zone-to-zone flow diagram: client zones on the left, endpoint zones on the right, one
 * band per non-zero cell of the matrix (width proportional to the fraction), in-zone bands green,
 * cross-zone ones orange; traffic dropped or rejected flows into red boxes.
 *
 * @example
 * ```ts
 * flowDiagram(result); // => '<svg class="flows" …>…</svg>'
 * ```
 */
export function flowDiagram(r: SimulationResult): string {
  const zones = r.zoneMatrix.zones;
  const lost = [
    { label: 'dropped', fraction: r.droppedFraction },
    { label: 'rejected', fraction: r.rejectedFraction },
  ].filter((l) => l.fraction > 0);
  const rows = Math.max(zones.length + lost.length, 1);
  const boxH = 44;
  const gap = 26;
  const height = rows * (boxH + gap) + gap;
  const width = 640;
  const leftX = 20;
  const rightX = width - 160;
  const boxW = 140;
  const y = (i: number): number => gap + i * (boxH + gap);
  const parts: string[] = [];
  // Client-side totals per zone, including what is dropped or rejected there.
  const clientTotals = new Map<string, { weight: number; dropped: number; rejected: number }>();
  for (const c of r.classes) {
    const t = clientTotals.get(c.zone) ?? { weight: 0, dropped: 0, rejected: 0 };
    t.weight += c.weight;
    if (c.action === 'drop') t.dropped += c.weight;
    if (c.action === 'reject') t.rejected += c.weight;
    clientTotals.set(c.zone, t);
  }
  const band = (x1: number, y1: number, x2: number, y2: number, fraction: number, cls: string, title: string): string => {
    const w = Math.max(1.5, fraction * 40);
    const mx = (x1 + x2) / 2;
    return `<path class="band ${cls}" d="M${num(x1)},${num(y1)} C${num(mx)},${num(y1)} ${num(mx)},${num(y2)} ${num(x2)},${num(y2)}" stroke-width="${num(w)}"><title>${e(title)}</title></path>`;
  };
  zones.forEach((from, i) => {
    (r.zoneMatrix.fractions[i] ?? []).forEach((f, j) => {
      if (f <= 0) return;
      const to = zones[j] ?? '';
      const cls = from !== '' && from === to ? 'in-zone' : 'cross-zone';
      parts.push(band(leftX + boxW, y(i) + boxH / 2, rightX, y(j) + boxH / 2, f, cls, `${zoneName(from)} → ${zoneName(to)}: ${percent(f)} of all traffic`));
    });
    const t = clientTotals.get(from);
    lost.forEach((l, k) => {
      const f = t === undefined ? 0 : l.label === 'dropped' ? t.dropped : t.rejected;
      if (f > 0) parts.push(band(leftX + boxW, y(i) + boxH / 2, rightX, y(zones.length + k) + boxH / 2, f, 'lost', `${zoneName(from)}: ${percent(f)} of all traffic ${l.label}`));
    });
  });
  zones.forEach((z, i) => {
    const t = clientTotals.get(z);
    const sent = t === undefined ? '0%' : percent(t.weight);
    const received = r.zoneMatrix.fractions.reduce((s, row) => s + (row[i] ?? 0), 0);
    parts.push(`<g class="zone client" data-zone="${e(z)}"><rect x="${leftX}" y="${y(i)}" width="${boxW}" height="${boxH}" rx="6"/><text x="${leftX + 10}" y="${y(i) + 19}">${e(zoneName(z))}</text><text class="sub" x="${leftX + 10}" y="${y(i) + 36}">clients ${sent}</text></g>`);
    parts.push(`<g class="zone endpoints" data-zone="${e(z)}"><rect x="${rightX}" y="${y(i)}" width="${boxW}" height="${boxH}" rx="6"/><text x="${rightX + 10}" y="${y(i) + 19}">${e(zoneName(z))}</text><text class="sub" x="${rightX + 10}" y="${y(i) + 36}">receives ${percent(received)}</text></g>`);
  });
  lost.forEach((l, k) => {
    const yy = y(zones.length + k);
    parts.push(`<g class="zone lost"><rect x="${rightX}" y="${yy}" width="${boxW}" height="${boxH}" rx="6"/><text x="${rightX + 10}" y="${yy + 19}">${l.label}</text><text class="sub" x="${rightX + 10}" y="${yy + 36}">${percent(l.fraction)}</text></g>`);
  });
  parts.push(`<text class="axis" x="${leftX}" y="14">client zone</text><text class="axis" x="${rightX}" y="14">endpoint zone</text>`);
  return `<svg class="flows" role="img" aria-label="zone-to-zone traffic" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}">${parts.join('')}</svg>`;
}

/**
 * The per-endpoint load chart: one horizontal bar per endpoint (its share of all traffic), a
 * dashed line at the fair share; bars over 1.5× the fair share are red.
 *
 * @example
 * ```ts
 * loadChart(result); // => '<svg class="load" …><rect class="bar" …/>…</svg>'
 * ```
 */
export function loadChart(r: SimulationResult): string {
  const labelW = 250;
  const barMax = 330;
  const rowH = 26;
  const top = 28;
  const height = top + Math.max(r.endpoints.length, 1) * rowH + 24;
  const width = labelW + barMax + 90;
  const scale = Math.max(r.fairShare * 1.25, ...r.endpoints.map((x) => x.share), 1e-9);
  const x = (share: number): number => labelW + (share / scale) * barMax;
  const parts = r.endpoints.map((ep, i) => {
    const yy = top + i * rowH;
    const cls = ep.overload > 1.5 ? 'bar over' : ep.share === 0 ? 'bar idle' : 'bar';
    const label = `${ep.key} ${ep.nodeName ?? ''} ${zoneName(ep.zone)}`;
    return (
      `<text class="label" x="${labelW - 8}" y="${yy + 17}" text-anchor="end">${e(label)}</text>` +
      `<rect class="${cls}" data-endpoint="${e(ep.key)}" data-share="${ep.share}" x="${labelW}" y="${yy + 4}" width="${num(Math.max(x(ep.share) - labelW, 0))}" height="${rowH - 8}"><title>${e(`${ep.key}: ${percent(ep.share)} of all traffic, ${+ep.overload.toFixed(2)}× the fair share`)}</title></rect>` +
      `<text class="value" x="${num(x(ep.share) + 6)}" y="${yy + 17}">${percent(ep.share)} (${+ep.overload.toFixed(2)}×)</text>`
    );
  });
  const fx = x(r.fairShare);
  parts.push(`<line class="fair" x1="${num(fx)}" y1="${top - 6}" x2="${num(fx)}" y2="${height - 20}"/><text class="axis" x="${num(fx)}" y="${top - 10}" text-anchor="middle">fair share ${percent(r.fairShare)}</text>`);
  return `<svg class="load" role="img" aria-label="per-endpoint load" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}">${parts.join('')}</svg>`;
}

const CSS = `body{font:14px/1.45 system-ui,sans-serif;margin:2em auto;max-width:960px;color:#222;padding:0 1em}
h1{font-size:1.5em;margin-bottom:.2em}h2{font-size:1.15em;margin-top:1.8em;border-bottom:1px solid #ddd}
.subtitle{color:#666;margin-top:0}table{border-collapse:collapse}td,th{padding:2px 12px 2px 0;text-align:left}
.band{fill:none;stroke-opacity:.55}.band.in-zone{stroke:#2e8b57}.band.cross-zone{stroke:#e08a00}.band.lost{stroke:#c0392b}
.zone rect{fill:#f4f6fa;stroke:#8894a8}.zone.lost rect{fill:#fdecea;stroke:#c0392b}svg text{font-size:12px;fill:#222}svg text.sub,svg text.axis{fill:#666;font-size:11px}
.bar{fill:#4a7bd0}.bar.over{fill:#c0392b}.bar.idle{fill:#ccc}.fair{stroke:#222;stroke-dasharray:4 3}
ul.warnings li{color:#8a4b00}.none{color:#666}pre{background:#f6f6f6;padding:.6em;white-space:pre-wrap}`;

/**
 * The whole page.
 *
 * @param data - what to show
 * @returns a complete HTML document
 * @example
 * ```ts
 * renderReport(data).startsWith('<!doctype html>'); // => true
 * ```
 */
export function renderReport(data: ReportData): string {
  const r = data.simulation;
  const facts: [string, string][] = [
    ['Forwarded', `${percent(r.forwardedFraction)} (in-zone ${percent(r.inZoneFraction)}, cross-zone ${percent(r.crossZoneFraction)})`],
    ['Dropped', percent(r.droppedFraction)],
    ['Rejected', percent(r.rejectedFraction)],
    ['Serving endpoints', `${r.servingEndpoints} (fair share ${percent(r.fairShare)})`],
    ['Controller', `${data.hints.path} / ${data.hints.cause}`],
  ];
  const warnings = r.notProxied !== null || data.simulation.warnings.length > 0 || data.hints.event?.type === 'Warning'
    ? `<ul class="warnings">${[...r.warnings.map((w) => `${w.code}: ${w.message}`), ...(data.hints.path === 'topology-auto' && data.hints.cause !== 'hints-allocated' && data.hints.event !== null ? [`hints-not-written: ${data.hints.event.message}`] : [])]
        .map((w) => `<li>${e(w)}</li>`)
        .join('')}</ul>`
    : '<p class="none">No warnings.</p>';
  const explanation = data.explanation
    .map((s) => `<h3>${e(s.heading)}</h3><ul>${s.lines.map((l) => `<li>${e(l)}</li>`).join('')}</ul>`)
    .join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(`kube-traffic report: ${data.title}`)}</title><style>${CSS}</style></head>
<body>
<h1>${e(data.title)}</h1><p class="subtitle">${e(data.subtitle)}</p>
<table class="facts">${facts.map(([k, v]) => `<tr><th>${e(k)}</th><td>${e(v)}</td></tr>`).join('')}</table>
<h2 id="flows">Zone to zone</h2>
<p>Where traffic from clients in each zone goes (band width: fraction of all traffic; green in-zone, orange cross-zone, red dropped or rejected).</p>
${flowDiagram(r)}
<h2 id="load">Load per endpoint</h2>
<p>Each endpoint's share of all traffic; the dashed line is the fair share, red bars get more than 1.5× it.</p>
${loadChart(r)}
<h2 id="warnings">Warnings</h2>
${warnings}
<h2 id="explanation">Explanation</h2>
${explanation}
<p class="none">Generated by kube-traffic from the objects given; nothing here is fetched from anywhere.</p>
</body></html>
`;
}
