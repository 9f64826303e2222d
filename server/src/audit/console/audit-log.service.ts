import { Readable } from 'node:stream';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import Papa from 'papaparse';
import { DataSource } from 'typeorm';
import { auditWhere, isUnfiltered, type AuditFilter } from './audit-filter';

/** A filtered count stops here: "more than 10,000" is all a list needs, and the count stays fast on a year of events. */
export const AUDIT_COUNT_CAP = 10_000;
const EXPORT_BATCH = 2_000;

interface AuditRow {
  id: string;
  occurred_at: Date;
  actor_type: string;
  actor_id: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  ip: string | null;
  user_agent: string | null;
  reason: string | null;
  request_id: string | null;
  before: unknown;
  after: unknown;
  hash: string;
}

const COLUMNS = 'id, occurred_at, actor_type, actor_id, action, target_type, target_id, host(ip) AS ip, user_agent, reason, request_id, before, after, hash';

/** The audit log as the console reads it (domain.md §6.7): a filtered list and a streamed CSV export. */
@Injectable()
export class AuditLogService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async list(filter: AuditFilter, page: { start: number; end: number; order: 'ASC' | 'DESC' }) {
    const where = auditWhere(filter);
    const rows = (await this.db.query(
      `SELECT ${COLUMNS} FROM audit_events ${where.sql} ORDER BY id ${page.order} LIMIT $${where.params.length + 1} OFFSET $${where.params.length + 2}`,
      [...where.params, page.end - page.start, page.start],
    )) as AuditRow[];
    return { total: await this.count(filter), items: rows.map(view) };
  }

  /**
   * Ids are gap-free from 1 (the chain guarantees it), so the unfiltered total is the head's id: no scan.
   * A filtered count is capped.
   */
  private async count(filter: AuditFilter): Promise<number> {
    if (isUnfiltered(filter)) {
      const [head] = (await this.db.query(`SELECT last_id FROM audit_chain_head`)) as Array<{ last_id: string }>;
      return Number(head?.last_id ?? 0);
    }
    const where = auditWhere(filter);
    const [{ n }] = (await this.db.query(`SELECT count(*)::int AS n FROM (SELECT 1 FROM audit_events ${where.sql} LIMIT ${AUDIT_COUNT_CAP + 1}) s`, where.params)) as Array<{
      n: number;
    }>;
    return n;
  }

  /**
   * The matching events as CSV (UTF-8 with a BOM, which Excel needs to read Japanese), oldest first,
   * read in id-keyed batches: memory stays flat whatever the size.
   */
  exportCsv(filter: AuditFilter): Readable {
    const db = this.db;
    async function* lines(): AsyncGenerator<string> {
      yield '\uFEFF';
      let after = 0;
      let first = true;
      for (;;) {
        const where = auditWhere(filter, 2);
        const conditions = where.sql ? `${where.sql} AND id > $1` : 'WHERE id > $1';
        const rows = (await db.query(`SELECT ${COLUMNS} FROM audit_events ${conditions} ORDER BY id LIMIT ${EXPORT_BATCH}`, [after, ...where.params])) as AuditRow[];
        if (rows.length === 0 && !first) return;
        const records = rows.map((r) => {
          const v = view(r);
          return { ...v, before: v.before === null ? '' : JSON.stringify(v.before), after: v.after === null ? '' : JSON.stringify(v.after) };
        });
        yield Papa.unparse(
          { fields: ['id', 'occurredAt', 'actorType', 'actorId', 'action', 'targetType', 'targetId', 'ip', 'userAgent', 'reason', 'requestId', 'before', 'after', 'hash'], data: records },
          { header: first, newline: '\r\n', escapeFormulae: true },
        ) + '\r\n';
        first = false;
        if (rows.length < EXPORT_BATCH) return;
        after = Number(rows[rows.length - 1].id);
      }
    }
    return Readable.from(lines());
  }
}

function view(r: AuditRow) {
  return {
    id: Number(r.id),
    occurredAt: r.occurred_at.toISOString(),
    actorType: r.actor_type,
    actorId: r.actor_id,
    action: r.action,
    targetType: r.target_type,
    targetId: r.target_id,
    ip: r.ip,
    userAgent: r.user_agent,
    reason: r.reason,
    requestId: r.request_id,
    before: r.before ?? null,
    after: r.after ?? null,
    hash: r.hash,
  };
}
