import { MAIL_TEMPLATES, renderMail, type MailTemplateName } from './mail-templates';
import { NO_REPLY_LINE, SENDER_NAME } from './mail-layout';
import { REGISTRATION_COMPLETE_SUBJECT } from './registration-complete.template';

const registration = {
  email: 'taro@example.jp',
  networkId: 'IS10010001',
  passwordSetUrl: 'https://ikou.example.jp/password/set#token=abc123',
  validHours: 24,
  passwordResetRequestUrl: 'https://ikou.example.jp/password/request',
};

const samples: { [N in MailTemplateName]: Parameters<(typeof MAIL_TEMPLATES)[N]['text']>[0] } = {
  'registration-complete': registration,
  'registration-already-registered': {
    email: 'taro@example.jp',
    networkId: 'IS10010002',
    loginUrl: 'https://ikou.example.jp/login',
    passwordResetRequestUrl: 'https://ikou.example.jp/password/request',
  },
  'password-set-link': {
    email: 'taro@example.jp',
    passwordSetUrl: 'https://ikou.example.jp/password/set#token=xyz789',
    validHours: 24,
    passwordResetRequestUrl: 'https://ikou.example.jp/password/request',
  },
  'mfa-settings-changed': { email: 'taro@example.jp', change: 'factor_removed', changedAt: '2026-11-25T09:30:00.000Z', ip: '203.0.113.7', loginUrl: 'https://ikou.example.jp/login' },
  'mfa-code': { code: '123456', validMinutes: 5 },
  'contracts-attached': {
    email: 'taro@example.jp',
    contracts: [
      { networkId: 'IS10020002', serviceName: 'InfoSphere 光' },
      { networkId: 'IS10020003', serviceName: 'InfoSphere ADSL' },
    ],
    contractsUrl: 'https://ikou.example.jp/contracts',
  },
  'bulk-transfer-received': {
    ticketNumber: 'BT-000042',
    email: 'taro@example.jp',
    networkId: 'IS10050001',
    inquiryCategory: '料金や各種手続きなどのお問い合わせ',
    remark: 'トップクルーズ契約',
    contractsUrl: 'https://ikou.example.jp/contracts',
  },
  'desk-mfa-change': { email: 'taro@example.jp', change: 'mfa_reset', changedAt: '2026-11-25T09:30:00.000Z', loginUrl: 'https://ikou.example.jp/login' },
  'bulk-transfer-auto-rejected': { ticketNumber: 'BT-000007', email: 'taro@example.jp', reason: 'not_consolidated', attachUrl: 'https://ikou.example.jp/contracts/attach' },
  'bulk-transfer-finished': { ticketNumber: 'BT-000008', email: 'taro@example.jp', linked: ['IS10060002', 'IS10060003'], notLinked: ['IS10060004'], contractsUrl: 'https://ikou.example.jp/contracts' },
  'bulk-transfer-rejected': { ticketNumber: 'BT-000009', email: 'taro@example.jp', reason: 'ご本人確認ができませんでした。', attachUrl: 'https://ikou.example.jp/contracts/attach' },
};

