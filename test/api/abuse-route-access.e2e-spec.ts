import { startApp, type RunningApp } from '../support/app-process';
import { browserLikeClient, firstSignIn, registeredCustomer, staffSignIn } from '../support/customer';
import { allows, CALLERS, denial, ROUTES, routeKey, type Caller } from '../support/route-table';
import { SmtpSink } from '../support/smtp-sink';
import { totp } from '../support/totp';

const STAFF_PASSWORD = 'Ikou-demo-staff-2024';

/**
 * Every route the app serves × anonymous, a customer and each staff role, from the one table in
 * test/support/route-table.ts. The list of routes comes from the running app (Fastify's own record,
 * `GET /api/test/routes`): a route the table does not name fails the first test, so none slips in
 * untested. Writes are sent with a body the route refuses (or none), so an allowed call proves the
 * guard let it through (any answer but 401/403) without changing anything.
 */
describe('route access: every route × every caller', () => {
  let sink: SmtpSink;
  let app: RunningApp;
  const callers = new Map<Caller, { client: ReturnType<typeof browserLikeClient>; csrf: Record<string, string> }>();

  beforeAll(async () => {
    sink = await SmtpSink.start();
    app = await startApp({ SMTP_URL: sink.url, SEED_DEMO_ON_FIRST_START: 'true', LEGACY_IP_LIMIT_PER_MINUTE: '1000' });
    await registeredCustomer(app.baseUrl, sink, 'IS10010001', 'yamada@example.jp', 'haru no kaze 2023');
    callers.set('anonymous', { client: browserLikeClient(app.baseUrl), csrf: {} });
    const customer = await firstSignIn(app.baseUrl, 'yamada@example.jp', 'haru no kaze 2023');
    // A fresh second factor now, so the factor settings answer on their merits instead of `step_up_required`.
    const stepUp = await customer.client.post('/api/customer/mfa/step-up', { code: totp(customer.secret, Date.now() + 30_000) }, customer.csrf);
    if (stepUp.status !== 200) throw new Error(`step-up failed: ${JSON.stringify(stepUp.body)}`);
    callers.set('customer', customer);
    for (const role of ['agent', 'supervisor', 'admin'] as const) callers.set(role, await staffSignIn(app.baseUrl, `${role}@demo.example.jp`, STAFF_PASSWORD));
  });
  afterAll(async () => {
    await app?.stop();
    await sink?.stop();
  });

  it('names every route the app serves, and no route it does not', async () => {
    const served = (await (await fetch(`${app.baseUrl}/api/test/routes`)).json()) as string[];
    // Fastify adds HEAD beside each GET; the GET row covers both (HEAD is walked below too).
    const own = served.filter((r) => !(r.startsWith('HEAD ') && served.includes(`GET ${r.slice(5)}`)));
    expect(own.sort()).toEqual(ROUTES.map(routeKey).sort());
  });

  it('documents no operation in the OpenAPI document that the table does not name', async () => {
    const doc = (await (await fetch(`${app.baseUrl}/api/docs-json`)).json()) as { paths: Record<string, Record<string, unknown>> };
    const documented = Object.entries(doc.paths).flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`));
    const named = new Set(ROUTES.map(routeKey));
    expect(documented.filter((r) => !named.has(r))).toEqual([]);
  });

  const cases = ROUTES.flatMap((route) =>
    (route.method === 'GET' ? (['GET', 'HEAD'] as const) : [route.method]).flatMap((method) => CALLERS.map((caller) => ({ ...route, method, caller }))),
  );
  // Logout last: it ends the caller's session.
  cases.sort((a, b) => Number(a.path.endsWith('/logout')) - Number(b.path.endsWith('/logout')));

  it.each(cases)('$method $path as $caller', async ({ method, path, access, caller, example }) => {
    const { client, csrf } = callers.get(caller)!;
    const res = await client.call(method, example ?? path, method === 'GET' || method === 'HEAD' ? undefined : {}, csrf);
    if (allows(access, caller)) {
      expect([401, 403]).not.toContain(res.status);
      expect(res.status).toBeLessThan(500);
    } else {
      const { status, code } = denial(access as Exclude<typeof access, 'public'>, caller);
      // HEAD answers carry no body: the status tells.
      if (method === 'HEAD') expect(res.status).toBe(status);
      else expect(res).toMatchObject({ status, body: { code } });
    }
  });
});
