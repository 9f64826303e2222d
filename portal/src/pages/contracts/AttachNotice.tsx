import type { Ref } from 'react';
import type { ServiceName } from '../../api';
import { useI18n } from '../../i18n/i18n';

/** What the attach page tells after a change to the waiting list. */
export type AttachNotice =
  | { kind: 'verified'; networkId: string; serviceName: ServiceName }
  | { kind: 'already_queued' }
  | { kind: 'removed'; networkId: string }
  /** Confirm's 409: these network IDs left the list (linked elsewhere meanwhile, or expired). */
  | { kind: 'already_linked' | 'not_queued'; networkIds: string[] };

/** The notice, focusable (the page moves focus here after the change). */
export const AttachNoticeBox = ({ notice, ref }: { notice: AttachNotice; ref?: Ref<HTMLDivElement> }) => {
  const { t, locale } = useI18n();
  if (notice.kind === 'already_linked' || notice.kind === 'not_queued') {
    return (
      <div ref={ref} className="alert alert--error" role="alert" tabIndex={-1} data-testid="attach-dropped" data-code={notice.kind}>
        <p>{t(notice.kind === 'already_linked' ? 'attach.dropped.already_linked' : 'attach.dropped.not_queued')}</p>
        {notice.networkIds.length > 0 && (
          <ul className="id-list">
            {notice.networkIds.map((id) => (
              <li key={id} data-testid="attach-dropped-id" data-network-id={id}>
                {id}
              </li>
            ))}
          </ul>
        )}
        {notice.kind === 'not_queued' && <p>{t('attach.dropped.not_queued_again')}</p>}
      </div>
    );
  }
  return (
    <div ref={ref} className="alert alert--ok" role="status" tabIndex={-1} data-testid="attach-notice" data-notice={notice.kind}>
      <p>
        {notice.kind === 'verified'
          ? t('attach.notice.verified', { networkId: notice.networkId, service: notice.serviceName[locale] })
          : notice.kind === 'removed'
            ? t('attach.notice.removed', { networkId: notice.networkId })
            : t('attach.notice.already_queued')}
      </p>
    </div>
  );
};
