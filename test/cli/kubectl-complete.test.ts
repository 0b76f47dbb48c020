/**
 * kubectl plugin completion: kubectl (1.26 and later) completes `kubectl traffic …` by running
 * `kubectl_complete-traffic` from PATH with the words typed so far and reading Cobra's
 * `__complete` format. Unit tests of the answers, then the real kubectl of this machine.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROFILES } from '../../src/index.js';
import { cobraCompletion } from '../../src/cli/completion.js';
import { COMMANDS, GLOBAL_OPTIONS } from '../../src/cli/run.js';
import { built, root, runIn } from './helpers.js';

const complete = (...words: string[]): string => cobraCompletion(words, COMMANDS, GLOBAL_OPTIONS);

describe('cobraCompletion (the words after "kubectl traffic", the last one being typed)', () => {
  it('commands first, then each command\'s flags, then a flag\'s values', () => {
    expect(complete('')).toBe(`${[...Object.keys(COMMANDS), 'completion', 'help'].join('\n')}\n:4\n`);
    expect(complete('s')).toBe('select\nsimulate\n:4\n');
    expect(complete('select', '--pro')).toBe('--profile\n--profile-gate\n--profile-option\n:4\n');
    expect(complete('compare', '--')).toContain('--node\n');
    expect(complete('compare', '--')).not.toContain('--via\n'); // compare has no flow flags
    expect(complete('select', '--profile', '')).toBe(`${PROFILES.map((p) => p.name).join('\n')}\n:4\n`);
    expect(complete('select', '--profile=ist')).toBe('--profile=istio\n:4\n');
    expect(complete('explain', '--fail-on', 'drop,re')).toBe('drop,reject\n:4\n');
    expect(complete('compare', 'svc/web', '--profile', 'kube-proxy,ci')).toBe('kube-proxy,cilium\n:4\n');
  });

  it('-o completes what the command prints; -f leaves the shell to complete file names (directive 0)', () => {
    expect(complete('select', '-o', '')).toBe('text\nwide\njson\nyaml\n:4\n');
    expect(complete('explain', '-o', 'n')).toBe('name\n:4\n');
    expect(complete('-n', 'shop', 'explain', '-o', '')).toBe('text\nwide\njson\nyaml\nname\n:4\n');
    expect(complete('select', '-f', '')).toBe(':0\n');
    expect(complete('select', '--kubeconfig', '')).toBe(':0\n');
    expect(complete('select', '--node', '')).toBe(':4\n'); // a node name: nothing to offer, and no files
    expect(complete('completion', '')).toBe('bash\nzsh\nfish\n:4\n');
    expect(complete('select', '')).toBe('svc/\n:4\n');
  });

  it('the command answers the same through its hidden __complete entry', async () => {
    const r = await runIn(['__complete', 'select', '--via', '']);
    expect([r.exitCode, r.stdout]).toEqual([0, 'clusterIP\nnodePort\nloadBalancer\nexternalIP\n:4\n']);
  });
});

describe.runIf(built)('kubectl completes "kubectl traffic" through kubectl_complete-traffic', () => {
  it('kubectl __complete traffic … returns our candidates', () => {
    const kubectl = spawnSync('sh', ['-c', 'command -v kubectl'], { encoding: 'utf8' }).stdout.trim();
    expect(kubectl, 'kubectl is needed (Debian: apt-get install kubernetes-client)').not.toBe('');
    const bin = mkdtempSync(join(tmpdir(), 'kt-complete-'));
    try {
      symlinkSync(join(root, 'dist', 'kubectl-traffic.js'), join(bin, 'kubectl-traffic'));
      symlinkSync(join(root, 'dist', 'kubectl_complete-traffic.js'), join(bin, 'kubectl_complete-traffic'));
      symlinkSync(process.execPath, join(bin, 'node'));
      const env = { PATH: `${bin}:${dirname(kubectl)}:/usr/bin:/bin`, HOME: bin };
      const run = (...words: string[]): string => {
        const r = spawnSync(kubectl, ['__complete', 'traffic', ...words], { encoding: 'utf8', env });
        expect(r.status).toBe(0);
        return r.stdout;
      };
      expect(run('')).toBe(`${[...Object.keys(COMMANDS), 'completion', 'help'].join('\n')}\n:4\n`);
      expect(run('sel')).toBe('select\n:4\n');
      expect(run('select', 'svc/web', '--profile', 'c')).toBe('calico-ebpf\ncilium\n:4\n');
      expect(run('compare', 'svc/web', '-o', '')).toBe('text\njson\nyaml\n:4\n');
      expect(run('select', '-f', '')).toBe(':0\n');
    } finally {
      rmSync(bin, { recursive: true, force: true });
    }
  });
});
