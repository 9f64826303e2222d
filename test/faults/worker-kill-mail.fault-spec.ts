import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { startApp, type RunningApp } from '../support/app-process';
import { TEST_REDIS_URL } from '../support/services';
import { SmtpSink } from '../support/smtp-sink';
import { verifyAuditChain } from './support/audit-chain';
import { demoNetworkId, register } from './support/registrations';
import { SmtpHoldProxy } from './support/smtp-hold-proxy';
import { sleep, waitUntil } from './support/wait';
import { startWorker, type RunningWorker } from './support/worker-process';

jest.setTimeout(120_000);

interface OutboxRow {
  recipient: string;
  message_id: string;
  state: string;
}

/**
 * The worker is SIGKILLed inside an SMTP send: the server has the message but its "250 OK" is withheld
 * (SmtpHoldProxy), so the row is still `sending`. A new worker takes the job over and sends it again:
 * that message may arrive twice (the crash window: no sender can know), every other message exactly
 * once, and no message is lost.
 */
describe('fault: worker SIGKILLed mid-mail-send', () => {
  let sink: SmtpSink;
  let proxy: SmtpHoldProxy;
  let app: RunningApp;
  let db: Client;
  const workers: RunningWorker[] = [];

  afterAll(async () => {
    for (const worker of workers) await worker.crash();
    await db?.end();
    await app?.stop();
    await proxy?.close();
    await sink?.stop();
  });

  const outbox = async () =>
    (await db.query(`SELECT recipient, message_id, state FROM outgoing_messages WHERE channel = 'mail' ORDER BY created_at`)).rows as OutboxRow[];

  it('sends the message in flight again (at most one duplicate), every other message once, none lost', async () => {
    sink = await SmtpSink.start();
    proxy = await SmtpHoldProxy.start(sink.port);
    const dataDir = mkdtempSync(join(tmpdir(), 'ikou-fault-'));
    app = await startApp({ RUN_WORKER: 'false', SEED_DEMO_ON_FIRST_START: 'true', DATA_DIR: dataDir, LEGACY_IP_LIMIT_PER_MINUTE: '1000' });
    const workerEnv = { DATABASE_URL: app.database.url, REDIS_URL: TEST_REDIS_URL, REDIS_PREFIX: app.redisPrefix, DATA_DIR: dataDir, SMTP_URL: proxy.url };
    workers.push(await startWorker(workerEnv));
    db = new Client({ connectionString: app.database.url });
    await db.connect();
    const email = (n: number) => `mail-kill-${n}@example.jp`;

    // Before the fault: mail flows.
    for (const n of [1, 2]) {
      await register(app.baseUrl, demoNetworkId(n), email(n));
      await sink.waitFor((m) => m.to === email(n));
    }

    // Recorded as sent too, so the kill below can only catch message 3 in its crash window.
    await waitUntil('messages 1 and 2 sent', outbox, (rows) => rows.length === 2 && rows.every((r) => r.state === 'sent'));

    // In flight: the server keeps message 3, its reply never comes; the worker dies waiting for it.
    proxy.holdNextMessage();
    await register(app.baseUrl, demoNetworkId(3), email(3));
    await waitUntil('message 3 accepted, reply withheld', async () => ({ held: proxy.held, caught: sink.messages.some((m) => m.to === email(3)) }), (s) => s.held === 1 && s.caught);
    expect((await outbox()).find((r) => r.recipient === email(3))?.state).toBe('sending');
    await workers[0].crash();
    const killedAt = Date.now();

    // While no worker runs, customers go on registering: their mail waits in the outbox.
    for (const n of [4, 5]) await register(app.baseUrl, demoNetworkId(n), email(n));
    await sleep(500);
    expect(sink.messages.filter((m) => [email(4), email(5)].includes(m.to))).toHaveLength(0);

    const second = await startWorker(workerEnv);
    workers.push(second);
    const { ms } = await waitUntil('every message sent', outbox, (rows) => rows.length === 5 && rows.every((r) => r.state === 'sent'), { timeoutMs: 45_000, everyMs: 100 });
    const recoveredAt = Date.now();
    await sleep(1_000); // a late duplicate would show now

    const rows = await outbox();
    const copies = (row: OutboxRow) => sink.messages.filter((m) => m.messageId === row.message_id).length;
    expect(rows.filter((r) => r.recipient !== email(3)).map(copies)).toEqual([1, 1, 1, 1]);
    const inFlight = copies(rows.find((r) => r.recipient === email(3))!);
    expect(inFlight).toBeGreaterThanOrEqual(1);
    expect(inFlight).toBeLessThanOrEqual(2);
    expect(sink.messages).toHaveLength(4 + inFlight);
    expect(verifyAuditChain(app.database.url)).toMatchObject({ ok: true });
    console.log(
      `message in flight delivered ${inFlight}× (crash window); outbox empty ${((recoveredAt - second.startedAt) / 1000).toFixed(1)} s after the new worker's start ` +
        `(${((recoveredAt - killedAt) / 1000).toFixed(1)} s after the kill; waited ${(ms / 1000).toFixed(1)} s)`,
    );
  });
});
