import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Registration (domain.md §4.1): failure counters per legacy network ID (unknown IDs too, so they lock
 * alike), registration flows, and single-use password-set links. Tokens are stored as SHA-256 hashes only.
 */
export class Registration1764400000000 implements MigrationInterface {
  name = 'Registration1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE legacy_login_attempts (
        network_id text PRIMARY KEY,
        failures integer NOT NULL DEFAULT 0 CHECK (failures >= 0),
        consecutive_failures integer NOT NULL DEFAULT 0 CHECK (consecutive_failures >= 0),
        locked_until timestamptz,
        last_failure_at timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE registration_flows (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        token_hash text NOT NULL UNIQUE,
        contract_id uuid NOT NULL REFERENCES contracts (id) ON DELETE CASCADE,
        state text NOT NULL CHECK (state IN ('legacy_verified', 'done')),
        created_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        completed_at timestamptz,
        CHECK ((state = 'done') = (completed_at IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX registration_flows_expires_idx ON registration_flows (expires_at)`);
    await q.query(`
      CREATE TABLE password_set_tokens (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        login_account_id uuid NOT NULL REFERENCES login_accounts (id) ON DELETE CASCADE,
        token_hash text NOT NULL UNIQUE,
        purpose text NOT NULL CHECK (purpose IN ('initial', 'reset')),
        created_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        revoked_at timestamptz
      )`);
    await q.query(`CREATE INDEX password_set_tokens_account_idx ON password_set_tokens (login_account_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE password_set_tokens');
    await q.query('DROP TABLE registration_flows');
    await q.query('DROP TABLE legacy_login_attempts');
  }
}
