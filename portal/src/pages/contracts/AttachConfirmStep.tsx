import { useEffect, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import { API, isAttachDone, postJson, unexpectedResponse, type ApiError, type AttachDone, type AttachList } from '../../api';
import { FormError } from '../../components/FormError';
import { useI18n } from '../../i18n/i18n';
import { Rich } from '../../i18n/Rich';
import { AttachNoticeBox, type AttachNotice } from './AttachNotice';

/** Confirm's answers that mean "the list changed": re-read it and show what left. */
const DROPPED = new Set(['already_linked', 'not_queued']);

/**
 * Step 2: the guide's confirmation screen: the network IDs to register and 登録する → POST confirm
 * with exactly the network IDs shown here.
 */
export const AttachConfirmStep = ({
  csrfToken,
  email,
  list,
  notice,
  autoFocus,
  onDone,
  onDropped,
  onBack,
  onSignedOut,
}: {
  csrfToken: string;
  email: string;
  list: AttachList;
  /** Network IDs dropped at the previous try. */
  notice: AttachNotice | null;
  autoFocus: boolean;
  onDone: (result: AttachDone) => void;
  /** Re-reads the list and moves on; answers an error when the list could not be read. */
  onDropped: (error: ApiError, shown: string[]) => Promise<ApiError | null>;
  onBack: () => void;
  onSignedOut: () => void;
}) => {
  const { t, locale } = useI18n();
  const [error, setError] = useState<ApiError | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const section = useRef<HTMLElement>(null);
  const noticeBox = useRef<HTMLDivElement>(null);
  const errorBox = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!autoFocus) return;
    if (notice) noticeBox.current?.focus();
    else section.current?.querySelector<HTMLElement>('h1')?.focus();
  }, [autoFocus, notice]);

  const fail = (next: ApiError) => {
    flushSync(() => {
      setError(next);
      setSubmitting(false);
    });
    errorBox.current?.focus();
  };

  const register = async () => {
    if (submitting) return;
    const shown = list.items.map((item) => item.networkId);
    setSubmitting(true);
    setError(null);
    const result = await postJson<unknown>(API.attachConfirm, { networkIds: shown }, undefined, { 'X-CSRF-Token': csrfToken });
    if (result.ok) {
      if (!isAttachDone(result.data)) return fail(unexpectedResponse(result.status));
      setSubmitting(false);
      onDone(result.data);
      return;
    }
    if (result.error.code === 'not_signed_in') return onSignedOut();
    if (DROPPED.has(result.error.code)) {
      const failed = await onDropped(result.error, shown);
      if (failed) fail(failed);
      return;
    }
    fail(result.error);
  };

  return (
    <section ref={section} aria-labelledby="step-heading" data-testid="attach-page" data-step="confirm">
      <h1 id="step-heading" tabIndex={-1}>
        {t('attach.confirm.heading')}
      </h1>
      {notice && <AttachNoticeBox ref={noticeBox} notice={notice} />}
      <p>
        <Rich
          text={t('attach.confirm.intro', { email })}
          tags={{ email: (chunk) => <strong className="email">{chunk}</strong> }}
        />
      </p>
      <div className="table-scroll">
        <table className="table" data-testid="attach-confirm-table">
          <caption className="visually-hidden">{t('attach.confirm.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('register.step2.network_id')}</th>
              <th scope="col">{t('register.step2.service')}</th>
            </tr>
          </thead>
          <tbody>
            {list.items.map((item) => (
              <tr key={item.networkId} data-testid="attach-confirm-item" data-network-id={item.networkId}>
                <th scope="row" className="table__id">
                  {item.networkId}
                </th>
                <td>{item.serviceName[locale]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <FormError ref={errorBox} error={error} />
      <div className="form__actions">
        <button
          type="button"
          className="button button--primary"
          disabled={submitting}
          aria-busy={submitting || undefined}
          data-testid="attach-register"
          onClick={register}
        >
          {submitting ? t('form.submitting') : t('attach.confirm.submit')}
        </button>
        <button type="button" className="button button--link" disabled={submitting} data-testid="attach-back" onClick={onBack}>
          {t('attach.confirm.back')}
        </button>
      </div>
    </section>
  );
};
