import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The bulk-transfer plan (domain.md §5): one item per contract of the ticket's billing account with its
 * class, and on the ticket what validation found (the bill, an auto-rejection's reason, a Top Cruise
 * mismatch) and who prepared and approved it. `UNIQUE (ticket_id, contract_id)`: an item exists once.
 */
export class BulkTransferPlan1765400000000 implements MigrationInterface {
  name = 'BulkTransferPlan1765400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE bulk_transfer_tickets
        ADD COLUMN billing_account_id uuid REFERENCES billing_accounts (id) ON DELETE RESTRICT,
        ADD COLUMN auto_reject_reason text CHECK (auto_reject_reason IN ('network_id_not_linked', 'not_consolidated', 'too_few_contracts')),
        ADD COLUMN top_cruise_flag text CHECK (top_cruise_flag IN ('remark_without_link', 'link_without_remark')),
        ADD COLUMN validated_at timestamptz,
        ADD COLUMN assignee_id uuid REFERENCES staff_users (id) ON DELETE RESTRICT,
        ADD COLUMN prepared_by uuid REFERENCES staff_users (id) ON DELETE RESTRICT,
        ADD COLUMN approved_by uuid REFERENCES staff_users (id) ON DELETE RESTRICT,
        ADD COLUMN closed_at timestamptz,
        ADD CONSTRAINT bulk_transfer_tickets_auto_reject_reason CHECK ((state = 'auto_rejected') = (auto_reject_reason IS NOT NULL)),
        ADD CONSTRAINT bulk_transfer_tickets_four_eyes CHECK (approved_by IS NULL OR prepared_by IS NULL OR approved_by <> prepared_by)`);
    await q.query(`
      CREATE TABLE bulk_transfer_items (
        id bigserial PRIMARY KEY,
        ticket_id uuid NOT NULL REFERENCES bulk_transfer_tickets (id) ON DELETE CASCADE,
        contract_id uuid NOT NULL REFERENCES contracts (id) ON DELETE RESTRICT,
        network_id text NOT NULL,
        service_type text NOT NULL,
        class text NOT NULL CHECK (class IN ('to_link', 'linked_here', 'linked_elsewhere', 'excluded_service', 'cancelled', 'post_cutover', 'top_cruise')),
        excluded_reason text,
        excluded_by uuid REFERENCES staff_users (id) ON DELETE RESTRICT,
        result text CHECK (result IN ('linked', 'already_linked', 'conflict')),
        result_at timestamptz,
        UNIQUE (ticket_id, contract_id),
        CHECK ((excluded_reason IS NULL) = (excluded_by IS NULL)),
        CHECK ((result IS NULL) = (result_at IS NULL))
      )`);
    await q.query(`CREATE INDEX bulk_transfer_items_ticket_class_idx ON bulk_transfer_items (ticket_id, class, network_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE bulk_transfer_items');
    await q.query(`
      ALTER TABLE bulk_transfer_tickets DROP CONSTRAINT bulk_transfer_tickets_four_eyes, DROP CONSTRAINT bulk_transfer_tickets_auto_reject_reason,
        DROP COLUMN closed_at, DROP COLUMN approved_by, DROP COLUMN prepared_by, DROP COLUMN assignee_id, DROP COLUMN validated_at,
        DROP COLUMN top_cruise_flag, DROP COLUMN auto_reject_reason, DROP COLUMN billing_account_id`);
  }
}
