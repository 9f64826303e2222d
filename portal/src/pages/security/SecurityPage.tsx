import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { flushSync } from 'react-dom';
import {
  API,
  deleteJson,
  endedSessionsOf,
  getJson,
  isCustomerSession,
  isMfaOverview,
  isTotpEnrollment,
  mfaDevicePath,
  mfaFactorPath,
  newRecoveryCodeOf,
  postJson,
  unexpectedResponse,
  type ApiError,
  type CustomerSession,
  type EnrolledFactor,
  type MfaOverview,
  type TotpEnrollment,
} from '../../api';
import { CheckboxField, SubmitButton } from '../../components/Field';
import { FormError } from '../../components/FormError';
import { isSixDigitCode, msg, normalizeCode, renderMsg, splitFieldErrors, type Msg } from '../../forms';
import { useDocumentTitle, useI18n, type Translate } from '../../i18n/i18n';
import { Link } from '../../router';
import { formatDateTime } from '../../time';
import { CodeDelivery } from '../login/CodeDelivery';
import { CodeField, factorName, RecoveryCodeBox, TotpSetup } from '../login/parts';
import { StepUpSection } from './StepUpSection';

type View =
  | { kind: 'loading' }
  | { kind: 'ready'; session: CustomerSession; overview: MfaOverview }
  | { kind: 'signed_out' }
  | { kind: 'unavailable'; error: ApiError };

/** A change that needs a fresh code first (docs/api-customer-login.md, "Factor settings"). */
type Change =
  | { kind: 'add_totp' }
  | { kind: 'confirm_totp' }
  | { kind: 'add_code'; method: CodeMethod }
  | { kind: 'remove'; factor: EnrolledFactor }
  | { kind: 'recovery' };

/** "Add SMS / voice call" (one phone form with the choice) or "add email" (methods 1, 2 and 5). */
type CodeMethod = { channel: 'sms' | 'voice' } | { channel: 'email' };

type Notice = 'added' | 'removed' | 'recovery' | 'revoked';

const NOTICE_KEY = {
  added: 'security.notice.added',
  removed: 'security.notice.removed',
  recovery: 'security.notice.recovery',
  revoked: 'security.notice.revoked',
} as const;

const factorTitle = (t: Translate, factor: EnrolledFactor): string =>
  factor.label ? t('factor.with_label', { type: t(factorName(factor.type)), label: factor.label }) : t(factorName(factor.type));

const loadView = async (signal: AbortSignal): Promise<View> => {
  const session = await getJson<unknown>(API.session, signal);
  if (!session.ok) return session.error.code === 'not_signed_in' ? { kind: 'signed_out' } : { kind: 'unavailable', error: session.error };
  if (!isCustomerSession(session.data)) return { kind: 'unavailable', error: unexpectedResponse(session.status) };
  const overview = await getJson<unknown>(API.mfa, signal);
  if (!overview.ok) return overview.error.code === 'not_signed_in' ? { kind: 'signed_out' } : { kind: 'unavailable', error: overview.error };
  if (!isMfaOverview(overview.data)) return { kind: 'unavailable', error: unexpectedResponse(overview.status) };
  return { kind: 'ready', session: session.data, overview: overview.data };
};

/**
 * /account/security: the signed-in customer's factors, remembered devices, recovery code and other
 * sessions (domain.md §4.2: enroll more factors, remove any but the last; MFA itself cannot be turned off).
 * Every change first asks for a fresh code (step-up), then mails a notice.
 */
