import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A fresh second factor within the session, required before any change to factors (ASVS 5 7.5.1). */
export class StepUp1764800000000 implements MigrationInterface {
  name = 'StepUp1764800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE customer_sessions ADD COLUMN stepped_up_at timestamptz`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE customer_sessions DROP COLUMN stepped_up_at`);
  }
}
