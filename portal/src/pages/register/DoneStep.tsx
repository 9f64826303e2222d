import { useEffect, useRef } from 'react';
import { useI18n } from '../../i18n/i18n';
import { Rich } from '../../i18n/Rich';
import { Link, navigate } from '../../router';

/**
 * Step 3: the completion screen. The same screen shows whether or not the address already had a login
 * account (the mail tells such an owner what to do instead), so nothing here reveals it.
 */
export const DoneStep = ({ email, autoFocus }: { email: string; autoFocus: boolean }) => {
  const { t } = useI18n();
  const section = useRef<HTMLElement>(null);

  useEffect(() => {
    if (autoFocus) section.current?.querySelector<HTMLElement>('h1')?.focus();
  }, [autoFocus]);

  // The guide's 「閉じる」: closes the tab when the browser allows it, else goes to the top page.
  const close = () => {
    window.close();
    if (!window.closed) navigate('/');
  };

  return (
    <section ref={section} aria-labelledby="step-heading" data-testid="registration-done">
      <h1 id="step-heading" tabIndex={-1}>
        {t('register.done.heading')}
      </h1>
      <div className="alert alert--ok">
        <p>
          <Rich
            text={t('register.done.sent', { email })}
            tags={{ email: (chunk) => <strong className="email" data-testid="registration-email">{chunk}</strong> }}
          />
        </p>
        <p>{t('register.done.next')}</p>
      </div>
      <p>{t('register.done.existing')}</p>

      <h2>{t('register.done.not_arrived.title')}</h2>
      <ul>
        <li>{t('register.done.not_arrived.wait')}</li>
        <li>{t('register.done.not_arrived.spam')}</li>
        <li>{t('register.done.not_arrived.filter')}</li>
        <li>
          <Rich
            text={t('register.done.not_arrived.resend')}
            tags={{ link: (chunk) => <Link to="/password/request">{chunk}</Link> }}
          />
        </li>
      </ul>

      <div className="form__actions">
        <button type="button" className="button" onClick={close}>
          {t('register.done.close')}
        </button>
      </div>
    </section>
  );
};
