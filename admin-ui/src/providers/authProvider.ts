import type { AuthProvider, UserIdentity } from 'react-admin';
import { apiFetch, CONSOLE_API } from './http';

/**
 * Staff authentication against the API; the session lives in an httpOnly cookie set by the API, so
 * this file never sees a token.
 *
 * - POST /api/console/auth/login   { email, password }  → 2xx and a session cookie, or 400/401/429
 * - GET  /api/console/auth/session → 200 { id, email, fullName?, roles? } or 401
 * - POST /api/console/auth/logout  → 2xx, ends the session server-side
 *
 * A login counts only once the server confirms the session: no answer, a 404 (endpoint not there yet),
 * a non-JSON 200 or any error is a failed login with a message, never a signed-in console.
 * Staff TOTP (domain.md §2) will add a second step here: the login answer will say a code is needed.
 */

const AUTH_API = `${CONSOLE_API}/auth`;

interface StaffSession {
  id: string | number;
  email: string;
  fullName?: string;
  roles?: string[];
}

const isStaffSession = (value: unknown): value is StaffSession => {
  if (typeof value !== 'object' || value === null) return false;
  const { id, email, fullName, roles } = value as Record<string, unknown>;
  return (
    (typeof id === 'string' || typeof id === 'number') &&
    typeof email === 'string' &&
    (fullName === undefined || typeof fullName === 'string') &&
    (roles === undefined || (Array.isArray(roles) && roles.every((r) => typeof r === 'string')))
  );
};

/** Message keys (catalogues in i18n/) thrown to react-admin, which translates and shows them. */
const loginErrorFor = (status: number): string => {
  switch (status) {
    case 400:
    case 422:
      return 'ikou.auth.error.invalid_input';
    case 401:
    case 403:
      return 'ikou.auth.error.invalid_credentials';
    case 423:
    case 429:
      return 'ikou.auth.error.too_many_attempts';
    default:
      // 404 (no such endpoint yet), 5xx, or anything unexpected
      return 'ikou.auth.error.unavailable';
  }
};

/** The session the server last confirmed; undefined when signed out or unknown. */
let currentSession: StaffSession | undefined;

const fetchSession = async (): Promise<StaffSession> => {
  currentSession = undefined;
  let response;
  try {
    response = await apiFetch(`${AUTH_API}/session`);
  } catch {
    throw new Error('ikou.auth.error.unavailable');
  }
  if (!response.ok || !isStaffSession(response.body)) {
    throw new Error('ra.auth.auth_check_error');
  }
  currentSession = response.body;
  return currentSession;
};

// react-admin asks checkAuth and getPermissions several times while one page loads (more when signed
// out, while it redirects to the login page); one answer serves all the questions asked within a moment.
// Any 401 from the API still signs the user out at once through checkError.
const SESSION_REUSE_MS = 2_000;
let lastCheck: { at: number; session: Promise<StaffSession> } | undefined;

const getSession = (): Promise<StaffSession> => {
  if (lastCheck && Date.now() - lastCheck.at < SESSION_REUSE_MS) return lastCheck.session;
  const session = fetchSession();
  lastCheck = { at: Date.now(), session };
  return session;
};

const forgetSession = () => {
  currentSession = undefined;
  lastCheck = undefined;
};

/** After a logout the answer is known: signed out. (react-admin checks again right after logging out.) */
const rememberSignedOut = () => {
  currentSession = undefined;
  const signedOut = Promise.reject(new Error('ra.auth.auth_check_error'));
  signedOut.catch(() => undefined); // handled by whoever asks next
  lastCheck = { at: Date.now(), session: signedOut };
};

const readCredentials = (params: unknown): { email: string; password: string } => {
  const { email, password } = (params ?? {}) as Record<string, unknown>;
  if (typeof email !== 'string' || typeof password !== 'string' || !email || !password) {
    throw new Error('ikou.auth.error.invalid_input');
  }
  return { email: email.trim(), password };
};

export const authProvider: AuthProvider = {
  async login(params: unknown) {
    const credentials = readCredentials(params);
    let response;
    try {
      response = await apiFetch(`${AUTH_API}/login`, { method: 'POST', body: credentials });
    } catch {
      throw new Error('ikou.auth.error.unavailable');
    }
    forgetSession();
    if (!response.ok) throw new Error(loginErrorFor(response.status));
    try {
      await getSession();
    } catch {
      throw new Error('ikou.auth.error.unavailable');
    }
  },

  async logout() {
    // Only a session we know of needs ending server-side; after a 401 the server has dropped it already.
    const hadSession = currentSession !== undefined;
    rememberSignedOut();
    if (!hadSession) return;
    try {
      await apiFetch(`${AUTH_API}/logout`, { method: 'POST' });
    } catch {
      // Offline: the cookie expires server-side on its own; the console still forgets the user.
    }
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
    const session = await getSession();
    return { id: session.id, fullName: session.fullName ?? session.email };
  },

  async getPermissions() {
    try {
      const session = await getSession();
      return session.roles ?? [];
    } catch {
      return [];
    }
  },
};
