/**
 * The HTML report: self-contained and escaped (string checks), then loaded in Debian's headless
 * Chromium through playwright-core at 400, 1000 and 1600 px to check what a person sees: no SVG
 * text leaves its picture or overlaps another, every flow band carries a visible percentage,
 * both views are labelled, and the page never scrolls sideways. Without /usr/bin/chromium the
 * browser tests fail (CI installs it: .ci/run).
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { escapeHtml } from '../../src/render/index.js';
import { runIn, yamlDump } from './helpers.js';

const CHROMIUM = '/usr/bin/chromium';
const dir = mkdtempSync(join(tmpdir(), 'kube-traffic-report-'));

const count = (text: string, re: RegExp): number => (text.match(re) ?? []).length;

/** A dump whose names and labels try to inject HTML. */
const hostile = JSON.stringify({
  kind: 'List',
  items: [
    { kind: 'Service', metadata: { name: 'web<script>alert(1)</script>', namespace: 'ns"><img src=x onerror=alert(2)>' }, spec: { clusterIP: '10.0.0.1', ports: [{ name: 'http', port: 80 }], trafficDistribution: 'PreferClose', selector: { app: 'web' } } },
    {
      kind: 'EndpointSlice',
      addressType: 'IPv4',
      metadata: { name: 's', namespace: 'ns"><img src=x onerror=alert(2)>', labels: { 'kubernetes.io/service-name': 'web<script>alert(1)</script>', 'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io' } },
      ports: [{ name: 'http', port: 8080 }],
      endpoints: [
        { addresses: ['10.1.0.1'], nodeName: '<b>n1</b>', zone: '<svg onload=alert(3)>' },
        { addresses: ['10.1.0.2'], nodeName: 'n2', zone: 'z2' },
      ],
    },
    { kind: 'Node', metadata: { name: '<b>n1</b>', labels: { 'topology.kubernetes.io/zone': '<svg onload=alert(3)>' } } },
    { kind: 'Node', metadata: { name: 'n2', labels: { 'topology.kubernetes.io/zone': 'z2' } } },
  ],
});

/** Long names everywhere (cloud node names, long zones, IPv6), some endpoints without a zone. */
function longNames(): string {
  const zones = ['europe-west4-a-very-long-zone-name', 'europe-west4-b-very-long-zone-name', 'europe-west4-c'];
  const nodes = zones.flatMap((z, i) => [1, 2].map((k) => ({ kind: 'Node', metadata: { name: `gke-production-cluster-default-pool-${i}${k}-4f9c2d1a-x7kq.europe-west4.internal`, labels: { 'topology.kubernetes.io/zone': z } } })));
  const endpoints = nodes.map((n, i) => ({ addresses: [`2001:db8:1234:5678:9abc:def0:1234:${(i + 1).toString(16)}`], nodeName: n.metadata.name, zone: i === 5 ? undefined : n.metadata.labels['topology.kubernetes.io/zone'], conditions: { ready: true } }));
  return JSON.stringify({
    kind: 'List',
    items: [
      { kind: 'Service', metadata: { name: 'a-service-with-a-rather-long-name-for-the-header', namespace: 'team-payments-production' }, spec: { clusterIP: 'fd00::10', ipFamilies: ['IPv6'], ports: [{ name: 'https-metrics-and-more', port: 8443 }], trafficDistribution: 'PreferClose', selector: { app: 'x' } } },
      { kind: 'EndpointSlice', addressType: 'IPv6', metadata: { name: 's', namespace: 'team-payments-production', labels: { 'kubernetes.io/service-name': 'a-service-with-a-rather-long-name-for-the-header', 'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io' } }, ports: [{ name: 'https-metrics-and-more', port: 8443 }], endpoints },
      ...nodes,
    ],
  });
}

