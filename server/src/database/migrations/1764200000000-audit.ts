import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit log: one append-only, hash-chained table of events (docs/audit.md).
 *
 * The database itself keeps the log append-only, for every role that does not deliberately disable
 * triggers: UPDATE, DELETE and TRUNCATE are refused, an event must extend the chain head by exactly one
 * (id = head + 1, prev_hash = head's hash), and the head moves only with an appended event. The hashes
 * themselves are computed and checked in the application (audit-chain.ts), where the canonical form lives.
 */
export class Audit1764200000000 implements MigrationInterface {
  name = 'Audit1764200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE audit_events (
        id bigint PRIMARY KEY CHECK (id > 0),
        occurred_at timestamptz NOT NULL
          CONSTRAINT audit_events_occurred_at_ms CHECK (isfinite(occurred_at) AND occurred_at = date_trunc('milliseconds', occurred_at)),
        actor_type text NOT NULL CHECK (actor_type IN ('customer', 'staff', 'system', 'anonymous')),
        actor_id text CHECK (actor_id <> ''),
        action text NOT NULL CHECK (action ~ '^[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)+$'),
        target_type text CHECK (target_type ~ '^[a-z][a-z0-9_]*$'),
        target_id text CHECK (target_id <> ''),
        ip inet,
        user_agent text,
        reason text,
        request_id text,
        before jsonb,
        after jsonb,
        prev_hash text CHECK (prev_hash ~ '^[0-9a-f]{64}$'),
        hash text NOT NULL CHECK (hash ~ '^[0-9a-f]{64}$'),
        CONSTRAINT audit_events_actor_id CHECK (
          (actor_type IN ('customer', 'staff') AND actor_id IS NOT NULL) OR
          (actor_type = 'anonymous' AND actor_id IS NULL) OR actor_type = 'system'),
        CONSTRAINT audit_events_target_id CHECK (target_id IS NULL OR target_type IS NOT NULL),
        CONSTRAINT audit_events_first_link CHECK ((id = 1) = (prev_hash IS NULL))
      )`);
    await q.query(`CREATE INDEX audit_events_occurred_at_idx ON audit_events (occurred_at)`);
    await q.query(`CREATE INDEX audit_events_actor_idx ON audit_events (actor_type, actor_id, id)`);
    await q.query(`CREATE INDEX audit_events_target_idx ON audit_events (target_type, target_id, id) WHERE target_type IS NOT NULL`);
    await q.query(`CREATE INDEX audit_events_action_idx ON audit_events (action, id)`);

    // One row: the last event's id and hash. Writers lock it (SELECT … FOR UPDATE) to append in a strict order.
    await q.query(`
      CREATE TABLE audit_chain_head (
        singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
        last_id bigint NOT NULL CHECK (last_id >= 0),
        last_hash text CHECK (last_hash ~ '^[0-9a-f]{64}$'),
        CHECK ((last_id = 0) = (last_hash IS NULL))
      )`);
    await q.query(`INSERT INTO audit_chain_head (last_id, last_hash) VALUES (0, NULL)`);

    await q.query(`
      CREATE FUNCTION audit_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'the audit log is append-only: % on % is refused', TG_OP, TG_TABLE_NAME
          USING ERRCODE = 'insufficient_privilege', HINT = 'audit events are only ever added, through AuditService.record';
      END $$`);
    await q.query(`
      CREATE FUNCTION audit_events_extend_chain() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        head audit_chain_head%ROWTYPE;
      BEGIN
        SELECT * INTO STRICT head FROM audit_chain_head FOR UPDATE;
        IF NEW.id <> head.last_id + 1 OR NEW.prev_hash IS DISTINCT FROM head.last_hash THEN
          RAISE EXCEPTION 'audit event #% does not extend the chain (head is #%)', NEW.id, head.last_id
            USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        UPDATE audit_chain_head SET last_id = NEW.id, last_hash = NEW.hash;
        RETURN NEW;
      END $$`);
    // The head moves only from inside audit_events_extend_chain (trigger depth 2), never by a direct UPDATE.
    await q.query(`
      CREATE FUNCTION audit_chain_head_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF pg_trigger_depth() < 2 THEN
          RAISE EXCEPTION 'the audit chain head moves only when an audit event is appended'
            USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN NEW;
      END $$`);

    await q.query(`CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events FOR EACH ROW EXECUTE FUNCTION audit_refuse_change()`);
    await q.query(`CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change()`);
    await q.query(`CREATE TRIGGER audit_events_extend_chain BEFORE INSERT ON audit_events FOR EACH ROW EXECUTE FUNCTION audit_events_extend_chain()`);
    await q.query(`CREATE TRIGGER audit_chain_head_guard BEFORE UPDATE ON audit_chain_head FOR EACH ROW EXECUTE FUNCTION audit_chain_head_guard()`);
    await q.query(`CREATE TRIGGER audit_chain_head_keep BEFORE INSERT OR DELETE ON audit_chain_head FOR EACH ROW EXECUTE FUNCTION audit_refuse_change()`);
    await q.query(`CREATE TRIGGER audit_chain_head_no_truncate BEFORE TRUNCATE ON audit_chain_head FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE audit_chain_head');
    await q.query('DROP TABLE audit_events');
    await q.query('DROP FUNCTION audit_chain_head_guard()');
    await q.query('DROP FUNCTION audit_events_extend_chain()');
    await q.query('DROP FUNCTION audit_refuse_change()');
  }
}
