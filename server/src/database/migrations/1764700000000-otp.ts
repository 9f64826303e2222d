import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One-time codes by SMS, voice and email (domain.md §4.2 methods 1, 2, 5). Each row is one send, so the
 * send budget (architecture.md: cooldown and hourly cap per account and per phone number) is a count over
 * this table: it needs the channel and the number on the row, and rows must outlive the pending factor
 * they were sent for (a restarted enrollment must not reset the budget), hence ON DELETE SET NULL.
 */
export class Otp1764700000000 implements MigrationInterface {
  name = 'Otp1764700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE one_time_codes
      ADD COLUMN channel text CHECK (channel IN ('sms', 'voice', 'email')),
      ADD COLUMN phone_e164 text CHECK (phone_e164 ~ '^\\+[1-9][0-9]{6,14}$'),
      ADD COLUMN revoked_at timestamptz,
      ADD CONSTRAINT one_time_codes_phone_channel CHECK (phone_e164 IS NULL OR channel IN ('sms', 'voice'))`);
    await q.query(`ALTER TABLE one_time_codes DROP CONSTRAINT one_time_codes_factor_id_fkey`);
    await q.query(`ALTER TABLE one_time_codes ADD CONSTRAINT one_time_codes_factor_id_fkey
      FOREIGN KEY (factor_id) REFERENCES mfa_factors (id) ON DELETE SET NULL`);
    await q.query(`CREATE INDEX one_time_codes_account_created_idx ON one_time_codes (login_account_id, created_at)`);
    await q.query(`CREATE INDEX one_time_codes_phone_created_idx ON one_time_codes (phone_e164, created_at) WHERE phone_e164 IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX one_time_codes_phone_created_idx`);
    await q.query(`DROP INDEX one_time_codes_account_created_idx`);
    await q.query(`DELETE FROM one_time_codes WHERE factor_id IS NULL`);
    await q.query(`ALTER TABLE one_time_codes DROP CONSTRAINT one_time_codes_factor_id_fkey`);
    await q.query(`ALTER TABLE one_time_codes ADD CONSTRAINT one_time_codes_factor_id_fkey
      FOREIGN KEY (factor_id) REFERENCES mfa_factors (id) ON DELETE CASCADE`);
    await q.query(`ALTER TABLE one_time_codes DROP CONSTRAINT one_time_codes_phone_channel,
      DROP COLUMN revoked_at, DROP COLUMN phone_e164, DROP COLUMN channel`);
  }
}
