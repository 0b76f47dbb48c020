/**
 * Share links: the playground's whole state lives in the URL fragment, which browsers never send
 * to a server.
 *
 * The format is a contract (docs/playground.md); links made by any version must keep opening:
 *
 *     #v1=<base64url, no padding>( deflate-raw( UTF-8( JSON ) ) )
 *
 * where the JSON is an object with at least `dump` (the pasted text), `service`
 * (`NAMESPACE/NAME`) and `node` (a node name, `""` for none). Every other field is optional: a
 * page ignores fields it does not know and values it cannot use, so newer pages may add fields
 * without breaking older ones. `deflate-raw` is RFC 1951 without a zlib or gzip wrapper, as the
 * browser's `CompressionStream('deflate-raw')` writes it.
 *
 * @module
 */

/** The version prefix of the fragment. */
export const SHARE_PREFIX = 'v1=';

/** What a v1 link carries. `extra` holds the optional fields (what-ifs, port, flow, view). */
export interface ShareState {
  readonly dump: string;
  readonly service: string;
  readonly node: string;
  readonly extra: Readonly<Record<string, unknown>>;
}

/** Bytes through a (de)compression stream; rejects when the stream rejects the data. */
async function pipe(bytes: Uint8Array<ArrayBuffer>, stream: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  const writer = stream.writable.getWriter();
  const written = writer.write(bytes).then(() => writer.close());
  written.catch(() => undefined); // reported through the reader below; never left unhandled
  const reader = stream.readable.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.length;
  }
  await written;
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/** RFC 4648 section 5 alphabet, without `=` padding. */
export function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  // In chunks: String.fromCharCode with a huge argument list overflows the stack.
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Inverse of {@link toBase64Url}; `null` for text outside the alphabet. */
export function fromBase64Url(text: string): Uint8Array<ArrayBuffer> | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return null;
  const b64 = text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4);
  const binary = atob(b64);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

/**
 * The fragment (without `#`) for a state: `v1=…`.
 *
 * @example
 * ```ts
 * location.hash = await encodeShare({ dump, service: 'shop/web', node: 'node-a1', extra: {} });
 * ```
 */
export async function encodeShare(state: ShareState): Promise<string> {
  const json = JSON.stringify({ ...state.extra, dump: state.dump, service: state.service, node: state.node });
  const packed = await pipe(new TextEncoder().encode(json), new CompressionStream('deflate-raw'));
  return SHARE_PREFIX + toBase64Url(packed);
}

/** Why a fragment could not be opened. */
export class ShareError extends Error {
  override readonly name = 'ShareError';
}

/**
 * Reads a fragment (with or without the leading `#`). Returns `null` when the fragment is not a
 * share link at all (empty, or another prefix), so a page can ignore it.
 *
 * @throws {ShareError} for a `v1=` link that is damaged (not base64url, not deflate-raw, not JSON,
 *   or without the three required string fields)
 */
export async function decodeShare(fragment: string): Promise<ShareState | null> {
  const f = fragment.startsWith('#') ? fragment.slice(1) : fragment;
  if (!f.startsWith(SHARE_PREFIX)) return null;
  const bytes = fromBase64Url(f.slice(SHARE_PREFIX.length));
  if (bytes === null) throw new ShareError('The share link is damaged: its data is not base64url text (was it cut short or re-encoded?).');
  let json: string;
  try {
    json = new TextDecoder('utf-8', { fatal: true }).decode(await pipe(bytes, new DecompressionStream('deflate-raw')));
  } catch {
    throw new ShareError('The share link is damaged: its data does not decompress (was it cut short?).');
  }
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    throw new ShareError('The share link is damaged: its data is not JSON.');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new ShareError('The share link holds no state object.');
  const { dump, service, node, ...extra } = value as Record<string, unknown>;
  for (const [name, v] of [['dump', dump], ['service', service], ['node', node]] as const) {
    if (typeof v !== 'string') throw new ShareError(`The share link has no "${name}" text.`);
  }
  return { dump: dump as string, service: service as string, node: node as string, extra };
}
