/**
 * The playground page: reads the controls, recomputes the view at once, renders it, and keeps the
 * state in the URL fragment (a share link). Nothing is sent anywhere.
 *
 * @module
 */
import example from '../../examples/cluster.yaml';
import { type Dump, DumpError, readDump } from './dump.js';
import { renderCharts, renderDetails, renderErrors, renderHints, renderSummary, renderTable } from './render.js';
import { ShareError, decodeShare, encodeShare } from './share.js';
import { type HintsView, type Selection, type View, type WhatIf, computeView, explainError } from './view.js';

const $ = <T extends HTMLElement>(id: string): T => {
  const el = document.getElementById(id);
  if (el === null) throw new Error(`playground: #${id} is missing from index.html`);
  return el as T;
};

const dumpBox = $<HTMLTextAreaElement>('dump');
const errors = $('errors');
const ignored = $('ignored');
const controls = $('controls');
const result = $('result');
const selects = {
  service: $<HTMLSelectElement>('service'),
  port: $<HTMLSelectElement>('port'),
  via: $<HTMLSelectElement>('via'),
  from: $<HTMLSelectElement>('from'),
  node: $<HTMLSelectElement>('node'),
  view: $<HTMLSelectElement>('view'),
  release: $<HTMLSelectElement>('release'),
  dataPlane: $<HTMLSelectElement>('dataplane'),
  td: $<HTMLSelectElement>('wi-td'),
  itp: $<HTMLSelectElement>('wi-itp'),
  etp: $<HTMLSelectElement>('wi-etp'),
  term: $<HTMLSelectElement>('wi-term'),
  unhinted: $<HTMLSelectElement>('wi-unhinted'),
  lost: $<HTMLSelectElement>('wi-lost'),
};
const auto = $<HTMLInputElement>('wi-auto');
const copyLink = $<HTMLButtonElement>('copy-link');
const copyStatus = $('copy-status');

/** Fields of the share link beyond the required three (all optional; see share.ts). */
interface Extra {
  port?: string;
  via?: string;
  from?: string;
  view?: string;
  release?: string;
  dataPlane?: string;
  whatIf?: Record<string, unknown>;
}

let dump: Dump | null = null;
let parsedText: string | null = null;

