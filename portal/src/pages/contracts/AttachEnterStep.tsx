import { useEffect, useRef, useState, type FormEvent } from 'react';
import { flushSync } from 'react-dom';
import { API, attachItemPath, deleteJson, isAttachList, postJson, unexpectedResponse, type ApiError, type AttachList } from '../../api';
import { PasswordField, SubmitButton, TextField } from '../../components/Field';
import { FormError, type ErrorOverrides } from '../../components/FormError';
import { focusFirstError, msg, renderMsg, splitFieldErrors, type Msg } from '../../forms';
import { useI18n } from '../../i18n/i18n';
import { Rich } from '../../i18n/Rich';
import { Link } from '../../router';
import { formatClock } from '../../time';
import { AttachNoticeBox, type AttachNotice } from './AttachNotice';

type FieldName = 'networkId' | 'password';
const FIELDS: readonly FieldName[] = ['networkId', 'password'];

/** Codes after which the password field is emptied (it was wrong, or may be). */
const CLEAR_PASSWORD = new Set(['invalid_credentials', 'locked', 'locked_contact_support']);

/** The registration's wording, except where the customer is already signed in here. */
export const ATTACH_ERRORS: ErrorOverrides = {
  already_linked: 'error.attach.already_linked',
  post_cutover_contract: 'error.attach.post_cutover_contract',
};

const isValidation = (error: ApiError) => error.code === 'invalid_input' || error.code === 'validation_failed';

/**
 * Step 1: the network IDs waiting to be registered (each removable) and the form for one more: network
 * ID + its legacy password → POST verify, with the registration's lock and messages.
 */
