import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getQueueToken } from '@nestjs/bullmq';
import { Global, Module } from '@nestjs/common';
import { Test, type TestingModule } from '@nestjs/testing';
import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { DataSource } from 'typeorm';
import { SmtpSink, type CaughtMail } from '../../../test/support/smtp-sink';
import { TEST_REDIS_URL, createTestDatabase, testRedisPrefix, type TestDatabase } from '../../../test/support/services';
import { Clock } from '../common/clock';
import { CommonModule } from '../common/common.module';
import { loadConfig } from '../config/config';
import { DatabaseModule } from '../database/database.module';
import { inTransaction, type Tx } from '../database/transaction';
import { QueueModule, REDIS } from '../queue/queue.module';
import { QueueName } from '../queue/queue-names';
import { RUNTIME, type Runtime } from '../runtime/runtime';
import { LOG_TRANSPORT_RESPONSE, LogMailTransport } from './log-mail.transport';
import { MailDeliveryService } from './mail-delivery.service';
import { MailQueue } from './mail.queue';
import { MessagingModule } from './messaging.module';
import { MessagingWorkerModule } from './messaging-worker.module';
import { MESSAGING_OPTIONS, type MessagingOptions } from './messaging.options';
import type { OutgoingMessage } from './outgoing-message';
import { OutboxRepository } from './outbox.repository';
import { OutboxService } from './outbox.service';
import { REGISTRATION_COMPLETE_SUBJECT } from './templates/registration-complete.template';

jest.setTimeout(30_000);

const ATTEMPTS = 5;

let database: TestDatabase;
let sink: SmtpSink;
let app: TestingModule;
let db: DataSource;
let outbox: OutboxService;
let delivery: MailDeliveryService;
let mailQueue: MailQueue;
let queue: Queue;
let clock: Clock;
let options: MessagingOptions;
let accountId: string;
let dataDir: string;

/** The real modules, as the worker process wires them: Postgres, Redis (own prefix), BullMQ, SMTP. */
beforeAll(async () => {
  database = await createTestDatabase();
  sink = await SmtpSink.start();
  dataDir = mkdtempSync(join(tmpdir(), 'ikou-messaging-'));
  const config = loadConfig({
    NODE_ENV: 'test',
    DATA_DIR: dataDir,
    DATABASE_URL: database.url,
    REDIS_URL: TEST_REDIS_URL,
    REDIS_PREFIX: testRedisPrefix(),
    SMTP_URL: sink.url,
    MAIL_SEND_ATTEMPTS: String(ATTEMPTS),
    MAIL_RETRY_BASE_MS: '150',
  });
  const runtime: Runtime = { config, databaseUrl: database.url, redisUrl: TEST_REDIS_URL, role: 'worker' };

  @Global()
  @Module({ providers: [{ provide: RUNTIME, useValue: runtime }], exports: [RUNTIME] })
  class TestRuntimeModule {}

  app = await Test.createTestingModule({
    imports: [TestRuntimeModule, CommonModule, DatabaseModule.forRoot(runtime), QueueModule.forRoot(runtime), MessagingModule, MessagingWorkerModule],
  }).compile();
  app.useLogger(false);
  await app.init();
  db = app.get(DataSource);
  outbox = app.get(OutboxService);
  delivery = app.get(MailDeliveryService);
  mailQueue = app.get(MailQueue, { strict: false });
  queue = app.get<Queue>(getQueueToken(QueueName.Mail));
  clock = app.get(Clock);
  options = app.get(MESSAGING_OPTIONS, { strict: false });
});

