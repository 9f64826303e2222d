import type { ReactNode, Ref } from 'react';
import type { ApiError } from '../api';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/ja';
import { Link } from '../router';
import { formatClock, useNow } from '../time';

/** "Try again after 14:05" plus a live countdown (not announced every second: aria-hidden). */
const RetryAfter = ({ retryAt, withTime, withoutTime }: { retryAt?: string; withTime: MessageKey; withoutTime: MessageKey }) => {
  const { t, locale } = useI18n();
  const until = retryAt ? Date.parse(retryAt) : NaN;
  const now = useNow(Number.isFinite(until) ? until : null);
  const clock = retryAt ? formatClock(retryAt, locale) : null;
  if (!clock) return <p>{t(withoutTime)}</p>;
  const left = Math.max(0, Math.ceil((until - now) / 1000));
  return (
    <>
      <p>{t(withTime, { time: clock })}</p>
      <p className="alert__timer" aria-hidden="true" data-testid="retry-countdown">
        {left > 0
          ? t('error.countdown', { minutes: Math.floor(left / 60), seconds: String(left % 60).padStart(2, '0') })
          : t('error.countdown_done')}
      </p>
    </>
  );
};

const LoginLink = () => {
  const { t } = useI18n();
  return (
    <p>
      <Link to="/login" className="button">
        {t('error.login_link')}
      </Link>
    </p>
  );
};

/** Simple codes → one catalogue message. */
const SIMPLE: Record<string, MessageKey> = {
  invalid_credentials: 'error.invalid_credentials',
  locked_contact_support: 'error.locked_contact_support',
  cancelled_contract: 'error.cancelled_contract',
  flow_expired: 'error.flow_expired',
  link_invalid: 'error.link_invalid',
  invalid_input: 'error.invalid_input',
  invalid_code: 'error.invalid_code',
  factor_locked: 'error.factor_locked',
  wrong_step: 'error.wrong_step',
  not_signed_in: 'error.not_signed_in',
  csrf_token_invalid: 'error.csrf_token_invalid',
  step_up_required: 'error.step_up_required',
  last_factor: 'error.last_factor',
  factor_not_found: 'error.factor_not_found',
  device_not_found: 'error.device_not_found',
  invalid_phone: 'error.invalid_phone',
  code_expired: 'error.code_expired',
  code_attempts_exhausted: 'error.code_attempts_exhausted',
  email_requires_other_factor: 'error.email_requires_other_factor',
  already_linked_here: 'error.already_linked_here',
  attach_list_full: 'error.attach_list_full',
  not_queued: 'error.not_queued',
  bulk_not_consolidated: 'error.bulk_not_consolidated',
  network_error: 'error.network',
  server_error: 'error.server',
};

/** A page's own wording for some codes (the same code can mean a network ID or an email address). */
export type ErrorOverrides = Partial<Record<string, MessageKey>>;

/**
 * The localized text for an API error code (docs/api-customer-registration.md, api-customer-login.md,
 * api-customer-contracts.md).
 */
export const ApiErrorMessage = ({ error, overrides }: { error: ApiError; overrides?: ErrorOverrides }) => {
  const { t, locale } = useI18n();
  const own = overrides?.[error.code];
  if (own) return <p>{t(own)}</p>;
  switch (error.code) {
    case 'locked':
      return <RetryAfter retryAt={error.retryAt} withTime="error.locked" withoutTime="error.locked_no_time" />;
    case 'rate_limited':
      return (
        <RetryAfter retryAt={error.retryAt} withTime="error.rate_limited" withoutTime="error.rate_limited_no_time" />
      );
    case 'send_cooldown':
    case 'send_limit':
      if (typeof error.retryAfterSeconds === 'number') {
        return <p>{t(error.code === 'send_cooldown' ? 'error.send_cooldown' : 'error.send_limit', { seconds: error.retryAfterSeconds })}</p>;
      }
      return <RetryAfter retryAt={error.retryAt} withTime="error.rate_limited" withoutTime="error.rate_limited_no_time" />;
    case 'excluded_service':
      return (
        <p>
          {t('error.excluded_service', {
            service: error.serviceName ? error.serviceName[locale] : t('error.excluded_service.unnamed'),
          })}
        </p>
      );
    case 'post_cutover_contract':
      return (
        <>
          <p>{t('error.post_cutover_contract')}</p>
          <LoginLink />
        </>
      );
    case 'already_linked':
      return (
        <>
          <p>{t('error.already_linked')}</p>
          <LoginLink />
        </>
      );
    case 'bulk_request_open':
      return <p>{t('error.bulk_request_open', { number: error.ticketNumber ?? '—' })}</p>;
    case 'bulk_too_few_contracts':
      return typeof error.infosphereContracts === 'number' ? (
        <p>{t('error.bulk_too_few_contracts', { count: error.infosphereContracts, minimum: error.minimum ?? 5 })}</p>
      ) : (
        <p>{t('error.bulk_too_few_contracts_no_count', { minimum: error.minimum ?? 5 })}</p>
      );
    case 'invalid_input':
    case 'validation_failed':
      return (
        <>
          <p>{t('error.invalid_input')}</p>
          {error.errors.length > 0 && (
            <ul>
              {error.errors.map((item) => (
                <li key={`${item.field}:${item.message}`}>
                  {item.field}: {item.message}
                </li>
              ))}
            </ul>
          )}
        </>
      );
    default: {
      const key = SIMPLE[error.code];
      if (key) return <p>{t(key)}</p>;
      return <p>{t('error.unexpected', { code: error.code })}</p>;
    }
  }
};

/**
 * The form's top-level error (`data-testid="form-error"`, `data-code` = the API code). Focusable: pages
 * move focus here after a failed submit, so screen readers read it.
 */
export const FormError = ({
  error,
  overrides,
  children,
  ref,
  testId = 'form-error',
}: {
  error: ApiError | null;
  overrides?: ErrorOverrides;
  children?: ReactNode;
  ref?: Ref<HTMLDivElement>;
  /** `settings-error` on the factor settings page. */
  testId?: string;
}) => {
  if (!error) return null;
  return (
    <div
      ref={ref}
      className="alert alert--error"
      tabIndex={-1}
      data-testid={testId}
      data-code={error.code}
    >
      <ApiErrorMessage error={error} overrides={overrides} />
      {children}
    </div>
  );
};
