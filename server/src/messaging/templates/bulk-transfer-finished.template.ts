import { heading, linkBlock, mailTemplate, notes, paragraph, value } from './mail-layout';

export interface BulkTransferFinishedData {
  ticketNumber: string;
  email: string;
  /** Network IDs now linked to the login account by this ticket. */
  linked: string[];
  /** Network IDs the desk could not link (linked to another account meanwhile): the customer may call. */
  notLinked: string[];
  contractsUrl: string;
}

/** Domain.md §5: execution ended; the customer gets the list of what was linked. */
export const bulkTransferFinishedTemplate = mailTemplate<BulkTransferFinishedData>({
  subject: (d) => `「申込/契約確認サイト」ネットワークIDの一括切り替えが完了しました(受付番号 ${d.ticketNumber})`,
  body: (d) => [
    paragraph('お申し込みいただいたネットワークIDの一括切り替えが完了しました。', '下記のネットワークIDは、ログインアカウント(メールアドレス)でご確認いただけます。'),
    heading('受付番号'),
    value(d.ticketNumber),
    heading('ログインアカウント(メールアドレス)'),
    value(d.email),
    heading(`切り替えたネットワークID(${d.linked.length}件)`),
    ...(d.linked.length ? d.linked.map((id) => value(id)) : [value('なし')]),
    ...(d.notLinked.length
      ? [heading(`切り替えできなかったネットワークID(${d.notLinked.length}件)`), ...d.notLinked.map((id) => value(id)), notes('これらのネットワークIDは、すでに別のログインアカウントに切り替えられていました。お心当たりのない場合はサポートセンターまでご連絡ください。')]
      : []),
    heading('ご契約の一覧'),
    linkBlock(d.contractsUrl),
  ],
});
