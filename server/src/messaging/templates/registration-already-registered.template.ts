import { heading, linkBlock, mailTemplate, paragraph, value } from './mail-layout';

export interface RegistrationAlreadyRegisteredData {
  /** The address that already is a login account (also the recipient). */
  email: string;
  /** The network ID someone tried to register with this address. */
  networkId: string;
  /** The customer site's login page; the contract is added from its contracts page (flow 4.3). */
  loginUrl: string;
  /** For an owner who forgot the password; the paragraph is left out without it. */
  passwordResetRequestUrl?: string;
}

/**
 * Flow 4.1, when the address already belongs to a login account: the screen must not tell, so the owner
 * learns it here, with the way to add the contract to the account they already have.
 */
export const registrationAlreadyRegisteredTemplate = mailTemplate<RegistrationAlreadyRegisteredData>({
  subject: () => '「申込/契約確認サイト」ログインアカウント(メールアドレス)切り替えのお手続きについて',
  body: (d) => [
    paragraph(
      '「申込/契約確認サイト」で、下記のネットワークIDについて、このメールアドレスをログインアカウントとする切り替えのお手続きがありました。',
      'このメールアドレスは、すでにログインアカウントとしてご登録済みのため、新しいログインアカウントは作成していません。',
    ),
    heading('ログインアカウント(メールアドレス)'),
    value(d.email),
    heading('お手続きのあったネットワークID'),
    value(d.networkId),
    heading('ご契約を追加する場合'),
    paragraph('下記のURLからご登録済みのログインアカウントでログインし、ご契約(ネットワークID)の追加のお手続きを行ってください。'),
    linkBlock(d.loginUrl),
    ...(d.passwordResetRequestUrl
      ? [heading('パスワードをお忘れの場合'), paragraph('下記のURLからパスワード設定のご案内をお申し込みください。'), linkBlock(d.passwordResetRequestUrl)]
      : []),
    paragraph('このお手続きにお心当たりのない場合は、お手数ですが本メールを破棄してください。ご登録内容は変更されていません。'),
  ],
});
