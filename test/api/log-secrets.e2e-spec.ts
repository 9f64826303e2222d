import { startApp, type RunningApp } from '../support/app-process';
import { browserLikeClient, staffSignIn } from '../support/customer';
import { DEMO_LEGACY_PASSWORD, passwordLinkToken, registrationClient } from '../support/legacy-api';
import { SmtpSink } from '../support/smtp-sink';
import { totp } from '../support/totp';

const STAFF = { email: 'agent@demo.example.jp', password: 'Ikou-demo-staff-2024' };

/**
 * Issue 9: no secret, code, token or password reaches the logs. The app runs at its most verbose level
 * (`trace`: every request, every job, every mail) through a customer's whole life — registration, the
 * password link, first sign-in with an authenticator app, the recovery code, a wrong password, a body
 * that is not JSON, a later sign-in by recovery code, sign-out, a fresh-link request — and a staff
 * member's sign-in; then every secret it used is looked for in what it wrote. The demo banner printed
 * at start announces the demo's own published passwords on purpose (development only), so the search
 * covers what is written from the first request on.
 */
describe('logs keep no secrets', () => {
  let sink: SmtpSink;
  let app: RunningApp;
  const secrets = new Map<string, string>();
  const keep = (what: string, value: unknown) => {
    if (typeof value !== 'string' || value.length < 6) throw new Error(`${what}: no secret to keep (${String(value)})`);
    secrets.set(what, value);
    return value;
  };

  beforeAll(async () => {
    sink = await SmtpSink.start();
    app = await startApp({ SMTP_URL: sink.url, SEED_DEMO_ON_FIRST_START: 'true', LOG_LEVEL: 'trace', LEGACY_IP_LIMIT_PER_MINUTE: '1000' });
  });
  afterAll(async () => {
    await app?.stop();
    await sink?.stop();
  });

  it('writes none of the passwords, tokens, codes, TOTP seeds, recovery codes or cookies it handled', async () => {
    const startedAt = app.output().length;
    const email = 'log-secrets@example.jp';
    const password = keep('new password', 'kaze no oto 2026 log');

    // Registration: legacy password → flow token → guide mail with the password link → password set.
    const api = registrationClient(app.baseUrl);
    expect((await api.legacyCheck('IS10010001', 'wrong-legacy-pw-9')).status).toBe(401);
    keep('wrong legacy password', 'wrong-legacy-pw-9');
    const check = await api.legacyCheck('IS10010001', DEMO_LEGACY_PASSWORD);
    expect(check.status).toBe(200);
    keep('legacy password', DEMO_LEGACY_PASSWORD);
    keep('registration flow token', check.body.flowToken);
    expect((await api.complete(check.body.flowToken, email)).status).toBe(200);
    const token = keep('password link token', passwordLinkToken((await sink.waitFor((m) => m.to === email)).text));
    expect((await api.setPassword(token, password)).status).toBe(200);

    // First sign-in: authenticator app enrolled, recovery code shown and acknowledged.
    const client = browserLikeClient(app.baseUrl);
    expect((await client.post('/api/customer/login/password', { email, password: 'not-my-password-42' })).status).toBe(401);
    keep('wrong password', 'not-my-password-42');
    const step = await client.post('/api/customer/login/password', { email, password });
    const flowToken = keep('sign-in flow token', step.body.flowToken);
    const start = await client.post('/api/customer/login/enroll/totp/start', { flowToken });
    const seed = keep('TOTP seed', start.body.secret);
    const code = keep('TOTP code', totp(seed, Date.now()));
    const confirmed = await client.post('/api/customer/login/enroll/totp/confirm', { flowToken, factorId: start.body.factorId, code });
    const recoveryCode = keep('recovery code', confirmed.body.recoveryCode);
    const done = await client.post('/api/customer/login/recovery-ack', { flowToken, recorded: true });
    expect(done.body.state).toBe('signed_in');
    keep('customer CSRF token', done.body.csrfToken);
    keep('customer session cookie', /ikou_session=([^;]+)/.exec(client.jar.header())?.[1]);

    // Bad input carrying a secret: a body that is not JSON, and a field of the wrong type.
    const notJson = await fetch(`${app.baseUrl}/api/customer/login/password`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: `{"email":"${email}","password":"broken-json-secret-77"` });
    expect(notJson.status).toBe(400);
    keep('password in a broken body', 'broken-json-secret-77');
    expect((await client.post('/api/customer/login/password', { email: ['typed-wrong-secret-88'], password })).status).toBe(400);
    keep('value in a mistyped field', 'typed-wrong-secret-88');

    // A later sign-in by recovery code (which hands out the next one), then sign-out.
    const later = browserLikeClient(app.baseUrl);
    const again = await later.post('/api/customer/login/password', { email, password });
    const recovered = await later.post('/api/customer/login/challenge/recovery', { flowToken: keep('second flow token', again.body.flowToken), recoveryCode });
    keep('next recovery code', recovered.body.recoveryCode);
    const signedIn = await later.post('/api/customer/login/recovery-ack', { flowToken: again.body.flowToken, recorded: true });
    expect((await later.post('/api/customer/logout', {}, { 'x-csrf-token': signedIn.body.csrfToken })).status).toBe(200);

    // A fresh password link asked for: its token only ever goes to the mailbox.
    expect((await api.requestLink(email)).status).toBe(202);
    keep('fresh password link token', passwordLinkToken((await sink.waitFor((m) => m.to === email && m.text.includes('#token=') && !m.text.includes(token))).text));

    // A staff member signs in to the console: password and authenticator enrollment.
    const staff = await staffSignIn(app.baseUrl, STAFF.email, STAFF.password);
    keep('staff password', STAFF.password);
    keep('staff TOTP seed', staff.secret);
    keep('staff CSRF token', staff.csrf['x-csrf-token']);
    expect((await staff.client.call('GET', '/api/console/customers?q=log-secrets')).status).toBe(200);

    const written = app.output().slice(startedAt);
    // The search means something only if the requests were logged at all.
    expect(written).toContain('/api/customer/login/password');
    expect(written).toContain('/api/console/auth/password');
    const leaked = [...secrets].filter(([, value]) => written.includes(value)).map(([what]) => what);
    expect(leaked).toEqual([]);
  });
});
