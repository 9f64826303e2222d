import { useState, type ReactNode } from 'react';
import { useDocumentTitle, useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/ja';
import { Link } from '../router';

/** One choice of the guide's change-account page: a heading button that opens its panel (accordion pattern). */
const Choice = ({ no, title, children }: { no: 1 | 2 | 3; title: MessageKey; children: ReactNode }) => {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const panelId = `choice-${no}-panel`;
  return (
    <li className={`choice${open ? ' choice--open' : ''}`}>
      <h3 className="choice__heading">
        <button
          type="button"
          className="choice__button"
          aria-expanded={open}
          aria-controls={panelId}
          data-testid={`choice-${no}`}
          onClick={() => setOpen((value) => !value)}
        >
          <span className="choice__no">{no}.</span>
          <span className="choice__title">{t(title)}</span>
        </button>
      </h3>
      <div id={panelId} className="choice__panel" hidden={!open}>
        {children}
      </div>
    </li>
  );
};

/**
 * The guide's 「申込/契約確認サイト」ログインアカウントへの切り替えに関して page: three situations, the third
 * leading to the registration flow (登録ログインページへ).
 */
export const MigrationPage = () => {
  const { t } = useI18n();
  useDocumentTitle('migration.title');
  return (
    <>
      <h1 tabIndex={-1}>{t('migration.title')}</h1>
      <p>{t('migration.intro')}</p>
      <p className="note">{t('migration.excluded')}</p>

      <section aria-labelledby="choices-heading">
        <h2 id="choices-heading">{t('migration.choose')}</h2>
        <ol className="choices">
          <Choice no={1} title="migration.choice1.title">
            <p>{t('migration.choice1.body')}</p>
            <p>
              <Link to="/login" className="button">
                {t('migration.login')}
              </Link>
            </p>
          </Choice>
          <Choice no={2} title="migration.choice2.title">
            <p>{t('migration.choice2.body')}</p>
            <p>
              <Link to="/login" className="button">
                {t('migration.login')}
              </Link>
            </p>
          </Choice>
          <Choice no={3} title="migration.choice3.title">
            <h4>{t('migration.flow.title')}</h4>
            <ol className="flow">
              <li>{t('migration.flow.step1')}</li>
              <li>{t('migration.flow.step2')}</li>
              <li>{t('migration.flow.step3')}</li>
              <li>{t('migration.flow.step4')}</li>
              <li>{t('migration.flow.step5')}</li>
            </ol>
            <ul className="notes">
              <li>{t('migration.flow.note.lock')}</li>
              <li>{t('migration.flow.note.one_id')}</li>
              <li>{t('migration.flow.note.unknown')}</li>
            </ul>
            <p>
              <Link to="/register" className="button button--primary" data-testid="start-registration">
                {t('migration.flow.start')}
              </Link>
            </p>
            <p>{t('migration.flow.more')}</p>
            <p>
              <Link to="/login" className="button">
                {t('migration.flow.more_link')}
              </Link>
            </p>
          </Choice>
        </ol>
      </section>

      <section aria-labelledby="multi-heading">
        <h2 id="multi-heading">{t('migration.multi.title')}</h2>
        <h3>{t('migration.multi.few.title')}</h3>
        <p>{t('migration.multi.few.body')}</p>
        <h3>{t('migration.multi.bulk.title')}</h3>
        <p>{t('migration.multi.bulk.body')}</p>
        <p>{t('migration.multi.bulk.request')}</p>
        <ul className="notes">
          <li>{t('migration.multi.bulk.wait')}</li>
          <li>{t('migration.multi.bulk.not_consolidated')}</li>
        </ul>
      </section>

      <p>
        <Link to="/">{t('nav.back_to_top')}</Link>
      </p>
    </>
  );
};
