import { startApp, type RunningApp } from '../support/app-process';
import { browserLikeClient, firstSignIn, registeredCustomer, staffSignIn } from '../support/customer';
import { SmtpSink } from '../support/smtp-sink';

const STAFF_PASSWORD = 'Ikou-demo-staff-2024';
/** A customer id no one has: an allowed call answers 400 or 404, never 401/403. */
const ZERO = '00000000-0000-4000-8000-000000000000';
const NOBODY = `/api/console/customers/${ZERO}`;
type Role = 'agent' | 'supervisor' | 'admin';
type Caller = 'anonymous' | 'customer' | Role;

/**
 * Every /api/console route and the roles that may call it: the table of docs/security.md ("Console
 * roles"). Writes are sent with a body the route refuses (or no body), so an allowed call proves the
 * guard let it through (any answer but 401/403) without changing anything.
 */
const ROUTES: Array<{ method: 'GET' | 'POST' | 'PATCH'; path: string; roles: Role[]; example?: string }> = [
  { method: 'GET', path: '/api/console/auth/me', roles: ['agent', 'supervisor', 'admin'] },
  { method: 'POST', path: '/api/console/auth/logout', roles: ['agent', 'supervisor', 'admin'] },
  { method: 'POST', path: '/api/console/tickets', roles: ['agent', 'supervisor'] },
  { method: 'POST', path: '/api/console/tickets/import', roles: ['agent', 'supervisor'] },
  { method: 'GET', path: '/api/console/tickets', roles: ['agent', 'supervisor'] },
  { method: 'GET', path: '/api/console/tickets/{id}', roles: ['agent', 'supervisor'], example: `/api/console/tickets/${ZERO}` },
  { method: 'POST', path: '/api/console/tickets/{id}/assign', roles: ['agent', 'supervisor'], example: `/api/console/tickets/${ZERO}/assign` },
  { method: 'POST', path: '/api/console/tickets/{id}/notes', roles: ['agent', 'supervisor'], example: `/api/console/tickets/${ZERO}/notes` },
  { method: 'POST', path: '/api/console/tickets/{id}/items/{itemId}/exclusion', roles: ['agent', 'supervisor'], example: `/api/console/tickets/${ZERO}/items/1/exclusion` },
  { method: 'POST', path: '/api/console/tickets/{id}/submit', roles: ['agent', 'supervisor'], example: `/api/console/tickets/${ZERO}/submit` },
  { method: 'POST', path: '/api/console/tickets/{id}/approve', roles: ['supervisor'], example: `/api/console/tickets/${ZERO}/approve` },
  { method: 'POST', path: '/api/console/tickets/{id}/reject', roles: ['agent', 'supervisor'], example: `/api/console/tickets/${ZERO}/reject` },
  { method: 'GET', path: '/api/console/customers', roles: ['agent', 'supervisor'] },
  { method: 'GET', path: '/api/console/customers/{id}', roles: ['agent', 'supervisor'], example: `${NOBODY}` },
  { method: 'POST', path: '/api/console/customers/{id}/contracts', roles: ['agent', 'supervisor'], example: `${NOBODY}/contracts` },
  { method: 'POST', path: '/api/console/customers/{id}/contracts/{networkId}/unlink', roles: ['supervisor'], example: `${NOBODY}/contracts/IS10010001/unlink` },
  { method: 'POST', path: '/api/console/customers/{id}/mfa-reset', roles: ['agent', 'supervisor'], example: `${NOBODY}/mfa-reset` },
  { method: 'POST', path: '/api/console/customers/{id}/recovery-code', roles: ['agent', 'supervisor'], example: `${NOBODY}/recovery-code` },
  { method: 'POST', path: '/api/console/customers/{id}/lockouts/{networkId}/clear', roles: ['agent', 'supervisor'], example: `${NOBODY}/lockouts/IS10010001/clear` },
  { method: 'POST', path: '/api/console/customers/{id}/password-link', roles: ['agent', 'supervisor'], example: `${NOBODY}/password-link` },
  { method: 'GET', path: '/api/console/audit', roles: ['supervisor', 'admin'] },
  { method: 'GET', path: '/api/console/audit/export.csv', roles: ['supervisor', 'admin'], example: '/api/console/audit/export.csv?action=nothing.matches' },
  { method: 'POST', path: '/api/console/audit/verification', roles: ['supervisor', 'admin'] },
  { method: 'GET', path: '/api/console/messages', roles: ['agent', 'supervisor', 'admin'] },
  { method: 'POST', path: '/api/console/messages/{id}/retry', roles: ['agent', 'supervisor', 'admin'], example: '/api/console/messages/00000000-0000-4000-8000-000000000000/retry' },
  { method: 'GET', path: '/api/console/ticket-metrics', roles: ['agent', 'supervisor', 'admin'] },
  { method: 'GET', path: '/api/console/transfers', roles: ['supervisor'] },
  { method: 'GET', path: '/api/console/transfers/{id}', roles: ['supervisor'], example: `/api/console/transfers/${ZERO}` },
  { method: 'GET', path: '/api/console/transfers/{id}/report.csv', roles: ['supervisor'], example: `/api/console/transfers/${ZERO}/report.csv` },
  { method: 'POST', path: '/api/console/transfers/{id}/audit', roles: ['supervisor'], example: `/api/console/transfers/${ZERO}/audit` },
  { method: 'GET', path: '/api/console/funnel', roles: ['agent', 'supervisor', 'admin'] },
  { method: 'GET', path: '/api/console/funnel/stuck', roles: ['agent', 'supervisor', 'admin'] },
  { method: 'GET', path: '/api/console/imports', roles: ['supervisor', 'admin'] },
  { method: 'POST', path: '/api/console/imports', roles: ['supervisor', 'admin'] },
  { method: 'GET', path: '/api/console/imports/{id}', roles: ['supervisor', 'admin'], example: `/api/console/imports/${ZERO}` },
  { method: 'GET', path: '/api/console/queues', roles: ['admin'] },
  { method: 'GET', path: '/api/console/queues/{name}/failed', roles: ['admin'], example: '/api/console/queues/mail/failed' },
  { method: 'POST', path: '/api/console/queues/{name}/jobs/{jobId}/retry', roles: ['admin'], example: '/api/console/queues/mail/jobs/none/retry' },
  { method: 'GET', path: '/api/console/staff', roles: ['admin'] },
  { method: 'POST', path: '/api/console/staff', roles: ['admin'] },
  { method: 'GET', path: '/api/console/staff/{id}', roles: ['admin'], example: `/api/console/staff/${ZERO}` },
  { method: 'PATCH', path: '/api/console/staff/{id}', roles: ['admin'], example: `/api/console/staff/${ZERO}` },
  { method: 'POST', path: '/api/console/staff/{id}/totp-reset', roles: ['admin'], example: `/api/console/staff/${ZERO}/totp-reset` },
];
/** The sign-in steps themselves: open to anyone (each refuses without its own proof). */
const PUBLIC = ['POST /api/console/auth/password', 'POST /api/console/auth/totp/enroll', 'POST /api/console/auth/totp/challenge'];

