import { createHash } from 'node:crypto';
import { request } from 'node:http';
import { Client } from 'pg';
import { startApp, type RunningApp } from '../support/app-process';
import { staffSignIn } from '../support/customer';

const HEADER = 'network_id,service_type,contracted_at,status,billing_account_code,customer_name,consolidated,top_cruise_linked,contact_email,password_scheme,password_hash';
const salted = (password: string, salt = 'a1b2c3d4e5f60718') => `${salt}:${createHash('sha256').update(salt + password).digest('hex')}`;

/** domain.md §6.8: a supervisor uploads the legacy CSV in the console; it runs as a queue job with progress and a per-row report. */
describe('console: legacy import upload', () => {
  let app: RunningApp;
  let db: Client;
  let supervisor: Awaited<ReturnType<typeof staffSignIn>>;

  beforeAll(async () => {
    app = await startApp({ SEED_DEMO_ON_FIRST_START: 'true' });
    db = new Client({ connectionString: app.database.url });
    await db.connect();
    supervisor = await staffSignIn(app.baseUrl, 'supervisor@demo.example.jp', 'Ikou-demo-staff-2024');
  });
  afterAll(async () => {
    await db?.end();
    await app?.stop();
  });

  const upload = async (body: string, fileName = 'export.csv') => {
    const res = await fetch(`${app.baseUrl}/api/console/imports?fileName=${encodeURIComponent(fileName)}`, {
      method: 'POST',
      headers: { 'content-type': 'text/csv', cookie: supervisor.client.jar.header(), ...supervisor.csrf },
      body,
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  async function finished(id: string) {
    for (let i = 0; i < 100; i++) {
      const run = await supervisor.client.call('GET', `/api/console/imports/${id}`);
      if (['done', 'refused', 'failed'].includes(run.body.state)) return run.body;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('the import did not finish');
  }

  it('runs an uploaded file as a job and keeps the per-row report', async () => {
    const rows = [
      `IS20000001,fiber,2016-04-01,active,NEW-0001,新規 顧客,true,false,a@example.jp,sha256_salted,${salted('x')}`,
      `IS20000002,adsl,2012-01-15,active,NEW-0001,新規 顧客,true,false,,sha256_salted,${salted('y')}`,
      `IS20000003,fiber,2015-02-30,active,NEW-0002,別の 顧客,false,false,,sha256_salted,${salted('z')}`,
    ];
    const started = await upload([HEADER, ...rows].join('\n') + '\n', '2026-11 export.csv');
    expect(started).toMatchObject({ status: 201, body: { state: expect.stringMatching(/^(queued|running|done)$/), fileName: '2026-11 export.csv', uploadedBy: 'supervisor@demo.example.jp' } });
    const run = await finished(started.body.id as string);
    expect(run).toMatchObject({ state: 'done', rowsRead: 3, report: { rowsRead: 3, inserted: 2, rejectedRows: 1, rejected: [{ line: 4, column: 'contracted_at' }] } });
    expect((await db.query(`SELECT count(*)::int AS n FROM contracts WHERE network_id LIKE 'IS2000000%'`)).rows[0].n).toBe(2);
    const actions = (await db.query(`SELECT action, actor_type FROM audit_events WHERE target_id = $1 ORDER BY id`, [started.body.id])).rows;
    expect(actions).toEqual([
      { action: 'legacy_import.uploaded', actor_type: 'staff' },
      { action: 'legacy_import.done', actor_type: 'system' },
    ]);
    const list = await supervisor.client.call('GET', '/api/console/imports');
    expect(list.body[0]).toMatchObject({ id: started.body.id, state: 'done' });
  });

  it('marks a file it cannot read as refused, with the reason, writing nothing', async () => {
    const started = await upload('name,age\nx,1\n');
    const run = await finished(started.body.id as string);
    expect(run).toMatchObject({ state: 'refused', error: expect.stringContaining('network_id') });
    expect((await upload('')).status).toBe(400);
  });

  it('refuses a non-CSV body and an unknown run', async () => {
    const json = await supervisor.client.post('/api/console/imports', { csv: 'x' }, supervisor.csrf);
    expect(json).toMatchObject({ status: 415, body: { code: 'unsupported_media_type' } });
    expect((await supervisor.client.call('GET', '/api/console/imports/nope')).status).toBe(404);
    // The ticket import keeps its own, smaller limit, refused from the headers alone.
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(`${app.baseUrl}/api/console/tickets/import`, {
        method: 'POST',
        headers: { 'content-type': 'text/csv', 'content-length': String(6 * 1024 * 1024), cookie: supervisor.client.jar.header(), ...supervisor.csrf },
      });
      req.on('response', (res) => {
        resolve(res.statusCode ?? 0);
        req.destroy();
      });
      req.on('error', reject);
      req.write('email,network_id,channel\n');
    });
    expect(status).toBe(413);
  });
});
