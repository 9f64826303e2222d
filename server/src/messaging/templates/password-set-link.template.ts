import { heading, linkBlock, mailTemplate, notes, paragraph, value } from './mail-layout';

export interface PasswordSetLinkData {
  /** The login account's email (also the recipient). */
  email: string;
  /** Opens the password screen; single use. */
  passwordSetUrl: string;
  /** How long passwordSetUrl works. */
  validHours: number;
  /** Where another link can be requested once this one expired. */
  passwordResetRequestUrl: string;
}

/** A fresh password-set link on request (first password or a forgotten one: the same screen). */
export const passwordSetLinkTemplate = mailTemplate<PasswordSetLinkData>({
  subject: () => '「申込/契約確認サイト」パスワード設定のご案内',
  body: (d) => [
    paragraph('「申込/契約確認サイト」のパスワード設定のお申し込みを承りました。'),
    heading('ログインアカウント(メールアドレス)'),
    value(d.email),
    heading('パスワードの設定'),
    paragraph('下記のURLから新しいパスワードを設定してください。'),
    linkBlock(d.passwordSetUrl),
    notes(
      `このURLの有効期限は、本メールの送信から${d.validHours}時間です。`,
      'このURLは一度だけご利用いただけます。以前にお送りしたURLは使えなくなっている場合があります。',
    ),
    heading('URLの有効期限が切れた場合'),
    paragraph('お手数ですが、下記のURLから再度お申し込みください。'),
    linkBlock(d.passwordResetRequestUrl),
    paragraph('本メールにお心当たりのない場合は、お手数ですが本メールを破棄してください。パスワードは変更されていません。'),
  ],
});
