/**
 * The HTML report: self-contained, escaped, and — where Debian's chromium is installed — loaded
 * in headless Chromium to check what it shows.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { escapeHtml } from '../../src/render/index.js';
import { built, cli, runIn, yamlDump } from './helpers.js';

const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`[test/cli] ${CHROMIUM} not found: skipping the headless Chromium checks of the HTML report (.ci/run installs it)`);

const dir = mkdtempSync(join(tmpdir(), 'kube-traffic-report-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The DOM Chromium builds from a page (scripts would have run; the page has none). */
function dumpDom(file: string): string {
  const profile = mkdtempSync(join(dir, 'profile-'));
  const r = spawnSync(
    CHROMIUM,
    ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', `--user-data-dir=${profile}`, '--dump-dom', `file://${file}`],
    { encoding: 'utf8', timeout: 30_000 },
  );
  if (r.status !== 0) throw new Error(`chromium exited ${String(r.status)}: ${r.stderr}`);
  return r.stdout;
}

const count = (text: string, re: RegExp): number => (text.match(re) ?? []).length;

/** A dump whose names and labels try to inject HTML. */
const hostile = JSON.stringify({
  kind: 'List',
  items: [
    { kind: 'Service', metadata: { name: 'web<script>alert(1)</script>', namespace: 'ns"><img src=x onerror=alert(2)>' }, spec: { clusterIP: '10.0.0.1', ports: [{ name: 'http', port: 80 }], trafficDistribution: 'PreferClose' } },
    {
      kind: 'EndpointSlice',
      addressType: 'IPv4',
      metadata: { name: 's', namespace: 'ns"><img src=x onerror=alert(2)>', labels: { 'kubernetes.io/service-name': 'web<script>alert(1)</script>' } },
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

describe('HTML report', () => {
  it('escapes every character that matters', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
  });

  it('is one self-contained page: two SVGs, no scripts, nothing loaded from anywhere', () => {
    const r = runIn(['report', '-f', yamlDump, '--service', 'shop/web', '--clients', 'zone-a=60,zone-b=30,zone-c=10']);
    expect(r.exitCode).toBe(0);
    const page = r.stdout;
    expect(page.startsWith('<!doctype html>')).toBe(true);
    expect(count(page, /<svg /g)).toBe(2);
    expect(count(page, /<rect class="bar[ "]/g)).toBe(6);
    expect(page).not.toMatch(/<script|<link|<img|<iframe|\bsrc=|\bhref=|url\(|@import|https?:/i);
    expect(page).toContain('endpoint-overloaded: 2 endpoints in zone &quot;zone-a&quot;');
    expect(page).toContain('id="explanation"');
  });

  it('names and labels from the input cannot inject HTML', () => {
    const r = runIn(['report', '-f', 'h.json', '--service', 'ns"><img src=x onerror=alert(2)>/web<script>alert(1)</script>'], { 'h.json': hostile });
    expect(r.stderr).toBe('');
    expect(r.exitCode).toBe(0);
    const page = r.stdout;
    expect(page).not.toMatch(/<script|<img|<svg onload|<b>/i);
    expect(page).toContain('web&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page).toContain('&lt;svg onload=alert(3)&gt;');
  });

  it.runIf(built)('simulate --html writes the report beside the normal output (built CLI)', () => {
    const file = join(dir, 'simulate.html');
    const r = cli(['simulate', '-f', yamlDump, '--service', 'shop/payments', '--html', file]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^ENDPOINT\s+NODE/m);
    expect(readFileSync(file, 'utf8')).toContain('hints-not-written: Unable to allocate minimum required endpoints');
  });

  describe.runIf(built && hasChromium)('in headless Chromium', () => {
    it('shows one bar per endpoint, the fair-share line, the zone flows and the warnings', () => {
      const file = join(dir, 'web.html');
      const r = cli(['report', '-f', yamlDump, '--service', 'shop/web', '--clients', 'zone-a=60,zone-b=30,zone-c=10', '--html', file]);
      expect(r.status).toBe(0);
      expect(r.stdout).toBe(`wrote ${file}\n`);
      const dom = dumpDom(file);
      expect(count(dom, /<rect class="bar[ "]/g)).toBe(6);
      expect(count(dom, /<rect class="bar over"/g)).toBe(2); // zone-a's two endpoints at 1.8× the fair share
      expect(dom).toContain('class="fair"');
      expect(count(dom, /<path class="band in-zone"/g)).toBe(3);
      expect(count(dom, /<path class="band cross-zone"/g)).toBe(0);
      expect(dom).toMatch(/<ul class="warnings"><li>endpoint-overloaded: 2 endpoints in zone "zone-a"/);
      expect(dom).toContain('kube-proxy on 3 nodes (control-1, node-a1, node-a2) in zone-a: FORWARD');
    });

    it('shows dropped traffic for an internalTrafficPolicy: Local Service', () => {
      const file = join(dir, 'cache.html');
      expect(cli(['report', '-f', yamlDump, '--service', 'shop/cache', '--html', file]).status).toBe(0);
      const dom = dumpDom(file);
      expect(dom).toContain('<g class="zone lost">');
      expect(dom).toMatch(/traffic-dropped: 57\.14 % of all traffic is dropped/);
    });

    it('a hostile dump renders as text: no element is injected', () => {
      const src = join(dir, 'hostile.json');
      const file = join(dir, 'hostile.html');
      writeFileSync(src, hostile);
      const r = cli(['report', '-f', src, '--service', 'ns"><img src=x onerror=alert(2)>/web<script>alert(1)</script>', '--html', file]);
      expect(r.status).toBe(0);
      const dom = dumpDom(file);
      expect(dom).not.toMatch(/<script|<img|<svg onload|<b>/i);
      expect(dom).toContain('web&lt;script&gt;alert(1)&lt;/script&gt;');
    });
  });
});
