import { useEffect, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import { API, getJson, isCustomerSession, postJson, unexpectedResponse, type ApiError, type CustomerSession } from '../api';
import { FormError } from '../components/FormError';
import { useDocumentTitle, useI18n } from '../i18n/i18n';
import { Rich } from '../i18n/Rich';
import { Link, navigate } from '../router';
import { setLoginNotice } from './login/flow';

type View =
  | { kind: 'loading' }
  | { kind: 'signed_in'; session: CustomerSession }
  | { kind: 'signed_out' }
  | { kind: 'unavailable'; error: ApiError };

/**
 * /account: who is signed in (GET /api/customer/session) and logout (POST /api/customer/logout with the
 * session's CSRF token), with links to the contracts (/contracts) and the factor settings.
 */
export const AccountPage = () => {
  const { t } = useI18n();
  const [view, setView] = useState<View>({ kind: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const [logoutError, setLogoutError] = useState<ApiError | null>(null);
  const [leaving, setLeaving] = useState(false);
  const errorBox = useRef<HTMLDivElement>(null);
  useDocumentTitle('account.title');

  useEffect(() => {
    const controller = new AbortController();
    getJson<unknown>(API.session, controller.signal).then(
      (result) => {
        if (result.ok && isCustomerSession(result.data)) setView({ kind: 'signed_in', session: result.data });
        else if (!result.ok && result.error.code === 'not_signed_in') setView({ kind: 'signed_out' });
        else setView({ kind: 'unavailable', error: result.ok ? unexpectedResponse(result.status) : result.error });
      },
      () => {
        // aborted: the page was left
      },
    );
    return () => controller.abort();
  }, [attempt]);

  const logout = async (session: CustomerSession) => {
    if (leaving) return;
    setLeaving(true);
    setLogoutError(null);
    const result = await postJson<unknown>(API.logout, {}, undefined, { 'X-CSRF-Token': session.csrfToken });
    // Already signed out elsewhere (or the session ran out): the outcome the customer asked for.
    if (result.ok || result.error.code === 'not_signed_in') {
      setLoginNotice('signed_out');
      navigate('/login', { replace: true });
      return;
    }
    flushSync(() => {
      setLogoutError(result.error);
      setLeaving(false);
    });
    errorBox.current?.focus();
  };

  return (
    <section aria-labelledby="page-heading" data-testid="account">
      <h1 id="page-heading" tabIndex={-1}>
        {t('account.title')}
      </h1>
      {view.kind === 'loading' && <p role="status">{t('account.loading')}</p>}
      {view.kind === 'unavailable' && (
        <FormError error={view.error}>
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
      {view.kind === 'signed_in' && (
        <>
          <p className="signed-in">
            <Rich
              text={t('account.signed_in_as', { email: view.session.email })}
              tags={{ email: (chunk) => <strong className="email" data-testid="signed-in-email">{chunk}</strong> }}
            />
          </p>
          <p>
            <Link to="/contracts" data-testid="contracts-link">
              {t('account.contracts_link')}
            </Link>
          </p>
          <p>
            <Link to="/account/security" data-testid="security-link">
              {t('account.security_link')}
            </Link>
          </p>
          <FormError ref={errorBox} error={logoutError} />
          <div className="form__actions">
            <button
              type="button"
              className="button"
              disabled={leaving}
              aria-busy={leaving || undefined}
              data-testid="logout"
              onClick={() => logout(view.session)}
            >
              {leaving ? t('form.submitting') : t('account.logout')}
            </button>
          </div>
        </>
      )}
    </section>
  );
};
