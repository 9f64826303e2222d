import Papa from 'papaparse';
import { Client } from 'pg';
import { startApp, type RunningApp } from '../support/app-process';
import { registeredCustomer, staffSignIn } from '../support/customer';
import { SmtpSink } from '../support/smtp-sink';

const STAFF_PASSWORD = 'Ikou-demo-staff-2024';

/** domain.md §6.7 and §7: the audit log (filter, CSV export, chain check) and the outbox with retry. */
describe('console: audit log and messages', () => {
  let sink: SmtpSink;
  let app: RunningApp;
  let db: Client;
  let supervisor: Awaited<ReturnType<typeof staffSignIn>>;

  beforeAll(async () => {
    sink = await SmtpSink.start();
    app = await startApp({ SMTP_URL: sink.url, SEED_DEMO_ON_FIRST_START: 'true', LEGACY_IP_LIMIT_PER_MINUTE: '1000' });
    db = new Client({ connectionString: app.database.url });
    await db.connect();
    await registeredCustomer(app.baseUrl, sink, 'IS10010001', 'yamada@example.jp', 'haru no kaze 2023');
    await registeredCustomer(app.baseUrl, sink, 'IS10020001', 'sato@example.jp', 'natsu no umi 2023');
    supervisor = await staffSignIn(app.baseUrl, 'supervisor@demo.example.jp', STAFF_PASSWORD);
  });
  afterAll(async () => {
    await db?.end();
    await app?.stop();
    await sink?.stop();
  });

  const get = async (path: string) => {
    const res = await fetch(`${app.baseUrl}${path}`, { headers: { cookie: supervisor.client.jar.header() } });
    // Decoded by hand: Response.text() would drop a byte-order mark, which the CSV must carry.
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await res.arrayBuffer());
    return { status: res.status, total: Number(res.headers.get('x-total-count')), text, headers: res.headers, json: () => JSON.parse(text) };
  };

  it('lists events newest first with filters, the unfiltered total read from the chain head', async () => {
    const all = await get('/api/console/audit?_start=0&_end=5');
    const [{ n }] = (await db.query(`SELECT count(*)::int AS n FROM audit_events`)).rows;
    expect(all.total).toBe(n);
    const events = all.json();
    expect(events).toHaveLength(5);
    expect(events[0].id).toBeGreaterThan(events[4].id);
    const completed = await get('/api/console/audit?action=registration.completed');
    expect(completed.total).toBe(2);
    expect(completed.json().map((e: { actorType: string }) => e.actorType)).toEqual(['customer', 'customer']);
    const family = await get('/api/console/audit?action=registration.');
    expect(family.json().every((e: { action: string }) => e.action.startsWith('registration.'))).toBe(true);
    expect(family.total).toBeGreaterThan(2);
    const bad = await get('/api/console/audit?actorType=robot&from=yesterday&_end=1000');
    expect(bad.status).toBe(400);
    expect(bad.json().errors.map((e: { field: string }) => e.field).sort()).toEqual(['_end', 'actorType', 'from']);
  });

  it('exports the matching events as CSV that parses back, and audits the export', async () => {
    const res = await get('/api/console/audit/export.csv?action=registration.');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="audit-.*\.csv"$/);
    expect(res.text.startsWith('\uFEFF')).toBe(true);
    const parsed = Papa.parse<Record<string, string>>(res.text.slice(1), { header: true, skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    const expected = (await db.query(`SELECT id FROM audit_events WHERE action LIKE 'registration.%' ORDER BY id`)).rows.map((r) => String(r.id));
    expect(parsed.data.map((r) => r.id)).toEqual(expected);
    expect(parsed.meta.fields).toEqual(['id', 'occurredAt', 'actorType', 'actorId', 'action', 'targetType', 'targetId', 'ip', 'userAgent', 'reason', 'requestId', 'before', 'after', 'hash']);
    const completed = parsed.data.find((r) => r.action === 'registration.completed')!;
    expect(JSON.parse(completed.after)).toMatchObject({ networkId: expect.stringMatching(/^IS100[12]0001$/) });
    const [exported] = (await db.query(`SELECT actor_type, after FROM audit_events WHERE action = 'audit.exported'`)).rows;
    expect(exported).toMatchObject({ actor_type: 'staff', after: { filter: { action: 'registration.' } } });
    // Nothing matches: the header alone.
    const none = await get('/api/console/audit/export.csv?action=nothing.matches');
    expect(none.text.trimEnd()).toBe('\uFEFFid,occurredAt,actorType,actorId,action,targetType,targetId,ip,userAgent,reason,requestId,before,after,hash');
  });

  it('verifies the hash chain on demand', async () => {
    const report = await supervisor.client.post('/api/console/audit/verification', {}, supervisor.csrf);
    expect(report).toMatchObject({ status: 200, body: { ok: true, rows: expect.any(Number) } });
  });

  it('lists failed messages first and sends one again on retry', async () => {
    const [message] = (await db.query(`SELECT id, recipient FROM outgoing_messages WHERE recipient = 'sato@example.jp' ORDER BY created_at LIMIT 1`)).rows;
    await db.query(`UPDATE outgoing_messages SET state = 'failed', last_error = '550 mailbox unavailable', sent_at = NULL WHERE id = $1`, [message.id]);
    const list = await get('/api/console/messages?_start=0&_end=10');
    const items = list.json();
    expect(items[0]).toMatchObject({ id: message.id, state: 'failed', lastError: '550 mailbox unavailable' });
    expect(items[0].body).toContain('#token=[redacted]');
    expect((await get('/api/console/messages?state=failed')).total).toBe(1);
    expect((await get('/api/console/messages?recipient=SATO@')).total).toBeGreaterThan(0);

    const before = sink.messages.filter((m) => m.to === 'sato@example.jp').length;
    const retried = await supervisor.client.post(`/api/console/messages/${message.id}/retry`, {}, supervisor.csrf);
    expect(retried).toMatchObject({ status: 200, body: { state: 'pending' } });
    await sink.waitFor(() => sink.messages.filter((m) => m.to === 'sato@example.jp').length > before);
    expect((await supervisor.client.post(`/api/console/messages/${message.id}/retry`, {}, supervisor.csrf)).body.code).toBe('message_not_failed');
    expect((await supervisor.client.post('/api/console/messages/not-an-id/retry', {}, supervisor.csrf)).status).toBe(404);
  });
});