afterAll(async () => {
  await queue?.obliterate({ force: true }).catch(() => undefined);
  const redis = app?.get<Redis>(REDIS, { strict: false });
  await app?.close();
  redis?.disconnect(); // QueueModule's shared client has no shutdown hook of its own
  await sink?.stop();
  await database?.drop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

beforeEach(async () => {
  clock.reset();
  sink.accept();
  await sink.start();
  sink.clear();
  await db.query('TRUNCATE outgoing_messages, login_accounts CASCADE');
  [{ id: accountId }] = await db.query(`INSERT INTO login_accounts (email) VALUES ('taro@example.jp') RETURNING id`);
});

const registrationData = (networkId = 'IS10010001') => ({
  email: 'taro@example.jp',
  networkId,
  passwordSetUrl: `https://ikou.example.jp/password/set#token=tok-${networkId}`,
  validHours: 24,
  passwordResetRequestUrl: 'https://ikou.example.jp/password/request',
});

function queueRegistration(networkId = 'IS10010001', to = 'taro@example.jp'): Promise<{ id: string }> {
  return inTransaction(db, (tx) =>
    outbox.queueMail(tx, { template: 'registration-complete', to, data: registrationData(networkId), loginAccountId: accountId }),
  );
}

/** Committed, but its enqueue lost (Redis down at that moment, process killed after the commit). */
function queueWithoutJob(networkId: string): Promise<{ id: string }> {
  return db.transaction((manager) => {
    const tx: Tx = { manager, afterCommit: () => undefined };
    return outbox.queueMail(tx, { template: 'registration-complete', to: 'taro@example.jp', data: registrationData(networkId) });
  });
}

async function row(id: string): Promise<OutgoingMessage> {
  const found = await outbox.find(id);
  if (!found) throw new Error(`no outgoing message ${id}`);
  return found;
}

async function waitForRow(id: string, predicate: (m: OutgoingMessage) => boolean, timeoutMs = 15_000): Promise<OutgoingMessage> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const current = await row(id);
    if (predicate(current)) return current;
    if (Date.now() > deadline) throw new Error(`outgoing message ${id} did not reach the expected state: ${JSON.stringify(current)}`);
    await new Promise((resolve) => setTimeout(resolve, 40));
  }
}

