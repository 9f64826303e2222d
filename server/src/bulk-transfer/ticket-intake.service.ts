import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import type { AuditEventInput } from '../audit/audit-event';
import { AppError } from '../common/app-error';
import { Clock } from '../common/clock';
import type { Tx } from '../database/transaction';
import { OutboxService } from '../messaging/outbox.service';
import { RUNTIME, type Runtime } from '../runtime/runtime';
import { INQUIRY_CATEGORIES, remarkFor, type TicketChannel } from './inquiry';
import { OPEN_TICKET_STATES, type TicketState } from './ticket-states';
import { TicketQueue } from './ticket.queue';

export interface TicketIntake {
  loginAccountId: string;
  email: string;
  networkId: string;
  topCruise: boolean;
  channel: TicketChannel;
  /** When the request reached the desk (a mail from last week); the SLA counts from here. */
  receivedAt: Date;
  /** The inquiry-form number, the call id, the CSV file and row: where the request can be found again. */
  sourceReference?: string | null;
  customerNote?: string | null;
  /** Who typed it in (null when the customer filed it on the site). */
  staffId?: string | null;
  actor: AuditEventInput['actor'];
  context: { ip?: string | null; userAgent?: string | null; requestId?: string | null };
}

export interface OpenedTicket {
  id: string;
  number: string;
  state: TicketState;
  remark: string;
  receivedAt: Date;
  dueAt: Date;
}

const UNIQUE_VIOLATION = '23505';

/**
 * Opens a bulk-transfer ticket in `received` (domain.md §5) with its first history row, its audit event
 * and the acknowledgement mail, inside the caller's transaction. One open ticket per login account: the
 * partial unique index decides, so two requests at once cannot both open one.
 */
@Injectable()
export class TicketIntakeService {
  constructor(
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
    private readonly queue: TicketQueue,
    @Inject(RUNTIME) private readonly runtime: Runtime,
  ) {}

  async open(tx: Tx, intake: TicketIntake): Promise<OpenedTicket> {
    const dueAt = new Date(intake.receivedAt.getTime() + this.runtime.config.bulkTransferSlaDays * 86_400_000);
    const remark = remarkFor(intake.topCruise);
    const now = this.clock.now();
    // The account row is locked first, so two requests of one customer at once queue here, and the
    // second finds the first one's number; the unique index stays the backstop.
    await tx.manager.query(`SELECT 1 FROM login_accounts WHERE id = $1 FOR UPDATE`, [intake.loginAccountId]);
    const [open] = (await tx.manager.query(
      `SELECT number FROM bulk_transfer_tickets WHERE login_account_id = $1 AND state = ANY($2::text[])`,
      [intake.loginAccountId, OPEN_TICKET_STATES],
    )) as Array<{ number: string }>;
    if (open) throw openRequestError(open.number);
    let row: { id: string; number: string };
    try {
      [row] = (await tx.manager.query(
        `INSERT INTO bulk_transfer_tickets (login_account_id, email, network_id, inquiry_category, remark, channel, source_reference,
                                            customer_note, state, received_at, due_at, created_by_staff_id, created_at, updated_at)
         VALUES ($1, $2, $3, 'billing_and_procedures', $4, $5, $6, $7, 'received', $8, $9, $10, $11, $11)
         RETURNING id, number`,
        [
          intake.loginAccountId,
          intake.email,
          intake.networkId,
          remark,
          intake.channel,
          intake.sourceReference ?? null,
          intake.customerNote ?? null,
          intake.receivedAt,
          dueAt,
          intake.staffId ?? null,
          now,
        ],
      )) as Array<{ id: string; number: string }>;
    } catch (error) {
      if ((error as { driverError?: { code?: string } }).driverError?.code === UNIQUE_VIOLATION) throw openRequestError(null);
      throw error;
    }
    await tx.manager.query(
      `INSERT INTO bulk_transfer_ticket_history (ticket_id, from_state, to_state, actor_type, actor_id, reason, at)
       VALUES ($1, NULL, 'received', $2, $3, $4, $5)`,
      [row.id, intake.actor.type === 'staff' ? 'staff' : 'customer', intake.actor.id ?? null, `intake: ${intake.channel}`, now],
    );
    await this.audit.record(tx, {
      actor: intake.actor,
      action: 'bulk_transfer.ticket_received',
      target: { type: 'bulk_transfer_ticket', id: row.id },
      after: {
        number: row.number,
        loginAccountId: intake.loginAccountId,
        networkId: intake.networkId,
        remark,
        channel: intake.channel,
        receivedAt: intake.receivedAt.toISOString(),
        dueAt: dueAt.toISOString(),
        sourceReference: intake.sourceReference ?? null,
      },
      ...intake.context,
    });
    await this.outbox.queueMail(tx, {
      template: 'bulk-transfer-received',
      to: intake.email,
      loginAccountId: intake.loginAccountId,
      data: {
        ticketNumber: row.number,
        email: intake.email,
        networkId: intake.networkId,
        inquiryCategory: INQUIRY_CATEGORIES.billing_and_procedures.ja,
        remark,
        contractsUrl: `${this.runtime.config.http.publicUrl}/contracts`,
      },
    });
    tx.afterCommit(() => this.queue.enqueueValidation(row.id));
    return { id: row.id, number: row.number, state: 'received', remark, receivedAt: intake.receivedAt, dueAt };
  }
}

export function openRequestError(number: string | null): AppError {
  return new AppError('bulk_request_open', HttpStatus.CONFLICT, number ? `A bulk-transfer request is already open: ${number}` : 'A bulk-transfer request is already open', {
    ticketNumber: number,
  });
}