describe('HTML report (text)', () => {
  it('escapes every character that matters', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
  });

  it('is one self-contained page: two SVGs per view, no scripts, nothing loaded from anywhere', async () => {
    const r = await runIn(['report', '-f', yamlDump, '--service', 'shop/web', '--clients', 'zone-a=60,zone-b=30,zone-c=10']);
    expect(r.exitCode).toBe(0);
    const page = r.stdout;
    expect(page.startsWith('<!doctype html>')).toBe(true);
    expect(count(page, /<svg /g)).toBe(2);
    expect(count(page, /<rect class="bar[ "]/g)).toBe(6);
    expect(page).not.toMatch(/<script|<link|<img|<iframe|\bsrc=|\bhref=|url\(|@import|https?:/i);
    // No inline style attributes: a page with a strict style-src policy can embed the fragment.
    expect(page).not.toMatch(/\sstyle=/);
    expect(page).toContain('<code>endpoint-overloaded</code>: 2 endpoints in zone &quot;zone-a&quot;');
    // The advice under it, computed: one more endpoint in zone-a.
    expect(page).toContain('<li>add 1 endpoint in zone-a (3 there)');
    expect(page).toContain('id="explanation"');
  });

  it('says which release, settings, input file, version and date it shows', async () => {
    const page = (await runIn(['report', '-f', yamlDump, '--service', 'shop/storefront', '--via', 'loadBalancer', '--from', 'outside'])).stdout;
    expect(page).toMatch(/<th>Type<\/th><td>LoadBalancer<\/td>/);
    expect(page).toMatch(/<th>externalTrafficPolicy<\/th><td>Local<\/td>/);
    expect(page).toMatch(/<th>Kubernetes release<\/th><td>master<\/td>/);
    expect(page).toMatch(/Generated \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ by kube-traffic \d+\.\d+\.\d+ from [^<]*examples\/cluster\.yaml/);
    // The load balancer's targets, and nothing dropped.
    expect(page).toContain('2 of 7 nodes pass the health check (node-a1, node-b2)');
    expect(page).toMatch(/<th>Dropped<\/th><td>0%<\/td>/);
  });

  it('shows each client class once, endpoint facts grouped', async () => {
    const page = (await runIn(['report', '-f', yamlDump, '--service', 'shop/web'])).stdout;
    expect(count(page, /<h3>kube-proxy on /g)).toBe(3);
    expect(count(page, /10\.244\.0\.10:8080/g)).toBeLessThan(12);
  });

  it('names and labels from the input cannot inject HTML', async () => {
    const r = await runIn(['report', '-f', 'h.json', '--service', 'ns"><img src=x onerror=alert(2)>/web<script>alert(1)</script>'], { 'h.json': hostile });
    expect(r.stderr).toBe('');
    expect(r.exitCode).toBe(0);
    const page = r.stdout;
    expect(page).not.toMatch(/<script|<img|<svg onload|<b>/i);
    expect(page).toContain('web&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page).toContain('&lt;svg onload=alert(3)&gt;');
  });

  it('exits 2 with what to add when no client can be placed, and still writes the page', async () => {
    const noNodes = JSON.stringify({ kind: 'List', items: JSON.parse(hostile).items.filter((o: { kind: string }) => o.kind !== 'Node') });
    const r = await runIn(['report', '-f', 'n.json', '--service', 'ns"><img src=x onerror=alert(2)>/web<script>alert(1)</script>', '--html', 'out.html'], { 'n.json': noNodes });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/^error: no-clients: .*--clients zone=weight/);
    expect(r.files[0]?.content).toContain('data-code="no-clients"');
  });
});

/** What the browser measured on one page at one width. */
interface Measured {
  readonly scrollWidth: number;
  readonly innerWidth: number;
  readonly overflows: string[];
  readonly overlaps: string[];
  readonly bands: number;
  readonly labelled: { text: string; visible: boolean }[];
  readonly viewLabels: { id: string; text: string; visible: boolean }[];
  readonly truncated: { shown: string; title: string }[];
}

// The browser's globals, as far as measure() uses them (the test program is typed without the DOM library).
declare const document: any; // eslint-disable-line @typescript-eslint/no-explicit-any
declare const window: { innerWidth: number };
declare function getComputedStyle(el: unknown): { visibility: string; display: string; opacity: string };
type Element = any; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Runs in the page: bounding boxes of every SVG text against its SVG and the other texts. */
function measure(): Measured {
  const overflows: string[] = [];
  const overlaps: string[] = [];
  const tol = 0.75;
  const all = (root: Element, selector: string): Element[] => Array.from(root.querySelectorAll(selector));
  // What a text shows: its content without its <title> (the tooltip).
  const shown = (t: Element): string => (t.textContent ?? '').slice((t.querySelector('title')?.textContent ?? '').length);
  for (const svg of all(document, 'svg')) {
    const box = svg.getBoundingClientRect();
    const texts = all(svg, 'text').map((t) => ({ t, r: t.getBoundingClientRect() }));
    for (const { t, r } of texts) {
      if (r.left < box.left - tol || r.right > box.right + tol || r.top < box.top - tol || r.bottom > box.bottom + tol) overflows.push(`${shown(t)} [${r.left},${r.right}] outside [${box.left},${box.right}]`);
    }
    for (let i = 0; i < texts.length; i++) {
      for (let j = i + 1; j < texts.length; j++) {
        const a = texts[i]!.r;
        const b = texts[j]!.r;
        const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
        const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
        if (w > tol && h > tol) overlaps.push(`"${shown(texts[i]!.t)}" × "${shown(texts[j]!.t)}"`);
      }
    }
  }
  const visible = (el: Element): boolean => {
    const r = el.getBoundingClientRect();
    const s = getComputedStyle(el);
    return r.width > 1 && r.height > 1 && s.visibility !== 'hidden' && s.display !== 'none' && Number(s.opacity) > 0.5;
  };
  const bands = all(document, 'path.band');
  const labelled = bands.map((p) => {
    const svg = p.closest('svg')!;
    const label = all(svg, 'text.band-label').find((t) => t.getAttribute('data-from') === p.getAttribute('data-from') && t.getAttribute('data-to') === p.getAttribute('data-to'));
    return { text: label === undefined ? '' : shown(label), visible: label !== undefined && visible(label) };
  });
  const viewLabels = all(document, '.view-label').map((h) => ({ id: h.closest('section')?.getAttribute('data-view') ?? '', text: h.textContent ?? '', visible: visible(h) }));
  const truncated = all(document, 'svg text')
    .filter((t) => shown(t).includes('…'))
    .map((t) => ({ shown: shown(t), title: (t.querySelector('title') ?? t.closest('g')?.querySelector('title'))?.textContent ?? '' }));
  return { scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth, overflows, overlaps, bands: bands.length, labelled, viewLabels, truncated };
}

