/**
 * The customer API over fetch + JSON (docs/api-customer-registration.md, docs/api-customer-login.md,
 * docs/api-customer-contracts.md).
 * Errors share one shape, `{ statusCode, code, message, errors?: [{ field, message }] }`; `code` is what
 * the pages translate.
 * A request never throws (except when its AbortSignal fires): the answer is an `ApiResult`.
 */

export interface FieldError {
  field: string;
  message: string;
}

/** A service's display name in both languages, as the API sends it. */
export interface ServiceName {
  ja: string;
  en: string;
}

export interface ApiError {
  /** HTTP status; 0 when no answer came (offline, DNS, CORS, ...). */
  status: number;
  /**
   * The API's stable code, or one of ours when the answer had none:
   * `network_error` (no answer), `server_error` (5xx), `rate_limited` (429), `unexpected_response`.
   */
  code: string;
  /** For developers and logs; never shown as the main text. */
  message: string;
  errors: FieldError[];
  /** ISO time: `locked` and `rate_limited` (or from a Retry-After header). */
  retryAt?: string;
  serviceType?: string;
  serviceName?: ServiceName;
  /** `send_cooldown` / `send_limit`: seconds until a code can be sent again. */
  retryAfterSeconds?: number;
  /** `invalid_phone`: empty / invalid / not_japan / unsupported_type. */
  reason?: string;
  /** `bulk_request_open`: the open request's number. */
  ticketNumber?: string;
  /** Attach `confirm`'s `not_queued` / `already_linked`: the network IDs concerned. */
  networkIds?: string[];
  /** `bulk_too_few_contracts`. */
  infosphereContracts?: number;
  minimum?: number;
}

export type ApiResult<T> = { ok: true; status: number; data: T } | { ok: false; error: ApiError };

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isServiceName = (value: unknown): value is ServiceName =>
  isRecord(value) && typeof value.ja === 'string' && typeof value.en === 'string';

const isStringArray = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((item) => typeof item === 'string');

const fieldErrorsOf = (value: unknown): FieldError[] =>
  Array.isArray(value)
    ? value.filter(
        (item): item is FieldError =>
          isRecord(item) && typeof item.field === 'string' && typeof item.message === 'string',
      )
    : [];

/** Retry-After is either delay-seconds or an HTTP date. */
const retryAfterHeader = (response: Response): string | undefined => {
  const header = response.headers.get('Retry-After');
  if (!header) return undefined;
  const seconds = Number(header);
  const time = Number.isFinite(seconds) ? Date.now() + seconds * 1000 : Date.parse(header);
  return Number.isFinite(time) ? new Date(time).toISOString() : undefined;
};

const fallbackCode = (status: number): string =>
  status === 429 ? 'rate_limited' : status >= 500 ? 'server_error' : 'unexpected_response';

const toApiError = (response: Response, body: unknown): ApiError => {
  const record = isRecord(body) ? body : {};
  const retryAt = typeof record.retryAt === 'string' ? record.retryAt : retryAfterHeader(response);
  return {
    status: response.status,
    code: typeof record.code === 'string' && record.code ? record.code : fallbackCode(response.status),
    message: typeof record.message === 'string' ? record.message : response.statusText,
    errors: fieldErrorsOf(record.errors),
    ...(retryAt ? { retryAt } : {}),
    ...(typeof record.serviceType === 'string' ? { serviceType: record.serviceType } : {}),
    ...(isServiceName(record.serviceName) ? { serviceName: record.serviceName } : {}),
    ...(typeof record.retryAfterSeconds === 'number' ? { retryAfterSeconds: record.retryAfterSeconds } : {}),
    ...(typeof record.reason === 'string' ? { reason: record.reason } : {}),
    ...(typeof record.ticketNumber === 'string' ? { ticketNumber: record.ticketNumber } : {}),
    ...(isStringArray(record.networkIds) ? { networkIds: record.networkIds } : {}),
    ...(typeof record.infosphereContracts === 'number' ? { infosphereContracts: record.infosphereContracts } : {}),
    ...(typeof record.minimum === 'number' ? { minimum: record.minimum } : {}),
  };
};

