import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * MFA (domain.md §4.2): enrolled factors, the one recovery code per account, remembered devices and the
 * one-time codes SMS, voice and email factors will send. Secrets are stored encrypted (TOTP seeds,
 * AES-256-GCM with a key id, see mfa/secret-box.ts) or hashed (everything else); times come from the
 * application's clock, so no column defaults to now().
 */
export class Mfa1764500000000 implements MigrationInterface {
  name = 'Mfa1764500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE mfa_factors (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        login_account_id uuid NOT NULL REFERENCES login_accounts (id) ON DELETE CASCADE,
        type text NOT NULL CHECK (type IN ('totp', 'sms', 'voice', 'email')),
        state text NOT NULL CHECK (state IN ('pending', 'active')),
        label text CHECK (char_length(label) <= 100),
        secret_encrypted text CHECK (secret_encrypted LIKE 'v1:%'),
        phone_e164 text CHECK (phone_e164 ~ '^\\+[1-9][0-9]{6,14}$'),
        last_accepted_step bigint CHECK (last_accepted_step >= 0),
        consecutive_failures integer NOT NULL DEFAULT 0 CHECK (consecutive_failures >= 0),
        created_at timestamptz NOT NULL,
        confirmed_at timestamptz,
        last_used_at timestamptz,
        CHECK ((type = 'totp') = (secret_encrypted IS NOT NULL)),
        CHECK ((type IN ('sms', 'voice')) = (phone_e164 IS NOT NULL)),
        CHECK ((state = 'active') = (confirmed_at IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX mfa_factors_account_idx ON mfa_factors (login_account_id)`);
    await q.query(`
      CREATE TABLE mfa_recovery_codes (
        login_account_id uuid PRIMARY KEY REFERENCES login_accounts (id) ON DELETE CASCADE,
        code_hash text NOT NULL CHECK (code_hash ~ '^[0-9a-f]{64}$'),
        created_at timestamptz NOT NULL
      )`);
    await q.query(`
      CREATE TABLE remembered_devices (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        login_account_id uuid NOT NULL REFERENCES login_accounts (id) ON DELETE CASCADE,
        token_hash text NOT NULL UNIQUE CHECK (token_hash ~ '^[0-9a-f]{64}$'),
        label text NOT NULL CHECK (char_length(label) <= 200),
        created_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        last_used_at timestamptz,
        revoked_at timestamptz,
        CHECK (expires_at > created_at)
      )`);
    await q.query(`CREATE INDEX remembered_devices_account_idx ON remembered_devices (login_account_id)`);
    // Six-digit codes have only 10^6 values: their service should store an HMAC with a server key, not a
    // bare SHA-256 that a leaked row would give up in a moment.
    await q.query(`
      CREATE TABLE one_time_codes (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        login_account_id uuid NOT NULL REFERENCES login_accounts (id) ON DELETE CASCADE,
        factor_id uuid REFERENCES mfa_factors (id) ON DELETE CASCADE,
        purpose text NOT NULL CHECK (purpose ~ '^[a-z][a-z0-9_]{0,49}$'),
        code_hash text NOT NULL,
        created_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
        max_attempts integer NOT NULL DEFAULT 5 CHECK (max_attempts > 0),
        used_at timestamptz,
        flow_id uuid,
        CHECK (expires_at > created_at)
      )`);
    await q.query(`CREATE INDEX one_time_codes_account_idx ON one_time_codes (login_account_id)`);
    await q.query(`CREATE INDEX one_time_codes_factor_idx ON one_time_codes (factor_id) WHERE factor_id IS NOT NULL`);
    await q.query(`CREATE INDEX one_time_codes_flow_idx ON one_time_codes (flow_id) WHERE flow_id IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE one_time_codes');
    await q.query('DROP TABLE remembered_devices');
    await q.query('DROP TABLE mfa_recovery_codes');
    await q.query('DROP TABLE mfa_factors');
  }
}
