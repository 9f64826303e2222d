import { Client } from 'pg';
import { startApp, type RunningApp } from '../support/app-process';
import { browserLikeClient, firstSignIn, registeredCustomer, staffSignIn } from '../support/customer';
import { fromAddress } from '../support/from-address';
import { DEMO_LEGACY_PASSWORD, registrationClient } from '../support/legacy-api';
import { SmtpSink } from '../support/smtp-sink';
import { totp } from '../support/totp';

const STAFF_PASSWORD = 'Ikou-demo-staff-2024';
const count = (statuses: number[], status: number) => statuses.filter((s) => s === status).length;

/**
 * Guessing in parallel must buy nothing over guessing one by one: for each counter (network ID lock,
 * password limits of customers and staff, one-time codes, TOTP) 20 requests fired at once are counted
 * one by one, and exactly as many are evaluated as the rule allows. The exact outcome is asserted, not
 * a range, wherever the rule fixes it. (Service level, with the hash calls counted:
 * server/src/contracts/legacy-login/concurrency-lockout.int-spec.ts.)
 */
describe('parallel guesses', () => {
  let sink: SmtpSink;
  let app: RunningApp;
  let db: Client;
  let offset = 0;
  const now = () => Date.now() + offset;
  async function advance(ms: number) {
    offset += ms;
    await fetch(`${app.baseUrl}/api/test/clock/advance`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ms }) });
  }
  const audited = async (action: string) => (await db.query(`SELECT count(*)::int AS n FROM audit_events WHERE action = $1`, [action])).rows[0].n as number;

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

  it('locks a network ID after exactly 3 of 20 parallel wrong passwords, counts all 20, and lifts the lock after 10 minutes', async () => {
    const api = registrationClient(app.baseUrl);
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => api.legacyCheck('IS10030001', `guess-${i}`)));
    const statuses = results.map((r) => r.status);
    // Charges 1–3 reach the hash (the 3rd sets the lock, so at most 2 can still answer 401); 4–20 are refused before it.
    expect(count(statuses, 401)).toBeLessThanOrEqual(2);
    expect(count(statuses, 401) + count(statuses, 423)).toBe(20);
    expect(new Set(results.filter((r) => r.status === 423).map((r) => r.body.retryAt)).size).toBe(1);
    const [row] = (await db.query(`SELECT failures, consecutive_failures, locked_until FROM legacy_login_attempts WHERE network_id = 'IS10030001'`)).rows;
    expect({ failures: row.failures, consecutive: row.consecutive_failures }).toEqual({ failures: 20, consecutive: 20 });

    await advance(9 * 60_000 + 30_000);
    expect(await api.legacyCheck('IS10030001', DEMO_LEGACY_PASSWORD)).toMatchObject({ status: 423, body: { code: 'locked' } });
    await advance(35_000);
    expect((await api.legacyCheck('IS10030001', DEMO_LEGACY_PASSWORD)).status).toBe(200);
    // The right password wiped the counters.
    expect((await db.query(`SELECT count(*)::int AS n FROM legacy_login_attempts WHERE network_id = 'IS10030001'`)).rows[0].n).toBe(0);
  });

  it('evaluates exactly 10 of 20 parallel wrong passwords on one customer email from one address, and still lets the customer in from another', async () => {
    await registeredCustomer(app.baseUrl, sink, 'IS10010001', 'yamada@example.jp', 'haru no kaze 2023');
    const attacker = fromAddress(app.baseUrl, '127.0.1.1');
    const before = await audited('login.password_failed');
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => attacker.post('/api/customer/login/password', { email: 'yamada@example.jp', password: `guess number ${i}` })));
    const statuses = results.map((r) => r.status);
    expect({ wrong: count(statuses, 401), limited: count(statuses, 429) }).toEqual({ wrong: 10, limited: 10 });
    // Every evaluated wrong password of an existing account leaves one audit event: exactly 10 hashes ran.
    expect((await audited('login.password_failed')) - before).toBe(10);
    expect((await attacker.post('/api/customer/login/password', { email: 'yamada@example.jp', password: 'haru no kaze 2023' })).status).toBe(429);
    const customer = fromAddress(app.baseUrl, '127.0.1.2');
    expect((await customer.post('/api/customer/login/password', { email: 'yamada@example.jp', password: 'haru no kaze 2023' })).status).toBe(200);
    attacker.close();
    customer.close();
  });

  it('evaluates exactly 5 of 20 parallel wrong passwords on one staff email from one address', async () => {
    const attacker = fromAddress(app.baseUrl, '127.0.1.3');
    const before = await audited('staff.password_failed');
    const [{ failed_attempts: failedBefore }] = (await db.query(`SELECT failed_attempts FROM staff_users WHERE email = 'agent@demo.example.jp'`)).rows;
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => attacker.post('/api/console/auth/password', { email: 'agent@demo.example.jp', password: `guess number ${i}` })));
    const statuses = results.map((r) => r.status);
    expect({ wrong: count(statuses, 401), limited: count(statuses, 429) }).toEqual({ wrong: 5, limited: 15 });
    expect((await audited('staff.password_failed')) - before).toBe(5);
    const [{ failed_attempts: failedAfter }] = (await db.query(`SELECT failed_attempts FROM staff_users WHERE email = 'agent@demo.example.jp'`)).rows;
    expect(failedAfter - failedBefore).toBe(5);
    attacker.close();
  });

  it('counts 20 parallel guesses of one SMS code one by one: 5 evaluated, the code dead, every refusal on the factor', async () => {
    await registeredCustomer(app.baseUrl, sink, 'IS10020001', 'watanabe@example.jp', 'sakura saku 2023');
    const lastCode = async () =>
      ((await db.query(`SELECT body_text FROM outgoing_messages WHERE channel = 'sms' AND recipient = '+819000000000' ORDER BY created_at DESC LIMIT 1`)).rows[0].body_text as string)
        .match(/\d/g)!
        .slice(0, 6)
        .join('');
    const enroll = browserLikeClient(app.baseUrl);
    const s1 = await enroll.post('/api/customer/login/password', { email: 'watanabe@example.jp', password: 'sakura saku 2023' });
    const started = await enroll.post('/api/customer/login/enroll/phone/start', { flowToken: s1.body.flowToken, phone: '9000000000', channel: 'sms' });
    await enroll.post('/api/customer/login/enroll/code/confirm', { flowToken: s1.body.flowToken, pendingFactorId: started.body.pendingFactorId, code: await lastCode() });
    expect((await enroll.post('/api/customer/login/recovery-ack', { flowToken: s1.body.flowToken, recorded: true })).body.state).toBe('signed_in');

    await advance(31_000);
    const c = browserLikeClient(app.baseUrl);
    const s2 = await c.post('/api/customer/login/password', { email: 'watanabe@example.jp', password: 'sakura saku 2023' });
    const factorId = s2.body.factors.find((f: { type: string }) => f.type === 'sms').id as string;
    expect((await c.post('/api/customer/login/challenge/send', { flowToken: s2.body.flowToken, factorId })).status).toBe(200);
    const right = await lastCode();
    const wrong = Array.from({ length: 20 }, (_, i) => String((Number(right) + 1 + i) % 1_000_000).padStart(6, '0'));
    const before = await audited('mfa.challenge_failed');
    const results = await Promise.all(wrong.map((code) => c.post('/api/customer/login/challenge/code', { flowToken: s2.body.flowToken, factorId, code })));
    const codes = results.map((r) => r.body.code as string);
    // Tries 1–4 are wrong codes, the 5th kills the code, the other 15 find it dead.
    expect({ invalid: codes.filter((x) => x === 'invalid_code').length, exhausted: codes.filter((x) => x === 'code_attempts_exhausted').length }).toEqual({ invalid: 4, exhausted: 16 });
    const [code] = (await db.query(`SELECT attempts FROM one_time_codes WHERE factor_id = $1 AND purpose = 'challenge' ORDER BY created_at DESC LIMIT 1`, [factorId])).rows;
    expect(code.attempts).toBe(5);
    const [factor] = (await db.query(`SELECT consecutive_failures FROM mfa_factors WHERE id = $1`, [factorId])).rows;
    expect(factor.consecutive_failures).toBe(20);
    expect((await audited('mfa.challenge_failed')) - before).toBe(20);
    expect((await c.post('/api/customer/login/challenge/code', { flowToken: s2.body.flowToken, factorId, code: right })).body.code).toBe('code_attempts_exhausted');
  });

  it('counts 20 parallel wrong TOTP codes on one sign-in flow as exactly 20 failures of the factor, and a right code still works', async () => {
    await registeredCustomer(app.baseUrl, sink, 'IS10040001', 'kato@example.jp', 'fuyu no hoshi 2023');
    const kato = await firstSignIn(app.baseUrl, 'kato@example.jp', 'fuyu no hoshi 2023', now);
    await advance(30_000);
    const c = browserLikeClient(app.baseUrl);
    const step = await c.post('/api/customer/login/password', { email: 'kato@example.jp', password: 'fuyu no hoshi 2023' });
    const right = totp(kato.secret, now());
    const near = new Set([totp(kato.secret, now() - 30_000), right, totp(kato.secret, now() + 30_000)]);
    const wrong = Array.from({ length: 40 }, (_, i) => String(100_000 + i * 7919)).filter((code) => !near.has(code)).slice(0, 20);
    const before = await audited('mfa.challenge_failed');
    const results = await Promise.all(wrong.map((code) => c.post('/api/customer/login/challenge/totp', { flowToken: step.body.flowToken, code })));
    expect(results.map((r) => `${r.status} ${r.body.code}`)).toEqual(wrong.map(() => '401 invalid_code'));
    const [factor] = (await db.query(`SELECT f.consecutive_failures FROM mfa_factors f JOIN login_accounts a ON a.id = f.login_account_id WHERE a.email = 'kato@example.jp' AND f.type = 'totp'`)).rows;
    expect(factor.consecutive_failures).toBe(20);
    expect((await audited('mfa.challenge_failed')) - before).toBe(20);
    expect((await c.post('/api/customer/login/challenge/totp', { flowToken: step.body.flowToken, code: right })).body.state).toBe('signed_in');
  });

  it('ends a staff sign-in flow after exactly 5 of 20 parallel wrong codes', async () => {
    const admin = await staffSignIn(app.baseUrl, 'admin@demo.example.jp', STAFF_PASSWORD, { now });
    await advance(30_000);
    const c = browserLikeClient(app.baseUrl);
    const step = await c.post('/api/console/auth/password', { email: 'admin@demo.example.jp', password: STAFF_PASSWORD });
    const near = new Set([-30_000, 0, 30_000].map((d) => totp(admin.secret, now() + d)));
    const wrong = Array.from({ length: 40 }, (_, i) => String(200_000 + i * 7919)).filter((code) => !near.has(code)).slice(0, 20);
    const before = await audited('staff.totp_failed');
    const results = await Promise.all(wrong.map((code) => c.post('/api/console/auth/totp/challenge', { flowToken: step.body.flowToken, code })));
    const statuses = results.map((r) => r.status);
    // 4 wrong, the 5th ends the flow (410); the rest find it gone (410) or the member's cap of 10 charged (429).
    expect(count(statuses, 401)).toBe(4);
    expect(count(statuses, 410) + count(statuses, 429)).toBe(16);
    expect(count(statuses, 410)).toBeGreaterThanOrEqual(1);
    expect((await audited('staff.totp_failed')) - before).toBe(5);
    expect((await db.query(`SELECT count(*)::int AS n FROM staff_login_flows WHERE staff_user_id = (SELECT id FROM staff_users WHERE email = 'admin@demo.example.jp') AND state = 'totp_challenge'`)).rows[0].n).toBe(0);
  });

  it('creates one account when two registrations name the same new email at once; both see the same answer', async () => {
    const api = registrationClient(app.baseUrl);
    for (let round = 0; round < 4; round++) {
      const email = `twice-${round}@example.jp`;
      const ids = [`IS100600${String(2 * round + 1).padStart(2, '0')}`, `IS100600${String(2 * round + 2).padStart(2, '0')}`];
      const flows = await Promise.all(ids.map((id) => api.legacyCheck(id, DEMO_LEGACY_PASSWORD)));
      expect(flows.map((f) => f.status)).toEqual([200, 200]);
      const done = await Promise.all(flows.map((f) => api.complete(f.body.flowToken, email)));
      expect(done.map((d) => `${d.status} ${d.text}`)).toEqual(done.map(() => `200 ${JSON.stringify({ email })}`));
      const accounts = (await db.query(`SELECT id FROM login_accounts WHERE lower(email) = $1`, [email])).rows;
      expect(accounts).toHaveLength(1);
      const linked = (await db.query(`SELECT network_id FROM contracts WHERE login_account_id = $1`, [accounts[0].id])).rows;
      expect(linked).toHaveLength(1);
      // The other registration told the owner by mail instead of linking.
      const told = (await db.query(`SELECT count(*)::int AS n FROM outgoing_messages WHERE recipient = $1 AND template = 'registration-already-registered'`, [email])).rows[0].n;
      expect(told).toBe(1);
    }
  });
});
