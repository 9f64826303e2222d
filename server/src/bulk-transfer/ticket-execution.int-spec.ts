import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { createTestDatabase, type TestDatabase } from '../../../test/support/services';
import { AuditService } from '../audit/audit.service';
import { Clock } from '../common/clock';
import { dataSourceOptions } from '../database/data-source-options';
import type { MailQueue } from '../messaging/mail.queue';
import type { MessagingOptions } from '../messaging/messaging.options';
import { OutboxRepository } from '../messaging/outbox.repository';
import { OutboxService } from '../messaging/outbox.service';
import type { Runtime } from '../runtime/runtime';
import { EXECUTION_BATCH, TicketExecutionService } from './ticket-execution.service';

jest.setTimeout(120_000);

let database: TestDatabase;
let db: DataSource;
let sut: TicketExecutionService;
const clock = new Clock();

beforeAll(async () => {
  database = await createTestDatabase();
  db = new DataSource(dataSourceOptions(database.url, 12));
  await db.initialize();
  const outbox = new OutboxService(new OutboxRepository(db), { enqueueSend: () => Promise.resolve() } as unknown as MailQueue, clock, { mailFrom: 'no-reply@example.jp', enqueueTimeoutMs: 500 } as MessagingOptions);
  sut = new TicketExecutionService(db, new AuditService(clock), outbox, clock, { config: { http: { publicUrl: 'https://ikou.example.jp' } } } as unknown as Runtime);
});

afterAll(async () => {
  await db?.destroy();
  await database?.drop();
});

/** An approved ticket whose plan links `size` free contracts of one consolidated bill. */
async function approvedTicket(size: number) {
  const tag = randomBytes(3).toString('hex').toUpperCase();
  const [{ id: bill }] = await db.query(`INSERT INTO billing_accounts (code, customer_name, consolidated) VALUES ($1, 'Bench', true) RETURNING id`, [`B-${tag}`]);
  const [{ id: account }] = await db.query(`INSERT INTO login_accounts (email, password_hash, state) VALUES ($1, 'x', 'active') RETURNING id`, [`${tag}@example.jp`]);
  await db.query(
    `INSERT INTO contracts (network_id, service_type, contracted_at, status, billing_account_id, legacy_password_scheme, legacy_password_hash)
     SELECT $2 || lpad(i::text, 6, '0'), 'fiber', date '2015-01-01', 'active', $1, 'sha256_salted', 'x' FROM generate_series(1, $3) i`,
    [bill, `X${tag}`, size],
  );
  const [{ id }] = await db.query(
    `INSERT INTO bulk_transfer_tickets (login_account_id, email, network_id, inquiry_category, remark, channel, state, received_at, due_at, created_at, updated_at, billing_account_id)
     VALUES ($1, $2, $3, 'billing_and_procedures', '', 'customer_site', 'approved', now(), now() + interval '14 days', now(), now(), $4) RETURNING id`,
    [account, `${tag}@example.jp`, `X${tag}000001`, bill],
  );
  await db.query(
    `INSERT INTO bulk_transfer_items (ticket_id, contract_id, network_id, service_type, class) SELECT $1, id, network_id, service_type, 'to_link' FROM contracts WHERE billing_account_id = $2`,
    [id, bill],
  );
  return { id: id as string, account: account as string, prefix: `X${tag}` };
}

const linkedCount = async (account: string) => (await db.query(`SELECT count(*)::int AS n FROM contracts WHERE login_account_id = $1`, [account]))[0].n as number;

