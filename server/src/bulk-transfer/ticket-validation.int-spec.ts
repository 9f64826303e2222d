import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { createTestDatabase, type TestDatabase } from '../../../test/support/services';
import { AuditService } from '../audit/audit.service';
import { Clock } from '../common/clock';
import { dataSourceOptions } from '../database/data-source-options';
import { seedDemo } from '../demo/seed-demo';
import type { MailQueue } from '../messaging/mail.queue';
import type { MessagingOptions } from '../messaging/messaging.options';
import { OutboxRepository } from '../messaging/outbox.repository';
import { OutboxService } from '../messaging/outbox.service';
import type { Runtime } from '../runtime/runtime';
import { TicketValidationService } from './ticket-validation.service';

jest.setTimeout(60_000);

let database: TestDatabase;
let db: DataSource;
let sut: TicketValidationService;
const clock = new Clock();
const runtime = { config: { http: { publicUrl: 'https://ikou.example.jp' } } } as unknown as Runtime;

beforeAll(async () => {
  database = await createTestDatabase();
  const client = new Client({ connectionString: database.url });
  await client.connect();
  await seedDemo(client);
  await client.end();
  db = new DataSource(dataSourceOptions(database.url, 10));
  await db.initialize();
  const outbox = new OutboxService(new OutboxRepository(db), { enqueueSend: () => Promise.resolve() } as unknown as MailQueue, clock, { mailFrom: 'no-reply@example.jp', enqueueTimeoutMs: 500 } as MessagingOptions);
  sut = new TicketValidationService(db, new AuditService(clock), outbox, clock, runtime);
});

afterAll(async () => {
  await db?.destroy();
  await database?.drop();
});

/** A customer who registered `networkId`, and their bulk request in `received` (written as the intake does). */
async function ticketFor(networkId: string, options: { remark?: string; requestNetworkId?: string } = {}) {
  const email = `c-${randomBytes(4).toString('hex')}@example.jp`;
  const [{ id: accountId }] = await db.query(`INSERT INTO login_accounts (email, password_hash, state) VALUES ($1, 'x', 'active') RETURNING id`, [email]);
  await db.query(`UPDATE contracts SET login_account_id = $2, linked_at = now(), linked_via = 'self_service' WHERE network_id = $1`, [networkId, accountId]);
  const [{ id }] = await db.query(
    `INSERT INTO bulk_transfer_tickets (login_account_id, email, network_id, inquiry_category, remark, channel, state, received_at, due_at, created_at, updated_at)
     VALUES ($1, $2, $3, 'billing_and_procedures', $4, 'customer_site', 'received', now(), now() + interval '14 days', now(), now()) RETURNING id`,
    [accountId, email, options.requestNetworkId ?? networkId, options.remark ?? ''],
  );
  return { id: id as string, accountId: accountId as string, email };
}

const classes = async (ticketId: string) =>
  Object.fromEntries(
    (await db.query(`SELECT class, count(*)::int AS n FROM bulk_transfer_items WHERE ticket_id = $1 GROUP BY class`, [ticketId])).map((r: { class: string; n: number }) => [r.class, r.n]),
  );
const ticket = async (id: string) => (await db.query(`SELECT state, auto_reject_reason, top_cruise_flag, billing_account_id FROM bulk_transfer_tickets WHERE id = $1`, [id]))[0];

