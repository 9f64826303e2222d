import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { createTestDatabase, type TestDatabase } from '../../../test/support/services';
import { AuditService } from '../audit/audit.service';
import { AppError } from '../common/app-error';
import { Clock } from '../common/clock';
import { dataSourceOptions } from '../database/data-source-options';
import { inTransaction } from '../database/transaction';
import type { MailQueue } from '../messaging/mail.queue';
import type { MessagingOptions } from '../messaging/messaging.options';
import { OutboxRepository } from '../messaging/outbox.repository';
import { OutboxService } from '../messaging/outbox.service';
import { SmsVoiceOutboxService } from '../messaging/sms-voice-outbox.service';
import { DEFAULT_SMS_VOICE_OPTIONS } from '../messaging/sms-voice.options';
import type { SmsVoiceQueue } from '../messaging/sms-voice.queue';
import type { Runtime } from '../runtime/runtime';
import { CodeFactorService } from './code-factor.service';
import { OneTimeCodeService } from './one-time-code.service';

jest.setTimeout(60_000);

class StillClock extends Clock {
  private at = new Date(Date.now() + 86_400_000);
  override now(): Date {
    return new Date(this.at);
  }
  override advance(ms: number): void {
    this.at = new Date(this.at.getTime() + ms);
  }
}

let database: TestDatabase;
let db: DataSource;
let clock: StillClock;
let sut: CodeFactorService;
const enqueued: string[] = [];
const runtime = { config: { secrets: { cookieSecret: 'c'.repeat(43), totpKeyId: 't1', totpKey: randomBytes(32) } } } as unknown as Runtime;

beforeAll(async () => {
  database = await createTestDatabase();
  db = new DataSource(dataSourceOptions(database.url, 10));
  await db.initialize();
  clock = new StillClock();
  const repo = new OutboxRepository(db);
  const queue = { enqueueSend: (id: string) => Promise.resolve(void enqueued.push(id)) };
  const mail = new OutboxService(repo, queue as unknown as MailQueue, clock, { mailFrom: 'no-reply@example.jp', enqueueTimeoutMs: 500 } as MessagingOptions);
  const smsVoice = new SmsVoiceOutboxService(repo, queue as unknown as SmsVoiceQueue, clock, DEFAULT_SMS_VOICE_OPTIONS);
  sut = new CodeFactorService(new OneTimeCodeService(clock, runtime), smsVoice, mail, clock, new AuditService(clock));
});

afterAll(async () => {
  await db?.destroy();
  await database?.drop();
});

async function newAccount(): Promise<string> {
  const email = `otp-${randomBytes(4).toString('hex')}@example.jp`;
  const [row] = await db.query(`INSERT INTO login_accounts (email, password_hash, state) VALUES ($1, 'x', 'active') RETURNING id`, [email]);
  return row.id as string;
}

let phoneSeq = 10_000_000;
const newPhone = () => `090${String(phoneSeq++).padStart(8, '0')}`;

async function lastMessage(accountId: string) {
  const [row] = await db.query(`SELECT * FROM outgoing_messages WHERE login_account_id = $1 ORDER BY created_at DESC, id DESC LIMIT 1`, [accountId]);
  return row;
}
const codeIn = (text: string) => /(\d{6})/.exec(text)![1];

