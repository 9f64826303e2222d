import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { DataSource } from 'typeorm';
import { Queue } from 'bullmq';
import { TEST_REDIS_URL, createTestDatabase, testRedisPrefix, type TestDatabase } from '../../../test/support/services';
import { AuditService } from '../audit/audit.service';
import { AppError } from '../common/app-error';
import { Clock } from '../common/clock';
import { dataSourceOptions } from '../database/data-source-options';
import type { MailQueue } from '../messaging/mail.queue';
import type { MessagingOptions } from '../messaging/messaging.options';
import { OutboxRepository } from '../messaging/outbox.repository';
import { OutboxService } from '../messaging/outbox.service';
import type { Runtime } from '../runtime/runtime';
import { staffTicketInput } from './staff-ticket-input';
import { StaffTicketIntakeService } from './staff-ticket-intake.service';
import { TicketCsvImportService, TicketImportRefusedError } from './ticket-csv-import.service';
import { TicketIntakeService } from './ticket-intake.service';
import { TicketQueue } from './ticket.queue';

jest.setTimeout(60_000);

class StillClock extends Clock {
  private at = new Date('2026-11-20T01:00:00Z');
  override now(): Date {
    return new Date(this.at);
  }
}

let database: TestDatabase;
let db: DataSource;
let intake: TicketIntakeService;
let staffIntake: StaffTicketIntakeService;
let csv: TicketCsvImportService;
let staffId: string;
let bullQueue: Queue;
const clock = new StillClock();
const runtime = { config: { bulkTransferSlaDays: 14, http: { publicUrl: 'https://ikou.example.jp' } } } as unknown as Runtime;
const client = { ip: '203.0.113.9', userAgent: 'jest', requestId: 'req-1' };

beforeAll(async () => {
  database = await createTestDatabase();
  db = new DataSource(dataSourceOptions(database.url, 10));
  await db.initialize();
  const queue = { enqueueSend: () => Promise.resolve() };
  const mail = new OutboxService(new OutboxRepository(db), queue as unknown as MailQueue, clock, { mailFrom: 'no-reply@example.jp', enqueueTimeoutMs: 500 } as MessagingOptions);
  const redis = new URL(TEST_REDIS_URL);
  bullQueue = new Queue('bulk-transfer', { connection: { host: redis.hostname, port: Number(redis.port || 6379) }, prefix: testRedisPrefix() });
  intake = new TicketIntakeService(new AuditService(clock), mail, clock, new TicketQueue(bullQueue), runtime);
  staffIntake = new StaffTicketIntakeService(db, intake, clock);
  csv = new TicketCsvImportService(staffIntake);
  [{ id: staffId }] = await db.query(
    `INSERT INTO staff_users (email, display_name, role, password_hash) VALUES ('agent@example.jp', 'Agent', 'agent', 'x') RETURNING id`,
  );
});

afterAll(async () => {
  await bullQueue?.obliterate({ force: true });
  await bullQueue?.close();
  await db?.destroy();
  await database?.drop();
});

async function newAccount(state = 'active'): Promise<{ id: string; email: string }> {
  const email = `Bulk-${randomBytes(4).toString('hex')}@Example.jp`;
  const [row] = await db.query(`INSERT INTO login_accounts (email, password_hash, state) VALUES ($1, 'x', $2) RETURNING id`, [email, state]);
  return { id: row.id as string, email };
}

const input = (email: string, extra: Record<string, unknown> = {}) =>
  staffTicketInput.parse({ email, networkId: 'is10050001', channel: 'phone', ...extra });

const ticketsOf = (accountId: string) =>
  db.query(`SELECT number, state, remark, channel, network_id, received_at, due_at, created_by_staff_id FROM bulk_transfer_tickets WHERE login_account_id = $1`, [accountId]);

