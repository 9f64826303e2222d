import { mailTemplate, notes, paragraph } from './mail-layout';

export interface MfaCodeData {
  /** Six digits. */
  code: string;
  /** How long the code works (5). */
  validMinutes: number;
}

/** The guide's subject and body line, character for character (domain.md §4.2 method 5). */
export const MFA_CODE_SUBJECT = 'Your authentication code';

/** Method 5: a one-time code by mail. The guide keeps English; a Japanese line follows. */
export const mfaCodeTemplate = mailTemplate<MfaCodeData>({
  subject: () => MFA_CODE_SUBJECT,
  body: (d) => [
    paragraph(`Your MFA code is: ${d.code}`),
    paragraph(`認証コード: ${d.code}（${d.validMinutes}分間有効）`),
    notes('このコードを他人に教えないでください。', 'お心当たりのない場合は、本メールを破棄してください。'),
  ],
});
