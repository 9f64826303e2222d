import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The console's customer search (customer-support/customer-search.service.ts) at 100,000 customers and
 * more: prefix searches need `text_pattern_ops` indexes (the unique indexes use the database collation,
 * which LIKE cannot use), a part of a customer's name needs trigrams, and the newest-first list an index
 * on the creation time. Figures before and after: docs/benchmarks.md, "Console customer list".
 */
export class ConsoleSearchIndexes1765300000000 implements MigrationInterface {
  name = 'ConsoleSearchIndexes1765300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await q.query(`CREATE INDEX login_accounts_email_prefix_idx ON login_accounts (lower(email) text_pattern_ops)`);
    await q.query(`CREATE INDEX login_accounts_created_idx ON login_accounts (created_at, id)`);
    await q.query(`CREATE INDEX contracts_network_id_prefix_idx ON contracts (network_id text_pattern_ops)`);
    await q.query(`CREATE INDEX billing_accounts_code_prefix_idx ON billing_accounts (code text_pattern_ops)`);
    await q.query(`CREATE INDEX billing_accounts_name_trgm_idx ON billing_accounts USING gin (lower(customer_name) gin_trgm_ops)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX billing_accounts_name_trgm_idx');
    await q.query('DROP INDEX billing_accounts_code_prefix_idx');
    await q.query('DROP INDEX contracts_network_id_prefix_idx');
    await q.query('DROP INDEX login_accounts_created_idx');
    await q.query('DROP INDEX login_accounts_email_prefix_idx');
  }
}
