import { Client } from 'pg';
import { startApp, type RunningApp } from '../support/app-process';
import { firstSignIn, registeredCustomer } from '../support/customer';
import { SmtpSink } from '../support/smtp-sink';

type Customer = Awaited<ReturnType<typeof firstSignIn>>;

/** Polls `read` until `done` holds (a queue worker's effect), for at most 10 seconds. */
async function until<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  for (let i = 0; i < 100; i++) {
    const value = await read();
    if (done(value)) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the worker did not get there within 10 s');
}

/** §4.4 over HTTP: a signed-in customer asks the desk for a bulk transfer; the ticket waits in `received`. */
describe('the bulk-transfer request from the customer site', () => {
  let sink: SmtpSink;
  let app: RunningApp;
  let db: Client;

  beforeAll(async () => {
    sink = await SmtpSink.start();
    app = await startApp({ SMTP_URL: sink.url, SEED_DEMO_ON_FIRST_START: 'true', LEGACY_IP_LIMIT_PER_MINUTE: '1000' });
    db = new Client({ connectionString: app.database.url });
    await db.connect();
  });
  afterAll(async () => {
    await db?.end();
    await app?.stop();
    await sink?.stop();
  });

  async function customer(networkId: string, email: string): Promise<Customer> {
    await registeredCustomer(app.baseUrl, sink, networkId, email, 'ikkatsu de onegai 2023');
    return firstSignIn(app.baseUrl, email, 'ikkatsu de onegai 2023');
  }
  const file = (c: Customer, body: unknown) => c.client.post('/api/customer/bulk-transfer', body, c.csrf);

  it('files the request of a 7-contract consolidated customer with the Top Cruise remark, once', async () => {
    const tanaka = await customer('IS10050001', 'tanaka@example.jp');
    const view = await tanaka.client.call('GET', '/api/customer/bulk-transfer');
    expect(view).toMatchObject({
      status: 200,
      body: {
        prefill: { inquiryCategory: { code: 'billing_and_procedures', ja: '料金や各種手続きなどのお問い合わせ' }, email: 'tanaka@example.jp', networkId: 'IS10050001' },
        // 7 contracts on the bill, 2 of them Top Cruise (not InfoSphere).
        eligibility: { consolidated: true, infosphereContracts: 5, minimum: 5, eligible: true },
        request: null,
      },
    });

    const filed = await file(tanaka, { topCruise: true });
    expect(filed).toMatchObject({ status: 201, body: { number: expect.stringMatching(/^BT-\d{6}$/), state: 'received', open: true, topCruise: true, remark: 'トップクルーズ契約' } });
    const number = filed.body.number as string;
    expect(Date.parse(filed.body.dueAt) - Date.parse(filed.body.receivedAt)).toBe(14 * 86_400_000);

    // The validation worker picks the ticket up at once (domain.md §5): received → validating → needs_review.
    const ticket = await until(async () => (await db.query(`SELECT * FROM bulk_transfer_tickets WHERE number = $1`, [number])).rows[0], (t) => t.state === 'needs_review');
    expect(ticket).toMatchObject({ remark: 'トップクルーズ契約', network_id: 'IS10050001', email: 'tanaka@example.jp', channel: 'customer_site', inquiry_category: 'billing_and_procedures', created_by_staff_id: null, top_cruise_flag: null });
    const history = (await db.query(`SELECT from_state, to_state, actor_type FROM bulk_transfer_ticket_history WHERE ticket_id = $1 ORDER BY id`, [ticket.id])).rows;
    expect(history).toEqual([
      { from_state: null, to_state: 'received', actor_type: 'customer' },
      { from_state: 'received', to_state: 'validating', actor_type: 'system' },
      { from_state: 'validating', to_state: 'needs_review', actor_type: 'system' },
    ]);
    expect((await db.query(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'bulk_transfer.ticket_received' AND target_id = $1`, [ticket.id])).rows[0].n).toBe(1);

    const mail = await sink.waitFor((m) => m.to === 'tanaka@example.jp' && m.subject.includes(number));
    expect(mail.subject).toBe(`「申込/契約確認サイト」一括切り替えのお申し込みを受け付けました(受付番号 ${number})`);
    expect(mail.text).toContain('トップクルーズ契約');
    expect(mail.text).toContain('料金や各種手続きなどのお問い合わせ');

    const second = await file(tanaka, { topCruise: false });
    expect(second).toMatchObject({ status: 409, body: { code: 'bulk_request_open', ticketNumber: number } });
    expect((await tanaka.client.call('GET', '/api/customer/bulk-transfer')).body.request).toMatchObject({ number, state: 'needs_review', open: true });
    expect((await db.query(`SELECT count(*)::int AS n FROM bulk_transfer_tickets WHERE login_account_id = $1`, [ticket.login_account_id])).rows[0].n).toBe(1);
  });

  it('opens one ticket when the same customer files twice at once', async () => {
    const suzuki = await customer('IS10030001', 'suzuki@example.jp');
    const results = await Promise.all([file(suzuki, { topCruise: false }), file(suzuki, { topCruise: false })]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
    const created = results.find((r) => r.status === 201)!;
    expect(results.find((r) => r.status === 409)!.body).toMatchObject({ code: 'bulk_request_open', ticketNumber: created.body.number });
    expect(created.body).toMatchObject({ remark: '', topCruise: false });
  });

  it('refuses a customer without consolidated billing or with fewer than 5 InfoSphere contracts, pointing to flow 4.3', async () => {
    const takahashi = await customer('IS10040001', 'takahashi@example.jp');
    expect((await takahashi.client.call('GET', '/api/customer/bulk-transfer')).body.eligibility).toEqual({ consolidated: false, infosphereContracts: 6, minimum: 5, eligible: false });
    expect(await file(takahashi, { topCruise: false })).toMatchObject({ status: 422, body: { code: 'bulk_not_consolidated' } });

    const sato = await customer('IS10020001', 'sato@example.jp');
    // Consolidated, but only 3 InfoSphere contracts on the bill.
    await db.query(`UPDATE billing_accounts SET consolidated = true WHERE id = (SELECT billing_account_id FROM contracts WHERE network_id = 'IS10020001')`);
    expect(await file(sato, { topCruise: false })).toMatchObject({ status: 422, body: { code: 'bulk_too_few_contracts', infosphereContracts: 3, minimum: 5 } });
    expect((await db.query(`SELECT count(*)::int AS n FROM bulk_transfer_tickets WHERE email IN ('takahashi@example.jp', 'sato@example.jp')`)).rows[0].n).toBe(0);
  });

  it('answers a bad body, no CSRF token and no session with clear 4xx', async () => {
    const ito = await customer('IS10060001', 'ito@example.jp');
    for (const body of [{}, { topCruise: 'yes' }, { topCruise: null }]) {
      expect(await file(ito, body)).toMatchObject({ status: 400, body: { errors: [{ field: 'topCruise', message: 'must be true or false' }] } });
    }
    expect((await ito.client.post('/api/customer/bulk-transfer', { topCruise: false })).status).toBe(403);
    const anonymous = await fetch(`${app.baseUrl}/api/customer/bulk-transfer`);
    expect(anonymous.status).toBe(401);
    expect((await ito.client.call('GET', '/api/customer/bulk-transfer')).body.request).toBeNull();
  });
});
