/** One file of the built site, with its size in bytes, raw and gzipped (level 9). */
export interface BuiltFile {
  readonly name: string;
  readonly bytes: number;
  readonly gzipped: number;
}
/** Builds the playground into `outdir` (default dist/playground) and returns the files written. */
export function buildPlayground(outdir?: string): Promise<BuiltFile[]>;
