import { createHash, randomBytes } from 'node:crypto';

/** A 256-bit bearer token for the client and the SHA-256 the server keeps (a leaked table grants nothing). */
export function newSecretToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashSecretToken(token) };
}

export function hashSecretToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export const SECRET_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;
