import { createHash } from 'node:crypto';
import bcrypt from 'bcryptjs';
import { legacyHashProblem, sha256Salted, verifyLegacyPassword } from './legacy-password';

describe('legacy password hashes', () => {
  const bcryptHash = bcrypt.hashSync('correct horse', 4);
  const salt = '00112233445566778899aabbccddeeff';

  it('verifies a bcrypt hash ($2a$, $2b$ and $2y$ alike)', async () => {
    expect(await verifyLegacyPassword('bcrypt', bcryptHash, 'correct horse')).toBe(true);
    expect(await verifyLegacyPassword('bcrypt', bcryptHash, 'correct horse ')).toBe(false);
    for (const variant of ['$2a$', '$2y$']) {
      expect(await verifyLegacyPassword('bcrypt', bcryptHash.replace('$2b$', variant), 'correct horse')).toBe(true);
    }
  });

  it('computes sha256_salted as SHA-256 of salt bytes followed by the UTF-8 password', () => {
    const expected = createHash('sha256').update(Buffer.concat([Buffer.from(salt, 'hex'), Buffer.from('パスワード', 'utf8')])).digest('hex');
    expect(sha256Salted('パスワード', salt)).toBe(`${salt}:${expected}`);
  });

  it('verifies a sha256_salted hash', async () => {
    const stored = sha256Salted('パスワード', salt);
    expect(await verifyLegacyPassword('sha256_salted', stored, 'パスワード')).toBe(true);
    expect(await verifyLegacyPassword('sha256_salted', stored, 'パスワードx')).toBe(false);
    expect(await verifyLegacyPassword('sha256_salted', stored, '')).toBe(false);
  });

  it('does not accept one scheme for the other', async () => {
    expect(await verifyLegacyPassword('sha256_salted', bcryptHash, 'correct horse')).toBe(false);
    expect(await verifyLegacyPassword('bcrypt', sha256Salted('x', salt), 'x')).toBe(false);
  });

  it.each([
    ['bcrypt', '', 'is not a bcrypt hash ($2b$NN$ + 53 characters)'],
    ['bcrypt', '$2b$10$tooshort', 'is not a bcrypt hash ($2b$NN$ + 53 characters)'],
    ['bcrypt', '$2x$10$' + 'a'.repeat(53), 'is not a bcrypt hash ($2b$NN$ + 53 characters)'],
    ['sha256_salted', 'f'.repeat(64), 'is not "<salt hex>:<sha-256 hex>"'],
    ['sha256_salted', `abc:${'f'.repeat(64)}`, 'is not "<salt hex>:<sha-256 hex>"'],
    ['sha256_salted', `${salt}:${'F'.repeat(64)}`, 'is not "<salt hex>:<sha-256 hex>"'],
    ['sha256_salted', `${salt}:${'f'.repeat(63)}`, 'is not "<salt hex>:<sha-256 hex>"'],
  ] as const)('names the shape problem of a %s hash %j', async (scheme, hash, reason) => {
    expect(legacyHashProblem(scheme, hash)).toBe(reason);
    expect(await verifyLegacyPassword(scheme, hash, 'anything')).toBe(false);
  });

  it('accepts well-formed hashes', () => {
    expect(legacyHashProblem('bcrypt', bcryptHash)).toBeNull();
    expect(legacyHashProblem('sha256_salted', sha256Salted('x', salt))).toBeNull();
  });
});
