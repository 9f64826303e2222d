import { heading, linkBlock, mailTemplate, paragraph, value } from './mail-layout';

export interface BulkTransferRejectedData {
  ticketNumber: string;
  email: string;
  /** The desk's reason, as written for the customer. */
  reason: string;
  attachUrl: string;
}

/** Domain.md §5: staff rejected the request; the reason goes to the customer. */
export const bulkTransferRejectedTemplate = mailTemplate<BulkTransferRejectedData>({
  subject: (d) => `「申込/契約確認サイト」一括切り替えのお申し込みについて(受付番号 ${d.ticketNumber})`,
  body: (d) => [
    paragraph('ネットワークIDの一括切り替えのお申し込みについて、内容を確認いたしましたが、下記の理由によりお手続きを行うことができませんでした。'),
    heading('受付番号'),
    value(d.ticketNumber),
    heading('理由'),
    paragraph(d.reason),
    heading('ネットワークIDを1件ずつ追加する場合'),
    linkBlock(d.attachUrl),
    heading('ログインアカウント(メールアドレス)'),
    value(d.email),
  ],
});