describe('staff ticket intake (domain.md §4.4)', () => {
  it('opens a ticket in received with history, audit and an acknowledgement mail, due 14 days after receipt', async () => {
    const account = await newAccount();
    const ticket = await staffIntake.create(staffId, input(account.email.toLowerCase(), { remark: 'トップクルーズ契約', receivedAt: '2026-11-18T09:00:00+09:00' }), client);
    expect(ticket.number).toMatch(/^BT-\d{6}$/);
    const [row] = await ticketsOf(account.id);
    expect(row).toMatchObject({ state: 'received', remark: 'トップクルーズ契約', channel: 'phone', network_id: 'IS10050001', created_by_staff_id: staffId });
    expect(row.received_at.toISOString()).toBe('2026-11-18T00:00:00.000Z');
    expect(row.due_at.toISOString()).toBe('2026-12-02T00:00:00.000Z');
    const history = await db.query(`SELECT from_state, to_state, actor_type, actor_id FROM bulk_transfer_ticket_history h JOIN bulk_transfer_tickets t ON t.id = h.ticket_id WHERE t.number = $1`, [ticket.number]);
    expect(history).toEqual([{ from_state: null, to_state: 'received', actor_type: 'staff', actor_id: staffId }]);
    const [audit] = await db.query(`SELECT actor_type, actor_id, after FROM audit_events WHERE action = 'bulk_transfer.ticket_received' AND target_id = $1`, [ticket.id]);
    expect(audit).toMatchObject({ actor_type: 'staff', actor_id: staffId, after: expect.objectContaining({ number: ticket.number, channel: 'phone' }) });
    const [mail] = await db.query(`SELECT recipient, subject FROM outgoing_messages WHERE login_account_id = $1`, [account.id]);
    // The account's own spelling of the address, not the one the agent typed.
    expect(mail).toEqual({ recipient: account.email, subject: `「申込/契約確認サイト」一括切り替えのお申し込みを受け付けました(受付番号 ${ticket.number})` });
    // Validation is enqueued once the ticket is committed, under its deterministic job id.
    const job = await bullQueue.getJob(TicketQueue.validateJobId(ticket.id));
    expect(job).toMatchObject({ name: 'TicketValidate', data: { ticketId: ticket.id } });
  });

  it('refuses an unknown or disabled login email naming the field, and writes nothing', async () => {
    const disabled = await newAccount('disabled');
    for (const email of ['nobody@example.jp', disabled.email]) {
      const error = await staffIntake.create(staffId, input(email), client).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).extra.errors).toEqual([{ field: 'email', message: expect.stringContaining('no login account') }]);
    }
    expect(await ticketsOf(disabled.id)).toEqual([]);
  });

  it('keeps one open ticket per customer, naming the open one, even when two arrive at once', async () => {
    const account = await newAccount();
    const results = await Promise.allSettled([staffIntake.create(staffId, input(account.email), client), staffIntake.create(staffId, input(account.email, { channel: 'mail' }), client)]);
    const ok = results.filter((r) => r.status === 'fulfilled');
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(ok).toHaveLength(1);
    expect(refused).toHaveLength(1);
    expect(refused[0].reason).toMatchObject({ code: 'bulk_request_open', status: 409, extra: { ticketNumber: (ok[0] as PromiseFulfilledResult<{ number: string }>).value.number } });
    expect(await ticketsOf(account.id)).toHaveLength(1);
  });

  it('lets the database refuse a second open ticket even past the service', async () => {
    const account = await newAccount();
    await staffIntake.create(staffId, input(account.email), client);
    const insert = db.query(
      `INSERT INTO bulk_transfer_tickets (login_account_id, email, network_id, inquiry_category, channel, state, received_at, due_at, created_by_staff_id, created_at, updated_at)
       VALUES ($1, $2, 'IS10050001', 'billing_and_procedures', 'phone', 'needs_review', now(), now() + interval '1 day', $3, now(), now())`,
      [account.id, account.email, staffId],
    );
    await expect(insert).rejects.toThrow(/bulk_transfer_tickets_one_open_per_account/);
    // A closed ticket does not count.
    await db.query(`UPDATE bulk_transfer_tickets SET state = 'completed' WHERE login_account_id = $1`, [account.id]);
    await expect(staffIntake.create(staffId, input(account.email), client)).resolves.toMatchObject({ state: 'received' });
  });

  it('refuses a receipt date in the future or months back, and an inactive staff member', async () => {
    const account = await newAccount();
    await expect(staffIntake.create(staffId, input(account.email, { receivedAt: '2026-11-21T00:00:00Z' }), client)).rejects.toMatchObject({
      extra: { errors: [{ field: 'receivedAt', message: 'must not be in the future' }] },
    });
    await expect(staffIntake.create(staffId, input(account.email, { receivedAt: '2026-01-01T00:00:00Z' }), client)).rejects.toMatchObject({
      extra: { errors: [{ field: 'receivedAt', message: expect.stringContaining('within the last') }] },
    });
    const [{ id: gone }] = await db.query(`INSERT INTO staff_users (email, display_name, role, password_hash, active) VALUES ('gone@example.jp', 'Gone', 'agent', 'x', false) RETURNING id`);
    await expect(staffIntake.create(gone as string, input(account.email), client)).rejects.toMatchObject({ code: 'staff_inactive', status: 403 });
    expect(await ticketsOf(account.id)).toEqual([]);
  });

  it('validates every field of a request and names each bad one', () => {
    const parsed = staffTicketInput.safeParse({ email: 'not an email', networkId: 'x', channel: 'fax', remark: 'VIP', receivedAt: 'yesterday' });
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues.map((i) => i.path[0]).sort()).toEqual(['channel', 'email', 'networkId', 'receivedAt', 'remark']);
  });
});

