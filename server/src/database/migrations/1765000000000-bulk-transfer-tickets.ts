import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Bulk-transfer tickets (domain.md §4.4, §5): the request and its state, and a history row per
 * transition. One open ticket per login account, enforced here. Ticket numbers come from a sequence
 * (BT-000001), so they are short enough to say on the phone.
 */
export class BulkTransferTickets1765000000000 implements MigrationInterface {
  name = 'BulkTransferTickets1765000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE SEQUENCE bulk_transfer_ticket_no_seq`);
    await q.query(`
      CREATE TABLE bulk_transfer_tickets (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        number text NOT NULL UNIQUE DEFAULT ('BT-' || lpad(nextval('bulk_transfer_ticket_no_seq')::text, 6, '0')),
        login_account_id uuid NOT NULL REFERENCES login_accounts (id) ON DELETE RESTRICT,
        email text NOT NULL,
        network_id text NOT NULL,
        inquiry_category text NOT NULL CHECK (inquiry_category IN ('billing_and_procedures')),
        remark text NOT NULL DEFAULT '' CHECK (remark IN ('', 'トップクルーズ契約')),
        channel text NOT NULL CHECK (channel IN ('customer_site', 'inquiry_form', 'phone', 'mail')),
        source_reference text,
        customer_note text,
        state text NOT NULL CHECK (state IN ('received', 'validating', 'needs_review', 'auto_rejected', 'approved', 'processing',
                                             'completed', 'partially_completed', 'failed', 'rejected', 'cancelled')),
        received_at timestamptz NOT NULL,
        due_at timestamptz NOT NULL,
        created_by_staff_id uuid REFERENCES staff_users (id) ON DELETE RESTRICT,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        CHECK (due_at > received_at),
        CHECK ((channel = 'customer_site') = (created_by_staff_id IS NULL))
      )`);
    await q.query(`
      CREATE UNIQUE INDEX bulk_transfer_tickets_one_open_per_account ON bulk_transfer_tickets (login_account_id)
       WHERE state IN ('received', 'validating', 'needs_review', 'approved', 'processing')`);
    await q.query(`CREATE INDEX bulk_transfer_tickets_state_idx ON bulk_transfer_tickets (state, received_at)`);
    await q.query(`CREATE INDEX bulk_transfer_tickets_account_idx ON bulk_transfer_tickets (login_account_id, received_at DESC)`);
    await q.query(`
      CREATE TABLE bulk_transfer_ticket_history (
        id bigserial PRIMARY KEY,
        ticket_id uuid NOT NULL REFERENCES bulk_transfer_tickets (id) ON DELETE CASCADE,
        from_state text,
        to_state text NOT NULL,
        actor_type text NOT NULL CHECK (actor_type IN ('customer', 'staff', 'system')),
        actor_id uuid,
        reason text,
        at timestamptz NOT NULL,
        CHECK ((actor_type = 'system') = (actor_id IS NULL))
      )`);
    await q.query(`CREATE INDEX bulk_transfer_ticket_history_ticket_idx ON bulk_transfer_ticket_history (ticket_id, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE bulk_transfer_ticket_history');
    await q.query('DROP TABLE bulk_transfer_tickets');
    await q.query('DROP SEQUENCE bulk_transfer_ticket_no_seq');
  }
}
