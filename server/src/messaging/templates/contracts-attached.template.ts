import { heading, linkBlock, mailTemplate, notes, paragraph, value } from './mail-layout';

export interface ContractsAttachedData {
  /** The login account's email (also the recipient). */
  email: string;
  /** Every network ID registered in this visit, with its service's Japanese name. */
  contracts: Array<{ networkId: string; serviceName: string }>;
  /** The customer site's contract list. */
  contractsUrl: string;
}

/** The guide's subject for flow 4.3, character for character (domain.md §4.3). */
export const CONTRACTS_ATTACHED_SUBJECT = '「申込/契約確認サイト」ログインアカウント(メールアドレス)切り替えのご案内';

/** Flow 4.3: more contracts now belong to the login account; one mail lists all of this visit's. */
export const contractsAttachedTemplate = mailTemplate<ContractsAttachedData>({
  subject: () => CONTRACTS_ATTACHED_SUBJECT,
  body: (d) => [
    paragraph('下記のネットワークIDを、ログインアカウント(メールアドレス)に切り替えました。'),
    paragraph('今後は、下記のログインアカウント(メールアドレス)で「申込/契約確認サイト」にログインし、これらのご契約をご確認いただけます。'),
    heading('ログインアカウント(メールアドレス)'),
    value(d.email),
    heading(`切り替えたネットワークID(${d.contracts.length}件)`),
    ...d.contracts.map((c) => value(`${c.networkId}\u3000${c.serviceName}`)),
    heading('ご契約の一覧'),
    linkBlock(d.contractsUrl),
    notes('お心当たりのない切り替えの場合は、お手数ですがサポートセンターまでご連絡ください。'),
  ],
});
