import { createHash, randomBytes } from 'node:crypto';
import { distModule } from './dist.mjs';

// Tickets as the built services leave them (the validation writes the plan, the execution its results),
// so the console shows what it shows in production, not a hand-made imitation.
const { dataSourceOptions } = await distModule('database/data-source-options.js');
const { AuditService } = await distModule('audit/audit.service.js');
const { Clock } = await distModule('common/clock.js');
const { OutboxRepository } = await distModule('messaging/outbox.repository.js');
const { OutboxService } = await distModule('messaging/outbox.service.js');
const { TicketValidationService } = await distModule('bulk-transfer/ticket-validation.service.js');
const { TicketExecutionService } = await distModule('bulk-transfer/ticket-execution.service.js');
const { DataSource } = await import('typeorm');

/**
 * One consolidated bill of `size` contracts, mostly InfoSphere fiber to link, with some of every other
 * class a real bill has (cancelled, excluded services, contracted after the cutover), and its first
 * contract linked to a new login account: the account that files the ticket.
 */
let nextNetworkId = 30_000_000;
async function billWithAccount(db, size) {
  const tag = randomBytes(4).toString('hex');
  const first = nextNetworkId;
  nextNetworkId += size;
  const [{ id: bill }] = (await db.query(`INSERT INTO billing_accounts (code, customer_name, consolidated) VALUES ($1, $2, true) RETURNING id`, [`UB${tag}`, `株式会社ベンチ ${tag}`])).rows;
  await db.query(
    `INSERT INTO contracts (network_id, service_type, contracted_at, status, billing_account_id, legacy_password_scheme, legacy_password_hash)
     SELECT 'IS' || ($3 + i)::text, CASE WHEN i % 40 = 7 THEN 'ipoe' ELSE 'fiber' END,
            CASE WHEN i % 97 = 3 THEN date '2024-01-01' ELSE date '2015-01-01' END, CASE WHEN i > 0 AND i % 25 = 0 THEN 'cancelled' ELSE 'active' END,
            $2, 'sha256_salted', 'x'
       FROM generate_series(0, $1 - 1) i`,
    [size, bill, first],
  );
  const [{ id: account }] = (await db.query(`INSERT INTO login_accounts (email, password_hash, state) VALUES ($1, 'x', 'active') RETURNING id`, [`${tag}@example.jp`])).rows;
  const networkId = `IS${first}`;
  await db.query(`UPDATE contracts SET login_account_id = $1, linked_at = now(), linked_via = 'self_service' WHERE network_id = $2`, [account, networkId]);
  return { account, email: `${tag}@example.jp`, networkId };
}

async function receivedTicket(db, size) {
  const { account, email, networkId } = await billWithAccount(db, size);
  const [{ id }] = (
    await db.query(
      `INSERT INTO bulk_transfer_tickets (login_account_id, email, network_id, inquiry_category, remark, channel, state, received_at, due_at, created_at, updated_at)
       VALUES ($1, $2, $3, 'billing_and_procedures', '', 'customer_site', 'received', now(), now() + interval '14 days', now(), now()) RETURNING id`,
      [account, email, networkId],
    )
  ).rows;
  return id;
}

/** A supervisor and a session for them straight in the tables (the bench is not about sign-in): the cookie value. */
export async function staffSession(db) {
  const token = randomBytes(32).toString('base64url');
  const [{ id }] = (await db.query(`INSERT INTO staff_users (email, display_name, role, password_hash) VALUES ('ui-bench@example.jp', 'ベンチ 主任', 'supervisor', 'x') RETURNING id`)).rows;
  await db.query(`INSERT INTO staff_sessions (token_hash, csrf_token, staff_user_id, created_at, last_seen_at, expires_at) VALUES ($1, 'x', $2, now(), now(), now() + interval '2 hours')`, [
    createHash('sha256').update(token).digest('hex'),
    id,
  ]);
  return { staffUserId: id, token };
}

/**
 * Tickets of `size` items in the states whose page differs: in review (a few items excluded), halfway
 * through execution, and completed. Resolves with their ids.
 */
export async function seedTickets(url, db, staffUserId, size) {
  const ds = new DataSource(dataSourceOptions(url, 2));
  await ds.initialize();
  try {
    const clock = new Clock();
    const outbox = new OutboxService(new OutboxRepository(ds), { enqueueSend: async () => undefined }, clock, { mailFrom: 'no-reply@example.jp', enqueueTimeoutMs: 500 });
    const runtime = { config: { http: { publicUrl: 'https://ikou.example.jp' }, bulkExecutionBatch: 500 } };
    const validation = new TicketValidationService(ds, new AuditService(clock), outbox, clock, runtime);
    const execution = new TicketExecutionService(ds, new AuditService(clock), outbox, clock, runtime);
    const planned = async () => {
      const id = await receivedTicket(db, size);
      const outcome = await validation.validate(id);
      if (outcome.state !== 'needs_review' || outcome.items !== size) throw new Error(`unexpected plan ${JSON.stringify(outcome)}`);
      return id;
    };

    const review = await planned();
    await db.query(
      `UPDATE bulk_transfer_items SET excluded_reason = 'お客さまの依頼で別に管理する', excluded_by = $2
        WHERE id IN (SELECT id FROM bulk_transfer_items WHERE ticket_id = $1 AND class = 'to_link' ORDER BY network_id DESC LIMIT 3)`,
      [review, staffUserId],
    );

    const processing = await planned();
    await db.query(`UPDATE bulk_transfer_tickets SET state = 'processing' WHERE id = $1`, [processing]);
    await db.query(
      `UPDATE bulk_transfer_items SET result = 'linked', result_at = now()
        WHERE id IN (SELECT id FROM bulk_transfer_items WHERE ticket_id = $1 AND class = 'to_link' ORDER BY id LIMIT (SELECT count(*) / 2 FROM bulk_transfer_items WHERE ticket_id = $1 AND class = 'to_link'))`,
      [processing],
    );

    const completed = await planned();
    await db.query(`UPDATE bulk_transfer_tickets SET state = 'approved' WHERE id = $1`, [completed]);
    const outcome = await execution.execute(completed);
    if (outcome.state !== 'completed') throw new Error(`unexpected execution ${JSON.stringify(outcome)}`);
    await db.query('ANALYZE');
    return { review, processing, completed };
  } finally {
    await ds.destroy();
  }
}
