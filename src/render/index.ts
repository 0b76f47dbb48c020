/**
 * The rendering module shared by the CLI's HTML report and the browser playground: pure
 * functions from a simulation to HTML with inline SVG. No Node APIs and no DOM: it runs in a
 * browser bundle as well as in Node.
 *
 * @module
 */
export { buildReportModel, serviceSettings } from './model.js';
export type { ReportArgs, ReportModel, ReportSection, ReportView } from './model.js';
export { REPORT_CSS, renderReportFragment, renderReportHtml } from './html.js';
export { SVG_WIDTH, flowDiagramSvg, loadChartSvg } from './svg.js';
export { escapeHtml, fitMiddle, pct, textWidth, times, zoneLabel } from './text.js';
