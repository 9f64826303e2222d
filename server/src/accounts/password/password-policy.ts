import { COMMON_PASSWORDS } from './common-passwords';

export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 128;

/**
 * NIST SP 800-63B rules: length counts Unicode code points, any character is allowed (no composition
 * rules), but common passwords and ones containing the account's own identifiers are refused.
 * Returns the reason, or null when acceptable.
 */
export function passwordProblem(password: string, context: { email?: string; networkIds?: string[] }): string | null {
  const length = [...password.normalize('NFC')].length;
  if (length < PASSWORD_MIN) return `must be at least ${PASSWORD_MIN} characters`;
  if (length > PASSWORD_MAX) return `must be at most ${PASSWORD_MAX} characters`;
  const folded = password.normalize('NFKC').toLowerCase();
  if (COMMON_PASSWORDS.has(folded) || /^(.)\1+$/.test(folded)) return 'is too common';
  const local = context.email?.split('@')[0]?.toLowerCase();
  const identifiers = [local, ...(context.networkIds ?? []).map((id) => id.toLowerCase())].filter((v): v is string => !!v && v.length >= 3);
  if (identifiers.some((id) => folded.includes(id))) return 'must not contain your email address or network ID';
  return null;
}
