import { Client } from 'pg';
import { startApp, type RunningApp } from '../support/app-process';
import { SmtpSink } from '../support/smtp-sink';
import { verifyAuditChain } from './support/audit-chain';
import { approvedBigTicket, exactlyOnce, ticketOutcome, ticketProgress } from '../support/big-ticket';
import { emptyRedisFor } from './support/redis-keys';
import { demoNetworkId, register } from './support/registrations';
import { sleep, waitUntil } from './support/wait';

jest.setTimeout(150_000);

/**
 * Redis loses everything under a running app (a restart without persistence, a failover to an empty
 * replica): the job running, the job waiting, the mail waiting for its retry, and the reconcilers'
 * schedules. Nothing restarts. Postgres says what is unfinished; the workers put their reconcile
 * schedules back and the reconcilers re-enqueue the rest from Postgres.
 */
describe('fault: Redis emptied under a running app', () => {
  let sink: SmtpSink;
  let app: RunningApp;
  let db: Client;

  afterAll(async () => {
    await db?.end();
    await app?.stop();
    await sink?.stop();
  });

  it('finishes the running ticket, the queued ticket, the queued mail and a lost text message from Postgres, each once', async () => {
    sink = await SmtpSink.start();
    // One process with the worker in it: the test clock (moved below) is the worker's clock too.
    app = await startApp({ SMTP_URL: sink.url, SEED_DEMO_ON_FIRST_START: 'true', BULK_EXECUTION_BATCH: '25', MAIL_RETRY_BASE_MS: '3000', LEGACY_IP_LIMIT_PER_MINUTE: '1000' });
    db = new Client({ connectionString: app.database.url });
    await db.connect();

    // Mail waiting for a retry: the server asks to try later.
    sink.refuse({ code: 451 });
    const emails = [1, 2, 3].map((n) => `redis-emptied-${n}@example.jp`);
    for (const [i, email] of emails.entries()) await register(app.baseUrl, demoNetworkId(21 + i), email);
    // A ticket executing and one approved behind it (one execution at a time per worker): its job waits.
    const running = await approvedBigTicket(db, app.baseUrl, 'RA', 4_000);
    const waiting = await approvedBigTicket(db, app.baseUrl, 'RB', 200);
    await waitUntil('execution under way', () => ticketProgress(db, running.id), (p) => p.done >= 800, { everyMs: 10 });
    expect(await ticketProgress(db, waiting.id)).toEqual({ state: 'approved', done: 0 });

    // A text message whose send job never reached Redis: only the SMS reconciler, rescheduled, can send it.
    const { rows: [{ id: sms }] } = await db.query(
      `INSERT INTO outgoing_messages (id, channel, template, recipient, body_text, message_id, state, attempts, created_at, updated_at)
       VALUES (gen_random_uuid(), 'sms', 'mfa-code', '+819000000021', 'Ikou code 123456', 'lost-sms@ikou.test', 'pending', 0, now(), now()) RETURNING id`,
    );

    const deleted = await emptyRedisFor(app.redisPrefix);
    const emptiedAt = Date.now();
    const atLoss = await ticketProgress(db, running.id);
    expect(deleted).toBeGreaterThan(0);
    sink.accept();
    // The reconcilers leave young work to its own jobs; make it old on the server's clock instead of waiting.
    await fetch(`${app.baseUrl}/api/test/clock/advance`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ms: 120_000 }) });

    const progress = async () => ({
      running: (await ticketProgress(db, running.id)).state,
      waiting: (await ticketProgress(db, waiting.id)).state,
      mails: (await db.query(`SELECT count(*)::int AS n FROM outgoing_messages WHERE recipient = ANY($1) AND state = 'sent'`, [emails])).rows[0].n as number,
      sms: (await db.query(`SELECT state FROM outgoing_messages WHERE id = $1`, [sms])).rows[0].state as string,
    });
    const { value } = await waitUntil('everything finished', progress, (p) => p.running === 'completed' && p.waiting === 'completed' && p.mails === 3 && p.sms === 'sent', {
      timeoutMs: 60_000,
      everyMs: 250,
    });
    const doneAt = Date.now();
    expect(value).toEqual({ running: 'completed', waiting: 'completed', mails: 3, sms: 'sent' });
    await sleep(1_000); // a late duplicate would show now

    expect(await ticketOutcome(db, running)).toEqual(exactlyOnce(running));
    expect(await ticketOutcome(db, waiting)).toEqual(exactlyOnce(waiting));
    for (const email of emails) expect(sink.messages.filter((m) => m.to === email)).toHaveLength(1);
    expect(app.process.exitCode).toBeNull();
    expect(verifyAuditChain(app.database.url)).toMatchObject({ ok: true });
    console.log(
      `Redis emptied (${deleted} keys) at ${atLoss.done}/${running.items} items; ` +
        `both tickets and the 3 mails finished ${((doneAt - emptiedAt) / 1000).toFixed(1)} s later, without a restart`,
    );
  });
});
