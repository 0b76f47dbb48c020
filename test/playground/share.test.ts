/**
 * The share-link contract (docs/playground.md): `#v1=` + base64url without padding of the
 * deflate-raw compression of the UTF-8 JSON {dump, service, node, …}. The page's codec runs here
 * in Node (which has the same CompressionStream), checked against Node's zlib, an independent
 * implementation of the same format.
 */
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ShareError, decodeShare, encodeShare, fromBase64Url, toBase64Url } from '../../playground/src/share.js';

// The link the browser test opens (test/playground/page.test.ts, MINIMAL), made with Python's zlib.
const FIXED =
  '#v1=nZNLT-swEIX_ipV1HVqJi8BbLgs2qBKIxb1h4ceUWnU8lu1Uaqv8d8Yh0BRV3MfOmTjnm3NmcqhM14ZKVDLYZ4jJohdsu2j8xnoj2CPErdXQ-BayNDJLwQ5etiAY3Z-xckxBano20GLf-BRAi8Yzpl2XMsT7pWCLeX1zVc_rH_PyImDMSbDfo8465zAbioJdz-kUMaNGJ9jT7bJ_KV_kKFcrq3_alKNVXR56XEZYQbx1mKg7znnjpw6MTRq3EHf15jrVFi-Olu68CWh9fnSnxgrp0xqXSn8UJgZLyUkFjgwcNp2C6CHDAEjvSfFJOjCSUiHVp9db6eUrGK524vQe1-hzROcgjr1TqtKYCCk97QJp3y-3l43_NsazQX5iyCpnoyQUDRrQosxnSJv4xpaMi8cI0lCHOXbQD3mggYcB6LkshT16etgP5_Ugzg4rjL-oPOluL_uX_ix18a9UNaGqP1DVO_Xrchx34YGEz-w2eZsd55wxoMPX3ZcJfjjv_xOh_hqhCqKaVeOK0c9advGCeFQs2VCF9Kr-DQ';

describe('share links (v1)', () => {
  it('decodes the fixed link: service, node and the dump it carries', async () => {
    const state = await decodeShare(FIXED);
    expect(state).not.toBeNull();
    expect(state!.service).toBe('demo/api');
    expect(state!.node).toBe('n-b');
    expect(state!.extra).toEqual({});
    expect(state!.dump.startsWith('apiVersion: v1\nkind: Service\nmetadata: {name: api, namespace: demo}\n')).toBe(true);
    expect(state!.dump).toContain('hints: {forZones: [{name: zb}]}');
    // The same bytes through zlib give the same JSON: the format is plain deflate-raw.
    const json = JSON.parse(inflateRawSync(Buffer.from(FIXED.slice('#v1='.length), 'base64url')).toString('utf8')) as Record<string, unknown>;
    expect(json).toEqual({ dump: state!.dump, service: 'demo/api', node: 'n-b' });
  });

  it('encodes what zlib decodes, with no padding and only URL-safe characters', async () => {
    const dump = 'kind: Service\nmetadata: {name: é ✓}\n'.repeat(50);
    const fragment = await encodeShare({ dump, service: 'ns/svc', node: 'node-1', extra: { whatIf: { zoneLost: 'zone-a' } } });
    expect(fragment).toMatch(/^v1=[A-Za-z0-9_-]+$/);
    const json = JSON.parse(inflateRawSync(Buffer.from(fragment.slice(3), 'base64url')).toString('utf8')) as Record<string, unknown>;
    expect(json).toEqual({ whatIf: { zoneLost: 'zone-a' }, dump, service: 'ns/svc', node: 'node-1' });
    await expect(decodeShare(`#${fragment}`)).resolves.toEqual({ dump, service: 'ns/svc', node: 'node-1', extra: { whatIf: { zoneLost: 'zone-a' } } });
  });

  it('keeps unknown fields as extra (older pages ignore them) and the required ones win', async () => {
    const raw = deflateRawSync(Buffer.from(JSON.stringify({ dump: 'x', service: 'a/b', node: '', future: [1, 2] }), 'utf8'));
    const state = await decodeShare(`v1=${raw.toString('base64url')}`);
    expect(state).toEqual({ dump: 'x', service: 'a/b', node: '', extra: { future: [1, 2] } });
  });

  it('is not a share link: empty or another prefix gives null', async () => {
    await expect(decodeShare('')).resolves.toBeNull();
    await expect(decodeShare('#section-2')).resolves.toBeNull();
    await expect(decodeShare('#v2=abc')).resolves.toBeNull();
  });

  it('a damaged link is a ShareError that says what is wrong', async () => {
    await expect(decodeShare('#v1=ab$c')).rejects.toThrow(/not base64url/);
    await expect(decodeShare(FIXED.slice(0, 60))).rejects.toThrow(ShareError);
    await expect(decodeShare(FIXED.slice(0, 60))).rejects.toThrow(/does not decompress/);
    const notJson = deflateRawSync(Buffer.from('{"dump":', 'utf8')).toString('base64url');
    await expect(decodeShare(`v1=${notJson}`)).rejects.toThrow(/not JSON/);
    const noNode = deflateRawSync(Buffer.from(JSON.stringify({ dump: 'x', service: 'a/b' }), 'utf8')).toString('base64url');
    await expect(decodeShare(`v1=${noNode}`)).rejects.toThrow(/no "node"/);
  });

  it('base64url round-trips every byte value, with no padding', () => {
    for (let n = 0; n < 70; n++) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 37 + n) & 255);
      const text = toBase64Url(bytes);
      expect(text).toBe(Buffer.from(bytes).toString('base64url'));
      expect(fromBase64Url(text)).toEqual(bytes);
    }
    expect(fromBase64Url('a')).toBeNull();
    expect(fromBase64Url('ab+c')).toBeNull();
  });
});
