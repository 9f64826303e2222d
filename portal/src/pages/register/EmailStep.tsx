import { useEffect, useRef, useState, type FormEvent } from 'react';
import { flushSync } from 'react-dom';
import { API, emailOf, postJson, type ApiError } from '../../api';
import { CheckboxField, SubmitButton, TextField } from '../../components/Field';
import { FormError } from '../../components/FormError';
import { focusFirstError, looksLikeEmail, msg, renderMsg, splitFieldErrors, type Msg } from '../../forms';
import { useI18n } from '../../i18n/i18n';
import { Rich } from '../../i18n/Rich';
import { formatClock } from '../../time';
import type { Flow } from './flow';

type FieldName = 'email' | 'agreeToTerms';
const FIELDS: readonly FieldName[] = ['email', 'agreeToTerms'];

/** Codes that end this flow: back to step 1 with the message. */
const RESTART = new Set(['flow_expired', 'already_linked']);

/** A policy link opening in a new tab, so the form keeps its input. */
const PolicyLink = ({ to, children }: { to: string; children: string }) => {
  const { t } = useI18n();
  return (
    <a href={to} target="_blank" rel="noopener">
      {children}
      <span className="visually-hidden">{t('nav.new_tab')}</span>
    </a>
  );
};

/**
 * Step 2: the verified contract, an email address and the one consent checkbox → POST complete.
 */
export const EmailStep = ({
  flow,
  autoFocus,
  onDone,
  onRestart,
}: {
  flow: Flow;
  autoFocus: boolean;
  onDone: (email: string) => void;
  onRestart: (error: ApiError | null) => void;
}) => {
  const { t, locale } = useI18n();
  const [email, setEmail] = useState('');
  const [agree, setAgree] = useState(false);
  const [fieldErrors, setFieldErrors] = useState<Partial<Record<FieldName, Msg>>>({});
  const [formError, setFormError] = useState<ApiError | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const section = useRef<HTMLElement>(null);

  useEffect(() => {
    if (autoFocus) section.current?.querySelector<HTMLElement>('h1')?.focus();
  }, [autoFocus]);

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
    if (!agree) invalid.agreeToTerms = msg('validation.agree_terms.required');
    if (Object.keys(invalid).length > 0) return fail(invalid, null);

    setSubmitting(true);
    setFormError(null);
    setFieldErrors({});
    const result = await postJson<unknown>(API.complete, {
      flowToken: flow.flowToken,
      email: address,
      agreeToTerms: agree,
    });
    if (result.ok) {
      setSubmitting(false);
      onDone(emailOf(result.data) ?? address);
      return;
    }
    const { error } = result;
    if (RESTART.has(error.code)) {
      setSubmitting(false);
      onRestart(error);
      return;
    }
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
  const expiresAt = formatClock(flow.expiresAt, locale);

  return (
    <section ref={section} aria-labelledby="step-heading">
      <h1 id="step-heading" tabIndex={-1}>
        {t('register.step2.heading')}
      </h1>

      <div className="verified">
        <h2 className="verified__title">{t('register.step2.verified')}</h2>
        <dl className="verified__list">
          <div>
            <dt>{t('register.step2.network_id')}</dt>
            <dd data-testid="verified-network-id">{flow.networkId}</dd>
          </div>
          <div>
            <dt>{t('register.step2.service')}</dt>
            <dd data-testid="verified-service">{flow.serviceName[locale]}</dd>
          </div>
        </dl>
      </div>

      <FormError error={formError} />

      <form className="form" noValidate onSubmit={submit} aria-labelledby="step-heading">
        <p>{t('register.step2.intro')}</p>
        <TextField
          id="email"
          testId="email"
          type="email"
          label={t('register.email.label')}
          hint={t('register.email.hint')}
          error={fieldError('email')}
          value={email}
          onChange={(event) => setEmail(event.target.value)}
          required
          autoComplete="email"
          inputMode="email"
          spellCheck={false}
          maxLength={254}
        />
        <p>
          <Rich
            text={t('register.terms.intro')}
            tags={{
              terms: (chunk) => <PolicyLink to="/terms">{chunk}</PolicyLink>,
              privacy: (chunk) => <PolicyLink to="/privacy">{chunk}</PolicyLink>,
            }}
          />
        </p>
        <CheckboxField
          id="agree-terms"
          testId="agree-terms"
          label={t('register.agree.label')}
          error={fieldError('agreeToTerms')}
          checked={agree}
          onChange={(event) => setAgree(event.target.checked)}
          required
        />
        {expiresAt && <p className="form__note">{t('register.step2.expires', { time: expiresAt })}</p>}
        <div className="form__actions">
          <SubmitButton busy={submitting} testId="register-submit">
            {t('register.step2.submit')}
          </SubmitButton>
          <button type="button" className="button button--link" disabled={submitting} onClick={() => onRestart(null)}>
            {t('register.step2.back')}
          </button>
        </div>
      </form>
    </section>
  );
};
