import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getQueueToken } from '@nestjs/bullmq';
import { Global, Module } from '@nestjs/common';
import { Test, type TestingModule } from '@nestjs/testing';
import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { DataSource } from 'typeorm';
import { TEST_REDIS_URL, createTestDatabase, testRedisPrefix, type TestDatabase } from '../../../test/support/services';
import { CommonModule } from '../common/common.module';
import { loadConfig } from '../config/config';
import { DatabaseModule } from '../database/database.module';
import { inTransaction } from '../database/transaction';
import { smsCodeText, voiceCodeText } from '../mfa/code-factor.service';
import { QueueModule, REDIS } from '../queue/queue.module';
import { QueueName } from '../queue/queue-names';
import { RUNTIME, type Runtime } from '../runtime/runtime';
import { MessagingModule } from './messaging.module';
import { MessagingWorkerModule } from './messaging-worker.module';
import type { OutgoingMessage } from './outgoing-message';
import { OutboxService } from './outbox.service';
import { SmsVoiceOutboxService } from './sms-voice-outbox.service';

jest.setTimeout(60_000);

/** A Twilio-compatible fake: answers with the statuses the test lines up, records what it got. */
let fake: Server;
let got: Array<{ url: string; auth: string | undefined; form: URLSearchParams }> = [];
let statuses: number[] = [];

let database: TestDatabase;
let dataDir: string;
let app: TestingModule;
let db: DataSource;
let smsVoice: SmsVoiceOutboxService;
let outbox: OutboxService;
let queue: Queue;
let accountId: string;

beforeAll(async () => {
  fake = createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString()));
    req.on('end', () => {
      got.push({ url: req.url ?? '', auth: req.headers.authorization, form: new URLSearchParams(raw) });
      const status = statuses.shift() ?? 201;
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(status === 201 ? { sid: `SM${got.length}`, status: 'queued' } : { code: 21211, message: 'refused' }));
    });
  });
  await new Promise<void>((resolve) => fake.listen(0, '127.0.0.1', resolve));
  database = await createTestDatabase();
  dataDir = mkdtempSync(join(tmpdir(), 'ikou-sms-'));
  const config = loadConfig({
    NODE_ENV: 'test',
    DATA_DIR: dataDir,
    DATABASE_URL: database.url,
    REDIS_URL: TEST_REDIS_URL,
    REDIS_PREFIX: testRedisPrefix(),
    SMS_GATEWAY_URL: `http://127.0.0.1:${(fake.address() as AddressInfo).port}`,
    SMS_ACCOUNT_SID: 'AC42',
    SMS_AUTH_TOKEN: 'token-1234567',
    SMS_FROM_NUMBER: '+815000000000',
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
  smsVoice = app.get(SmsVoiceOutboxService);
  outbox = app.get(OutboxService);
  queue = app.get<Queue>(getQueueToken(QueueName.SmsVoice));
  [{ id: accountId }] = await db.query(`INSERT INTO login_accounts (email) VALUES ('hanako@example.jp') RETURNING id`);
});

afterAll(async () => {
  await queue?.obliterate({ force: true }).catch(() => undefined);
  const redis = app?.get<Redis>(REDIS, { strict: false });
  await app?.close();
  redis?.disconnect();
  await database?.drop();
  await new Promise<void>((resolve) => (fake ? fake.close(() => resolve()) : resolve()));
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

beforeEach(() => {
  got = [];
  statuses = [];
});

async function waitFor(id: string, states: OutgoingMessage['state'][], timeoutMs = 20_000): Promise<OutgoingMessage> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const current = await outbox.find(id);
    if (current && states.includes(current.state)) return current;
    if (Date.now() > deadline) throw new Error(`message ${id} stuck: ${JSON.stringify(current)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('SMS and voice through the outbox, BullMQ and a Twilio-compatible gateway', () => {
  it('sends an SMS once, with Basic auth and the text', async () => {
    const { id } = await inTransaction(db, (tx) => smsVoice.queueSms(tx, { to: '+819012345678', body: smsCodeText('123456'), template: 'mfa-code', loginAccountId: accountId }));
    const sent = await waitFor(id, ['sent']);
    expect(sent.providerResponse).toContain('sid=SM1');
    expect(got).toHaveLength(1);
    expect(got[0].url).toBe('/2010-04-01/Accounts/AC42/Messages.json');
    expect(got[0].auth).toBe(`Basic ${Buffer.from('AC42:token-1234567').toString('base64')}`);
    expect(got[0].form.get('Body')).toBe('InfoSphere 認証コード: 123456（5分間有効）。このコードを他人に教えないでください。');
  });

  it('retries a 5xx with the same text (same code), then records it sent', async () => {
    statuses = [503];
    const { id } = await inTransaction(db, (tx) => smsVoice.queueVoice(tx, { to: '+81312345678', body: voiceCodeText('042917'), template: 'mfa-code', loginAccountId: accountId }));
    const sent = await waitFor(id, ['sent']);
    expect(sent.attempts).toBe(2);
    expect(got).toHaveLength(2);
    expect(got.map((g) => g.url)).toEqual(['/2010-04-01/Accounts/AC42/Calls.json', '/2010-04-01/Accounts/AC42/Calls.json']);
    expect(got[0].form.get('Twiml')).toBe(got[1].form.get('Twiml'));
    expect(got[1].form.get('Twiml')).toContain('認証コードは 0、4、2、9、1、7 です。繰り返します。0、4、2、9、1、7 です。');
  });

  it('marks a 4xx refusal failed without retrying', async () => {
    statuses = [400];
    const { id } = await inTransaction(db, (tx) => smsVoice.queueSms(tx, { to: '+819012345679', body: 'x', template: 'mfa-code', loginAccountId: accountId }));
    const failed = await waitFor(id, ['failed']);
    expect(failed.attempts).toBe(1);
    expect(failed.lastError).toContain('HTTP 400');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(got).toHaveLength(1);
  });

  it('never sends a message whose transaction rolled back', async () => {
    let id = '';
    await expect(
      inTransaction(db, async (tx) => {
        ({ id } = await smsVoice.queueSms(tx, { to: '+819012345670', body: 'x', template: 'mfa-code', loginAccountId: accountId }));
        throw new Error('rollback');
      }),
    ).rejects.toThrow('rollback');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await outbox.find(id)).toBeUndefined();
    expect(got).toHaveLength(0);
  });
});
