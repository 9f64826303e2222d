import { heading, linkBlock, mailTemplate, notes, paragraph, value } from './mail-layout';

export interface BulkTransferReceivedData {
  ticketNumber: string;
  /** The login account's email (also the recipient). */
  email: string;
  /** The network ID migrated at registration, as the request carries it. */
  networkId: string;
  /** 料金や各種手続きなどのお問い合わせ */
  inquiryCategory: string;
  /** トップクルーズ契約, or empty. */
  remark: string;
  /** Where the customer follows the request (the contract page). */
  contractsUrl: string;
}

/** Flow 4.4: the desk has the request; the number is what the customer quotes when they call. */
export const bulkTransferReceivedTemplate = mailTemplate<BulkTransferReceivedData>({
  subject: (d) => `「申込/契約確認サイト」一括切り替えのお申し込みを受け付けました(受付番号 ${d.ticketNumber})`,
  body: (d) => [
    paragraph('ネットワークIDの一括切り替えのお申し込みを受け付けました。', '内容を確認のうえ、サポートセンターにてお手続きいたします。'),
    heading('受付番号'),
    value(d.ticketNumber),
    heading('お問い合わせ種別'),
    value(d.inquiryCategory),
    heading('ログインアカウント(メールアドレス)'),
    value(d.email),
    heading('ネットワークID'),
    value(d.networkId),
    heading('備考'),
    value(d.remark || 'なし'),
    heading('お申し込みの状況'),
    paragraph('お手続きの状況は、下記の「ご契約の一覧」でご確認いただけます。完了しましたら、切り替えたネットワークIDをメールでお知らせします。'),
    linkBlock(d.contractsUrl),
    notes('繁忙期は、お手続きの完了まで1～2週間ほどお時間をいただく場合があります。', 'お問い合わせの際は、受付番号をお知らせください。'),
  ],
});
