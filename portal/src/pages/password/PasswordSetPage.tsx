import { useEffect, useRef, useState, type FormEvent } from 'react';
import { flushSync } from 'react-dom';
import { API, emailOf, isInvalidTokenStatus, isValidTokenStatus, postJson, unexpectedResponse, type ApiError } from '../../api';
import { PasswordField, SubmitButton } from '../../components/Field';
import { ApiErrorMessage, FormError } from '../../components/FormError';
import { codePointLength, focusFirstError, msg, renderMsg, splitFieldErrors, type Msg } from '../../forms';
import { useDocumentTitle, useI18n } from '../../i18n/i18n';
import { Link } from '../../router';
import {
  MAX_PASSWORD_LENGTH,
  MIN_PASSWORD_LENGTH,
  passwordStrength,
  STRENGTH_LEVEL,
} from '../../passwordStrength';

/**
 * The mailed link is `/password/set#token=…` (a fragment: never in server logs or Referer). The token
 * is read once, kept in this tab's sessionStorage (so a reload still works) and removed from the
 * address bar; it is dropped once used or found invalid.
 */
const TOKEN_KEY = 'ikou.portal.passwordToken';

/** The token in the address bar's fragment (stored for this tab), or undefined when there is none. */
const readHashToken = (): string | null | undefined => {
  const match = /(?:^#|&)token=([^&]*)/.exec(window.location.hash);
  if (!match) return undefined;
  let token: string | null;
  try {
    token = decodeURIComponent(match[1]) || null;
  } catch {
    token = null; // malformed escape: treat as an invalid link
  }
  try {
    if (token) sessionStorage.setItem(TOKEN_KEY, token);
    else sessionStorage.removeItem(TOKEN_KEY);
  } catch {
    // storage disabled: the token lives in React state only
  }
  return token;
};

const takeToken = (): string | null => {
  const fromHash = readHashToken();
  if (fromHash !== undefined) return fromHash;
  try {
    return sessionStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
};

/** Take the token out of the address bar (history, bookmarks, screen sharing). */
const stripHash = () => {
  if (window.location.hash) {
    window.history.replaceState(window.history.state, '', window.location.pathname + window.location.search);
  }
};

const dropToken = () => {
  try {
    sessionStorage.removeItem(TOKEN_KEY);
  } catch {
    // storage disabled
  }
};

type View =
  | { kind: 'checking' }
  | { kind: 'invalid' }
  | { kind: 'unavailable'; error: ApiError }
  | { kind: 'form'; maskedEmail: string }
  | { kind: 'done'; email: string };

const StrengthMeter = ({ id, password }: { id: string; password: string }) => {
  const { t } = useI18n();
  const strength = passwordStrength(password);
  return (
    <div id={id} className={`strength strength--${strength}`} data-testid="password-strength" data-strength={strength}>
      <span className="strength__bar" aria-hidden="true">
        {[1, 2, 3, 4].map((segment) => (
          <span key={segment} className={segment <= STRENGTH_LEVEL[strength] ? 'strength__fill' : undefined} />
        ))}
      </span>
      <span className="strength__text">
        {t('password_set.strength.label')}: {t(`password_set.strength.${strength}`)}
      </span>
    </div>
  );
};

type FieldName = 'password' | 'confirm';

const PasswordForm = ({
  token,
  maskedEmail,
  onDone,
  onInvalid,
}: {
  token: string;
  maskedEmail: string;
  onDone: (email: string) => void;
  onInvalid: () => void;
}) => {
  const { t } = useI18n();
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [fieldErrors, setFieldErrors] = useState<Partial<Record<FieldName, Msg>>>({});
  const [formError, setFormError] = useState<ApiError | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const section = useRef<HTMLElement>(null);

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
    const length = codePointLength(password);
    const invalid: Partial<Record<FieldName, Msg>> = {};
    if (length === 0) invalid.password = msg('validation.new_password.required');
    else if (length < MIN_PASSWORD_LENGTH) invalid.password = msg('validation.password.too_short');
    else if (length > MAX_PASSWORD_LENGTH) invalid.password = msg('validation.password.too_long');
    if (!confirm) invalid.confirm = msg('validation.confirm.required');
    else if (confirm !== password) invalid.confirm = msg('validation.confirm.mismatch');
    if (Object.keys(invalid).length > 0) return fail(invalid, null);

    setSubmitting(true);
    setFormError(null);
    setFieldErrors({});
    const result = await postJson<unknown>(API.setPassword, { token, password });
    if (result.ok) {
      setSubmitting(false);
      onDone(emailOf(result.data) ?? maskedEmail);
      return;
    }
    const { error } = result;
    if (error.code === 'link_invalid') {
      setSubmitting(false);
      onInvalid();
      return;
    }
    if (error.code === 'invalid_input' && error.errors.length > 0) {
      const { byField, rest } = splitFieldErrors(error.errors, ['password'] as const);
      return fail(byField, rest.length > 0 || Object.keys(byField).length === 0 ? { ...error, errors: rest } : null);
    }
    fail({}, error);
  };

  const fieldError = (name: FieldName) => {
    const message = fieldErrors[name];
    return message ? renderMsg(t, message) : undefined;
  };

  return (
    <section ref={section} aria-labelledby="page-heading">
      <h1 id="page-heading" tabIndex={-1}>
        {t('password_set.title')}
      </h1>
      <p>{t('password_set.intro', { email: maskedEmail })}</p>
      <p className="note">{t('password_set.initial_note')}</p>

      <FormError error={formError} />

      <form className="form" noValidate onSubmit={submit} aria-labelledby="page-heading">
        <div className="rules" id="new-password-rules">
          <p className="rules__title">{t('password_set.rules.title')}</p>
          <ul>
            <li>{t('password_set.rules.length')}</li>
            <li>{t('password_set.rules.common')}</li>
            <li>{t('password_set.rules.personal')}</li>
          </ul>
        </div>
        <PasswordField
          id="new-password"
          testId="new-password"
          label={t('password_set.new.label')}
          describedBy={['new-password-rules']}
          error={fieldError('password')}
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          required
          autoComplete="new-password"
          after={<StrengthMeter id="new-password-strength" password={password} />}
        />
        <PasswordField
          id="confirm-password"
          testId="confirm-password"
          label={t('password_set.confirm.label')}
          error={fieldError('confirm')}
          value={confirm}
          onChange={(event) => setConfirm(event.target.value)}
          required
          autoComplete="new-password"
        />
        <div className="form__actions">
          <SubmitButton busy={submitting} testId="password-submit">
            {t('password_set.submit')}
          </SubmitButton>
        </div>
      </form>
    </section>
  );
};

/** /password/set#token=… (domain.md §4.1 step 6): check the link, set the password, done. */
export const PasswordSetPage = () => {
  const { t } = useI18n();
  const [token, setToken] = useState(takeToken);
  const [view, setView] = useState<View>(() => (token ? { kind: 'checking' } : { kind: 'invalid' }));
  const [attempt, setAttempt] = useState(0);
  const [moved, setMoved] = useState(false);
  const main = useRef<HTMLDivElement>(null);
  useDocumentTitle(
    view.kind === 'invalid' ? 'password_set.invalid.heading' : view.kind === 'done' ? 'password_set.done.heading' : 'password_set.title',
  );

  // A second link pasted into this tab only changes the fragment: no reload, so pick it up here.
  useEffect(() => {
    stripHash();
    const onHashChange = () => {
      const next = readHashToken();
      if (next === undefined) return;
      stripHash();
      setToken(next);
      setView(next ? { kind: 'checking' } : { kind: 'invalid' });
      setAttempt((n) => n + 1); // check again even when it is the same token
    };
    window.addEventListener('hashchange', onHashChange);
    return () => window.removeEventListener('hashchange', onHashChange);
  }, []);

  useEffect(() => {
    if (!token) return;
    const controller = new AbortController();
    postJson<unknown>(API.tokenStatus, { token }, controller.signal).then(
      (result) => {
        if (result.ok && isValidTokenStatus(result.data)) {
          setView({ kind: 'form', maskedEmail: result.data.email });
        } else if (result.ok ? isInvalidTokenStatus(result.data) : result.error.code === 'link_invalid') {
          dropToken();
          setView({ kind: 'invalid' });
        } else {
          setView({ kind: 'unavailable', error: result.ok ? unexpectedResponse(result.status) : result.error });
        }
      },
      () => {
        // aborted: the page was left
      },
    );
    return () => controller.abort();
  }, [token, attempt]);

  // After the form gives way to another view, move focus to its heading.
  useEffect(() => {
    if (moved) main.current?.querySelector<HTMLElement>('h1')?.focus();
  }, [moved, view.kind]);

  const show = (next: View) => {
    setMoved(true);
    setView(next);
    window.scrollTo(0, 0);
  };

  return (
    <div ref={main}>
      {view.kind === 'checking' && (
        <>
          <h1 tabIndex={-1}>{t('password_set.title')}</h1>
          <p role="status">{t('password_set.checking')}</p>
        </>
      )}
      {view.kind === 'unavailable' && (
        <>
          <h1 tabIndex={-1}>{t('password_set.title')}</h1>
          <div className="alert alert--error" data-testid="form-error" data-code={view.error.code}>
            <ApiErrorMessage error={view.error} />
          </div>
          <p>
            <button
              type="button"
              className="button"
              onClick={() => {
                setView({ kind: 'checking' });
                setAttempt((n) => n + 1);
              }}
            >
              {t('form.retry')}
            </button>
          </p>
        </>
      )}
      {view.kind === 'invalid' && (
        <section data-testid="link-invalid" aria-labelledby="page-heading">
          <h1 id="page-heading" tabIndex={-1}>
            {t('password_set.invalid.heading')}
          </h1>
          <p>{t('password_set.invalid.body')}</p>
          <p>
            <Link to="/password/request" className="button button--primary" data-testid="request-new-link">
              {t('password_set.invalid.request')}
            </Link>
          </p>
        </section>
      )}
      {view.kind === 'form' && token && (
        <PasswordForm
          key={token}
          token={token}
          maskedEmail={view.maskedEmail}
          onDone={(email) => {
            dropToken();
            show({ kind: 'done', email });
          }}
          onInvalid={() => {
            dropToken();
            show({ kind: 'invalid' });
          }}
        />
      )}
      {view.kind === 'done' && (
        <section data-testid="password-done" aria-labelledby="page-heading">
          <h1 id="page-heading" tabIndex={-1}>
            {t('password_set.done.heading')}
          </h1>
          <div className="alert alert--ok">
            <p>{t('password_set.done.body', { email: view.email })}</p>
          </div>
          <p>{t('password_set.done.next')}</p>
          <p>
            <Link to="/login" className="button button--primary">
              {t('password_set.done.login')}
            </Link>
          </p>
        </section>
      )}
    </div>
  );
};
