import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Legacy CSV imports uploaded in the console (domain.md §6.8): the file itself is kept here, so the worker
 * that runs it needs no shared disk, and a run survives a Redis restart (the table says what is unfinished).
 */
export class LegacyImportRuns1765200000000 implements MigrationInterface {
  name = 'LegacyImportRuns1765200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE legacy_import_runs (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        uploaded_by uuid NOT NULL REFERENCES staff_users (id) ON DELETE RESTRICT,
        file_name text NOT NULL CHECK (char_length(file_name) BETWEEN 1 AND 200),
        file bytea NOT NULL,
        size_bytes integer NOT NULL CHECK (size_bytes >= 0),
        state text NOT NULL CHECK (state IN ('queued', 'running', 'done', 'refused', 'failed')),
        rows_read integer NOT NULL DEFAULT 0 CHECK (rows_read >= 0),
        report jsonb,
        error text,
        created_at timestamptz NOT NULL,
        started_at timestamptz,
        finished_at timestamptz,
        CHECK ((state IN ('done', 'refused', 'failed')) = (finished_at IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX legacy_import_runs_created_idx ON legacy_import_runs (created_at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE legacy_import_runs');
  }
}
