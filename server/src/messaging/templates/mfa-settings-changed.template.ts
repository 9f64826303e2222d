import { heading, linkBlock, mailTemplate, notes, paragraph, value } from './mail-layout';

export type MfaSettingsChange = 'factor_added' | 'factor_removed' | 'recovery_code_reissued' | 'device_revoked';

export interface MfaSettingsChangedData {
  email: string;
  change: MfaSettingsChange | string;
  /** ISO time of the change. */
  changedAt: string;
  ip: string;
  /** Where the customer checks the settings (the sign-in page). */
  loginUrl: string;
}

const CHANGE_TEXT: Record<MfaSettingsChange, string> = {
  factor_added: '2段階認証の方法が追加されました。',
  factor_removed: '2段階認証の方法が削除されました。',
  recovery_code_reissued: 'リカバリーコードが再発行されました(以前のコードは使えなくなりました)。',
  device_revoked: '記憶されたデバイスの登録が解除されました。',
};

/** A notice after any change to the customer's factors (ASVS 4 2.5.5): if it was not them, they act now. */
export const mfaSettingsChangedTemplate = mailTemplate<MfaSettingsChangedData>({
  subject: () => '「申込/契約確認サイト」2段階認証の設定変更のお知らせ',
  body: (d) => [
    paragraph('「申込/契約確認サイト」のログインアカウントで、2段階認証の設定が変更されました。'),
    heading('変更内容'),
    value(CHANGE_TEXT[d.change as MfaSettingsChange] ?? d.change),
    heading('日時'),
    value(new Date(d.changedAt).toLocaleString('ja-JP', { timeZone: 'Asia/Tokyo' })),
    heading('ログインアカウント(メールアドレス)'),
    value(d.email),
    notes(`操作元のIPアドレス: ${d.ip}`),
    paragraph('ログインして現在の設定をご確認いただけます。'),
    linkBlock(d.loginUrl),
    paragraph('お心当たりのない場合は、すぐにパスワードを変更し、InfoSphereのお問い合わせ窓口までご連絡ください。'),
  ],
});