/** Fills a select with options, keeping `value` when it is one of them. */
function fill(select: HTMLSelectElement, options: readonly (readonly [string, string])[], value: string): void {
  const current = [...select.options].map((o) => `${o.value}\u0000${o.text}`).join('\u0001');
  const next = options.map(([v, t]) => `${v}\u0000${t}`).join('\u0001');
  if (current !== next) {
    select.replaceChildren(...options.map(([v, t]) => new Option(t, v)));
  }
  select.value = options.some(([v]) => v === value) ? value : (options[0]?.[0] ?? '');
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/** The selection the controls show (what-ifs without a value are left out). */
function readSelection(): Selection {
  const whatIf: Record<string, unknown> = {};
  if (selects.td.value !== '') whatIf['trafficDistribution'] = selects.td.value;
  if (auto.checked) whatIf['topologyAuto'] = true;
  if (selects.itp.value !== '') whatIf['internalTrafficPolicy'] = selects.itp.value;
  if (selects.etp.value !== '') whatIf['externalTrafficPolicy'] = selects.etp.value;
  if (selects.term.value !== '') whatIf['zoneTerminating'] = selects.term.value;
  if (selects.unhinted.value !== '') whatIf['endpointWithoutHints'] = selects.unhinted.value;
  if (selects.lost.value !== '') whatIf['zoneLost'] = selects.lost.value;
  return {
    service: selects.service.value,
    node: selects.node.value,
    port: selects.port.value,
    via: selects.via.value as Selection['via'] & string,
    from: selects.from.value as Selection['from'] & string,
    view: selects.view.value as HintsView,
    release: selects.release.value as Selection['release'] & string,
    dataPlane: selects.dataPlane.value as Selection['dataPlane'] & string,
    whatIf: whatIf as WhatIf,
  };
}

const pick = <T extends string>(v: unknown, allowed: readonly T[]): T | undefined => (allowed.includes(v as T) ? (v as T) : undefined);

/**
 * The selection a share link describes. Fields this page does not know, and values it cannot
 * use, are ignored (the format's promise to older and newer links alike).
 */
function selectionFromShare(service: string, node: string, extra: Readonly<Record<string, unknown>>): Selection {
  const w = typeof extra['whatIf'] === 'object' && extra['whatIf'] !== null ? (extra['whatIf'] as Record<string, unknown>) : {};
  const whatIf: Record<string, unknown> = {};
  const td = pick(w['trafficDistribution'], ['unset', 'PreferClose', 'PreferSameZone', 'PreferSameNode'] as const);
  if (td !== undefined) whatIf['trafficDistribution'] = td;
  if (w['topologyAuto'] === true) whatIf['topologyAuto'] = true;
  const itp = pick(w['internalTrafficPolicy'], ['Cluster', 'Local'] as const);
  if (itp !== undefined) whatIf['internalTrafficPolicy'] = itp;
  const etp = pick(w['externalTrafficPolicy'], ['Cluster', 'Local'] as const);
  if (etp !== undefined) whatIf['externalTrafficPolicy'] = etp;
  for (const k of ['zoneTerminating', 'endpointWithoutHints', 'zoneLost']) {
    const z = str(w[k]);
    if (z !== undefined) whatIf[k] = z;
  }
  const out: Record<string, unknown> = { service, node, whatIf };
  const port = typeof extra['port'] === 'string' ? extra['port'] : undefined;
  if (port !== undefined) out['port'] = port;
  const via = pick(extra['via'], ['clusterIP', 'nodePort', 'loadBalancer', 'externalIP'] as const);
  if (via !== undefined) out['via'] = via;
  const from = pick(extra['from'], ['pod', 'node', 'outside'] as const);
  if (from !== undefined) out['from'] = from;
  const view = pick(extra['view'], ['today', 'reconciled'] as const);
  if (view !== undefined) out['view'] = view;
  const release = str(extra['release']);
  if (release !== undefined) out['release'] = release; // computeView falls back on an unknown release
  const dataPlane = str(extra['dataPlane']);
  if (dataPlane !== undefined) out['dataPlane'] = dataPlane; // and on an unknown data plane
  return out as unknown as Selection;
}

/** Shows a selection's what-ifs in their controls. */
function showWhatIf(w: WhatIf): void {
  selects.td.value = w.trafficDistribution ?? '';
  auto.checked = w.topologyAuto === true;
  selects.itp.value = w.internalTrafficPolicy ?? '';
  selects.etp.value = w.externalTrafficPolicy ?? '';
}

/** Puts the computed choices into the controls (after a new dump, new options may exist). */
function syncControls(v: View, sel: Selection): void {
  fill(selects.service, v.services.map((s) => [s, s]), v.service);
  fill(selects.port, v.ports.map((p) => [p.value, p.label]), v.port);
  fill(selects.via, v.vias.map((x) => [x, VIA_LABEL[x] ?? x]), v.via);
  selects.from.value = v.from;
  fill(selects.node, [['', '(none)'], ...v.nodes.map((n): [string, string] => [n, n])], v.node);
  fill(selects.release, v.releases.map((r) => [r, r === 'master' ? 'master (newest code)' : r]), v.release);
  fill(selects.dataPlane, v.dataPlanes, v.dataPlane);
  selects.view.value = v.viewMode;
  const zones: [string, string][] = [['', '(none)'], ...v.zones.map((z): [string, string] => [z, z])];
  fill(selects.term, zones, sel.whatIf.zoneTerminating ?? '');
  fill(selects.unhinted, zones, sel.whatIf.endpointWithoutHints ?? '');
  fill(selects.lost, zones, sel.whatIf.zoneLost ?? '');
  showWhatIf(sel.whatIf);
}

const VIA_LABEL: Record<string, string> = {
  clusterIP: 'the cluster IP',
  nodePort: 'a node port',
  loadBalancer: 'the load balancer',
  externalIP: 'an external IP',
};

let parseError: string | null = null;

/** Re-reads the text if it changed; shows the reader's error (kept until the text changes). */
function parse(): Dump | null {
  const text = dumpBox.value;
  if (text !== parsedText) {
    parsedText = text;
    dump = null;
    parseError = null;
    if (text.trim() !== '') {
      try {
        dump = readDump(text);
      } catch (err) {
        const place = err instanceof DumpError ? err.place : null;
        const message = err instanceof DumpError ? err.detail : String(err);
        parseError = renderErrors('The text could not be read as Kubernetes objects.', [{ message, place }]);
      }
    }
  }
  if (parseError !== null) errors.innerHTML = parseError;
  return dump;
}

let shareSeq = 0;
const MAX_FRAGMENT = 1_900_000;

/** Recomputes everything from the controls and renders it; then updates the share link. */
function update(): void {
  show(null);
}

/** Recomputes and renders `given` (a share link's selection), else what the controls say. */
function show(given: Selection | null): void {
  // data-state tells tests (and scripts) when the page has settled: busy, ready, error or empty.
  document.body.dataset['state'] = 'busy';
  errors.replaceChildren();
  const d = parse();
  if (d === null) {
    document.body.dataset['state'] = dumpBox.value.trim() === '' ? 'empty' : 'error';
    controls.hidden = dumpBox.value.trim() === '';
    result.hidden = true;
    copyLink.disabled = true;
    ignored.textContent = '';
    if (dumpBox.value.trim() === '') history.replaceState(null, '', location.pathname + location.search);
    return;
  }
  controls.hidden = false;
  const sel = given ?? readSelection();
  let v: View;
  try {
    v = computeView(d, sel);
  } catch (err) {
    result.hidden = true;
    copyLink.disabled = true;
    errors.innerHTML = renderErrors('kube-traffic cannot answer for this input:', explainError(err, d, sel));
    document.body.dataset['state'] = 'error';
    return;
  }
  syncControls(v, sel);
  if (given !== null) {
    // The link's values are now in the controls (those this dump can use): render what they say.
    show(null);
    return;
  }
  ignored.textContent = v.ignored.length === 0 ? '' : `Not used: ${v.ignored.join(', ')} (the playground reads v1 Services and Nodes and discovery.k8s.io/v1 EndpointSlices).`;
  $('summary').innerHTML = renderSummary(v);
  $('charts').innerHTML = renderCharts(v);
  $('table').innerHTML = renderTable(v);
  $('details').innerHTML = renderDetails(v);
  $('hints').innerHTML = renderHints(v);
  result.hidden = false;
  const seq = ++shareSeq;
  const now = sel;
  const extra: Extra = { port: now.port ?? '', via: now.via ?? 'clusterIP', from: now.from ?? 'pod', view: v.viewMode, release: v.release, dataPlane: v.dataPlane, whatIf: { ...now.whatIf } };
  void encodeShare({ dump: dumpBox.value, service: v.service, node: v.node, extra: extra as Record<string, unknown> }).then((fragment) => {
    if (seq !== shareSeq) return; // a newer state is being encoded
    // Chromium refuses addresses over 2 MB: such a state cannot be shared as a link.
    const fits = fragment.length < MAX_FRAGMENT;
    if (fits) history.replaceState(null, '', `#${fragment}`);
    else history.replaceState(null, '', location.pathname + location.search);
    copyLink.disabled = !fits;
    copyStatus.textContent = fits ? '' : 'This dump is too large for a share link; share the file instead.';
    document.body.dataset['state'] = 'ready';
  });
}

let timer: ReturnType<typeof setTimeout> | undefined;
dumpBox.addEventListener('input', () => {
  document.body.dataset['state'] = 'busy';
  clearTimeout(timer);
  timer = setTimeout(update, 200);
});
for (const s of Object.values(selects)) s.addEventListener('change', () => update());
auto.addEventListener('change', () => update());

/** Puts text in the box, showing its start. */
function setText(text: string): void {
  dumpBox.value = text;
  dumpBox.setSelectionRange(0, 0);
  dumpBox.scrollTop = 0;
}

$('example').addEventListener('click', () => {
  setText(example);
  update();
});

/** Reads a dropped or chosen file as text. */
function loadFile(file: File | undefined): void {
  if (file === undefined) return;
  void file.text().then((text) => {
    setText(text);
    update();
  });
}
$<HTMLInputElement>('file').addEventListener('change', (ev) => loadFile((ev.target as HTMLInputElement).files?.[0]));
document.addEventListener('dragover', (ev) => ev.preventDefault());
document.addEventListener('drop', (ev) => {
  ev.preventDefault();
  loadFile(ev.dataTransfer?.files[0]);
});

// A node's name in the table picks it.
$('table').addEventListener('click', (ev) => {
  const button = (ev.target as HTMLElement).closest('button.pick');
  if (!(button instanceof HTMLButtonElement)) return;
  selects.node.value = button.dataset['node'] ?? '';
  update();
  document.querySelector<HTMLButtonElement>(`#table button.pick[aria-pressed="true"]`)?.focus();
});

copyLink.addEventListener('click', () => {
  const done = (text: string): void => {
    copyStatus.textContent = text;
  };
  navigator.clipboard.writeText(location.href).then(() => done('Link copied.'), () => done('Copy the address from the address bar.'));
});

/** Opens the state of a share link (at load, and when another link is pasted into the address bar). */
async function openFragment(): Promise<void> {
  if (location.hash === '' || location.hash === '#') {
    update();
    return;
  }
  try {
    const state = await decodeShare(location.hash);
    if (state === null) {
      update();
      return;
    }
    setText(state.dump);
    show(selectionFromShare(state.service, state.node, state.extra));
  } catch (err) {
    errors.innerHTML = renderErrors('This share link cannot be opened.', [{ message: err instanceof ShareError ? err.message : String(err), place: null }]);
    document.body.dataset['state'] = 'error';
  }
}
window.addEventListener('hashchange', () => void openFragment());
void openFragment();
