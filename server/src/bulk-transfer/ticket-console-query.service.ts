import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppError } from '../common/app-error';
import { Clock } from '../common/clock';
import { SERVICE_TYPES, type ServiceType } from '../contracts/service-type';
import type { ItemClass } from './plan';
import { isOpenState, OPEN_TICKET_STATES, type TicketState } from './ticket-states';

export interface TicketListQuery {
  state?: TicketState[];
  assigneeId?: string;
  flagged?: boolean;
  breached?: boolean;
  topCruise?: boolean;
  q?: string;
  sort: 'receivedAt' | 'dueAt';
  order: 'ASC' | 'DESC';
  start: number;
  end: number;
}

export const ITEM_RESULT_FILTERS = ['linked', 'already_linked', 'conflict', 'none'] as const;

export interface TicketItemsQuery {
  class?: ItemClass;
  /** `none`: not executed (yet). */
  result?: (typeof ITEM_RESULT_FILTERS)[number];
  excluded?: boolean;
  order: 'ASC' | 'DESC';
  start: number;
  end: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SORT = { receivedAt: 't.received_at', dueAt: 't.due_at' } as const;
const notFound = () => new AppError('ticket_not_found', HttpStatus.NOT_FOUND, 'No such ticket');

/**
 * The console's reading of tickets (domain.md §6.1): the queue with its SLA clock; one ticket with its
 * counts, history and notes; its items a page at a time; its progress for a page that watches it.
 */
@Injectable()
export class TicketConsoleQueryService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
  ) {}

  async list(query: TicketListQuery) {
    const now = this.clock.now();
    const params: unknown[] = [];
    const where: string[] = [];
    if (query.state?.length) where.push(`t.state = ANY($${params.push(query.state)}::text[])`);
    if (query.assigneeId) where.push(`t.assignee_id = $${params.push(query.assigneeId)}`);
    if (query.flagged !== undefined) where.push(query.flagged ? 't.top_cruise_flag IS NOT NULL' : 't.top_cruise_flag IS NULL');
    if (query.topCruise !== undefined) where.push(query.topCruise ? `t.remark <> ''` : `t.remark = ''`);
    if (query.breached) where.push(`t.due_at < $${params.push(now)} AND t.state = ANY($${params.push(OPEN_TICKET_STATES)}::text[])`);
    if (query.q) {
      const exact = params.push(query.q.trim());
      const prefix = params.push(`${query.q.trim().toLowerCase().replace(/[%_\\]/g, '\\$&')}%`);
      where.push(`(t.number = upper($${exact}) OR t.network_id = upper($${exact}) OR lower(t.email) LIKE $${prefix})`);
    }
    const filter = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const [rows, [{ total }]] = await Promise.all([
      this.db.query(
        `SELECT t.id, t.number, t.state, t.email, t.network_id, t.remark, t.channel, t.top_cruise_flag, t.received_at, t.due_at, t.assignee_id,
                s.display_name AS assignee_name, t.submitted_at, t.prepared_by, t.approved_by, t.auto_reject_reason,
                (SELECT count(*)::int FROM bulk_transfer_items i WHERE i.ticket_id = t.id AND i.class = 'to_link' AND i.excluded_reason IS NULL) AS to_link
           FROM bulk_transfer_tickets t LEFT JOIN staff_users s ON s.id = t.assignee_id
           ${filter}
          ORDER BY ${SORT[query.sort]} ${query.order}, t.id
          LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
        [...params, query.end - query.start, query.start],
      ) as Promise<Array<Record<string, unknown> & { state: TicketState; received_at: Date; due_at: Date }>>,
      this.db.query(`SELECT count(*)::int AS total FROM bulk_transfer_tickets t ${filter}`, params) as Promise<Array<{ total: number }>>,
    ]);
    return { total, items: rows.map((r) => this.summary(r, now)) };
  }

  async one(id: string) {
    if (!UUID.test(id)) throw notFound();
    const now = this.clock.now();
    const [[ticket], counts, history, notes] = await Promise.all([
      this.db.query(
        `SELECT t.*, s.display_name AS assignee_name, b.code AS billing_code, b.customer_name, b.consolidated, b.top_cruise_linked,
                p.display_name AS prepared_by_name, a.display_name AS approved_by_name
           FROM bulk_transfer_tickets t
           LEFT JOIN staff_users s ON s.id = t.assignee_id LEFT JOIN staff_users p ON p.id = t.prepared_by LEFT JOIN staff_users a ON a.id = t.approved_by
           LEFT JOIN billing_accounts b ON b.id = t.billing_account_id
          WHERE t.id = $1`,
        [id],
      ) as Promise<Array<Record<string, unknown> & { state: TicketState; received_at: Date; due_at: Date }>>,
      this.itemCounts(id),
      this.db.query(
        `SELECT h.from_state, h.to_state, h.actor_type, h.actor_id, s.display_name, h.reason, h.at FROM bulk_transfer_ticket_history h LEFT JOIN staff_users s ON s.id = h.actor_id WHERE h.ticket_id = $1 ORDER BY h.id`,
        [id],
      ) as Promise<Array<{ from_state: string | null; to_state: string; actor_type: string; actor_id: string | null; display_name: string | null; reason: string | null; at: Date }>>,
      this.db.query(`SELECT n.id, n.body, n.created_at, s.display_name FROM bulk_transfer_ticket_notes n JOIN staff_users s ON s.id = n.staff_user_id WHERE n.ticket_id = $1 ORDER BY n.id`, [id]) as Promise<
        Array<{ id: string; body: string; created_at: Date; display_name: string }>
      >,
    ]);
    if (!ticket) throw notFound();
    return {
      ...this.summary({ ...ticket, to_link: counts.progress.planned }, now),
      billingAccount: ticket.billing_code ? { code: ticket.billing_code, customerName: ticket.customer_name, consolidated: ticket.consolidated, topCruiseLinked: ticket.top_cruise_linked } : null,
      preparedByName: ticket.prepared_by_name ?? null,
      approvedByName: ticket.approved_by_name ?? null,
      customerReason: ticket.customer_reason ?? null,
      progress: counts.progress,
      classes: counts.classes,
      history: history.map((h) => ({ from: h.from_state, to: h.to_state, actor: { type: h.actor_type, id: h.actor_id, name: h.display_name }, reason: h.reason, at: h.at.toISOString() })),
      notes: notes.map((n) => ({ id: Number(n.id), body: n.body, by: n.display_name, at: n.created_at.toISOString() })),
    };
  }

  /**
   * One page of a ticket's items (a bill may hold thousands of contracts): one class, result or
   * exclusion at a time, ordered by network ID (the index on ticket, class, network ID serves it).
   */
  async items(id: string, query: TicketItemsQuery) {
    if (!UUID.test(id)) throw notFound();
    const params: unknown[] = [id];
    const where = ['i.ticket_id = $1'];
    if (query.class) where.push(`i.class = $${params.push(query.class)}`);
    if (query.result === 'none') where.push('i.result IS NULL');
    else if (query.result) where.push(`i.result = $${params.push(query.result)}`);
    if (query.excluded !== undefined) where.push(query.excluded ? 'i.excluded_reason IS NOT NULL' : 'i.excluded_reason IS NULL');
    const filter = where.join(' AND ');
    const [rows, [{ total, found }]] = await Promise.all([
      this.db.query(
        `SELECT i.id, i.network_id, i.service_type, i.class, i.excluded_reason, i.result, i.result_at FROM bulk_transfer_items i
          WHERE ${filter} ORDER BY i.network_id ${query.order}, i.id ${query.order} LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
        [...params, query.end - query.start, query.start],
      ) as Promise<Array<{ id: string; network_id: string; service_type: ServiceType; class: string; excluded_reason: string | null; result: string | null; result_at: Date | null }>>,
      this.db.query(`SELECT (SELECT count(*)::int FROM bulk_transfer_items i WHERE ${filter}) AS total, EXISTS (SELECT 1 FROM bulk_transfer_tickets WHERE id = $1) AS found`, params) as Promise<
        Array<{ total: number; found: boolean }>
      >,
    ]);
    if (!found) throw notFound();
    return {
      total,
      items: rows.map((i) => ({
        id: Number(i.id),
        networkId: i.network_id,
        serviceType: i.service_type,
        serviceName: { ja: SERVICE_TYPES[i.service_type].ja, en: SERVICE_TYPES[i.service_type].en },
        class: i.class,
        excludedReason: i.excluded_reason,
        result: i.result,
        resultAt: i.result_at?.toISOString() ?? null,
      })),
    };
  }

  /** What a page watching a ticket move on needs each second: its state and the counts, never the items. */
  async progress(id: string) {
    if (!UUID.test(id)) throw notFound();
    const [[ticket], counts] = await Promise.all([
      this.db.query(`SELECT state, updated_at FROM bulk_transfer_tickets WHERE id = $1`, [id]) as Promise<Array<{ state: TicketState; updated_at: Date }>>,
      this.itemCounts(id),
    ]);
    if (!ticket) throw notFound();
    return { id, state: ticket.state, open: isOpenState(ticket.state), updatedAt: ticket.updated_at.toISOString(), toLink: counts.progress.planned, progress: counts.progress, classes: counts.classes };
  }

  /** Items per class and the execution's results, in one pass over the ticket's items. */
  private async itemCounts(id: string) {
    const rows = (await this.db.query(
      `SELECT class, count(*)::int AS items,
              count(*) FILTER (WHERE excluded_reason IS NULL)::int AS planned,
              count(*) FILTER (WHERE excluded_reason IS NULL AND result IS NOT NULL)::int AS done,
              count(*) FILTER (WHERE excluded_reason IS NULL AND result = 'linked')::int AS linked,
              count(*) FILTER (WHERE excluded_reason IS NULL AND result = 'already_linked')::int AS already_linked,
              count(*) FILTER (WHERE excluded_reason IS NULL AND result = 'conflict')::int AS conflicts
         FROM bulk_transfer_items WHERE ticket_id = $1 GROUP BY class`,
      [id],
    )) as Array<{ class: string; items: number; planned: number; done: number; linked: number; already_linked: number; conflicts: number }>;
    // Only items to link are planned (and executed): the other classes are shown, never linked.
    const toLink = rows.find((r) => r.class === 'to_link');
    return {
      classes: Object.fromEntries(rows.map((r) => [r.class, r.items])) as Record<string, number>,
      progress: {
        planned: toLink?.planned ?? 0,
        done: toLink?.done ?? 0,
        linked: toLink?.linked ?? 0,
        alreadyLinked: toLink?.already_linked ?? 0,
        conflicts: toLink?.conflicts ?? 0,
      },
    };
  }

  private summary(r: Record<string, unknown> & { state: TicketState; received_at: Date; due_at: Date }, now: Date) {
    const open = isOpenState(r.state);
    return {
      id: r.id as string,
      number: r.number as string,
      state: r.state,
      open,
      email: r.email as string,
      networkId: r.network_id as string,
      remark: r.remark as string,
      channel: r.channel as string,
      topCruiseFlag: (r.top_cruise_flag as string | null) ?? null,
      autoRejectReason: (r.auto_reject_reason as string | null) ?? null,
      receivedAt: r.received_at.toISOString(),
      dueAt: r.due_at.toISOString(),
      ageDays: Math.floor((now.getTime() - r.received_at.getTime()) / 86_400_000),
      breached: open && r.due_at < now,
      assigneeId: (r.assignee_id as string | null) ?? null,
      assigneeName: (r.assignee_name as string | null) ?? null,
      submitted: r.submitted_at !== null,
      preparedBy: (r.prepared_by as string | null) ?? null,
      approvedBy: (r.approved_by as string | null) ?? null,
      toLink: r.to_link as number,
    };
  }
}
