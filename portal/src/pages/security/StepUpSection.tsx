import { useEffect, useRef, useState, type FormEvent } from 'react';
import { flushSync } from 'react-dom';
import { API, postJson, steppedUpUntilOf, unexpectedResponse, type ApiError } from '../../api';
import { SubmitButton } from '../../components/Field';
import { FormError } from '../../components/FormError';
import { focusFirstError, isSixDigitCode, msg, normalizeCode, renderMsg, splitFieldErrors, type Msg } from '../../forms';
import { useI18n } from '../../i18n/i18n';
import { CodeField } from '../login/parts';

/**
 * The step-up (POST /api/customer/mfa/step-up): a fresh code before a change. A small labelled section
 * that takes the focus when it opens; `onSteppedUp` gets the end of the 5-minute window.
 */
export const StepUpSection = ({
  csrfToken,
  what,
  onSteppedUp,
  onCancel,
  onSignedOut,
}: {
  csrfToken: string;
  /** What the code will allow, already translated ("Change: remove …"). */
  what: string;
  onSteppedUp: (steppedUpUntil: string) => void;
  onCancel: () => void;
  onSignedOut: () => void;
}) => {
  const { t } = useI18n();
  const [code, setCode] = useState('');
  const [codeError, setCodeError] = useState<Msg | null>(null);
  const [formError, setFormError] = useState<ApiError | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const section = useRef<HTMLElement>(null);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    input.current?.focus();
  }, []);

  const fail = (field: Msg | null, error: ApiError | null) => {
    flushSync(() => {
      setCodeError(field);
      setFormError(error);
      setSubmitting(false);
    });
    focusFirstError(section.current);
    if (error) section.current?.querySelector<HTMLElement>('[data-testid="settings-error"]')?.focus();
  };

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (submitting) return;
    const value = normalizeCode(code);
    if (!value) return fail(msg('validation.code.required'), null);
    if (!isSixDigitCode(value)) return fail(msg('validation.code.format'), null);

    setSubmitting(true);
    setFormError(null);
    setCodeError(null);
    const result = await postJson<unknown>(API.mfaStepUp, { code: value }, undefined, { 'X-CSRF-Token': csrfToken });
    if (result.ok) {
      const until = steppedUpUntilOf(result.data);
      if (until) {
        setSubmitting(false);
        onSteppedUp(until);
        return;
      }
      return fail(null, unexpectedResponse(result.status));
    }
    const { error } = result;
    if (error.code === 'not_signed_in') {
      setSubmitting(false);
      onSignedOut();
      return;
    }
    if (error.code === 'invalid_code') {
      setCode('');
      return fail(msg('validation.code.invalid'), null);
    }
    if (error.code === 'invalid_input' && error.errors.length > 0) {
      const { byField, rest } = splitFieldErrors(error.errors, ['code'] as const);
      return fail(byField.code ?? null, rest.length > 0 || !byField.code ? { ...error, errors: rest } : null);
    }
    fail(null, error);
  };

  return (
    <section ref={section} className="panel step-up" aria-labelledby="step-up-heading" data-testid="step-up">
      <h2 id="step-up-heading">{t('security.step_up.heading')}</h2>
      <p>
        <strong>{what}</strong>
      </p>
      <p>{t('security.step_up.intro')}</p>
      <FormError error={formError} testId="settings-error" />
      <form className="form" noValidate onSubmit={submit} aria-labelledby="step-up-heading">
        <CodeField
          id="step-up-code"
          testId="step-up-code"
          value={code}
          error={codeError ? renderMsg(t, codeError) : undefined}
          inputRef={input}
          onChange={setCode}
        />
        <div className="form__actions">
          <SubmitButton busy={submitting} testId="step-up-submit">
            {t('security.step_up.submit')}
          </SubmitButton>
          <button type="button" className="button" onClick={onCancel} data-testid="step-up-cancel">
            {t('security.cancel')}
          </button>
        </div>
      </form>
    </section>
  );
};
