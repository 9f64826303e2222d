import { useEffect, useRef, useState, type FormEvent } from 'react';
import { flushSync } from 'react-dom';
import {
  API,
  getJson,
  isBulkOverview,
  isContractPage,
  unexpectedResponse,
  type ApiError,
  type BulkRequest,
  type ContractPage,
} from '../../api';
import { FormError } from '../../components/FormError';
import { useDocumentTitle, useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/ja';
import { Link } from '../../router';
import { formatDate } from '../../time';
import { BulkRequestSummary, NotSignedIn } from './parts';

const PAGE_SIZE = 50;

/** The service types a linked contract can have (InfoSphere ones; the API's `serviceType` codes). */
const SERVICE_TYPES: ReadonlyArray<readonly [code: string, key: MessageKey]> = [
  ['fiber', 'contracts.service.fiber'],
  ['adsl', 'contracts.service.adsl'],
  ['dialup', 'contracts.service.dialup'],
  ['mail_web', 'contracts.service.mail_web'],
];

const STATUS: Record<string, MessageKey> = { active: 'contracts.status.active', cancelled: 'contracts.status.cancelled' };

const LINKED_VIA: Record<string, MessageKey> = {
  self_service: 'contracts.via.self_service',
  bulk_ticket: 'contracts.via.bulk_ticket',
  agent: 'contracts.via.agent',
};

interface Filters {
  status: string;
  serviceType: string;
  q: string;
}

const NO_FILTERS: Filters = { status: '', serviceType: '', q: '' };

type List =
  | { kind: 'loading' }
  | { kind: 'ready'; page: ContractPage }
  | { kind: 'signed_out' }
  | { kind: 'unavailable'; error: ApiError };

/** The latest bulk-transfer request, if any; a failed load only hides the box (the list still shows). */
type Bulk = { kind: 'loading' } | { kind: 'ready'; request: BulkRequest | null } | { kind: 'unavailable'; error: ApiError };

const listPath = (filters: Filters, offset: number): string => {
  const query = new URLSearchParams();
  if (filters.status) query.set('status', filters.status);
  if (filters.serviceType) query.set('serviceType', filters.serviceType);
  if (filters.q.trim()) query.set('q', filters.q.trim());
  query.set('offset', String(offset));
  query.set('limit', String(PAGE_SIZE));
  return `${API.contracts}?${query.toString()}`;
};

/**
 * /contracts (domain.md §4.5): every contract linked to the login account, with filters and paging
 * (GET /api/customer/contracts), the latest bulk-transfer request (GET /api/customer/bulk-transfer),
 * and the ways to add more contracts (§4.3, §4.4).
 */
export const ContractsPage = () => {
  const { t, locale } = useI18n();
  useDocumentTitle('contracts.title');
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [draft, setDraft] = useState<Filters>(NO_FILTERS);
  const [offset, setOffset] = useState(0);
  const [list, setList] = useState<List>({ kind: 'loading' });
  const [bulk, setBulk] = useState<Bulk>({ kind: 'loading' });
  const [attempt, setAttempt] = useState(0);
  // Focus the result line after the customer filtered or paged (not on the first load).
  const moved = useRef(false);
  const resultLine = useRef<HTMLParagraphElement>(null);
  const errorBox = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const controller = new AbortController();
    setList({ kind: 'loading' });
    getJson<unknown>(listPath(filters, offset), controller.signal).then(
      (result) => {
        const next: List = result.ok
          ? isContractPage(result.data)
            ? { kind: 'ready', page: result.data }
            : { kind: 'unavailable', error: unexpectedResponse(result.status) }
          : result.error.code === 'not_signed_in'
            ? { kind: 'signed_out' }
            : { kind: 'unavailable', error: result.error };
        flushSync(() => setList(next));
        if (!moved.current) return;
        if (next.kind === 'ready') resultLine.current?.focus();
        else if (next.kind === 'unavailable') errorBox.current?.focus();
      },
      () => {
        // aborted: filters changed or the page was left
      },
    );
    return () => controller.abort();
  }, [filters, offset, attempt]);

  useEffect(() => {
    const controller = new AbortController();
    getJson<unknown>(API.bulkTransfer, controller.signal).then(
      (result) => {
        if (result.ok && isBulkOverview(result.data)) setBulk({ kind: 'ready', request: result.data.request });
        else setBulk({ kind: 'unavailable', error: result.ok ? unexpectedResponse(result.status) : result.error });
      },
      () => {
        // aborted: the page was left
      },
    );
    return () => controller.abort();
  }, [attempt]);

  const apply = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    moved.current = true;
    setOffset(0);
    setFilters({ ...draft });
  };

  const clear = () => {
    moved.current = true;
    setDraft(NO_FILTERS);
    setOffset(0);
    setFilters(NO_FILTERS);
  };

  const page = (to: number) => {
    moved.current = true;
    setOffset(Math.max(0, to));
  };

  const filtered = filters.status !== '' || filters.serviceType !== '' || filters.q.trim() !== '';
  const date = (iso: string) => formatDate(iso, locale) ?? iso;

  if (list.kind === 'signed_out') {
    return (
      <section aria-labelledby="page-heading" data-testid="contracts-page">
        <h1 id="page-heading" tabIndex={-1}>
          {t('contracts.title')}
        </h1>
        <NotSignedIn />
      </section>
    );
  }

  return (
    <section aria-labelledby="page-heading" data-testid="contracts-page">
      <h1 id="page-heading" tabIndex={-1}>
        {t('contracts.title')}
      </h1>
      <p>
        <Link to="/account" data-testid="contracts-back">
          {t('contracts.back')}
        </Link>
      </p>

      {bulk.kind === 'ready' && bulk.request && (
        <BulkRequestSummary request={bulk.request} heading={t('bulk.status.heading')} />
      )}
      {bulk.kind === 'unavailable' && bulk.error.code !== 'not_signed_in' && (
        <p className="note" data-testid="bulk-status-unavailable">
          {t('contracts.bulk_unavailable')}
        </p>
      )}

      <section aria-labelledby="add-heading" className="settings-section">
        <h2 id="add-heading">{t('contracts.add.heading')}</h2>
        <ul className="entries">
          <li className="entry">
            <p>{t('contracts.add.attach_note')}</p>
            <Link to="/contracts/attach" className="button button--primary" data-testid="contracts-attach-link">
              {t('contracts.attach_link')}
            </Link>
          </li>
          <li className="entry">
            <p>{t('contracts.add.bulk_note')}</p>
            <Link to="/contracts/bulk-request" className="button" data-testid="contracts-bulk-link">
              {t('contracts.bulk_link')}
            </Link>
          </li>
        </ul>
      </section>

      <section aria-labelledby="list-heading" className="settings-section">
        <h2 id="list-heading">{t('contracts.list.heading')}</h2>
        <form className="filters" noValidate onSubmit={apply} aria-label={t('contracts.filter.label')} role="search">
          <div className="field">
            <label className="field__label" htmlFor="contracts-filter-status">
              {t('contracts.filter.status')}
            </label>
            <select
              id="contracts-filter-status"
              className="field__input"
              data-testid="contracts-filter-status"
              value={draft.status}
              onChange={(event) => setDraft({ ...draft, status: event.target.value })}
            >
              <option value="">{t('contracts.filter.all')}</option>
              {Object.entries(STATUS).map(([code, key]) => (
                <option key={code} value={code}>
                  {t(key)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label className="field__label" htmlFor="contracts-filter-service">
              {t('contracts.filter.service')}
            </label>
            <select
              id="contracts-filter-service"
              className="field__input"
              data-testid="contracts-filter-service"
              value={draft.serviceType}
              onChange={(event) => setDraft({ ...draft, serviceType: event.target.value })}
            >
              <option value="">{t('contracts.filter.all')}</option>
              {SERVICE_TYPES.map(([code, key]) => (
                <option key={code} value={code}>
                  {t(key)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label className="field__label" htmlFor="contracts-filter-q">
              {t('contracts.filter.q')}
            </label>
            <input
              id="contracts-filter-q"
              type="search"
              className="field__input"
              data-testid="contracts-filter-q"
              value={draft.q}
              onChange={(event) => setDraft({ ...draft, q: event.target.value })}
              aria-describedby="contracts-filter-q-hint"
              autoCapitalize="characters"
              spellCheck={false}
              maxLength={32}
            />
            <div id="contracts-filter-q-hint" className="field__hint">
              {t('contracts.filter.q_hint')}
            </div>
          </div>
          <div className="form__actions filters__actions">
            <button type="submit" className="button button--primary" data-testid="contracts-filter-submit">
              {t('contracts.filter.submit')}
            </button>
            <button type="button" className="button button--link" data-testid="contracts-filter-clear" onClick={clear}>
              {t('contracts.filter.clear')}
            </button>
          </div>
        </form>

        {list.kind === 'loading' && (
          <p role="status" data-testid="contracts-loading">
            {t('contracts.loading')}
          </p>
        )}
        {list.kind === 'unavailable' && (
          <FormError ref={errorBox} error={list.error}>
            <p>
              <button type="button" className="button" onClick={() => setAttempt((n) => n + 1)}>
                {t('form.retry')}
              </button>
            </p>
          </FormError>
        )}
        {list.kind === 'ready' && (
          <>
            <p
              ref={resultLine}
              className="contracts-range"
              tabIndex={-1}
              role="status"
              data-testid="contracts-range"
              data-total={list.page.total}
            >
              {list.page.items.length === 0
                ? t(filtered ? 'contracts.none_filtered' : 'contracts.none')
                : t('contracts.range', {
                    from: offset + 1,
                    to: offset + list.page.items.length,
                    total: list.page.total,
                  })}
            </p>
            {list.page.items.length > 0 && (
              <div className="table-scroll">
                <table className="table" data-testid="contracts-table">
                  <caption className="visually-hidden">{t('contracts.list.heading')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('contracts.col.network_id')}</th>
                      <th scope="col">{t('contracts.col.service')}</th>
                      <th scope="col">{t('contracts.col.status')}</th>
                      <th scope="col">{t('contracts.col.linked_at')}</th>
                      <th scope="col">{t('contracts.col.linked_via')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {list.page.items.map((item) => (
                      <tr
                        key={item.networkId}
                        data-testid="contracts-row"
                        data-network-id={item.networkId}
                        data-status={item.status}
                        data-linked-via={item.linkedVia}
                      >
                        <th scope="row" className="table__id">
                          {item.networkId}
                        </th>
                        <td>{item.serviceName[locale]}</td>
                        <td className={item.status === 'cancelled' ? 'table__muted' : undefined}>
                          {STATUS[item.status] ? t(STATUS[item.status]) : item.status}
                        </td>
                        <td>{date(item.linkedAt)}</td>
                        <td>{LINKED_VIA[item.linkedVia] ? t(LINKED_VIA[item.linkedVia]) : item.linkedVia}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
            {list.page.total > PAGE_SIZE && (
              <nav className="paging" aria-label={t('contracts.paging.label')}>
                <button
                  type="button"
                  className="button"
                  disabled={offset === 0}
                  data-testid="contracts-prev"
                  onClick={() => page(offset - PAGE_SIZE)}
                >
                  {t('contracts.paging.prev')}
                </button>
                <button
                  type="button"
                  className="button"
                  disabled={offset + PAGE_SIZE >= list.page.total}
                  data-testid="contracts-next"
                  onClick={() => page(offset + PAGE_SIZE)}
                >
                  {t('contracts.paging.next')}
                </button>
              </nav>
            )}
          </>
        )}
      </section>
    </section>
  );
};
