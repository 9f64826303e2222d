import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Supervisors sample executed transfers and mark them audited with a comment (issue 7, "Transfer audit"). */
export class TransferAudit1765600000000 implements MigrationInterface {
  name = 'TransferAudit1765600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE bulk_transfer_tickets
        ADD COLUMN audited_at timestamptz,
        ADD COLUMN audited_by uuid REFERENCES staff_users (id) ON DELETE RESTRICT,
        ADD COLUMN audit_comment text CHECK (char_length(audit_comment) <= 2000),
        ADD CONSTRAINT bulk_transfer_tickets_audited CHECK ((audited_at IS NULL) = (audited_by IS NULL))`);
    await q.query(`CREATE INDEX bulk_transfer_tickets_closed_idx ON bulk_transfer_tickets (closed_at) WHERE closed_at IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX bulk_transfer_tickets_closed_idx');
    await q.query(`ALTER TABLE bulk_transfer_tickets DROP CONSTRAINT bulk_transfer_tickets_audited, DROP COLUMN audit_comment, DROP COLUMN audited_by, DROP COLUMN audited_at`);
  }
}
