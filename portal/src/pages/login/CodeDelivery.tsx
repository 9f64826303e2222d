import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { flushSync } from 'react-dom';
import { isCodeSent, unexpectedResponse, type ApiError, type ApiResult, type CodeChannel, type CodeSent } from '../../api';
import { SubmitButton, TextField } from '../../components/Field';
import { FormError } from '../../components/FormError';
import { focusFirstError, isSixDigitCode, msg, normalizeCode, renderMsg, splitFieldErrors, type Msg } from '../../forms';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/ja';
import { useNow } from '../../time';
import { CodeField } from './parts';

/** Where the code goes: a phone number and channel (methods 1, 2), or the account's email (method 5). */
export interface CodeTarget {
  channel: CodeChannel;
  phone?: string;
}

const SENT: Record<CodeChannel, MessageKey> = { sms: 'code.sent.sms', voice: 'code.sent.voice', email: 'code.sent.email' };
const RESEND: Record<CodeChannel, MessageKey> = { sms: 'code.resend.sms', voice: 'code.resend.voice', email: 'code.resend.email' };
const MISSING: Record<CodeChannel, MessageKey> = {
  sms: 'code.missing.sms',
  voice: 'code.missing.voice',
  email: 'code.missing.email',
};
const SEND: Record<CodeChannel, MessageKey> = { sms: 'code.send.sms', voice: 'code.send.voice', email: 'code.send.email' };

const PHONE_REASONS: Record<string, MessageKey> = {
  empty: 'validation.phone.required',
  invalid: 'validation.phone.invalid',
  not_japan: 'validation.phone.not_japan',
  unsupported_type: 'validation.phone.unsupported_type',
};

/** A refused code → the message on the code field, or null when it belongs at the top of the form. */
export const codeFieldFailure = (error: ApiError): Msg | null => {
  switch (error.code) {
    case 'invalid_code':
      return msg('validation.code.invalid');
    case 'code_expired':
      return msg('validation.code.expired');
    case 'code_attempts_exhausted':
      return msg('validation.code.exhausted');
    case 'invalid_input': {
      const { byField } = splitFieldErrors(error.errors, ['code'] as const);
      return byField.code ?? null;
    }
    default:
      return null;
  }
};

/** When a refused send says how long to wait (`retryAfterSeconds`, or the Retry-After time). */
const waitUntil = (error: ApiError): number | null => {
  if (typeof error.retryAfterSeconds === 'number') return Date.now() + error.retryAfterSeconds * 1000;
  if (error.retryAt) {
    const at = Date.parse(error.retryAt);
    if (Number.isFinite(at)) return at;
  }
  return null;
};

/** 「テキストを送信」 / 「もう一度かける」: disabled while the server's cooldown runs, with the seconds left. */
export const ResendButton = ({
  channel,
  availableAt,
  busy,
  onResend,
}: {
  channel: CodeChannel;
  availableAt: number | null;
  busy: boolean;
  onResend: () => void;
}) => {
  const { t } = useI18n();
  const now = useNow(availableAt);
  const left = availableAt === null ? 0 : Math.max(0, Math.ceil((availableAt - now) / 1000));
  return (
    <p className="resend">
      <span>{t(MISSING[channel])}</span>{' '}
      <button
        type="button"
        className="button button--link"
        data-testid="resend-code"
        disabled={busy || left > 0}
        aria-busy={busy || undefined}
        onClick={onResend}
      >
        {t(RESEND[channel])}
      </button>
      {left > 0 && (
        <span className="resend__wait" data-testid="resend-wait" aria-hidden="true">
          {' '}
          {t('code.resend.wait', { seconds: left })}
        </span>
      )}
    </p>
  );
};

/**
 * A code sent by SMS, voice call or email, then typed in (domain.md §4.2, methods 1, 2 and 5): the
 * sign-in's enrollment and challenge, the settings' step-up and "add a method". With `askPhone`, first
 * the guide's phone form (number, 音声通話 / SMS, 「続ける」); else a button that sends the code.
 * The caller says how to send, resend and check; `handleError` takes the errors that leave this form
 * (expired flow, signed out, step-up needed) and answers true when it did.
 */
