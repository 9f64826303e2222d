import type { AuthProvider, UserIdentity } from 'react-admin';
import { roleCan } from './access';
import { apiFetch, CONSOLE_API, errorCodeOf, onStaleCsrfToken, setCsrfToken, type ApiResponse } from './http';

/**
 * Staff sign-in against the console API (docs/api-console.md, "Sign-in"): email + password, then a TOTP
 * code every time; the first sign-in enrolls the authenticator app. The session lives in an httpOnly
 * cookie set by the API, so this file never sees a session token; it keeps only the session's CSRF token,
 * which http.ts adds to every write.
 *
 * - POST /api/console/auth/password        { email, password } → { flowToken, state: "totp_challenge" }
 *                                           or { flowToken, state: "totp_enroll", enrollment }
 * - POST /api/console/auth/totp/enroll     { flowToken, code } → cookie + { state: "signed_in", csrfToken, staff }
 * - POST /api/console/auth/totp/challenge  the same, for an enrolled staff member
 * - GET  /api/console/auth/me              → { id, email, displayName, role, csrfToken } or 401
 * - POST /api/console/auth/logout          (X-CSRF-Token) → the session ends server-side
 *
 * What a role may use is `canAccess` (the role table in access.ts): react-admin hides the menu entries,
 * pages and buttons a role may not use, the API refusing them anyway.
 *
 * The password step is `passwordStep()` below, called by the sign-in page; the code step is
 * `authProvider.login({ state, flowToken, code })`, called through react-admin's useLogin, which then
 * redirects into the console. A sign-in counts only once the server answers `signed_in` with a staff
 * member: anything else is a failure with a message key, never a signed-in console.
 */

const AUTH_API = `${CONSOLE_API}/auth`;

