/**
 * The playground in a real browser: Debian's Chromium driven by playwright-core (no browser
 * download). The page is built into dist/playground/ and served from a loopback static server
 * written here, which logs every request. Without /usr/bin/chromium these tests FAIL: .ci/run
 * installs it.
 *
 * Set UPDATE_SCREENSHOTS=1 to rewrite docs/playground-400.png and docs/playground-1400.png.
 */
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, readFile } from 'node:fs/promises';
import { type AddressInfo } from 'node:net';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { type Browser, type Page, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPlayground } from '../../playground/build.mjs';

const CHROMIUM = '/usr/bin/chromium';
const root = resolve(import.meta.dirname, '..', '..');
const site = join(root, 'dist', 'playground');
const example = readFileSync(join(root, 'examples', 'cluster.yaml'), 'utf8');

/**
 * Two links made once with Python's zlib (an implementation independent of the page's), kept
 * here verbatim: links made today must open in every later version (docs/playground.md).
 * MINIMAL carries only the three required fields {dump, service: 'demo/api', node: 'n-b'};
 * EXTRA adds whatIf.internalTrafficPolicy: 'Local', node 'n-a' and an unknown field `future`.
 */
const MINIMAL =
  '#v1=nZNLT-swEIX_ipV1HVqJi8BbLgs2qBKIxb1h4ceUWnU8lu1Uaqv8d8Yh0BRV3MfOmTjnm3NmcqhM14ZKVDLYZ4jJohdsu2j8xnoj2CPErdXQ-BayNDJLwQ5etiAY3Z-xckxBano20GLf-BRAi8Yzpl2XMsT7pWCLeX1zVc_rH_PyImDMSbDfo8465zAbioJdz-kUMaNGJ9jT7bJ_KV_kKFcrq3_alKNVXR56XEZYQbx1mKg7znnjpw6MTRq3EHf15jrVFi-Olu68CWh9fnSnxgrp0xqXSn8UJgZLyUkFjgwcNp2C6CHDAEjvSfFJOjCSUiHVp9db6eUrGK524vQe1-hzROcgjr1TqtKYCCk97QJp3y-3l43_NsazQX5iyCpnoyQUDRrQosxnSJv4xpaMi8cI0lCHOXbQD3mggYcB6LkshT16etgP5_Ugzg4rjL-oPOluL_uX_ix18a9UNaGqP1DVO_Xrchx34YGEz-w2eZsd55wxoMPX3ZcJfjjv_xOh_hqhCqKaVeOK0c9advGCeFQs2VCF9Kr-DQ';
const EXTRA =
  '#v1=nZNNb9swDIb_iqCz7SbANnS6dj0EGAoDDXbY3IM-6EaILBmSnM0x_N9HOW7jFME-epNomg_fl9RAVde0lFHe6m_gg3aWkcO6snttFSOP4A9aQmUbiFzxyBkZLG-AEczPSDqGlku8K2jcWNnQgmSVJUSaLkTwm5KR9ar4_KlYFR9X6UPrfAyM_Jjr7GJssynIyO0KT95FJ51hZHtXjk_pj-h5XWv5RYfoteji1GPpoQZ_Z1zA7vI8r-xSgdJBugP4vtjfhkK7m7Oke6tap218NJfCEulVWs6FfAksBKaQ4QIMChj2nQBvIcIECCen8oU7MJNCIhWX6Q23_BlULnp2mZdLZ6N3xoCfe0dXuVIeQtj2LdbelIcPlf2jjVeNfMWg1JzMJSHVwAGt03wmt5GvdPI4afTAFXYYfQfj5IdT8DABbc5T4OgsXo7TeTcVJ0Pt_HcML7o78vFpvEpd_y9VLKjiL1Rxor5djvMuPGDhK7uN2rLznKNrnXHP_ZsJvigf34kQ_4wQCUEzOq8YPta0izfIw2DyBiPYMl5-7njc1JQNFE3BQtxsT2-ndLhbPeZ9dZIbOma07mLnIaX-omw9jr8B';

