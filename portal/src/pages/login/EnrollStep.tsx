import { useEffect, useRef, useState, type FormEvent } from 'react';
import { flushSync } from 'react-dom';
import {
  API,
  isTotpEnrollment,
  postJson,
  recoveryCodeOf,
  unexpectedResponse,
  type ApiError,
  type TotpEnrollment,
} from '../../api';
import { SubmitButton } from '../../components/Field';
import { FormError } from '../../components/FormError';
import { focusFirstError, isSixDigitCode, msg, normalizeCode, renderMsg, splitFieldErrors, type Msg } from '../../forms';
import { useI18n } from '../../i18n/i18n';
import { CodeDelivery } from './CodeDelivery';
import { endsFlow, type LoginFlow } from './flow';
import { CodeField, MethodItem, OtherMethods, TotpSetup } from './parts';

/**
 * `mfa_enroll` (domain.md §4.2, first login): methods 3 and 4 of the guide, both TOTP, recommended and
 * shown first; 「別の方法を試す」 leads to methods 1 and 2 (「電話」: the number, 音声通話 or SMS, a code).
 * Method 5, email, only after a first enrollment (the settings page). Starting the
 * enrollment asks the server for a secret (kept with the flow, so a reload shows the same QR code);
 * the current code confirms it and brings the recovery code.
 */
