import { heading, linkBlock, mailTemplate, notes, paragraph, value } from './mail-layout';

export type BulkTransferRejection = 'account_missing' | 'network_id_not_linked' | 'not_consolidated' | 'too_few_contracts';

export interface BulkTransferAutoRejectedData {
  ticketNumber: string;
  email: string;
  reason: BulkTransferRejection;
  /** The customer site's attach flow (§4.3): the way left for contracts that cannot be bulk-transferred. */
  attachUrl: string;
}

const REASON_TEXT: Record<BulkTransferRejection, string[]> = {
  account_missing: [
    'お申し込みのログインアカウント(メールアドレス)が確認できなかったため、一括切り替えを承ることができませんでした。',
    'ログインアカウントを作成のうえ、あらためてお申し込みください。',
  ],
  network_id_not_linked: [
    'お申し込みのネットワークIDが、ログインアカウントに切り替えられていないため、一括切り替えを承ることができませんでした。',
    'ログインアカウントの作成時に切り替えたネットワークIDで、あらためてお申し込みください。',
  ],
  not_consolidated: [
    'ご契約の請求が同一請求(請求書の一本化)になっていないため、一括切り替えの対象外となります。',
    '恐れ入りますが、下記のURLからログインし、ネットワークIDを1件ずつ追加してください。',
  ],
  too_few_contracts: [
    '一括切り替えは、同一請求のInfoSphereのご契約が5件以上の場合に承っております。',
    '恐れ入りますが、下記のURLからログインし、ネットワークIDを1件ずつ追加してください。',
  ],
};

/** Domain.md §5: validation refused the request; the customer learns why and what to do instead. */
export const bulkTransferAutoRejectedTemplate = mailTemplate<BulkTransferAutoRejectedData>({
  subject: (d) => `「申込/契約確認サイト」一括切り替えのお申し込みについて(受付番号 ${d.ticketNumber})`,
  body: (d) => [
    paragraph('ネットワークIDの一括切り替えのお申し込みについて、内容を確認いたしました。'),
    heading('受付番号'),
    value(d.ticketNumber),
    heading('確認結果'),
    paragraph(...REASON_TEXT[d.reason]),
    heading('ネットワークIDの追加'),
    linkBlock(d.attachUrl),
    heading('ログインアカウント(メールアドレス)'),
    value(d.email),
    notes('ご不明な点は、受付番号を添えてサポートセンターまでお問い合わせください。'),
  ],
});
