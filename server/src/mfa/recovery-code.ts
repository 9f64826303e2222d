import { randomBytes, timingSafeEqual } from 'node:crypto';
import { hashSecretToken } from '../common/secret-token';
import { base32Encode } from './totp/base32';

/**
 * The recovery code: 28 base32 characters (A–Z, 2–7) = 140 bits from the CSPRNG, shown in groups of
 * four (`ABCD-EFGH-…`). The alphabet has no 0, 1, 8 or 9, so misreads of O, I and B can be mapped back.
 *
 * Stored as a plain SHA-256 (hex): a slow hash (argon2, bcrypt) exists to make guessing low-entropy
 * secrets such as passwords expensive; 2^140 candidates cannot be searched at any hash speed, so a
 * leaked hash gives nothing and a fast hash keeps the check cheap (ASVS 4 2.6.x; NIST 800-63B 5.1.2).
 */
export const RECOVERY_CODE_LENGTH = 28;
const GROUP = 4;
const NORMALISED = new RegExp(`^[A-Z2-7]{${RECOVERY_CODE_LENGTH}}$`);

/** A fresh code, formatted for display, and the hash to store. */
export function newRecoveryCode(): { code: string; hash: string } {
  // 18 bytes = 144 bits give 29 characters of which the first 28 are 5 full random bits each.
  const raw = base32Encode(randomBytes(18)).slice(0, RECOVERY_CODE_LENGTH);
  return { code: formatRecoveryCode(raw), hash: hashRecoveryCode(raw) };
}

export function formatRecoveryCode(normalised: string): string {
  return normalised.match(new RegExp(`.{1,${GROUP}}`, 'g'))!.join('-');
}

/**
 * What the customer typed, as stored: NFKC (full-width input from a Japanese IME), spaces and hyphens
 * dropped, upper case, 0/1/8 read as O/I/B. Null when it cannot be a recovery code.
 */
export function normaliseRecoveryCode(input: string): string | null {
  if (typeof input !== 'string' || input.length > 200) return null;
  const clean = input
    .normalize('NFKC')
    .replace(/[\s\-‐‑‒–—―ー_]/g, '')
    .toUpperCase()
    .replace(/0/g, 'O')
    .replace(/1/g, 'I')
    .replace(/8/g, 'B');
  return NORMALISED.test(clean) ? clean : null;
}

export function hashRecoveryCode(normalised: string): string {
  return hashSecretToken(normalised);
}

/** Constant-time comparison of two hex SHA-256 hashes. */
export function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === 32 && y.length === 32 && timingSafeEqual(x, y);
}
