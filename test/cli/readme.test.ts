/**
 * The README's command-line session is what the built CLI prints today
 * (scripts/readme-cli.mjs regenerates it: npm run readme:cli).
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { built, root } from './helpers.js';

describe.runIf(built)('README command-line session', () => {
  it('matches a real run (npm run readme:cli regenerates it)', () => {
    const r = spawnSync(process.execPath, ['scripts/readme-cli.mjs', '--check'], { cwd: root, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
});
