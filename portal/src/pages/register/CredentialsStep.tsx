import { useEffect, useRef, useState, type FormEvent } from 'react';
import { flushSync } from 'react-dom';
import { API, isLegacyCheckOk, postJson, unexpectedResponse, type ApiError } from '../../api';
import { PasswordField, SubmitButton, TextField } from '../../components/Field';
import { FormError } from '../../components/FormError';
import { focusFirstError, msg, renderMsg, splitFieldErrors, type Msg } from '../../forms';
import { useI18n } from '../../i18n/i18n';
import type { Flow } from './flow';

type FieldName = 'networkId' | 'password';
const FIELDS: readonly FieldName[] = ['networkId', 'password'];

/** Codes after which the password field is emptied (it was wrong, or may be). */
const CLEAR_PASSWORD = new Set(['invalid_credentials', 'locked', 'locked_contact_support']);

/**
 * Step 1: a network ID and its legacy password → POST legacy-check. Every outcome the API documents
 * is shown as a top-level message; unknown ID and wrong password get the same one.
 */
export const CredentialsStep = ({
  initialError,
  autoFocus,
  onVerified,
}: {
  /** Why the customer is back here (flow_expired, already_linked from step 2). */
  initialError: ApiError | null;
  autoFocus: boolean;
  onVerified: (flow: Flow) => void;
}) => {
  const { t } = useI18n();
  const [networkId, setNetworkId] = useState('');
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
    const invalid: Partial<Record<FieldName, Msg>> = {};
    if (!networkId.trim()) invalid.networkId = msg('validation.network_id.required');
    if (!password) invalid.password = msg('validation.password.required');
    if (Object.keys(invalid).length > 0) return fail(invalid, null);

    setSubmitting(true);
    setFormError(null);
    setFieldErrors({});
    const result = await postJson<unknown>(API.legacyCheck, { networkId, password });
    if (result.ok) {
      if (isLegacyCheckOk(result.data)) {
        setSubmitting(false);
        onVerified(result.data);
        return;
      }
      return fail({}, unexpectedResponse(result.status));
    }
    const { error } = result;
    if (CLEAR_PASSWORD.has(error.code)) setPassword('');
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
        {t('register.step1.heading')}
      </h1>
      <p>{t('register.step1.intro')}</p>
      <ul className="notes">
        <li>{t('register.step1.one_id')}</li>
        <li>{t('register.step1.lock_note')}</li>
        <li>{t('register.step1.unknown_note')}</li>
      </ul>

      <FormError error={formError} />

      <form className="form" noValidate onSubmit={submit} aria-labelledby="step-heading">
        <TextField
          id="network-id"
          testId="network-id"
          label={t('register.network_id.label')}
          hint={t('register.network_id.hint')}
          error={fieldError('networkId')}
          value={networkId}
          onChange={(event) => setNetworkId(event.target.value)}
          required
          autoComplete="username"
          autoCapitalize="characters"
          spellCheck={false}
          maxLength={64}
        />
        <PasswordField
          id="legacy-password"
          testId="legacy-password"
          label={t('register.legacy_password.label')}
          hint={t('register.legacy_password.hint')}
          error={fieldError('password')}
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          required
          autoComplete="current-password"
        />
        <div className="form__actions">
          <SubmitButton busy={submitting} testId="legacy-submit">
            {t('register.step1.submit')}
          </SubmitButton>
        </div>
      </form>
    </section>
  );
};
