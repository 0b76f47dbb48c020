/**
 * Every public name (every export of src/index.ts and src/xds/index.ts) has a TSDoc comment with an
 * `@example`, and exactly one `@category` among those typedoc.json's `categoryOrder` lists, so the
 * API reference groups it (a name without one would land under "Other"; `kube-traffic/xds` is
 * one category of its own).
 */
import ts from 'typescript';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const CATEGORIES: readonly string[] = (JSON.parse(readFileSync(new URL('../../typedoc.json', import.meta.url), 'utf8')) as { categoryOrder: string[] }).categoryOrder.filter((c) => c !== '*');

// Each entry point of the package: `kube-traffic` and `kube-traffic/xds`, with a floor on how many names it exports.
const ENTRIES: readonly [string, number][] = [
  ['src/index.ts', 50],
  ['src/xds/index.ts', 10],
];

for (const [path, floor] of ENTRIES) {
  it(`every export of ${path} has TSDoc with an @example and a @category`, () => {
    const entry = fileURLToPath(new URL(`../../${path}`, import.meta.url));
    const program = ts.createProgram([entry], { strict: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler });
    const checker = program.getTypeChecker();
    const source = program.getSourceFile(entry)!;
    const exports = checker.getExportsOfModule(checker.getSymbolAtLocation(source)!);
    expect(exports.length).toBeGreaterThan(floor);
    const missing: string[] = [];
    const uncategorised: string[] = [];
    for (const exported of exports) {
      const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
      const tags = symbol.getJsDocTags(checker);
      const docs = ts.displayPartsToString(symbol.getDocumentationComment(checker));
      if (docs.trim() === '' || !tags.some((t) => t.name === 'example')) missing.push(exported.name);
      const categories = tags.filter((t) => t.name === 'category').map((t) => ts.displayPartsToString(t.text).trim());
      if (categories.length !== 1 || !CATEGORIES.includes(categories[0]!)) uncategorised.push(`${exported.name}: ${categories.join(', ') || 'no @category'}`);
    }
    expect(missing).toEqual([]);
    expect(uncategorised).toEqual([]);
  });
}
