import { Client } from 'pg';
import { startApp, type RunningApp } from '../support/app-process';
import { verifyAuditChain } from './support/audit-chain';
import { approvedBigTicket, exactlyOnce, ticketOutcome, ticketProgress } from '../support/big-ticket';
import { emptyRedisFor } from './support/redis-keys';
import { waitUntil } from './support/wait';

jest.setTimeout(180_000);

const ITEMS = 10_000;
const ENV = { SEED_DEMO_ON_FIRST_START: 'true', BULK_EXECUTION_BATCH: '50' };

/**
 * Redis emptied mid-execution with the worker process dying at the same time (moved here from
 * test/api/bulk-transfer-redis-loss.e2e-spec.ts): every queued job and lock is gone, the running job
 * with its process. Postgres says the ticket is unfinished; after the restart the reconciler must
 * re-enqueue it and finish with nothing lost. (redis-emptied.fault-spec.ts: the same loss, no restart.)
 */
describe('fault: app SIGKILLed and its Redis emptied mid-execution', () => {
  let app: RunningApp;
  let db: Client;

  afterAll(async () => {
    await db?.end();
    await app?.stop();
  });

  it('is finished by the reconciler, every contract linked once', async () => {
    app = await startApp(ENV);
    db = new Client({ connectionString: app.database.url });
    await db.connect();
    const ticket = await approvedBigTicket(db, app.baseUrl, 'FL', ITEMS);

    await waitUntil('execution under way', () => ticketProgress(db, ticket.id), (p) => p.done >= 2000, { everyMs: 10 });
    // The worker dies with the data: kill it, empty the app's Redis, start again.
    await app.crash();
    await emptyRedisFor(app.redisPrefix);
    const atLoss = await ticketProgress(db, ticket.id);
    app = await startApp(ENV, { resume: app });
    // No job survived: only the reconciler can move the ticket. Its idle threshold is on the server's clock.
    await fetch(`${app.baseUrl}/api/test/clock/advance`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ms: 120_000 }) });

    const { ms } = await waitUntil('ticket completed', () => ticketProgress(db, ticket.id), (p) => p.state === 'completed', { timeoutMs: 90_000, everyMs: 250 });
    expect(await ticketOutcome(db, ticket)).toEqual(exactlyOnce(ticket));
    expect(verifyAuditChain(app.database.url)).toMatchObject({ ok: true });
    console.log(`Redis emptied at ${atLoss.done} of ${ITEMS} items; the reconciler finished ${(ms / 1000).toFixed(1)} s after the restart`);
  });
});