describe('bulk-transfer execution', () => {
  it('links every planned contract exactly once with two workers on the same ticket, and closes it once', async () => {
    const t = await approvedTicket(3 * EXECUTION_BATCH + 7);
    const outcomes = await Promise.all([sut.execute(t.id), sut.execute(t.id)]);
    expect(outcomes.filter((o) => o.state === 'completed')).toHaveLength(1);
    expect(outcomes.find((o) => o.state === 'completed')).toEqual({ state: 'completed', linked: 3 * EXECUTION_BATCH + 7, alreadyLinked: 0, conflicts: 0 });
    expect(await linkedCount(t.account)).toBe(3 * EXECUTION_BATCH + 7);
    const [{ pending }] = await db.query(`SELECT count(*) FILTER (WHERE result IS NULL)::int AS pending FROM bulk_transfer_items WHERE ticket_id = $1`, [t.id]);
    expect(pending).toBe(0);
    const mails = await db.query(`SELECT count(*)::int AS n FROM outgoing_messages WHERE login_account_id = $1 AND template = 'bulk-transfer-finished'`, [t.account]);
    expect(mails[0].n).toBe(1);
    const linkedByAudit = (await db.query(`SELECT after FROM audit_events WHERE action = 'bulk_transfer.batch_linked' AND target_id = $1`, [t.id])).flatMap((r: { after: { linked: string[] } }) => r.after.linked);
    expect(linkedByAudit).toHaveLength(3 * EXECUTION_BATCH + 7);
    expect(new Set(linkedByAudit).size).toBe(linkedByAudit.length);
    // Running again after the end changes nothing.
    expect(await sut.execute(t.id)).toEqual({ state: 'skipped' });
  });

  it('resumes after a crash without linking twice or skipping an item', async () => {
    const t = await approvedTicket(1200);
    // The first batch ran before the crash: its links and item results are committed.
    await db.query(`UPDATE bulk_transfer_tickets SET state = 'processing' WHERE id = $1`, [t.id]);
    const first = await db.query(`SELECT id, contract_id FROM bulk_transfer_items WHERE ticket_id = $1 ORDER BY id LIMIT 500`, [t.id]);
    await db.query(`UPDATE contracts SET login_account_id = $2, linked_at = now(), linked_via = 'bulk_ticket' WHERE id = ANY($1::uuid[])`, [first.map((r: { contract_id: string }) => r.contract_id), t.account]);
    await db.query(`UPDATE bulk_transfer_items SET result = 'linked', result_at = now() WHERE id = ANY($1::bigint[])`, [first.map((r: { id: string }) => r.id)]);
    const outcome = await sut.execute(t.id);
    expect(outcome).toEqual({ state: 'completed', linked: 1200, alreadyLinked: 0, conflicts: 0 });
    expect(await linkedCount(t.account)).toBe(1200);
    const batches = await db.query(`SELECT after FROM audit_events WHERE action = 'bulk_transfer.batch_linked' AND target_id = $1`, [t.id]);
    expect(batches.reduce((n: number, r: { after: { linked: string[] } }) => n + r.after.linked.length, 0)).toBe(700);
  });

  it('never overwrites a link made meanwhile: the customer\'s own is already linked, another account\'s a conflict', async () => {
    const t = await approvedTicket(10);
    const [{ id: stranger }] = await db.query(`INSERT INTO login_accounts (email, password_hash, state) VALUES ($1, 'x', 'active') RETURNING id`, [`s-${t.prefix}@example.jp`]);
    await db.query(`UPDATE contracts SET login_account_id = $1, linked_at = now(), linked_via = 'self_service' WHERE network_id = $2`, [t.account, `${t.prefix}000002`]);
    await db.query(`UPDATE contracts SET login_account_id = $1, linked_at = now(), linked_via = 'self_service' WHERE network_id = $2`, [stranger, `${t.prefix}000003`]);
    await db.query(`UPDATE contracts SET status = 'cancelled' WHERE network_id = $1`, [`${t.prefix}000004`]);
    expect(await sut.execute(t.id)).toEqual({ state: 'partially_completed', linked: 7, alreadyLinked: 1, conflicts: 2 });
    expect((await db.query(`SELECT login_account_id FROM contracts WHERE network_id = $1`, [`${t.prefix}000003`]))[0].login_account_id).toBe(stranger);
    const [mail] = await db.query(`SELECT body_text FROM outgoing_messages WHERE login_account_id = $1 AND template = 'bulk-transfer-finished'`, [t.account]);
    expect(mail.body_text).toContain(`切り替えできなかったネットワークID(2件)`);
  });
});
