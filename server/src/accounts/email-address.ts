/**
 * The one place an email typed by anyone becomes the stored form. The local part is kept as typed
 * (RFC 5321 lets it be case-sensitive); uniqueness is case-insensitive in the database anyway.
 */
export function normaliseEmail(input: string): string {
  const trimmed = input.normalize('NFKC').trim();
  const at = trimmed.lastIndexOf('@');
  if (at < 0) return trimmed;
  return trimmed.slice(0, at) + '@' + trimmed.slice(at + 1).toLowerCase();
}

// Deliberately simple: one @, no spaces, a dot in the domain. Deliverability is proven by the mail itself.
const EMAIL_PATTERN = /^[^\s@]{1,64}@[^\s@.]+(\.[^\s@.]+)+$/;

export type EmailResult = { ok: true; value: string } | { ok: false; reason: string };

export function parseEmail(input: unknown): EmailResult {
  if (typeof input !== 'string') return { ok: false, reason: 'must be a string' };
  const value = normaliseEmail(input);
  if (value.length === 0) return { ok: false, reason: 'is empty' };
  if (value.length > 254 || !EMAIL_PATTERN.test(value)) return { ok: false, reason: 'is not a valid email address' };
  return { ok: true, value };
}
