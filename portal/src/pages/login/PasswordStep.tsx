import { useEffect, useRef, useState, type FormEvent } from 'react';
import { flushSync } from 'react-dom';
import { API, isLoginStarted, isSignedIn, postJson, unexpectedResponse, type ApiError, type LoginStarted } from '../../api';
import { PasswordField, SubmitButton, TextField } from '../../components/Field';
import { FormError, type ErrorOverrides } from '../../components/FormError';
import { focusFirstError, looksLikeEmail, msg, renderMsg, splitFieldErrors, type Msg } from '../../forms';
import { useI18n } from '../../i18n/i18n';
import { Rich } from '../../i18n/Rich';
import { Link } from '../../router';

type FieldName = 'email' | 'password';
const FIELDS: readonly FieldName[] = ['email', 'password'];

/** The sign-in page's own words: an email address here, not a network ID; 15 minutes, not 30. */
export const LOGIN_ERRORS: ErrorOverrides = {
  invalid_credentials: 'error.login.invalid_credentials',
  flow_expired: 'error.login.flow_expired',
};

/**
 * Step 1: email + password → POST login/password. Unknown address and wrong password get the same
 * message. A remembered device is signed in at once; otherwise the answer names the MFA step.
 */
export const PasswordStep = ({
  initialEmail,
  initialError,
  signedOut,
  autoFocus,
  onStarted,
  onSignedIn,
}: {
  initialEmail: string;
  /** Why the customer is back here (flow_expired, wrong_step from a later step). */
  initialError: ApiError | null;
  /** Just logged out on the account page. */
  signedOut: boolean;
  autoFocus: boolean;
  onStarted: (started: LoginStarted, email: string) => void;
  onSignedIn: () => void;
}) => {
  const { t } = useI18n();
  const [email, setEmail] = useState(initialEmail);
  const [password, setPassword] = useState('');
  const [fieldErrors, setFieldErrors] = useState<Partial<Record<FieldName, Msg>>>({});
  const [formError, setFormError] = useState<ApiError | null>(initialError);
  const [submitting, setSubmitting] = useState(false);
  const section = useRef<HTMLElement>(null);

  useEffect(() => {
    if (!autoFocus) return;
    if (initialError) focusFirstError(section.current);
    else section.current?.querySelector<HTMLElement>('h1')?.focus();
  }, [autoFocus, initialError]);

  const fail = (fields: Partial<Record<FieldName, Msg>>, error: ApiError | null) => {
    flushSync(() => {
      setFieldErrors(fields);
      setFormError(error);
      setSubmitting(false);
    });
    focusFirstError(section.current);
  };

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (submitting) return;
    const address = email.trim();
    const invalid: Partial<Record<FieldName, Msg>> = {};
    if (!address) invalid.email = msg('validation.email.required');
    else if (!looksLikeEmail(address)) invalid.email = msg('validation.email.invalid');
    if (!password) invalid.password = msg('validation.password.required');
    if (Object.keys(invalid).length > 0) return fail(invalid, null);

    setSubmitting(true);
    setFormError(null);
    setFieldErrors({});
    const result = await postJson<unknown>(API.loginPassword, { email: address, password });
    if (result.ok) {
      if (isSignedIn(result.data)) {
        setSubmitting(false);
        onSignedIn();
        return;
      }
      if (isLoginStarted(result.data)) {
        setSubmitting(false);
        onStarted(result.data, address);
        return;
      }
      return fail({}, unexpectedResponse(result.status));
    }
    const { error } = result;
    if (error.code === 'invalid_credentials') setPassword('');
    if (error.code === 'invalid_input' && error.errors.length > 0) {
      const { byField, rest } = splitFieldErrors(error.errors, FIELDS);
      return fail(byField, rest.length > 0 || Object.keys(byField).length === 0 ? { ...error, errors: rest } : null);
    }
    fail({}, error);
  };

  const fieldError = (name: FieldName) => {
    const message = fieldErrors[name];
    return message ? renderMsg(t, message) : undefined;
  };

  return (
    <section ref={section} aria-labelledby="step-heading">
      <h1 id="step-heading" tabIndex={-1}>
        {t('login.heading')}
      </h1>
      {signedOut && !formError && (
        <div className="alert alert--ok" role="status" data-testid="signed-out">
          <p>{t('login.signed_out')}</p>
        </div>
      )}
      <p>{t('login.intro')}</p>
      <p className="note">{t('login.mfa_note')}</p>

      <FormError error={formError} overrides={LOGIN_ERRORS} />

      <form className="form" noValidate onSubmit={submit} aria-labelledby="step-heading">
        <TextField
          id="login-email"
          testId="login-email"
          type="email"
          label={t('login.email.label')}
          error={fieldError('email')}
          value={email}
          onChange={(event) => setEmail(event.target.value)}
          required
          autoComplete="username"
          inputMode="email"
          spellCheck={false}
          maxLength={254}
        />
        <PasswordField
          id="login-password"
          testId="login-password"
          label={t('login.password.label')}
          error={fieldError('password')}
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          required
          autoComplete="current-password"
        />
        <div className="form__actions">
          <SubmitButton busy={submitting} testId="login-submit">
            {t('login.submit')}
          </SubmitButton>
        </div>
      </form>

      <ul className="notes login-links">
        <li>
          <Rich text={t('login.forgot')} tags={{ link: (chunk) => <Link to="/password/request">{chunk}</Link> }} />
        </li>
        <li>
          <Rich text={t('login.no_account')} tags={{ link: (chunk) => <Link to="/migration">{chunk}</Link> }} />
        </li>
      </ul>
    </section>
  );
};
