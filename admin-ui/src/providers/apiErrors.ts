import { apiFetch, errorCodeOf, errorMessageOf, type ApiResponse } from './http';

/**
 * The API's refusals as the console shows them (docs/api-console.md: `{ statusCode, code, message,
 * errors? }`): the code becomes a catalogue key (`ikou.api_error.<code>`), and the field errors of
 * `invalid_input` go next to their inputs. The API's field messages are English sentences without a
 * code; the ones the console knows are mapped to catalogue keys, the others are shown as they come.
 */

export interface FieldError {
  field: string;
  message: string;
}

/** Codes with their own text in the catalogues (`ikou.api_error.<code>`). */
const KNOWN_CODES = [
  'invalid_input',
  'step_up_rate_limited',
  'already_linked',
  'already_linked_here',
  'excluded_service',
  'cancelled_contract',
  'post_cutover_contract',
  'not_linked_here',
  'no_factor',
  'no_lockout',
  'customer_disabled',
  'customer_not_found',
  'message_not_failed',
  'message_not_found',
  'cannot_change_self',
  'staff_not_found',
  'forbidden_role',
  'csrf_token_invalid',
  'staff_not_signed_in',
  'rate_limited',
  'four_eyes',
  'plan_changed',
  'not_submitted',
  'wrong_ticket_state',
  'ticket_not_found',
  'item_not_found',
  'job_not_failed',
  'empty_file',
  'unsupported_media_type',
  'payload_too_large',
  'import_not_found',
] as const;

export const fieldErrorsOf = (body: unknown): FieldError[] => {
  const errors = (body as { errors?: unknown } | null)?.errors;
  if (!Array.isArray(errors)) return [];
  return errors.filter(
    (e): e is FieldError => typeof e === 'object' && e !== null && typeof e.field === 'string' && typeof e.message === 'string',
  );
};

/** Field messages of the API that have a catalogue text, by field (`*`: any field). */
const FIELD_MESSAGES: Array<[field: string, pattern: RegExp, key: string]> = [
  ['stepUpCode', /already used/i, 'ikou.field_error.step_up_replayed'],
  ['stepUpCode', /not your current/i, 'ikou.field_error.step_up_wrong'],
  ['networkId', /no contract/i, 'ikou.field_error.network_id_unknown'],
  ['networkId', /letters, digits or hyphens/i, 'ikou.field_error.network_id_format'],
  ['ticketNumber', /not a ticket of this customer/i, 'ikou.field_error.ticket_not_customer'],
  ['ticketNumber', /BT-/, 'ikou.field_error.ticket_format'],
  ['email', /already has this email/i, 'ikou.field_error.email_taken'],
  ['email', /not a valid email/i, 'ikou.field_error.email_invalid'],
  ['initialPassword', /at least \d+ characters/i, 'ikou.field_error.password_short'],
  ['initialPassword', /too common/i, 'ikou.field_error.password_common'],
  ['initialPassword', /must not contain/i, 'ikou.field_error.password_identifier'],
  ['reason', /at least 3/i, 'ikou.field_error.reason_short'],
  ['reason', /at least 5/i, 'ikou.field_error.reject_reason_short'],
  ['reason', /required to exclude/i, 'ra.validation.required'],
  ['body', /at least 1/i, 'ra.validation.required'],
  ['identityCheck', /at least 10/i, 'ikou.field_error.identity_short'],
  ['reasonCode', /must be one of/i, 'ikou.field_error.choose_one'],
  ['*', /is required/i, 'ra.validation.required'],
];

/** A catalogue key for a field message the console knows; the API's own text otherwise. */
export const fieldErrorMessage = (field: string, message: string): string =>
  FIELD_MESSAGES.find(([f, pattern]) => (f === field || f === '*') && pattern.test(message))?.[2] ?? message;

/** A refused console call, ready to show. */
export interface ApiFailure {
  status: number;
  /** The API's code; `network` when the API could not be reached, `unavailable` for a 5xx without one. */
  code: string;
  /** Catalogue key for the code, or undefined when the console has no text for it (then show `message`). */
  key?: string;
  message: string;
  /** invalid_input: field → message (a catalogue key or the API's text). */
  fields: Record<string, string>;
  /** step_up_rate_limited, rate_limited: when trying again makes sense. */
  retryAt?: Date;
}

export const failureOf = (response: ApiResponse): ApiFailure => {
  const code = errorCodeOf(response.body) ?? (response.status >= 500 ? 'unavailable' : `http_${response.status}`);
  const fields: Record<string, string> = {};
  for (const { field, message } of fieldErrorsOf(response.body)) fields[field] ??= fieldErrorMessage(field, message);
  const retryAtText = (response.body as { retryAt?: unknown } | undefined)?.retryAt;
  const retryAt = typeof retryAtText === 'string' && !Number.isNaN(Date.parse(retryAtText)) ? new Date(retryAtText) : undefined;
  const known = (KNOWN_CODES as readonly string[]).includes(code) || code === 'unavailable';
  return {
    status: response.status,
    code,
    key: known ? `ikou.api_error.${code}` : undefined,
    message: errorMessageOf(response.body) ?? code,
    fields,
    retryAt,
  };
};

export type ActionResult<T> = { ok: true; body: T } | { ok: false; failure: ApiFailure };

/**
 * One support action (a POST with the session's CSRF token, through http.ts). Never throws: a network
 * failure is `{ code: 'network' }`. Nothing is cached: an answer with a secret in it (a reissued recovery
 * code) lives only where the caller keeps it.
 */
export const postAction = async <T = Record<string, unknown>>(url: string, body?: unknown): Promise<ActionResult<T>> => {
  let response: ApiResponse;
  try {
    response = await apiFetch(url, { method: 'POST', body: body ?? {} });
  } catch {
    return { ok: false, failure: { status: 0, code: 'network', key: 'ikou.api_error.network', message: 'network', fields: {} } };
  }
  if (response.ok) return { ok: true, body: (response.body ?? {}) as T };
  return { ok: false, failure: failureOf(response) };
};
