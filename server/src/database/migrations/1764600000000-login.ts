import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sign-in (domain.md §4.2) as a server-side flow, and customer sessions. A session row exists only once
 * a flow reached `signed_in`; both are addressed by bearer tokens stored as SHA-256 hashes.
 */
export class Login1764600000000 implements MigrationInterface {
  name = 'Login1764600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE login_flows (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        token_hash text NOT NULL UNIQUE,
        login_account_id uuid NOT NULL REFERENCES login_accounts (id) ON DELETE CASCADE,
        state text NOT NULL CHECK (state IN ('mfa_enroll', 'mfa_challenge', 'recovery_ack', 'signed_in')),
        remember_device boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        completed_at timestamptz,
        CHECK ((state = 'signed_in') = (completed_at IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX login_flows_expires_idx ON login_flows (expires_at)`);
    await q.query(`
      CREATE TABLE customer_sessions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        token_hash text NOT NULL UNIQUE,
        csrf_token text NOT NULL,
        login_account_id uuid NOT NULL REFERENCES login_accounts (id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL,
        last_seen_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz,
        ip text,
        user_agent text
      )`);
    await q.query(`CREATE INDEX customer_sessions_account_idx ON customer_sessions (login_account_id) WHERE revoked_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE customer_sessions');
    await q.query('DROP TABLE login_flows');
  }
}
