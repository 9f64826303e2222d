import { useI18n, useDocumentTitle } from '../i18n/i18n';
import type { MessageKey } from '../i18n/ja';
import { Link } from '../router';

/** Stands in for a flow's first step until its page is built. */
export const ComingSoonPage = ({ title }: { title: MessageKey }) => {
  const { t } = useI18n();
  useDocumentTitle(title);
  return (
    <>
      <h1 tabIndex={-1}>{t(title)}</h1>
      <p>{t('coming_soon.body')}</p>
      <p>
        <Link to="/">{t('nav.back_to_top')}</Link>
      </p>
    </>
  );
};
