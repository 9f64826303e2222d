import { Client } from 'pg';
import { startApp, type RunningApp } from '../support/app-process';
import { staffSignIn } from '../support/customer';

// Three SIGKILLs and restarts of a 10,000-item execution: several app starts, so more time than the e2e default.
jest.setTimeout(240_000);

const ITEMS = 10_000;
const ENV = { SEED_DEMO_ON_FIRST_START: 'true', BULK_EXECUTION_BATCH: '50' };

/**
 * Issue 7's crash test: the process running an execution is killed (SIGKILL) at random points, several
 * times, and started again on the same database and Redis; in the end every planned contract is linked
 * exactly once and every item has exactly one result.
 */
describe('bulk-transfer execution survives SIGKILL', () => {
  let app: RunningApp;
  let db: Client;

  afterAll(async () => {
    await db?.end();
    await app?.stop();
  });

  async function progress(ticketId: string): Promise<{ done: number; state: string }> {
    const { rows } = await db.query(
      `SELECT (SELECT count(*)::int FROM bulk_transfer_items WHERE ticket_id = $1 AND result IS NOT NULL) AS done, state FROM bulk_transfer_tickets WHERE id = $1`,
      [ticketId],
    );
    return rows[0];
  }

  it('links every planned contract exactly once across crashes, and closes the ticket once', async () => {
    app = await startApp(ENV);
    db = new Client({ connectionString: app.database.url });
    await db.connect();
    // A customer whose consolidated bill holds 10,000 contracts, with an approved-ready plan.
    const { rows: [{ bill }] } = await db.query(`INSERT INTO billing_accounts (code, customer_name, consolidated) VALUES ('CRASH-1', '大口 顧客', true) RETURNING id AS bill`);
    const { rows: [{ account }] } = await db.query(`INSERT INTO login_accounts (email, password_hash, state) VALUES ('crash@example.jp', 'x', 'active') RETURNING id AS account`);
    await db.query(
      `INSERT INTO contracts (network_id, service_type, contracted_at, status, billing_account_id, legacy_password_scheme, legacy_password_hash)
       SELECT 'CR' || lpad(i::text, 8, '0'), 'fiber', date '2015-01-01', 'active', $1, 'sha256_salted', 'x' FROM generate_series(1, $2) i`,
      [bill, ITEMS],
    );
    const { rows: [{ agent }] } = await db.query(`SELECT id AS agent FROM staff_users WHERE email = 'agent@demo.example.jp'`);
    const { rows: [{ id }] } = await db.query(
      `INSERT INTO bulk_transfer_tickets (login_account_id, email, network_id, inquiry_category, remark, channel, state, received_at, due_at, created_at, updated_at,
                                          billing_account_id, prepared_by, submitted_at)
       VALUES ($1, 'crash@example.jp', 'CR00000001', 'billing_and_procedures', '', 'customer_site', 'needs_review', now(), now() + interval '14 days', now(), now(), $2, $3, now())
       RETURNING id`,
      [account, bill, agent],
    );
    await db.query(`INSERT INTO bulk_transfer_items (ticket_id, contract_id, network_id, service_type, class) SELECT $1, id, network_id, service_type, 'to_link' FROM contracts WHERE billing_account_id = $2`, [id, bill]);

    const supervisor = await staffSignIn(app.baseUrl, 'supervisor@demo.example.jp', 'Ikou-demo-staff-2024');
    expect((await supervisor.client.post(`/api/console/tickets/${id}/approve`, {}, supervisor.csrf)).status).toBe(200);

    const crashesAt: number[] = [];
    for (const fraction of [0.1 + Math.random() * 0.2, 0.4 + Math.random() * 0.2, 0.7 + Math.random() * 0.2]) {
      const target = Math.floor(ITEMS * fraction);
      let seen = await progress(id);
      while (seen.done < target && seen.state !== 'completed') {
        await new Promise((r) => setTimeout(r, 10));
        seen = await progress(id);
      }
      await app.crash();
      crashesAt.push((await progress(id)).done);
      app = await startApp(ENV, { resume: app });
    }
    // At least one kill landed mid-run (else the test proves nothing): the batches are small enough for that.
    expect(crashesAt.some((n) => n > 0 && n < ITEMS)).toBe(true);

    const started = Date.now();
    let seen = await progress(id);
    while (seen.state !== 'completed' && Date.now() - started < 120_000) {
      await new Promise((r) => setTimeout(r, 200));
      seen = await progress(id);
    }
    expect(seen).toEqual({ done: ITEMS, state: 'completed' });
    const { rows: [check] } = await db.query(
      `SELECT (SELECT count(*)::int FROM contracts WHERE billing_account_id = $1 AND login_account_id = $2 AND linked_via = 'bulk_ticket') AS linked,
              (SELECT count(*)::int FROM bulk_transfer_items WHERE ticket_id = $3 AND result = 'linked') AS linked_items,
              (SELECT count(*)::int FROM bulk_transfer_items WHERE ticket_id = $3) AS items,
              (SELECT count(*)::int FROM bulk_transfer_ticket_history WHERE ticket_id = $3 AND to_state = 'completed') AS closed,
              (SELECT count(*)::int FROM outgoing_messages WHERE login_account_id = $2 AND template = 'bulk-transfer-finished') AS mails`,
      [bill, account, id],
    );
    expect(check).toEqual({ linked: ITEMS, linked_items: ITEMS, items: ITEMS, closed: 1, mails: 1 });
    const audited = await db.query(`SELECT jsonb_array_elements_text(after->'linked') AS network_id FROM audit_events WHERE action = 'bulk_transfer.batch_linked' AND target_id = $1`, [id]);
    expect(audited.rows).toHaveLength(ITEMS);
    expect(new Set(audited.rows.map((r) => r.network_id)).size).toBe(ITEMS);
    console.log(`crashed at ${crashesAt.join(', ')} items; completed ${((Date.now() - started) / 1000).toFixed(1)} s after the last restart`);
  });
});
