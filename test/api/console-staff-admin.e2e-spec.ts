import { startApp, type RunningApp } from '../support/app-process';
import { browserLikeClient, staffSignIn } from '../support/customer';
import { SmtpSink } from '../support/smtp-sink';

const STAFF_PASSWORD = 'Ikou-demo-staff-2024';

/** domain.md §6.10: admins manage staff accounts; every change audited, sessions end when access shrinks. */
describe('console: staff administration', () => {
  let sink: SmtpSink;
  let app: RunningApp;
  let admin: Awaited<ReturnType<typeof staffSignIn>>;
  let offset = 0;
  const now = () => Date.now() + offset;
  async function nextStep() {
    await fetch(`${app.baseUrl}/api/test/clock/advance`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ms: 30_000 }) });
    offset += 30_000;
  }

  beforeAll(async () => {
    sink = await SmtpSink.start();
    app = await startApp({ SMTP_URL: sink.url, SEED_DEMO_ON_FIRST_START: 'true' });
    admin = await staffSignIn(app.baseUrl, 'admin@demo.example.jp', STAFF_PASSWORD);
  });
  afterAll(async () => {
    await app?.stop();
    await sink?.stop();
  });

  it('creates a staff member who enrolls TOTP at the first sign-in; changes role, resets TOTP and deactivates', async () => {
    const weak = await admin.client.post('/api/console/staff', { email: 'new.agent@demo.example.jp', displayName: '新人', role: 'agent', initialPassword: 'password123' }, admin.csrf);
    expect(weak).toMatchObject({ status: 400, body: { errors: [{ field: 'initialPassword' }] } });
    const bad = await admin.client.post('/api/console/staff', { email: 'nope', displayName: '', role: 'root', initialPassword: 'x' }, admin.csrf);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['displayName', 'email', 'role']);
    const created = await admin.client.post('/api/console/staff', { email: 'New.Agent@demo.example.jp', displayName: '新人 担当', role: 'agent', initialPassword: 'hajimete no shigoto 2026' }, admin.csrf);
    expect(created).toMatchObject({ status: 201, body: { email: 'New.Agent@demo.example.jp', role: 'agent', active: true, totpEnrolled: false } });
    const id = created.body.id as string;
    expect((await admin.client.post('/api/console/staff', { email: 'new.agent@demo.example.jp', displayName: 'x', role: 'agent', initialPassword: 'hajimete no shigoto 2026' }, admin.csrf)).body.errors).toEqual([
      { field: 'email', message: 'a staff member already has this email' },
    ]);

    const newcomer = await staffSignIn(app.baseUrl, 'new.agent@demo.example.jp', 'hajimete no shigoto 2026', { now });
    expect((await newcomer.client.call('GET', '/api/console/auth/me')).body.role).toBe('agent');
    const list = await admin.client.call('GET', '/api/console/staff?_start=0&_end=10');
    expect(list.body.find((s: { id: string }) => s.id === id)).toMatchObject({ totpEnrolled: true, lastSignInAt: expect.any(String) });

    // A new role takes effect at the next sign-in: the current sessions end.
    const promoted = await admin.client.call('PATCH', `/api/console/staff/${id}`, { role: 'supervisor' }, admin.csrf);
    expect(promoted).toMatchObject({ status: 200, body: { role: 'supervisor' } });
    expect((await newcomer.client.call('GET', '/api/console/auth/me')).status).toBe(401);

    // Lost authenticator: the next sign-in enrolls a new one.
    expect((await admin.client.post(`/api/console/staff/${id}/totp-reset`, {}, admin.csrf)).body.errors).toEqual([{ field: 'reason', message: 'is required' }]);
    const reset = await admin.client.post(`/api/console/staff/${id}/totp-reset`, { reason: 'Phone replaced' }, admin.csrf);
    expect(reset).toMatchObject({ status: 200, body: { totpEnrolled: false } });
    const step = await browserLikeClient(app.baseUrl).post('/api/console/auth/password', { email: 'new.agent@demo.example.jp', password: 'hajimete no shigoto 2026' });
    expect(step.body.state).toBe('totp_enroll');

    await nextStep();
    const again = await staffSignIn(app.baseUrl, 'new.agent@demo.example.jp', 'hajimete no shigoto 2026', { now });
    expect((await admin.client.call('PATCH', `/api/console/staff/${id}`, { active: false }, admin.csrf)).body.active).toBe(false);
    expect((await again.client.call('GET', '/api/console/auth/me')).status).toBe(401);
    const refused = await browserLikeClient(app.baseUrl).post('/api/console/auth/password', { email: 'new.agent@demo.example.jp', password: 'hajimete no shigoto 2026' });
    expect(refused).toMatchObject({ status: 401, body: { code: 'invalid_credentials' } });
  });

  it('keeps an admin from demoting or deactivating themselves, and refuses an empty change', async () => {
    const me = await admin.client.call('GET', '/api/console/auth/me');
    expect(await admin.client.call('PATCH', `/api/console/staff/${me.body.id}`, { role: 'agent' }, admin.csrf)).toMatchObject({ status: 409, body: { code: 'cannot_change_self' } });
    expect(await admin.client.call('PATCH', `/api/console/staff/${me.body.id}`, { active: false }, admin.csrf)).toMatchObject({ status: 409, body: { code: 'cannot_change_self' } });
    expect((await admin.client.call('PATCH', `/api/console/staff/${me.body.id}`, {}, admin.csrf)).status).toBe(400);
    expect((await admin.client.call('GET', '/api/console/staff/nope')).status).toBe(404);
  });
});
