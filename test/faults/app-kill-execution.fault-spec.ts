import { Client } from 'pg';
import { startApp, type RunningApp } from '../support/app-process';
import { verifyAuditChain } from './support/audit-chain';
import { approvedBigTicket, exactlyOnce, ticketOutcome, ticketProgress } from '../support/big-ticket';
import { waitUntil } from './support/wait';

// Three SIGKILLs and restarts of a 10,000-item execution: several app starts, so more time than the e2e default.
jest.setTimeout(240_000);

const ITEMS = 10_000;
const ENV = { SEED_DEMO_ON_FIRST_START: 'true', BULK_EXECUTION_BATCH: '50' };

/**
 * Issue 7's crash test (moved here from test/api/bulk-transfer-crash.e2e-spec.ts): the whole process
 * (API and worker in one, the development layout) is killed (SIGKILL) at random points, several times,
 * and started again on the same database and Redis; in the end every planned contract is linked exactly
 * once and every item has exactly one result.
 */
describe('fault: app SIGKILLed three times mid-execution', () => {
  let app: RunningApp;
  let db: Client;

  afterAll(async () => {
    await db?.end();
    await app?.stop();
  });

  it('links every planned contract exactly once across crashes, and closes the ticket once', async () => {
    app = await startApp(ENV);
    db = new Client({ connectionString: app.database.url });
    await db.connect();
    const ticket = await approvedBigTicket(db, app.baseUrl, 'CR', ITEMS);

    const crashesAt: number[] = [];
    for (const fraction of [0.1 + Math.random() * 0.2, 0.4 + Math.random() * 0.2, 0.7 + Math.random() * 0.2]) {
      const target = Math.floor(ITEMS * fraction);
      await waitUntil('execution reaching the crash point', () => ticketProgress(db, ticket.id), (p) => p.done >= target || p.state === 'completed', {
        timeoutMs: 60_000,
        everyMs: 10,
      });
      await app.crash();
      crashesAt.push((await ticketProgress(db, ticket.id)).done);
      app = await startApp(ENV, { resume: app });
    }
    // At least one kill landed mid-run (else the test proves nothing): the batches are small enough for that.
    expect(crashesAt.some((n) => n > 0 && n < ITEMS)).toBe(true);

    const { ms } = await waitUntil('ticket completed', () => ticketProgress(db, ticket.id), (p) => p.state === 'completed', { timeoutMs: 120_000, everyMs: 200 });
    expect(await ticketOutcome(db, ticket)).toEqual(exactlyOnce(ticket));
    expect(verifyAuditChain(app.database.url)).toMatchObject({ ok: true });
    console.log(`crashed at ${crashesAt.join(', ')} items; completed ${(ms / 1000).toFixed(1)} s after the last restart`);
  });
});
