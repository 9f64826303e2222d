import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { startApp, type RunningApp } from '../support/app-process';
import { browserLikeClient, type CookieJar, firstSignIn, registeredCustomer, signInWithTotp, staffSignIn } from '../support/customer';
import { COOKIE_WRITES, type StaffRole } from '../support/route-table';
import { SmtpSink } from '../support/smtp-sink';
import { totp } from '../support/totp';

const STAFF_PASSWORD = 'Ikou-demo-staff-2024';
type SignedIn = Awaited<ReturnType<typeof firstSignIn>>;

/** Every Set-Cookie line the app sent, by cookie name (the last one wins), with its attributes. */
class SetCookieLog {
  private lines = new Map<string, string>();

  record(res: Response): void {
    for (const line of res.headers.getSetCookie()) this.lines.set(line.split('=')[0].trim(), line);
  }

  attributes(name: string): { value: string; flags: Record<string, string | true> } {
    const line = this.lines.get(name);
    if (!line) throw new Error(`no Set-Cookie for ${name}`);
    const [pair, ...rest] = line.split(';');
    const flags: Record<string, string | true> = {};
    for (const attribute of rest) {
      const [key, ...value] = attribute.trim().split('=');
      flags[key.toLowerCase()] = value.length ? value.join('=') : true;
    }
    return { value: pair.slice(pair.indexOf('=') + 1), flags };
  }
}

/** Watches the global fetch the support clients use, so the raw Set-Cookie lines can be read. */
function watchSetCookies(log: SetCookieLog): () => void {
  const original = global.fetch;
  global.fetch = (async (...args: Parameters<typeof fetch>) => {
    const res = await original(...args);
    log.record(res);
    return res;
  }) as typeof fetch;
  return () => {
    global.fetch = original;
  };
}

