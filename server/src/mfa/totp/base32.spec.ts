import { randomBytes } from 'node:crypto';
import { base32Decode, base32Encode } from './base32';

// RFC 4648 §10, without the padding.
const VECTORS: Array<[string, string]> = [
  ['', ''],
  ['f', 'MY'],
  ['fo', 'MZXQ'],
  ['foo', 'MZXW6'],
  ['foob', 'MZXW6YQ'],
  ['fooba', 'MZXW6YTB'],
  ['foobar', 'MZXW6YTBOI'],
];

describe('base32', () => {
  it.each(VECTORS)('encodes %j as %j (RFC 4648 test vectors)', (plain, encoded) => {
    expect(base32Encode(Buffer.from(plain))).toBe(encoded);
    expect(base32Decode(encoded).toString()).toBe(plain);
  });

  it('turns a 20-byte secret into 32 characters and back', () => {
    const bytes = randomBytes(20);
    const text = base32Encode(bytes);
    expect(text).toMatch(/^[A-Z2-7]{32}$/);
    expect(base32Decode(text)).toEqual(bytes);
    expect(base32Decode(text.toLowerCase().replace(/(.{4})/g, '$1 '))).toEqual(bytes);
  });

  it('decodes padded input and refuses characters outside the alphabet', () => {
    expect(base32Decode('MZXW6YQ=').toString()).toBe('foob');
    expect(() => base32Decode('MZXW0')).toThrow(/invalid character/);
  });
});
