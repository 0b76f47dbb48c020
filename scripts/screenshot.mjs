// Screenshots of HTML pages in Debian's headless Chromium (playwright-core, no browser download).
// Usage: node scripts/screenshot.mjs PAGE.html OUT.png [WIDTH] [--full]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';

const [page, out, width = '1000', full] = process.argv.slice(2);
if (page === undefined || out === undefined) {
  console.error('usage: node scripts/screenshot.mjs PAGE.html OUT.png [WIDTH] [--full]');
  process.exit(1);
}
const profile = mkdtempSync(join(tmpdir(), 'kube-traffic-shot-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  viewport: { width: Number(width), height: 900 },
});
try {
  const tab = context.pages()[0] ?? (await context.newPage());
  await tab.goto(`file://${resolve(page)}`);
  await tab.screenshot({ path: out, fullPage: full === '--full' });
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}