const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8' };

let server: Server;
let origin: string;
let browser: Browser;
/** Every path the server was asked for, in order. */
const served: string[] = [];

beforeAll(async () => {
  // Fail, do not skip: CI installs Debian's chromium (.ci/run).
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} not found: install Debian's chromium (apt-get install chromium); .ci/run does`);
  await buildPlayground(site);
  server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    served.push(path);
    const file = normalize(join(site, path === '/' ? 'index.html' : path));
    if (!file.startsWith(site) || !existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
    res.end(readFileSync(file));
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await new Promise<void>((ok) => (server === undefined ? ok() : server.close(() => ok())));
});

interface Watched {
  readonly page: Page;
  /** Every URL the page requested. */
  readonly requests: string[];
  /** Console errors and uncaught exceptions. */
  readonly errors: string[];
}

async function open(hash = '', width = 1400): Promise<Watched> {
  const context = await browser.newContext({ viewport: { width, height: 900 } });
  const page = await context.newPage();
  const requests: string[] = [];
  const errors: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`${origin}/${hash}`);
  await settled(page);
  return { page, requests, errors };
}

/** Waits until the page has finished rendering the last change. */
async function settled(page: Page): Promise<void> {
  await page.waitForSelector('body[data-state]:not([data-state="busy"])', { state: 'attached' });
}

/** The table row of a node: its cells' text. */
async function row(page: Page, node: string): Promise<{ zone: string; action: string; list: string; endpoints: string[]; why: string }> {
  const tr = page.locator(`table.nodes tr[data-node="${node}"]`);
  const cells = await tr.locator('td').allInnerTexts();
  const endpoints = await tr.locator('td.endpoints span:not(.none)').allInnerTexts();
  return { zone: cells[0] ?? '', action: cells[1] ?? '', list: cells[2] ?? '', endpoints, why: cells[4] ?? '' };
}

/** Only the page's own files, nothing else (no other host, no other path). */
function expectOwnFilesOnly(requests: readonly string[]): void {
  expect(requests.length).toBeGreaterThan(0);
  for (const url of requests) {
    const u = new URL(url);
    expect(u.origin).toBe(origin);
    expect(['/', '/app.js', '/app.css']).toContain(u.pathname);
  }
}

