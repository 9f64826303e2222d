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

export interface AuditPage {
  start: number;
  end: number;
  order: 'ASC' | 'DESC';
}

/** The audit log as the console reads it (domain.md §6.7): a filtered list and a streamed CSV export. */
@Injectable()
export class AuditLogService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** One page and the total; `capped`: the filtered count stopped at AUDIT_COUNT_CAP + 1, there are at least that many. */
  async list(filter: AuditFilter, page: AuditPage): Promise<{ total: number; capped: boolean; items: ReturnType<typeof view>[] }> {
    if (isUnfiltered(filter)) {
      const head = await this.headId();
      // Ids are gap-free from 1 (the chain guarantees it): any page is an id range, the last as fast as the first.
      const rows = (await this.db.query(
        page.order === 'DESC'
          ? `SELECT ${COLUMNS} FROM audit_events WHERE id <= $1 ORDER BY id DESC LIMIT $2`
          : `SELECT ${COLUMNS} FROM audit_events WHERE id > $1 ORDER BY id LIMIT $2`,
        [page.order === 'DESC' ? head - page.start : page.start, page.end - page.start],
      )) as AuditRow[];
      return { total: head, capped: false, items: rows.map(view) };
    }
    const where = auditWhere(filter);
    const [rows, total] = await Promise.all([this.filteredPage(filter, where, page), this.cappedCount(where)]);
    return { total, capped: total > AUDIT_COUNT_CAP, items: rows.map(view) };
  }

  private async headId(): Promise<number> {
    const [head] = (await this.db.query(`SELECT last_id FROM audit_chain_head`)) as Array<{ last_id: string }>;
    return Number(head?.last_id ?? 0);
  }

  /**
   * The page's ids first (from an index alone where one covers the filter), then their rows: an offset
   * skips index entries, not whole events.
   */
  private async filteredPage(filter: AuditFilter, where: { sql: string; params: unknown[] }, page: AuditPage): Promise<AuditRow[]> {
    // `id + 0` is not the primary key's order, so Postgres reads the matches another way and sorts their ids.
    const order = (await this.rangeFirst(filter, page.order)) ? `id + 0 ${page.order}` : `id ${page.order}`;
    const n = where.params.length;
    return (await this.db.query(
      `SELECT ${COLUMNS} FROM audit_events
        WHERE id IN (SELECT id FROM audit_events ${where.sql} ORDER BY ${order} LIMIT $${n + 1} OFFSET $${n + 2})
        ORDER BY id ${page.order}`,
      [...where.params, page.end - page.start, page.start],
    )) as AuditRow[];
  }

  /**
   * Whether a time range is better read from (occurred_at, id) than by walking the log from its newest
   * (or oldest) end, which first passes every event after (before) the range. Postgres cannot tell:
   * it does not know that ids and times rise together. The events after a time are counted by the id
   * of the last one at or before it, near enough to choose; the result is exact either way.
   */
  private async rangeFirst(filter: AuditFilter, order: 'ASC' | 'DESC'): Promise<boolean> {
    if (!(order === 'DESC' ? filter.to : filter.from)) return false; // the range reaches the end the walk starts from
    const params: Date[] = [];
    const idAt = (time: string | undefined, otherwise: string) =>
      time
        ? `coalesce((SELECT id FROM audit_events WHERE occurred_at <= $${params.push(new Date(time))} ORDER BY occurred_at DESC, id DESC LIMIT 1), 0)`
        : otherwise;
    const [ids] = (await this.db.query(
      `SELECT h.last_id AS head, ${idAt(filter.from, '0')} AS from_id, ${idAt(filter.to, 'h.last_id')} AS to_id FROM audit_chain_head h`,
      params,
    )) as Array<{ head: string; from_id: string; to_id: string }>;
    const [head, fromId, toId] = [Number(ids.head), Number(ids.from_id), Number(ids.to_id)];
    const passed = order === 'DESC' ? head - toId : fromId;
    return passed > toId - fromId;
  }

  /** Stops at AUDIT_COUNT_CAP + 1: "more than 10,000" is all a list needs, and it stays an index read on a year of events. */
  private async cappedCount(where: { sql: string; params: unknown[] }): Promise<number> {
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