/** Sends `cookie` as the only cookie (what a replaying attacker would do). */
async function withCookie(baseUrl: string, method: string, path: string, cookie: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${baseUrl}${path}`, { method, headers: { cookie, ...headers } });
  return { status: res.status, body: (await res.json().catch(() => ({}))) as Record<string, unknown> };
}

function cookieValue(jar: CookieJar, name: string): string {
  const pair = jar.header().split('; ').find((p) => p.startsWith(`${name}=`));
  if (!pair) throw new Error(`no ${name} in the jar`);
  return pair.slice(name.length + 1);
}

const HTML_AND_API = ['/', '/contracts', '/console/', '/api/docs', '/api/customer/session', '/api/console/auth/me', '/health', '/api/nothing-here'];

describe('CSRF, session fixation, sign-out, cookies and headers (test mode)', () => {
  let sink: SmtpSink;
  let app: RunningApp;
  let db: Client;
  let customerA: SignedIn;
  let customerB: SignedIn;
  const staff = new Map<StaffRole, SignedIn>();
  const log = new SetCookieLog();
  let unwatch: () => void;

  beforeAll(async () => {
    unwatch = watchSetCookies(log);
    sink = await SmtpSink.start();
    app = await startApp({ SMTP_URL: sink.url, SEED_DEMO_ON_FIRST_START: 'true', LEGACY_IP_LIMIT_PER_MINUTE: '1000' });
    db = new Client({ connectionString: app.database.url });
    await db.connect();
    await registeredCustomer(app.baseUrl, sink, 'IS10010001', 'yamada@example.jp', 'haru no kaze 2023');
    await registeredCustomer(app.baseUrl, sink, 'IS10020001', 'suzuki@example.jp', 'aki no sora 2023');
    customerA = await firstSignIn(app.baseUrl, 'yamada@example.jp', 'haru no kaze 2023');
    customerB = await firstSignIn(app.baseUrl, 'suzuki@example.jp', 'aki no sora 2023');
    for (const role of ['agent', 'supervisor', 'admin'] as const) staff.set(role, await staffSignIn(app.baseUrl, `${role}@demo.example.jp`, STAFF_PASSWORD));
  });
  afterAll(async () => {
    unwatch?.();
    await db?.end();
    await app?.stop();
    await sink?.stop();
  });

  // Each later sign-in needs a fresh TOTP step: the server's clock and the codes move together.
  let offset = 0;
  const now = () => Date.now() + offset;
  async function advance(ms: number) {
    offset += ms;
    await fetch(`${app.baseUrl}/api/test/clock/advance`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ms }) });
  }

  const written = async () =>
    (
      await db.query(`SELECT (SELECT count(*) FROM audit_events) AS audit, (SELECT count(*) FROM outgoing_messages) AS messages,
                             (SELECT count(*) FROM customer_sessions WHERE revoked_at IS NOT NULL) AS customer_revoked,
                             (SELECT count(*) FROM staff_sessions WHERE revoked_at IS NOT NULL) AS staff_revoked,
                             (SELECT count(*) FROM mfa_factors) AS factors, (SELECT count(*) FROM mfa_recovery_codes) AS recovery,
                             (SELECT count(*) FROM bulk_transfer_tickets) AS tickets, (SELECT count(*) FROM staff_users) AS staff`)
    ).rows[0];

  describe('CSRF: every cookie-authenticated write', () => {
    let before: Record<string, string>;
    beforeAll(async () => {
      before = await written();
    });

    const cases = COOKIE_WRITES.flatMap((route) =>
      (['without the token', "with another session's token"] as const).map((how) => ({ ...route, how })),
    );
    it.each(cases)('$method $path $how → 403, refused before the handler', async ({ method, path, example, access, how }) => {
      const [caller, other] =
        access === 'customer' ? [customerA, customerB] : [staff.get(access[0] as StaffRole)!, staff.get(access[0] === 'admin' ? 'supervisor' : 'admin')!];
      const headers: Record<string, string> = how === 'without the token' ? {} : other.csrf;
      expect(headers['x-csrf-token'] ?? '').not.toBe(caller.csrf['x-csrf-token']);
      const res = await caller.client.call(method, example ?? path, {}, headers);
      expect(res).toMatchObject({ status: 403, body: { code: 'csrf_token_invalid' } });
    });

    it('wrote nothing: no audit event, message, revoked session, factor, ticket or staff change', async () => {
      expect(await written()).toEqual(before);
      // Both sessions the refused logouts named are still alive.
      expect((await customerA.client.call('GET', '/api/customer/session')).status).toBe(200);
      expect((await staff.get('agent')!.client.call('GET', '/api/console/auth/me')).status).toBe(200);
    });

    it.each([
      ['/api/customer/login/password', { email: 'yamada@example.jp', password: 'haru no kaze 2023' }],
      ['/api/customer/registration/legacy-check', { networkId: 'IS10030001', password: 'demo-legacy-2023' }],
      ['/api/customer/password/request-link', { email: 'yamada@example.jp' }],
      ['/api/console/auth/password', { email: 'agent@demo.example.jp', password: STAFF_PASSWORD }],
    ])('takes JSON only on the public step %s, which a cross-site form cannot send', async (path, body) => {
      const before = await written();
      for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
        const res = await fetch(`${app.baseUrl}${path}`, { method: 'POST', headers: { 'content-type': type }, body: JSON.stringify(body) });
        expect({ type, status: res.status, cookies: res.headers.getSetCookie() }).toEqual({ type, status: expect.any(Number), cookies: [] });
        expect(res.status).toBeGreaterThanOrEqual(400);
        expect(res.status).toBeLessThan(500);
      }
      expect(await written()).toEqual(before);
    });
  });

  describe('cookies and headers', () => {
    it('sets the session and device cookies HttpOnly, SameSite=Lax, Path=/, without Domain (Secure only in production)', async () => {
      await advance(30_000);
      const c = browserLikeClient(app.baseUrl);
      const step = await c.post('/api/customer/login/password', { email: 'suzuki@example.jp', password: 'aki no sora 2023' });
      const done = await c.post('/api/customer/login/challenge/totp', { flowToken: step.body.flowToken, code: totp(customerB.secret, now()), rememberDevice: true });
      expect(done.body.state).toBe('signed_in');
      for (const name of ['ikou_session', 'ikou_device', 'ikou_staff']) {
        const { flags } = log.attributes(name);
        expect({ name, httponly: flags.httponly, samesite: String(flags.samesite).toLowerCase(), path: flags.path, domain: flags.domain, secure: flags.secure }).toEqual({
          name,
          httponly: true,
          samesite: 'lax',
          path: '/',
          domain: undefined,
          secure: undefined,
        });
      }
      expect(Number(log.attributes('ikou_session').flags['max-age'])).toBe(12 * 3600);
      expect(Number(log.attributes('ikou_device').flags['max-age'])).toBeLessThanOrEqual(30 * 86400);
    });

    it.each(['/.env', '/.git/config', '/console/.env', '/console/assets/', '/api/docs/../../package.json'])('serves no dotfile, source file or directory listing at %s', async (path) => {
      const res = await fetch(`${app.baseUrl}${path}`);
      const text = await res.text();
      // Either nothing, or the app's own page (client-side routes fall back to it): never the file asked for.
      expect(res.status === 404 || (res.status === 200 && text.includes('<div id="root"'))).toBe(true);
      expect(text).not.toMatch(/DATABASE_URL|\[core\]|"dependencies"|Index of/);
    });

    it.each(HTML_AND_API)('sends the security headers on %s', async (path) => {
      const res = await fetch(`${app.baseUrl}${path}`);
      const csp = res.headers.get('content-security-policy') ?? '';
      expect({
        path,
        frameAncestors: csp.includes("frame-ancestors 'none'"),
        defaultSrc: csp.includes("default-src 'self'"),
        scriptSrc: /script-src 'self'(;|$)/.test(csp),
        objectSrc: csp.includes("object-src 'none'"),
        nosniff: res.headers.get('x-content-type-options'),
        frameOptions: res.headers.get('x-frame-options'),
        referrer: res.headers.get('referrer-policy'),
        poweredBy: res.headers.get('x-powered-by'),
        hsts: res.headers.get('strict-transport-security'),
      }).toEqual({
        path,
        frameAncestors: true,
        defaultSrc: true,
        scriptSrc: true,
        objectSrc: true,
        nosniff: 'nosniff',
        frameOptions: expect.stringMatching(/^(DENY|SAMEORIGIN)$/),
        referrer: 'no-referrer',
        poweredBy: null,
        // Plain-http development and tests: HSTS is a production header (below).
        hsts: null,
      });
    });
  });

  describe('session fixation and sign-out', () => {
    it('never adopts a customer session id set before sign-in, and never upgrades an existing one', async () => {
      await advance(30_000);
      const attacker = await signInWithTotp(app.baseUrl, 'suzuki@example.jp', 'aki no sora 2023', customerB.secret, now);
      const planted = cookieValue(attacker.client.jar, 'ikou_session');
      for (const fixed of [randomBytes(32).toString('base64url'), planted]) {
        await advance(30_000);
        // The victim's browser carries the fixed cookie through the whole sign-in.
        const victim = browserLikeClient(app.baseUrl);
        const carrying = { cookie: `ikou_session=${fixed}` };
        const step = await victim.post('/api/customer/login/password', { email: 'yamada@example.jp', password: 'haru no kaze 2023' }, carrying);
        // A session cookie changes nothing about the flow: it still asks for the second factor.
        expect(step.body.state).toBe('mfa_challenge');
        const done = await victim.post('/api/customer/login/challenge/totp', { flowToken: step.body.flowToken, code: totp(customerA.secret, now()) }, carrying);
        expect(done.body.state).toBe('signed_in');
        const issued = cookieValue(victim.jar, 'ikou_session');
        expect(issued).not.toBe(fixed);
        expect(issued).toMatch(/^[A-Za-z0-9_-]{43}$/);
        expect((await victim.call('GET', '/api/customer/session')).body.email).toBe('yamada@example.jp');
        // The fixed value is still nobody's (random) or still the attacker's own session, never the victim's.
        const replay = await withCookie(app.baseUrl, 'GET', '/api/customer/session', `ikou_session=${fixed}`);
        expect(fixed === planted ? replay.body.email : replay.status).toBe(fixed === planted ? 'suzuki@example.jp' : 401);
      }
    });

    it('never adopts a staff session id set before sign-in', async () => {
      await advance(30_000);
      const fixed = randomBytes(32).toString('base64url');
      const carrying = { cookie: `ikou_staff=${fixed}` };
      const c = browserLikeClient(app.baseUrl);
      const step = await c.post('/api/console/auth/password', { email: 'agent@demo.example.jp', password: STAFF_PASSWORD }, carrying);
      const done = await c.post('/api/console/auth/totp/challenge', { flowToken: step.body.flowToken, code: totp(staff.get('agent')!.secret, now()) }, carrying);
      expect(done.body.state).toBe('signed_in');
      expect(cookieValue(c.jar, 'ikou_staff')).not.toBe(fixed);
      expect((await c.call('GET', '/api/console/auth/me')).body.email).toBe('agent@demo.example.jp');
      expect((await withCookie(app.baseUrl, 'GET', '/api/console/auth/me', `ikou_staff=${fixed}`)).status).toBe(401);
    });

    it('ends a customer session on the server at sign-out: the old cookie replayed is refused', async () => {
      await advance(30_000);
      const c = await signInWithTotp(app.baseUrl, 'yamada@example.jp', 'haru no kaze 2023', customerA.secret, now);
      const token = cookieValue(c.client.jar, 'ikou_session');
      expect((await withCookie(app.baseUrl, 'GET', '/api/customer/session', `ikou_session=${token}`)).status).toBe(200);
      expect((await c.client.post('/api/customer/logout', {}, c.csrf)).status).toBe(200);
      expect(log.attributes('ikou_session').value).toBe('');
      const replay = await withCookie(app.baseUrl, 'GET', '/api/customer/session', `ikou_session=${token}`);
      expect(replay).toMatchObject({ status: 401, body: { code: 'not_signed_in' } });
      const write = await withCookie(app.baseUrl, 'POST', '/api/customer/logout', `ikou_session=${token}`, c.csrf);
      expect(write.status).toBe(401);
    });

    it('ends a staff session on the server at sign-out: the old cookie replayed is refused', async () => {
      const admin = staff.get('admin')!;
      await advance(30_000);
      const again = await staffSignIn(app.baseUrl, 'admin@demo.example.jp', STAFF_PASSWORD, { secret: admin.secret, now });
      const token = cookieValue(again.client.jar, 'ikou_staff');
      expect((await again.client.post('/api/console/auth/logout', {}, again.csrf)).status).toBe(200);
      const replay = await withCookie(app.baseUrl, 'GET', '/api/console/auth/me', `ikou_staff=${token}`);
      expect(replay).toMatchObject({ status: 401, body: { code: 'staff_not_signed_in' } });
      // The other admin session is untouched.
      expect((await admin.client.call('GET', '/api/console/auth/me')).status).toBe(200);
    });
  });

});

describe('cookies, headers and test routes in production mode', () => {
  let sink: SmtpSink;
  let app: RunningApp;
  const log = new SetCookieLog();
  let unwatch: () => void;

  beforeAll(async () => {
    unwatch = watchSetCookies(log);
    sink = await SmtpSink.start();
    app = await startApp({
      NODE_ENV: 'production',
      RUN_WORKER: 'true',
      SMTP_URL: sink.url,
      SEED_DEMO_ON_FIRST_START: 'true',
      PUBLIC_URL: 'https://ikou.example.jp',
      COOKIE_SECRET: randomBytes(32).toString('hex'),
      TOTP_ENCRYPTION_KEY: `k1:${randomBytes(32).toString('base64')}`,
      LEGACY_IP_LIMIT_PER_MINUTE: '1000',
    });
  });
  afterAll(async () => {
    unwatch?.();
    await app?.stop();
    await sink?.stop();
  });

  it('sets __Host- cookies, Secure, HttpOnly, SameSite=Lax, Path=/ and no Domain', async () => {
    await registeredCustomer(app.baseUrl, sink, 'IS10010001', 'yamada@example.jp', 'haru no kaze 2023');
    const customer = await firstSignIn(app.baseUrl, 'yamada@example.jp', 'haru no kaze 2023');
    const step = await customer.client.post('/api/customer/login/password', { email: 'yamada@example.jp', password: 'haru no kaze 2023' });
    await customer.client.post('/api/customer/login/challenge/totp', { flowToken: step.body.flowToken, code: totp(customer.secret, Date.now() + 30_000), rememberDevice: true });
    await staffSignIn(app.baseUrl, 'agent@demo.example.jp', STAFF_PASSWORD);
    for (const name of ['__Host-ikou_session', '__Host-ikou_device', '__Host-ikou_staff']) {
      const { flags } = log.attributes(name);
      expect({ name, secure: flags.secure, httponly: flags.httponly, samesite: String(flags.samesite).toLowerCase(), path: flags.path, domain: flags.domain }).toEqual({
        name,
        secure: true,
        httponly: true,
        samesite: 'lax',
        path: '/',
        domain: undefined,
      });
    }
    // The unprefixed development names are not read in production.
    const token = log.attributes('__Host-ikou_session').value;
    expect((await withCookie(app.baseUrl, 'GET', '/api/customer/session', `__Host-ikou_session=${token}`)).status).toBe(200);
    expect((await withCookie(app.baseUrl, 'GET', '/api/customer/session', `ikou_session=${token}`)).status).toBe(401);
  });

  it.each(HTML_AND_API)('sends HSTS besides the other security headers on %s', async (path) => {
    const res = await fetch(`${app.baseUrl}${path}`);
    expect({ path, hsts: res.headers.get('strict-transport-security'), nosniff: res.headers.get('x-content-type-options') }).toEqual({
      path,
      hsts: expect.stringMatching(/max-age=\d{7,}/),
      nosniff: 'nosniff',
    });
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
  });

  it('serves neither the test clock nor the route list', async () => {
    for (const [method, path] of [['POST', '/api/test/clock/advance'], ['POST', '/api/test/clock/reset'], ['GET', '/api/test/routes']]) {
      const res = await fetch(`${app.baseUrl}${path}`, { method, headers: { 'content-type': 'application/json' }, body: method === 'POST' ? '{"ms":1}' : undefined });
      expect({ path, status: res.status }).toEqual({ path, status: 404 });
    }
  });
});