/** Until the message's send job is gone from Redis (finished and removed). */
async function waitForNoJob(id: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (await queue.getJob(MailQueue.sendJobId(id))) {
    if (Date.now() > deadline) throw new Error(`job of ${id} still there`);
    await new Promise((resolve) => setTimeout(resolve, 40));
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const caught = (m: OutgoingMessage) => sink.messages.filter((mail: CaughtMail) => mail.messageId === m.messageId);

describe('OutboxService + mail worker', () => {
  it('delivers a mail queued in a committed transaction once, exactly as stored, decodable by a MIME parser', async () => {
    const { id } = await queueRegistration();
    const stored = await row(id);
    expect(stored.messageId).toBe(`<${id}@nttpc.co.jp>`);
    const mail = await sink.waitFor((m) => m.messageId === stored.messageId);

    expect(mail.subject).toBe('「申込/契約確認サイト」ログインアカウント(メールアドレス)への切り替え完了のご案内');
    expect(mail.subject).toBe(REGISTRATION_COMPLETE_SUBJECT);
    expect(mail.from).toBe('no-reply@nttpc.co.jp');
    expect(mail.to).toBe('taro@example.jp');
    expect(mail.envelope).toEqual({ mailFrom: 'no-reply@nttpc.co.jp', rcptTo: ['taro@example.jp'] });
    expect(mail.text.trim()).toBe(stored.bodyText.trim());
    expect(mail.text).toContain('IS10010001');
    expect(mail.text).toContain('https://ikou.example.jp/password/set#token=tok-IS10010001');
    expect(mail.text).toContain('このメールは送信専用のアドレスからお送りしています。');
    expect(mail.html).toContain('<a href="https://ikou.example.jp/password/set#token=tok-IS10010001">');
    // 7-bit on the wire: the Japanese subject is MIME-encoded, both parts declare UTF-8.
    const raw = mail.raw.toString('latin1');
    expect(raw).toMatch(/^Subject: =\?UTF-8\?[BQ]\?/m);
    expect(raw).toMatch(/Content-Type: text\/plain; charset=utf-8/i);
    expect(raw).toMatch(/Content-Type: text\/html; charset=utf-8/i);
    expect(/^[\t\r\n\x20-\x7e]*$/.test(raw)).toBe(true);

    const sent = await waitForRow(id, (m) => m.state === 'sent');
    expect(sent).toMatchObject({ attempts: 1, lastError: null, providerResponse: expect.stringMatching(/^250 /), loginAccountId: accountId });
    expect(sent.sentAt).toBeInstanceOf(Date);
    await sleep(300);
    expect(caught(sent)).toHaveLength(1);
    expect(await outbox.listForLoginAccount(accountId)).toEqual([sent]);
  });

  it('sends nothing and leaves no row when the transaction rolls back', async () => {
    let queuedId = '';
    await expect(
      inTransaction(db, async (tx) => {
        ({ id: queuedId } = await outbox.queueMail(tx, { template: 'registration-complete', to: 'taro@example.jp', data: registrationData() }));
        throw new Error('the change failed after the message was queued');
      }),
    ).rejects.toThrow('the change failed');
    expect(queuedId).not.toBe('');
    await sleep(400);
    expect(await outbox.find(queuedId)).toBeUndefined();
    expect(await queue.getJob(MailQueue.sendJobId(queuedId))).toBeUndefined();
    expect(sink.messages).toHaveLength(0);
  });

  it('refuses a recipient that is not one address', async () => {
    await expect(queueRegistration('IS10010001', 'a@example.jp, b@example.jp')).rejects.toThrow('"to" must be one email address');
    await expect(queueRegistration('IS10010001', 'a@example.jp\r\nBcc: b@example.jp')).rejects.toThrow('"to" must be one email address');
    expect(await db.query('SELECT id FROM outgoing_messages')).toEqual([]);
  });

  it('keeps retrying while the SMTP server is down, records the attempts, and delivers once when it is back', async () => {
    await sink.stop();
    const { id } = await queueRegistration();
    const waiting = await waitForRow(id, (m) => m.attempts >= 2 && m.state === 'pending');
    expect(waiting.lastError).toMatch(/ECONNREFUSED/);
    expect(waiting.lastAttemptAt).toBeInstanceOf(Date);
    expect(waiting.sentAt).toBeNull();

    await sink.start();
    const sent = await waitForRow(id, (m) => m.state === 'sent');
    expect(sent.attempts).toBeGreaterThanOrEqual(3);
    expect(sent.lastError).toMatch(/ECONNREFUSED/); // the story of the earlier tries stays
    await sleep(300);
    expect(caught(sent)).toHaveLength(1);
  });

  it('marks the mail failed after the last attempt when the server keeps refusing; a retry sends it', async () => {
    sink.refuse({ code: 451 });
    const { id } = await queueRegistration();
    const failed = await waitForRow(id, (m) => m.state === 'failed');
    expect(failed.attempts).toBe(ATTEMPTS);
    expect(failed.lastError).toMatch(/^EENVELOPE 451: /);
    await waitForNoJob(id);
    expect(sink.messages).toHaveLength(0);

    // A failed message waits for a human; the reconciler leaves it alone.
    clock.advance(10 * 60_000);
    await delivery.reconcile();
    await sleep(300);
    expect((await row(id)).state).toBe('failed');

    sink.accept();
    expect(await inTransaction(db, (tx) => outbox.retryFailed(tx, id))).toBe(true);
    const sent = await waitForRow(id, (m) => m.state === 'sent');
    expect(sent.attempts).toBe(ATTEMPTS + 1);
    expect(caught(sent)).toHaveLength(1);
    expect(await inTransaction(db, (tx) => outbox.retryFailed(tx, id))).toBe(false);
  });

  it('gives up at once when the server refuses the recipient for good', async () => {
    sink.refuse({ code: 550 });
    const { id } = await queueRegistration();
    const failed = await waitForRow(id, (m) => m.state === 'failed');
    expect(failed.attempts).toBe(1);
    expect(failed.lastError).toMatch(/^EENVELOPE 550: /);
  });

  it('does not send again when the job is enqueued again or runs after the message was sent', async () => {
    const { id } = await queueRegistration();
    const sent = await waitForRow(id, (m) => m.state === 'sent');
    await Promise.all([mailQueue.enqueueSend(id), mailQueue.enqueueSend(id)]);
    await waitForNoJob(id);
    await expect(delivery.deliver(id, { lastAttempt: false })).resolves.toBe('skipped');
    expect(caught(sent)).toHaveLength(1);
    expect(await row(id)).toEqual(sent);
  });

  it('sends once when several workers take the same message at the same moment', async () => {
    const { id } = await queueWithoutJob('IS10010002');
    const outcomes = await Promise.all([1, 2, 3, 4].map(() => delivery.deliver(id, { lastAttempt: false })));
    expect(outcomes.sort()).toEqual(['sent', 'skipped', 'skipped', 'skipped']);
    const sent = await row(id);
    expect(sent).toMatchObject({ state: 'sent', attempts: 1 });
    await sleep(200);
    expect(caught(sent)).toHaveLength(1);
  });

  it('sends a message a dead worker left sending at once when its job took over, and never once it is sent', async () => {
    const { id } = await queueWithoutJob('IS10010007');
    await db.query(`UPDATE outgoing_messages SET state = 'sending', attempts = 1, last_attempt_at = $2 WHERE id = $1`, [id, clock.now()]);
    // A job that knows nothing of the claimant's death leaves the row to it, until the lease runs out.
    await expect(delivery.deliver(id, { lastAttempt: false })).resolves.toBe('skipped');
    // The job BullMQ moved back after its worker's lock lapsed (stalled) takes over.
    await expect(delivery.deliver(id, { lastAttempt: false, takeOver: true })).resolves.toBe('sent');
    const sent = await row(id);
    expect(sent).toMatchObject({ state: 'sent', attempts: 2 });
    await expect(delivery.deliver(id, { lastAttempt: false, takeOver: true })).resolves.toBe('skipped');
    await sleep(200);
    expect(caught(sent)).toHaveLength(1);
  });

  it('reconciles from Postgres: a lost enqueue, an emptied Redis and a worker that died mid-send all get delivered', async () => {
    // 1. committed, but the enqueue never happened
    const lost = await queueWithoutJob('IS10010003');
    // 2. waiting for a retry when Redis lost every job
    sink.refuse({ code: 451 });
    const emptied = await queueRegistration('IS10010004');
    await waitForRow(emptied.id, (m) => m.attempts >= 1 && m.state === 'pending');
    await queue.obliterate({ force: true });
    // 3. claimed by a worker that died before recording the outcome
    const abandoned = await queueWithoutJob('IS10010005');
    await db.query(`UPDATE outgoing_messages SET state = 'sending', attempts = 1, last_attempt_at = $2 WHERE id = $1`, [
      abandoned.id,
      clock.now(),
    ]);
    sink.accept();
    await sleep(500);
    expect(sink.messages).toHaveLength(0);

    // Young rows are left to their own jobs, a recent claim to its worker.
    expect(await delivery.reconcile()).toBe(0);

    clock.advance(options.reconcile.sendingLeaseMs + 1_000);
    expect(await delivery.reconcile()).toBe(3);
    for (const { id } of [lost, emptied, abandoned]) {
      const sent = await waitForRow(id, (m) => m.state === 'sent');
      expect(caught(sent)).toHaveLength(1);
    }
    expect((await row(abandoned.id)).attempts).toBe(2);
    expect(await delivery.reconcile()).toBe(0);
  });

  it('schedules the reconciler every 30 seconds', async () => {
    await mailQueue.scheduleReconcile(); // the obliterate above removed the one made at start
    const schedulers = await queue.getJobSchedulers();
    expect(schedulers).toEqual([expect.objectContaining({ key: 'mail-reconcile', every: 30_000 })]);
  });

  it('without SMTP_URL, records the mail as sent to the development sink', async () => {
    const lines: string[] = [];
    const devDelivery = new MailDeliveryService(
      app.get(OutboxRepository, { strict: false }),
      mailQueue,
      clock,
      new LogMailTransport({ log: (line: string) => lines.push(line) }),
      options,
    );
    const { id } = await queueWithoutJob('IS10010006');
    await expect(devDelivery.deliver(id, { lastAttempt: false })).resolves.toBe('sent');
    expect(await row(id)).toMatchObject({ state: 'sent', attempts: 1, providerResponse: LOG_TRANSPORT_RESPONSE });
    expect(lines).toEqual([expect.stringContaining(`t***@example.jp`)]);
    expect(lines[0]).toContain(REGISTRATION_COMPLETE_SUBJECT);
    expect(lines[0]).not.toContain('token');
    expect(sink.messages).toHaveLength(0);
  });
});
