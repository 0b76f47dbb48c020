/**
 * Text helpers of the rendering module: escaping, number formats, and width estimates for the
 * SVG labels. The SVGs set their text in a monospace face, so a label's width is its length
 * times a fixed advance; that is what lets a pure function (no DOM, no font metrics) promise
 * that no label overflows its column.
 *
 * @module
 * @internal
 */

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

/**
 * A fraction as a percentage with at most one decimal; tiny non-zero values say `<0.1%` rather
 * than a misleading `0%`.
 *
 * @example
 * ```ts
 * pct(1 / 3);    // => '33.3%'
 * pct(0.0004);   // => '<0.1%'
 * ```
 */
export function pct(f: number): string {
  if (f > 0 && f < 0.0005) return '<0.1%';
  return `${+(f * 100).toFixed(1)}%`;
}

/**
 * A multiplier such as an overload, with at most two decimals.
 *
 * @example
 * ```ts
 * times(3.6); // => '3.6×'
 * ```
 */
export function times(x: number): string {
  return `${+x.toFixed(2)}×`;
}

/**
 * Horizontal advance of one character, in em, of the monospace faces the SVGs ask for
 * (DejaVu Sans Mono, Liberation Mono, Menlo and Consolas all advance 0.6 em); a little is added
 * for hinting.
 */
export const MONO_ADVANCE = 0.62;

/**
 * The estimated width, in SVG units, of `text` at `fontSize` in the monospace face.
 *
 * @example
 * ```ts
 * textWidth('zone-a', 12); // => 44.64
 * ```
 */
export function textWidth(text: string, fontSize: number): number {
  return [...text].length * fontSize * MONO_ADVANCE;
}

/**
 * `text` shortened in the middle (`…`) so that it fits `width` at `fontSize`; unchanged when it
 * fits. Keeping both ends keeps what tells names apart (a node's prefix and its suffix, an
 * endpoint's port).
 *
 * @example
 * ```ts
 * fitMiddle('ip-10-0-1-23.eu-west-1.compute.internal', 120, 12); // => 'ip-10-0…internal'
 * ```
 */
export function fitMiddle(text: string, width: number, fontSize: number): string {
  const chars = [...text];
  const max = Math.floor(width / (fontSize * MONO_ADVANCE));
  if (chars.length <= max) return text;
  if (max <= 1) return '…';
  const keep = max - 1;
  const head = Math.ceil(keep / 2);
  const tail = keep - head;
  return chars.slice(0, head).join('') + '…' + (tail > 0 ? chars.slice(chars.length - tail).join('') : '');
}

/**
 * A number for an SVG attribute: at most one decimal.
 *
 * @example
 * ```ts
 * num(12.345); // => '12.3'
 * ```
 */
export function num(x: number): string {
  return String(Math.round(x * 10) / 10);
}

/**
 * How the report names a zone: `unknown` for the empty zone (no label, no slice zone).
 *
 * @example
 * ```ts
 * zoneLabel(''); // => 'unknown'
 * ```
 */
export function zoneLabel(zone: string): string {
  return zone === '' ? 'unknown' : zone;
}
