/**
 * Every public name (every export of src/index.ts and src/xds/index.ts) has a TSDoc comment with an `@example`;
 * every export of src/index.ts also names its `@category`, which groups the TypeDoc pages
 * (typedoc.json `categoryOrder`; a name without one lands under "Other").
 */
import ts from 'typescript';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

// Each entry point of the package: `kube-traffic` and `kube-traffic/xds`, with a floor on how many names it
// exports and whether its names carry a category (the xds entry is one small TypeDoc module of its own).
const ENTRIES: readonly [string, number, boolean][] = [
  ['src/index.ts', 50, true],
  ['src/xds/index.ts', 10, false],
];

for (const [path, floor, categories] of ENTRIES) {
  it(`every export of ${path} has TSDoc with an @example${categories ? ' and a @category' : ''}`, () => {
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
      if (categories && !tags.some((t) => t.name === 'category')) uncategorised.push(exported.name);
    }
    expect(missing).toEqual([]);
    expect(uncategorised).toEqual([]);
  });
}
