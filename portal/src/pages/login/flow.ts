import type { ApiError, Factor, LoginFlowState, TotpEnrollment } from '../../api';

/**
 * The sign-in flow between the password and the session (docs/api-customer-login.md). The server holds
 * the state; this tab keeps what it needs to show the current step after a reload: the flowToken, the
 * step, and while that step lasts, the enrollment being set up or the recovery code not yet recorded
 * (so a reload never loses a code the customer has not written down). Dropped on sign-in, on restart
 * and once the flow has expired (15 minutes).
 */
const FLOW_KEY = 'ikou.portal.login';
const FLOW_MINUTES = 15;

export interface LoginFlow {
  flowToken: string;
  state: LoginFlowState;
  email: string;
  factors: Factor[];
  recoveryCodeAvailable: boolean;
  /** Our estimate of the server's 15 minutes, to drop a stale flow without asking. */
  expiresAt: string;
  /** `mfa_enroll`: the TOTP secret being enrolled, once started. */
  enrollment?: TotpEnrollment;
  /** `recovery_ack`: the code to record. */
  recoveryCode?: string;
  /** `recovery_ack` after signing in with the old recovery code (not after a first enrollment). */
  replacedRecoveryCode?: boolean;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const STATES: readonly string[] = ['mfa_enroll', 'mfa_challenge', 'recovery_ack'];

const isLoginFlow = (value: unknown): value is LoginFlow =>
  isRecord(value) &&
  typeof value.flowToken === 'string' &&
  typeof value.state === 'string' &&
  STATES.includes(value.state) &&
  typeof value.email === 'string' &&
  Array.isArray(value.factors) &&
  typeof value.recoveryCodeAvailable === 'boolean' &&
  typeof value.expiresAt === 'string' &&
  (value.state !== 'recovery_ack' || (typeof value.recoveryCode === 'string' && value.recoveryCode.length > 0));

export const newFlowExpiry = (): string => new Date(Date.now() + FLOW_MINUTES * 60_000).toISOString();

export const loadFlow = (): LoginFlow | null => {
  try {
    const stored: unknown = JSON.parse(sessionStorage.getItem(FLOW_KEY) ?? 'null');
    if (isLoginFlow(stored) && Date.parse(stored.expiresAt) > Date.now()) return stored;
    sessionStorage.removeItem(FLOW_KEY);
  } catch {
    // storage disabled or garbled: start over
  }
  return null;
};

export const saveFlow = (flow: LoginFlow) => {
  try {
    sessionStorage.setItem(FLOW_KEY, JSON.stringify(flow));
  } catch {
    // storage disabled: the flow lives in React state only
  }
};

export const clearFlow = () => {
  try {
    sessionStorage.removeItem(FLOW_KEY);
  } catch {
    // storage disabled
  }
};

/** Codes after which the flow is over: back to the password with the message. */
export const RESTART_CODES = new Set(['flow_expired', 'wrong_step']);

/**
 * Whether an error ends the flow. A malformed flowToken (garbled storage) is answered 400 on that
 * field: the same thing for the customer.
 */
export const endsFlow = (error: ApiError): boolean =>
  RESTART_CODES.has(error.code) || (error.code === 'invalid_input' && error.errors.some((e) => e.field === 'flowToken'));

/** A one-shot message for the sign-in page after leaving the account page (kept in memory only). */
let notice: 'signed_out' | null = null;
export const setLoginNotice = (next: 'signed_out' | null) => {
  notice = next;
};
export const peekLoginNotice = () => notice;
