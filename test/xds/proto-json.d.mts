// Types of ./proto-json.mjs (plain JavaScript so that the e2e child process can run it).
export interface EncodedAny {
  readonly typeUrl: string;
  readonly value: Uint8Array;
}
export const root: unknown;
export function encodeAny(json: unknown, path?: string): EncodedAny;
export function decodeAny(any: EncodedAny): Record<string, unknown>;
