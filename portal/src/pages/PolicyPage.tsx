import { useEffect, useState } from 'react';
import { API, getJson, isTermsVersions, type TermsVersions } from '../api';
import { useDocumentTitle, useI18n } from '../i18n/i18n';
import { Link } from '../router';

/**
 * /terms and /privacy: placeholders until the texts are published, showing the version a consent
 * given now records (GET /api/customer/registration/terms).
 */
export const PolicyPage = ({ kind }: { kind: 'terms' | 'privacy' }) => {
  const { t } = useI18n();
  const [versions, setVersions] = useState<TermsVersions | 'loading' | 'error'>('loading');
  useDocumentTitle(kind === 'terms' ? 'terms.title' : 'privacy.title');

  useEffect(() => {
    const controller = new AbortController();
    getJson<unknown>(API.terms, controller.signal).then(
      (result) => setVersions(result.ok && isTermsVersions(result.data) ? result.data : 'error'),
      () => {
        // left the page before the answer
      },
    );
    return () => controller.abort();
  }, []);

  const version =
    typeof versions === 'object' ? (kind === 'terms' ? versions.termsVersion : versions.privacyPolicyVersion) : null;

  return (
    <>
      <h1 tabIndex={-1}>{t(kind === 'terms' ? 'terms.title' : 'privacy.title')}</h1>
      <p className="policy__version" data-testid="policy-version">
        {version
          ? t('policy.version', { version })
          : t(versions === 'loading' ? 'policy.version_loading' : 'policy.version_unknown')}
      </p>
      <p className="note">{t('policy.placeholder')}</p>
      <p>
        <Link to="/">{t('nav.back_to_top')}</Link>
      </p>
    </>
  );
};
