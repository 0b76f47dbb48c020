// Shared reporting for the benchmark scripts: every row prints its measured value, its floor (the
// slowest the issue that set it allows) and the ratio to the row's earlier figure (the value the
// issue measured before the work that set the floor), so one run shows where we stand.
// A missed floor sets a non-zero exit code; `bench/run.mjs` runs every script and fails at the end.

/**
 * @typedef {object} Row
 * @property {string} name   what was measured
 * @property {number} value  the median, in `unit`
 * @property {'ms'|'µs'|'s'|'MB'|'×'} unit
 * @property {number} [floor]   the largest allowed value, in `unit`
 * @property {number} [earlier] the figure before, in `unit` (for the ratio column)
 */

const show = (v, unit) => `${v < 10 ? v.toFixed(2) : v < 100 ? v.toFixed(1) : v.toFixed(0)} ${unit}`;

/**
 * Prints the rows as a table and sets `process.exitCode = 1` when any floor is missed.
 *
 * @param {string} title
 * @param {Row[]} rows
 */
export function report(title, rows) {
  console.log(`\n${title} (node ${process.version}, ${process.arch})`);
  const w = Math.max(...rows.map((r) => r.name.length));
  let missed = 0;
  for (const r of rows) {
    const floor = r.floor === undefined ? '' : `floor ${show(r.floor, r.unit)}`;
    const ratio = r.earlier === undefined ? '' : `${(r.value / r.earlier).toFixed(2)}× of ${show(r.earlier, r.unit)} before`;
    const verdict = r.floor === undefined ? '' : r.value <= r.floor ? 'ok' : 'MISSED';
    if (verdict === 'MISSED') missed++;
    console.log(`${r.name.padEnd(w)}  ${show(r.value, r.unit).padStart(10)}  ${floor.padEnd(16)}  ${verdict.padEnd(6)}  ${ratio}`);
  }
  if (missed > 0) {
    console.log(`${missed} floor(s) missed`);
    process.exitCode = 1;
  }
}
