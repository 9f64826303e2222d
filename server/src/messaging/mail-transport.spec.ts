import { LOG_TRANSPORT_RESPONSE, LogMailTransport } from './log-mail.transport';
import { MailSendError } from './mail-transport';
import { createMailTransport } from './mail-transport.factory';
import { SmtpMailTransport, shortError, toMailSendError } from './smtp-mail.transport';

const mail = {
  from: 'no-reply@nttpc.co.jp',
  to: 'taro.yamada@example.jp',
  subject: '「申込/契約確認サイト」パスワード設定のご案内',
  text: 'https://ikou.example.jp/password/set#token=SECRET-TOKEN',
  html: '<a href="https://ikou.example.jp/password/set#token=SECRET-TOKEN">link</a>',
  messageId: '<0b6f@nttpc.co.jp>',
};

describe(createMailTransport.name, () => {
  it('sends over SMTP when SMTP_URL is set', async () => {
    const sut = createMailTransport({ smtpUrl: 'smtp://127.0.0.1:2525' });
    expect(sut).toBeInstanceOf(SmtpMailTransport);
    expect(sut.kind).toBe('smtp');
    await sut.close();
  });

  it('only logs when SMTP_URL is unset', () => {
    const sut = createMailTransport({});
    expect(sut).toBeInstanceOf(LogMailTransport);
    expect(sut.kind).toBe('log');
  });
});

describe(LogMailTransport.name, () => {
  it('logs the masked recipient and the subject, never the body', async () => {
    const lines: string[] = [];
    const sut = new LogMailTransport({ log: (line: string) => lines.push(line) });
    await expect(sut.send(mail)).resolves.toEqual({ response: LOG_TRANSPORT_RESPONSE });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('t***@example.jp');
    expect(lines[0]).toContain(mail.subject);
    expect(lines[0]).not.toContain('taro.yamada');
    expect(lines[0]).not.toContain('SECRET-TOKEN');
  });
});

describe(toMailSendError.name, () => {
  const nodemailerError = (fields: Record<string, unknown>) => Object.assign(new Error(String(fields.message ?? 'failed')), fields);

  it.each([
    ['server down', { code: 'ESOCKET', message: 'connect ECONNREFUSED 127.0.0.1:2525' }, false],
    ['temporary refusal of the recipient', { code: 'EENVELOPE', responseCode: 451, command: 'RCPT TO' }, false],
    ['recipient refused for good', { code: 'EENVELOPE', responseCode: 550, command: 'RCPT TO' }, true],
    ['message refused for good', { code: 'EMESSAGE', responseCode: 554, command: 'DATA' }, true],
    ['our login refused (configuration: keep trying)', { code: 'EAUTH', responseCode: 535, command: 'AUTH PLAIN' }, false],
    ['our sender refused (configuration: keep trying)', { code: 'EENVELOPE', responseCode: 553, command: 'MAIL FROM' }, false],
    ['timeout', { code: 'ETIMEDOUT', message: 'Greeting never received' }, false],
  ])('%s', (_name, fields, permanent) => {
    const error = toMailSendError(nodemailerError(fields));
    expect(error).toBeInstanceOf(MailSendError);
    expect(error.permanent).toBe(permanent);
    expect(error.message.startsWith(String(fields.code))).toBe(true);
  });

  it('keeps credentials out and the text short', () => {
    expect(shortError('connect to smtp://user:p4ss@mail.example.jp:587 failed\n  at line')).toBe(
      'connect to smtp://***@mail.example.jp:587 failed at line',
    );
    expect(shortError('x'.repeat(2000))).toHaveLength(500);
  });
});
