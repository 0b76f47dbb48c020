/**
 * Every reference in the source and the shipped docs points where a user can read it: our own
 * pages (docs/kube-proxy.md §N, docs/controller.md §N, docs/releases.md, …) or upstream code,
 * never the design documents the library was written from, which are not in the package. And
 * every cited section exists: `kube-proxy.md §8.6` must name an item of section 8.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

function walk(dir: string, keep: (name: string) => boolean): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const full = join(dir, d.name);
    if (d.isDirectory()) return walk(full, keep);
    return keep(d.name) ? [full] : [];
  });
}

const FILES = [...walk(join(ROOT, 'src'), (n) => n.endsWith('.ts')), ...walk(join(ROOT, 'docs'), (n) => n.endsWith('.md'))].map((f) => ({
  path: relative(ROOT, f),
  text: readFileSync(f, 'utf8'),
}));

/** Names of documents outside the package, and paths out of the repository. */
const FORBIDDEN = /proxy-semantics|controller-semantics|deviation-profiles|\bspec(?:\.md)?\s+(?:§|section\s+)?\d|(?:\.\.\/)+shared\b|\bshared\/(?:spec|reference|conformance)/gi;

/** The numbered sections and items of one of our rule pages: `3`, `3.9`, `2.2`, `2.3` (from "2.2–2.3"). */
function sectionsOf(doc: string): Set<string> {
  const out = new Set<string>();
  let section: string | null = null;
  for (const line of readFileSync(join(ROOT, 'docs', doc), 'utf8').split('\n')) {
    const heading = /^## (\d+)\. /.exec(line);
    if (heading) {
      section = heading[1]!;
      out.add(section);
      continue;
    }
    if (line.startsWith('## ')) section = null;
    if (section === null) continue;
    // "2.1 text" or "2.2–2.3 text": items written with their number.
    const labelled = /^(\d+)\.(\d+)(?:–(\d+)\.(\d+))? /.exec(line);
    if (labelled) {
      out.add(`${labelled[1]}.${labelled[2]}`);
      if (labelled[3] !== undefined) for (let i = Number(labelled[2]) + 1; i <= Number(labelled[4]); i++) out.add(`${labelled[1]}.${i}`);
      continue;
    }
    // "9. text": an ordered list inside section N is item N.9.
    const listed = /^(\d+)\. /.exec(line);
    if (listed) out.add(`${section}.${listed[1]}`);
  }
  return out;
}

const RULE_PAGES = { 'kube-proxy.md': sectionsOf('kube-proxy.md'), 'controller.md': sectionsOf('controller.md') } as const;
type RulePage = keyof typeof RULE_PAGES;

/** Line number of an offset. */
const lineOf = (text: string, at: number) => text.slice(0, at).split('\n').length;

/** One numbered reference: `§3.9`, `§5.1–5.2`, or a continuation (`§5.2, 6.2`). */
const NUMBER = String.raw`\d+(?:\.\d+)*(?:–\d+(?:\.\d+)*)?`;
const CITATION = new RegExp(String.raw`(?:(kube-proxy|controller)\.md\s*)?§(${NUMBER}(?:(?:,\s*(?:and\s+)?|\s+and\s+|\/)§?${NUMBER})*)`, 'g');

