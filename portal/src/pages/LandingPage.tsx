import { useI18n, useDocumentTitle } from '../i18n/i18n';
import { Link } from '../router';

export const LandingPage = () => {
  const { t } = useI18n();
  useDocumentTitle('landing.title');
  return (
    <>
      <h1 tabIndex={-1}>{t('landing.title')}</h1>
      <p>{t('landing.intro.1')}</p>
      <p>{t('landing.intro.2')}</p>
      <p>{t('landing.intro.3')}</p>
      <p className="note">{t('landing.excluded')}</p>

      <section aria-labelledby="choose-heading">
        <h2 id="choose-heading">{t('landing.choose')}</h2>
        <ul className="entries">
          <li className="entry">
            <h3>{t('landing.register.heading')}</h3>
            <p>{t('landing.register.description')}</p>
            <Link to="/migration" className="button button--primary" data-testid="to-migration">
              {t('landing.register.link')}
            </Link>
          </li>
          <li className="entry">
            <h3>{t('landing.login.heading')}</h3>
            <p>{t('landing.login.description')}</p>
            <Link to="/login" className="button">
              {t('landing.login.link')}
            </Link>
          </li>
        </ul>
      </section>

      <section aria-labelledby="password-heading">
        <h2 id="password-heading">{t('landing.password.heading')}</h2>
        <p>{t('landing.password.description')}</p>
        <p>
          <Link to="/password/request">{t('landing.password.link')}</Link>
        </p>
      </section>
    </>
  );
};
