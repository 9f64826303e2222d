import type { Client } from 'pg';
import { staffSignIn } from './customer';

export interface BigTicket {
  id: string;
  billingAccountId: string;
  loginAccountId: string;
  items: number;
}

/**
 * A customer whose consolidated bill holds `items` contracts and a reviewed, submitted bulk-transfer ticket
 * for all of them (`code`, two capital letters, keeps network IDs and emails apart when several live in one
 * database): approving it starts the execution. Needs SEED_DEMO_ON_FIRST_START (the demo agent prepared it).
 */
export async function reviewedBigTicket(db: Client, code: string, items: number): Promise<BigTicket> {
  const email = `${code.toLowerCase()}@example.jp`;
  const { rows: [{ bill }] } = await db.query(`INSERT INTO billing_accounts (code, customer_name, consolidated) VALUES ($1, '大口 顧客', true) RETURNING id AS bill`, [`FAULT-${code}`]);
  const { rows: [{ account }] } = await db.query(`INSERT INTO login_accounts (email, password_hash, state) VALUES ($1, 'x', 'active') RETURNING id AS account`, [email]);
  await db.query(
    `INSERT INTO contracts (network_id, service_type, contracted_at, status, billing_account_id, legacy_password_scheme, legacy_password_hash)
     SELECT $3 || lpad(i::text, 8, '0'), 'fiber', date '2015-01-01', 'active', $1, 'sha256_salted', 'x' FROM generate_series(1, $2) i`,
    [bill, items, code],
  );
  const { rows: [{ agent }] } = await db.query(`SELECT id AS agent FROM staff_users WHERE email = 'agent@demo.example.jp'`);
  const { rows: [{ id }] } = await db.query(
    `INSERT INTO bulk_transfer_tickets (login_account_id, email, network_id, inquiry_category, remark, channel, state, received_at, due_at, created_at, updated_at,
                                        billing_account_id, prepared_by, submitted_at)
     VALUES ($1, $2, $3 || '00000001', 'billing_and_procedures', '', 'customer_site', 'needs_review', now(), now() + interval '14 days', now(), now(), $4, $5, now())
     RETURNING id`,
    [account, email, code, bill, agent],
  );
  await db.query(
    `INSERT INTO bulk_transfer_items (ticket_id, contract_id, network_id, service_type, class) SELECT $1, id, network_id, service_type, 'to_link' FROM contracts WHERE billing_account_id = $2`,
    [id, bill],
  );
  return { id, billingAccountId: bill, loginAccountId: account, items };
}

/** A reviewed big ticket (above), approved by the demo supervisor over HTTP: from here the execution job runs. */
export async function approvedBigTicket(db: Client, baseUrl: string, code: string, items: number): Promise<BigTicket> {
  const ticket = await reviewedBigTicket(db, code, items);
  const supervisor = await supervisorOf(baseUrl);
  const approved = await supervisor.client.post(`/api/console/tickets/${ticket.id}/approve`, {}, supervisor.csrf);
  if (approved.status !== 200) throw new Error(`approve failed: ${approved.status} ${JSON.stringify(approved.body)}`);
  return ticket;
}

const supervisors = new Map<string, ReturnType<typeof staffSignIn>>();

/** The demo supervisor signed in once per app: a second enrollment would need the first one's secret. */
function supervisorOf(baseUrl: string): ReturnType<typeof staffSignIn> {
  if (!supervisors.has(baseUrl)) supervisors.set(baseUrl, staffSignIn(baseUrl, 'supervisor@demo.example.jp', 'Ikou-demo-staff-2024'));
  return supervisors.get(baseUrl)!;
}

export async function ticketProgress(db: Client, ticketId: string): Promise<{ done: number; state: string }> {
  const { rows } = await db.query(
    `SELECT (SELECT count(*)::int FROM bulk_transfer_items WHERE ticket_id = $1 AND result IS NOT NULL) AS done, state FROM bulk_transfer_tickets WHERE id = $1`,
    [ticketId],
  );
  return rows[0];
}

/**
 * What exactly-once means for a finished ticket: every item one result, every contract linked once (to
 * this account, by this ticket), one audited link per contract, one closing transition, one mail.
 */
export async function ticketOutcome(db: Client, ticket: BigTicket) {
  const { rows: [row] } = await db.query(
    `SELECT (SELECT state FROM bulk_transfer_tickets WHERE id = $3) AS state,
            (SELECT count(*)::int FROM bulk_transfer_items WHERE ticket_id = $3) AS items,
            (SELECT count(*)::int FROM bulk_transfer_items WHERE ticket_id = $3 AND result = 'linked') AS linked_items,
            (SELECT count(*)::int FROM contracts WHERE billing_account_id = $1 AND login_account_id = $2 AND linked_via = 'bulk_ticket') AS linked_contracts,
            (SELECT count(*)::int FROM bulk_transfer_ticket_history WHERE ticket_id = $3 AND to_state = 'completed') AS closed,
            (SELECT count(*)::int FROM outgoing_messages WHERE login_account_id = $2 AND template = 'bulk-transfer-finished') AS mails`,
    [ticket.billingAccountId, ticket.loginAccountId, ticket.id],
  );
  const audited = await db.query(
    `SELECT count(*)::int AS links, count(DISTINCT network_id)::int AS contracts
       FROM (SELECT jsonb_array_elements_text(after->'linked') AS network_id FROM audit_events WHERE action = 'bulk_transfer.batch_linked' AND target_id = $1) l`,
    [ticket.id],
  );
  return { ...row, audited_links: audited.rows[0].links, audited_contracts: audited.rows[0].contracts };
}

/** The outcome every fault must leave: each of the ticket's items done once, nothing doubled. */
export function exactlyOnce(ticket: BigTicket) {
  const n = ticket.items;
  return { state: 'completed', items: n, linked_items: n, linked_contracts: n, closed: 1, mails: 1, audited_links: n, audited_contracts: n };
}
