import { Client } from 'pg';
import { startApp, type RunningApp } from '../support/app-process';
import { staffSignIn } from '../support/customer';

const STAFF_PASSWORD = 'Ikou-demo-staff-2024';
const ZERO = '00000000-0000-4000-8000-000000000000';

/**
 * The ticket page's reads (docs/api-console.md, "Bulk-transfer tickets"): the ticket carries the counts of
 * its items, never the items; GET …/items pages and narrows them; GET …/progress is what a page polls.
 * A completed ticket of 120 items written straight into the tables: 100 to link (2 excluded; 95 linked,
 * 2 already linked, 1 conflict), 10 cancelled, 10 of an excluded service.
 */
describe('console: a ticket items, a page at a time, and its progress', () => {
  let app: RunningApp;
  let db: Client;
  let agent: Awaited<ReturnType<typeof staffSignIn>>;
  let id = '';

  beforeAll(async () => {
    app = await startApp({ SEED_DEMO_ON_FIRST_START: 'true' });
    db = new Client({ connectionString: app.database.url });
    await db.connect();
    const { rows: [{ bill }] } = await db.query(`INSERT INTO billing_accounts (code, customer_name, consolidated) VALUES ('ITEMS-1', '明細 顧客', true) RETURNING id AS bill`);
    const { rows: [{ account }] } = await db.query(`INSERT INTO login_accounts (email, password_hash, state) VALUES ('items@example.jp', 'x', 'active') RETURNING id AS account`);
    await db.query(
      `INSERT INTO contracts (network_id, service_type, contracted_at, status, billing_account_id, legacy_password_scheme, legacy_password_hash)
       SELECT 'IT' || lpad(i::text, 8, '0'), CASE WHEN i > 110 THEN 'ipoe' ELSE 'fiber' END, date '2015-01-01', CASE WHEN i BETWEEN 101 AND 110 THEN 'cancelled' ELSE 'active' END,
              $1, 'sha256_salted', 'x'
         FROM generate_series(1, 120) i`,
      [bill],
    );
    const { rows: [{ staff }] } = await db.query(`SELECT id AS staff FROM staff_users WHERE email = 'agent@demo.example.jp'`);
    const { rows: [ticket] } = await db.query(
      `INSERT INTO bulk_transfer_tickets (login_account_id, email, network_id, inquiry_category, remark, channel, state, received_at, due_at, created_at, updated_at, billing_account_id, closed_at)
       VALUES ($1, 'items@example.jp', 'IT00000001', 'billing_and_procedures', '', 'customer_site', 'completed', now(), now() + interval '14 days', now(), now(), $2, now())
       RETURNING id`,
      [account, bill],
    );
    id = ticket.id;
    await db.query(
      `INSERT INTO bulk_transfer_items (ticket_id, contract_id, network_id, service_type, class, excluded_reason, excluded_by, result, result_at)
       SELECT $1, c.id, c.network_id, c.service_type, x.class,
              CASE WHEN x.n IN (50, 51) THEN 'kept apart' END, CASE WHEN x.n IN (50, 51) THEN $2::uuid END,
              x.result, CASE WHEN x.result IS NOT NULL THEN now() END
         FROM contracts c
        CROSS JOIN LATERAL (SELECT substring(c.network_id from 3)::int AS n) num
        CROSS JOIN LATERAL (SELECT num.n,
                                   CASE WHEN num.n > 110 THEN 'excluded_service' WHEN num.n > 100 THEN 'cancelled' ELSE 'to_link' END AS class,
                                   CASE WHEN num.n > 100 OR num.n IN (50, 51) THEN NULL WHEN num.n IN (10, 20) THEN 'already_linked' WHEN num.n = 30 THEN 'conflict' ELSE 'linked' END AS result) x
        WHERE c.billing_account_id = $3`,
      [id, staff, bill],
    );
    agent = await staffSignIn(app.baseUrl, 'agent@demo.example.jp', STAFF_PASSWORD);
  });
  afterAll(async () => {
    await db?.end();
    await app?.stop();
  });

  /** GET with the agent's session; the total of a list is its X-Total-Count header. */
  async function get(path: string) {
    const res = await fetch(`${app.baseUrl}${path}`, { headers: { cookie: agent.client.jar.header() } });
    // Assertions check the shape: loose typing is fine here (as test/support/http.ts).
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    return { status: res.status, total: res.headers.get('x-total-count'), body: (await res.json()) as any };
  }
  const keys = (rows: Array<{ networkId: string }>) => rows.map((r) => r.networkId);

  it('the ticket carries its counts per class and its progress from one summary, not its items', async () => {
    const ticket = await get(`/api/console/tickets/${id}`);
    expect(ticket.status).toBe(200);
    expect(ticket.body).not.toHaveProperty('items');
    expect(ticket.body).toMatchObject({
      state: 'completed',
      toLink: 98,
      classes: { to_link: 100, cancelled: 10, excluded_service: 10 },
      progress: { planned: 98, done: 98, linked: 95, alreadyLinked: 2, conflicts: 1 },
    });
  });

  it('pages the items of a class by network ID, either way, with the total in X-Total-Count', async () => {
    const first = await get(`/api/console/tickets/${id}/items?class=to_link&_start=0&_end=25`);
    expect(first).toMatchObject({ status: 200, total: '100' });
    expect(keys(first.body)).toEqual(Array.from({ length: 25 }, (_, i) => `IT${String(i + 1).padStart(8, '0')}`));
    expect(first.body[9]).toEqual({
      id: expect.any(Number),
      networkId: 'IT00000010',
      serviceType: 'fiber',
      serviceName: { ja: expect.any(String), en: 'InfoSphere fiber' },
      class: 'to_link',
      excludedReason: null,
      result: 'already_linked',
      resultAt: expect.any(String),
    });
    const second = await get(`/api/console/tickets/${id}/items?class=to_link&_start=25&_end=50`);
    expect(keys(second.body)[0]).toBe('IT00000026');
    const last = await get(`/api/console/tickets/${id}/items?class=to_link&_sort=networkId&_order=DESC&_start=0&_end=3`);
    expect(keys(last.body)).toEqual(['IT00000100', 'IT00000099', 'IT00000098']);
    const cancelled = await get(`/api/console/tickets/${id}/items?class=cancelled`);
    expect(cancelled).toMatchObject({ status: 200, total: '10' });
    expect(cancelled.body.every((r: { class: string }) => r.class === 'cancelled')).toBe(true);
    const everything = await get(`/api/console/tickets/${id}/items?_end=200`);
    expect(everything).toMatchObject({ total: '120' });
    expect(everything.body).toHaveLength(120);
  });

  it('narrows the items to link to a result or to the excluded ones', async () => {
    const conflict = await get(`/api/console/tickets/${id}/items?class=to_link&result=conflict`);
    expect(conflict).toMatchObject({ total: '1' });
    expect(keys(conflict.body)).toEqual(['IT00000030']);
    expect(keys((await get(`/api/console/tickets/${id}/items?class=to_link&result=already_linked`)).body)).toEqual(['IT00000010', 'IT00000020']);
    expect((await get(`/api/console/tickets/${id}/items?class=to_link&result=linked`)).total).toBe('95');
    const excluded = await get(`/api/console/tickets/${id}/items?class=to_link&excluded=true`);
    expect(excluded.body.map((r: { networkId: string; excludedReason: string; result: null }) => [r.networkId, r.excludedReason, r.result])).toEqual([
      ['IT00000050', 'kept apart', null],
      ['IT00000051', 'kept apart', null],
    ]);
    // Executed to the end: nothing planned is left without a result.
    expect(await get(`/api/console/tickets/${id}/items?class=to_link&result=none&excluded=false`)).toMatchObject({ status: 200, total: '0', body: [] });
  });

  it('answers the progress a page polls: state and counts only', async () => {
    const progress = await get(`/api/console/tickets/${id}/progress`);
    expect(progress.status).toBe(200);
    expect(progress.body).toEqual({
      id,
      state: 'completed',
      open: false,
      updatedAt: expect.any(String),
      toLink: 98,
      progress: { planned: 98, done: 98, linked: 95, alreadyLinked: 2, conflicts: 1 },
      classes: { to_link: 100, cancelled: 10, excluded_service: 10 },
    });
  });

  it('refuses a bad query parameter with a 400 naming it, and an unknown ticket with a 404', async () => {
    for (const [query, field] of [
      ['class=bogus', 'class'],
      ['result=maybe', 'result'],
      ['excluded=yes', 'excluded'],
      ['_sort=result', '_sort'],
      ['_order=UP', '_order'],
      ['_start=-1', '_start'],
      ['_start=0&_end=500', '_end'],
      ['_end=abc', '_end'],
    ]) {
      const answer = await get(`/api/console/tickets/${id}/items?${query}`);
      expect([query, answer.status, answer.body.code]).toEqual([query, 400, 'invalid_input']);
      expect(answer.body.errors.map((e: { field: string }) => e.field)).toEqual([field]);
    }
    for (const path of [`/api/console/tickets/${ZERO}/items`, `/api/console/tickets/${ZERO}/progress`, '/api/console/tickets/not-a-ticket/items', '/api/console/tickets/not-a-ticket/progress']) {
      expect(await get(path)).toMatchObject({ status: 404, body: { code: 'ticket_not_found' } });
    }
  });
});