describe('HTML report in headless Chromium (400, 1000, 1600 px)', () => {
  let context: BrowserContext | undefined;
  const profile = mkdtempSync(join(dir, 'profile-'));
  const pages: Record<string, string> = {};

  beforeAll(async () => {
    // Fail, not skip: the report's promise is what a browser shows.
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install Debian's chromium (apt-get install chromium; .ci/run does)`);
    const write = async (name: string, args: string[], files: Record<string, string> = {}): Promise<void> => {
      const r = await runIn(['report', ...args], files);
      if (r.exitCode !== 0) throw new Error(`report ${args.join(' ')}: ${r.stderr}`);
      writeFileSync((pages[name] = join(dir, `${name}.html`)), r.stdout);
    };
    await write('web', ['-f', yamlDump, '--service', 'shop/web', '--clients', 'zone-a=60,zone-b=30,zone-c=10']);
    await write('cache', ['-f', yamlDump, '--service', 'shop/cache']);
    await write('search', ['-f', yamlDump, '--service', 'shop/search']);
    await write('storefront', ['-f', yamlDump, '--service', 'shop/storefront', '--via', 'loadBalancer', '--from', 'outside']);
    await write('payments', ['-f', yamlDump, '--service', 'shop/payments', '--clients', 'zone-a=70,zone-b=20,zone-c=10']);
    await write('long', ['-f', 'long.json', '--service', 'team-payments-production/a-service-with-a-rather-long-name-for-the-header'], { 'long.json': longNames() });
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  }, 120_000);

  afterAll(async () => {
    await context?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function load(name: string, width: number): Promise<Measured> {
    const page = await context!.newPage();
    try {
      await page.setViewportSize({ width, height: 900 });
      await page.goto(`file://${pages[name]}`);
      return await page.evaluate(measure);
    } finally {
      await page.close();
    }
  }

  for (const width of [400, 1000, 1600]) {
    it(`at ${width} px: no text leaves its SVG or overlaps another, every band has a visible percentage, no sideways scroll`, async () => {
      for (const name of Object.keys(pages)) {
        const m = await load(name, width);
        expect({ name, overflows: m.overflows, overlaps: m.overlaps }).toEqual({ name, overflows: [], overlaps: [] });
        expect(m.scrollWidth, `${name} scrolls sideways`).toBeLessThanOrEqual(m.innerWidth);
        expect(m.bands, `${name} has flow bands`).toBeGreaterThan(0);
        for (const l of m.labelled) {
          expect(l.visible, `${name}: band label "${l.text}" visible`).toBe(true);
          expect(l.text).toMatch(/(\d+(\.\d)?|<0\.1)%$/);
        }
      }
    }, 120_000);
  }

  it('labels both views when the controller would change the traffic (shop/search), and one otherwise', async () => {
    const search = await load('search', 1000);
    expect(search.viewLabels).toEqual([
      { id: 'today', text: 'Today: the hints the slices carry', visible: true },
      { id: 'reconciled', text: 'After the controller reconciles', visible: true },
    ]);
    const web = await load('web', 1000);
    expect(web.viewLabels).toEqual([{ id: 'today', text: 'Today (unchanged when the controller reconciles)', visible: true }]);
  });

  it('shortens long names in the middle and keeps the full text in a tooltip', async () => {
    const m = await load('long', 400);
    expect(m.truncated.length).toBeGreaterThan(0);
    for (const t of m.truncated) {
      const [head, tail] = t.shown.replace(/ (\d+(\.\d)?|<0\.1)%$/, '').split('…');
      expect(t.title).toContain(head!.trim());
      expect(t.title).toContain(tail!.trim());
    }
  });

  it('shows dropped traffic as its own box, and the in-zone flows', async () => {
    const page = await context!.newPage();
    try {
      await page.goto(`file://${pages['cache']}`);
      expect(await page.locator('g.zone.lost.dropped').count()).toBe(1);
      expect(await page.locator('path.band.in-zone').count()).toBe(3);
      // Dropped: node-a2, node-b2, node-c2, 1/6 of the clients each (control-1 is tainted, hosts none).
      const labels = await page.locator('text.band-label.dropped').evaluateAll((ts) => ts.map((t) => (t.textContent ?? '').slice((t.querySelector('title')?.textContent ?? '').length)));
      expect(labels).toEqual(['zone-a 16.7%', 'zone-b 16.7%', 'zone-c 16.7%']);
    } finally {
      await page.close();
    }
  });
});
