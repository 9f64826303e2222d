import { startApp, type RunningApp } from '../support/app-process';
import { browserLikeClient, registeredCustomer } from '../support/customer';
import { SmtpSink } from '../support/smtp-sink';
import { totp } from '../support/totp';

const NOTICE = '「申込/契約確認サイト」2段階認証の設定変更のお知らせ';

describe('factor settings (§4.2: enroll more, remove any but the last) with step-up and notices', () => {
  let sink: SmtpSink;
  let app: RunningApp;
  let offset = 0;
  let currentSecret = '';
  const now = () => Date.now() + offset;
  const advance = async (ms: number) => {
    offset += ms;
    await fetch(`${app.baseUrl}/api/test/clock/advance`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ms }) });
  };

  beforeAll(async () => {
    sink = await SmtpSink.start();
    app = await startApp({ SMTP_URL: sink.url, SEED_DEMO_ON_FIRST_START: 'true', LEGACY_IP_LIMIT_PER_MINUTE: '1000' });
    await registeredCustomer(app.baseUrl, sink, 'IS10050001', 'tanaka@example.jp', 'aki wa yuugure 2023');
  });
  afterAll(async () => {
    await app?.stop();
    await sink?.stop();
  });

  async function signIn(secret?: string) {
    const c = browserLikeClient(app.baseUrl);
    const s1 = await c.post('/api/customer/login/password', { email: 'tanaka@example.jp', password: 'aki wa yuugure 2023' });
    if (!secret) {
      const start = await c.post('/api/customer/login/enroll/totp/start', { flowToken: s1.body.flowToken });
      await c.post('/api/customer/login/enroll/totp/confirm', { flowToken: s1.body.flowToken, factorId: start.body.factorId, code: totp(start.body.secret, now()) });
      const done = await c.post('/api/customer/login/recovery-ack', { flowToken: s1.body.flowToken, recorded: true });
      return { c, csrf: { 'x-csrf-token': done.body.csrfToken }, secret: start.body.secret as string };
    }
    await advance(30_000);
    const done = await c.post('/api/customer/login/challenge/totp', { flowToken: s1.body.flowToken, code: totp(secret, now()) });
    return { c, csrf: { 'x-csrf-token': done.body.csrfToken }, secret };
  }

  it('asks for a fresh second factor before a change, keeps the last factor, and mails a notice for each change', async () => {
    const { c, csrf, secret } = await signIn();
    const overview = await c.call('GET', '/api/customer/mfa');
    expect(overview.body).toMatchObject({ factors: [{ type: 'totp', state: 'active' }], hasRecoveryCode: true, steppedUpUntil: null });
    const firstFactor = overview.body.factors[0].id;

    expect((await c.call('DELETE', `/api/customer/mfa/factors/${firstFactor}`)).body.code).toBe('csrf_token_invalid');
    expect((await c.call('DELETE', `/api/customer/mfa/factors/${firstFactor}`, undefined, csrf)).body.code).toBe('step_up_required');
    expect((await c.post('/api/customer/mfa/step-up', { code: '000000' }, csrf)).body.code).toBe('invalid_code');
    await advance(30_000);
    expect((await c.post('/api/customer/mfa/step-up', { code: totp(secret, now()) }, csrf)).status).toBe(200);

    expect((await c.call('DELETE', `/api/customer/mfa/factors/${firstFactor}`, undefined, csrf)).body.code).toBe('last_factor');

    const start = await c.post('/api/customer/mfa/totp/start', {}, csrf);
    const added = await c.post('/api/customer/mfa/totp/confirm', { factorId: start.body.factorId, code: totp(start.body.secret, now()) }, csrf);
    expect(added.body.factors).toHaveLength(2);
    expect((await sink.waitFor((m) => m.to === 'tanaka@example.jp' && m.subject === NOTICE && m.text.includes('追加'))).text).toContain('2段階認証の方法が追加されました。');

    currentSecret = start.body.secret;
    const removed = await c.call('DELETE', `/api/customer/mfa/factors/${firstFactor}`, undefined, csrf);
    expect(removed.body.factors.map((f: { id: string }) => f.id)).toEqual([start.body.factorId]);
    await sink.waitFor((m) => m.to === 'tanaka@example.jp' && m.subject === NOTICE && m.text.includes('削除'));

    const code = await c.post('/api/customer/mfa/recovery-code', {}, csrf);
    expect(code.body.recoveryCode).toMatch(/^[A-Z2-7]{4}(-[A-Z2-7]{4})+$/);

    // The window closes after 5 minutes.
    await advance(5 * 60_000 + 1000);
    expect((await c.post('/api/customer/mfa/recovery-code', {}, csrf)).body.code).toBe('step_up_required');
  });

  it('ends the other sessions on request, and only those', async () => {
    const here = await signIn(currentSecret);
    const elsewhere = await signIn(currentSecret);
    expect((await here.c.call('GET', '/api/customer/mfa')).body.otherSessions).toBeGreaterThanOrEqual(1);
    const ended = await here.c.post('/api/customer/mfa/sessions/end-others', {}, here.csrf);
    expect(ended.body.ended).toBeGreaterThanOrEqual(1);
    expect((await elsewhere.c.call('GET', '/api/customer/session')).status).toBe(401);
    expect((await here.c.call('GET', '/api/customer/session')).status).toBe(200);
  });
});
