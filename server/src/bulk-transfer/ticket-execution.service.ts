import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Clock } from '../common/clock';
import { inTransaction, type Tx } from '../database/transaction';
import { OutboxService } from '../messaging/outbox.service';
import { RUNTIME, type Runtime } from '../runtime/runtime';
import { assertTransition, type TicketState } from './ticket-states';

/** Items linked per transaction (BULK_EXECUTION_BATCH): big enough to be fast, small enough that a crash loses little work. */
export const EXECUTION_BATCH = 500;

export type ExecutionOutcome = { state: 'completed' | 'partially_completed' | 'failed'; linked: number; alreadyLinked: number; conflicts: number } | { state: 'skipped' | 'in_progress' };

interface TicketRow {
  id: string;
  number: string;
  state: TicketState;
  login_account_id: string;
  email: string;
}

/**
 * Execution (domain.md §5): links the plan's `to_link` items in batches, each batch one transaction that
 * links the contracts still free (`login_account_id IS NULL`, never overwriting) and records every item's
 * result. Postgres is the truth: an item with a result is never touched again, so a crash, a retry or two
 * workers at once (`FOR UPDATE SKIP LOCKED` splits the batches) neither link twice nor skip an item.
 */
@Injectable()
export class TicketExecutionService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
    @Inject(RUNTIME) private readonly runtime: Runtime,
  ) {}

  async execute(ticketId: string): Promise<ExecutionOutcome> {
    const ticket = await this.start(ticketId);
    if (!ticket) return { state: 'skipped' };
    while ((await this.runBatch(ticket)) > 0);
    return this.finish(ticketId);
  }

  /** Tickets whose execution must go on (their job lost with Redis, or a worker killed): for the reconciler. */
  async unfinished(idleMs: number, limit = 500): Promise<string[]> {
    const rows = (await this.db.query(
      `SELECT id FROM bulk_transfer_tickets WHERE state IN ('approved', 'processing') AND updated_at < $1 ORDER BY updated_at LIMIT $2`,
      [new Date(this.clock.now().getTime() - idleMs), limit],
    )) as Array<{ id: string }>;
    return rows.map((r) => r.id);
  }

  private async start(ticketId: string): Promise<TicketRow | null> {
    return inTransaction(this.db, async (tx) => {
      const [ticket] = (await tx.manager.query(`SELECT id, number, state, login_account_id, email FROM bulk_transfer_tickets WHERE id = $1 FOR UPDATE`, [ticketId])) as TicketRow[];
      if (!ticket || (ticket.state !== 'approved' && ticket.state !== 'processing')) return null;
      if (ticket.state === 'approved') {
        assertTransition('approved', 'processing', 'system');
        const now = this.clock.now();
        await tx.manager.query(`UPDATE bulk_transfer_tickets SET state = 'processing', execution_started_at = $2, updated_at = $2 WHERE id = $1`, [ticketId, now]);
        await this.history(tx, ticketId, 'approved', 'processing');
        await this.audit.record(tx, { actor: { type: 'system' }, action: 'bulk_transfer.processing', target: { type: 'bulk_transfer_ticket', id: ticketId }, before: { state: 'approved' }, after: { state: 'processing' } });
        ticket.state = 'processing';
      }
      return ticket;
    });
  }

  private async runBatch(ticket: TicketRow): Promise<number> {
    return inTransaction(this.db, async (tx) => {
      const items = (await tx.manager.query(
        `SELECT id, contract_id, network_id FROM bulk_transfer_items
          WHERE ticket_id = $1 AND class = 'to_link' AND result IS NULL AND excluded_reason IS NULL
          ORDER BY id LIMIT ${this.runtime.config.bulkExecutionBatch ?? EXECUTION_BATCH} FOR UPDATE SKIP LOCKED`,
        [ticket.id],
      )) as Array<{ id: string; contract_id: string; network_id: string }>;
      if (items.length === 0) return 0;
      const now = this.clock.now();
      // Rows locked in id order, as the customer's attach locks them: two linkers meeting on the same
      // contracts queue instead of deadlocking (a plain UPDATE … = ANY locks in whatever order it scans).
      const [linkedRows] = (await tx.manager.query(
        `UPDATE contracts c SET login_account_id = $2, linked_at = $3, linked_via = 'bulk_ticket', updated_at = $3
           FROM (SELECT id FROM contracts WHERE id = ANY($1::uuid[]) AND login_account_id IS NULL AND status = 'active' ORDER BY id FOR UPDATE) free
          WHERE c.id = free.id
          RETURNING c.id, c.network_id`,
        [items.map((i) => i.contract_id), ticket.login_account_id, now],
      )) as [Array<{ id: string; network_id: string }>, number];
      await this.recordResults(tx, ticket, items, new Set(linkedRows.map((r) => r.id)), now);
      await tx.manager.query(`UPDATE bulk_transfer_tickets SET updated_at = $2 WHERE id = $1`, [ticket.id, now]);
      await this.audit.record(tx, {
        actor: { type: 'system' },
        action: 'bulk_transfer.batch_linked',
        target: { type: 'bulk_transfer_ticket', id: ticket.id },
        after: { loginAccountId: ticket.login_account_id, linkedVia: 'bulk_ticket', items: items.length, linked: linkedRows.map((r) => r.network_id) },
      });
      return items.length;
    });
  }

  /**
   * Items whose contract was just linked are `linked`; only the rest (usually none) need the contract's
   * owner read to tell `already_linked` from `conflict`, so the common batch skips that join.
   */
  private async recordResults(tx: Tx, ticket: TicketRow, items: Array<{ id: string; contract_id: string }>, linked: Set<string>, now: Date): Promise<void> {
    const done = items.filter((i) => linked.has(i.contract_id)).map((i) => i.id);
    const rest = items.filter((i) => !linked.has(i.contract_id)).map((i) => i.id);
    if (done.length > 0) await tx.manager.query(`UPDATE bulk_transfer_items SET result = 'linked', result_at = $2 WHERE id = ANY($1::bigint[])`, [done, now]);
    if (rest.length === 0) return;
    await tx.manager.query(
      `UPDATE bulk_transfer_items i
          SET result = CASE WHEN c.login_account_id = $2 THEN 'already_linked' ELSE 'conflict' END, result_at = $3
         FROM contracts c
        WHERE c.id = i.contract_id AND i.id = ANY($1::bigint[])`,
      [rest, ticket.login_account_id, now],
    );
  }

  private async finish(ticketId: string): Promise<ExecutionOutcome> {
    return inTransaction(this.db, async (tx) => {
      const [ticket] = (await tx.manager.query(`SELECT id, number, state, login_account_id, email FROM bulk_transfer_tickets WHERE id = $1 FOR UPDATE`, [ticketId])) as TicketRow[];
      if (ticket.state !== 'processing') return { state: 'skipped' } as const;
      const rows = (await tx.manager.query(
        `SELECT network_id, result FROM bulk_transfer_items WHERE ticket_id = $1 AND class = 'to_link' AND excluded_reason IS NULL ORDER BY network_id`,
        [ticketId],
      )) as Array<{ network_id: string; result: 'linked' | 'already_linked' | 'conflict' | null }>;
      // Another worker still holds a batch: it finishes the ticket.
      if (rows.some((r) => r.result === null)) return { state: 'in_progress' } as const;
      const linked = rows.filter((r) => r.result === 'linked').map((r) => r.network_id);
      const alreadyLinked = rows.filter((r) => r.result === 'already_linked').length;
      const conflicts = rows.filter((r) => r.result === 'conflict').map((r) => r.network_id);
      const state = conflicts.length === 0 ? 'completed' : linked.length + alreadyLinked > 0 ? 'partially_completed' : 'failed';
      assertTransition('processing', state, 'system');
      const now = this.clock.now();
      await tx.manager.query(`UPDATE bulk_transfer_tickets SET state = $2, closed_at = $3, updated_at = $3 WHERE id = $1`, [ticketId, state, now]);
      await this.history(tx, ticketId, 'processing', state);
      await this.audit.record(tx, {
        actor: { type: 'system' },
        action: `bulk_transfer.${state}`,
        target: { type: 'bulk_transfer_ticket', id: ticketId },
        after: { number: ticket.number, linked: linked.length, alreadyLinked, conflicts: conflicts.length },
      });
      await this.outbox.queueMail(tx, {
        template: 'bulk-transfer-finished',
        to: ticket.email,
        loginAccountId: ticket.login_account_id,
        data: { ticketNumber: ticket.number, email: ticket.email, linked, notLinked: conflicts, contractsUrl: `${this.runtime.config.http.publicUrl}/contracts` },
      });
      return { state, linked: linked.length, alreadyLinked, conflicts: conflicts.length } as const;
    });
  }

  private async history(tx: Tx, ticketId: string, from: TicketState, to: TicketState): Promise<void> {
    await tx.manager.query(
      `INSERT INTO bulk_transfer_ticket_history (ticket_id, from_state, to_state, actor_type, actor_id, reason, at) VALUES ($1, $2, $3, 'system', NULL, NULL, $4)`,
      [ticketId, from, to, this.clock.now()],
    );
  }
}
