import { useEffect, useRef, useState, type FormEvent } from 'react';
import { flushSync } from 'react-dom';
import { API, isSignedIn, postJson, unexpectedResponse, type ApiError } from '../../api';
import { CheckboxField, SubmitButton } from '../../components/Field';
import { FormError } from '../../components/FormError';
import { focusFirstError, msg, renderMsg, splitFieldErrors, type Msg } from '../../forms';
import { useI18n } from '../../i18n/i18n';
import { endsFlow } from './flow';
import { RecoveryCodeBox } from './parts';

/**
 * `recovery_ack`: the recovery code, shown once (after the first enrollment, or in place of a spent
 * one), and the guide's checkbox 「コードを安全に記録しました」, which must be ticked to go on.
 */
export const RecoveryCodeStep = ({
  flowToken,
  recoveryCode,
  replaced,
  autoFocus,
  onSignedIn,
  onRestart,
}: {
  flowToken: string;
  recoveryCode: string;
  /** The customer signed in with the previous code. */
  replaced: boolean;
  autoFocus: boolean;
  onSignedIn: () => void;
  onRestart: (error: ApiError) => void;
}) => {
  const { t } = useI18n();
  const [recorded, setRecorded] = useState(false);
  const [recordedError, setRecordedError] = useState<Msg | null>(null);
  const [formError, setFormError] = useState<ApiError | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const section = useRef<HTMLElement>(null);

  useEffect(() => {
    if (autoFocus) section.current?.querySelector<HTMLElement>('h1')?.focus();
  }, [autoFocus]);

  const fail = (field: Msg | null, error: ApiError | null) => {
    flushSync(() => {
      setRecordedError(field);
      setFormError(error);
      setSubmitting(false);
    });
    focusFirstError(section.current);
  };

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (submitting) return;
    if (!recorded) return fail(msg('validation.recorded.required'), null);

    setSubmitting(true);
    setFormError(null);
    setRecordedError(null);
    const result = await postJson<unknown>(API.recoveryAck, { flowToken, recorded: true });
    if (result.ok) {
      if (isSignedIn(result.data)) {
        setSubmitting(false);
        onSignedIn();
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
    if (error.code === 'invalid_input' && error.errors.length > 0) {
      const { byField, rest } = splitFieldErrors(error.errors, ['recorded'] as const);
      return fail(byField.recorded ?? null, rest.length > 0 || !byField.recorded ? { ...error, errors: rest } : null);
    }
    fail(null, error);
  };

  return (
    <section ref={section} aria-labelledby="step-heading" data-testid="recovery-ack">
      <h1 id="step-heading" tabIndex={-1}>
        {t('login.recovery.title')}
      </h1>
      <p>{t(replaced ? 'login.recovery.replaced' : 'login.recovery.once')}</p>

      <RecoveryCodeBox code={recoveryCode} testId="recovery-code" />

      <p>{t('login.recovery.what')}</p>
      <div className="alert">
        <p>{t('login.recovery.lost')}</p>
        <p>{t('login.recovery.both_lost')}</p>
      </div>
      <p>{t('login.recovery.keep')}</p>
      <p>{t('login.recovery.instruction')}</p>

      <FormError error={formError} />

      <form className="form" noValidate onSubmit={submit} aria-labelledby="step-heading">
        <CheckboxField
          id="recovery-recorded"
          testId="recovery-recorded"
          label={t('login.recovery.recorded')}
          error={recordedError ? renderMsg(t, recordedError) : undefined}
          checked={recorded}
          onChange={(event) => {
            setRecorded(event.target.checked);
            if (event.target.checked) setRecordedError(null);
          }}
          required
        />
        <div className="form__actions">
          <SubmitButton busy={submitting} testId="recovery-continue">
            {t('login.continue')}
          </SubmitButton>
        </div>
      </form>
    </section>
  );
};
