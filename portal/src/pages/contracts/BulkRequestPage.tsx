import { useEffect, useRef, useState, type FormEvent } from 'react';
import { flushSync } from 'react-dom';
import { API, isBulkOverview, isBulkRequest, postJson, unexpectedResponse, type ApiError, type BulkOverview, type BulkRequest } from '../../api';
import { CheckboxField, SubmitButton } from '../../components/Field';
import { FormError } from '../../components/FormError';
import { useDocumentTitle, useI18n } from '../../i18n/i18n';
import { Rich } from '../../i18n/Rich';
import { Link } from '../../router';
import { formatDate } from '../../time';
import { BulkRequestSummary, loadSignedIn, PageState, type Loaded } from './parts';

/** The guide's remark for customers whose Top Cruise invoices are consolidated with InfoSphere. */
const TOP_CRUISE_REMARK = 'トップクルーズ契約';

/** Refusals that send the customer to attaching one by one (§4.3). */
const ONE_BY_ONE = new Set(['bulk_not_consolidated', 'bulk_too_few_contracts']);

const AttachLink = (chunk: string) => <Link to="/contracts/attach">{chunk}</Link>;

/** The guide's conditions for the desk's bulk transfer (§4.4). */
const Conditions = () => {
  const { t } = useI18n();
  return (
    <section aria-labelledby="conditions-heading">
      <h2 id="conditions-heading">{t('bulk.conditions.heading')}</h2>
      <ul>
        <li>{t('bulk.conditions.count')}</li>
        <li>{t('bulk.conditions.consolidated')}</li>
      </ul>
      <p>
        <Rich text={t('bulk.conditions.otherwise')} tags={{ link: AttachLink }} />
      </p>
      <p className="note">{t('bulk.conditions.wait')}</p>
    </section>
  );
};

/**
 * /contracts/bulk-request (domain.md §4.4): the customer asks the desk to move all contracts of a
 * consolidated billing account at once. The request's fields come prefilled from the login account
 * (GET /api/customer/bulk-transfer); the customer only says whether Top Cruise is billed together.
 */