export const AttachEnterStep = ({
  csrfToken,
  list,
  initialNotice,
  autoFocus,
  onList,
  onConfirm,
  onSignedOut,
}: {
  csrfToken: string;
  list: AttachList;
  /** Why the customer is back here (network IDs dropped at confirm). */
  initialNotice: AttachNotice | null;
  autoFocus: boolean;
  onList: (list: AttachList) => void;
  onConfirm: () => void;
  onSignedOut: () => void;
}) => {
  const { t, locale } = useI18n();
  const [adding, setAdding] = useState(list.items.length === 0);
  const [networkId, setNetworkId] = useState('');
  const [password, setPassword] = useState('');
  const [fieldErrors, setFieldErrors] = useState<Partial<Record<FieldName, Msg>>>({});
  const [formError, setFormError] = useState<ApiError | null>(null);
  const [notice, setNotice] = useState<AttachNotice | null>(initialNotice);
  const [busy, setBusy] = useState<string | null>(null);
  const section = useRef<HTMLElement>(null);
  const noticeBox = useRef<HTMLDivElement>(null);
  const networkIdInput = useRef<HTMLInputElement>(null);
  const csrf = { 'X-CSRF-Token': csrfToken };
  const showForm = adding || list.items.length === 0;

  useEffect(() => {
    if (!autoFocus) return;
    if (initialNotice) noticeBox.current?.focus();
    else section.current?.querySelector<HTMLElement>('h1')?.focus();
  }, [autoFocus, initialNotice]);

  const fail = (fields: Partial<Record<FieldName, Msg>>, error: ApiError | null) => {
    flushSync(() => {
      setFieldErrors(fields);
      setFormError(error);
      setBusy(null);
    });
    focusFirstError(section.current);
  };

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy) return;
    const invalid: Partial<Record<FieldName, Msg>> = {};
    if (!networkId.trim()) invalid.networkId = msg('validation.network_id.required');
    if (!password) invalid.password = msg('validation.password.required');
    if (Object.keys(invalid).length > 0) return fail(invalid, null);

    setBusy('verify');
    setFormError(null);
    setFieldErrors({});
    setNotice(null);
    const result = await postJson<unknown>(API.attachVerify, { networkId, password }, undefined, csrf);
    if (result.ok) {
      if (!isAttachList(result.data)) return fail({}, unexpectedResponse(result.status));
      const before = new Set(list.items.map((item) => item.networkId));
      const added = result.data.items.find((item) => !before.has(item.networkId));
      flushSync(() => {
        onList(result.data as AttachList);
        setNetworkId('');
        setPassword('');
        setAdding(false);
        setBusy(null);
        setNotice(added ? { kind: 'verified', networkId: added.networkId, serviceName: added.serviceName } : { kind: 'already_queued' });
      });
      noticeBox.current?.focus();
      return;
    }
    const { error } = result;
    if (error.code === 'not_signed_in') return onSignedOut();
    if (CLEAR_PASSWORD.has(error.code)) setPassword('');
    if (isValidation(error) && error.errors.length > 0) {
      const { byField, rest } = splitFieldErrors(error.errors, FIELDS);
      return fail(byField, rest.length > 0 || Object.keys(byField).length === 0 ? { ...error, errors: rest } : null);
    }
    fail({}, error);
  };

  const remove = async (id: string) => {
    if (busy) return;
    setBusy(`remove:${id}`);
    setFormError(null);
    setNotice(null);
    const result = await deleteJson<unknown>(attachItemPath(id), csrf);
    if (!result.ok && result.error.code === 'not_signed_in') return onSignedOut();
    // 404 not_queued: it had left the list already (expired); show the list as it is now.
    const next = result.ok ? result.data : result.error.code === 'not_queued' ? { ...list, items: list.items.filter((item) => item.networkId !== id) } : null;
    if (!result.ok && next === null) return fail({}, result.error);
    if (!isAttachList(next)) return fail({}, unexpectedResponse(result.ok ? result.status : result.error.status));
    flushSync(() => {
      onList(next);
      setBusy(null);
      setNotice({ kind: 'removed', networkId: id });
      if (next.items.length === 0) setAdding(true);
    });
    noticeBox.current?.focus();
  };

  const startAdding = () => {
    flushSync(() => {
      setAdding(true);
      setNotice(null);
      setFormError(null);
      setFieldErrors({});
    });
    networkIdInput.current?.focus();
  };

  const cancelAdding = () => {
    setAdding(false);
    setFormError(null);
    setFieldErrors({});
    setNetworkId('');
    setPassword('');
  };

  const fieldError = (name: FieldName) => {
    const message = fieldErrors[name];
    return message ? renderMsg(t, message) : undefined;
  };

  return (
    <section ref={section} aria-labelledby="step-heading" data-testid="attach-page" data-step="enter">
      <h1 id="step-heading" tabIndex={-1}>
        {t('attach.enter.heading')}
      </h1>
      <p>{t('attach.enter.intro')}</p>
      <ul className="notes">
        <li>{t('attach.enter.several')}</li>
        <li>{t('register.step1.lock_note')}</li>
        <li>{t('register.step1.unknown_note')}</li>
        <li>
          <Rich
            text={t('attach.enter.bulk_note')}
            tags={{ link: (chunk) => <Link to="/contracts/bulk-request">{chunk}</Link> }}
          />
        </li>
      </ul>

      {notice && <AttachNoticeBox ref={noticeBox} notice={notice} />}

      {list.items.length > 0 && (
        <section aria-labelledby="queue-heading" className="settings-section" data-testid="attach-queue">
          <h2 id="queue-heading">{t('attach.queue.heading', { count: list.items.length })}</h2>
          <ul className="settings-list">
            {list.items.map((item) => (
              <li key={item.networkId} className="settings-list__item" data-testid="attach-queue-item" data-network-id={item.networkId}>
                <p className="settings-list__title">{item.networkId}</p>
                <p>{item.serviceName[locale]}</p>
                <p className="settings-list__meta">{t('attach.queue.expires', { time: formatClock(item.expiresAt, locale) ?? item.expiresAt })}</p>
                <button
                  type="button"
                  className="button button--small"
                  disabled={busy !== null}
                  aria-busy={busy === `remove:${item.networkId}` || undefined}
                  aria-label={t('attach.queue.remove_label', { networkId: item.networkId })}
                  data-testid="attach-remove"
                  onClick={() => remove(item.networkId)}
                >
                  {busy === `remove:${item.networkId}` ? t('form.submitting') : t('attach.queue.remove')}
                </button>
              </li>
            ))}
          </ul>
          <p className="form__note">{t('attach.queue.expires_note', { max: list.maxItems })}</p>
          {!showForm && (
            <div className="form__actions">
              <button type="button" className="button button--primary" disabled={busy !== null} data-testid="attach-confirm" onClick={onConfirm}>
                {t('attach.queue.confirm')}
              </button>
              <button type="button" className="button" disabled={busy !== null} data-testid="attach-add-another" onClick={startAdding}>
                {t('attach.queue.add_another')}
              </button>
            </div>
          )}
        </section>
      )}

      {formError && !showForm && <FormError error={formError} overrides={ATTACH_ERRORS} />}

      {showForm && (
        <section aria-labelledby="form-heading" className="settings-section">
          <h2 id="form-heading">{t(list.items.length > 0 ? 'attach.form.heading_more' : 'attach.form.heading')}</h2>
          <FormError error={formError} overrides={ATTACH_ERRORS} />
          <form className="form" noValidate onSubmit={submit} aria-labelledby="form-heading">
            <TextField
              id="attach-network-id"
              testId="attach-network-id"
              inputRef={networkIdInput}
              label={t('register.network_id.label')}
              hint={t('register.network_id.hint')}
              error={fieldError('networkId')}
              value={networkId}
              onChange={(event) => setNetworkId(event.target.value)}
              required
              autoComplete="off"
              autoCapitalize="characters"
              spellCheck={false}
              maxLength={64}
            />
            <PasswordField
              id="attach-password"
              testId="attach-password"
              label={t('register.legacy_password.label')}
              hint={t('register.legacy_password.hint')}
              error={fieldError('password')}
              value={password}
              onChange={(event) => setPassword(event.target.value)}
              required
              autoComplete="off"
            />
            <div className="form__actions">
              <SubmitButton busy={busy === 'verify'} testId="attach-submit">
                {t('register.step1.submit')}
              </SubmitButton>
              {list.items.length > 0 && (
                <button type="button" className="button button--link" disabled={busy !== null} data-testid="attach-cancel-add" onClick={cancelAdding}>
                  {t('attach.form.cancel')}
                </button>
              )}
            </div>
          </form>
        </section>
      )}
    </section>
  );
};