// Generous: the machine running the suite may be shared and busy.
describe('playground in Chromium', { timeout: 240_000 }, () => {
  it('paste the example, pick a Service and a node: the row says what kube-proxy does; a what-if changes it at once', async () => {
    const { page, requests, errors } = await open();
    await page.fill('#dump', example);
    await settled(page);
    await page.selectOption('#service', 'shop/web');
    await settled(page);
    await page.selectOption('#node', 'node-b1');
    await settled(page);

    // shop/web is PreferClose and its slice hints each endpoint for its own zone
    // (examples/cluster.yaml): node-b1 (zone-b) reaches the two zone-b endpoints.
    const before = await row(page, 'node-b1');
    expect(before).toMatchObject({ zone: 'zone-b', action: 'FORWARD', list: 'Cluster (internalTrafficPolicy)' });
    expect(before.endpoints).toEqual(['10.244.2.12:8080', '10.244.3.13:8080']);
    expect(before.why).toContain('hinted for zone zone-b');
    await expect(page.locator('tr.chosen').getAttribute('data-node')).resolves.toBe('node-b1');
    await expect(page.locator('#explanation pre').innerText()).resolves.toContain('10.244.0.10:8080');

    // internalTrafficPolicy: Local — node-b1 keeps only its own endpoint; control-1 has none: DROP.
    await page.selectOption('#wi-itp', 'Local');
    await settled(page);
    const local = await row(page, 'node-b1');
    expect(local).toMatchObject({ action: 'FORWARD', list: 'Local (internalTrafficPolicy)' });
    expect(local.endpoints).toEqual(['10.244.2.12:8080']);
    const control = await row(page, 'control-1');
    expect(control).toMatchObject({ action: 'DROP', endpoints: [] });
    await expect(page.locator('#summary').innerText()).resolves.toContain('internalTrafficPolicy: Local');

    // Back to Cluster, and one new ready endpoint without hints: zone routing off for everyone.
    await page.selectOption('#wi-itp', '');
    await page.selectOption('#wi-unhinted', 'zone-a');
    await settled(page);
    const unhinted = await row(page, 'node-b1');
    expect(unhinted.action).toBe('FORWARD');
    expect(unhinted.endpoints).toHaveLength(7);
    expect(unhinted.endpoints).toContain('192.0.2.1:8080');
    expect(unhinted.why).toContain('has no zone hint');

    // Another data plane: Cilium (enable-service-topology off by default) never filters by hints.
    await page.selectOption('#wi-unhinted', '');
    await page.selectOption('#dataplane', 'cilium');
    await settled(page);
    const cilium = await row(page, 'node-b1');
    expect(cilium.endpoints).toHaveLength(6);
    expect(cilium.list).toContain('Cluster (Ci');
    await expect(page.locator('#summary').innerText()).resolves.toContain('Cilium');

    expectOwnFilesOnly(requests);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('a share link opened in a fresh page shows the same view', async () => {
    const first = await open();
    await first.page.fill('#dump', example);
    await settled(first.page);
    await first.page.selectOption('#service', 'shop/checkout');
    await first.page.selectOption('#node', 'node-c2');
    await first.page.selectOption('#wi-term', 'zone-c');
    await first.page.selectOption('#view', 'today');
    await settled(first.page);
    const url = first.page.url();
    expect(url).toMatch(/#v1=[A-Za-z0-9_-]+$/);
    const table = await first.page.locator('#table').innerText();
    const summary = await first.page.locator('#summary').innerText();
    await first.page.context().close();

    const second = await open(new URL(url).hash);
    await expect(second.page.inputValue('#service')).resolves.toBe('shop/checkout');
    await expect(second.page.inputValue('#node')).resolves.toBe('node-c2');
    await expect(second.page.inputValue('#wi-term')).resolves.toBe('zone-c');
    await expect(second.page.inputValue('#view')).resolves.toBe('today');
    await expect(second.page.inputValue('#dump')).resolves.toBe(example);
    await expect(second.page.locator('#table').innerText()).resolves.toBe(table);
    await expect(second.page.locator('#summary').innerText()).resolves.toBe(summary);
    expectOwnFilesOnly(second.requests);
    expect(second.errors).toEqual([]);
    await second.page.context().close();
  });

  it('opens the fixed v1 links of the documented format (old links keep working)', async () => {
    const a = await open(MINIMAL);
    await expect(a.page.inputValue('#service')).resolves.toBe('demo/api');
    await expect(a.page.inputValue('#node')).resolves.toBe('n-b');
    // PreferClose, each endpoint hinted for its zone: n-b (zone zb) reaches 10.1.1.5 only.
    expect(await row(a.page, 'n-b')).toMatchObject({ zone: 'zb', action: 'FORWARD', endpoints: ['10.1.1.5:8080'] });
    expect(a.errors).toEqual([]);
    await a.page.context().close();

    const b = await open(EXTRA);
    await expect(b.page.inputValue('#node')).resolves.toBe('n-a');
    await expect(b.page.inputValue('#wi-itp')).resolves.toBe('Local');
    expect(await row(b.page, 'n-a')).toMatchObject({ action: 'FORWARD', list: 'Local (internalTrafficPolicy)', endpoints: ['10.1.0.5:8080'] });
    expect(b.errors).toEqual([]);
    await b.page.context().close();
  });

  it('shows input problems in the page, at the document and line of the pasted text', async () => {
    const { page, errors } = await open();
    // A YAML syntax error in the second document.
    await page.fill('#dump', 'apiVersion: v1\nkind: Service\nmetadata: {name: a}\n---\nkind: Node\nmetadata:\n  name: [unclosed\n');
    await settled(page);
    await expect(page.locator('#errors').innerText()).resolves.toMatch(/document 2, line \d+/);
    await expect(page.locator('body').getAttribute('data-state')).resolves.toBe('error');

    // An address that is not an IP: the library's message and path, placed at its line.
    const bad = readFileSync(join(root, 'test', 'playground', 'fixtures', 'bad-address.yaml'), 'utf8');
    await page.fill('#dump', bad);
    await settled(page);
    const text = await page.locator('#errors').innerText();
    const line = bad.split('\n').findIndex((l) => l.includes('not-an-ip')) + 1;
    expect(text).toContain(`document 2, line ${line}`);
    expect(text).toContain('$.endpointSlices[0].endpoints[0].addresses[0]');
    await expect(page.locator('#result').isHidden()).resolves.toBe(true);
    // Errors in the page are not console errors.
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('is keyboard-usable: every control is labelled, and the example loads from the keyboard', async () => {
    const { page } = await open();
    await page.focus('#dump');
    await page.keyboard.press('Tab');
    // Browser-side code as strings: this file is compiled without the DOM library.
    await expect(page.evaluate('document.activeElement?.id')).resolves.toBe('example');
    await page.keyboard.press('Enter');
    await settled(page);
    await expect(page.locator('table.nodes tbody tr').count()).resolves.toBe(7);
    const unlabelled = await page.evaluate(
      "[...document.querySelectorAll('select, textarea, input')].filter((el) => el.labels?.length === 0 && el.getAttribute('aria-label') === null).map((el) => el.id)",
    );
    expect(unlabelled).toEqual([]);
    // A node is picked from the table with the keyboard too (its name is a button).
    await page.focus('table.nodes tr[data-node="node-a2"] button.pick');
    await page.keyboard.press('Enter');
    await settled(page);
    await expect(page.inputValue('#node')).resolves.toBe('node-a2');
    await page.context().close();
  });

  it('reads from 400 to 1600 px wide without the page scrolling sideways; screenshots', async () => {
    const shots = process.env['UPDATE_SCREENSHOTS'] === '1' ? join(root, 'docs') : await mkdtemp(join(tmpdir(), 'kube-traffic-playground-'));
    const { page, errors } = await open('', 1400);
    await page.click('#example'); // shows the text from its start, as a person sees it
    await settled(page);
    await page.selectOption('#service', 'shop/checkout');
    await page.selectOption('#node', 'node-b1');
    await page.selectOption('#wi-term', 'zone-a');
    await settled(page);
    for (const width of [400, 1000, 1400, 1600]) {
      await page.setViewportSize({ width, height: 900 });
      const overflow = await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth');
      expect(overflow, `horizontal overflow at ${width} px`).toBe(0);
      if (width === 400 || width === 1400) await page.screenshot({ path: join(shots, `playground-${width}.png`), fullPage: true });
    }
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('everything the page loads fits in 250 kB gzipped', async () => {
    served.length = 0;
    const { page, requests } = await open();
    await page.fill('#dump', example);
    await settled(page);
    await page.context().close();
    const paths = [...new Set(requests.map((u) => new URL(u).pathname))];
    expect(paths.sort()).toEqual(['/', '/app.css', '/app.js']);
    expect([...new Set(served)].sort()).toEqual(paths);
    let total = 0;
    for (const p of paths) total += gzipSync(await readFile(join(site, p === '/' ? 'index.html' : p)), { level: 9 }).length;
    expect(total).toBeGreaterThan(10_000); // the library and the YAML parser are really in it
    expect(total).toBeLessThanOrEqual(250_000);
    console.info(`playground: ${paths.join(', ')} = ${(total / 1000).toFixed(1)} kB gzipped (budget 250 kB)`);
  });
});
