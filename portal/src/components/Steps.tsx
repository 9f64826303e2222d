import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/ja';

/** A flow's numbered steps, the current one marked (registration, attaching contracts). */
export const Steps = ({ labels, label, current }: { labels: readonly MessageKey[]; label: MessageKey; current: number }) => {
  const { t } = useI18n();
  return (
    <ol className="steps" aria-label={t(label)}>
      {labels.map((step, index) => (
        <li
          key={step}
          className={`steps__item${index === current ? ' steps__item--current' : index < current ? ' steps__item--done' : ''}`}
          aria-current={index === current ? 'step' : undefined}
        >
          <span className="steps__no" aria-hidden="true">
            {index + 1}
          </span>
          {t(step)}
        </li>
      ))}
    </ol>
  );
};
