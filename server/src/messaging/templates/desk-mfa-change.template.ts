import { heading, linkBlock, mailTemplate, notes, paragraph, value } from './mail-layout';

export type DeskMfaChange = 'mfa_reset' | 'recovery_code_reissued';

export interface DeskMfaChangeData {
  email: string;
  change: DeskMfaChange;
  /** ISO time of the change. */
  changedAt: string;
  /** The sign-in page: after a reset the customer enrolls a method there again. */
  loginUrl: string;
}

const CHANGE_TEXT: Record<DeskMfaChange, string[]> = {
  mfa_reset: [
    'お申し出により、サポートセンターで2段階認証の設定を初期化しました。',
    '登録済みの認証方法、リカバリーコード、記憶したデバイスはすべて削除され、ログイン中の画面からはログアウトしました。',
    '次回ログイン時に、認証方法をあらためて登録してください。',
  ],
  recovery_code_reissued: [
    'お申し出により、サポートセンターでリカバリーコードを再発行し、お電話でお伝えしました。',
    '以前のリカバリーコードは使えなくなりました。',
  ],
};

/** Domain.md §6.4–6.5: the customer always learns what the desk did to their second factor. */
export const deskMfaChangeTemplate = mailTemplate<DeskMfaChangeData>({
  subject: () => '「申込/契約確認サイト」サポートセンターによる2段階認証の変更のお知らせ',
  body: (d) => [
    paragraph(...CHANGE_TEXT[d.change]),
    heading('日時'),
    value(new Date(d.changedAt).toLocaleString('ja-JP', { timeZone: 'Asia/Tokyo' })),
    heading('ログインアカウント(メールアドレス)'),
    value(d.email),
    heading('ログイン'),
    linkBlock(d.loginUrl),
    notes('サポートセンターがお客さまのパスワードやリカバリーコードをメールでお尋ねすることはありません。'),
    paragraph('お心当たりのない場合は、すぐにInfoSphereのお問い合わせ窓口までご連絡ください。'),
  ],
});