export const BulkRequestPage = () => {
  const { t, locale } = useI18n();
  useDocumentTitle('bulk.title');
  const [view, setView] = useState<Loaded<BulkOverview>>({ kind: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const [topCruise, setTopCruise] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [done, setDone] = useState<BulkRequest | null>(null);
  const section = useRef<HTMLElement>(null);
  const errorBox = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const controller = new AbortController();
    loadSignedIn(API.bulkTransfer, isBulkOverview, controller.signal).then(setView, () => {
      // aborted: the page was left
    });
    return () => controller.abort();
  }, [attempt]);

  const date = (iso: string) => formatDate(iso, locale) ?? iso;

  if (view.kind !== 'ready') {
    return (
      <section aria-labelledby="page-heading" data-testid="bulk-page">
        <h1 id="page-heading" tabIndex={-1}>
          {t('bulk.title')}
        </h1>
        <PageState
          view={view}
          loading="bulk.loading"
          onRetry={() => {
            setView({ kind: 'loading' });
            setAttempt((n) => n + 1);
          }}
        />
      </section>
    );
  }

  const { session, data } = view;
  const { prefill, eligibility, request } = data;

  if (done) {
    return (
      <section ref={section} aria-labelledby="page-heading" data-testid="bulk-done">
        <h1 id="page-heading" tabIndex={-1}>
          {t('bulk.done.heading')}
        </h1>
        <div className="alert alert--ok">
          <p className="ticket">
            <Rich
              text={t('bulk.done.number', { number: done.number })}
              tags={{ number: (chunk) => <strong className="ticket__number" data-testid="bulk-ticket-number">{chunk}</strong> }}
            />
          </p>
          <p>
            <Rich
              text={t('bulk.done.sent', { email: prefill.email })}
              tags={{ email: (chunk) => <strong className="email" data-testid="bulk-done-email">{chunk}</strong> }}
            />
          </p>
          <p>{t('bulk.done.next')}</p>
          {done.dueAt && <p>{t('bulk.done.due', { date: date(done.dueAt) })}</p>}
        </div>
        <div className="form__actions">
          <Link to="/contracts" className="button button--primary" data-testid="bulk-done-contracts">
            {t('bulk.done.contracts')}
          </Link>
        </div>
      </section>
    );
  }

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (submitting) return;
    setSubmitting(true);
    setError(null);
    const result = await postJson<unknown>(API.bulkTransfer, { topCruise }, undefined, { 'X-CSRF-Token': session.csrfToken });
    if (result.ok && isBulkRequest(result.data)) {
      flushSync(() => {
        setSubmitting(false);
        setDone(result.data as BulkRequest);
      });
      window.scrollTo(0, 0);
      section.current?.querySelector<HTMLElement>('h1')?.focus();
      return;
    }
    if (!result.ok && result.error.code === 'not_signed_in') {
      setView({ kind: 'signed_out' });
      return;
    }
    flushSync(() => {
      setSubmitting(false);
      setError(result.ok ? unexpectedResponse(result.status) : result.error);
    });
    errorBox.current?.focus();
  };

  const openRequest = request?.open ? request : null;

  return (
    <section ref={section} aria-labelledby="page-heading" data-testid="bulk-page">
      <h1 id="page-heading" tabIndex={-1}>
        {t('bulk.title')}
      </h1>
      <p>
        <Link to="/contracts" data-testid="bulk-back">
          {t('bulk.back')}
        </Link>
      </p>
      <p>{t('bulk.intro')}</p>

      {openRequest ? (
        <BulkRequestSummary request={openRequest} heading={t('bulk.open.heading')}>
          <p>{t('bulk.open.note')}</p>
        </BulkRequestSummary>
      ) : (
        <>
          <Conditions />
          {request && <BulkRequestSummary request={request} heading={t('bulk.previous.heading')} />}

          <section aria-labelledby="eligibility-heading" data-testid="bulk-eligibility" data-eligible={eligibility.eligible}>
            <h2 id="eligibility-heading">{t('bulk.eligibility.heading')}</h2>
            <div className="verified">
              <dl className="verified__list">
                <div>
                  <dt>{t('bulk.eligibility.consolidated')}</dt>
                  <dd data-testid="bulk-consolidated" data-value={eligibility.consolidated}>
                    {t(eligibility.consolidated ? 'bulk.eligibility.yes' : 'bulk.eligibility.no')}
                  </dd>
                </div>
                <div>
                  <dt>{t('bulk.eligibility.count')}</dt>
                  <dd data-testid="bulk-contract-count" data-value={eligibility.infosphereContracts}>
                    {t('bulk.eligibility.count_value', { count: eligibility.infosphereContracts, minimum: eligibility.minimum })}
                  </dd>
                </div>
              </dl>
            </div>
          </section>

          {!eligibility.eligible ? (
            <div className="alert" data-testid="bulk-ineligible" data-reason={eligibility.consolidated ? 'too_few' : 'not_consolidated'}>
              <p>
                <Rich
                  text={
                    eligibility.consolidated
                      ? t('bulk.ineligible.too_few', { count: eligibility.infosphereContracts, minimum: eligibility.minimum })
                      : t('bulk.ineligible.not_consolidated')
                  }
                  tags={{ link: AttachLink }}
                />
              </p>
            </div>
          ) : (
            <section aria-labelledby="form-heading">
              <h2 id="form-heading">{t('bulk.form.heading')}</h2>
              <p>{t('bulk.form.intro')}</p>
              <form className="form" noValidate onSubmit={submit} aria-labelledby="form-heading">
                <div className="verified" data-testid="bulk-prefill">
                  <dl className="verified__list">
                    <div>
                      <dt>{t('bulk.field.category')}</dt>
                      <dd data-testid="bulk-prefill-category">{prefill.inquiryCategory[locale]}</dd>
                    </div>
                    <div>
                      <dt>{t('bulk.field.email')}</dt>
                      <dd className="email" data-testid="bulk-prefill-email">
                        {prefill.email}
                      </dd>
                    </div>
                    <div>
                      <dt>{t('bulk.field.network_id')}</dt>
                      <dd data-testid="bulk-prefill-network-id">{prefill.networkId}</dd>
                    </div>
                    <div>
                      <dt>{t('bulk.field.remark')}</dt>
                      <dd data-testid="bulk-remark" aria-live="polite">{topCruise ? TOP_CRUISE_REMARK : t('bulk.field.remark_empty')}</dd>
                    </div>
                  </dl>
                </div>
                <CheckboxField
                  id="bulk-top-cruise"
                  testId="bulk-top-cruise"
                  label={t('bulk.top_cruise.label')}
                  hint={t('bulk.top_cruise.hint')}
                  checked={topCruise}
                  onChange={(event) => setTopCruise(event.target.checked)}
                />
                <FormError ref={errorBox} error={error}>
                  {error && ONE_BY_ONE.has(error.code) && (
                    <p>
                      <Rich text={t('bulk.one_by_one')} tags={{ link: AttachLink }} />
                    </p>
                  )}
                </FormError>
                <div className="form__actions">
                  <SubmitButton busy={submitting} testId="bulk-submit">
                    {t('bulk.submit')}
                  </SubmitButton>
                </div>
              </form>
            </section>
          )}
        </>
      )}
    </section>
  );
};
