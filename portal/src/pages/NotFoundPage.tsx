import { useI18n, useDocumentTitle } from '../i18n/i18n';
import { Link } from '../router';

export const NotFoundPage = () => {
  const { t } = useI18n();
  useDocumentTitle('not_found.title');
  return (
    <>
      <h1 tabIndex={-1}>{t('not_found.title')}</h1>
      <p>{t('not_found.body')}</p>
      <p>
        <Link to="/">{t('nav.back_to_top')}</Link>
      </p>
    </>
  );
};
