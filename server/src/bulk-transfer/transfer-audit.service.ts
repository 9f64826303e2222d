import { Readable } from 'node:stream';
import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import Papa from 'papaparse';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { AppError } from '../common/app-error';
import type { ClientInfo } from '../common/client-info';
import { Clock } from '../common/clock';
import { inTransaction } from '../database/transaction';

const EXECUTED = ['completed', 'partially_completed', 'failed'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const notFound = () => new AppError('transfer_not_found', HttpStatus.NOT_FOUND, 'No such executed transfer');

interface TransferRow {
  id: string;
  number: string;
  state: string;
  email: string;
  received_at: Date;
  execution_started_at: Date | null;
  closed_at: Date;
  prepared_by_name: string | null;
  approved_by_name: string | null;
  audited_at: Date | null;
  audited_by_name: string | null;
  audit_comment: string | null;
  linked: number;
  already_linked: number;
  conflicts: number;
}

const SELECT = `SELECT t.id, t.number, t.state, t.email, t.received_at, t.execution_started_at, t.closed_at, t.audited_at, t.audit_comment,
                       p.display_name AS prepared_by_name, a.display_name AS approved_by_name, au.display_name AS audited_by_name,
                       (SELECT count(*)::int FROM bulk_transfer_items i WHERE i.ticket_id = t.id AND i.result = 'linked') AS linked,
                       (SELECT count(*)::int FROM bulk_transfer_items i WHERE i.ticket_id = t.id AND i.result = 'already_linked') AS already_linked,
                       (SELECT count(*)::int FROM bulk_transfer_items i WHERE i.ticket_id = t.id AND i.result = 'conflict') AS conflicts
                  FROM bulk_transfer_tickets t
                  LEFT JOIN staff_users p ON p.id = t.prepared_by LEFT JOIN staff_users a ON a.id = t.approved_by LEFT JOIN staff_users au ON au.id = t.audited_by`;

const view = (r: TransferRow) => ({
  id: r.id,
  number: r.number,
  state: r.state,
  email: r.email,
  receivedAt: r.received_at.toISOString(),
  executionStartedAt: r.execution_started_at?.toISOString() ?? null,
  closedAt: r.closed_at.toISOString(),
  preparedBy: r.prepared_by_name,
  approvedBy: r.approved_by_name,
  executedBy: 'system (queue worker)',
  results: { linked: r.linked, alreadyLinked: r.already_linked, conflicts: r.conflicts },
  audited: r.audited_at ? { at: r.audited_at.toISOString(), by: r.audited_by_name, comment: r.audit_comment } : null,
});

/** Supervisors' audit of executed transfers (issue 7): who prepared, approved and executed each, every item's result, sampling. */
@Injectable()
export class TransferAuditService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async list(filter: { audited?: boolean }, page: { start: number; end: number }) {
    const where = [`t.state = ANY($1::text[])`];
    if (filter.audited !== undefined) where.push(filter.audited ? 't.audited_at IS NOT NULL' : 't.audited_at IS NULL');
    const sql = `WHERE ${where.join(' AND ')}`;
    const [rows, [{ total }]] = await Promise.all([
      this.db.query(`${SELECT} ${sql} ORDER BY t.closed_at DESC, t.id LIMIT $2 OFFSET $3`, [EXECUTED, page.end - page.start, page.start]) as Promise<TransferRow[]>,
      this.db.query(`SELECT count(*)::int AS total FROM bulk_transfer_tickets t ${sql}`, [EXECUTED]) as Promise<Array<{ total: number }>>,
    ]);
    return { total, items: rows.map(view) };
  }

  async one(id: string) {
    return view(await this.find(id));
  }

  /** The transfer as CSV: a header block (who, when) then one row per item with its class and result. */
  async reportCsv(id: string): Promise<{ number: string; stream: Readable }> {
    const t = view(await this.find(id));
    const items = (await this.db.query(
      `SELECT network_id, service_type, class, excluded_reason, result, result_at FROM bulk_transfer_items WHERE ticket_id = $1 ORDER BY network_id`,
      [id],
    )) as Array<{ network_id: string; service_type: string; class: string; excluded_reason: string | null; result: string | null; result_at: Date | null }>;
    const head = Papa.unparse(
      [
        ['ticket', t.number],
        ['state', t.state],
        ['customer', t.email],
        ['received', t.receivedAt],
        ['prepared by', t.preparedBy ?? ''],
        ['approved by', t.approvedBy ?? ''],
        ['executed by', t.executedBy],
        ['execution started', t.executionStartedAt ?? ''],
        ['closed', t.closedAt],
      ],
      { newline: '\r\n', escapeFormulae: true },
    );
    const body = Papa.unparse(
      {
        fields: ['networkId', 'serviceType', 'class', 'excludedReason', 'result', 'resultAt'],
        data: items.map((i) => [i.network_id, i.service_type, i.class, i.excluded_reason ?? '', i.result ?? '', i.result_at?.toISOString() ?? '']),
      },
      { newline: '\r\n', escapeFormulae: true },
    );
    return { number: t.number, stream: Readable.from([`\uFEFF${head}\r\n\r\n${body}\r\n`]) };
  }

  async markAudited(id: string, comment: string, staffUserId: string, client: ClientInfo) {
    await this.find(id);
    return inTransaction(this.db, async (tx) => {
      const now = this.clock.now();
      await tx.manager.query(`UPDATE bulk_transfer_tickets SET audited_at = $2, audited_by = $3, audit_comment = $4 WHERE id = $1`, [id, now, staffUserId, comment]);
      await this.audit.record(tx, { actor: { type: 'staff', id: staffUserId }, action: 'bulk_transfer.audited', target: { type: 'bulk_transfer_ticket', id }, after: { comment }, ...client });
      return { audited: true, at: now.toISOString() };
    });
  }

  private async find(id: string): Promise<TransferRow> {
    const [row] = UUID.test(id) ? ((await this.db.query(`${SELECT} WHERE t.id = $1 AND t.state = ANY($2::text[])`, [id, EXECUTED])) as TransferRow[]) : [];
    if (!row) throw notFound();
    return row;
  }
}
