/**
 * The two pictures of a simulation, as SVG strings: the zone-to-zone flow diagram and the
 * per-endpoint load chart. Both have a `viewBox` and no fixed size, so they scale with their
 * container; every label is placed in a slot of its own (estimated with a monospace advance,
 * see `text.ts`), so labels neither overlap nor leave the picture, and long names are shortened
 * in the middle with the full text in a `<title>` tooltip.
 *
 * @module
 */
import type { SimulationResult } from '../simulate/types.js';
import { escapeHtml as e, fitMiddle, num, pct, textWidth, times, zoneLabel } from './text.js';

/** Width of both pictures in SVG units; the page scales them (see `REPORT_CSS`). */
export const SVG_WIDTH = 560;
const FONT = 12;
const SMALL = 11;
const SLOT = 18;
const PAD = 8;
const BOX_W = 132;
const BOX_MIN_H = 40;
const GAP = 14;
const TOP = 26;
/** The face the label widths are estimated for, set on the SVG itself so no page style changes it. */
const FONT_ATTRS = `font-family="'DejaVu Sans Mono', 'Liberation Mono', Menlo, Consolas, monospace" font-size="${FONT}"`;

type BandKind = 'in-zone' | 'cross-zone' | 'unknown-zone' | Lost;
/** Traffic that reaches no endpoint; `not-handled`: kube-proxy writes no rule for it (external IPs, AllowServiceExternalIPs off). */
type Lost = 'dropped' | 'rejected' | 'not-handled';

interface Band {
  readonly from: number;
  readonly to: number;
  readonly fraction: number;
  readonly kind: BandKind;
}

interface Box {
  readonly key: string;
  readonly title: string;
  readonly sub: string;
  readonly kind: 'client' | 'endpoints' | Lost;
  readonly zone: string | null;
}

/** Stacks boxes, each tall enough for its band slots; returns each box's top and height. */
function stack(counts: readonly number[]): { y: number[]; h: number[]; bottom: number } {
  const y: number[] = [];
  const h: number[] = [];
  let at = TOP;
  for (const n of counts) {
    const height = Math.max(BOX_MIN_H, n * SLOT + PAD);
    y.push(at);
    h.push(height);
    at += height + GAP;
  }
  return { y, h, bottom: at - GAP };
}

/**
 * The zone-to-zone flow diagram: client zones on the left, endpoint zones (and `dropped` /
 * `rejected` when traffic is lost) on the right, one band per non-zero flow. Every band ends in
 * a slot of its own at the right, labelled with its source zone and its percentage of all
 * traffic. In-zone bands are green and drawn last (on top), cross-zone orange, flows with an
 * unknown zone grey, lost traffic red.
 *
 * @param r - a simulation result
 * @returns an `<svg class="flows">` element
 * @example
 * ```ts
 * flowDiagramSvg(simulateTraffic(input)); // => '<svg class="flows" viewBox="0 0 560 …">…</svg>'
 * ```
 */