describe('bulk-transfer validation (domain.md §5)', () => {
  it('plans the 150-contract consolidated bill: every contract classified, conflicts flagged as such', async () => {
    const other = await ticketFor('IS10060002'); // another customer already holds one contract of the bill
    await db.query(`UPDATE bulk_transfer_tickets SET state = 'cancelled' WHERE id = $1`, [other.id]);
    const t = await ticketFor('IS10060001');
    expect(await sut.validate(t.id)).toEqual({ state: 'needs_review', items: 154 });
    // 154 = 1 linked here + 1 linked elsewhere + 6 cancelled + 142 to link + 2 Top Cruise + 2 excluded types.
    expect(await classes(t.id)).toEqual({ linked_here: 1, linked_elsewhere: 1, cancelled: 6, to_link: 142, top_cruise: 2, excluded_service: 2 });
    // The bill carries Top Cruise but the request's remark is blank: flagged for the reviewer, not rejected.
    expect(await ticket(t.id)).toMatchObject({ state: 'needs_review', auto_reject_reason: null, top_cruise_flag: 'link_without_remark', billing_account_id: expect.any(String) });
    const history = (await db.query(`SELECT from_state, to_state, actor_type FROM bulk_transfer_ticket_history WHERE ticket_id = $1 ORDER BY id`, [t.id])).map((h: object) => h);
    expect(history).toEqual([
      { from_state: 'received', to_state: 'validating', actor_type: 'system' },
      { from_state: 'validating', to_state: 'needs_review', actor_type: 'system' },
    ]);
    // Running it again (a retried job) changes nothing.
    expect(await sut.validate(t.id)).toEqual({ state: 'skipped' });
    expect((await db.query(`SELECT count(*)::int AS n FROM bulk_transfer_items WHERE ticket_id = $1`, [t.id]))[0].n).toBe(154);
  });

  it('never plans Top Cruise contracts for linking, and flags a remark the bill does not back', async () => {
    const withRemark = await ticketFor('IS10050001', { remark: 'トップクルーズ契約' });
    await sut.validate(withRemark.id);
    expect(await classes(withRemark.id)).toEqual({ linked_here: 1, to_link: 4, top_cruise: 2 });
    expect((await ticket(withRemark.id)).top_cruise_flag).toBeNull();

    const noRemark = await ticketFor('IS10030001', { remark: 'トップクルーズ契約' });
    await sut.validate(noRemark.id);
    expect(await ticket(noRemark.id)).toMatchObject({ state: 'needs_review', top_cruise_flag: 'remark_without_link' });
  });

  it('rejects, with the reason mailed, a bill that is not consolidated or holds fewer than 5 InfoSphere contracts, a network ID not linked, or an account gone', async () => {
    const notConsolidated = await ticketFor('IS10040001');
    expect(await sut.validate(notConsolidated.id)).toEqual({ state: 'auto_rejected', reason: 'not_consolidated', items: 6 });
    const [mail] = await db.query(`SELECT subject, body_text FROM outgoing_messages WHERE login_account_id = $1 AND template = 'bulk-transfer-auto-rejected'`, [notConsolidated.accountId]);
    expect(mail.body_text).toContain('https://ikou.example.jp/contracts/attach');

    await db.query(`UPDATE billing_accounts SET consolidated = true WHERE code = 'DEMO-0002'`);
    const few = await ticketFor('IS10020001');
    expect(await sut.validate(few.id)).toMatchObject({ state: 'auto_rejected', reason: 'too_few_contracts' });

    const wrongId = await ticketFor('IS10070001', { requestNetworkId: 'IS10010001' });
    expect(await sut.validate(wrongId.id)).toEqual({ state: 'auto_rejected', reason: 'network_id_not_linked', items: 0 });
    expect((await ticket(wrongId.id)).auto_reject_reason).toBe('network_id_not_linked');

    // The login account was disabled after the request came in (the desk took it down).
    const gone = await ticketFor('IS10030001');
    await db.query(`UPDATE login_accounts SET state = 'disabled' WHERE id = $1`, [gone.accountId]);
    expect(await sut.validate(gone.id)).toEqual({ state: 'auto_rejected', reason: 'account_missing', items: 0 });
    const [goneMail] = await db.query(`SELECT body_text FROM outgoing_messages WHERE login_account_id = $1 AND template = 'bulk-transfer-auto-rejected'`, [gone.accountId]);
    expect(goneMail.body_text).toContain('ログインアカウント(メールアドレス)が確認できなかった');
  });
});
