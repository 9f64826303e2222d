import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { startApp, type RunningApp } from '../support/app-process';
import { TEST_REDIS_URL } from '../support/services';
import { verifyAuditChain } from './support/audit-chain';
import { approvedBigTicket, exactlyOnce, ticketOutcome, ticketProgress } from '../support/big-ticket';
import { waitUntil } from './support/wait';
import { startWorker, type RunningWorker } from './support/worker-process';

jest.setTimeout(120_000);

const ITEMS = 5_000;
/** Small batches: many commits, so the kill lands between two of them with work left on both sides. */
const BATCH = '25';

/**
 * The production layout: API and worker are separate processes. The worker is SIGKILLed while a ticket is
 * `processing`; the API goes on; a new worker must take the ticket over within 15 s of its start (the
 * job's lock expires and the stalled-job check hands it on; see docs/reliability.md), and the ticket
 * ends exactly as if nothing had happened.
 */
describe('fault: worker SIGKILLed mid-execution', () => {
  let app: RunningApp;
  let db: Client;
  const workers: RunningWorker[] = [];

  afterAll(async () => {
    for (const worker of workers) await worker.crash();
    await db?.end();
    await app?.stop();
  });

  it('a new worker resumes the ticket within 15 s and every contract is linked exactly once', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'ikou-fault-'));
    app = await startApp({ RUN_WORKER: 'false', SEED_DEMO_ON_FIRST_START: 'true', DATA_DIR: dataDir });
    const workerEnv = { DATABASE_URL: app.database.url, REDIS_URL: TEST_REDIS_URL, REDIS_PREFIX: app.redisPrefix, DATA_DIR: dataDir, BULK_EXECUTION_BATCH: BATCH };
    workers.push(await startWorker(workerEnv));
    db = new Client({ connectionString: app.database.url });
    await db.connect();

    const ticket = await approvedBigTicket(db, app.baseUrl, 'WK', ITEMS);
    await waitUntil('execution under way', () => ticketProgress(db, ticket.id), (p) => p.done >= ITEMS / 5, { everyMs: 10 });
    await workers[0].crash();
    const killedAt = Date.now();
    const atKill = await ticketProgress(db, ticket.id);
    // The kill landed mid-run, else this test proves nothing.
    expect(atKill).toEqual({ state: 'processing', done: expect.any(Number) });
    expect(atKill.done).toBeLessThan(ITEMS);

    // The API keeps answering without any worker.
    expect((await fetch(`${app.baseUrl}/ready`)).status).toBe(200);

    const second = await startWorker(workerEnv);
    workers.push(second);
    await waitUntil('ticket moving again', () => ticketProgress(db, ticket.id), (p) => p.done > atKill.done, { timeoutMs: 30_000, everyMs: 50 });
    const resumedAt = Date.now();
    const sinceStart = resumedAt - second.startedAt;
    expect(sinceStart).toBeLessThan(15_000);

    await waitUntil('ticket completed', () => ticketProgress(db, ticket.id), (p) => p.state === 'completed', { timeoutMs: 60_000, everyMs: 200 });
    expect(await ticketOutcome(db, ticket)).toEqual(exactlyOnce(ticket));
    const mail = await waitUntil(
      'completion mail sent',
      async () => (await db.query(`SELECT state FROM outgoing_messages WHERE login_account_id = $1 AND template = 'bulk-transfer-finished'`, [ticket.loginAccountId])).rows,
      (rows) => rows.length === 1 && rows[0].state === 'sent',
    );
    expect(mail.value).toEqual([{ state: 'sent' }]);
    expect(verifyAuditChain(app.database.url)).toMatchObject({ ok: true });
    console.log(
      `worker killed at ${atKill.done}/${ITEMS} items; the new worker started ${((second.startedAt - killedAt) / 1000).toFixed(1)} s after the kill ` +
        `and the ticket moved again ${(sinceStart / 1000).toFixed(1)} s after its start (${((resumedAt - killedAt) / 1000).toFixed(1)} s after the kill)`,
    );
  });
});
