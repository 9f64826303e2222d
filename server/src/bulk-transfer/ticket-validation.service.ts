import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Clock } from '../common/clock';
import type { ServiceType } from '../contracts/service-type';
import { inTransaction, type Tx } from '../database/transaction';
import { OutboxService } from '../messaging/outbox.service';
import { RUNTIME, type Runtime } from '../runtime/runtime';
import { classifyContract, tooFew, topCruiseFlag, type AutoRejectReason, type ItemClass, type PlanContract } from './plan';
import { assertTransition, type TicketState } from './ticket-states';

interface TicketRow {
  id: string;
  number: string;
  state: TicketState;
  login_account_id: string;
  email: string;
  network_id: string;
  remark: string;
}

interface BillContract extends PlanContract {
  id: string;
  networkId: string;
}

export type ValidationOutcome = { state: 'needs_review' | 'auto_rejected'; reason?: AutoRejectReason; items: number } | { state: 'skipped' };

/** Tickets the reconciler re-enqueues: received and untouched for this long (a lost job). */
export const STALE_RECEIVED_MS = 60_000;

/**
 * Validation (domain.md §5), run by the queue worker on intake: checks the request against the data and
 * builds the plan — one item per contract of the billing account, classified — or rejects it with a
 * reason the customer is mailed. One transaction; running it again on a validated ticket does nothing.
 */
