import { startApp, runToExit, type RunningApp } from '../support/app-process';
import { json } from '../support/http';

describe('the API process', () => {
  let app: RunningApp;
  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('is ready when Postgres and Redis answer', async () => {
    const res = await fetch(`${app.baseUrl}/ready`);
    expect(res.status).toBe(200);
    const body = await json(res);
    expect(body.status).toBe('ok');
    expect(body.info.database.status).toBe('up');
    expect(body.info.redis.status).toBe('up');
  });

  it('answers liveness without touching the services', async () => {
    const res = await fetch(`${app.baseUrl}/health`);
    expect(await json(res)).toEqual({ status: 'ok' });
  });

  it('publishes a valid OpenAPI document', async () => {
    const res = await fetch(`${app.baseUrl}/api/docs-json`);
    expect(res.status).toBe(200);
    const doc = await json(res);
    expect(doc.openapi).toMatch(/^3\./);
    expect(doc.info.title).toBe('Ikou API');
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/health', '/ready']));
    const ui = await fetch(`${app.baseUrl}/api/docs`);
    expect(ui.status).toBe(200);
    expect(await ui.text()).toContain('swagger');
  });

  it('exposes Prometheus metrics with HTTP latency and queue depth', async () => {
    await fetch(`${app.baseUrl}/health`);
    const text = await (await fetch(`${app.baseUrl}/metrics`)).text();
    expect(text).toMatch(/http_request_duration_seconds_bucket\{.*route="\/health"/);
    expect(text).toMatch(/queue_jobs\{queue="legacy-import",state="waiting"\} 0/);
  });

  it('sends security headers and a request id', async () => {
    const res = await fetch(`${app.baseUrl}/health`, { headers: { 'x-request-id': 'ticket-123' } });
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(res.headers.get('x-request-id')).toBe('ticket-123');
    const generated = await fetch(`${app.baseUrl}/health`, { headers: { 'x-request-id': 'bad id with spaces' } });
    expect(generated.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('keeps API answers, and only those, out of caches', async () => {
    const answers = await Promise.all(['/api/customer/session', '/api/console/auth/me', '/api/does-not-exist'].map((p) => fetch(`${app.baseUrl}${p}`)));
    expect(answers.map((r) => [r.status, r.headers.get('cache-control')])).toEqual([
      [401, 'no-store'],
      [401, 'no-store'],
      [404, 'no-store'],
    ]);
    const posted = await fetch(`${app.baseUrl}/api/customer/login/password`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect([posted.status, posted.headers.get('cache-control')]).toEqual([400, 'no-store']);
    expect((await fetch(`${app.baseUrl}/health`)).headers.get('cache-control')).not.toBe('no-store');
  });

  it('serves the customer site at / and the console at /console/, with client-side routes falling back', async () => {
    for (const [path, marker] of [
      ['/', 'lang="ja"'],
      ['/register', 'lang="ja"'],
      ['/console/', '<div id="root"'],
      ['/console/customers/123', '<div id="root"'],
    ]) {
      const res = await fetch(`${app.baseUrl}${path}`);
      expect({ path, status: res.status, type: res.headers.get('content-type') }).toEqual({
        path,
        status: 200,
        type: expect.stringContaining('text/html'),
      });
      expect(await res.text()).toContain(marker);
    }
  });

  it('keeps JSON 404s for unknown API paths and missing assets', async () => {
    const api = await fetch(`${app.baseUrl}/api/nothing-here`);
    expect(api.status).toBe(404);
    expect(await json(api)).toMatchObject({ statusCode: 404 });
    expect((await fetch(`${app.baseUrl}/assets/missing.js`)).status).toBe(404);
  });

  it('moves its clock only in the test environment', async () => {
    const res = await fetch(`${app.baseUrl}/api/test/clock/advance`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ms: 600_000 }),
    });
    expect(res.status).toBe(200);
    expect((await json(res)).offsetMs).toBe(600_000);
    const bad = await fetch(`${app.baseUrl}/api/test/clock/advance`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ms: 'soon' }),
    });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('ms must be a number');
  });
});

describe('start-up failures', () => {
  it('stops with one line naming a malformed DATABASE_URL', async () => {
    const { code, stderr } = await runToExit({ DATABASE_URL: 'nonsense' });
    expect(code).toBe(1);
    expect(stderr.trim().split('\n')).toEqual([
      'Ikou did not start: Configuration error: DATABASE_URL must be a URL like postgres://user:pass@host:5432/ikou (got "nonsense")',
    ]);
  });

  it('stops with one line when Postgres cannot be reached', async () => {
    const { code, stderr } = await runToExit({ DATABASE_URL: 'postgres://nobody@127.0.0.1:1/ikou', REDIS_URL: 'redis://127.0.0.1:6379' });
    expect(code).toBe(1);
    expect(stderr.trim().split('\n')).toEqual([expect.stringMatching(/^Ikou did not start: cannot connect to 127\.0\.0\.1:1/)]);
  });
});

describe('without Redis', () => {
  it('answers /ready with 503 naming redis', async () => {
    const app = await startApp({ REDIS_URL: 'redis://127.0.0.1:1' });
    try {
      const res = await fetch(`${app.baseUrl}/ready`);
      expect(res.status).toBe(503);
      const body = await json(res);
      expect(body.error.redis.status).toBe('down');
      expect(body.info.database.status).toBe('up');
    } finally {
      // Without Redis the queue workers cannot close cleanly; the graceful path is tested with Redis below.
      await app.stop('SIGKILL');
    }
  });
});

describe('shutdown', () => {
  it('exits 0 promptly on SIGTERM, closing HTTP and the queue workers', async () => {
    const app = await startApp();
    expect((await fetch(`${app.baseUrl}/ready`)).status).toBe(200);
    const started = Date.now();
    const code = await app.stop();
    expect({ code, output: code === 0 ? '' : app.output() }).toEqual({ code: 0, output: '' });
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(app.output()).toContain('SIGTERM: shutting down gracefully');
  });
});
