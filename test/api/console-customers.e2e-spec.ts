import { Client } from 'pg';
import { startApp, type RunningApp } from '../support/app-process';
import { firstSignIn, registeredCustomer, staffSignIn } from '../support/customer';
import { DEMO_LEGACY_PASSWORD, registrationClient } from '../support/legacy-api';
import { SmtpSink } from '../support/smtp-sink';

type Staff = Awaited<ReturnType<typeof staffSignIn>>;

/** domain.md §6.2: the desk finds a customer by what the caller reads out and sees everything about them. */
describe('console: customer search and customer page', () => {
  let sink: SmtpSink;
  let app: RunningApp;
  let db: Client;
  let agent: Staff;
  let tanakaId: string;

  beforeAll(async () => {
    sink = await SmtpSink.start();
    app = await startApp({ SMTP_URL: sink.url, SEED_DEMO_ON_FIRST_START: 'true', LEGACY_IP_LIMIT_PER_MINUTE: '1000' });
    db = new Client({ connectionString: app.database.url });
    await db.connect();
    await registeredCustomer(app.baseUrl, sink, 'IS10050001', 'soumu@tanaka.example.jp', 'tanaka bussan 2023');
    await registeredCustomer(app.baseUrl, sink, 'IS10030001', 'it@suzuki.example.jp', 'suzuki shoji 2023');
    await registeredCustomer(app.baseUrl, sink, 'IS10010001', 'taro@yamada.example.jp', 'haru no kaze 2023');
    // Registered, but the password mail not yet used.
    const registration = registrationClient(app.baseUrl);
    await registration.complete((await registration.legacyCheck('IS10040001', DEMO_LEGACY_PASSWORD)).body.flowToken, 'office@takahashi.example.jp');
    const tanaka = await firstSignIn(app.baseUrl, 'soumu@tanaka.example.jp', 'tanaka bussan 2023');
    await tanaka.client.post('/api/customer/contracts/attach/verify', { networkId: 'IS10050002', password: 'wrong' }, tanaka.csrf);
    await tanaka.client.post('/api/customer/bulk-transfer', { topCruise: true }, tanaka.csrf);
    tanakaId = (await db.query(`SELECT login_account_id FROM contracts WHERE network_id = 'IS10050001'`)).rows[0].login_account_id;
    agent = await staffSignIn(app.baseUrl, 'agent@demo.example.jp', 'Ikou-demo-staff-2024');
  });
  afterAll(async () => {
    await db?.end();
    await app?.stop();
    await sink?.stop();
  });

  const list = async (query: string) => {
    const res = await fetch(`${app.baseUrl}/api/console/customers?${query}`, { headers: { cookie: agent.client.jar.header() } });
    return { status: res.status, total: Number(res.headers.get('x-total-count')), body: (await res.json()) as Array<Record<string, unknown>> & Record<string, unknown> };
  };
  const emails = (body: Array<Record<string, unknown>>) => body.map((c) => c.email);

  it('finds a customer by email, network ID, billing account code or part of the name', async () => {
    expect(emails((await list('q=SOUMU@tanaka')).body)).toEqual(['soumu@tanaka.example.jp']);
    expect(emails((await list(`q=${encodeURIComponent('ｉｓ１００３')}`)).body)).toEqual(['it@suzuki.example.jp']);
    expect(emails((await list('q=DEMO-0001')).body)).toEqual(['taro@yamada.example.jp']);
    expect(emails((await list(`q=${encodeURIComponent('鈴木')}`)).body)).toEqual(['it@suzuki.example.jp']);
    const all = await list('_start=0&_end=2&_sort=email&_order=ASC');
    expect(all.total).toBe(4);
    expect(emails(all.body)).toEqual(['it@suzuki.example.jp', 'office@takahashi.example.jp']);
    expect(all.body[1]).toMatchObject({ state: 'pending_password', mfaEnrolled: false });
    expect((await list('q=soumu')).body[0]).toMatchObject({ contracts: 1, customerNames: ['田中物産株式会社'], mfaEnrolled: true, state: 'active' });
    expect((await list('q=100%25')).total).toBe(0);
    expect(emails((await list('state=pending_password')).body)).toEqual(['office@takahashi.example.jp']);
    expect((await list('state=active')).total).toBe(3);
  });

  it('answers bad list parameters with 400 naming each', async () => {
    const bad = await list('_sort=password_hash&_order=sideways&_start=-1&state=x');
    expect(bad.status).toBe(400);
    expect((bad.body.errors as Array<{ field: string }>).map((e) => e.field).sort()).toEqual(['_order', '_sort', '_start', 'state']);
    expect((await list('_start=0&_end=1000')).status).toBe(400);
  });

  it('shows contracts, factors, lockouts, messages (codes and link tokens hidden), tickets and the audit trail', async () => {
    const page = await agent.client.call('GET', `/api/console/customers/${tanakaId}`);
    expect(page.status).toBe(200);
    const p = page.body;
    expect(p).toMatchObject({ email: 'soumu@tanaka.example.jp', state: 'active', passwordSet: true, activeSessions: 1, recoveryCode: { createdAt: expect.any(String) } });
    expect(p.contracts).toEqual([expect.objectContaining({ networkId: 'IS10050001', billingAccount: expect.objectContaining({ code: 'DEMO-0005', consolidated: true, topCruiseLinked: true }) })]);
    expect(p.factors).toEqual([expect.objectContaining({ type: 'totp', state: 'active', enrolledAt: expect.any(String) })]);
    expect(p.tickets).toEqual([expect.objectContaining({ number: expect.stringMatching(/^BT-/), state: expect.stringMatching(/^(received|validating|needs_review)$/), open: true, remark: 'トップクルーズ契約' })]);
    const registration = p.messages.find((m: { template: string }) => m.template === 'registration-complete');
    expect(registration.body).toContain('#token=[redacted]');
    expect(JSON.stringify(p)).not.toMatch(/#token=[A-Za-z0-9_-]{20,}/);
    expect(p.audit.map((e: { action: string }) => e.action)).toEqual(expect.arrayContaining(['registration.completed', 'contract.linked', 'bulk_transfer.ticket_received']));
    // The failed attach attempt on another contract of the same bill: the desk sees the counter.
    expect(p.lockouts).toEqual([{ networkId: 'IS10050002', failures: 1, consecutiveFailures: 1, lockedUntil: null, lastFailureAt: expect.any(String) }]);
  });

  it('answers 404 for an unknown or malformed id', async () => {
    expect((await agent.client.call('GET', '/api/console/customers/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await agent.client.call('GET', '/api/console/customers/not-a-uuid')).body).toMatchObject({ code: 'customer_not_found' });
  });

  it('counts customers per migration stage and lists the ones stuck for a week', async () => {
    const funnel = await agent.client.call('GET', '/api/console/funnel');
    expect(funnel.body.stages).toEqual([
      { stage: 'legacy_verified', customers: 0 },
      { stage: 'email_registered', customers: 4 },
      { stage: 'password_set', customers: 3 },
      { stage: 'mfa_enrolled', customers: 1 },
      { stage: 'all_contracts_linked', customers: 0 },
    ]);
    expect(funnel.body.stuck).toEqual({ no_password: 0, no_mfa: 0 });

    await registrationClient(app.baseUrl).advanceClock(8 * 86_400_000);
    agent = await staffSignIn(app.baseUrl, 'agent@demo.example.jp', 'Ikou-demo-staff-2024', { secret: agent.secret, now: () => Date.now() + 8 * 86_400_000 });
    expect((await agent.client.call('GET', '/api/console/funnel')).body.stuck).toEqual({ no_password: 1, no_mfa: 2 });
    const stuck = await fetch(`${app.baseUrl}/api/console/funnel/stuck?kind=no_password`, { headers: { cookie: agent.client.jar.header() } });
    expect(stuck.headers.get('x-total-count')).toBe('1');
    expect(await stuck.json()).toEqual([expect.objectContaining({ email: 'office@takahashi.example.jp', kind: 'no_password', lastPasswordMailAt: expect.any(String) })]);
    expect((await agent.client.call('GET', '/api/console/funnel/stuck?kind=lost')).status).toBe(400);
  });
});