export const SecurityPage = () => {
  const { t, locale } = useI18n();
  useDocumentTitle('security.title');
  const [view, setView] = useState<View>({ kind: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const [steppedUpUntil, setSteppedUpUntil] = useState<number | null>(null);
  const [stepUpFor, setStepUpFor] = useState<Change | null>(null);
  const [adding, setAdding] = useState<TotpEnrollment | null>(null);
  const [addingCode, setAddingCode] = useState<CodeMethod | null>(null);
  const [totpCode, setTotpCode] = useState('');
  const [totpCodeError, setTotpCodeError] = useState<Msg | null>(null);
  const [recoveryCode, setRecoveryCode] = useState<string | null>(null);
  const [recorded, setRecorded] = useState(false);
  const [recordedError, setRecordedError] = useState<Msg | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [ended, setEnded] = useState<number | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const page = useRef<HTMLElement>(null);
  const noticeBox = useRef<HTMLDivElement>(null);
  const endButton = useRef<HTMLButtonElement>(null);
  const lastFactorNote = useId();

  useEffect(() => {
    const controller = new AbortController();
    loadView(controller.signal).then(
      (next) => {
        setView(next);
        if (next.kind === 'ready' && next.overview.steppedUpUntil) setSteppedUpUntil(Date.parse(next.overview.steppedUpUntil));
      },
      () => {
        // aborted: the page was left
      },
    );
    return () => controller.abort();
  }, [attempt]);

  if (view.kind !== 'ready') {
    return (
      <section aria-labelledby="page-heading" data-testid="security-page">
        <h1 id="page-heading" tabIndex={-1}>
          {t('security.title')}
        </h1>
        {view.kind === 'loading' && <p role="status">{t('security.loading')}</p>}
        {view.kind === 'unavailable' && (
          <FormError error={view.error} testId="settings-error">
            <p>
              <button
                type="button"
                className="button"
                onClick={() => {
                  setView({ kind: 'loading' });
                  setAttempt((n) => n + 1);
                }}
              >
                {t('form.retry')}
              </button>
            </p>
          </FormError>
        )}
        {view.kind === 'signed_out' && (
          <>
            <div className="alert" data-testid="not-signed-in">
              <p>{t('error.not_signed_in')}</p>
            </div>
            <p>
              <Link to="/login" className="button button--primary">
                {t('error.login_link')}
              </Link>
            </p>
          </>
        )}
      </section>
    );
  }

  const { session, overview } = view;
  const csrf = { 'X-CSRF-Token': session.csrfToken };
  const factors = overview.factors;
  const lastFactor = factors.length <= 1;
  const canAddEmail = factors.some((factor) => factor.type !== 'email') && !factors.some((factor) => factor.type === 'email');
  const date = (iso: string | null) => (iso ? (formatDateTime(iso, locale) ?? iso) : null);

  const setOverview = (next: MfaOverview) => setView({ kind: 'ready', session, overview: next });

  /** After a failed request: the step-up again, the sign-in page, or the error (focused). */
  const failed = (apiError: ApiError, change: Change | null) => {
    if (apiError.code === 'not_signed_in') {
      setView({ kind: 'signed_out' });
      return;
    }
    if (apiError.code === 'step_up_required' && change) {
      flushSync(() => {
        setBusy(null);
        setSteppedUpUntil(null);
        setError(apiError);
        setStepUpFor(change);
      });
      return;
    }
    flushSync(() => {
      setBusy(null);
      setError(apiError);
    });
    page.current?.querySelector<HTMLElement>('[data-testid="settings-error"]')?.focus();
  };

  const done = (what: Notice, next?: MfaOverview) => {
    flushSync(() => {
      if (next) setOverview(next);
      setBusy(null);
      setError(null);
      setEnded(null);
      setNotice(what);
    });
    noticeBox.current?.focus();
  };

  const run = async (change: Change) => {
    setError(null);
    switch (change.kind) {
      case 'add_totp': {
        setBusy('add');
        const result = await postJson<unknown>(API.mfaTotpStart, {}, undefined, csrf);
        if (!result.ok) return failed(result.error, change);
        if (!isTotpEnrollment(result.data)) return failed(unexpectedResponse(result.status), null);
        const { factorId, secret, otpauthUri, qrDataUrl } = result.data;
        flushSync(() => {
          setBusy(null);
          setNotice(null);
          setTotpCode('');
          setTotpCodeError(null);
          setAdding({ factorId, secret, otpauthUri, qrDataUrl });
        });
        page.current?.querySelector<HTMLElement>('#add-totp-heading')?.focus();
        return;
      }
      case 'add_code':
        flushSync(() => {
          setNotice(null);
          setAdding(null);
          setAddingCode(change.method);
        });
        page.current?.querySelector<HTMLElement>('#add-code-heading')?.focus();
        return;
      case 'confirm_totp':
        // Back from the step-up: the code field is still there, with the code typed.
        page.current?.querySelector<HTMLElement>('[data-testid="settings-totp-code"]')?.focus();
        return;
      case 'remove': {
        setBusy(`remove:${change.factor.id}`);
        const result = await deleteJson<unknown>(mfaFactorPath(change.factor.id), csrf);
        if (!result.ok) return failed(result.error, change);
        if (!isMfaOverview(result.data)) return failed(unexpectedResponse(result.status), null);
        return done('removed', result.data);
      }
      case 'recovery': {
        setBusy('recovery');
        const result = await postJson<unknown>(API.mfaRecoveryCode, {}, undefined, csrf);
        if (!result.ok) return failed(result.error, change);
        const code = newRecoveryCodeOf(result.data);
        if (!code) return failed(unexpectedResponse(result.status), null);
        flushSync(() => {
          setRecoveryCode(code);
          setRecorded(false);
          setRecordedError(null);
          setOverview({ ...overview, hasRecoveryCode: true });
        });
        return done('recovery');
      }
    }
  };

  /** A change: straight on inside the step-up window, else the step-up first. */
  const change = (what: Change) => {
    if (busy) return;
    setError(null);
    if (steppedUpUntil !== null && steppedUpUntil > Date.now()) void run(what);
    else setStepUpFor(what);
  };

  const confirmTotp = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy || !adding) return;
    const value = normalizeCode(totpCode);
    const invalid = !value ? msg('validation.code.required') : !isSixDigitCode(value) ? msg('validation.code.format') : null;
    const fieldFail = (field: Msg) => {
      flushSync(() => {
        setBusy(null);
        setTotpCodeError(field);
      });
      page.current?.querySelector<HTMLElement>('[data-testid="settings-totp-code"]')?.focus();
    };
    if (invalid) return fieldFail(invalid);
    setBusy('confirm');
    setError(null);
    setTotpCodeError(null);
    const result = await postJson<unknown>(API.mfaTotpConfirm, { factorId: adding.factorId, code: value }, undefined, csrf);
    if (result.ok) {
      if (!isMfaOverview(result.data)) return failed(unexpectedResponse(result.status), null);
      setAdding(null);
      return done('added', result.data);
    }
    if (result.error.code === 'invalid_code') {
      setTotpCode('');
      return fieldFail(msg('validation.code.invalid'));
    }
    if (result.error.code === 'invalid_input' && result.error.errors.length > 0) {
      const { byField } = splitFieldErrors(result.error.errors, ['code'] as const);
      if (byField.code) return fieldFail(byField.code);
    }
    failed(result.error, { kind: 'confirm_totp' });
  };

  const revoke = async (deviceId: string) => {
    if (busy) return;
    setBusy(`revoke:${deviceId}`);
    setError(null);
    const result = await deleteJson<unknown>(mfaDevicePath(deviceId), csrf);
    if (!result.ok) return failed(result.error, null);
    if (!isMfaOverview(result.data)) return failed(unexpectedResponse(result.status), null);
    done('revoked', result.data);
  };

  const endOthers = async () => {
    if (busy) return;
    setBusy('end');
    setError(null);
    const result = await postJson<unknown>(API.mfaEndOtherSessions, {}, undefined, csrf);
    if (!result.ok) return failed(result.error, null);
    const count = endedSessionsOf(result.data);
    if (count === null) return failed(unexpectedResponse(result.status), null);
    flushSync(() => {
      setBusy(null);
      setEnded(count);
      setOverview({ ...overview, otherSessions: 0 });
    });
  };

  const acknowledge = () => {
    if (!recorded) {
      flushSync(() => setRecordedError(msg('validation.recorded.required')));
      page.current?.querySelector<HTMLElement>('[data-testid="settings-recovery-recorded"]')?.focus();
      return;
    }
    setRecoveryCode(null);
    setRecordedError(null);
  };

  const stepUpWhat = (what: Change): string => {
    switch (what.kind) {
      case 'add_totp':
      case 'confirm_totp':
        return t('security.step_up.for_add');
      case 'add_code':
        return t('security.step_up.for_add_code', {
          name: t(what.method.channel === 'email' ? 'factor.email' : what.method.channel === 'sms' ? 'factor.sms' : 'factor.voice'),
        });
      case 'remove':
        return t('security.step_up.for_remove', { name: factorTitle(t, what.factor) });
      case 'recovery':
        return t('security.step_up.for_recovery');
    }
  };

  return (
    <section ref={page} aria-labelledby="page-heading" data-testid="security-page">
      <h1 id="page-heading" tabIndex={-1}>
        {t('security.title')}
      </h1>
      <p>
        <Link to="/account">{t('security.back')}</Link>
      </p>
      <p>{t('security.intro')}</p>

      {notice && (
        <div ref={noticeBox} className="alert alert--ok" role="status" tabIndex={-1} data-testid="settings-notice" data-notice={notice}>
          <p>{t(NOTICE_KEY[notice])}</p>
          <p>{t('security.notice.mail')}</p>
          <p>
            <button
              type="button"
              className="button button--link"
              onClick={() => {
                endButton.current?.scrollIntoView({ block: 'center' });
                endButton.current?.focus();
              }}
            >
              {t('security.sessions.end')}
            </button>
          </p>
        </div>
      )}

      <FormError error={error} testId="settings-error" />

      {stepUpFor && (
        <StepUpSection
          key={stepUpFor.kind}
          csrfToken={session.csrfToken}
          factors={factors.filter((factor) => factor.state !== 'pending')}
          what={stepUpWhat(stepUpFor)}
          onSteppedUp={(until) => {
            const pending = stepUpFor;
            flushSync(() => {
              setSteppedUpUntil(Date.parse(until));
              setStepUpFor(null);
              setError(null);
            });
            void run(pending);
          }}
          onCancel={() => setStepUpFor(null)}
          onSignedOut={() => setView({ kind: 'signed_out' })}
        />
      )}

      <section aria-labelledby="factors-heading" className="settings-section">
        <h2 id="factors-heading">{t('security.factors.heading')}</h2>
        <ul className="settings-list">
          {factors.map((factor) => {
            const name = factorTitle(t, factor);
            return (
              <li key={factor.id} className="settings-list__item" data-testid="factor-row" data-factor-type={factor.type} data-factor-id={factor.id}>
                <p className="settings-list__title">{name}</p>
                {factor.maskedPhone && <p>{t('security.factors.phone', { phone: factor.maskedPhone })}</p>}
                <p className="settings-list__meta">
                  {t('security.factors.enrolled', { date: date(factor.confirmedAt ?? factor.createdAt) ?? '' })}
                  <br />
                  {factor.lastUsedAt
                    ? t('security.factors.last_used', { date: date(factor.lastUsedAt) ?? '' })
                    : t('security.factors.never_used')}
                </p>
                <button
                  type="button"
                  className="button button--small"
                  disabled={lastFactor || busy !== null}
                  aria-busy={busy === `remove:${factor.id}` || undefined}
                  aria-label={t('security.factors.remove_label', { name })}
                  aria-describedby={lastFactor ? lastFactorNote : undefined}
                  data-testid="remove-factor"
                  onClick={() => change({ kind: 'remove', factor })}
                >
                  {busy === `remove:${factor.id}` ? t('form.submitting') : t('security.factors.remove')}
                </button>
              </li>
            );
          })}
        </ul>
        {lastFactor && (
          <p id={lastFactorNote} className="note" data-testid="last-factor-note">
            {t('security.factors.last_note')}
          </p>
        )}
        {!adding && (
          <p>
            <button
              type="button"
              className="button"
              disabled={busy !== null}
              aria-busy={busy === 'add' || undefined}
              data-testid="add-totp"
              onClick={() => change({ kind: 'add_totp' })}
            >
              {busy === 'add' ? t('form.submitting') : t('security.factors.add')}
            </button>
          </p>
        )}
        {!addingCode && (
          <p className="settings-add">
            {(['sms', 'voice'] as const).map((channel) => (
              <button
                key={channel}
                type="button"
                className="button"
                disabled={busy !== null}
                data-testid={`add-${channel}`}
                onClick={() => change({ kind: 'add_code', method: { channel } })}
              >
                {t(channel === 'sms' ? 'security.factors.add_sms' : 'security.factors.add_voice')}
              </button>
            ))}
            {canAddEmail && (
              <button
                type="button"
                className="button"
                disabled={busy !== null}
                data-testid="add-email"
                onClick={() => change({ kind: 'add_code', method: { channel: 'email' } })}
              >
                {t('security.factors.add_email')}
              </button>
            )}
          </p>
        )}
        {addingCode && (
          <section className="panel" aria-labelledby="add-code-heading" data-testid="add-code-panel">
            <h3 id="add-code-heading" tabIndex={-1}>
              {t(addingCode.channel === 'email' ? 'security.add_code.heading_email' : 'security.add_code.heading_phone')}
            </h3>
            {addingCode.channel === 'email' ? (
              <p>{t('security.add_code.email_intro')}</p>
            ) : (
              <p className="note">{t('login.enroll.phone_warning')}</p>
            )}
            <CodeDelivery
              key={addingCode.channel === 'email' ? 'email' : 'phone'}
              idPrefix="settings"
              initialChannel={addingCode.channel}
              askPhone={addingCode.channel !== 'email'}
              send={(target) => postJson<unknown>(API.mfaCodeStart, target, undefined, csrf)}
              resend={(_sent, target) => postJson<unknown>(API.mfaCodeStart, target, undefined, csrf)}
              verify={(sent, value) =>
                postJson<unknown>(API.mfaCodeConfirm, { pendingFactorId: sent.pendingFactorId, code: value }, undefined, csrf)
              }
              onVerified={(data) => {
                if (!isMfaOverview(data)) return false;
                setAddingCode(null);
                done('added', data);
                return true;
              }}
              handleError={(apiError) => {
                if (apiError.code !== 'not_signed_in' && apiError.code !== 'step_up_required') return false;
                failed(apiError, { kind: 'add_code', method: addingCode });
                return true;
              }}
              codeTestId="settings-code"
              submitTestId="settings-code-submit"
              submitLabel={t('security.add.submit')}
            />
            <p>
              <button
                type="button"
                className="button"
                onClick={() => {
                  setAddingCode(null);
                  if (stepUpFor?.kind === 'add_code') setStepUpFor(null);
                }}
              >
                {t('security.cancel')}
              </button>
            </p>
          </section>
        )}
        {adding && (
          <section className="panel" aria-labelledby="add-totp-heading" data-testid="add-totp-panel">
            <h3 id="add-totp-heading" tabIndex={-1}>
              {t('security.add.heading')}
            </h3>
            <TotpSetup enrollment={adding} secretTestId="settings-totp-secret" />
            <p>{t('security.add.enter_code')}</p>
            <form className="form" noValidate onSubmit={confirmTotp} aria-labelledby="add-totp-heading">
              <CodeField
                id="settings-totp-code"
                testId="settings-totp-code"
                value={totpCode}
                error={totpCodeError ? renderMsg(t, totpCodeError) : undefined}
                onChange={setTotpCode}
              />
              <div className="form__actions">
                <SubmitButton busy={busy === 'confirm'} testId="settings-totp-submit">
                  {t('security.add.submit')}
                </SubmitButton>
                <button
                  type="button"
                  className="button"
                  onClick={() => {
                    setAdding(null);
                    if (stepUpFor?.kind === 'confirm_totp') setStepUpFor(null);
                  }}
                >
                  {t('security.cancel')}
                </button>
              </div>
            </form>
          </section>
        )}
      </section>

      <section aria-labelledby="recovery-heading" className="settings-section">
        <h2 id="recovery-heading">{t('security.recovery.heading')}</h2>
        {recoveryCode ? (
          <div className="panel" data-testid="settings-recovery">
            <p>{t('security.recovery.shown_once')}</p>
            <RecoveryCodeBox code={recoveryCode} testId="settings-recovery-code" />
            <p>{t('login.recovery.keep')}</p>
            <CheckboxField
              id="settings-recovery-recorded"
              testId="settings-recovery-recorded"
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
              <button type="button" className="button button--primary" data-testid="settings-recovery-done" onClick={acknowledge}>
                {t('security.recovery.done')}
              </button>
            </div>
          </div>
        ) : (
          <>
            <p data-testid="recovery-status" data-has-recovery-code={overview.hasRecoveryCode}>
              {t(overview.hasRecoveryCode ? 'security.recovery.exists' : 'security.recovery.none')}
            </p>
            <p>
              <button
                type="button"
                className="button"
                disabled={busy !== null}
                aria-busy={busy === 'recovery' || undefined}
                data-testid="new-recovery-code"
                onClick={() => change({ kind: 'recovery' })}
              >
                {busy === 'recovery' ? t('form.submitting') : t('security.recovery.new')}
              </button>
            </p>
          </>
        )}
      </section>

      <section aria-labelledby="devices-heading" className="settings-section">
        <h2 id="devices-heading">{t('security.devices.heading')}</h2>
        <p>{t('security.devices.intro')}</p>
        {overview.devices.length === 0 ? (
          <p data-testid="no-devices">{t('security.devices.none')}</p>
        ) : (
          <ul className="settings-list">
            {overview.devices.map((device) => (
              <li key={device.id} className="settings-list__item" data-testid="device-row" data-device-id={device.id}>
                <p className="settings-list__title">{device.label}</p>
                <p className="settings-list__meta">
                  {t('security.devices.until', { date: date(device.expiresAt) ?? '' })}
                  <br />
                  {device.lastUsedAt
                    ? t('security.factors.last_used', { date: date(device.lastUsedAt) ?? '' })
                    : t('security.factors.never_used')}
                </p>
                <button
                  type="button"
                  className="button button--small"
                  disabled={busy !== null}
                  aria-busy={busy === `revoke:${device.id}` || undefined}
                  aria-label={t('security.devices.revoke_label', { name: device.label })}
                  data-testid="revoke-device"
                  onClick={() => revoke(device.id)}
                >
                  {busy === `revoke:${device.id}` ? t('form.submitting') : t('security.devices.revoke')}
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="sessions-heading" className="settings-section" id="other-sessions">
        <h2 id="sessions-heading">{t('security.sessions.heading')}</h2>
        <p data-testid="other-sessions" data-count={overview.otherSessions}>
          {overview.otherSessions > 0
            ? t('security.sessions.count', { count: overview.otherSessions })
            : t('security.sessions.none')}
        </p>
        {ended !== null && (
          <p className="alert alert--ok" role="status" data-testid="sessions-ended">
            {t('security.sessions.ended', { count: ended })}
          </p>
        )}
        <p>
          <button
            ref={endButton}
            type="button"
            className="button"
            disabled={busy !== null}
            aria-busy={busy === 'end' || undefined}
            data-testid="end-other-sessions"
            onClick={endOthers}
          >
            {busy === 'end' ? t('form.submitting') : t('security.sessions.end')}
          </button>
        </p>
      </section>
    </section>
  );
};
