import type { ReactNode } from 'react';
import {
  API,
  getJson,
  isCustomerSession,
  unexpectedResponse,
  type ApiError,
  type BulkRequest,
  type CustomerSession,
} from '../../api';
import { FormError } from '../../components/FormError';
import { useI18n, type Translate } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/ja';
import { Link } from '../../router';
import { formatDate } from '../../time';

/** A signed-in page's data: loading, the data with the session (its CSRF token), or why not. */
export type Loaded<T> =
  | { kind: 'loading' }
  | { kind: 'ready'; session: CustomerSession; data: T }
  | { kind: 'signed_out' }
  | { kind: 'unavailable'; error: ApiError };

/** GET /api/customer/session, then `path` (its answer checked by `guard`). */
export const loadSignedIn = async <T,>(path: string, guard: (value: unknown) => value is T, signal: AbortSignal): Promise<Loaded<T>> => {
  const session = await getJson<unknown>(API.session, signal);
  if (!session.ok) return session.error.code === 'not_signed_in' ? { kind: 'signed_out' } : { kind: 'unavailable', error: session.error };
  if (!isCustomerSession(session.data)) return { kind: 'unavailable', error: unexpectedResponse(session.status) };
  const data = await getJson<unknown>(path, signal);
  if (!data.ok) return data.error.code === 'not_signed_in' ? { kind: 'signed_out' } : { kind: 'unavailable', error: data.error };
  if (!guard(data.data)) return { kind: 'unavailable', error: unexpectedResponse(data.status) };
  return { kind: 'ready', session: session.data, data: data.data };
};

/** The "please sign in" box, as on /account. */
export const NotSignedIn = () => {
  const { t } = useI18n();
  return (
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
  );
};

/** Loading, signed out or a failed load (with a retry), for the states before a page has its data. */
export const PageState = ({ view, loading, onRetry }: { view: Loaded<unknown>; loading: MessageKey; onRetry: () => void }) => {
  const { t } = useI18n();
  switch (view.kind) {
    case 'loading':
      return <p role="status">{t(loading)}</p>;
    case 'signed_out':
      return <NotSignedIn />;
    case 'unavailable':
      return (
        <FormError error={view.error}>
          <p>
            <button type="button" className="button" onClick={onRetry}>
              {t('form.retry')}
            </button>
          </p>
        </FormError>
      );
    default:
      return null;
  }
};

/** Ticket states (domain.md §5) as words; an unknown state shows its code. */
const BULK_STATES: Record<string, MessageKey> = {
  received: 'bulk.state.received',
  validating: 'bulk.state.validating',
  needs_review: 'bulk.state.needs_review',
  auto_rejected: 'bulk.state.auto_rejected',
  approved: 'bulk.state.approved',
  processing: 'bulk.state.processing',
  completed: 'bulk.state.completed',
  partially_completed: 'bulk.state.partially_completed',
  failed: 'bulk.state.failed',
  rejected: 'bulk.state.rejected',
  cancelled: 'bulk.state.cancelled',
};

export const bulkStateLabel = (t: Translate, state: string): string => {
  const key = BULK_STATES[state];
  return key ? t(key) : t('bulk.state.other', { code: state });
};

/** A bulk-transfer request: number, state in words, received date, due date while open. */
export const BulkRequestSummary = ({ request, heading, children }: { request: BulkRequest; heading: string; children?: ReactNode }) => {
  const { t, locale } = useI18n();
  const date = (iso: string) => formatDate(iso, locale) ?? iso;
  return (
    <section className="panel bulk-request" aria-labelledby="bulk-request-heading" data-testid="bulk-request" data-state={request.state} data-open={request.open}>
      <h2 id="bulk-request-heading">
        {heading}
      </h2>
      <dl className="verified__list">
        <div>
          <dt>{t('bulk.status.number')}</dt>
          <dd data-testid="bulk-request-number">{request.number}</dd>
        </div>
        <div>
          <dt>{t('bulk.status.state')}</dt>
          <dd data-testid="bulk-request-state">{bulkStateLabel(t, request.state)}</dd>
        </div>
        <div>
          <dt>{t('bulk.status.received_at')}</dt>
          <dd>{date(request.receivedAt)}</dd>
        </div>
        {request.open && request.dueAt && (
          <div>
            <dt>{t('bulk.status.due_at')}</dt>
            <dd data-testid="bulk-request-due">{date(request.dueAt)}</dd>
          </div>
        )}
        <div>
          <dt>{t('bulk.field.remark')}</dt>
          <dd>{request.remark || t('bulk.field.remark_empty')}</dd>
        </div>
        {(request.state === 'completed' || request.state === 'partially_completed') && (
          <div>
            <dt>{t('bulk.status.linked')}</dt>
            <dd data-testid="bulk-request-linked">{t('bulk.status.linked_count', { count: String(request.linkedCount ?? 0) })}</dd>
          </div>
        )}
      </dl>
      <p className="form__note">{t(request.open ? 'bulk.status.open_note' : 'bulk.status.closed_note')}</p>
      {children}
    </section>
  );
};
