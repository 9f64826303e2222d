import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The legacy data and the people who act on it. The database itself refuses what must never happen:
 * a network ID twice, two accounts for one email in any letter case, a half-recorded link, unknown enums.
 */
export class Foundation1764100000000 implements MigrationInterface {
  name = 'Foundation1764100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE billing_accounts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code text NOT NULL UNIQUE CHECK (code <> '' AND code = btrim(code)),
        customer_name text NOT NULL,
        consolidated boolean NOT NULL DEFAULT false,
        top_cruise_linked boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE login_accounts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email text NOT NULL CHECK (email = btrim(email) AND email LIKE '%_@_%'),
        password_hash text,
        state text NOT NULL DEFAULT 'pending_password' CHECK (state IN ('pending_password', 'active', 'disabled')),
        terms_version text,
        privacy_policy_version text,
        consented_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((terms_version IS NULL) = (consented_at IS NULL) AND (privacy_policy_version IS NULL) = (consented_at IS NULL)),
        CHECK (state <> 'active' OR password_hash IS NOT NULL)
      )`);
    await q.query(`CREATE UNIQUE INDEX login_accounts_email_key ON login_accounts (lower(email))`);
    await q.query(`
      CREATE TABLE contracts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        network_id text NOT NULL UNIQUE CHECK (network_id ~ '^[A-Z0-9][A-Z0-9-]{2,31}$'),
        service_type text NOT NULL CHECK (service_type IN
          ('fiber', 'adsl', 'dialup', 'mail_web', 'ipoe', 'direct_connect', 'mobile_standard', 'dedicated_line', 'top_cruise')),
        contracted_at date NOT NULL,
        status text NOT NULL CHECK (status IN ('active', 'cancelled')),
        billing_account_id uuid NOT NULL REFERENCES billing_accounts (id) ON DELETE RESTRICT,
        legacy_password_scheme text NOT NULL CHECK (legacy_password_scheme IN ('bcrypt', 'sha256_salted')),
        legacy_password_hash text NOT NULL,
        contact_email text,
        login_account_id uuid REFERENCES login_accounts (id) ON DELETE RESTRICT,
        linked_at timestamptz,
        linked_via text CHECK (linked_via IN ('self_service', 'bulk_ticket', 'agent')),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT contracts_link_complete CHECK (
          (login_account_id IS NULL AND linked_at IS NULL AND linked_via IS NULL) OR
          (login_account_id IS NOT NULL AND linked_at IS NOT NULL AND linked_via IS NOT NULL)),
        CONSTRAINT contracts_only_infosphere_linked CHECK (
          login_account_id IS NULL OR service_type IN ('fiber', 'adsl', 'dialup', 'mail_web'))
      )`);
    await q.query(`CREATE INDEX contracts_billing_account_idx ON contracts (billing_account_id)`);
    await q.query(`CREATE INDEX contracts_login_account_idx ON contracts (login_account_id) WHERE login_account_id IS NOT NULL`);
    await q.query(`
      CREATE TABLE staff_users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email text NOT NULL CHECK (email = btrim(email) AND email LIKE '%_@_%'),
        display_name text NOT NULL,
        role text NOT NULL CHECK (role IN ('agent', 'supervisor', 'admin')),
        password_hash text NOT NULL,
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX staff_users_email_key ON staff_users (lower(email))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE staff_users');
    await q.query('DROP TABLE contracts');
    await q.query('DROP TABLE login_accounts');
    await q.query('DROP TABLE billing_accounts');
  }
}
