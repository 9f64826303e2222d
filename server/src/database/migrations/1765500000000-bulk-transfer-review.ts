import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Review and execution of bulk-transfer tickets (domain.md §5): internal notes, when a plan was submitted
 * for approval (and the plan version it was validated on), the reason staff gave a customer for a
 * rejection, and when execution started and ended.
 */
export class BulkTransferReview1765500000000 implements MigrationInterface {
  name = 'BulkTransferReview1765500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE bulk_transfer_tickets
        ADD COLUMN submitted_at timestamptz,
        ADD COLUMN customer_reason text,
        ADD COLUMN execution_started_at timestamptz,
        ADD CONSTRAINT bulk_transfer_tickets_submitted_by CHECK ((submitted_at IS NULL) = (prepared_by IS NULL))`);
    await q.query(`
      CREATE TABLE bulk_transfer_ticket_notes (
        id bigserial PRIMARY KEY,
        ticket_id uuid NOT NULL REFERENCES bulk_transfer_tickets (id) ON DELETE CASCADE,
        staff_user_id uuid NOT NULL REFERENCES staff_users (id) ON DELETE RESTRICT,
        body text NOT NULL CHECK (char_length(body) BETWEEN 1 AND 4000),
        created_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX bulk_transfer_ticket_notes_ticket_idx ON bulk_transfer_ticket_notes (ticket_id, id)`);
    await q.query(`CREATE INDEX bulk_transfer_items_pending_idx ON bulk_transfer_items (ticket_id, id) WHERE class = 'to_link' AND result IS NULL AND excluded_reason IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX bulk_transfer_items_pending_idx');
    await q.query('DROP TABLE bulk_transfer_ticket_notes');
    await q.query(`ALTER TABLE bulk_transfer_tickets DROP CONSTRAINT bulk_transfer_tickets_submitted_by, DROP COLUMN execution_started_at, DROP COLUMN customer_reason, DROP COLUMN submitted_at`);
  }
}
