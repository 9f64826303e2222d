/**
 * The one place a network ID typed by anyone (customer, agent, CSV) becomes the stored form:
 * trimmed, NFKC (full-width ＡＢＣ１２３ → ABC123), upper-case.
 */
export function normaliseNetworkId(input: string): string {
  return input.normalize('NFKC').trim().toUpperCase();
}

export const NETWORK_ID_PATTERN = /^[A-Z0-9][A-Z0-9-]{2,31}$/;

export type NetworkIdResult = { ok: true; value: string } | { ok: false; reason: string };

export function parseNetworkId(input: unknown): NetworkIdResult {
  if (typeof input !== 'string') return { ok: false, reason: 'must be a string' };
  const value = normaliseNetworkId(input);
  if (value.length === 0) return { ok: false, reason: 'is empty' };
  if (!NETWORK_ID_PATTERN.test(value)) return { ok: false, reason: 'must be 3 to 32 letters, digits or hyphens' };
  return { ok: true, value };
}