export const CodeDelivery = ({
  idPrefix,
  initialChannel,
  askPhone,
  send,
  resend,
  verify,
  onVerified,
  handleError,
  codeTestId,
  submitTestId,
  submitLabel,
  children,
}: {
  idPrefix: string;
  initialChannel: CodeChannel;
  askPhone: boolean;
  send: (target: CodeTarget) => Promise<ApiResult<unknown>>;
  resend: (sent: CodeSent, target: CodeTarget) => Promise<ApiResult<unknown>>;
  verify: (sent: CodeSent, code: string) => Promise<ApiResult<unknown>>;
  /** The accepted answer; false when it lacks what the caller needs. */
  onVerified: (data: unknown) => boolean;
  handleError: (error: ApiError) => boolean;
  codeTestId: string;
  submitTestId: string;
  submitLabel: string;
  /** Shown above the code's submit button (the sign-in's 「このデバイスを30日間記憶する」). */
  children?: ReactNode;
}) => {
  const { t } = useI18n();
  const [channel, setChannel] = useState<CodeChannel>(initialChannel);
  const [phone, setPhone] = useState('');
  const [phoneError, setPhoneError] = useState<Msg | null>(null);
  const [sent, setSent] = useState<CodeSent | null>(null);
  const [target, setTarget] = useState<CodeTarget | null>(null);
  const [availableAt, setAvailableAt] = useState<number | null>(null);
  const [code, setCode] = useState('');
  const [codeError, setCodeError] = useState<Msg | null>(null);
  const [formError, setFormError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState<'send' | 'resend' | 'verify' | null>(null);
  const box = useRef<HTMLDivElement>(null);
  const codeInput = useRef<HTMLInputElement>(null);
  const [focusCode, setFocusCode] = useState(false);

  useEffect(() => {
    if (focusCode && sent) codeInput.current?.focus();
  }, [focusCode, sent]);

  const fail = (fields: { phone?: Msg | null; code?: Msg | null }, error: ApiError | null) => {
    flushSync(() => {
      setPhoneError(fields.phone ?? null);
      setCodeError(fields.code ?? null);
      setFormError(error);
      setBusy(null);
    });
    focusFirstError(box.current);
    if (error) box.current?.querySelector<HTMLElement>('[data-testid="code-error"]')?.focus();
  };

  /** A refused send: the phone field, the wait, or the top of the form. */
  const sendFailed = (error: ApiError) => {
    if (handleError(error)) {
      setBusy(null);
      return;
    }
    if (error.code === 'send_cooldown' || error.code === 'send_limit') setAvailableAt(waitUntil(error));
    if (error.code === 'invalid_phone' || (error.code === 'invalid_input' && error.errors.some((e) => e.field === 'phone'))) {
      return fail({ phone: msg(PHONE_REASONS[error.reason ?? ''] ?? 'validation.phone.invalid') }, null);
    }
    fail({}, error);
  };

  const accepted = (data: unknown, status: number, next: CodeTarget) => {
    if (!isCodeSent(data)) return fail({}, unexpectedResponse(status));
    flushSync(() => {
      setSent((before) => ({ ...data, pendingFactorId: data.pendingFactorId ?? before?.pendingFactorId, phoneDisplay: data.phoneDisplay ?? before?.phoneDisplay }));
      setTarget(next);
      setAvailableAt(Date.now() + data.cooldownSeconds * 1000);
      setBusy(null);
      setFormError(null);
      setPhoneError(null);
      setCodeError(null);
      setCode('');
      setFocusCode(true);
    });
    codeInput.current?.focus();
  };

  const start = async (event?: FormEvent<HTMLFormElement>) => {
    event?.preventDefault();
    if (busy) return;
    const next: CodeTarget = askPhone ? { channel, phone: phone.trim() } : { channel };
    if (askPhone && !next.phone) return fail({ phone: msg('validation.phone.required') }, null);
    setBusy('send');
    setFormError(null);
    const result = await send(next);
    if (!result.ok) return sendFailed(result.error);
    accepted(result.data, result.status, next);
  };

  const again = async () => {
    if (busy || !sent || !target) return;
    setBusy('resend');
    setFormError(null);
    const result = await resend(sent, target);
    if (!result.ok) return sendFailed(result.error);
    accepted(result.data, result.status, target);
  };

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy || !sent) return;
    const value = normalizeCode(code);
    if (!value) return fail({ code: msg('validation.code.required') }, null);
    if (!isSixDigitCode(value)) return fail({ code: msg('validation.code.format') }, null);
    setBusy('verify');
    setFormError(null);
    setCodeError(null);
    const result = await verify(sent, value);
    if (result.ok) {
      if (onVerified(result.data)) {
        setBusy(null);
        return;
      }
      return fail({}, unexpectedResponse(result.status));
    }
    if (handleError(result.error)) {
      setBusy(null);
      return;
    }
    const field = codeFieldFailure(result.error);
    if (field) {
      setCode('');
      return fail({ code: field }, null);
    }
    fail({}, result.error);
  };

  const changeNumber = () => {
    setSent(null);
    setTarget(null);
    setCode('');
    setCodeError(null);
    setFormError(null);
    setFocusCode(false);
  };

  const sentChannel = target?.channel ?? channel;
  const recipient = sent ? (sent.phoneDisplay ?? sent.maskedRecipient) : '';

  return (
    <div ref={box} className="code-delivery">
      <FormError error={formError} testId="code-error" />

      {!sent && askPhone && (
        <form className="form" noValidate onSubmit={start} aria-label={t('code.phone.heading')}>
          <TextField
            id={`${idPrefix}-phone`}
            testId="phone-number"
            label={t('code.phone.label')}
            hint={t('code.phone.hint')}
            error={phoneError ? renderMsg(t, phoneError) : undefined}
            value={phone}
            onChange={(event) => setPhone(event.target.value)}
            required
            type="tel"
            inputMode="tel"
            autoComplete="tel-national"
            maxLength={40}
          />
          <fieldset className="field radio-group">
            <legend className="field__label">{t('code.channel.legend')}</legend>
            {(['voice', 'sms'] as const).map((option) => (
              <label key={option} className="radio">
                <input
                  type="radio"
                  name={`${idPrefix}-channel`}
                  value={option}
                  checked={channel === option}
                  onChange={() => setChannel(option)}
                  data-testid={`phone-channel-${option}`}
                />{' '}
                {t(option === 'voice' ? 'code.channel.voice' : 'code.channel.sms')}
              </label>
            ))}
          </fieldset>
          <div className="form__actions">
            <SubmitButton busy={busy === 'send'} testId="phone-submit">
              {t('login.continue')}
            </SubmitButton>
          </div>
        </form>
      )}

      {!sent && !askPhone && (
        <p>
          <button
            type="button"
            className="button button--primary"
            data-testid="send-code"
            disabled={busy !== null}
            aria-busy={busy === 'send' || undefined}
            onClick={() => void start()}
          >
            {busy === 'send' ? t('form.submitting') : t(SEND[channel])}
          </button>
        </p>
      )}

      {sent && (
        <>
          <p role="status" data-testid="code-sent-to">
            {t(SENT[sentChannel], { to: recipient })}
          </p>
          <form className="form" noValidate onSubmit={submit} aria-label={t('login.code.label')}>
            <CodeField
              id={`${idPrefix}-code`}
              testId={codeTestId}
              value={code}
              hint={t('code.hint')}
              error={codeError ? renderMsg(t, codeError) : undefined}
              inputRef={codeInput}
              onChange={setCode}
            />
            {children}
            <div className="form__actions">
              <SubmitButton busy={busy === 'verify'} testId={submitTestId}>
                {submitLabel}
              </SubmitButton>
            </div>
          </form>
          <ResendButton channel={sentChannel} availableAt={availableAt} busy={busy === 'resend'} onResend={() => void again()} />
          {askPhone && (
            <p>
              <button type="button" className="button button--link" data-testid="change-phone" onClick={changeNumber}>
                {t('code.phone.change')}
              </button>
            </p>
          )}
        </>
      )}
    </div>
  );
};
