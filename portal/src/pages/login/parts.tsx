import { useEffect, useId, useState, type ReactNode, type Ref } from 'react';
import type { TotpEnrollment } from '../../api';
import { TextField } from '../../components/Field';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/ja';

/** The guide's 「6桁のコードの入力」: digits keyboard on phones, and the OS may fill it from a message. */
export const CodeField = ({
  id,
  testId,
  value,
  error,
  hint,
  inputRef,
  onChange,
}: {
  id: string;
  testId: string;
  value: string;
  error?: string;
  /** Defaults to the authenticator's (a new code every 30 seconds). */
  hint?: string;
  inputRef?: Ref<HTMLInputElement>;
  onChange: (value: string) => void;
}) => {
  const { t } = useI18n();
  return (
    <TextField
      id={id}
      testId={testId}
      label={t('login.code.label')}
      hint={hint ?? t('login.code.hint')}
      error={error}
      value={value}
      onChange={(event) => onChange(event.target.value)}
      inputRef={inputRef}
      required
      type="text"
      inputMode="numeric"
      autoComplete="one-time-code"
      autoCapitalize="off"
      spellCheck={false}
      maxLength={12}
    />
  );
};

/** Copies a text and says so in a polite live region (or asks to note it down when the browser refuses). */
export const CopyButton = ({ text, label }: { text: string; label: MessageKey }) => {
  const { t } = useI18n();
  const [result, setResult] = useState<'done' | 'failed' | null>(null);

  useEffect(() => {
    if (result !== 'done') return;
    const timer = window.setTimeout(() => setResult(null), 4000);
    return () => window.clearTimeout(timer);
  }, [result]);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setResult('done');
    } catch {
      setResult('failed');
    }
  };

  return (
    <span className="copy">
      <button type="button" className="button button--small" onClick={copy}>
        {t(label)}
      </button>
      <span className="copy__status" role="status">
        {result === 'done' ? t('login.copy.done') : result === 'failed' ? t('login.copy.failed') : ''}
      </span>
    </span>
  );
};

/** The guide's 「別の方法を試す」 at the bottom of the screen: a disclosure with the other methods. */
export const OtherMethods = ({ children, note }: { children: ReactNode; note?: ReactNode }) => {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const panel = useId();
  return (
    <div className="other-methods">
      <button
        type="button"
        className="button button--link other-methods__toggle"
        aria-expanded={open}
        aria-controls={panel}
        data-testid="try-another-method"
        onClick={() => setOpen((shown) => !shown)}
      >
        {t('login.other.toggle')}
      </button>
      <div id={panel} className="other-methods__panel" hidden={!open}>
        <h2 className="other-methods__heading">{t('login.other.heading')}</h2>
        <ul className="methods">{children}</ul>
        {note}
      </div>
    </div>
  );
};

/** One method in the list; without `onSelect` it is shown as not available yet. */
export const MethodItem = ({
  label,
  note,
  testId,
  status,
  onSelect,
}: {
  label: string;
  note?: string;
  testId?: string;
  /** Why it cannot be chosen (default 「準備中」). */
  status?: string;
  onSelect?: () => void;
}) => {
  const { t } = useI18n();
  const noteId = useId();
  return (
    <li className="methods__item">
      <button
        type="button"
        className="method"
        disabled={!onSelect}
        onClick={onSelect}
        data-testid={testId}
        aria-describedby={note ? noteId : undefined}
      >
        <span className="method__label">{label}</span>
        {!onSelect && <span className="method__status">{status ?? t('login.other.unavailable')}</span>}
      </button>
      {note && (
        <p id={noteId} className="method__note">
          {note}
        </p>
      )}
    </li>
  );
};

/** A factor type's name ("totp" → 認証アプリ…); types added later read as "other method" until named. */
export const factorName = (type: string): MessageKey => {
  switch (type) {
    case 'totp':
      return 'factor.totp';
    case 'sms':
      return 'factor.sms';
    case 'voice':
      return 'factor.voice';
    case 'email':
      return 'factor.email';
    default:
      return 'factor.other';
  }
};

/** The secret in blocks of 4 for reading; the text itself stays the exact secret (copy, tests). */
export const SecretKey = ({ secret, testId }: { secret: string; testId: string }) => (
  <code className="secret" data-testid={testId} data-secret={secret}>
    {(secret.match(/.{1,4}/g) ?? []).map((block, index) => (
      <span key={index} className="secret__block">
        {block}
      </span>
    ))}
  </code>
);

/**
 * The QR code of the otpauth:// URI, a link that opens it on this device, and the secret for manual
 * entry: the login's enrollment step and the settings page's "add an authenticator app" alike.
 */
export const TotpSetup = ({ enrollment, secretTestId }: { enrollment: TotpEnrollment; secretTestId: string }) => {
  const { t } = useI18n();
  return (
    <>
      <p>{t('login.enroll.scan')}</p>
      <img className="qr" src={enrollment.qrDataUrl} alt={t('login.enroll.qr_alt')} width={200} height={200} />
      <p>
        <a href={enrollment.otpauthUri} className="open-app">
          {t('login.enroll.open_app')}
        </a>
      </p>
      <p>{t('login.enroll.manual')}</p>
      <p className="secret-row">
        <span className="secret-row__label">{t('login.enroll.secret_label')}:</span>{' '}
        <SecretKey secret={enrollment.secret} testId={secretTestId} />{' '}
        <CopyButton text={enrollment.secret} label="login.enroll.secret_copy" />
      </p>
    </>
  );
};

/** A recovery code shown once, with its copy button. */
export const RecoveryCodeBox = ({ code, testId }: { code: string; testId: string }) => {
  const { t } = useI18n();
  return (
    <div className="recovery">
      <p className="recovery__label">{t('login.recovery.code_label')}</p>
      <p className="recovery__code">
        <code data-testid={testId}>{code}</code>
      </p>
      <CopyButton text={code} label="login.recovery.copy" />
    </div>
  );
};
