import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { AppError } from '../common/app-error';
import type { ClientInfo } from '../common/client-info';
import { Clock } from '../common/clock';
import type { ServiceType } from '../contracts/service-type';
import { inTransaction, type Tx } from '../database/transaction';
import { OutboxService } from '../messaging/outbox.service';
import { RUNTIME, type Runtime } from '../runtime/runtime';
import type { StaffRole } from '../staff/staff-user.entity';
import { classifyContract } from './plan';
import { TicketQueue } from './ticket.queue';
import { canTransition, type TicketActor, type TicketState } from './ticket-states';

export interface Reviewer {
  staffUserId: string;
  role: StaffRole;
  client: ClientInfo;
}

interface LockedTicket {
  id: string;
  number: string;
  state: TicketState;
  login_account_id: string;
  email: string;
  prepared_by: string | null;
  submitted_at: Date | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const notFound = () => new AppError('ticket_not_found', HttpStatus.NOT_FOUND, 'No such ticket');
const actorOf = (role: StaffRole): TicketActor => (role === 'supervisor' ? 'supervisor' : 'agent');

/**
 * Review and approval (domain.md §5): an agent works the plan (assign, notes, exclusions) and submits it;
 * a supervisor who did not prepare it approves (the plan is re-checked against the data first) or
 * rejects with a reason the customer is mailed. Approval enqueues the execution after its commit.
 */
@Injectable()
export class TicketReviewService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    private readonly queue: TicketQueue,
    private readonly clock: Clock,
    @Inject(RUNTIME) private readonly runtime: Runtime,
  ) {}

  async assignToMe(ticketId: string, who: Reviewer) {
    return this.change(ticketId, who, 'bulk_transfer.assigned', async (tx, t) => {
      await tx.manager.query(`UPDATE bulk_transfer_tickets SET assignee_id = $2, updated_at = $3 WHERE id = $1`, [t.id, who.staffUserId, this.clock.now()]);
      return { assigneeId: who.staffUserId };
    });
  }

  async addNote(ticketId: string, body: string, who: Reviewer) {
    return this.change(ticketId, who, 'bulk_transfer.note_added', async (tx, t) => {
      await tx.manager.query(`INSERT INTO bulk_transfer_ticket_notes (ticket_id, staff_user_id, body, created_at) VALUES ($1, $2, $3, $4)`, [t.id, who.staffUserId, body, this.clock.now()]);
      return { note: body.slice(0, 200) };
    });
  }

  /** Takes a planned item out (or puts it back with `reason: null`); the plan must be submitted again. */
  async excludeItem(ticketId: string, itemId: string, reason: string | null, who: Reviewer) {
    return this.change(ticketId, who, reason ? 'bulk_transfer.item_excluded' : 'bulk_transfer.item_included', async (tx, t) => {
      this.requireState(t, ['needs_review']);
      const [rows] = (await tx.manager.query(
        `UPDATE bulk_transfer_items SET excluded_reason = $3, excluded_by = $4 WHERE id = $2 AND ticket_id = $1 AND class = 'to_link' RETURNING network_id`,
        [t.id, itemId, reason, reason ? who.staffUserId : null],
      )) as [Array<{ network_id: string }>, number];
      if (rows.length === 0) throw new AppError('item_not_found', HttpStatus.NOT_FOUND, 'No such planned item to link on this ticket');
      await this.unsubmit(tx, t);
      return { networkId: rows[0].network_id, excludedReason: reason };
    });
  }

  async submit(ticketId: string, who: Reviewer) {
    return this.change(ticketId, who, 'bulk_transfer.submitted', async (tx, t) => {
      this.requireState(t, ['needs_review']);
      await tx.manager.query(`UPDATE bulk_transfer_tickets SET prepared_by = $2, submitted_at = $3, updated_at = $3 WHERE id = $1`, [t.id, who.staffUserId, this.clock.now()]);
      return { preparedBy: who.staffUserId };
    });
  }

  async approve(ticketId: string, who: Reviewer) {
    const outcome = await this.change(ticketId, who, 'bulk_transfer.approved', async (tx, t) => {
      this.requireTransition(t, 'approved', who);
      if (!t.submitted_at || !t.prepared_by) throw new AppError('not_submitted', HttpStatus.CONFLICT, 'The plan has not been submitted for approval');
      if (t.prepared_by === who.staffUserId) throw new AppError('four_eyes', HttpStatus.FORBIDDEN, 'You prepared this plan: another supervisor approves it');
      const changed = await this.replan(tx, t);
      if (changed > 0) {
        await this.unsubmit(tx, t);
        return { replanned: changed };
      }
      await tx.manager.query(`UPDATE bulk_transfer_tickets SET state = 'approved', approved_by = $2, updated_at = $3 WHERE id = $1`, [t.id, who.staffUserId, this.clock.now()]);
      await this.history(tx, t.id, t.state, 'approved', who, null);
      tx.afterCommit(() => this.queue.enqueueExecution(t.id));
      return { state: 'approved' };
    });
    if ('replanned' in outcome) {
      throw new AppError('plan_changed', HttpStatus.CONFLICT, `The data changed since the plan (${String(outcome.replanned)} items): review it and submit again`, {
        changedItems: outcome.replanned,
      });
    }
    return outcome;
  }

  async reject(ticketId: string, reason: string, who: Reviewer) {
    return this.change(ticketId, who, 'bulk_transfer.rejected', async (tx, t) => {
      this.requireTransition(t, 'rejected', who);
      const now = this.clock.now();
      await tx.manager.query(`UPDATE bulk_transfer_tickets SET state = 'rejected', customer_reason = $2, closed_at = $3, updated_at = $3 WHERE id = $1`, [t.id, reason, now]);
      await this.history(tx, t.id, t.state, 'rejected', who, reason);
      await this.outbox.queueMail(tx, {
        template: 'bulk-transfer-rejected',
        to: t.email,
        loginAccountId: t.login_account_id,
        data: { ticketNumber: t.number, email: t.email, reason, attachUrl: `${this.runtime.config.http.publicUrl}/contracts/attach` },
      });
      return { state: 'rejected', reason };
    });
  }

  /**
   * Classifies the plan's items again against the data now: a contract the customer linked meanwhile, one
   * linked elsewhere or cancelled since. Returns how many items changed class (and rewrites them).
   */
  private async replan(tx: Tx, t: LockedTicket): Promise<number> {
    const rows = (await tx.manager.query(
      `SELECT i.id, i.class, c.service_type, c.status, c.contracted_at::text AS contracted_at, c.login_account_id
         FROM bulk_transfer_items i JOIN contracts c ON c.id = i.contract_id
        WHERE i.ticket_id = $1 AND i.result IS NULL FOR UPDATE OF i`,
      [t.id],
    )) as Array<{ id: string; class: string; service_type: ServiceType; status: 'active' | 'cancelled'; contracted_at: string; login_account_id: string | null }>;
    const changed = rows
      .map((r) => ({ id: r.id, was: r.class, now: classifyContract({ serviceType: r.service_type, status: r.status, contractedAt: r.contracted_at, loginAccountId: r.login_account_id }, t.login_account_id) }))
      .filter((r) => r.was !== r.now);
    if (changed.length > 0) {
      await tx.manager.query(`UPDATE bulk_transfer_items i SET class = u.class FROM unnest($1::bigint[], $2::text[]) AS u (id, class) WHERE i.id = u.id`, [
        changed.map((c) => c.id),
        changed.map((c) => c.now),
      ]);
    }
    return changed.length;
  }

  private async unsubmit(tx: Tx, t: LockedTicket): Promise<void> {
    await tx.manager.query(`UPDATE bulk_transfer_tickets SET prepared_by = NULL, submitted_at = NULL, updated_at = $2 WHERE id = $1`, [t.id, this.clock.now()]);
  }

  private requireState(t: LockedTicket, states: TicketState[]): void {
    if (!states.includes(t.state)) throw new AppError('wrong_ticket_state', HttpStatus.CONFLICT, `Not possible while the ticket is ${t.state}`, { state: t.state });
  }

  private requireTransition(t: LockedTicket, to: TicketState, who: Reviewer): void {
    if (!canTransition(t.state, to, actorOf(who.role))) {
      throw new AppError('wrong_ticket_state', HttpStatus.CONFLICT, `A ${who.role} cannot move a ${t.state} ticket to ${to}`, { state: t.state });
    }
  }

  private async history(tx: Tx, ticketId: string, from: TicketState, to: TicketState, who: Reviewer, reason: string | null): Promise<void> {
    await tx.manager.query(
      `INSERT INTO bulk_transfer_ticket_history (ticket_id, from_state, to_state, actor_type, actor_id, reason, at) VALUES ($1, $2, $3, 'staff', $4, $5, $6)`,
      [ticketId, from, to, who.staffUserId, reason, this.clock.now()],
    );
  }

  /** Locks the ticket, runs the change, audits it with the staff member, in one transaction. */
  private async change<T extends object>(ticketId: string, who: Reviewer, action: string, work: (tx: Tx, t: LockedTicket) => Promise<T>): Promise<T> {
    if (!UUID.test(ticketId)) throw notFound();
    return inTransaction(this.db, async (tx) => {
      const [t] = (await tx.manager.query(
        `SELECT id, number, state, login_account_id, email, prepared_by, submitted_at FROM bulk_transfer_tickets WHERE id = $1 FOR UPDATE`,
        [ticketId],
      )) as LockedTicket[];
      if (!t) throw notFound();
      const before = { state: t.state };
      const after = await work(tx, t);
      const recorded = 'replanned' in after ? 'bulk_transfer.replanned' : action;
      await this.audit.record(tx, { actor: { type: 'staff', id: who.staffUserId }, action: recorded, target: { type: 'bulk_transfer_ticket', id: t.id }, before, after, ...who.client });
      return after;
    });
  }
}
