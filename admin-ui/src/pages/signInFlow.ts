import { useSyncExternalStore } from 'react';
import { passwordStep, SignInError, type CodeStep, type CodeStepParams } from '../providers/authProvider';

/**
 * The sign-in page's state, kept outside React: react-admin re-mounts the whole tree when the language
 * changes (I18nContextProvider), and switching to English half-way through an enrollment must not throw
 * away the flow, the QR code or what was typed. Memory only: a reload starts again at the password.
 */

/** A message key of the catalogues, with what it needs (`time` for rate_limited). */
export interface FlowMessage {
  key: string;
  code?: string;
  retryAt?: Date;
}

export type FieldName = 'email' | 'password' | 'code';

export interface SignInFlow {
  step: 'password' | CodeStep;
  email: string;
  /** The draft while on the password step; emptied once sent. */
  password: string;
  code: string;
  pending: boolean;
  error?: FlowMessage;
  /** Message keys of fields that do not pass the page's own checks. */
  invalid: Partial<Record<FieldName, string>>;
  /** Counts refusals, so the page can put the focus back on the field to correct. */
  refusals: number;
}

const initial: SignInFlow = { step: 'password', email: '', password: '', code: '', pending: false, invalid: {}, refusals: 0 };

let flow: SignInFlow = initial;
const listeners = new Set<() => void>();

const update = (patch: Partial<SignInFlow>) => {
  flow = { ...flow, ...patch };
  for (const listener of listeners) listener();
};

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};

export const useSignInFlow = (): SignInFlow => useSyncExternalStore(subscribe, () => flow);

export const setField = (field: FieldName, value: string) => {
  update({ [field]: value, invalid: { ...flow.invalid, [field]: undefined } });
};

const messageOf = (error: unknown): FlowMessage =>
  error instanceof SignInError
    ? { key: error.message, code: error.code, retryAt: error.retryAt }
    : { key: 'ikou.auth.error.unavailable' };

const refused = (patch: Partial<SignInFlow>) => update({ pending: false, refusals: flow.refusals + 1, ...patch });

// Deliberately loose (the API decides); catches a slip such as a missing "@" before a round trip.
const EMAIL = /^[^\s@]+@[^\s@]+$/;

export const submitPassword = async () => {
  if (flow.pending) return;
  const email = flow.email.trim();
  const invalid: SignInFlow['invalid'] = {};
  if (!email) invalid.email = 'ra.validation.required';
  else if (!EMAIL.test(email)) invalid.email = 'ra.validation.email';
  if (!flow.password) invalid.password = 'ra.validation.required';
  if (invalid.email || invalid.password) {
    refused({ invalid, error: undefined });
    return;
  }
  update({ pending: true, error: undefined, invalid: {} });
  try {
    const step = await passwordStep(email, flow.password);
    update({ step, email, password: '', code: '', pending: false });
  } catch (error) {
    const message = messageOf(error);
    // A wrong password is typed again from scratch; after a network failure it can simply be resent.
    refused({ error: message, password: message.code === 'invalid_credentials' ? '' : flow.password });
  }
};

/** Spaces and hyphens are how some apps show a code ("123 456"); the API wants the digits. */
const normalizeCode = (code: string) => code.replace(/[\s-]/g, '');

/**
 * Sends the code through react-admin's `login` (useLogin), which signs in and leaves the page. A refused
 * code stays on the step, emptied; a dead flow goes back to the password.
 */
export const submitCode = async (login: (params: CodeStepParams) => Promise<unknown>) => {
  const { step } = flow;
  if (flow.pending || step === 'password') return;
  const code = normalizeCode(flow.code);
  if (!/^\d{6}$/.test(code)) {
    refused({ invalid: { code: 'ikou.auth.error.code_format' }, error: undefined });
    return;
  }
  update({ pending: true, error: undefined, invalid: {} });
  try {
    await login({ state: step.state, flowToken: step.flowToken, code });
    flow = initial; // signed in; no listener needs to hear it, the page is going away
  } catch (error) {
    const message = messageOf(error);
    if (error instanceof SignInError && error.restartsFlow) refused({ step: 'password', code: '', error: message });
    else refused({ code: '', error: message });
  }
};

/** Back to the password step (another account, or a flow the user gives up). */
export const restart = () => update({ ...initial, email: flow.email });
