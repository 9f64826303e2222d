import { createHash, timingSafeEqual } from 'node:crypto';
import bcrypt from 'bcryptjs';

/**
 * Password hashes exported by the old site. `bcrypt`: a standard $2a$/$2b$/$2y$ string.
 * `sha256_salted`: hex SHA-256 of (salt bytes ‖ UTF-8 password), stored as "<salt hex>:<digest hex>".
 */
export const LEGACY_HASH_SCHEMES = ['bcrypt', 'sha256_salted'] as const;
export type LegacyHashScheme = (typeof LEGACY_HASH_SCHEMES)[number];

const BCRYPT_PATTERN = /^\$2[aby]\$\d{2}\$[./A-Za-z0-9]{53}$/;
const SHA256_SALTED_PATTERN = /^[0-9a-f]{16,128}:[0-9a-f]{64}$/;

export function isLegacyHashScheme(value: string): value is LegacyHashScheme {
  return (LEGACY_HASH_SCHEMES as readonly string[]).includes(value);
}

/** Null when the hash has the scheme's shape, else the reason. */
export function legacyHashProblem(scheme: LegacyHashScheme, hash: string): string | null {
  if (scheme === 'bcrypt') return BCRYPT_PATTERN.test(hash) ? null : 'is not a bcrypt hash ($2b$NN$ + 53 characters)';
  return SHA256_SALTED_PATTERN.test(hash) ? null : 'is not "<salt hex>:<sha-256 hex>"';
}

export function sha256Salted(password: string, saltHex: string): string {
  return `${saltHex}:${createHash('sha256').update(Buffer.from(saltHex, 'hex')).update(password, 'utf8').digest('hex')}`;
}

/** False for a wrong password and for a hash without its scheme's shape (never throws on bad data). */
export async function verifyLegacyPassword(scheme: LegacyHashScheme, hash: string, password: string): Promise<boolean> {
  if (!isLegacyHashScheme(scheme) || legacyHashProblem(scheme, hash)) return false;
  if (scheme === 'bcrypt') return bcrypt.compare(password, hash);
  const [salt] = hash.split(':');
  const expected = Buffer.from(hash);
  const actual = Buffer.from(sha256Salted(password, salt));
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}
