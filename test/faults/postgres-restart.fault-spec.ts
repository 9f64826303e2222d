import { Client } from 'pg';
import { startApp, type RunningApp } from '../support/app-process';
import { firstSignIn, registeredCustomer, signInWithTotp } from '../support/customer';
import { DEMO_LEGACY_PASSWORD, registrationClient } from '../support/legacy-api';
import { SmtpSink } from '../support/smtp-sink';
import { verifyAuditChain } from './support/audit-chain';
import { PrivatePostgres } from './support/private-postgres';
import { sleep, waitUntil } from './support/wait';

jest.setTimeout(120_000);

/** Long enough for the worker's jobs and the pool's idle connections to meet the outage too. */
const OUTAGE_MS = 6_000;

const status = async (url: string) => (await fetch(url)).status;

/**
 * Postgres stops under a running app and comes back (a failover, a restart for an upgrade). The app runs
 * on a private server (PrivatePostgres) so that stopping it harms no other test. Meanwhile the app is
 * alive (/health 200) but not ready (/ready 503), and every customer request that needs the database
 * gets a clean 503 with Retry-After, never a 500; once Postgres is back the app is ready again by itself.
 */
describe('fault: Postgres stopped and restarted under the app', () => {
  let pg: PrivatePostgres;
  let sink: SmtpSink;
  let app: RunningApp;

  afterAll(async () => {
    await app?.stop();
    await sink?.stop();
    await pg?.destroy();
  });

  it('answers 503 while Postgres is down and recovers without a restart', async () => {
    pg = await PrivatePostgres.create();
    sink = await SmtpSink.start();
    app = await startApp({ DATABASE_URL: pg.url, SEED_DEMO_ON_FIRST_START: 'true', SMTP_URL: sink.url, LEGACY_IP_LIMIT_PER_MINUTE: '1000' });
    expect(await status(`${app.baseUrl}/ready`)).toBe(200);
    const customer = await registeredCustomer(app.baseUrl, sink, 'IS10010001', 'pg-restart@example.jp', 'a long enough passphrase');
    const signedIn = await firstSignIn(app.baseUrl, customer.email, customer.password);
    expect((await signedIn.client.call('GET', '/api/customer/contracts')).status).toBe(200);

    await pg.stop();
    const stoppedAt = Date.now();
    const notReady = await waitUntil('/ready 503', () => status(`${app.baseUrl}/ready`), (s) => s === 503, { timeoutMs: 10_000 });
    expect(await status(`${app.baseUrl}/health`)).toBe(200);

    // Customers: a clean "try again later", whatever the request.
    const unavailable = { status: 503, body: { statusCode: 503, code: 'service_unavailable', message: expect.any(String) } };
    const password = await fetch(`${app.baseUrl}/api/customer/login/password`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: customer.email, password: customer.password }),
    });
    expect({ status: password.status, body: await password.json() }).toEqual(unavailable);
    expect(password.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(await signedIn.client.call('GET', '/api/customer/contracts')).toEqual(unavailable);
    const check = await registrationClient(app.baseUrl).legacyCheck('IS10020001', DEMO_LEGACY_PASSWORD);
    expect({ status: check.status, body: check.body }).toEqual(unavailable);
    expect(check.headers.get('retry-after')).toMatch(/^\d+$/);
    // Not ready for as long as it is down: nothing flaps back to 200 on a cached connection.
    while (Date.now() - stoppedAt < OUTAGE_MS) {
      expect(await status(`${app.baseUrl}/ready`)).toBe(503);
      await sleep(500);
    }

    await pg.start();
    const restartedAt = Date.now();
    const ready = await waitUntil('/ready 200 again', () => status(`${app.baseUrl}/ready`), (s) => s === 200, { timeoutMs: 30_000, everyMs: 100 });
    expect(app.process.exitCode).toBeNull(); // the same process: nothing restarted it

    // Every flow works again: a sign-in with the enrolled authenticator, the session made before the
    // outage, and a registration whose mail the worker sends.
    const again = await signInWithTotp(app.baseUrl, customer.email, customer.password, signedIn.secret, () => Date.now() + 30_000);
    expect((await again.client.call('GET', '/api/customer/contracts')).status).toBe(200);
    expect((await signedIn.client.call('GET', '/api/customer/contracts')).status).toBe(200);
    await registeredCustomer(app.baseUrl, sink, 'IS10020001', 'pg-restart-2@example.jp', 'another long passphrase');
    expect(app.output()).not.toContain('"level":50'); // no error logged: the outage was answered, not crashed into

    const db = new Client({ connectionString: pg.url });
    await db.connect();
    try {
      const { rows } = await db.query(`SELECT recipient, state FROM outgoing_messages ORDER BY created_at`);
      expect(rows).toEqual([
        { recipient: 'pg-restart@example.jp', state: 'sent' },
        { recipient: 'pg-restart-2@example.jp', state: 'sent' },
      ]);
    } finally {
      await db.end();
    }
    expect(verifyAuditChain(pg.url)).toMatchObject({ ok: true });
    console.log(
      `/ready said 503 ${((notReady.ms + 0) / 1000).toFixed(1)} s after Postgres stopped (down ${((restartedAt - stoppedAt) / 1000).toFixed(1)} s); ` +
        `200 again ${(ready.ms / 1000).toFixed(1)} s after it started`,
    );
  });
});
