import { heading, linkBlock, mailTemplate, notes, paragraph, value } from './mail-layout';

export interface RegistrationCompleteData {
  /** The new login account's email (also the recipient). */
  email: string;
  /** The network ID the customer registered with. */
  networkId: string;
  /** Opens the password screen; single use. */
  passwordSetUrl: string;
  /** How long passwordSetUrl works (24 in the guide's flow). */
  validHours: number;
  /** Where a new password-set link can be requested once this one expired. */
  passwordResetRequestUrl: string;
}

/** The guide's subject, character for character (domain.md §4.1 step 5). */
export const REGISTRATION_COMPLETE_SUBJECT = '「申込/契約確認サイト」ログインアカウント(メールアドレス)への切り替え完了のご案内';

/** Flow 4.1: the login account exists; the customer sets the first password through the link. */
export const registrationCompleteTemplate = mailTemplate<RegistrationCompleteData>({
  subject: () => REGISTRATION_COMPLETE_SUBJECT,
  body: (d) => [
    paragraph('「申込/契約確認サイト」のログインアカウント(メールアドレス)への切り替えを承りました。'),
    heading('ログインアカウント(メールアドレス)'),
    value(d.email),
    heading('切り替えたネットワークID'),
    value(d.networkId),
    heading('今後のお手続き'),
    paragraph(
      '下記のURLからパスワードを設定してください。',
      'パスワードの設定が完了すると、上記のログインアカウント(メールアドレス)で「申込/契約確認サイト」にログインいただけます。',
    ),
    linkBlock(d.passwordSetUrl),
    notes(`このURLの有効期限は、本メールの送信から${d.validHours}時間です。`, 'このURLは一度だけご利用いただけます。'),
    heading('URLの有効期限が切れた場合'),
    paragraph('お手数ですが、下記のURLからパスワード設定のご案内を再度お申し込みください。'),
    linkBlock(d.passwordResetRequestUrl),
    paragraph('本メールにお心当たりのない場合は、お手数ですが本メールを破棄してください。'),
  ],
});
