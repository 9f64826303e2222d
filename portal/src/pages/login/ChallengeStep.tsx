import { useEffect, useRef, useState, type FormEvent } from 'react';
import { flushSync } from 'react-dom';
import {
  API,
  isCodeFactorType,
  isSignedIn,
  postJson,
  recoveryCodeOf,
  unexpectedResponse,
  type ApiError,
  type CodeChannel,
  type Factor,
} from '../../api';
import { CheckboxField, SubmitButton, TextField } from '../../components/Field';
import { FormError } from '../../components/FormError';
import { focusFirstError, isSixDigitCode, msg, normalizeCode, renderMsg, splitFieldErrors, type Msg } from '../../forms';
import { useI18n } from '../../i18n/i18n';
import { CodeDelivery } from './CodeDelivery';
import { endsFlow, type LoginFlow } from './flow';
import { CodeField, factorName, MethodItem, OtherMethods } from './parts';

type Mode = 'totp' | 'recovery' | 'code';

type CodeFactor = Factor & { type: CodeChannel };

const isCodeFactor = (factor: Factor): factor is CodeFactor => isCodeFactorType(factor.type);

/**
 * `mfa_challenge` (later logins): the code of the enrolled authenticator, or one sent by SMS, voice call
 * or email (sent when the customer asks: `challenge/send`), with the guide's 「このデバイスを30日間記憶する」.
 * 「別の方法を試す」 lists the other enrolled factors and the recovery code, which signs in once and leads
 * to a fresh code to record.
 */