export const STAFF_ROLES = ['agent', 'supervisor', 'admin'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export interface StaffMember {
  id: string;
  email: string;
  displayName: string;
  role: StaffRole;
}

export interface TotpEnrollment {
  secret: string;
  otpauthUri: string;
  qrDataUrl: string;
}

/** What the password step leads to. */
export type CodeStep =
  | { state: 'totp_challenge'; flowToken: string }
  | { state: 'totp_enroll'; flowToken: string; enrollment: TotpEnrollment };

/** The parameters of `authProvider.login()`: the code for the flow the password step opened. */
export interface CodeStepParams {
  state: CodeStep['state'];
  flowToken: string;
  code: string;
}

/**
 * A refused sign-in step. `message` is a key of the catalogues in i18n/ (react-admin translates thrown
 * messages the same way); `code` is the API's error code when there was one; `retryAt` comes with
 * `rate_limited`.
 */
export class SignInError extends Error {
  constructor(
    message: string,
    readonly code?: string,
    readonly retryAt?: Date,
  ) {
    super(message);
    this.name = 'SignInError';
  }

  /** The flow is gone (10 minutes, or 5 wrong codes): the password must be entered again. */
  get restartsFlow(): boolean {
    return this.code === 'flow_expired';
  }
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

const isStaffMember = (value: unknown): value is StaffMember => {
  if (!isObject(value)) return false;
  const { id, email, displayName, role } = value;
  return (
    typeof id === 'string' &&
    typeof email === 'string' &&
    typeof displayName === 'string' &&
    STAFF_ROLES.includes(role as StaffRole)
  );
};

const isEnrollment = (value: unknown): value is TotpEnrollment =>
  isObject(value) &&
  typeof value.secret === 'string' &&
  typeof value.otpauthUri === 'string' &&
  typeof value.qrDataUrl === 'string' &&
  value.qrDataUrl.startsWith('data:image/');

const KNOWN_CODES = new Set(['invalid_credentials', 'invalid_code', 'flow_expired', 'invalid_input']);

const retryAtOf = (response: ApiResponse): Date | undefined => {
  const retryAt = isObject(response.body) ? response.body.retryAt : undefined;
  if (typeof retryAt === 'string' && !Number.isNaN(Date.parse(retryAt))) return new Date(retryAt);
  const seconds = Number.parseInt(response.headers.get('Retry-After') ?? '', 10);
  return Number.isFinite(seconds) ? new Date(Date.now() + seconds * 1000) : undefined;
};

/** The API's refusal as a message key; the status decides when the body has no code we know. */
const refusal = (response: ApiResponse, step: 'password' | 'code'): SignInError => {
  const code = errorCodeOf(response.body);
  if (code === 'rate_limited' || response.status === 429) {
    const retryAt = retryAtOf(response);
    return new SignInError(retryAt ? 'ikou.auth.error.rate_limited' : 'ikou.auth.error.too_many_attempts', 'rate_limited', retryAt);
  }
  if (code && KNOWN_CODES.has(code)) return new SignInError(`ikou.auth.error.${code}`, code);
  switch (response.status) {
    case 400:
    case 422:
      return new SignInError('ikou.auth.error.invalid_input', 'invalid_input');
    case 401:
      return step === 'password'
        ? new SignInError('ikou.auth.error.invalid_credentials', 'invalid_credentials')
        : new SignInError('ikou.auth.error.invalid_code', 'invalid_code');
    case 410:
      return new SignInError('ikou.auth.error.flow_expired', 'flow_expired');
    default:
      // 5xx, a proxy's answer, or anything unexpected
      return new SignInError('ikou.auth.error.unavailable', code);
  }
};

const post = async (path: string, body?: unknown): Promise<ApiResponse> => {
  try {
    return await apiFetch(`${AUTH_API}/${path}`, { method: 'POST', body });
  } catch {
    throw new SignInError('ikou.auth.error.unavailable');
  }
};

/** The session the server last confirmed; undefined when signed out or unknown. */
let currentSession: StaffMember | undefined;

const remember = (staff: StaffMember, csrfToken: string) => {
  currentSession = staff;
  setCsrfToken(csrfToken);
};

const fetchSession = async (): Promise<StaffMember> => {
  let response;
  try {
    response = await apiFetch(`${AUTH_API}/me`);
  } catch {
    currentSession = undefined;
    throw new Error('ikou.auth.error.unavailable');
  }
  const { csrfToken } = isObject(response.body) ? response.body : {};
  if (!response.ok || !isStaffMember(response.body) || typeof csrfToken !== 'string') {
    currentSession = undefined;
    setCsrfToken(undefined);
    throw new Error('ra.auth.auth_check_error');
  }
  const { id, email, displayName, role } = response.body;
  remember({ id, email, displayName, role }, csrfToken);
  return currentSession!;
};

// react-admin asks checkAuth, getIdentity and getPermissions several times while one page loads (more
// when signed out, while it redirects to the login page); one answer serves all the questions asked within
// a moment. Any 401 from the API still signs the user out at once through checkError.
const SESSION_REUSE_MS = 2_000;
let lastCheck: { at: number; session: Promise<StaffMember> } | undefined;

const getSession = (): Promise<StaffMember> => {
  if (lastCheck && Date.now() - lastCheck.at < SESSION_REUSE_MS) return lastCheck.session;
  const session = fetchSession();
  lastCheck = { at: Date.now(), session };
  return session;
};

const forgetSession = () => {
  currentSession = undefined;
  lastCheck = undefined;
  setCsrfToken(undefined);
};

/** After a logout the answer is known: signed out. (react-admin checks again right after logging out.) */
const rememberSignedOut = () => {
  forgetSession();
  const signedOut = Promise.reject(new Error('ra.auth.auth_check_error'));
  signedOut.catch(() => undefined); // handled by whoever asks next
  lastCheck = { at: Date.now(), session: signedOut };
};

// A write refused for a stale CSRF token is sent again with the fresh one, but only when the cookie still
// belongs to the same staff member: a write must never go out under someone else's name because another
// tab signed in as them (that tab's identity shows here at the next check).
onStaleCsrfToken(async () => {
  const before = currentSession?.id;
  lastCheck = undefined;
  try {
    return before !== undefined && (await getSession()).id === before;
  } catch {
    return false;
  }
});

/**
 * The password step: answers the code step the API asks for next. Throws a SignInError
 * (`invalid_credentials` for a wrong password and an unknown email alike, `rate_limited`, ...).
 */
export const passwordStep = async (email: string, password: string): Promise<CodeStep> => {
  if (!email.trim() || !password) throw new SignInError('ikou.auth.error.invalid_input', 'invalid_input');
  const response = await post('password', { email: email.trim(), password });
  if (!response.ok) throw refusal(response, 'password');
  const body = isObject(response.body) ? response.body : {};
  const { flowToken, state, enrollment } = body;
  if (typeof flowToken === 'string' && flowToken) {
    if (state === 'totp_challenge') return { state, flowToken };
    if (state === 'totp_enroll' && isEnrollment(enrollment)) return { state, flowToken, enrollment };
  }
  throw new SignInError('ikou.auth.error.unavailable');
};

const readCodeStep = (params: unknown): CodeStepParams => {
  const { state, flowToken, code } = (params ?? {}) as Record<string, unknown>;
  if (
    (state !== 'totp_enroll' && state !== 'totp_challenge') ||
    typeof flowToken !== 'string' ||
    !flowToken ||
    typeof code !== 'string' ||
    !code
  ) {
    throw new SignInError('ikou.auth.error.invalid_input', 'invalid_input');
  }
  return { state, flowToken, code };
};

export const authProvider: AuthProvider = {
  /** The code step (the password step is `passwordStep()`): signs in, or throws a SignInError. */
  async login(params: unknown) {
    const { state, flowToken, code } = readCodeStep(params);
    const response = await post(state === 'totp_enroll' ? 'totp/enroll' : 'totp/challenge', { flowToken, code });
    if (!response.ok) throw refusal(response, 'code');
    const body = isObject(response.body) ? response.body : {};
    if (body.state !== 'signed_in' || !isStaffMember(body.staff) || typeof body.csrfToken !== 'string') {
      throw new SignInError('ikou.auth.error.unavailable');
    }
    const { id, email, displayName, role } = body.staff;
    remember({ id, email, displayName, role }, body.csrfToken);
    // The answer is the session react-admin asks about next (checkAuth, getIdentity): no need to ask again.
    lastCheck = { at: Date.now(), session: Promise.resolve(currentSession!) };
  },

  async logout() {
    // Only a session we know of needs ending server-side; after a 401 the server has dropped it already.
    const hadSession = currentSession !== undefined;
    if (hadSession) {
      try {
        // Still with the CSRF token: forgotten only after the answer.
        await post('logout');
      } catch {
        // Offline: the session ends server-side on its own (30 minutes idle); the console still forgets the user.
      }
    }
    rememberSignedOut();
  },

  async checkAuth() {
    await getSession();
  },

  async checkError(error: unknown) {
    const status = (error as { status?: unknown } | null)?.status;
    if (status === 401) {
      forgetSession();
      throw new Error('ra.notification.logged_out');
    }
    if (status === 403) {
      // Signed in but not allowed (e.g. an agent on a supervisor action): stay signed in.
      throw Object.assign(new Error('ra.notification.not_authorized'), { logoutUser: false });
    }
  },

  async getIdentity(): Promise<UserIdentity> {
    const { id, email, displayName, role } = await getSession();
    return { id, fullName: displayName, email, role };
  },

  async getPermissions(): Promise<StaffRole | undefined> {
    try {
      return (await getSession()).role;
    } catch {
      return undefined;
    }
  },

  /** The role table of docs/security.md (access.ts); signed out, nothing. */
  async canAccess({ action, resource }: { action: string; resource: string }): Promise<boolean> {
    try {
      return roleCan((await getSession()).role, resource, action);
    } catch {
      return false;
    }
  },
};