describe('console access: every route × every role', () => {
  let sink: SmtpSink;
  let app: RunningApp;
  const callers = new Map<Caller, { client: ReturnType<typeof browserLikeClient>; csrf: Record<string, string>; secret?: string }>();

  beforeAll(async () => {
    sink = await SmtpSink.start();
    app = await startApp({ SMTP_URL: sink.url, SEED_DEMO_ON_FIRST_START: 'true', LEGACY_IP_LIMIT_PER_MINUTE: '1000' });
    await registeredCustomer(app.baseUrl, sink, 'IS10010001', 'yamada@example.jp', 'haru no kaze 2023');
    callers.set('anonymous', { client: browserLikeClient(app.baseUrl), csrf: {} });
    callers.set('customer', await firstSignIn(app.baseUrl, 'yamada@example.jp', 'haru no kaze 2023'));
    for (const role of ['agent', 'supervisor', 'admin'] as const) callers.set(role, await staffSignIn(app.baseUrl, `${role}@demo.example.jp`, STAFF_PASSWORD));
  });
  afterAll(async () => {
    await app?.stop();
    await sink?.stop();
  });

  it('lists every console route the API serves (a new route must be added to the table)', async () => {
    const doc = (await (await fetch(`${app.baseUrl}/api/docs-json`)).json()) as { paths: Record<string, Record<string, unknown>> };
    const served = Object.entries(doc.paths)
      .filter(([path]) => path.startsWith('/api/console'))
      .flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`));
    expect(served.sort()).toEqual([...ROUTES.map((r) => `${r.method} ${r.path}`), ...PUBLIC].sort());
  });

  const cases = ROUTES.flatMap((route) =>
    (['anonymous', 'customer', 'agent', 'supervisor', 'admin'] as const).map((caller) => ({ ...route, caller })),
  );
  // Logout last: it ends the caller's session.
  cases.sort((a, b) => Number(a.path.endsWith('/logout')) - Number(b.path.endsWith('/logout')));

  it.each(cases)('$method $path as $caller', async ({ method, path, roles, caller, example }) => {
    const { client, csrf } = callers.get(caller)!;
    const res = await client.call(method, example ?? path, method === 'GET' ? undefined : {}, csrf);
    if (caller === 'anonymous' || caller === 'customer') {
      expect(res).toMatchObject({ status: 401, body: { code: 'staff_not_signed_in' } });
    } else if (!roles.includes(caller)) {
      expect(res).toMatchObject({ status: 403, body: { code: 'forbidden_role' } });
    } else {
      expect([401, 403]).not.toContain(res.status);
      expect(res.status).toBeLessThan(500);
    }
  });

  it('refuses a cookie-authenticated console write without the CSRF token', async () => {
    const agent = await staffSignIn(app.baseUrl, 'agent@demo.example.jp', STAFF_PASSWORD, { secret: callers.get('agent')!.secret, now: () => Date.now() + 30_000 });
    const res = await agent.client.post('/api/console/tickets', {});
    expect(res).toMatchObject({ status: 403, body: { code: 'csrf_token_invalid' } });
  });
});