describe('ticket CSV import', () => {
  const run = (text: string) => csv.import(staffId, Readable.from([Buffer.from(text, 'utf8')]), client);

  it('creates a ticket per good row and reports every bad one by line and column', async () => {
    const [a, b, c] = [await newAccount(), await newAccount(), await newAccount()];
    const file = [
      '\uFEFFemail,network_id,channel,remark,source_reference,received_at,extra',
      `${a.email},IS10030001,inquiry_form,,FORM-1001,2026-11-19T10:00:00+09:00,x`,
      `${b.email},IS10050001,mail,トップクルーズ契約,MAIL-77,,y`,
      `nobody@example.jp,IS10060001,phone,,,,`,
      `${c.email},not an id!,fax,VIP,,,`,
      `${a.email},IS10030001,phone,,,,`,
      `${c.email},IS10060001`,
      '',
    ].join('\r\n');
    const report = await run(file);
    expect(report).toMatchObject({ rowsRead: 6, created: 2, rejectedRows: 4, ignoredColumns: ['extra'] });
    expect(report.tickets.map((t) => t.line)).toEqual([2, 3]);
    expect(report.rejected).toEqual([
      { line: 4, column: 'email', reason: expect.stringContaining('no login account') },
      { line: 5, column: 'network_id', reason: expect.any(String) },
      { line: 5, column: 'remark', reason: 'must be empty or トップクルーズ契約' },
      { line: 5, column: 'channel', reason: expect.stringContaining('must be one of') },
      { line: 6, column: 'row', reason: expect.stringContaining('already open') },
      { line: 7, column: 'row', reason: 'has 2 fields, the header has 7' },
    ]);
    const [ticketB] = await ticketsOf(b.id);
    expect(ticketB).toMatchObject({ remark: 'トップクルーズ契約', channel: 'mail' });
    expect(await ticketsOf(c.id)).toEqual([]);
  });

  it('refuses a whole file without the required columns, empty, or not UTF-8, writing nothing', async () => {
    const before = Number((await db.query(`SELECT count(*) FROM bulk_transfer_tickets`))[0].count);
    await expect(run('email,channel\nx@example.jp,phone\n')).rejects.toThrow('the header lacks network_id');
    await expect(run('')).rejects.toBeInstanceOf(TicketImportRefusedError);
    await expect(csv.import(staffId, Readable.from([Buffer.from([0x82, 0xa0, 0x2c, 0x0a])]), client)).rejects.toThrow(/UTF-8/);
    await expect(run('email,network_id,channel,email\n')).rejects.toThrow('names email twice');
    expect(Number((await db.query(`SELECT count(*) FROM bulk_transfer_tickets`))[0].count)).toBe(before);
  });

  it('audits each imported ticket as the staff member', async () => {
    const account = await newAccount();
    const report = await run(`email,network_id,channel\n${account.email},IS10030001,phone\n`);
    const [row] = await db.query(
      `SELECT e.actor_type, e.actor_id FROM audit_events e JOIN bulk_transfer_tickets t ON t.id::text = e.target_id WHERE t.number = $1`,
      [report.tickets[0].number],
    );
    expect(row).toEqual({ actor_type: 'staff', actor_id: staffId });
  });
});
