/** The package directory of a bundled input path (`node_modules/@scope/name`), or null. */
export function packageDir(input: string): string | null;
/** A package directory's name, version, declared licence and licence text. */
export function licenceText(dir: string): { name: string; version: string; license: string; text: string };
/** Writes dist/THIRD-PARTY-NOTICES.txt from esbuild's metafile; returns how many packages it names. */
export function writeNotices(dist?: string): number;