export function flowDiagramSvg(r: SimulationResult): string {
  const zones = r.zoneMatrix.zones;
  const clientWeight = new Map<string, { total: number; dropped: number; rejected: number; notHandled: number }>();
  for (const c of r.classes) {
    const t = clientWeight.get(c.zone) ?? { total: 0, dropped: 0, rejected: 0, notHandled: 0 };
    t.total += c.weight;
    if (c.action === 'drop') t.dropped += c.weight;
    if (c.action === 'reject') t.rejected += c.weight;
    if (c.action === 'not-handled') t.notHandled += c.weight;
    clientWeight.set(c.zone, t);
  }
  const received = zones.map((_, j) => r.zoneMatrix.fractions.reduce((s, row) => s + (row[j] ?? 0), 0));
  const endpointZones = new Set(r.endpoints.map((x) => x.zone));
  const left: Box[] = [];
  const leftIndex = new Map<string, number>();
  for (const z of zones) {
    const t = clientWeight.get(z);
    if (t === undefined || t.total <= 0) continue;
    leftIndex.set(z, left.length);
    left.push({ key: z, title: zoneLabel(z), sub: `clients ${pct(t.total)}`, kind: 'client', zone: z });
  }
  const right: Box[] = [];
  const rightIndex = new Map<string, number>();
  zones.forEach((z, j) => {
    if (!endpointZones.has(z) && !(received[j]! > 0)) return;
    rightIndex.set(z, right.length);
    right.push({ key: z, title: zoneLabel(z), sub: `receives ${pct(received[j]!)}`, kind: 'endpoints', zone: z });
  });
  const lostAt: Partial<Record<Lost, number>> = {};
  if (r.droppedFraction > 0) {
    lostAt.dropped = right.length;
    right.push({ key: '#dropped', title: 'dropped', sub: pct(r.droppedFraction), kind: 'dropped', zone: null });
  }
  if (r.rejectedFraction > 0) {
    lostAt.rejected = right.length;
    right.push({ key: '#rejected', title: 'rejected', sub: pct(r.rejectedFraction), kind: 'rejected', zone: null });
  }
  if (r.notHandledFraction > 0) {
    lostAt['not-handled'] = right.length;
    right.push({ key: '#not-handled', title: 'not handled', sub: `${pct(r.notHandledFraction)}, by kube-proxy`, kind: 'not-handled', zone: null });
  }

  const bands: Band[] = [];
  zones.forEach((from, i) => {
    const li = leftIndex.get(from);
    if (li === undefined) return;
    (r.zoneMatrix.fractions[i] ?? []).forEach((f, j) => {
      const to = zones[j]!;
      const ri = rightIndex.get(to);
      if (!(f > 0) || ri === undefined) return;
      const kind: BandKind = from === '' || to === '' ? 'unknown-zone' : from === to ? 'in-zone' : 'cross-zone';
      bands.push({ from: li, to: ri, fraction: f, kind });
    });
    const t = clientWeight.get(from)!;
    if (t.dropped > 0 && lostAt.dropped !== undefined) bands.push({ from: li, to: lostAt.dropped, fraction: t.dropped, kind: 'dropped' });
    if (t.rejected > 0 && lostAt.rejected !== undefined) bands.push({ from: li, to: lostAt.rejected, fraction: t.rejected, kind: 'rejected' });
    const nh = lostAt['not-handled'];
    if (t.notHandled > 0 && nh !== undefined) bands.push({ from: li, to: nh, fraction: t.notHandled, kind: 'not-handled' });
  });

  // Slots: a band leaves its client box at its own slot (in-zone first) and enters its target box
  // at its own slot (in source order), so no two band ends, and no two labels, share a row.
  const outgoing = left.map((_, i) => bands.filter((b) => b.from === i).sort((a, b) => Number(b.kind === 'in-zone') - Number(a.kind === 'in-zone') || a.to - b.to));
  const incoming = right.map((_, j) => bands.filter((b) => b.to === j).sort((a, b) => a.from - b.from));
  const L = stack(outgoing.map((l) => l.length));
  const R = stack(incoming.map((l) => l.length));
  const height = Math.max(L.bottom, R.bottom, TOP + BOX_MIN_H) + PAD;
  const leftX = PAD;
  const rightX = SVG_WIDTH - PAD - BOX_W;
  const labelRight = rightX - 6;
  const labelSpace = 160;
  const slotY = (top: number, h: number, n: number, k: number): number => top + (h - n * SLOT) / 2 + SLOT * (k + 0.5);
  const startY = new Map<Band, number>();
  outgoing.forEach((list, i) => list.forEach((b, k) => startY.set(b, slotY(L.y[i]!, L.h[i]!, list.length, k))));

  const paths: { kind: BandKind; svg: string }[] = [];
  const labels: string[] = [];
  incoming.forEach((list, j) => {
    list.forEach((b, k) => {
      const y1 = startY.get(b)!;
      const y2 = slotY(R.y[j]!, R.h[j]!, list.length, k);
      const source = left[b.from]!.title;
      const target = right[b.to]!.title;
      const what =
        b.kind === 'dropped' || b.kind === 'rejected'
          ? `${source}: ${pct(b.fraction)} of all traffic ${b.kind}`
          : b.kind === 'not-handled'
            ? `${source}: ${pct(b.fraction)} of all traffic not handled by kube-proxy`
            : `${source} → ${target}: ${pct(b.fraction)} of all traffic`;
      const value = pct(b.fraction);
      const name = fitMiddle(source, labelSpace - textWidth(` ${value}`, FONT), FONT);
      const labelW = textWidth(`${name} ${value}`, FONT);
      // The band stops short of its label and a thin lead joins the label to the box: no band
      // runs under text.
      const x1 = leftX + BOX_W;
      const x2 = labelRight - labelW - 6;
      const mx = (x1 + x2) / 2;
      const width = 2 + Math.min(1, b.fraction) * (SLOT - 6);
      paths.push({
        kind: b.kind,
        svg: `<path class="band ${b.kind}" data-from="${e(left[b.from]!.key)}" data-to="${e(right[b.to]!.key)}" data-fraction="${b.fraction}" d="M${num(x1)},${num(y1)} C${num(mx)},${num(y1)} ${num(mx)},${num(y2)} ${num(x2)},${num(y2)}" stroke-width="${num(width)}"><title>${e(what)}</title></path>` +
          `<line class="lead ${b.kind}" x1="${num(labelRight + 2)}" y1="${num(y2)}" x2="${num(rightX)}" y2="${num(y2)}"/>`,
      });
      labels.push(
        `<text class="band-label ${b.kind}" data-from="${e(left[b.from]!.key)}" data-to="${e(right[b.to]!.key)}" x="${num(labelRight)}" y="${num(y2 + FONT * 0.35)}" text-anchor="end"><title>${e(what)}</title>${e(name)} <tspan class="value">${e(value)}</tspan></text>`,
      );
    });
  });
  // Painter's order: cross-zone and lost flows first, unknown next, in-zone last so they stay visible.
  const order: readonly BandKind[] = ['cross-zone', 'dropped', 'rejected', 'not-handled', 'unknown-zone', 'in-zone'];
  paths.sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind));

  const box = (b: Box, x: number, y: number, h: number): string => {
    const name = fitMiddle(b.title, BOX_W - 2 * PAD, FONT);
    const cls = b.kind === 'client' || b.kind === 'endpoints' ? `zone ${b.kind}${b.zone === '' ? ' unknown' : ''}` : `zone lost ${b.kind}`;
    const zoneAttr = b.zone === null ? '' : ` data-zone="${e(b.zone)}"`;
    return `<g class="${cls}"${zoneAttr}><title>${e(`${b.title}: ${b.sub}`)}</title><rect x="${num(x)}" y="${num(y)}" width="${BOX_W}" height="${num(h)}" rx="6"/><text x="${num(x + PAD)}" y="${num(y + 17)}">${e(name)}</text><text class="sub" font-size="${SMALL}" x="${num(x + PAD)}" y="${num(y + 32)}">${e(b.sub)}</text></g>`;
  };
  const boxes = [...left.map((b, i) => box(b, leftX, L.y[i]!, L.h[i]!)), ...right.map((b, j) => box(b, rightX, R.y[j]!, R.h[j]!))];
  const axes = `<text class="axis" font-size="${SMALL}" x="${leftX}" y="16">client zone</text><text class="axis" font-size="${SMALL}" x="${rightX}" y="16">endpoint zone</text>`;
  const empty = bands.length === 0 ? `<text class="axis" font-size="${SMALL}" x="${num(SVG_WIDTH / 2)}" y="${num(TOP + 24)}" text-anchor="middle">no client traffic</text>` : '';
  return `<svg class="flows" role="img" aria-label="zone-to-zone traffic" viewBox="0 0 ${SVG_WIDTH} ${num(height)}" preserveAspectRatio="xMinYMin meet" ${FONT_ATTRS}>${axes}${paths.map((p) => p.svg).join('')}${boxes.join('')}${labels.join('')}${empty}</svg>`;
}

