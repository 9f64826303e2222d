import { randomBytes } from 'node:crypto';
import { SecretBox, SecretBoxError } from './secret-box';

const key1 = { id: 'k1', key: randomBytes(32) };
const key2 = { id: 'k2', key: randomBytes(32) };
const secret = Buffer.from('12345678901234567890');

describe(SecretBox.name, () => {
  it('round-trips, in the v1:<keyId>:<iv>:<tag>:<ciphertext> form, with a fresh IV each time', () => {
    const sut = new SecretBox(key1);
    const a = sut.encrypt(secret, 'ctx');
    const b = sut.encrypt(secret, 'ctx');
    expect(a).toMatch(/^v1:k1:[A-Za-z0-9+/]{16}:[A-Za-z0-9+/]{22}==:[A-Za-z0-9+/=]+$/);
    expect(a).not.toBe(b);
    expect(a).not.toContain(secret.toString('base64'));
    expect(sut.decrypt(a, 'ctx')).toEqual(secret);
    expect(sut.decrypt(b, 'ctx')).toEqual(secret);
  });

  it('opens values of an older key of the ring and encrypts with the current one', () => {
    const old = new SecretBox(key1).encrypt(secret, 'ctx');
    const sut = new SecretBox(key2, [key1]);
    expect(sut.decrypt(old, 'ctx')).toEqual(secret);
    expect(sut.needsReencryption(old)).toBe(true);
    const fresh = sut.encrypt(secret, 'ctx');
    expect(fresh.startsWith('v1:k2:')).toBe(true);
    expect(sut.needsReencryption(fresh)).toBe(false);
    expect(sut.currentKeyId).toBe('k2');
  });

  it('throws for an unknown key id, and for a wrong key under a known id', () => {
    const stored = new SecretBox(key1).encrypt(secret, 'ctx');
    expect(() => new SecretBox(key2).decrypt(stored, 'ctx')).toThrow(/unknown key id "k1"/);
    expect(() => new SecretBox({ id: 'k1', key: randomBytes(32) }).decrypt(stored, 'ctx')).toThrow(SecretBoxError);
  });

  it('throws when the context differs (a value copied onto another row)', () => {
    const sut = new SecretBox(key1);
    expect(() => sut.decrypt(sut.encrypt(secret, 'factor-a'), 'factor-b')).toThrow(/does not authenticate/);
  });

  it.each([
    ['ciphertext', 4],
    ['tag', 3],
    ['iv', 2],
  ])('throws when the %s is tampered with', (_part, index) => {
    const sut = new SecretBox(key1);
    const parts = sut.encrypt(secret, 'ctx').split(':');
    const bytes = Buffer.from(parts[index], 'base64');
    bytes[0] ^= 1;
    parts[index] = bytes.toString('base64');
    expect(() => sut.decrypt(parts.join(':'), 'ctx')).toThrow(SecretBoxError);
  });

  it('throws when the key id is swapped for another key of the ring', () => {
    const sut = new SecretBox(key1, [key2]);
    const swapped = sut.encrypt(secret, 'ctx').replace(/^v1:k1:/, 'v1:k2:');
    expect(() => sut.decrypt(swapped, 'ctx')).toThrow(SecretBoxError);
  });

  it.each(['', 'v1:k1', 'v2:k1:a:b:c', 'v1:k1:!!:b:c', 'v1:k:1:AAAA:AAAA:AAAA', 'v1:k1:AAAA:AAAAAAAAAAAAAAAAAAAAAA==:AA'])('throws for malformed %j', (value) => {
    expect(() => new SecretBox(key1).decrypt(value, 'ctx')).toThrow(SecretBoxError);
  });

  it('refuses keys that are not 32 bytes, bad ids and duplicate ids', () => {
    expect(() => new SecretBox({ id: 'k1', key: randomBytes(16) })).toThrow(/32 bytes/);
    expect(() => new SecretBox({ id: 'a:b', key: randomBytes(32) })).toThrow(/key id/);
    expect(() => new SecretBox(key1, [{ id: 'k1', key: randomBytes(32) }])).toThrow(/twice/);
  });
});