/** Every `§` reference in `file`, resolved to a rule page: named, or the one the file named last before it (its own page for the two rule pages). */
function citations(file: { path: string; text: string }): { where: string; page: RulePage | null; ref: string }[] {
  const own = file.path === 'docs/kube-proxy.md' ? 'kube-proxy.md' : file.path === 'docs/controller.md' ? 'controller.md' : null;
  const out: { where: string; page: RulePage | null; ref: string }[] = [];
  const named = [...file.text.matchAll(/\b(kube-proxy|controller)\.md\b/g)].map((m) => ({ at: m.index, page: `${m[1]}.md` as RulePage }));
  for (const m of file.text.matchAll(CITATION)) {
    const explicit = m[1] !== undefined ? (`${m[1]}.md` as RulePage) : null;
    const before = named.filter((n) => n.at < m.index).at(-1)?.page ?? null;
    const page = explicit ?? own ?? before;
    for (const part of m[2]!.split(/,\s*(?:and\s+)?|\s+and\s+|\//)) {
      const ref = part.replace(/^§/, '');
      out.push({ where: `${file.path}:${lineOf(file.text, m.index)}`, page, ref });
    }
  }
  return out;
}

describe('references point where users can read them', () => {
  it('reads the source and the docs', () => {
    expect(FILES.filter((f) => f.path.startsWith('src/')).length).toBeGreaterThan(50);
    expect(FILES.filter((f) => f.path.startsWith('docs/')).length).toBeGreaterThan(5);
    expect(RULE_PAGES['kube-proxy.md'].has('3.9')).toBe(true);
    expect(RULE_PAGES['controller.md'].has('3.2')).toBe(true);
  });

  it('no file outside the repository is cited (the design documents, ../shared)', () => {
    const found = FILES.flatMap((f) => [...f.text.matchAll(FORBIDDEN)].map((m) => `${f.path}:${lineOf(f.text, m.index)}: ${m[0]}`));
    expect(found).toEqual([]);
  });

  it('every § reference names a rule page, and a section or item that page has', () => {
    const all = FILES.flatMap(citations);
    expect(all.length).toBeGreaterThan(100);
    const bad = all.flatMap(({ where, page, ref }) => {
      if (page === null) return [`${where}: §${ref} names no page (write kube-proxy.md §${ref} or controller.md §${ref})`];
      const ends = ref.split('–');
      // "§5.1–5.2" checks 5.1 and 5.2; "§6.1–6.3" also checks that the range stays in one section.
      const missing = ends.filter((e) => !RULE_PAGES[page].has(e));
      return missing.length === 0 ? [] : [`${where}: ${page} has no §${missing.join(', §')}`];
    });
    expect(bad).toEqual([]);
  });

  it('the checker catches what it is for', () => {
    const probe = (path: string, text: string) => citations({ path, text }).filter((c) => c.page === null || !c.ref.split('–').every((e) => RULE_PAGES[c.page!].has(e)));
    expect(probe('src/x.ts', '// kube-proxy.md §3.9, §8.6 and controller.md §6.2')).toEqual([]);
    expect(probe('src/x.ts', '// kube-proxy.md §4.6').map((c) => c.ref)).toEqual(['4.6']);
    expect(probe('src/x.ts', '// controller.md §3.2.7').map((c) => c.ref)).toEqual(['3.2.7']);
    expect(probe('src/x.ts', '// see §3.1').map((c) => c.page)).toEqual([null]);
    expect('// proxy-semantics 3.9'.match(FORBIDDEN)).not.toBeNull();
    expect('(controller-semantics section 0)'.match(FORBIDDEN)).not.toBeNull();
    expect('read ../shared/spec/x.md'.match(FORBIDDEN)).not.toBeNull();
  });
});

describe('file paths in the docs exist', () => {
  it('every `src/…` and `test/…` path the docs and the README name is a file or folder of the repository', () => {
    const docs = [...FILES.filter((f) => f.path.startsWith('docs/')), { path: 'README.md', text: readFileSync(join(ROOT, 'README.md'), 'utf8') }];
    const named = docs.flatMap((f) => [...f.text.matchAll(/`((?:src|test|examples|bench|playground)\/[\w./-]+)`/g)].map((m) => ({ where: `${f.path}:${lineOf(f.text, m.index)}`, path: m[1]! })));
    expect(named.length).toBeGreaterThan(20);
    const exists = (p: string) => existsSync(join(ROOT, p));
    expect(named.filter((n) => !exists(n.path)).map((n) => `${n.where}: ${n.path}`)).toEqual([]);
  });
});

describe('docs/rules.md: each rule row names what its file answers', () => {
  // Rows of the two tables with an answer column: | rule | `src/…` | answer | upstream |.
  const rows = readFileSync(join(ROOT, 'docs/rules.md'), 'utf8')
    .split('\n')
    .map((line) => line.split('|').map((cell) => cell.trim()))
    .filter((cells) => cells.length === 6 && /^`src\/[\w/.-]+\.ts`$/.test(cells[2]!));

  it('covers both halves', () => {
    expect(rows.filter((r) => r[2]!.startsWith('`src/proxy/')).length).toBeGreaterThanOrEqual(10);
    expect(rows.filter((r) => r[2]!.startsWith('`src/controller/')).length).toBeGreaterThanOrEqual(8);
  });

  it('every name in the answer column occurs in the file of its row', () => {
    const bad = rows.flatMap((cells) => {
      const file = cells[2]!.slice(1, -1);
      const text = readFileSync(join(ROOT, file), 'utf8');
      const names = [...cells[3]!.matchAll(/`([A-Za-z_][A-Za-z0-9_]*)`/g)].map((m) => m[1]!);
      return names.filter((n) => !new RegExp(String.raw`\b${n}\b`).test(text)).map((n) => `${file}: ${n}`);
    });
    expect(bad).toEqual([]);
  });
});
