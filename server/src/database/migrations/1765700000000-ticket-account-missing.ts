import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Validation also refuses a request whose login account no longer exists in a usable state (disabled). */
export class TicketAccountMissing1765700000000 implements MigrationInterface {
  name = 'TicketAccountMissing1765700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE bulk_transfer_tickets DROP CONSTRAINT bulk_transfer_tickets_auto_reject_reason_check`);
    await q.query(`
      ALTER TABLE bulk_transfer_tickets ADD CONSTRAINT bulk_transfer_tickets_auto_reject_reason_check
        CHECK (auto_reject_reason IN ('account_missing', 'network_id_not_linked', 'not_consolidated', 'too_few_contracts'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE bulk_transfer_tickets DROP CONSTRAINT bulk_transfer_tickets_auto_reject_reason_check`);
    await q.query(`
      ALTER TABLE bulk_transfer_tickets ADD CONSTRAINT bulk_transfer_tickets_auto_reject_reason_check
        CHECK (auto_reject_reason IN ('network_id_not_linked', 'not_consolidated', 'too_few_contracts'))`);
  }
}
