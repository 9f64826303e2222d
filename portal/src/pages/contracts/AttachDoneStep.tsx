import { useEffect, useRef } from 'react';
import type { AttachDone } from '../../api';
import { useI18n } from '../../i18n/i18n';
import { Rich } from '../../i18n/Rich';
import { Link } from '../../router';

/** Step 3: the completion screen: what was linked, and the mail that went to the login account. */
export const AttachDoneStep = ({ result, autoFocus, onMore }: { result: AttachDone; autoFocus: boolean; onMore: () => void }) => {
  const { t, locale } = useI18n();
  const section = useRef<HTMLElement>(null);

  useEffect(() => {
    if (autoFocus) section.current?.querySelector<HTMLElement>('h1')?.focus();
  }, [autoFocus]);

  return (
    <section ref={section} aria-labelledby="step-heading" data-testid="attach-done">
      <h1 id="step-heading" tabIndex={-1}>
        {t('attach.done.heading')}
      </h1>
      <div className="alert alert--ok">
        <p>{t('attach.done.intro', { count: result.linked.length })}</p>
        <ul className="id-list">
          {result.linked.map((item) => (
            <li key={item.networkId} data-testid="attach-done-item" data-network-id={item.networkId}>
              {t('attach.done.item', { networkId: item.networkId, service: item.serviceName[locale] })}
            </li>
          ))}
        </ul>
        <p>
          <Rich
            text={t('attach.done.sent', { email: result.email })}
            tags={{ email: (chunk) => <strong className="email" data-testid="attach-done-email">{chunk}</strong> }}
          />
        </p>
      </div>
      <div className="form__actions">
        <Link to="/contracts" className="button button--primary" data-testid="attach-done-contracts">
          {t('attach.done.contracts')}
        </Link>
        <button type="button" className="button" data-testid="attach-more" onClick={onMore}>
          {t('attach.done.more')}
        </button>
      </div>
    </section>
  );
};
