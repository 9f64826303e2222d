import { smsCodeText, voiceCodeText } from '../mfa/code-factor.service';
import { redactMessageBody } from './redact-message';

describe('what staff may read of a sent message', () => {
  it('hides one-time codes in mail, SMS and voice text, keeping the rest', () => {
    expect(redactMessageBody('mfa-code', 'Your MFA code is: 123456\n認証コード: 123456（5分間有効）')).toBe('Your MFA code is: ••••••\n認証コード: ••••••（5分間有効）');
    expect(redactMessageBody('mfa-code', smsCodeText('987654'))).not.toContain('987654');
    const voice = redactMessageBody('mfa-code', voiceCodeText('402113'));
    expect(voice).toBe('認証コードは •••••• です。繰り返します。•••••• です。');
  });

  it('hides the token of a password-set link but keeps the link visible', () => {
    const body = 'https://ikou.example.jp/password/set#token=AbC_def-123456789012345678901234567890123456789\n24時間';
    expect(redactMessageBody('registration-complete', body)).toBe('https://ikou.example.jp/password/set#token=[redacted]\n24時間');
  });

  it('leaves digits alone in mails that carry no code', () => {
    expect(redactMessageBody('bulk-transfer-received', '受付番号 BT-123456')).toBe('受付番号 BT-123456');
  });
});
