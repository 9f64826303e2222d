import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Attaching more contracts (domain.md §4.3): the network IDs a signed-in customer proved with their legacy
 * passwords in this visit, waiting to be registered together. One row per (account, contract); a row
 * lives 30 minutes after its password was checked.
 */
export class ContractAttach1764900000000 implements MigrationInterface {
  name = 'ContractAttach1764900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE contract_attach_items (
        login_account_id uuid NOT NULL REFERENCES login_accounts (id) ON DELETE CASCADE,
        contract_id uuid NOT NULL REFERENCES contracts (id) ON DELETE CASCADE,
        verified_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        PRIMARY KEY (login_account_id, contract_id),
        CHECK (expires_at > verified_at)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE contract_attach_items');
  }
}
