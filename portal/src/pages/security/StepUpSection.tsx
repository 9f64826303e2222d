import { useEffect, useRef, useState, type FormEvent } from 'react';
import { flushSync } from 'react-dom';
import { API, isCodeFactorType, postJson, steppedUpUntilOf, unexpectedResponse, type ApiError, type EnrolledFactor } from '../../api';
import { SubmitButton } from '../../components/Field';
import { FormError } from '../../components/FormError';
import { focusFirstError, isSixDigitCode, msg, normalizeCode, renderMsg, splitFieldErrors, type Msg } from '../../forms';
import { useI18n } from '../../i18n/i18n';
import { CodeDelivery } from '../login/CodeDelivery';
import { CodeField, factorName } from '../login/parts';

/**
 * The step-up (POST /api/customer/mfa/step-up): a fresh code before a change, by any enrolled factor
 * (an SMS, voice or email code is sent first: step-up/send). A small labelled section that takes the
 * focus when it opens; `onSteppedUp` gets the end of the 5-minute window.
 */
export const StepUpSection = ({
  csrfToken,
  factors,
  what,
  onSteppedUp,
  onCancel,
  onSignedOut,
}: {
  csrfToken: string;
  /** The confirmed factors the customer may confirm with. */
  factors: EnrolledFactor[];
  /** What the code will allow, already translated ("Change: remove …"). */
  what: string;
  onSteppedUp: (steppedUpUntil: string) => void;
  onCancel: () => void;
  onSignedOut: () => void;
}) => {
  const { t } = useI18n();
  const usable = factors.filter((factor) => factor.type === 'totp' || isCodeFactorType(factor.type));
  const [factorId, setFactorId] = useState<string | null>(
    () => (usable.find((factor) => factor.type === 'totp') ?? usable[0])?.id ?? null,
  );
  const chosen = usable.find((factor) => factor.id === factorId) ?? null;
  const codeChannel = chosen && isCodeFactorType(chosen.type) ? chosen.type : null;
  const csrf = { 'X-CSRF-Token': csrfToken };
  const factorTitle = (factor: EnrolledFactor) => {
    const name = factor.label
      ? t('factor.with_label', { type: t(factorName(factor.type)), label: factor.label })
      : t(factorName(factor.type));
    return factor.maskedPhone ? `${name} ${factor.maskedPhone}` : name;
  };
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
    const result = await postJson<unknown>(API.mfaStepUp, { code: value }, undefined, csrf);
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
      {usable.length > 1 && (
        <fieldset className="field radio-group">
          <legend className="field__label">{t('security.step_up.method')}</legend>
          {usable.map((factor) => (
            <label key={factor.id} className="radio">
              <input
                type="radio"
                name="step-up-factor"
                value={factor.id}
                checked={factorId === factor.id}
                onChange={() => {
                  setFactorId(factor.id);
                  setCodeError(null);
                  setFormError(null);
                }}
                data-testid="step-up-factor"
                data-factor-type={factor.type}
              />{' '}
              {factorTitle(factor)}
            </label>
          ))}
        </fieldset>
      )}
      {codeChannel && chosen ? (
        <>
          <p>{t('security.step_up.intro_code')}</p>
          <CodeDelivery
            key={chosen.id}
            idPrefix="step-up"
            initialChannel={codeChannel}
            askPhone={false}
            send={() => postJson<unknown>(API.mfaStepUpSend, { factorId: chosen.id }, undefined, csrf)}
            resend={() => postJson<unknown>(API.mfaStepUpSend, { factorId: chosen.id }, undefined, csrf)}
            verify={(_sent, value) => postJson<unknown>(API.mfaStepUp, { code: value, factorId: chosen.id }, undefined, csrf)}
            onVerified={(data) => {
              const until = steppedUpUntilOf(data);
              if (!until) return false;
              onSteppedUp(until);
              return true;
            }}
            handleError={(error) => {
              if (error.code !== 'not_signed_in') return false;
              onSignedOut();
              return true;
            }}
            codeTestId="step-up-code"
            submitTestId="step-up-submit"
            submitLabel={t('security.step_up.submit')}
          />
          <p>
            <button type="button" className="button" onClick={onCancel} data-testid="step-up-cancel">
              {t('security.cancel')}
            </button>
          </p>
        </>
      ) : (
        <>
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
        </>
      )}
    </section>
  );
};
