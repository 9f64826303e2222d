import { request } from 'node:http';
import { Client } from 'pg';
import { startApp, type RunningApp } from '../support/app-process';
import { browserLikeClient, registeredCustomer, staffSignIn } from '../support/customer';
import { SmtpSink } from '../support/smtp-sink';
import { totp } from '../support/totp';

const STAFF_PASSWORD = 'Ikou-demo-staff-2024';

/** Staff sign-in to the console: email + password + TOTP, always; separate cookie and guard from customers. */
describe('staff sign-in and ticket intake over HTTP', () => {
  let sink: SmtpSink;
  let app: RunningApp;
  let db: Client;
  let clockOffset = 0;
  let agentSecret = '';
  const now = () => Date.now() + clockOffset;

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

  async function advance(ms: number) {
    await fetch(`${app.baseUrl}/api/test/clock/advance`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ms }) });
    clockOffset += ms;
  }

  it('enrolls TOTP at the first sign-in, challenges every later one, and refuses a replayed code', async () => {
    const c = browserLikeClient(app.baseUrl);
    const wrong = await c.post('/api/console/auth/password', { email: 'agent@demo.example.jp', password: 'not it at all' });
    const unknown = await c.post('/api/console/auth/password', { email: 'nobody@demo.example.jp', password: 'not it at all' });
    expect(wrong).toMatchObject({ status: 401, body: { code: 'invalid_credentials' } });
    expect(unknown.body).toEqual(wrong.body);

    const step = await c.post('/api/console/auth/password', { email: 'Agent@Demo.Example.jp', password: STAFF_PASSWORD });
    expect(step).toMatchObject({ status: 200, body: { state: 'totp_enroll', enrollment: { secret: expect.stringMatching(/^[A-Z2-7]{32}$/), qrDataUrl: expect.stringMatching(/^data:image\/png;base64,/) } } });
    expect(step.body.enrollment.otpauthUri).toContain('console%3Aagent%40demo.example.jp');
    const secret = (agentSecret = step.body.enrollment.secret as string);
    expect(await c.post('/api/console/auth/totp/enroll', { flowToken: step.body.flowToken, code: '000000' })).toMatchObject({ status: 401, body: { code: 'invalid_code' } });
    expect(c.jar.has('ikou_staff')).toBe(false);
    const code = totp(secret, now());
    const done = await c.post('/api/console/auth/totp/enroll', { flowToken: step.body.flowToken, code });
    expect(done).toMatchObject({ status: 200, body: { state: 'signed_in', staff: { email: 'agent@demo.example.jp', role: 'agent' } } });
    expect(c.jar.has('ikou_staff')).toBe(true);
    expect(c.jar.has('ikou_session')).toBe(false);
    expect((await c.call('GET', '/api/console/auth/me')).body).toMatchObject({ role: 'agent', displayName: 'デモ 窓口担当' });
    // The flow is spent.
    expect((await c.post('/api/console/auth/totp/enroll', { flowToken: step.body.flowToken, code })).status).toBe(410);
    const [row] = (await db.query(`SELECT totp_secret FROM staff_users WHERE email = 'agent@demo.example.jp'`)).rows;
    expect(row.totp_secret).toMatch(/^v1:/);
    expect(row.totp_secret).not.toContain(secret);

    // Later: a challenge, never a second enrollment; the code just used does not work twice.
    const again = browserLikeClient(app.baseUrl);
    const s2 = await again.post('/api/console/auth/password', { email: 'agent@demo.example.jp', password: STAFF_PASSWORD });
    expect(s2.body).toEqual({ flowToken: expect.any(String), state: 'totp_challenge' });
    expect(await again.post('/api/console/auth/totp/challenge', { flowToken: s2.body.flowToken, code })).toMatchObject({ status: 401, body: { code: 'invalid_code' } });
    await advance(30_000);
    expect((await again.post('/api/console/auth/totp/challenge', { flowToken: s2.body.flowToken, code: totp(secret, now()) })).status).toBe(200);

    // Logout ends the session on the server.
    const me = await again.call('GET', '/api/console/auth/me');
    expect((await again.post('/api/console/auth/logout', {}, { 'x-csrf-token': me.body.csrfToken })).status).toBe(200);
    expect((await again.call('GET', '/api/console/auth/me')).status).toBe(401);
  });

  it('ends a staff session after 30 idle minutes and a flow after 5 wrong codes', async () => {
    const supervisor = await staffSignIn(app.baseUrl, 'supervisor@demo.example.jp', STAFF_PASSWORD, { now });
    await advance(29 * 60_000);
    expect((await supervisor.client.call('GET', '/api/console/auth/me')).status).toBe(200);
    await advance(31 * 60_000);
    expect((await supervisor.client.call('GET', '/api/console/auth/me')).body.code).toBe('staff_not_signed_in');

    const c = browserLikeClient(app.baseUrl);
    const step = await c.post('/api/console/auth/password', { email: 'supervisor@demo.example.jp', password: STAFF_PASSWORD });
    for (let i = 0; i < 4; i++) expect((await c.post('/api/console/auth/totp/challenge', { flowToken: step.body.flowToken, code: '000000' })).status).toBe(401);
    expect(await c.post('/api/console/auth/totp/challenge', { flowToken: step.body.flowToken, code: '000000' })).toMatchObject({ status: 410, body: { code: 'flow_expired' } });
    expect((await c.post('/api/console/auth/totp/challenge', { flowToken: step.body.flowToken, code: totp(supervisor.secret, now()) })).status).toBe(410);
  });

  it('caps wrong codes per staff member across sign-in flows, so a known password does not buy endless guesses', async () => {
    const flows = async () => (await browserLikeClient(app.baseUrl).post('/api/console/auth/password', { email: 'admin@demo.example.jp', password: STAFF_PASSWORD })).body;
    for (let flow = 0; flow < 2; flow++) {
      const { flowToken } = await flows();
      for (let i = 0; i < 5; i++) await browserLikeClient(app.baseUrl).post('/api/console/auth/totp/enroll', { flowToken, code: '000000' });
    }
    const third = await flows();
    const refused = await browserLikeClient(app.baseUrl).post('/api/console/auth/totp/enroll', { flowToken: third.flowToken, code: totp(third.enrollment.secret, now()) });
    expect(refused).toMatchObject({ status: 429, body: { code: 'rate_limited', retryAt: expect.any(String) } });
  });

  it('lets an agent open a ticket by phone and import many from CSV, with clear refusals', async () => {
    await registeredCustomer(app.baseUrl, sink, 'IS10030001', 'suzuki@example.jp', 'ikkatsu de onegai 2023');
    await registeredCustomer(app.baseUrl, sink, 'IS10060001', 'ito@example.jp', 'ikkatsu de onegai 2023');
    const agent = await staffSignIn(app.baseUrl, 'agent@demo.example.jp', STAFF_PASSWORD, { secret: agentSecret, now });

    const bad = await agent.client.post('/api/console/tickets', { email: 'nobody@example.jp', networkId: '??', channel: 'fax' }, agent.csrf);
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['channel', 'networkId']);
    const unknown = await agent.client.post('/api/console/tickets', { email: 'nobody@example.jp', networkId: 'IS10030001', channel: 'phone' }, agent.csrf);
    expect(unknown).toMatchObject({ status: 400, body: { errors: [{ field: 'email' }] } });

    const byPhone = await agent.client.post('/api/console/tickets', { email: 'SUZUKI@example.jp', networkId: 'is10030001', channel: 'phone', sourceReference: 'CALL-0042' }, agent.csrf);
    expect(byPhone).toMatchObject({ status: 201, body: { number: expect.stringMatching(/^BT-\d{6}$/), state: 'received', remark: '' } });
    const [ticket] = (await db.query(`SELECT t.channel, t.source_reference, s.email AS staff FROM bulk_transfer_tickets t JOIN staff_users s ON s.id = t.created_by_staff_id WHERE t.number = $1`, [byPhone.body.number])).rows;
    expect(ticket).toEqual({ channel: 'phone', source_reference: 'CALL-0042', staff: 'agent@demo.example.jp' });
    await sink.waitFor((m) => m.to === 'suzuki@example.jp' && m.subject.includes(byPhone.body.number));

    const csv = ['email,network_id,channel,remark', 'ito@example.jp,IS10060001,mail,', 'suzuki@example.jp,IS10030001,inquiry_form,', 'nobody@example.jp,IS10050001,phone,'].join('\n');
    const upload = await fetch(`${app.baseUrl}/api/console/tickets/import`, {
      method: 'POST',
      headers: { 'content-type': 'text/csv', cookie: agent.client.jar.header(), ...agent.csrf },
      body: csv,
    });
    expect(upload.status).toBe(201);
    const report = (await upload.json()) as { rejected: unknown[] };
    expect(report).toMatchObject({ rowsRead: 3, created: 1, rejectedRows: 2, tickets: [{ line: 2 }] });
    expect(report.rejected).toEqual([
      { line: 3, column: 'row', reason: `A bulk-transfer request is already open: ${byPhone.body.number}` },
      { line: 4, column: 'email', reason: expect.stringContaining('no login account') },
    ]);
    const refused = await fetch(`${app.baseUrl}/api/console/tickets/import`, {
      method: 'POST',
      headers: { 'content-type': 'text/csv', cookie: agent.client.jar.header(), ...agent.csrf },
      body: 'mail,phone\nx,y\n',
    });
    expect(refused.status).toBe(422);
    expect(((await refused.json()) as { message: string }).message).toContain('the header lacks email, network_id, channel');
    const json = await agent.client.post('/api/console/tickets/import', { csv: 'x' }, agent.csrf);
    expect(json).toMatchObject({ status: 415, body: { code: 'unsupported_media_type' } });
    // An upload announced bigger than 5 MB is refused from its headers, before the body is read.
    const huge = await new Promise<number>((resolve, reject) => {
      const req = request(`${app.baseUrl}/api/console/tickets/import`, {
        method: 'POST',
        headers: { 'content-type': 'text/csv', 'content-length': String(6 * 1024 * 1024), cookie: agent.client.jar.header(), ...agent.csrf },
      });
      req.on('response', (res) => {
        resolve(res.statusCode ?? 0);
        req.destroy();
      });
      req.on('error', reject);
      req.write('email,network_id,channel\n');
    });
    expect(huge).toBe(413);
  });
});
