/**
 * Loads every conformance vector file of one folder of `../shared/conformance/` (beside the
 * checkout). Every `*.json` file found is loaded, whatever appears there later; nothing is
 * filtered or skipped.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

/** The shared conformance folder: `<checkout>/../shared/conformance`. */
export const CONFORMANCE_DIR = fileURLToPath(new URL('../../../shared/conformance/', import.meta.url));

export interface VectorFile<V> {
  readonly file: string;
  readonly vectors: readonly V[];
}

/** Every `*.json` file under `CONFORMANCE_DIR/<folder>` (recursively), parsed. */
export function loadVectorFiles<V>(folder: string): VectorFile<V>[] {
  const root = join(CONFORMANCE_DIR, folder);
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.json')) files.push(full);
    }
  };
  walk(root);
  files.sort();
  if (files.length === 0) throw new Error(`no conformance vector files under ${root}`);
  return files.map((file) => {
    const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
    if (!Array.isArray(parsed)) throw new Error(`${file}: expected a JSON array of vectors`);
    return { file: file.slice(root.length + 1), vectors: parsed as V[] };
  });
}
