import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The console's audit list (audit/console/audit-log.service.ts) on a log of a million events and more:
 * - a family of actions (`support.`) is a prefix search, which needs `text_pattern_ops` (the database
 *   collation's index cannot serve LIKE); the new index also serves an exact action, newest first;
 * - a time range reads the ids in it from the index alone, so (occurred_at, id) replaces (occurred_at);
 * - the customer page links to the events about a customer by target id alone, without its type.
 * Figures before and after: docs/benchmarks.md, "Console lists".
 */
export class AuditListIndexes1765800000000 implements MigrationInterface {
  name = 'AuditListIndexes1765800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX audit_events_action_prefix_idx ON audit_events (action text_pattern_ops, id)`);
    await q.query(`DROP INDEX audit_events_action_idx`);
    await q.query(`CREATE INDEX audit_events_occurred_at_id_idx ON audit_events (occurred_at, id)`);
    await q.query(`DROP INDEX audit_events_occurred_at_idx`);
    await q.query(`CREATE INDEX audit_events_target_id_idx ON audit_events (target_id, id) WHERE target_id IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX audit_events_target_id_idx`);
    await q.query(`CREATE INDEX audit_events_occurred_at_idx ON audit_events (occurred_at)`);
    await q.query(`DROP INDEX audit_events_occurred_at_id_idx`);
    await q.query(`CREATE INDEX audit_events_action_idx ON audit_events (action, id)`);
    await q.query(`DROP INDEX audit_events_action_prefix_idx`);
  }
}