@Injectable()
export class TicketValidationService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
    @Inject(RUNTIME) private readonly runtime: Runtime,
  ) {}

  async validate(ticketId: string): Promise<ValidationOutcome> {
    return inTransaction(this.db, async (tx) => {
      const [ticket] = (await tx.manager.query(
        `SELECT id, number, state, login_account_id, email, network_id, remark FROM bulk_transfer_tickets WHERE id = $1 FOR UPDATE`,
        [ticketId],
      )) as TicketRow[];
      if (!ticket || ticket.state !== 'received') return { state: 'skipped' } as const;
      await this.move(tx, ticket, 'validating');
      const [account] = (await tx.manager.query(`SELECT state FROM login_accounts WHERE id = $1`, [ticket.login_account_id])) as Array<{ state: string }>;
      if (!account || account.state === 'disabled') return this.reject(tx, ticket, 'account_missing', 0);

      const [origin] = (await tx.manager.query(
        `SELECT c.billing_account_id, b.consolidated, b.top_cruise_linked FROM contracts c JOIN billing_accounts b ON b.id = c.billing_account_id
          WHERE c.network_id = $1 AND c.login_account_id = $2`,
        [ticket.network_id, ticket.login_account_id],
      )) as Array<{ billing_account_id: string; consolidated: boolean; top_cruise_linked: boolean }>;
      if (!origin) return this.reject(tx, ticket, 'network_id_not_linked', 0);
      await tx.manager.query(`UPDATE bulk_transfer_tickets SET billing_account_id = $2 WHERE id = $1`, [ticket.id, origin.billing_account_id]);

      const contracts = (
        (await tx.manager.query(
          `SELECT id, network_id, service_type, status, contracted_at::text AS contracted_at, login_account_id
             FROM contracts WHERE billing_account_id = $1 ORDER BY network_id`,
          [origin.billing_account_id],
        )) as Array<{ id: string; network_id: string; service_type: ServiceType; status: 'active' | 'cancelled'; contracted_at: string; login_account_id: string | null }>
      ).map((c): BillContract => ({ id: c.id, networkId: c.network_id, serviceType: c.service_type, status: c.status, contractedAt: c.contracted_at, loginAccountId: c.login_account_id }));
      const items = contracts.map((c) => ({ contract: c, class: classifyContract(c, ticket.login_account_id) }));
      await this.writePlan(tx, ticket.id, items);

      if (!origin.consolidated) return this.reject(tx, ticket, 'not_consolidated', items.length);
      if (tooFew(contracts)) return this.reject(tx, ticket, 'too_few_contracts', items.length);
      const flag = topCruiseFlag(ticket.remark, origin.top_cruise_linked);
      await tx.manager.query(`UPDATE bulk_transfer_tickets SET top_cruise_flag = $2, validated_at = $3 WHERE id = $1`, [ticket.id, flag, this.clock.now()]);
      await this.move(tx, ticket, 'needs_review', flag ? `top cruise: ${flag}` : null);
      await this.audit.record(tx, {
        actor: { type: 'system' },
        action: 'bulk_transfer.validated',
        target: { type: 'bulk_transfer_ticket', id: ticket.id },
        after: { number: ticket.number, state: 'needs_review', items: countByClass(items.map((i) => i.class)), topCruiseFlag: flag },
      });
      return { state: 'needs_review', items: items.length } as const;
    });
  }

  /** Ticket ids left `received` (their job lost with Redis, or never enqueued): the reconciler enqueues them again. */
  async staleReceived(limit = 500): Promise<string[]> {
    const rows = (await this.db.query(
      `SELECT id FROM bulk_transfer_tickets WHERE state = 'received' AND created_at < $1 ORDER BY created_at LIMIT $2`,
      [new Date(this.clock.now().getTime() - STALE_RECEIVED_MS), limit],
    )) as Array<{ id: string }>;
    return rows.map((r) => r.id);
  }

  /**
   * A `received` ticket has never been executed, so none of its items holds a result: a plain INSERT (no
   * ON CONFLICT, whose speculative insertion costs a third more on 10,000 rows) cannot meet a kept row.
   */
  private async writePlan(tx: Tx, ticketId: string, items: Array<{ contract: BillContract; class: ItemClass }>): Promise<void> {
    await tx.manager.query(`DELETE FROM bulk_transfer_items WHERE ticket_id = $1 AND result IS NULL`, [ticketId]);
    if (items.length === 0) return;
    await tx.manager.query(
      `INSERT INTO bulk_transfer_items (ticket_id, contract_id, network_id, service_type, class)
       SELECT $1, * FROM unnest($2::uuid[], $3::text[], $4::text[], $5::text[])`,
      [ticketId, items.map((i) => i.contract.id), items.map((i) => i.contract.networkId), items.map((i) => i.contract.serviceType), items.map((i) => i.class)],
    );
  }

  private async reject(tx: Tx, ticket: TicketRow, reason: AutoRejectReason, items: number): Promise<ValidationOutcome> {
    const now = this.clock.now();
    assertTransition(ticket.state, 'auto_rejected', 'system');
    await tx.manager.query(`UPDATE bulk_transfer_tickets SET auto_reject_reason = $2, validated_at = $3, closed_at = $3, state = 'auto_rejected', updated_at = $3 WHERE id = $1`, [
      ticket.id,
      reason,
      now,
    ]);
    await this.history(tx, ticket.id, 'validating', 'auto_rejected', reason);
    await this.audit.record(tx, { actor: { type: 'system' }, action: 'bulk_transfer.auto_rejected', target: { type: 'bulk_transfer_ticket', id: ticket.id }, after: { number: ticket.number, reason }, reason });
    await this.outbox.queueMail(tx, {
      template: 'bulk-transfer-auto-rejected',
      to: ticket.email,
      loginAccountId: ticket.login_account_id,
      data: { ticketNumber: ticket.number, email: ticket.email, reason, attachUrl: `${this.runtime.config.http.publicUrl}/contracts/attach` },
    });
    return { state: 'auto_rejected', reason, items };
  }

  private async move(tx: Tx, ticket: TicketRow, to: TicketState, reason: string | null = null): Promise<void> {
    assertTransition(ticket.state, to, 'system');
    await tx.manager.query(`UPDATE bulk_transfer_tickets SET state = $2, updated_at = $3 WHERE id = $1`, [ticket.id, to, this.clock.now()]);
    await this.history(tx, ticket.id, ticket.state, to, reason);
    ticket.state = to;
  }

  private async history(tx: Tx, ticketId: string, from: TicketState, to: TicketState, reason: string | null): Promise<void> {
    await tx.manager.query(
      `INSERT INTO bulk_transfer_ticket_history (ticket_id, from_state, to_state, actor_type, actor_id, reason, at) VALUES ($1, $2, $3, 'system', NULL, $4, $5)`,
      [ticketId, from, to, reason, this.clock.now()],
    );
  }
}

function countByClass(classes: ItemClass[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const c of classes) counts[c] = (counts[c] ?? 0) + 1;
  return counts;
}