export const networkError = (): ApiError => ({
  status: 0,
  code: 'network_error',
  message: 'no answer from the server',
  errors: [],
});

/** A 2xx answer whose body lacks what the page needs. */
export const unexpectedResponse = (status: number): ApiError => ({
  status,
  code: 'unexpected_response',
  message: 'the answer lacks expected fields',
  errors: [],
});

export const request = async <T>(
  method: 'GET' | 'POST' | 'DELETE',
  path: string,
  body?: unknown,
  signal?: AbortSignal,
  headers?: Record<string, string>,
): Promise<ApiResult<T>> => {
  let response: Response;
  let text: string;
  try {
    response = await fetch(path, {
      method,
      headers: {
        Accept: 'application/json',
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: 'no-store',
      credentials: 'same-origin',
      signal,
    });
    text = await response.text();
  } catch (error) {
    if (signal?.aborted) throw error;
    return { ok: false, error: networkError() };
  }
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  if (response.ok) return { ok: true, status: response.status, data: parsed as T };
  return { ok: false, error: toApiError(response, parsed) };
};

export const postJson = <T>(path: string, body: unknown, signal?: AbortSignal, headers?: Record<string, string>) =>
  request<T>('POST', path, body, signal, headers);

export const getJson = <T>(path: string, signal?: AbortSignal) => request<T>('GET', path, undefined, signal);

export const deleteJson = <T>(path: string, headers?: Record<string, string>) =>
  request<T>('DELETE', path, undefined, undefined, headers);

// ---- The registration and password endpoints ------------------------------------------------------

export interface LegacyCheckOk {
  flowToken: string;
  networkId: string;
  serviceType: string;
  serviceName: ServiceName;
  expiresAt: string;
}

export const isLegacyCheckOk = (value: unknown): value is LegacyCheckOk =>
  isRecord(value) &&
  typeof value.flowToken === 'string' &&
  value.flowToken.length > 0 &&
  typeof value.networkId === 'string' &&
  typeof value.serviceType === 'string' &&
  isServiceName(value.serviceName) &&
  typeof value.expiresAt === 'string';

export const emailOf = (value: unknown): string | null =>
  isRecord(value) && typeof value.email === 'string' ? value.email : null;

export interface TermsVersions {
  termsVersion: string;
  privacyPolicyVersion: string;
}

export const isTermsVersions = (value: unknown): value is TermsVersions =>
  isRecord(value) && typeof value.termsVersion === 'string' && typeof value.privacyPolicyVersion === 'string';

export const isValidTokenStatus = (value: unknown): value is { valid: true; email: string } =>
  isRecord(value) && value.valid === true && typeof value.email === 'string';

/** Not in the contract (an invalid link answers 410), but read `{ valid: false }` the same way. */
export const isInvalidTokenStatus = (value: unknown): boolean => isRecord(value) && value.valid === false;

// ---- Sign-in (docs/api-customer-login.md) ---------------------------------------------------------

/** An enrolled second factor: `totp`, `sms`, `voice` or `email`. */
export interface Factor {
  id: string;
  type: string;
  /** The customer's name for it, when given (the server sends null otherwise). */
  label: string | null;
}

/** The states a sign-in flow can be in between the password and the session. */
export type LoginFlowState = 'mfa_enroll' | 'mfa_challenge' | 'recovery_ack';

export interface LoginStarted {
  flowToken: string;
  state: 'mfa_enroll' | 'mfa_challenge';
  factors: Factor[];
  recoveryCodeAvailable: boolean;
}

export interface TotpEnrollment {
  factorId: string;
  secret: string;
  otpauthUri: string;
  qrDataUrl: string;
}

const isFactor = (value: unknown): value is Factor =>
  isRecord(value) &&
  typeof value.id === 'string' &&
  typeof value.type === 'string' &&
  (typeof value.label === 'string' || value.label === null || value.label === undefined);

export const isLoginStarted = (value: unknown): value is LoginStarted =>
  isRecord(value) &&
  typeof value.flowToken === 'string' &&
  value.flowToken.length > 0 &&
  (value.state === 'mfa_enroll' || value.state === 'mfa_challenge') &&
  Array.isArray(value.factors) &&
  value.factors.every(isFactor) &&
  typeof value.recoveryCodeAvailable === 'boolean';

/** `{ state: 'signed_in', csrfToken }`: the session cookie came with this answer. */
export const isSignedIn = (value: unknown): boolean => isRecord(value) && value.state === 'signed_in';

export const isTotpEnrollment = (value: unknown): value is TotpEnrollment =>
  isRecord(value) &&
  typeof value.factorId === 'string' &&
  typeof value.secret === 'string' &&
  value.secret.length > 0 &&
  typeof value.otpauthUri === 'string' &&
  typeof value.qrDataUrl === 'string' &&
  value.qrDataUrl.startsWith('data:image/');

/** `{ state: 'recovery_ack', recoveryCode }` → the code to show once, else null. */
export const recoveryCodeOf = (value: unknown): string | null =>
  isRecord(value) && value.state === 'recovery_ack' && typeof value.recoveryCode === 'string' && value.recoveryCode
    ? value.recoveryCode
    : null;

/**
 * A code sent by SMS, voice call or email (enrollment, challenge, step-up). `pendingFactorId` and
 * `phoneDisplay` come with an enrollment ("+81 90-0000-0000": the number as the server read it).
 */
export interface CodeSent {
  pendingFactorId?: string;
  phoneDisplay?: string;
  maskedRecipient: string;
  expiresAt: string;
  cooldownSeconds: number;
  remainingThisHour: number;
}

export const isCodeSent = (value: unknown): value is CodeSent =>
  isRecord(value) &&
  typeof value.maskedRecipient === 'string' &&
  typeof value.expiresAt === 'string' &&
  typeof value.cooldownSeconds === 'number' &&
  (value.pendingFactorId === undefined || typeof value.pendingFactorId === 'string') &&
  (value.phoneDisplay === undefined || typeof value.phoneDisplay === 'string');

export type CodeChannel = 'sms' | 'voice' | 'email';

/** Factor types that sign in with a code sent to them. */
export const isCodeFactorType = (type: string): type is CodeChannel => type === 'sms' || type === 'voice' || type === 'email';

export interface CustomerSession {
  email: string;
  csrfToken: string;
}

export const isCustomerSession = (value: unknown): value is CustomerSession =>
  isRecord(value) && typeof value.email === 'string' && typeof value.csrfToken === 'string';

// ---- Factor settings (docs/api-customer-login.md, "Factor settings") -------------------------------

/** An enrolled factor as the settings list it (dates are ISO strings; null when not yet). */
export interface EnrolledFactor {
  id: string;
  type: string;
  state: string;
  label: string | null;
  maskedPhone?: string;
  createdAt: string;
  confirmedAt: string | null;
  lastUsedAt: string | null;
}

export interface RememberedDevice {
  id: string;
  label: string;
  createdAt: string;
  expiresAt: string;
  lastUsedAt: string | null;
}

export interface MfaOverview {
  factors: EnrolledFactor[];
  devices: RememberedDevice[];
  hasRecoveryCode: boolean;
  steppedUpUntil: string | null;
  otherSessions: number;
}

const isOptionalString = (value: unknown): value is string | null | undefined =>
  typeof value === 'string' || value === null || value === undefined;

const isEnrolledFactor = (value: unknown): value is EnrolledFactor =>
  isRecord(value) &&
  typeof value.id === 'string' &&
  typeof value.type === 'string' &&
  typeof value.state === 'string' &&
  isOptionalString(value.label) &&
  isOptionalString(value.maskedPhone) &&
  typeof value.createdAt === 'string' &&
  isOptionalString(value.confirmedAt) &&
  isOptionalString(value.lastUsedAt);

const isRememberedDevice = (value: unknown): value is RememberedDevice =>
  isRecord(value) &&
  typeof value.id === 'string' &&
  typeof value.label === 'string' &&
  typeof value.createdAt === 'string' &&
  typeof value.expiresAt === 'string' &&
  isOptionalString(value.lastUsedAt);

export const isMfaOverview = (value: unknown): value is MfaOverview =>
  isRecord(value) &&
  Array.isArray(value.factors) &&
  value.factors.every(isEnrolledFactor) &&
  Array.isArray(value.devices) &&
  value.devices.every(isRememberedDevice) &&
  typeof value.hasRecoveryCode === 'boolean' &&
  isOptionalString(value.steppedUpUntil) &&
  typeof value.otherSessions === 'number';

/** `{ steppedUpUntil }` → the ISO time, else null. */
export const steppedUpUntilOf = (value: unknown): string | null =>
  isRecord(value) && typeof value.steppedUpUntil === 'string' ? value.steppedUpUntil : null;

/** `{ recoveryCode }` (settings: a new code, shown once) → the code, else null. */
export const newRecoveryCodeOf = (value: unknown): string | null =>
  isRecord(value) && typeof value.recoveryCode === 'string' && value.recoveryCode ? value.recoveryCode : null;

/** `{ ended }` → how many other sessions were ended, else null. */
export const endedSessionsOf = (value: unknown): number | null =>
  isRecord(value) && typeof value.ended === 'number' ? value.ended : null;

// ---- Contracts, attaching more, the bulk-transfer request (docs/api-customer-contracts.md) --------

/** A linked contract as the list shows it (`linkedAt` is an ISO time). */
export interface LinkedContract {
  networkId: string;
  serviceType: string;
  serviceName: ServiceName;
  status: string;
  linkedAt: string;
  linkedVia: string;
}

export interface ContractPage {
  total: number;
  items: LinkedContract[];
}

const isLinkedContract = (value: unknown): value is LinkedContract =>
  isRecord(value) &&
  typeof value.networkId === 'string' &&
  typeof value.serviceType === 'string' &&
  isServiceName(value.serviceName) &&
  typeof value.status === 'string' &&
  typeof value.linkedAt === 'string' &&
  typeof value.linkedVia === 'string';

export const isContractPage = (value: unknown): value is ContractPage =>
  isRecord(value) && typeof value.total === 'number' && Array.isArray(value.items) && value.items.every(isLinkedContract);

/** A network ID proved in this visit, waiting to be registered. */
export interface AttachItem {
  networkId: string;
  serviceType: string;
  serviceName: ServiceName;
  verifiedAt: string;
  expiresAt: string;
}

export interface AttachList {
  items: AttachItem[];
  maxItems: number;
}

const isAttachItem = (value: unknown): value is AttachItem =>
  isRecord(value) &&
  typeof value.networkId === 'string' &&
  typeof value.serviceType === 'string' &&
  isServiceName(value.serviceName) &&
  typeof value.verifiedAt === 'string' &&
  typeof value.expiresAt === 'string';

export const isAttachList = (value: unknown): value is AttachList =>
  isRecord(value) && Array.isArray(value.items) && value.items.every(isAttachItem) && typeof value.maxItems === 'number';

export interface AttachDone {
  linked: Array<{ networkId: string; serviceType: string; serviceName: ServiceName }>;
  email: string;
}

export const isAttachDone = (value: unknown): value is AttachDone =>
  isRecord(value) &&
  typeof value.email === 'string' &&
  Array.isArray(value.linked) &&
  value.linked.every(
    (item) => isRecord(item) && typeof item.networkId === 'string' && typeof item.serviceType === 'string' && isServiceName(item.serviceName),
  );

/** A bulk-transfer request (ticket) as the customer sees it; `dueAt` while open. */
export interface BulkRequest {
  number: string;
  state: string;
  open: boolean;
  topCruise: boolean;
  remark: string;
  receivedAt: string;
  dueAt: string | null;
  /** Contracts the request linked, once executed (absent from older answers). */
  linkedCount?: number;
}

export interface BulkOverview {
  prefill: { inquiryCategory: { code: string } & ServiceName; email: string; networkId: string };
  eligibility: { consolidated: boolean; infosphereContracts: number; minimum: number; eligible: boolean };
  request: BulkRequest | null;
}

export const isBulkRequest = (value: unknown): value is BulkRequest =>
  isRecord(value) &&
  typeof value.number === 'string' &&
  typeof value.state === 'string' &&
  typeof value.open === 'boolean' &&
  typeof value.topCruise === 'boolean' &&
  typeof value.remark === 'string' &&
  typeof value.receivedAt === 'string' &&
  (typeof value.dueAt === 'string' || value.dueAt === null || value.dueAt === undefined);

export const isBulkOverview = (value: unknown): value is BulkOverview =>
  isRecord(value) &&
  isRecord(value.prefill) &&
  isRecord(value.prefill.inquiryCategory) &&
  isServiceName(value.prefill.inquiryCategory) &&
  typeof value.prefill.email === 'string' &&
  typeof value.prefill.networkId === 'string' &&
  isRecord(value.eligibility) &&
  typeof value.eligibility.consolidated === 'boolean' &&
  typeof value.eligibility.infosphereContracts === 'number' &&
  typeof value.eligibility.minimum === 'number' &&
  typeof value.eligibility.eligible === 'boolean' &&
  (value.request === null || isBulkRequest(value.request));

export const API = {
  legacyCheck: '/api/customer/registration/legacy-check',
  complete: '/api/customer/registration/complete',
  terms: '/api/customer/registration/terms',
  tokenStatus: '/api/customer/password/token-status',
  setPassword: '/api/customer/password/set',
  requestLink: '/api/customer/password/request-link',
  loginPassword: '/api/customer/login/password',
  totpStart: '/api/customer/login/enroll/totp/start',
  totpConfirm: '/api/customer/login/enroll/totp/confirm',
  totpChallenge: '/api/customer/login/challenge/totp',
  recoveryChallenge: '/api/customer/login/challenge/recovery',
  phoneStart: '/api/customer/login/enroll/phone/start',
  codeResend: '/api/customer/login/enroll/code/resend',
  codeConfirm: '/api/customer/login/enroll/code/confirm',
  challengeSend: '/api/customer/login/challenge/send',
  codeChallenge: '/api/customer/login/challenge/code',
  recoveryAck: '/api/customer/login/recovery-ack',
  session: '/api/customer/session',
  logout: '/api/customer/logout',
  mfa: '/api/customer/mfa',
  mfaStepUp: '/api/customer/mfa/step-up',
  mfaStepUpSend: '/api/customer/mfa/step-up/send',
  mfaCodeStart: '/api/customer/mfa/code/start',
  mfaCodeConfirm: '/api/customer/mfa/code/confirm',
  mfaTotpStart: '/api/customer/mfa/totp/start',
  mfaTotpConfirm: '/api/customer/mfa/totp/confirm',
  mfaRecoveryCode: '/api/customer/mfa/recovery-code',
  mfaEndOtherSessions: '/api/customer/mfa/sessions/end-others',
  contracts: '/api/customer/contracts',
  attach: '/api/customer/contracts/attach',
  attachVerify: '/api/customer/contracts/attach/verify',
  attachConfirm: '/api/customer/contracts/attach/confirm',
  bulkTransfer: '/api/customer/bulk-transfer',
} as const;

export const mfaFactorPath = (id: string) => `/api/customer/mfa/factors/${encodeURIComponent(id)}`;
export const mfaDevicePath = (id: string) => `/api/customer/mfa/devices/${encodeURIComponent(id)}`;
export const attachItemPath = (networkId: string) => `/api/customer/contracts/attach/items/${encodeURIComponent(networkId)}`;