describe('mail templates', () => {
  it('sends the MFA code with the guide subject and body line', () => {
    const mail = renderMail('mfa-code', { code: '123456', validMinutes: 5 });
    expect(mail.subject).toBe('Your authentication code');
    expect(mail.text.split('\n')).toContain('Your MFA code is: 123456');
    expect(mail.text).toContain('認証コード: 123456（5分間有効）');
    expect(mail.html).toContain('Your MFA code is: 123456');
  });

  it('tells the customer what changed in their factors, when and from where (Japan time)', () => {
    const mail = renderMail('mfa-settings-changed', samples['mfa-settings-changed']);
    expect(mail.subject).toBe('「申込/契約確認サイト」2段階認証の設定変更のお知らせ');
    for (const part of [mail.text, mail.html]) {
      expect(part).toContain('2段階認証の方法が削除されました。');
      expect(part).toContain('2026/11/25 18:30:00');
      expect(part).toContain('203.0.113.7');
    }
  });

  it('gives the registration mail exactly the guide subject', () => {
    expect(renderMail('registration-complete', registration).subject).toBe(
      '「申込/契約確認サイト」ログインアカウント(メールアドレス)への切り替え完了のご案内',
    );
    expect(REGISTRATION_COMPLETE_SUBJECT).toBe('「申込/契約確認サイト」ログインアカウント(メールアドレス)への切り替え完了のご案内');
  });

  it('gives the attach mail exactly the guide subject and lists every network ID of the visit', () => {
    const mail = renderMail('contracts-attached', samples['contracts-attached']);
    expect(mail.subject).toBe('「申込/契約確認サイト」ログインアカウント(メールアドレス)切り替えのご案内');
    for (const part of [mail.text, mail.html]) {
      expect(part).toContain('IS10020002　InfoSphere 光');
      expect(part).toContain('IS10020003　InfoSphere ADSL');
      expect(part).toContain('切り替えたネットワークID(2件)');
    }
  });

  it('acknowledges a bulk request with its ticket number, the request and the Top Cruise remark', () => {
    const mail = renderMail('bulk-transfer-received', samples['bulk-transfer-received']);
    expect(mail.subject).toBe('「申込/契約確認サイト」一括切り替えのお申し込みを受け付けました(受付番号 BT-000042)');
    for (const part of [mail.text, mail.html]) {
      for (const text of ['BT-000042', '料金や各種手続きなどのお問い合わせ', 'IS10050001', 'トップクルーズ契約', '1～2週間']) expect(part).toContain(text);
    }
    expect(renderMail('bulk-transfer-received', { ...samples['bulk-transfer-received'], remark: '' }).text).toContain('■ 備考\n  なし');
  });

  it('tells the customer why a bulk request was refused and points to attaching one by one', () => {
    const mail = renderMail('bulk-transfer-auto-rejected', samples['bulk-transfer-auto-rejected']);
    expect(mail.subject).toBe('「申込/契約確認サイト」一括切り替えのお申し込みについて(受付番号 BT-000007)');
    expect(mail.text).toContain('同一請求(請求書の一本化)になっていない');
    expect(mail.text).toContain('https://ikou.example.jp/contracts/attach');
    const few = renderMail('bulk-transfer-auto-rejected', { ...samples['bulk-transfer-auto-rejected'], reason: 'too_few_contracts' });
    expect(few.text).toContain('5件以上');
  });

  it('lists what a bulk transfer linked, and what it could not', () => {
    const mail = renderMail('bulk-transfer-finished', samples['bulk-transfer-finished']);
    expect(mail.subject).toBe('「申込/契約確認サイト」ネットワークIDの一括切り替えが完了しました(受付番号 BT-000008)');
    expect(mail.text).toContain('■ 切り替えたネットワークID(2件)\n  IS10060002');
    expect(mail.text).toContain('■ 切り替えできなかったネットワークID(1件)\n  IS10060004');
    expect(renderMail('bulk-transfer-finished', { ...samples['bulk-transfer-finished'], notLinked: [] }).text).not.toContain('切り替えできなかった');
  });

  it('tells the customer what the desk did to their second factor', () => {
    const reset = renderMail('desk-mfa-change', samples['desk-mfa-change']);
    expect(reset.subject).toBe('「申込/契約確認サイト」サポートセンターによる2段階認証の変更のお知らせ');
    expect(reset.text).toContain('2段階認証の設定を初期化しました');
    expect(reset.text).toContain('2026/11/25 18:30:00');
    const reissued = renderMail('desk-mfa-change', { ...samples['desk-mfa-change'], change: 'recovery_code_reissued' });
    expect(reissued.text).toContain('リカバリーコードを再発行');
    expect(reissued.text).not.toContain('初期化');
  });

  it('says in both parts what the registration mail must say', () => {
    const mail = renderMail('registration-complete', registration);
    for (const part of [mail.text, mail.html]) {
      expect(part).toContain('taro@example.jp');
      expect(part).toContain('IS10010001');
      expect(part).toContain('24時間');
      expect(part).toContain('一度だけ');
      expect(part).toContain('https://ikou.example.jp/password/request');
    }
    expect(mail.text).toContain('\nhttps://ikou.example.jp/password/set#token=abc123\n');
    expect(mail.html).toContain('<a href="https://ikou.example.jp/password/set#token=abc123">https://ikou.example.jp/password/set#token=abc123</a>');
  });

  it.each(Object.keys(samples) as MailTemplateName[])('%s: Japanese, signed, from a no-reply address, links in both parts', (name) => {
    const mail = renderMail(name, samples[name] as never);
    // The MFA code mail keeps the guide's English subject (domain.md §4.2 method 5).
    expect(mail.subject).toMatch(name === 'mfa-code' ? /^Your authentication code$/ : /^「申込\/契約確認サイト」/);
    for (const part of [mail.text, mail.html]) {
      expect(part).toContain(SENDER_NAME);
      expect(part).toContain(NO_REPLY_LINE);
      expect(part).toContain('InfoSphere をご利用いただき、誠にありがとうございます。');
    }
    const links = mail.text.match(/https:\/\/\S+/g) ?? [];
    // A code mail carries no link at all: nothing to click in a message a phisher would imitate.
    expect(links.length > 0).toBe(name !== 'mfa-code');
    for (const url of links) expect(mail.html).toContain(`href="${url}"`);
    expect(mail.text).not.toMatch(/<[a-z]/i);
    expect(mail.html).toMatch(/^<!DOCTYPE html>\n<html lang="ja">/);
  });

  it('escapes every value in the HTML part, and leaves the text part as written', () => {
    const hostile = { ...registration, email: 'a"<b>&\'@example.jp', networkId: '<script>alert(1)</script>' };
    const mail = renderMail('registration-complete', hostile);
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).not.toContain('<b>');
    expect(mail.html).toContain('&#60;script&#62;alert(1)&#60;/script&#62;');
    expect(mail.html).toContain('a&#34;&#60;b&#62;&#38;&#39;@example.jp');
    expect(mail.text).toContain('<script>alert(1)</script>');
  });

  it('escapes a link inside its attribute and refuses a link that is not http(s)', () => {
    const mail = renderMail('password-set-link', { ...samples['password-set-link'], passwordSetUrl: 'https://x.example/?a=1&b="2"' });
    expect(mail.html).toContain('href="https://x.example/?a=1&#38;b=&#34;2&#34;"');
    expect(() => renderMail('password-set-link', { ...samples['password-set-link'], passwordSetUrl: 'javascript:alert(1)' })).toThrow(
      'mail link must be http(s)',
    );
  });

  it('tells the owner of an existing account how to add the contract, and mentions the reset link only when given', () => {
    const data = samples['registration-already-registered'];
    const mail = renderMail('registration-already-registered', data);
    expect(mail.subject).toBe('「申込/契約確認サイト」ログインアカウント(メールアドレス)切り替えのお手続きについて');
    expect(mail.text).toContain('IS10010002');
    expect(mail.text).toContain('https://ikou.example.jp/login');
    expect(mail.text).toContain('お心当たりのない場合');
    expect(mail.text).toContain('パスワードをお忘れの場合');
    const without = renderMail('registration-already-registered', { ...data, passwordResetRequestUrl: undefined });
    expect(without.text).not.toContain('パスワードをお忘れの場合');
    expect(without.text).not.toContain('/password/request');
  });

  it('refuses an unknown template name', () => {
    expect(() => renderMail('no-such-template' as MailTemplateName, registration as never)).toThrow('unknown mail template no-such-template');
  });
});
