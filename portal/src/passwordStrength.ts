/**
 * A rough strength estimate for the meter: length and character variety, nothing more (no library;
 * the server checks the real rules, the common-password list included).
 */
export type Strength = 'empty' | 'too_short' | 'weak' | 'fair' | 'good' | 'strong';

export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 128;

const CLASSES = [/\p{Ll}/u, /\p{Lu}/u, /\p{Nd}/u, /[^\p{L}\p{Nd}]/u, /\P{ASCII}/u];

export const passwordStrength = (password: string): Strength => {
  const chars = [...password];
  if (chars.length === 0) return 'empty';
  if (chars.length < MIN_PASSWORD_LENGTH) return 'too_short';
  const distinct = new Set(chars).size;
  if (distinct <= 2) return 'weak'; // aaaaaaaaaa, ababababab
  const variety = CLASSES.filter((pattern) => pattern.test(password)).length;
  const score =
    (chars.length >= 20 ? 3 : chars.length >= 14 ? 2 : 1) + (variety >= 3 ? 2 : variety === 2 ? 1 : 0) - (distinct < 5 ? 1 : 0);
  return score <= 1 ? 'weak' : score === 2 ? 'fair' : score === 3 ? 'good' : 'strong';
};

/** 0..4 filled segments of the meter. */
export const STRENGTH_LEVEL: Record<Strength, number> = { empty: 0, too_short: 1, weak: 1, fair: 2, good: 3, strong: 4 };
