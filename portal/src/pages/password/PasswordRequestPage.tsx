import { useRef, useState, type FormEvent } from 'react';
import { flushSync } from 'react-dom';
import { API, postJson, type ApiError } from '../../api';
import { SubmitButton, TextField } from '../../components/Field';
import { FormError } from '../../components/FormError';
import { focusFirstError, looksLikeEmail, msg, renderMsg, splitFieldErrors, type Msg } from '../../forms';
import { useDocumentTitle, useI18n } from '../../i18n/i18n';
import { Link } from '../../router';

/**
 * /password/request: ask for a fresh password link. The answer is the same whether or not the address
 * has a login account (202 either way), and so is the confirmation text.
 */
export const PasswordRequestPage = () => {
  const { t } = useI18n();
  const [email, setEmail] = useState('');
  const [emailError, setEmailError] = useState<Msg | null>(null);
  const [formError, setFormError] = useState<ApiError | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const [done, setDone] = useState(false);
  const section = useRef<HTMLElement>(null);
  useDocumentTitle('password_request.title');

  const fail = (field: Msg | null, error: ApiError | null) => {
    flushSync(() => {
      setEmailError(field);
      setFormError(error);
      setSubmitting(false);
    });
    focusFirstError(section.current);
  };

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (submitting) return;
    const address = email.trim();
    if (!address) return fail(msg('validation.email.required'), null);
    if (!looksLikeEmail(address)) return fail(msg('validation.email.invalid'), null);

    setSubmitting(true);
    setFormError(null);
    setEmailError(null);
    const result = await postJson<unknown>(API.requestLink, { email: address });
    if (result.ok) {
      flushSync(() => {
        setSubmitting(false);
        setDone(true);
      });
      section.current?.querySelector<HTMLElement>('h1')?.focus();
      return;
    }
    const { error } = result;
    if (error.code === 'invalid_input' && error.errors.length > 0) {
      const { byField, rest } = splitFieldErrors(error.errors, ['email'] as const);
      return fail(byField.email ?? null, rest.length > 0 || !byField.email ? { ...error, errors: rest } : null);
    }
    fail(null, error);
  };

  if (done) {
    return (
      <section ref={section} data-testid="request-done" aria-labelledby="page-heading">
        <h1 id="page-heading" tabIndex={-1}>
          {t('password_request.done.heading')}
        </h1>
        <div className="alert alert--ok">
          <p>{t('password_request.done.body')}</p>
        </div>
        <ul>
          <li>{t('password_request.done.expiry')}</li>
          <li>{t('password_request.done.spam')}</li>
        </ul>
        <p>
          <Link to="/">{t('nav.back_to_top')}</Link>
        </p>
      </section>
    );
  }

  return (
    <section ref={section} aria-labelledby="page-heading">
      <h1 id="page-heading" tabIndex={-1}>
        {t('password_request.title')}
      </h1>
      <p>{t('password_request.intro')}</p>
      <p className="note">{t('password_request.note')}</p>

      <FormError error={formError} />

      <form className="form" noValidate onSubmit={submit} aria-labelledby="page-heading">
        <TextField
          id="request-email"
          testId="request-email"
          type="email"
          label={t('password_request.email.label')}
          error={emailError ? renderMsg(t, emailError) : undefined}
          value={email}
          onChange={(event) => setEmail(event.target.value)}
          required
          autoComplete="email"
          inputMode="email"
          spellCheck={false}
          maxLength={254}
        />
        <div className="form__actions">
          <SubmitButton busy={submitting} testId="request-submit">
            {t('password_request.submit')}
          </SubmitButton>
        </div>
      </form>
      <p>
        <Link to="/">{t('nav.back_to_top')}</Link>
      </p>
    </section>
  );
};
