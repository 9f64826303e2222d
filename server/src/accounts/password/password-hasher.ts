import { Algorithm, hash, verify } from '@node-rs/argon2';

// OWASP's argon2id parameters (architecture.md): m = 19 MiB, t = 2, p = 1.
const OPTIONS = { algorithm: Algorithm.Argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export function verifyPassword(stored: string, password: string): Promise<boolean> {
  return verify(stored, password).catch(() => false);
}
