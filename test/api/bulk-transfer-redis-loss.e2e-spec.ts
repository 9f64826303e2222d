import { Redis } from 'ioredis';
import { Client } from 'pg';
import { startApp, type RunningApp } from '../support/app-process';
import { staffSignIn } from '../support/customer';
import { TEST_REDIS_URL } from '../support/services';

jest.setTimeout(180_000);

const ITEMS = 10_000;
const ENV = { SEED_DEMO_ON_FIRST_START: 'true', BULK_EXECUTION_BATCH: '50' };

/**
 * Redis emptied mid-execution (issue 7): every queued job and lock is gone, the worker process with them.
 * CI's Redis is shared by every test file running at once, so "emptied" is every key under this app's
 * prefix (what FLUSHALL would do to this app), not a literal FLUSHALL that would wipe the other files'.
 * Postgres says the ticket is unfinished; the reconciler must re-enqueue it and finish with nothing lost.
 */
describe('bulk-transfer execution when Redis is emptied', () => {
  let app: RunningApp;
  let db: Client;
  let redis: Redis;

  afterAll(async () => {
    redis?.disconnect();
    await db?.end();
    await app?.stop();
  });

  it('is finished by the reconciler, every contract linked once', async () => {
    app = await startApp(ENV);
    db = new Client({ connectionString: app.database.url });
    await db.connect();
    redis = new Redis(TEST_REDIS_URL);
    const { rows: [{ bill }] } = await db.query(`INSERT INTO billing_accounts (code, customer_name, consolidated) VALUES ('FLUSH-1', '大口 顧客', true) RETURNING id AS bill`);
    const { rows: [{ account }] } = await db.query(`INSERT INTO login_accounts (email, password_hash, state) VALUES ('flush@example.jp', 'x', 'active') RETURNING id AS account`);
    await db.query(
      `INSERT INTO contracts (network_id, service_type, contracted_at, status, billing_account_id, legacy_password_scheme, legacy_password_hash)
       SELECT 'FL' || lpad(i::text, 8, '0'), 'fiber', date '2015-01-01', 'active', $1, 'sha256_salted', 'x' FROM generate_series(1, $2) i`,
      [bill, ITEMS],
    );
    const { rows: [{ agent }] } = await db.query(`SELECT id AS agent FROM staff_users WHERE email = 'agent@demo.example.jp'`);
    const { rows: [{ id }] } = await db.query(
      `INSERT INTO bulk_transfer_tickets (login_account_id, email, network_id, inquiry_category, remark, channel, state, received_at, due_at, created_at, updated_at,
                                          billing_account_id, prepared_by, submitted_at)
       VALUES ($1, 'flush@example.jp', 'FL00000001', 'billing_and_procedures', '', 'customer_site', 'needs_review', now(), now() + interval '14 days', now(), now(), $2, $3, now())
       RETURNING id`,
      [account, bill, agent],
    );
    await db.query(`INSERT INTO bulk_transfer_items (ticket_id, contract_id, network_id, service_type, class) SELECT $1, id, network_id, service_type, 'to_link' FROM contracts WHERE billing_account_id = $2`, [id, bill]);
    const supervisor = await staffSignIn(app.baseUrl, 'supervisor@demo.example.jp', 'Ikou-demo-staff-2024');
    expect((await supervisor.client.post(`/api/console/tickets/${id}/approve`, {}, supervisor.csrf)).status).toBe(200);

    const done = async () => (await db.query(`SELECT count(*)::int AS n FROM bulk_transfer_items WHERE ticket_id = $1 AND result IS NOT NULL`, [id])).rows[0].n as number;
    while ((await done()) < 2000) await new Promise((r) => setTimeout(r, 10));
    // The worker dies with the data: kill it, empty the app's Redis, start again.
    await app.crash();
    const keys = await redis.keys(`${app.redisPrefix}*`);
    if (keys.length) await redis.del(...keys);
    const doneAtLoss = await done();
    app = await startApp(ENV, { resume: app });
    // No job survived: only the reconciler can move the ticket. Its idle threshold is on the server's clock.
    await fetch(`${app.baseUrl}/api/test/clock/advance`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ms: 120_000 }) });

    const started = Date.now();
    let state = '';
    while (state !== 'completed' && Date.now() - started < 90_000) {
      await new Promise((r) => setTimeout(r, 250));
      state = (await db.query(`SELECT state FROM bulk_transfer_tickets WHERE id = $1`, [id])).rows[0].state;
    }
    expect({ state, done: await done() }).toEqual({ state: 'completed', done: ITEMS });
    const { rows: [check] } = await db.query(
      `SELECT (SELECT count(*)::int FROM contracts WHERE billing_account_id = $1 AND login_account_id = $2) AS linked,
              (SELECT count(*)::int FROM outgoing_messages WHERE login_account_id = $2 AND template = 'bulk-transfer-finished') AS mails`,
      [bill, account],
    );
    expect(check).toEqual({ linked: ITEMS, mails: 1 });
    console.log(`Redis emptied at ${doneAtLoss} of ${ITEMS} items; the reconciler finished ${((Date.now() - started) / 1000).toFixed(1)} s after the restart`);
  });
});