export const ChallengeStep = ({
  flow,
  autoFocus,
  onSignedIn,
  onRecoveryCode,
  onRestart,
}: {
  flow: LoginFlow;
  autoFocus: boolean;
  onSignedIn: () => void;
  onRecoveryCode: (recoveryCode: string) => void;
  onRestart: (error: ApiError) => void;
}) => {
  const { t } = useI18n();
  const { flowToken, factors, recoveryCodeAvailable } = flow;
  const hasTotp = factors.length === 0 || factors.some((factor) => factor.type === 'totp');
  const codeFactors = factors.filter(isCodeFactor);
  const totpFactor = factors.find((factor) => factor.type === 'totp');
  const [mode, setMode] = useState<Mode>(
    hasTotp ? 'totp' : codeFactors.length > 0 ? 'code' : recoveryCodeAvailable ? 'recovery' : 'totp',
  );
  const [codeFactor, setCodeFactor] = useState<CodeFactor | null>(hasTotp ? null : (codeFactors[0] ?? null));
  const [code, setCode] = useState('');
  const [remember, setRemember] = useState(false);
  const [recoveryCode, setRecoveryCode] = useState('');
  const [fieldError, setFieldError] = useState<Msg | null>(null);
  const [formError, setFormError] = useState<ApiError | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const [switched, setSwitched] = useState(false);
  const section = useRef<HTMLElement>(null);
  const codeInput = useRef<HTMLInputElement>(null);
  const recoveryInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (autoFocus) section.current?.querySelector<HTMLElement>('h1')?.focus();
  }, [autoFocus]);

  // After switching between the code and the recovery code, the new input takes the focus.
  useEffect(() => {
    if (!switched) return;
    if (mode === 'code') section.current?.querySelector<HTMLElement>('[data-testid="send-code"]')?.focus();
    else (mode === 'totp' ? codeInput : recoveryInput).current?.focus();
  }, [mode, switched, codeFactor]);

  const switchTo = (next: Mode, factor: CodeFactor | null = null) => {
    setSwitched(true);
    setMode(next);
    setCodeFactor(factor);
    setFieldError(null);
    setFormError(null);
  };

  const fail = (field: Msg | null, error: ApiError | null) => {
    flushSync(() => {
      setFieldError(field);
      setFormError(error);
      setSubmitting(false);
    });
    focusFirstError(section.current);
  };

  /** What every answer but success does the same way in both forms. */
  const failWith = (error: ApiError, field: 'code' | 'recoveryCode', invalidCode: Msg) => {
    if (endsFlow(error)) {
      setSubmitting(false);
      onRestart(error);
      return;
    }
    if (error.code === 'invalid_code') {
      if (field === 'code') setCode('');
      return fail(invalidCode, null);
    }
    if (error.code === 'invalid_input' && error.errors.length > 0) {
      const { byField, rest } = splitFieldErrors(error.errors, [field]);
      return fail(byField[field] ?? null, rest.length > 0 || !byField[field] ? { ...error, errors: rest } : null);
    }
    fail(null, error);
  };

  const submitCode = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (submitting) return;
    const value = normalizeCode(code);
    if (!value) return fail(msg('validation.code.required'), null);
    if (!isSixDigitCode(value)) return fail(msg('validation.code.format'), null);

    setSubmitting(true);
    setFormError(null);
    setFieldError(null);
    const result = await postJson<unknown>(API.totpChallenge, { flowToken, code: value, rememberDevice: remember });
    if (result.ok) {
      if (isSignedIn(result.data)) {
        setSubmitting(false);
        onSignedIn();
        return;
      }
      return fail(null, unexpectedResponse(result.status));
    }
    failWith(result.error, 'code', msg('validation.code.invalid'));
  };

  const submitRecovery = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (submitting) return;
    const value = recoveryCode.trim();
    if (!value) return fail(msg('validation.recovery_code.required'), null);

    setSubmitting(true);
    setFormError(null);
    setFieldError(null);
    const result = await postJson<unknown>(API.recoveryChallenge, { flowToken, recoveryCode: value });
    if (result.ok) {
      const fresh = recoveryCodeOf(result.data);
      if (fresh) {
        setSubmitting(false);
        onRecoveryCode(fresh);
        return;
      }
      return fail(null, unexpectedResponse(result.status));
    }
    failWith(result.error, 'recoveryCode', msg('validation.recovery_code.invalid'));
  };

  const error = fieldError ? renderMsg(t, fieldError) : undefined;

  const factorLabel = (factor: Factor) =>
    factor.label
      ? t('factor.with_label', { type: t(factorName(factor.type)), label: factor.label })
      : t(factorName(factor.type));

  const rememberField = (
    <CheckboxField
      id="remember-device"
      testId="remember-device"
      label={t('login.remember.label')}
      hint={t('login.remember.hint')}
      checked={remember}
      onChange={(event) => setRemember(event.target.checked)}
    />
  );

  const otherCodeFactors = codeFactors.filter((factor) => mode !== 'code' || factor.id !== codeFactor?.id);
  const offerTotp = mode !== 'totp' && totpFactor !== undefined;
  const offerRecovery = recoveryCodeAvailable && mode !== 'recovery';

  return (
    <section ref={section} aria-labelledby="step-heading" data-testid="mfa-challenge">
      <h1 id="step-heading" tabIndex={-1}>
        {t('login.challenge.title')}
      </h1>

      <FormError error={formError} />

      {mode === 'code' && codeFactor ? (
        <div data-testid="code-challenge" data-factor-type={codeFactor.type}>
          <p>{t('login.challenge.code_intro', { method: factorLabel(codeFactor) })}</p>
          <CodeDelivery
            key={codeFactor.id}
            idPrefix="challenge"
            initialChannel={codeFactor.type}
            askPhone={false}
            send={() => postJson<unknown>(API.challengeSend, { flowToken, factorId: codeFactor.id })}
            resend={() => postJson<unknown>(API.challengeSend, { flowToken, factorId: codeFactor.id })}
            verify={(_sent, value) =>
              postJson<unknown>(API.codeChallenge, { flowToken, factorId: codeFactor.id, code: value, rememberDevice: remember })
            }
            onVerified={(data) => {
              if (!isSignedIn(data)) return false;
              onSignedIn();
              return true;
            }}
            handleError={(failure) => {
              if (!endsFlow(failure)) return false;
              onRestart(failure);
              return true;
            }}
            codeTestId="challenge-code"
            submitTestId="challenge-submit"
            submitLabel={t('login.continue')}
          >
            {rememberField}
          </CodeDelivery>
        </div>
      ) : mode === 'totp' ? (
        <form className="form" noValidate onSubmit={submitCode} aria-labelledby="step-heading">
          <p>{t('login.challenge.intro')}</p>
          <CodeField
            id="challenge-code"
            testId="challenge-code"
            value={code}
            error={error}
            inputRef={codeInput}
            onChange={setCode}
          />
          {rememberField}
          <div className="form__actions">
            <SubmitButton busy={submitting} testId="challenge-submit">
              {t('login.continue')}
            </SubmitButton>
          </div>
        </form>
      ) : (
        <form className="form" noValidate onSubmit={submitRecovery} aria-labelledby="recovery-heading">
          <h2 id="recovery-heading">{t('login.recovery_input.heading')}</h2>
          <p>{t('login.recovery_input.intro')}</p>
          <TextField
            id="recovery-code-input"
            testId="recovery-code-input"
            label={t('login.recovery_input.label')}
            hint={t('login.recovery_input.hint')}
            error={error}
            value={recoveryCode}
            inputRef={recoveryInput}
            onChange={(event) => setRecoveryCode(event.target.value)}
            required
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            maxLength={64}
          />
          <div className="form__actions">
            <SubmitButton busy={submitting} testId="recovery-submit">
              {t('login.recovery_input.submit')}
            </SubmitButton>
            {hasTotp && (
              <button type="button" className="button button--link" disabled={submitting} onClick={() => switchTo('totp')}>
                {t('login.recovery_input.back')}
              </button>
            )}
          </div>
        </form>
      )}

      {(offerTotp || otherCodeFactors.length > 0 || offerRecovery) && (
        <OtherMethods>
          {offerTotp && (
            <MethodItem label={factorLabel(totpFactor)} testId="method-totp" onSelect={() => switchTo('totp')} />
          )}
          {otherCodeFactors.map((factor) => (
            <MethodItem
              key={factor.id}
              label={factorLabel(factor)}
              testId={`method-${factor.type}`}
              onSelect={() => switchTo('code', factor)}
            />
          ))}
          {offerRecovery && (
            <MethodItem label={t('login.other.recovery')} testId="use-recovery-code" onSelect={() => switchTo('recovery')} />
          )}
        </OtherMethods>
      )}
    </section>
  );
};
