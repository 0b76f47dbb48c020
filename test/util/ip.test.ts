import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalIPv4Number, endpointKey, parseIP, parseIPv4Number, v4Text } from '../../src/util/ip.js';

describe('parseIP: canonical text as kube-proxy prints it (proxy-semantics 3.5)', () => {
  it.each([
    ['10.0.0.1', 'IPv4', '10.0.0.1'],
    ['010.001.002.003', 'IPv4', '10.1.2.3'], // legacy leading zeros are decimal, not octal
    ['0000010.0.0.1', 'IPv4', '10.0.0.1'], // ParseIPSloppy takes any number of leading zeros
    ['255.255.255.255', 'IPv4', '255.255.255.255'],
    ['2001:DB8:0:0:0:0:0:1', 'IPv6', '2001:db8::1'],
    ['2001:db8:0:0:1:0:0:1', 'IPv6', '2001:db8::1:0:0:1'], // first of two equal zero runs
    ['2001:0:0:1:0:0:0:1', 'IPv6', '2001:0:0:1::1'], // the longest run wins
    ['2001:db8:1:1:1:1:0:1', 'IPv6', '2001:db8:1:1:1:1:0:1'], // a single zero group is not compressed
    ['::', 'IPv6', '::'],
    ['::1', 'IPv6', '::1'],
    ['fe80::', 'IPv6', 'fe80::'],
    ['::ffff:10.0.0.1', 'IPv4', '10.0.0.1'], // IPv4-mapped prints as IPv4
    ['::ffff:a00:1', 'IPv4', '10.0.0.1'],
    ['64:ff9b::192.0.2.33', 'IPv6', '64:ff9b::c000:221'],
    ['1:2:3:4:5:6:1.2.3.4', 'IPv6', '1:2:3:4:5:6:102:304'],
  ])('%s → %s %s', (input, family, text) => {
    const ip = parseIP(input);
    expect(ip?.family).toBe(family);
    expect(ip?.text).toBe(text);
  });

  it.each(['', '10.0.0', '10.0.0.256', '10.0.0.1.2', '1.2.3.-4', 'a.b.c.d', '10..0.1', '1:2:3:4:5:6:7:8:9', '1::2::3', '12345::', 'fe80::1%eth0', ':::', '1:2:3:4:5:6:7', 'not-an-ip', ' 10.0.0.1'])(
    'rejects %j',
    (input) => {
      expect(parseIP(input)).toBeUndefined();
    },
  );

  it('orders addresses numerically', () => {
    const list = ['10.0.0.10', '10.0.0.9', '9.255.255.255', '10.0.1.0'].map((s) => parseIP(s)!);
    list.sort((a, b) => (a.order < b.order ? -1 : 1));
    expect(list.map((ip) => ip.text)).toEqual(['9.255.255.255', '10.0.0.9', '10.0.0.10', '10.0.1.0']);
  });
});

describe('endpointKey', () => {
  it('brackets IPv6 as net.JoinHostPort does', () => {
    expect(endpointKey('fd00::1', 80)).toBe('[fd00::1]:80');
    expect(endpointKey('10.0.0.1', 8080)).toBe('10.0.0.1:8080');
  });
});

describe('canonicalIPv4Number: the one-pass hot path of slice conversion', () => {
  it('reads exactly the dotted texts that are already canonical, with the value parseIPv4Number gives', () => {
    const octet = fc.oneof(fc.integer({ min: 0, max: 255 }).map(String), fc.stringMatching(/^[0-9]{1,4}$/));
    const text = fc.oneof(
      fc.tuple(octet, octet, octet, octet).map((o) => o.join('.')),
      fc.string({ maxLength: 16 }),
      fc.constantFrom('1.2.3', '1.2.3.4.', '.1.2.3', '1..2.3', '256.1.1.1', '01.2.3.4', '0.0.0.0', '10.0.0.0', '1.2.3.04', '255.255.255.255'),
    );
    fc.assert(
      fc.property(text, (t) => {
        const slow = parseIPv4Number(t);
        const canonical = slow !== undefined && v4Text(t, slow) === t;
        expect(canonicalIPv4Number(t)).toBe(canonical ? slow : undefined);
      }),
      { numRuns: 5000 },
    );
  });

  it.each([
    ['10.0.0.1', 0x0a000001],
    ['0.0.0.0', 0],
    ['255.255.255.255', 0xffffffff],
    ['010.0.0.1', undefined], // a leading zero: parseIPv4Number and v4Text handle it
    ['10.0.0.01', undefined],
    ['10.0.0.256', undefined],
  ])('%s → %s', (t, n) => expect(canonicalIPv4Number(t)).toBe(n));
});
