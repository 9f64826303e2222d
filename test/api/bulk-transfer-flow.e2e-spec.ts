import Papa from 'papaparse';
import { Client } from 'pg';
import { startApp, type RunningApp } from '../support/app-process';
import { firstSignIn, registeredCustomer, staffSignIn } from '../support/customer';
import { DEMO_LEGACY_PASSWORD } from '../support/legacy-api';
import { SmtpSink } from '../support/smtp-sink';

const STAFF_PASSWORD = 'Ikou-demo-staff-2024';

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string): Promise<T> {
  for (let i = 0; i < 150; i++) {
    const value = await read();
    if (done(value)) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${what} did not happen within 15 s`);
}

/** domain.md §5 end to end: request → validation plan → review → four-eyes approval → execution → mail. */
describe('a bulk transfer of the 150-contract Top Cruise customer, from the request to the completion mail', () => {
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

  it('plans, reviews, approves with four eyes, re-plans what changed, executes, and mails the list', async () => {
    // Someone else migrated one contract of the bill first: a conflict the plan must show.
    await registeredCustomer(app.baseUrl, sink, 'IS10060002', 'branch@ito.example.jp', 'shiten no pasuwado 2023');
    await registeredCustomer(app.baseUrl, sink, 'IS10060001', 'soumu@ito.example.jp', 'honsha no pasuwado 2023');
    const customer = await firstSignIn(app.baseUrl, 'soumu@ito.example.jp', 'honsha no pasuwado 2023');
    const filed = await customer.client.post('/api/customer/bulk-transfer', { topCruise: true }, customer.csrf);
    expect(filed.status).toBe(201);

    const [agent, supervisor, lead] = [
      await staffSignIn(app.baseUrl, 'agent@demo.example.jp', STAFF_PASSWORD),
      await staffSignIn(app.baseUrl, 'supervisor@demo.example.jp', STAFF_PASSWORD),
      await staffSignIn(app.baseUrl, 'admin@demo.example.jp', STAFF_PASSWORD),
    ];
    const queue = await until(() => agent.client.call('GET', `/api/console/tickets?state=needs_review`), (r) => r.body.length === 1, 'validation');
    const id = queue.body[0].id as string;
    expect(queue.body[0]).toMatchObject({ number: filed.body.number, breached: false, ageDays: 0, toLink: 142 });

    const ticket = await agent.client.call('GET', `/api/console/tickets/${id}`);
    // Top Cruise contracts and excluded types are planned but never linked.
    expect(ticket.body.classes).toEqual({ to_link: 142, linked_here: 1, linked_elsewhere: 1, cancelled: 6, top_cruise: 2, excluded_service: 2 });
    expect(ticket.body).toMatchObject({ remark: 'トップクルーズ契約', topCruiseFlag: null });
    // The items themselves come a page at a time, one class at a time.
    const elsewhere = await agent.client.call('GET', `/api/console/tickets/${id}/items?class=linked_elsewhere`);
    expect(elsewhere.body).toEqual([expect.objectContaining({ networkId: 'IS10060002', class: 'linked_elsewhere' })]);
    const toLink = await agent.client.call('GET', `/api/console/tickets/${id}/items?class=to_link&_start=0&_end=200`);
    expect(toLink.body).toHaveLength(142);

    expect((await agent.client.post(`/api/console/tickets/${id}/assign`, {}, agent.csrf)).status).toBe(200);
    expect((await agent.client.post(`/api/console/tickets/${id}/notes`, { body: 'Invoice checked against the bill' }, agent.csrf)).status).toBe(201);
    const excluded = toLink.body.find((i: { networkId: string }) => i.networkId === 'IS10060149');
    expect(await agent.client.post(`/api/console/tickets/${id}/items/${excluded.id}/exclusion`, { excluded: true }, agent.csrf)).toMatchObject({ status: 400, body: { errors: [{ field: 'reason' }] } });
    expect((await agent.client.post(`/api/console/tickets/${id}/items/${excluded.id}/exclusion`, { excluded: true, reason: 'Customer asked to keep it apart' }, agent.csrf)).status).toBe(200);
    expect((await supervisor.client.post(`/api/console/tickets/${id}/approve`, {}, supervisor.csrf)).body.code).toBe('not_submitted');
    expect((await agent.client.post(`/api/console/tickets/${id}/submit`, {}, agent.csrf)).status).toBe(200);

    // Agents never approve; a supervisor who prepared a plan cannot approve it either.
    expect((await agent.client.post(`/api/console/tickets/${id}/approve`, {}, agent.csrf)).status).toBe(403);
    expect((await lead.client.post(`/api/console/tickets/${id}/approve`, {}, lead.csrf)).status).toBe(403); // admin: not a desk role

    // The customer attaches one planned contract meanwhile: approval re-plans and asks for a new review.
    await customer.client.post('/api/customer/contracts/attach/verify', { networkId: 'IS10060003', password: DEMO_LEGACY_PASSWORD }, customer.csrf);
    expect((await customer.client.post('/api/customer/contracts/attach/confirm', { networkIds: ['IS10060003'] }, customer.csrf)).status).toBe(200);
    expect(await supervisor.client.post(`/api/console/tickets/${id}/approve`, {}, supervisor.csrf)).toMatchObject({ status: 409, body: { code: 'plan_changed', changedItems: 1 } });
    expect((await supervisor.client.post(`/api/console/tickets/${id}/submit`, {}, supervisor.csrf)).status).toBe(200);
    expect(await supervisor.client.post(`/api/console/tickets/${id}/approve`, {}, supervisor.csrf)).toMatchObject({ status: 403, body: { code: 'four_eyes' } });
    expect((await agent.client.post(`/api/console/tickets/${id}/submit`, {}, agent.csrf)).status).toBe(200);
    expect(await supervisor.client.post(`/api/console/tickets/${id}/approve`, {}, supervisor.csrf)).toMatchObject({ status: 200, body: { state: 'approved' } });

    const done = await until(() => agent.client.call('GET', `/api/console/tickets/${id}`), (r) => !r.body.open, 'execution');
    expect(done.body).toMatchObject({ state: 'completed', progress: { planned: 140, done: 140, linked: 140, alreadyLinked: 0, conflicts: 0 } });
    expect((await agent.client.call('GET', `/api/console/tickets/${id}/progress`)).body).toMatchObject({ state: 'completed', open: false, progress: done.body.progress });
    expect((await agent.client.call('GET', `/api/console/tickets/${id}/items?class=to_link&result=linked&_end=200`)).body).toHaveLength(140);
    // 140 linked + 1 at registration + 1 attached by hand: 142 of the 150 are the customer's; the excluded one,
    // the other customer's and the 6 cancelled ones are not.
    const mine = await customer.client.call('GET', '/api/customer/contracts?limit=1');
    expect(mine.body.total).toBe(142);
    // The customer site shows the request done, with what it linked.
    expect((await customer.client.call('GET', '/api/customer/bulk-transfer')).body.request).toMatchObject({ state: 'completed', open: false, linkedCount: 140, refusal: null });
    expect((await db.query(`SELECT count(*)::int AS n FROM contracts WHERE linked_via = 'bulk_ticket'`)).rows[0].n).toBe(140);
    expect((await db.query(`SELECT login_account_id IS NULL AS free FROM contracts WHERE network_id = 'IS10060149'`)).rows[0].free).toBe(true);

    const mail = await sink.waitFor((m) => m.to === 'soumu@ito.example.jp' && m.subject.includes('完了しました'));
    expect(mail.text).toContain('切り替えたネットワークID(140件)');
    expect(mail.text).toContain('IS10060004');
    expect(mail.text).not.toContain('IS10060149');
    const history = done.body.history.map((h: { to: string }) => h.to);
    expect(history).toEqual(['received', 'validating', 'needs_review', 'approved', 'processing', 'completed']);

    // The dashboard counts it; a supervisor audits the transfer: who prepared, approved, executed, every item.
    const metrics = await agent.client.call('GET', '/api/console/ticket-metrics');
    expect(metrics.body).toMatchObject({ open: {}, breached: 0, completedInPeriod: 1, medianHoursToCompletion: expect.any(Number) });
    expect(metrics.body.closedPerDay).toEqual([{ day: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), state: 'completed', count: 1 }]);
    const transfers = await supervisor.client.call('GET', '/api/console/transfers?audited=false');
    expect(transfers.body).toEqual([
      expect.objectContaining({ id, preparedBy: 'デモ 窓口担当', approvedBy: 'デモ 主任', executedBy: 'system (queue worker)', results: { linked: 140, alreadyLinked: 0, conflicts: 0 }, audited: null }),
    ]);
    const report = await fetch(`${app.baseUrl}/api/console/transfers/${id}/report.csv`, { headers: { cookie: supervisor.client.jar.header() } });
    expect(report.headers.get('content-disposition')).toContain(`transfer-${filed.body.number}.csv`);
    const csv = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await report.arrayBuffer());
    expect(csv.startsWith('\uFEFFticket,BT-')).toBe(true);
    const rows = Papa.parse<Record<string, string>>(csv.split('\r\n\r\n')[1], { header: true, skipEmptyLines: true });
    expect(rows.data).toHaveLength(154);
    expect(rows.data.filter((r) => r.result === 'linked')).toHaveLength(140);
    expect(rows.data.find((r) => r.networkId === 'IS10060149')).toMatchObject({ class: 'to_link', excludedReason: 'Customer asked to keep it apart', result: '' });
    expect((await agent.client.post(`/api/console/transfers/${id}/audit`, { comment: 'sampled' }, agent.csrf)).status).toBe(403);
    expect((await supervisor.client.post(`/api/console/transfers/${id}/audit`, { comment: 'Sampled 10 items against the bill' }, supervisor.csrf)).status).toBe(200);
    expect((await supervisor.client.call('GET', '/api/console/transfers?audited=true')).body[0]).toMatchObject({ audited: { by: 'デモ 主任', comment: 'Sampled 10 items against the bill' } });
  });
});
