/**
 * End to end: real @grpc/grpc-js-xds clients, fed by a loopback ADS server with kube-traffic/xds'
 * resources, reach exactly kube-proxy's endpoints for every node and Service of
 * examples/cluster.json. The run happens in ./e2e-child.mjs, a forked process killed when done,
 * because grpc-js-xds keeps a 15-minute timer alive once a locality layout changes. It imports
 * the built package (`npm test` builds first), so it also checks the `kube-traffic/xds` export.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

interface Outcome {
  readonly action: 'forward' | 'drop' | 'reject' | 'not-proxied';
  readonly endpoints: readonly string[];
}
interface Calls {
  readonly calls?: number;
  readonly counts: Readonly<Record<string, number>>;
  readonly codes: Readonly<Record<string, number>>;
  readonly details: string;
}
interface Pair extends Outcome, Calls {
  readonly node: string;
  readonly service: string;
  readonly calls: number;
}
interface Move extends Calls {
  readonly label: string;
  readonly node: string;
  readonly service: string;
  readonly before: Outcome;
  readonly after: Outcome;
  readonly movedMs: number;
}
interface Report {
  readonly pairs: readonly Pair[];
  readonly moves: readonly Move[];
  readonly unmapped?: readonly string[];
  readonly ads?: { readonly streams: number; readonly acks: number; readonly nacks: readonly unknown[]; readonly nodes: readonly string[] };
  readonly timings: { readonly allPairsMs?: number; readonly totalMs?: number };
  readonly error?: string;
}

const child = fileURLToPath(new URL('./e2e-child.mjs', import.meta.url));
const built = existsSync(new URL('../../dist/xds.js', import.meta.url));
// The run makes ~43,000 calls; on a machine shared with other work it can take minutes.
const TIMEOUT_MS = 300_000;

let proc: ChildProcess | undefined;
let report: Report;

beforeAll(async () => {
  expect(built, 'dist/xds.js is missing: run `npm run build` first (`npm test` does)').toBe(true);
  report = await new Promise<Report>((resolve, reject) => {
    // A larger young generation: the run allocates per call, and scavenges were a seventh of its CPU.
    proc = spawn(process.execPath, ['--max-semi-space-size=64', child], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    proc.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    proc.on('error', reject);
    proc.on('exit', (code) => {
      try {
        resolve(JSON.parse(out) as Report);
      } catch {
        reject(new Error(`e2e child exited with ${code} without a report: ${out.slice(0, 500)}`));
      }
    });
  });
}, TIMEOUT_MS);

afterAll(() => {
  if (proc && proc.exitCode === null) proc.kill('SIGKILL');
});

const sorted = (o: Readonly<Record<string, number>>) => Object.keys(o).sort();

describe('proxyless gRPC over kube-traffic/xds (examples/cluster.json)', () => {
  it('the run completed', () => {
    expect(report.error).toBeUndefined();
    expect(report.unmapped).toEqual([]);
  });

  it('covers every node × Service of the dump, each node on its own ADS stream, with no NACK', () => {
    expect(report.pairs).toHaveLength(42);
    expect(new Set(report.pairs.map((p) => p.node)).size).toBe(7);
    expect(new Set(report.pairs.map((p) => p.service)).size).toBe(6);
    expect(report.ads?.nodes).toHaveLength(7);
    expect(report.ads?.streams).toBe(42);
    expect(report.ads?.nacks).toEqual([]);
    expect(report.ads?.acks).toBeGreaterThan(0);
  });

  it('forwarded flows: 1,000 calls reach every endpoint of kube-proxy’s set and no other, in equal shares', () => {
    const forward = report.pairs.filter((p) => p.action === 'forward');
    expect(forward.length).toBeGreaterThan(30);
    for (const p of forward) {
      const where = `${p.node} → ${p.service}`;
      expect(p.calls, where).toBe(1000);
      expect(p.codes, where).toEqual({});
      expect(sorted(p.counts), where).toEqual([...p.endpoints].sort());
      // kube-proxy picks uniformly; the locality weights must give each endpoint ~1/n.
      const fair = 1000 / p.endpoints.length;
      for (const [key, n] of Object.entries(p.counts)) expect(Math.abs(n - fair), `${where}: ${key} got ${n} of 1000`).toBeLessThan(fair * 0.3);
    }
  });

  it('dropped flows (internalTrafficPolicy Local, no local endpoint) fail with UNAVAILABLE', () => {
    const drops = report.pairs.filter((p) => p.action === 'drop');
    expect(drops.map((p) => `${p.node} ${p.service}`).sort()).toEqual(['control-1 shop/cache', 'node-a2 shop/cache', 'node-b2 shop/cache', 'node-c2 shop/cache']);
    for (const p of drops) {
      expect(p.counts).toEqual({});
      expect(p.codes).toEqual({ UNAVAILABLE: p.calls });
    }
  });

  it('marking endpoints not ready moves traffic; a drop and a reject then fail with UNAVAILABLE', () => {
    expect(report.moves.map((m) => [m.label, m.after.action])).toEqual([
      ['web: 10.244.0.10 not ready', 'forward'],
      ['cache: 10.244.0.26 not ready', 'drop'],
      ['payments: all not ready', 'reject'],
      ['web: 10.244.0.10 ready again', 'forward'],
    ]);
    for (const m of report.moves) {
      expect(m.after, m.label).not.toEqual(m.before);
      if (m.after.action === 'forward') {
        expect(m.codes, m.label).toEqual({});
        expect(sorted(m.counts), m.label).toEqual([...m.after.endpoints].sort());
      } else {
        expect(m.counts, m.label).toEqual({});
        expect(m.codes, m.label).toEqual({ UNAVAILABLE: 20 });
      }
    }
    expect(report.moves[0]!.after.endpoints).toEqual(['10.244.1.11:8080']);
  });
});
