import type { FieldError } from './api';
import type { Translate } from './i18n/i18n';
import type { MessageKey } from './i18n/ja';

/**
 * A message to show, kept as a catalogue key (so it follows the language toggle) or, for a server
 * message we have no translation for, as the server's own text.
 */
export type Msg = { key: MessageKey; params?: Record<string, string | number> } | { raw: string };

export const msg = (key: MessageKey, params?: Record<string, string | number>): Msg => ({ key, params });

export const renderMsg = (t: Translate, message: Msg): string =>
  'key' in message ? t(message.key, message.params) : message.raw;

/**
 * Server field messages (docs/api-customer-registration.md, docs/api-customer-login.md) → catalogue keys. First match wins;
 * a `null` pattern matches any message for that field.
 */
const FIELD_RULES: ReadonlyArray<readonly [field: string, pattern: RegExp | null, key: MessageKey]> = [
  ['networkId', /empty|required|missing/i, 'validation.network_id.required'],
  ['networkId', null, 'validation.network_id.format'],
  ['email', /empty|required|missing/i, 'validation.email.required'],
  ['email', null, 'validation.email.invalid'],
  ['agreeToTerms', null, 'validation.agree_terms.required'],
  ['password', /at least/i, 'validation.password.too_short'],
  ['password', /at most/i, 'validation.password.too_long'],
  ['password', /common/i, 'validation.password.common'],
  ['password', /must not contain/i, 'validation.password.personal'],
  ['password', /empty|required|missing/i, 'validation.password.required'],
  ['code', null, 'validation.code.format'],
  ['recoveryCode', /empty|required|missing/i, 'validation.recovery_code.required'],
  ['recoveryCode', null, 'validation.recovery_code.invalid'],
  ['recorded', null, 'validation.recorded.required'],
];

export const localizeFieldError = (error: FieldError): Msg => {
  const rule = FIELD_RULES.find(
    ([field, pattern]) => field === error.field && (pattern === null || pattern.test(error.message)),
  );
  return rule ? msg(rule[2]) : { raw: error.message };
};

/**
 * Splits a 400's `errors[]` into the fields this form shows (first message per field) and the rest,
 * which the page shows in its top-level error.
 */
export const splitFieldErrors = <F extends string>(
  errors: readonly FieldError[],
  fields: readonly F[],
): { byField: Partial<Record<F, Msg>>; rest: FieldError[] } => {
  const byField: Partial<Record<F, Msg>> = {};
  const rest: FieldError[] = [];
  for (const error of errors) {
    const field = fields.find((name) => name === error.field);
    if (field === undefined) rest.push(error);
    else byField[field] ??= localizeFieldError(error);
  }
  return { byField, rest };
};

/** Good enough to catch typos; the server decides. */
export const looksLikeEmail = (value: string): boolean => /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/.test(value);

/**
 * A one-time code as typed: full-width digits (Japanese IME) read as ASCII, spaces dropped ("123 456"
 * as some apps show it). The result is what the API gets.
 */
export const normalizeCode = (value: string): string =>
  value.replace(/[０-９]/g, (digit) => String.fromCharCode(digit.charCodeAt(0) - 0xfee0)).replace(/\s+/g, '');

export const isSixDigitCode = (value: string): boolean => /^\d{6}$/.test(value);

/** Unicode code points, as the server counts them. */
export const codePointLength = (value: string): number => [...value].length;

/**
 * After a failed submit (state already flushed to the DOM): focus the top-level error or the first
 * invalid field, whichever comes first on the page.
 */
export const focusFirstError = (container: HTMLElement | null) => {
  container?.querySelector<HTMLElement>('[data-testid="form-error"], [aria-invalid="true"]')?.focus();
};
