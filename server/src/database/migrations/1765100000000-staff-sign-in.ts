import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Staff sign-in (domain.md §2: email + password + TOTP, always): each staff member's TOTP seed (encrypted,
 * with the last accepted step so a code works once), failure counters for the lock, sign-in flows and
 * sessions (tokens stored as SHA-256 hashes only), separate from the customers'.
 */
export class StaffSignIn1765100000000 implements MigrationInterface {
  name = 'StaffSignIn1765100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE staff_users
        ADD COLUMN totp_secret text,
        ADD COLUMN totp_last_step bigint,
        ADD COLUMN totp_enrolled_at timestamptz,
        ADD COLUMN failed_attempts integer NOT NULL DEFAULT 0 CHECK (failed_attempts >= 0),
        ADD COLUMN consecutive_failures integer NOT NULL DEFAULT 0 CHECK (consecutive_failures >= 0),
        ADD COLUMN locked_until timestamptz,
        ADD COLUMN last_sign_in_at timestamptz,
        ADD CONSTRAINT staff_users_totp_complete CHECK ((totp_secret IS NULL) = (totp_enrolled_at IS NULL))`);
    await q.query(`
      CREATE TABLE staff_login_flows (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        token_hash text NOT NULL UNIQUE,
        staff_user_id uuid NOT NULL REFERENCES staff_users (id) ON DELETE CASCADE,
        state text NOT NULL CHECK (state IN ('totp_enroll', 'totp_challenge', 'signed_in')),
        pending_totp_secret text,
        code_failures integer NOT NULL DEFAULT 0 CHECK (code_failures >= 0),
        created_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX staff_login_flows_expires_idx ON staff_login_flows (expires_at)`);
    await q.query(`
      CREATE TABLE staff_sessions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        token_hash text NOT NULL UNIQUE,
        csrf_token text NOT NULL,
        staff_user_id uuid NOT NULL REFERENCES staff_users (id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL,
        last_seen_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz,
        ip text,
        user_agent text
      )`);
    await q.query(`CREATE INDEX staff_sessions_staff_idx ON staff_sessions (staff_user_id) WHERE revoked_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE staff_sessions');
    await q.query('DROP TABLE staff_login_flows');
    await q.query(`
      ALTER TABLE staff_users DROP CONSTRAINT staff_users_totp_complete,
        DROP COLUMN totp_secret, DROP COLUMN totp_last_step, DROP COLUMN totp_enrolled_at, DROP COLUMN failed_attempts,
        DROP COLUMN consecutive_failures, DROP COLUMN locked_until, DROP COLUMN last_sign_in_at`);
  }
}