describe('CodeFactorService', () => {
  it('enrolls an SMS factor: code hashed, text in the outbox, not in the audit log; single use', async () => {
    const account = await newAccount();
    const phone = newPhone();
    const started = await inTransaction(db, (tx) => sut.startPhoneEnrollment(tx, account, { phone, channel: 'sms' }));
    expect(started.phoneDisplay).toMatch(/^\+81 90-\d{4}-\d{4}$/);
    expect(started.cooldownSeconds).toBe(30);
    const message = await lastMessage(account);
    expect(message.channel).toBe('sms');
    expect(message.recipient).toMatch(/^\+8190\d{8}$/);
    const code = codeIn(message.body_text);
    expect(message.body_text).toBe(`InfoSphere 認証コード: ${code}（5分間有効）。このコードを他人に教えないでください。`);
    const [stored] = await db.query(`SELECT * FROM one_time_codes WHERE factor_id = $1`, [started.pendingFactorId]);
    expect(stored.code_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(stored)).not.toContain(code);
    const audit = await db.query(`SELECT * FROM audit_events WHERE target_id = $1`, [account]);
    expect(audit.length).toBeGreaterThan(0);
    expect(JSON.stringify(audit)).not.toContain(code);
    expect(enqueued).toContain(message.id);

    expect(await inTransaction(db, (tx) => sut.confirmEnrollment(tx, account, started.pendingFactorId, code))).toEqual({ ok: true, factorId: started.pendingFactorId });
    const [factor] = await db.query(`SELECT state FROM mfa_factors WHERE id = $1`, [started.pendingFactorId]);
    expect(factor.state).toBe('active');
    // Single use: the same code again fails.
    clock.advance(31_000);
    const again = await inTransaction(db, (tx) => sut.verifyChallengeCode(tx, account, started.pendingFactorId, code));
    expect(again).toEqual({ ok: false, reason: 'invalid' });
  });

  it('expires a code at 5 minutes by the clock', async () => {
    const account = await newAccount();
    const started = await inTransaction(db, (tx) => sut.startPhoneEnrollment(tx, account, { phone: newPhone(), channel: 'voice' }));
    const message = await lastMessage(account);
    expect(message.channel).toBe('voice');
    const code = codeIn(message.body_text.replace(/、/g, ''));
    const digits = code.split('').join('、');
    expect(message.body_text).toBe(`認証コードは ${digits} です。繰り返します。${digits} です。`);
    clock.advance(5 * 60_000);
    expect(await inTransaction(db, (tx) => sut.confirmEnrollment(tx, account, started.pendingFactorId, code))).toEqual({ ok: false, reason: 'expired' });
  });

  it('kills a code after 5 wrong tries', async () => {
    const account = await newAccount();
    const started = await inTransaction(db, (tx) => sut.startPhoneEnrollment(tx, account, { phone: newPhone(), channel: 'sms' }));
    const code = codeIn((await lastMessage(account)).body_text);
    const wrong = code === '000000' ? '111111' : '000000';
    const reasons = [];
    for (let i = 0; i < 5; i++) reasons.push(await inTransaction(db, (tx) => sut.confirmEnrollment(tx, account, started.pendingFactorId, wrong)));
    expect(reasons.map((r) => (r.ok ? 'ok' : r.reason))).toEqual(['invalid', 'invalid', 'invalid', 'invalid', 'too_many_attempts']);
    expect(await inTransaction(db, (tx) => sut.confirmEnrollment(tx, account, started.pendingFactorId, code))).toEqual({ ok: false, reason: 'too_many_attempts' });
  });

  it('enforces the 30 s cooldown and the hourly cap of 10, per account and per number', async () => {
    const account = await newAccount();
    const phone = newPhone();
    const started = await inTransaction(db, (tx) => sut.startPhoneEnrollment(tx, account, { phone, channel: 'sms' }));
    const resend = () => inTransaction(db, (tx) => sut.resendEnrollmentCode(tx, account, started.pendingFactorId));
    clock.advance(10_000);
    await expect(resend()).rejects.toMatchObject({ code: 'send_cooldown', status: 429, extra: { retryAfterSeconds: 20 } });
    expect(await inTransaction(db, (tx) => sut.sendBudget(tx, account, started.pendingFactorId))).toEqual({ cooldownSeconds: 20, remainingThisHour: 9 });
    for (let i = 0; i < 9; i++) {
      clock.advance(30_000);
      await resend();
    }
    clock.advance(30_000);
    const refusal = await resend().catch((e: AppError) => e);
    expect(refusal).toMatchObject({ code: 'send_limit', status: 429 });
    // The same number from another account is capped too.
    const other = await newAccount();
    await expect(inTransaction(db, (tx) => sut.startPhoneEnrollment(tx, other, { phone, channel: 'voice' }))).rejects.toMatchObject({ code: 'send_limit' });
    clock.advance(3_600_000);
    await expect(inTransaction(db, (tx) => sut.startPhoneEnrollment(tx, account, { phone, channel: 'sms' }))).resolves.toMatchObject({ cooldownSeconds: 30 });
  });

  it('refuses email enrollment before another factor, then sends the guide mail', async () => {
    const account = await newAccount();
    await expect(inTransaction(db, (tx) => sut.startEmailEnrollment(tx, account))).rejects.toMatchObject({ code: 'email_requires_other_factor', status: 409 });
    const phone = await inTransaction(db, (tx) => sut.startPhoneEnrollment(tx, account, { phone: newPhone(), channel: 'sms' }));
    const first = codeIn((await lastMessage(account)).body_text);
    await inTransaction(db, (tx) => sut.confirmEnrollment(tx, account, phone.pendingFactorId, first));
    clock.advance(31_000);
    const email = await inTransaction(db, (tx) => sut.startEmailEnrollment(tx, account));
    const mail = await lastMessage(account);
    expect(mail.subject).toBe('Your authentication code');
    const code = codeIn(mail.body_text);
    expect(mail.body_text.split('\n')).toContain(`Your MFA code is: ${code}`);
    expect(await inTransaction(db, (tx) => sut.confirmEnrollment(tx, account, email.pendingFactorId, code))).toEqual({ ok: true, factorId: email.pendingFactorId });
  });

  it('a retried send carries the same code: the outbox row is written once with it; challenge works and binds the flow', async () => {
    const account = await newAccount();
    const started = await inTransaction(db, (tx) => sut.startPhoneEnrollment(tx, account, { phone: newPhone(), channel: 'sms' }));
    const first = codeIn((await lastMessage(account)).body_text);
    await inTransaction(db, (tx) => sut.confirmEnrollment(tx, account, started.pendingFactorId, first));
    clock.advance(31_000);
    const flowId = '7b0f3a52-1111-4c3e-9c35-1a2b3c4d5e6f';
    await inTransaction(db, (tx) => sut.sendChallengeCode(tx, account, started.pendingFactorId, { flowId }));
    const message = await lastMessage(account);
    const code = codeIn(message.body_text);
    // Every job retry sends this row, unchanged: the code is fixed before the send.
    const [again] = await db.query(`SELECT body_text FROM outgoing_messages WHERE id = $1`, [message.id]);
    expect(again.body_text).toBe(message.body_text);
    expect(await inTransaction(db, (tx) => sut.verifyChallengeCode(tx, account, started.pendingFactorId, code))).toEqual({ ok: false, reason: 'invalid' });
    expect(await inTransaction(db, (tx) => sut.verifyChallengeCode(tx, account, started.pendingFactorId, code, { flowId }))).toEqual({ ok: true, factorId: started.pendingFactorId });
  });
});