export const EnrollStep = ({
  flow,
  autoFocus,
  onEnrollment,
  onRecoveryCode,
  onRestart,
}: {
  flow: LoginFlow;
  autoFocus: boolean;
  onEnrollment: (enrollment: TotpEnrollment) => void;
  onRecoveryCode: (recoveryCode: string) => void;
  onRestart: (error: ApiError) => void;
}) => {
  const { t } = useI18n();
  const { enrollment, flowToken } = flow;
  const [startError, setStartError] = useState<ApiError | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [code, setCode] = useState('');
  const [codeError, setCodeError] = useState<Msg | null>(null);
  const [formError, setFormError] = useState<ApiError | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const [phoneChannel, setPhoneChannel] = useState<'sms' | 'voice' | null>(null);
  const section = useRef<HTMLElement>(null);

  const choose = (next: 'sms' | 'voice' | null) => {
    flushSync(() => setPhoneChannel(next));
    section.current?.querySelector<HTMLElement>('#method-heading')?.focus();
  };

  useEffect(() => {
    if (autoFocus) section.current?.querySelector<HTMLElement>('h1')?.focus();
  }, [autoFocus]);

  useEffect(() => {
    if (enrollment) return;
    const controller = new AbortController();
    postJson<unknown>(API.totpStart, { flowToken }, controller.signal).then(
      (result) => {
        if (result.ok && isTotpEnrollment(result.data)) {
          const { factorId, secret, otpauthUri, qrDataUrl } = result.data;
          onEnrollment({ factorId, secret, otpauthUri, qrDataUrl });
        } else if (!result.ok && endsFlow(result.error)) {
          onRestart(result.error);
        } else {
          setStartError(result.ok ? unexpectedResponse(result.status) : result.error);
        }
      },
      () => {
        // aborted: the step was left (or React's development double run)
      },
    );
    return () => controller.abort();
    // Not on the callbacks (new on every render of the page): one request per flow and attempt.
  }, [enrollment, flowToken, attempt]);

  const fail = (field: Msg | null, error: ApiError | null) => {
    flushSync(() => {
      setCodeError(field);
      setFormError(error);
      setSubmitting(false);
    });
    focusFirstError(section.current);
  };

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (submitting || !enrollment) return;
    const value = normalizeCode(code);
    if (!value) return fail(msg('validation.code.required'), null);
    if (!isSixDigitCode(value)) return fail(msg('validation.code.format'), null);

    setSubmitting(true);
    setFormError(null);
    setCodeError(null);
    const result = await postJson<unknown>(API.totpConfirm, { flowToken, factorId: enrollment.factorId, code: value });
    if (result.ok) {
      const recoveryCode = recoveryCodeOf(result.data);
      if (recoveryCode) {
        setSubmitting(false);
        onRecoveryCode(recoveryCode);
        return;
      }
      return fail(null, unexpectedResponse(result.status));
    }
    const { error } = result;
    if (endsFlow(error)) {
      setSubmitting(false);
      onRestart(error);
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
    <section ref={section} aria-labelledby="step-heading" data-testid="mfa-enroll">
      <h1 id="step-heading" tabIndex={-1}>
        {t('login.enroll.title')}
      </h1>
      <p>{t('login.enroll.intro')}</p>

      {phoneChannel && (
        <>
          <h2 id="method-heading" tabIndex={-1}>
            {t('login.enroll.phone_heading')}
          </h2>
          <p className="note" data-testid="phone-warning">
            {t('login.enroll.phone_warning')}
          </p>
          <p>{t('login.enroll.phone_intro')}</p>
          <CodeDelivery
            key={phoneChannel}
            idPrefix="enroll"
            initialChannel={phoneChannel}
            askPhone
            send={(target) => postJson<unknown>(API.phoneStart, { flowToken, phone: target.phone, channel: target.channel })}
            resend={(sent) => postJson<unknown>(API.codeResend, { flowToken, pendingFactorId: sent.pendingFactorId })}
            verify={(sent, value) =>
              postJson<unknown>(API.codeConfirm, { flowToken, pendingFactorId: sent.pendingFactorId, code: value })
            }
            onVerified={(data) => {
              const recoveryCode = recoveryCodeOf(data);
              if (!recoveryCode) return false;
              onRecoveryCode(recoveryCode);
              return true;
            }}
            handleError={(error) => {
              if (!endsFlow(error)) return false;
              onRestart(error);
              return true;
            }}
            codeTestId="phone-code"
            submitTestId="phone-code-submit"
            submitLabel={t('login.continue')}
          />
        </>
      )}

      {!phoneChannel && (
        <>
          <h2 id="method-heading" tabIndex={-1}>
            {t('login.enroll.method')}
          </h2>
          <p>{t('login.enroll.method_note')}</p>
          <p className="note">{t('login.enroll.recommended')}</p>

          {!enrollment && !startError && <p role="status">{t('login.enroll.loading')}</p>}
          {startError && (
            <FormError error={startError}>
              <p>
                <button
                  type="button"
                  className="button"
                  onClick={() => {
                    setStartError(null);
                    setAttempt((n) => n + 1);
                  }}
                >
                  {t('form.retry')}
                </button>
              </p>
            </FormError>
          )}

          {enrollment && (
            <>
              <ol className="enroll">
                <li>
                  <TotpSetup enrollment={enrollment} secretTestId="totp-secret" />
                </li>
                <li>
                  <p>{t('login.enroll.enter_code')}</p>
                </li>
              </ol>

              <FormError error={formError} />

              <form className="form" noValidate onSubmit={submit} aria-labelledby="step-heading">
                <CodeField
                  id="totp-code"
                  testId="totp-code"
                  value={code}
                  error={codeError ? renderMsg(t, codeError) : undefined}
                  onChange={setCode}
                />
                <div className="form__actions">
                  <SubmitButton busy={submitting} testId="totp-submit">
                    {t('login.continue')}
                  </SubmitButton>
                </div>
              </form>
            </>
          )}
        </>
      )}

      <OtherMethods>
        {phoneChannel && (
          <MethodItem label={t('login.other.app')} testId="method-totp" onSelect={() => choose(null)} />
        )}
        {phoneChannel !== 'voice' && (
          <MethodItem label={t('login.other.voice')} testId="method-voice" onSelect={() => choose('voice')} />
        )}
        {phoneChannel !== 'sms' && (
          <MethodItem label={t('login.other.sms')} testId="method-sms" onSelect={() => choose('sms')} />
        )}
        <MethodItem
          label={t('login.other.email')}
          note={t('login.other.email_note')}
          status={t('login.other.email_later')}
          testId="method-email"
        />
      </OtherMethods>
    </section>
  );
};