const LABEL_W = 196;
const BAR_X = 212;
const BAR_W = 218;
const VALUE_RIGHT = SVG_WIDTH - PAD;
const ROW = 34;

/**
 * The per-endpoint load chart: one row per endpoint with its `IP:port` and its node and zone on
 * the left (shortened in the middle when long, full text in a tooltip), a bar for its share of
 * all traffic, and the share and overload in a column of their own on the right. The dashed
 * fair-share line runs only through the bar column, and its label sits in a header row above it,
 * so the line never crosses text. Bars above the overload threshold are red, endpoints that do
 * not count towards the fair share grey.
 *
 * @param r - a simulation result
 * @param threshold - the overload threshold the bars are coloured by; default 1.5
 * @returns an `<svg class="load">` element
 * @example
 * ```ts
 * loadChartSvg(simulateTraffic(input)); // => '<svg class="load" viewBox="0 0 560 …">…</svg>'
 * ```
 */
export function loadChartSvg(r: SimulationResult, threshold = 1.5): string {
  const rows = r.endpoints;
  const top = TOP + 16;
  const height = top + Math.max(rows.length, 1) * ROW + PAD;
  const maxShare = Math.max(r.fairShare, ...rows.map((x) => x.share), 1e-9);
  const scale = BAR_W / (maxShare * 1.05);
  const parts: string[] = [];
  parts.push(`<text class="axis" font-size="${SMALL}" x="${PAD}" y="16">endpoint · node · zone</text>`);
  parts.push(`<text class="axis" font-size="${SMALL}" x="${VALUE_RIGHT}" y="16" text-anchor="end">share · load</text>`);
  rows.forEach((x, i) => {
    const y = top + i * ROW;
    const node = x.nodeName ?? 'no node';
    const second = `${node} · ${zoneLabel(x.zone)}`;
    const full = `${x.key} on ${node} in ${zoneLabel(x.zone)}: ${pct(x.share)} of all traffic, ${times(x.overload)} the fair share${x.serving ? '' : ' (not serving: outside the fair share)'}`;
    const cls = !x.serving ? 'bar idle' : x.overload > threshold ? 'bar over' : 'bar';
    const w = Math.max(x.share > 0 ? 1 : 0, x.share * scale);
    parts.push(
      `<g class="endpoint" data-key="${e(x.key)}"><title>${e(full)}</title>` +
        `<text class="key" x="${PAD}" y="${num(y + 14)}">${e(fitMiddle(x.key, LABEL_W, FONT))}</text>` +
        `<text class="sub" font-size="${SMALL}" x="${PAD}" y="${num(y + 28)}">${e(fitMiddle(second, LABEL_W, SMALL))}</text>` +
        `<rect class="${cls}" x="${BAR_X}" y="${num(y + 8)}" width="${num(w)}" height="16"/>` +
        `<text class="value" x="${VALUE_RIGHT}" y="${num(y + 20)}" text-anchor="end">${e(`${pct(x.share)} · ${times(x.overload)}`)}</text></g>`,
    );
  });
  if (rows.length === 0) parts.push(`<text class="axis" font-size="${SMALL}" x="${PAD}" y="${num(top + 20)}">no endpoint for this port and family</text>`);
  if (r.fairShare > 0) {
    const fx = BAR_X + r.fairShare * scale;
    const label = `fair share ${pct(r.fairShare)}`;
    const half = textWidth(label, SMALL) / 2;
    const cx = Math.min(Math.max(fx, BAR_X + half), VALUE_RIGHT - half);
    parts.push(`<line class="fair" x1="${num(fx)}" y1="${top}" x2="${num(fx)}" y2="${num(height - PAD / 2)}"/>`);
    parts.push(`<text class="fair-label" font-size="${SMALL}" x="${num(cx)}" y="${top - 5}" text-anchor="middle">${e(label)}</text>`);
  }
  return `<svg class="load" role="img" aria-label="load per endpoint" viewBox="0 0 ${SVG_WIDTH} ${num(height)}" preserveAspectRatio="xMinYMin meet" ${FONT_ATTRS}>${parts.join('')}</svg>`;
}
