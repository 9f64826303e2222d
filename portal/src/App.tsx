import { useEffect, useRef, type ReactNode } from 'react';
import { ReadyState } from './components/ReadyState';
import { I18nProvider, useI18n } from './i18n/i18n';
import { AccountPage } from './pages/AccountPage';
import { AttachPage } from './pages/contracts/AttachPage';
import { BulkRequestPage } from './pages/contracts/BulkRequestPage';
import { ContractsPage } from './pages/contracts/ContractsPage';
import { LandingPage } from './pages/LandingPage';
import { LoginPage } from './pages/login/LoginPage';
import { MigrationPage } from './pages/MigrationPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { PasswordRequestPage } from './pages/password/PasswordRequestPage';
import { PasswordSetPage } from './pages/password/PasswordSetPage';
import { PolicyPage } from './pages/PolicyPage';
import { RegisterPage } from './pages/register/RegisterPage';
import { SecurityPage } from './pages/security/SecurityPage';
import { Link, usePath } from './router';

/** One page per path; each flow gets its own page component per step as it is built. */
const pageFor = (path: string): ReactNode => {
  switch (path) {
    case '/':
      return <LandingPage />;
    case '/migration':
      return <MigrationPage />;
    case '/register':
      return <RegisterPage />;
    case '/password/set':
      return <PasswordSetPage />;
    case '/password/request':
      return <PasswordRequestPage />;
    case '/terms':
      return <PolicyPage key="terms" kind="terms" />;
    case '/privacy':
      return <PolicyPage key="privacy" kind="privacy" />;
    case '/login':
      return <LoginPage />;
    case '/account':
      return <AccountPage />;
    case '/account/security':
      return <SecurityPage />;
    case '/contracts':
      return <ContractsPage />;
    case '/contracts/attach':
      return <AttachPage />;
    case '/contracts/bulk-request':
      return <BulkRequestPage />;
    default:
      return <NotFoundPage />;
  }
};

const LocaleToggle = () => {
  const { locale, setLocale, t } = useI18n();
  return (
    <button
      type="button"
      className="locale-toggle"
      lang={t('locale.other_code')}
      onClick={() => setLocale(locale === 'ja' ? 'en' : 'ja')}
    >
      {t('locale.other')}
    </button>
  );
};

const Shell = () => {
  const { t } = useI18n();
  const path = usePath();
  const main = useRef<HTMLElement>(null);
  const firstRender = useRef(true);

  // After an in-page navigation, move focus to the new page's heading so screen readers announce it.
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    main.current?.querySelector<HTMLElement>('h1')?.focus();
  }, [path]);

  return (
    <>
      <a className="skip-link" href="#main">
        {t('site.skip_to_content')}
      </a>
      <header className="site-header">
        <div className="container site-header__inner">
          <Link to="/" className="site-name">
            <span className="site-name__service">{t('site.service')}</span> {t('site.name')}
          </Link>
          <LocaleToggle />
        </div>
      </header>
      <main id="main" ref={main} className="container site-main">
        {pageFor(path)}
      </main>
      <footer className="site-footer">
        <div className="container">
          <ReadyState />
        </div>
      </footer>
    </>
  );
};

export const App = () => (
  <I18nProvider>
    <Shell />
  </I18nProvider>
);
