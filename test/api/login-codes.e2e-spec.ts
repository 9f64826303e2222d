import { Client } from 'pg';
import { startApp, type RunningApp } from '../support/app-process';
import { browserLikeClient, registeredCustomer } from '../support/customer';
import { SmtpSink } from '../support/smtp-sink';

/**
 * Methods 1, 2 and 5 (voice, SMS, email codes) through the sign-in flow. SMS and voice go to the log-only
 * gateway here (the Twilio adapter is tested against a local HTTP server in server/src/messaging); the
 * outbox row holds what was sent, which is where a desk agent would read it too.
 */
describe('one-time-code methods in the sign-in flow', () => {
  let sink: SmtpSink;
  let app: RunningApp;
  let db: Client;

  beforeAll(async () => {
    sink = await SmtpSink.start();
    app = await startApp({ SMTP_URL: sink.url, SEED_DEMO_ON_FIRST_START: 'true', LEGACY_IP_LIMIT_PER_MINUTE: '1000' });
    db = new Client({ connectionString: app.database.url });
    await db.connect();
    await registeredCustomer(app.baseUrl, sink, 'IS10070001', 'watanabe@example.jp', 'sakura saku 2023');
    await registeredCustomer(app.baseUrl, sink, 'IS10050001', 'tanaka@example.jp', 'tsuki no yoru 2023');
  });
  afterAll(async () => {
    await db?.end();
    await app?.stop();
    await sink?.stop();
  });

  async function advance(ms: number) {
    await fetch(`${app.baseUrl}/api/test/clock/advance`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ms }) });
  }

  async function lastCode(channel: 'sms' | 'voice', recipient: string): Promise<string> {
    const [row] = (await db.query(`SELECT body_text FROM outgoing_messages WHERE channel = $1 AND recipient = $2 ORDER BY created_at DESC LIMIT 1`, [channel, recipient])).rows;
    return (row.body_text as string).match(/\d/g)!.slice(0, 6).join('');
  }

  it('enrolls SMS at first sign-in from the guide\'s number form, refuses email before another factor, and challenges by SMS later', async () => {
    const c = browserLikeClient(app.baseUrl);
    const s1 = await c.post('/api/customer/login/password', { email: 'watanabe@example.jp', password: 'sakura saku 2023' });
    expect(s1.body.state).toBe('mfa_enroll');
    const flowToken = s1.body.flowToken;
    expect((await c.post('/api/customer/login/enroll/email/start', { flowToken })).body.code).toBe('email_requires_other_factor');

    const bad = await c.post('/api/customer/login/enroll/phone/start', { flowToken, phone: '12', channel: 'sms' });
    expect(bad).toMatchObject({ status: 400, body: { code: 'invalid_phone' } });
    const started = await c.post('/api/customer/login/enroll/phone/start', { flowToken, phone: '9000000000', channel: 'sms' });
    expect(started.body).toMatchObject({ phoneDisplay: '+81 90-0000-0000', cooldownSeconds: expect.any(Number) });
    const code = await lastCode('sms', '+819000000000');
    expect((await c.post('/api/customer/login/enroll/code/confirm', { flowToken, pendingFactorId: started.body.pendingFactorId, code: code === '000000' ? '111111' : '000000' })).body.code).toBe('invalid_code');
    const confirmed = await c.post('/api/customer/login/enroll/code/confirm', { flowToken, pendingFactorId: started.body.pendingFactorId, code });
    expect(confirmed.body.state).toBe('recovery_ack');
    expect((await c.post('/api/customer/login/recovery-ack', { flowToken, recorded: true })).body.state).toBe('signed_in');

    await advance(31_000); // past the enrollment send's cooldown
    const later = browserLikeClient(app.baseUrl);
    const s2 = await later.post('/api/customer/login/password', { email: 'watanabe@example.jp', password: 'sakura saku 2023' });
    const factor = s2.body.factors.find((f: { type: string }) => f.type === 'sms');
    expect((await later.post('/api/customer/login/challenge/send', { flowToken: s2.body.flowToken, factorId: factor.id })).status).toBe(200);
    // "send text" again at once hits the cooldown.
    expect((await later.post('/api/customer/login/challenge/send', { flowToken: s2.body.flowToken, factorId: factor.id })).body.code).toBe('send_cooldown');
    const challengeCode = await lastCode('sms', '+819000000000');
    // The enrollment code cannot be used again, and a code works once.
    const done = await later.post('/api/customer/login/challenge/code', { flowToken: s2.body.flowToken, factorId: factor.id, code: challengeCode });
    expect(done.body.state).toBe('signed_in');
  });

  it('lets a code fail after 5 wrong tries and expire after 5 minutes', async () => {
    await advance(31_000);
    const c = browserLikeClient(app.baseUrl);
    const s1 = await c.post('/api/customer/login/password', { email: 'watanabe@example.jp', password: 'sakura saku 2023' });
    const factor = s1.body.factors.find((f: { type: string }) => f.type === 'sms');
    await c.post('/api/customer/login/challenge/send', { flowToken: s1.body.flowToken, factorId: factor.id });
    const right = await lastCode('sms', '+819000000000');
    const wrong = right === '000000' ? '111111' : '000000';
    const attempt = (code: string) => c.post('/api/customer/login/challenge/code', { flowToken: s1.body.flowToken, factorId: factor.id, code });
    for (let i = 0; i < 4; i++) expect((await attempt(wrong)).body.code).toBe('invalid_code');
    expect((await attempt(wrong)).body.code).toBe('code_attempts_exhausted');
    // The right code no longer helps: this code is dead.
    const dead = await c.post('/api/customer/login/challenge/code', { flowToken: s1.body.flowToken, factorId: factor.id, code: right });
    expect(dead.body.code).toBe('code_attempts_exhausted');

    await advance(31_000);
    await c.post('/api/customer/login/challenge/send', { flowToken: s1.body.flowToken, factorId: factor.id });
    const fresh = await lastCode('sms', '+819000000000');
    await advance(5 * 60_000 + 1000);
    const late = await c.post('/api/customer/login/challenge/code', { flowToken: s1.body.flowToken, factorId: factor.id, code: fresh });
    expect(late.body.code).toBe('code_expired');
  });

  it('enrolls a voice call at first sign-in, adds email as a second method, then signs in by mail and by a call', async () => {
    const c = browserLikeClient(app.baseUrl);
    const s1 = await c.post('/api/customer/login/password', { email: 'tanaka@example.jp', password: 'tsuki no yoru 2023' });
    const flowToken = s1.body.flowToken;
    const started = await c.post('/api/customer/login/enroll/phone/start', { flowToken, phone: '03-1234-5678', channel: 'voice' });
    expect(started.body.phoneDisplay).toBe('+81 3-1234-5678');
    const code = await lastCode('voice', '+81312345678');
    await c.post('/api/customer/login/enroll/code/confirm', { flowToken, pendingFactorId: started.body.pendingFactorId, code });
    const done = await c.post('/api/customer/login/recovery-ack', { flowToken, recorded: true });
    const csrf = { 'x-csrf-token': done.body.csrfToken };

    const voiceFactor = (await c.call('GET', '/api/customer/mfa')).body.factors[0];
    expect(voiceFactor).toMatchObject({ type: 'voice', maskedPhone: expect.stringContaining('5678') });

    // Step-up by the voice factor's own code, then add email (allowed now that another factor exists).
    await advance(31_000);
    expect((await c.post('/api/customer/mfa/step-up/send', { factorId: voiceFactor.id }, csrf)).status).toBe(200);
    const stepUpCode = await lastCode('voice', '+81312345678');
    expect((await c.post('/api/customer/mfa/step-up', { code: stepUpCode, factorId: voiceFactor.id }, csrf)).status).toBe(200);
    await advance(31_000);
    const email = await c.post('/api/customer/mfa/code/start', { channel: 'email' }, csrf);
    expect(email.status).toBe(200);
    const enrollMail = await sink.waitFor((m) => m.to === 'tanaka@example.jp' && m.subject === 'Your authentication code');
    const enrollCode = /Your MFA code is: (\d{6})/.exec(enrollMail.text)![1];
    const added = await c.post('/api/customer/mfa/code/confirm', { pendingFactorId: email.body.pendingFactorId, code: enrollCode }, csrf);
    expect(added.body.factors.map((f: { type: string }) => f.type).sort()).toEqual(['email', 'voice']);

    // A later sign-in by the emailed code.
    sink.clear();
    await advance(31_000);
    const later = browserLikeClient(app.baseUrl);
    const s2 = await later.post('/api/customer/login/password', { email: 'tanaka@example.jp', password: 'tsuki no yoru 2023' });
    const emailFactor = s2.body.factors.find((f: { type: string }) => f.type === 'email');
    await later.post('/api/customer/login/challenge/send', { flowToken: s2.body.flowToken, factorId: emailFactor.id });
    const mail = await sink.waitFor((m) => m.to === 'tanaka@example.jp' && m.subject === 'Your authentication code');
    expect(mail.text).toMatch(/^Your MFA code is: \d{6}$/m);
    const code2 = /Your MFA code is: (\d{6})/.exec(mail.text)![1];
    expect((await later.post('/api/customer/login/challenge/code', { flowToken: s2.body.flowToken, factorId: emailFactor.id, code: code2 })).body.state).toBe('signed_in');
    // Single use.
    const again = browserLikeClient(app.baseUrl);
    const s3 = await again.post('/api/customer/login/password', { email: 'tanaka@example.jp', password: 'tsuki no yoru 2023' });
    expect((await again.post('/api/customer/login/challenge/code', { flowToken: s3.body.flowToken, factorId: emailFactor.id, code: code2 })).body.code).toBe('invalid_code');

    // And by a voice call ("Try another method").
    await advance(31_000);
    expect((await again.post('/api/customer/login/challenge/send', { flowToken: s3.body.flowToken, factorId: voiceFactor.id })).status).toBe(200);
    const spoken = await lastCode('voice', '+81312345678');
    expect((await again.post('/api/customer/login/challenge/code', { flowToken: s3.body.flowToken, factorId: voiceFactor.id, code: spoken })).body.state).toBe('signed_in');
  });
});
