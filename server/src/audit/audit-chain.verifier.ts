import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { auditRowHash, type AuditChainRow, type JsonValue } from './audit-chain';

export type AuditChainBreak =
  /** The row's content no longer gives its stored hash: it was edited after it was written. */
  | 'content changed'
  /** The row's prev_hash is not the previous row's hash: the previous row was rewritten, hash and all. */
  | 'chain link broken'
  /** Ids run 1, 2, 3 … without gaps (a rolled-back event leaves none): the rows before this one were removed. */
  | 'events missing'
  /** The chain head (audit_chain_head) disagrees with the last row: rows were added or the head was edited. */
  | 'chain head mismatch';

export type AuditChainReport =
  | { ok: true; rows: number; head: { id: number; hash: string } | null }
  | {
      ok: false;
      /** Rows found intact before the break. */
      rowsChecked: number;
      firstBrokenId: number;
      reason: AuditChainBreak;
      detail: string;
      /** The row named; null when it does not exist (the last events were removed). */
      event: { id: number; action: string; occurredAt: string } | null;
    };

interface StoredRow {
  id: string;
  occurred_at: string;
  actor_type: string;
  actor_id: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  ip: string | null;
  user_agent: string | null;
  reason: string | null;
  request_id: string | null;
  before: string | null;
  after: string | null;
  prev_hash: string | null;
  hash: string;
}

/**
 * Walks the audit log in id order, in batches (constant memory), recomputing every hash and every link,
 * inside one read-only REPEATABLE READ snapshot so events appended meanwhile neither confuse nor escape it.
 * Reports the first broken row.
 */
@Injectable()
export class AuditChainVerifier {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async verify(options: { batchSize?: number; onProgress?: (rowsChecked: number) => void } = {}): Promise<AuditChainReport> {
    const batchSize = options.batchSize ?? 2000;
    const runner = this.db.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction('REPEATABLE READ');
      await runner.query('SET TRANSACTION READ ONLY');
      const [head] = (await runner.query(`SELECT last_id::text AS last_id, last_hash FROM audit_chain_head`)) as Array<{
        last_id: string;
        last_hash: string | null;
      }>;
      const headId = head ? Number(head.last_id) : null;
      let previous: { id: number; hash: string; action: string; occurredAt: string } | null = null;
      let checked = 0;
      for (;;) {
        const rows = (await runner.query(
          `SELECT id::text AS id,
                  to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US') AS occurred_at,
                  actor_type, actor_id, action, target_type, target_id, ip::text AS ip, user_agent, reason, request_id,
                  before::text AS before, after::text AS after, prev_hash, hash
             FROM audit_events WHERE audit_events.id > $1 ORDER BY audit_events.id LIMIT $2`,
          [previous?.id ?? 0, batchSize],
        )) as StoredRow[];
        for (const stored of rows) {
          const row = chainRow(stored);
          const broken = (reason: AuditChainBreak, detail: string): AuditChainReport => ({
            ok: false,
            rowsChecked: checked,
            firstBrokenId: row.id,
            reason,
            detail,
            event: { id: row.id, action: row.action, occurredAt: row.occurredAt },
          });
          if (headId !== null && row.id > headId) {
            return broken('chain head mismatch', `the chain head records #${headId}: this event was added without moving it`);
          }
          const expectedId: number = (previous?.id ?? 0) + 1;
          if (row.id !== expectedId) {
            return broken('events missing', `the log goes from #${expectedId - 1} to #${row.id}: ${describeGap(expectedId, row.id - 1)} removed`);
          }
          if (rehash(row) !== stored.hash) return broken('content changed', 'its content no longer matches its hash: it was edited');
          if (row.prevHash !== (previous?.hash ?? null)) {
            return broken('chain link broken', `its prev_hash is not the hash of event #${previous?.id ?? 0}: that event was rewritten`);
          }
          previous = { id: row.id, hash: stored.hash, action: row.action, occurredAt: row.occurredAt };
          checked += 1;
        }
        options.onProgress?.(checked);
        if (rows.length < batchSize) break;
      }

      const lastId = previous?.id ?? 0;
      if (headId !== null && headId > lastId) {
        return {
          ok: false,
          rowsChecked: checked,
          firstBrokenId: lastId + 1,
          reason: 'events missing',
          detail: `the chain head records #${headId} but the log ends at #${lastId}: ${describeGap(lastId + 1, headId)} removed`,
          event: null,
        };
      }
      if (headId !== lastId || (head?.last_hash ?? null) !== (previous?.hash ?? null)) {
        // Every row checked out, so the head itself was edited (or removed).
        return {
          ok: false,
          rowsChecked: checked,
          firstBrokenId: lastId,
          reason: 'chain head mismatch',
          detail: head ? `the chain head records #${headId} with another hash than this event's` : 'the chain head row is missing',
          event: previous && { id: previous.id, action: previous.action, occurredAt: previous.occurredAt },
        };
      }
      return { ok: true, rows: checked, head: previous && { id: previous.id, hash: previous.hash } };
    } finally {
      if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
      await runner.release();
    }
  }
}

/** One line for operators: `audit chain intact: N events` or `audit chain broken at event #ID (…): reason (detail)`. */
export function formatAuditChainReport(report: AuditChainReport): string {
  if (report.ok) return `audit chain intact: ${report.rows} events`;
  const where = report.event ? `action ${report.event.action}, occurred_at ${report.event.occurredAt}` : 'missing';
  return `audit chain broken at event #${report.firstBrokenId} (${where}): ${report.reason} (${report.detail})`;
}

/** A hand-edited row may hold what the canonical form refuses (a jsonb number beyond a double): that is a changed row too. */
function rehash(row: AuditChainRow): string | null {
  try {
    return auditRowHash(row);
  } catch {
    return null;
  }
}

function describeGap(from: number, to: number): string {
  return from === to ? `event #${from} was` : `events #${from} to #${to} were`;
}

/** The row as the hash saw it. Microseconds (which the service never writes) stay visible and break the hash. */
function chainRow(stored: StoredRow): AuditChainRow {
  const micros = stored.occurred_at;
  const occurredAt = micros.endsWith('000') ? `${micros.slice(0, -3)}Z` : `${micros}Z`;
  return {
    id: Number(stored.id),
    occurredAt,
    actorType: stored.actor_type,
    actorId: stored.actor_id,
    action: stored.action,
    targetType: stored.target_type,
    targetId: stored.target_id,
    ip: stored.ip,
    userAgent: stored.user_agent,
    reason: stored.reason,
    requestId: stored.request_id,
    before: stored.before === null ? null : (JSON.parse(stored.before) as JsonValue),
    after: stored.after === null ? null : (JSON.parse(stored.after) as JsonValue),
    prevHash: stored.prev_hash,
  };
}
