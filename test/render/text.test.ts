/**
 * The rendering module's text helpers: middle truncation within a width, the width estimate,
 * and the tool version the report prints.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fitMiddle, pct, textWidth, zoneLabel } from '../../src/render/index.js';
import { TOOL_VERSION } from '../../src/version.js';

describe('render text helpers', () => {
  it('fitMiddle keeps both ends and fits the width', () => {
    const name = 'gke-production-cluster-default-pool-4f9c2d1a-x7kq.europe-west4.internal';
    const short = fitMiddle(name, 120, 12);
    // 120 / (12 × 0.62) = 16.1 → 16 characters: 8 from the head, the ellipsis, 7 from the tail.
    expect(short).toBe('gke-prod…nternal');
    expect(textWidth(short, 12)).toBeLessThanOrEqual(120);
    expect(fitMiddle('zone-a', 120, 12)).toBe('zone-a');
    expect(fitMiddle('abcdef', 7, 12)).toBe('…');
  });

  it('pct never rounds a real flow to 0%', () => {
    expect(pct(0.0004)).toBe('<0.1%');
    expect(pct(0)).toBe('0%');
    expect(pct(1 / 3)).toBe('33.3%');
  });

  it('names the empty zone unknown', () => {
    expect(zoneLabel('')).toBe('unknown');
  });

  it('the version the report prints is the package version', () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    expect(TOOL_VERSION).toBe(pkg.version);
  });

  it('the rendering module uses no Node API (it runs in a browser bundle)', () => {
    const dir = new URL('../../src/render/', import.meta.url);
    const files = readdirSync(dir).filter((f) => f.endsWith('.ts'));
    expect(files.length).toBeGreaterThan(3);
    for (const f of files) {
      const text = readFileSync(new URL(f, dir), 'utf8');
      expect(text, f).not.toMatch(/from 'node:|require\(|\bprocess\.|\bBuffer\b|\bDate\(/);
    }
  });
});
