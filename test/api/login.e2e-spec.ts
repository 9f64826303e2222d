import { startApp, type RunningApp } from '../support/app-process';
import { browserLikeClient, registeredCustomer } from '../support/customer';
import { SmtpSink } from '../support/smtp-sink';
import { totp } from '../support/totp';

const DAY = 24 * 3_600_000;

describe('sign-in with mandatory MFA (domain.md §4.2), TOTP and recovery code, over HTTP', () => {
  let sink: SmtpSink;
  let app: RunningApp;
  let clockOffset = 0;

  beforeAll(async () => {
    sink = await SmtpSink.start();
    app = await startApp({ SMTP_URL: sink.url, SEED_DEMO_ON_FIRST_START: 'true', LEGACY_IP_LIMIT_PER_MINUTE: '1000' });
    await registeredCustomer(app.baseUrl, sink, 'IS10020001', 'hanako@example.jp', 'haru wa akebono 2023');
  });
  afterAll(async () => {
    await app?.stop();
    await sink?.stop();
  });

  const now = () => Date.now() + clockOffset;
  async function advance(ms: number) {
    clockOffset += ms;
    await fetch(`${app.baseUrl}/api/test/clock/advance`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ms }) });
  }

  const client = () => browserLikeClient(app.baseUrl);

  let secret = '';
  let password = 'haru wa akebono 2023';
  let recoveryCode = '';

  it('makes the first sign-in enroll TOTP, show a recovery code once, and require the checkbox', async () => {
    const c = client();
    const step1 = await c.post('/api/customer/login/password', { email: 'HANAKO@example.jp', password: password });
    expect(step1).toMatchObject({ status: 200, body: { state: 'mfa_enroll', factors: [] } });
    expect(c.jar.has('ikou_session')).toBe(false);
    const flowToken = step1.body.flowToken;

    // No later step can be taken first, and no session exists yet.
    expect((await c.post('/api/customer/login/challenge/totp', { flowToken, code: '123456' })).body.code).toBe('wrong_step');
    expect((await c.post('/api/customer/login/recovery-ack', { flowToken, recorded: true })).body.code).toBe('wrong_step');
    expect((await c.call('GET', '/api/customer/session')).status).toBe(401);

    const start = await c.post('/api/customer/login/enroll/totp/start', { flowToken });
    expect(start.status).toBe(200);
    secret = start.body.secret;
    expect(start.body.otpauthUri).toMatch(/^otpauth:\/\/totp\/InfoSphere:hanako%40example\.jp\?/);
    expect(start.body.otpauthUri).toContain(`secret=${secret}`);
    expect(start.body.qrDataUrl).toMatch(/^data:image\/png;base64,/);

    const wrong = await c.post('/api/customer/login/enroll/totp/confirm', { flowToken, factorId: start.body.factorId, code: '000000' });
    expect(wrong.body.code).toBe('invalid_code');
    const confirmed = await c.post('/api/customer/login/enroll/totp/confirm', { flowToken, factorId: start.body.factorId, code: totp(secret, now()) });
    expect(confirmed).toMatchObject({ status: 200, body: { state: 'recovery_ack', recoveryCode: expect.any(String) } });
    expect(c.jar.has('ikou_session')).toBe(false);
    recoveryCode = confirmed.body.recoveryCode;
    expect(recoveryCode.replace(/[^A-Z2-7]/g, '').length * 5).toBeGreaterThanOrEqual(128);

    const unticked = await c.post('/api/customer/login/recovery-ack', { flowToken, recorded: false });
    expect(unticked.status).toBe(400);
    expect(unticked.body.errors[0].field).toBe('recorded');
    const signedIn = await c.post('/api/customer/login/recovery-ack', { flowToken, recorded: true });
    expect(signedIn).toMatchObject({ status: 200, body: { state: 'signed_in' } });
    expect(c.jar.has('ikou_session')).toBe(true);
    expect((await c.call('GET', '/api/customer/session')).body.email).toBe('hanako@example.jp');
    // The finished flow cannot mint a second session.
    expect((await c.post('/api/customer/login/recovery-ack', { flowToken, recorded: true })).body.code).toBe('flow_expired');
  });

  it('challenges later sign-ins, refuses a replayed TOTP code, and remembers a device for 30 days only', async () => {
    await advance(60_000); // a fresh time step, after the enrollment's
    const c = client();
    const step1 = await c.post('/api/customer/login/password', { email: 'hanako@example.jp', password: password });
    expect(step1.body).toMatchObject({ state: 'mfa_challenge', factors: [{ type: 'totp' }] });
    const code = totp(secret, now());
    const ok = await c.post('/api/customer/login/challenge/totp', { flowToken: step1.body.flowToken, code, rememberDevice: true });
    expect(ok.body.state).toBe('signed_in');
    expect(c.jar.has('ikou_device')).toBe(true);

    const other = client();
    const again = await other.post('/api/customer/login/password', { email: 'hanako@example.jp', password: password });
    const replay = await other.post('/api/customer/login/challenge/totp', { flowToken: again.body.flowToken, code });
    expect(replay).toMatchObject({ status: 401, body: { code: 'invalid_code' } });

    // The remembered device skips the code on day 29 …
    await advance(29 * DAY);
    c.jar.delete('ikou_session');
    const remembered = await c.post('/api/customer/login/password', { email: 'hanako@example.jp', password: password });
    expect(remembered.body.state).toBe('signed_in');
    // … and not on day 31.
    await advance(2 * DAY);
    c.jar.delete('ikou_session');
    const expired = await c.post('/api/customer/login/password', { email: 'hanako@example.jp', password: password });
    expect(expired.body.state).toBe('mfa_challenge');
  });

  it('forgets remembered devices and ends sessions when the password is reset', async () => {
    await advance(60_000);
    const c = client();
    const s1 = await c.post('/api/customer/login/password', { email: 'hanako@example.jp', password: password });
    await c.post('/api/customer/login/challenge/totp', { flowToken: s1.body.flowToken, code: totp(secret, now()), rememberDevice: true });
    expect((await c.call('GET', '/api/customer/session')).status).toBe(200);

    await c.post('/api/customer/password/request-link', { email: 'hanako@example.jp' });
    const mail = await sink.waitFor((m) => m.to === 'hanako@example.jp' && m.subject === '「申込/契約確認サイト」パスワード設定のご案内');
    const token = /#token=([A-Za-z0-9_-]{43})/.exec(mail.text)![1];
    expect((await c.post('/api/customer/password/set', { token, password: 'natsu wa yoru 2024' })).status).toBe(200);

    expect((await c.call('GET', '/api/customer/session')).status).toBe(401);
    c.jar.delete('ikou_session');
    const after = await c.post('/api/customer/login/password', { email: 'hanako@example.jp', password: 'natsu wa yoru 2024' });
    expect(after.body.state).toBe('mfa_challenge');
    password = 'natsu wa yoru 2024';
  });

  it('signs in once with the recovery code, then shows a fresh one to record', async () => {
    const c = client();
    const s1 = await c.post('/api/customer/login/password', { email: 'hanako@example.jp', password: password });
    const used = await c.post('/api/customer/login/challenge/recovery', { flowToken: s1.body.flowToken, recoveryCode: recoveryCode.toLowerCase() });
    expect(used).toMatchObject({ status: 200, body: { state: 'recovery_ack', recoveryCode: expect.any(String) } });
    expect(used.body.recoveryCode).not.toBe(recoveryCode);
    expect(c.jar.has('ikou_session')).toBe(false);
    expect((await c.post('/api/customer/login/recovery-ack', { flowToken: s1.body.flowToken, recorded: true })).body.state).toBe('signed_in');

    const d = client();
    const s2 = await d.post('/api/customer/login/password', { email: 'hanako@example.jp', password: password });
    const reused = await d.post('/api/customer/login/challenge/recovery', { flowToken: s2.body.flowToken, recoveryCode });
    expect(reused).toMatchObject({ status: 401, body: { code: 'invalid_code' } });
    recoveryCode = used.body.recoveryCode;
  });

  it('ends the session on logout, and refuses cookie writes without the CSRF header', async () => {
    await advance(60_000);
    const c = client();
    const s1 = await c.post('/api/customer/login/password', { email: 'hanako@example.jp', password: password });
    const signed = await c.post('/api/customer/login/challenge/totp', { flowToken: s1.body.flowToken, code: totp(secret, now()) });
    expect(signed.body.state).toBe('signed_in');
    expect((await c.post('/api/customer/logout', {})).status).toBe(403);
    expect((await c.post('/api/customer/logout', {}, { 'x-csrf-token': signed.body.csrfToken })).status).toBe(200);
    expect((await c.call('GET', '/api/customer/session')).status).toBe(401);
  });

  it('answers unknown accounts and wrong passwords alike', async () => {
    const c = client();
    const unknown = await c.post('/api/customer/login/password', { email: 'nobody@example.jp', password: 'whatever password' });
    const wrong = await c.post('/api/customer/login/password', { email: 'hanako@example.jp', password: 'wrong password!!' });
    expect(unknown).toEqual(wrong);
    expect(wrong.status).toBe(401);
  });

  it('slows password guessing per email and address, without locking out the same customer elsewhere', async () => {
    const c = client();
    for (let i = 0; i < 10; i++) expect((await c.post('/api/customer/login/password', { email: 'target@example.jp', password: `guess ${i} guess` })).status).toBe(401);
    const limited = await c.post('/api/customer/login/password', { email: 'target@example.jp', password: 'guess 10 guess' });
    expect(limited).toMatchObject({ status: 429, body: { code: 'rate_limited' } });
    // Another account from the same address still gets through to its password check.
    expect((await c.post('/api/customer/login/password', { email: 'hanako@example.jp', password })).status).toBe(200);
  });
});
