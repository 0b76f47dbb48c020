/**
 * Aligned text tables, the way `kubectl get` prints them: upper-case headers, columns separated
 * by three spaces, no borders. Colour is applied after padding so it never breaks alignment.
 *
 * @module
 */

/** Paints one cell's padded text (e.g. with an ANSI colour); identity when colour is off. */
export type Paint = (text: string, cell: string, column: number, row: number) => string;

/**
 * Formats rows under headers, each column as wide as its widest cell. The last column is not
 * padded.
 *
 * @param headers - column titles
 * @param rows - cells, one array per row (missing cells print empty)
 * @param paint - optional colouring of a cell (row -1 is the header row)
 * @returns the table, one line per row, ending with a newline
 * @example
 * ```ts
 * formatTable(['NAME', 'ZONE'], [['node-a1', 'zone-a']]);
 * // => 'NAME      ZONE\nnode-a1   zone-a\n'
 * ```
 */
export function formatTable(headers: readonly string[], rows: readonly (readonly string[])[], paint?: Paint): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[], row: number): string =>
    headers
      .map((_, i) => {
        const cell = cells[i] ?? '';
        const padded = i === headers.length - 1 ? cell : cell.padEnd(widths[i]!);
        return paint === undefined ? padded : paint(padded, cell, i, row);
      })
      .join('   ')
      .trimEnd();
  return [line(headers, -1), ...rows.map((r, i) => line(r, i))].join('\n') + '\n';
}

/**
 * `key: value` lines with the values aligned.
 *
 * @example
 * ```ts
 * formatFields([['Service', 'shop/web'], ['Node', 'node-a1']]);
 * // => 'Service:  shop/web\nNode:     node-a1\n'
 * ```
 */
export function formatFields(fields: readonly (readonly [string, string])[]): string {
  const width = Math.max(0, ...fields.map(([k]) => k.length + 1));
  return fields.map(([k, v]) => `${`${k}:`.padEnd(width)}  ${v}`).join('\n') + '\n';
}

/**
 * A fraction as a percentage with at most one decimal.
 *
 * @example
 * ```ts
 * percent(0.3333); // => '33.3%'
 * ```
 */
export function percent(f: number): string {
  return `${+(f * 100).toFixed(1)}%`;
}
