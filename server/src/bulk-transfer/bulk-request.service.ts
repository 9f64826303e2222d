import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { CustomerSession } from '../accounts/session/customer-session.service';
import { AppError } from '../common/app-error';
import type { ClientInfo } from '../common/client-info';
import { Clock } from '../common/clock';
import { INFOSPHERE_SERVICE_TYPES } from '../contracts/service-type';
import { inTransaction } from '../database/transaction';
import { BULK_MINIMUM_CONTRACTS, INQUIRY_CATEGORIES, TOP_CRUISE_REMARK } from './inquiry';
import { TicketIntakeService } from './ticket-intake.service';
import { isOpenState, type TicketState } from './ticket-states';

interface Origin {
  network_id: string;
  consolidated: boolean;
  infosphere_contracts: number;
}

interface TicketRow {
  number: string;
  state: TicketState;
  remark: string;
  received_at: Date;
  due_at: Date;
  linked_count?: number;
  auto_reject_reason?: string | null;
  customer_reason?: string | null;
}

/**
 * The bulk-transfer request as the signed-in customer files and follows it (domain.md §4.4): the fields
 * are fixed or prefilled (the category, the account's email, the network ID migrated at registration);
 * the customer only says whether Top Cruise invoices share the bill.
 */
@Injectable()
export class BulkRequestService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly intake: TicketIntakeService,
    private readonly clock: Clock,
  ) {}

  async view(session: CustomerSession) {
    const origin = await this.origin(session.loginAccountId);
    const [latest] = (await this.db.query(
      `SELECT t.number, t.state, t.remark, t.received_at, t.due_at, t.auto_reject_reason, t.customer_reason,
              (SELECT count(*)::int FROM bulk_transfer_items i WHERE i.ticket_id = t.id AND i.result = 'linked') AS linked_count
         FROM bulk_transfer_tickets t
        WHERE t.login_account_id = $1 ORDER BY t.received_at DESC, t.created_at DESC LIMIT 1`,
      [session.loginAccountId],
    )) as TicketRow[];
    return {
      prefill: { inquiryCategory: { code: 'billing_and_procedures', ...INQUIRY_CATEGORIES.billing_and_procedures }, email: session.email, networkId: origin.network_id },
      eligibility: eligibilityOf(origin),
      request: latest ? ticketView(latest) : null,
    };
  }

  async file(session: CustomerSession, topCruise: boolean, client: ClientInfo) {
    const origin = await this.origin(session.loginAccountId);
    const eligibility = eligibilityOf(origin);
    if (!eligibility.consolidated) {
      throw new AppError('bulk_not_consolidated', HttpStatus.UNPROCESSABLE_ENTITY, 'Bulk transfer needs consolidated billing: attach the contracts one by one');
    }
    if (!eligibility.eligible) {
      throw new AppError(
        'bulk_too_few_contracts',
        HttpStatus.UNPROCESSABLE_ENTITY,
        `Bulk transfer needs ${BULK_MINIMUM_CONTRACTS} or more InfoSphere contracts: attach them one by one`,
        { infosphereContracts: eligibility.infosphereContracts, minimum: BULK_MINIMUM_CONTRACTS },
      );
    }
    const ticket = await inTransaction(this.db, (tx) =>
      this.intake.open(tx, {
        loginAccountId: session.loginAccountId,
        email: session.email,
        networkId: origin.network_id,
        topCruise,
        channel: 'customer_site',
        receivedAt: this.clock.now(),
        actor: { type: 'customer', id: session.loginAccountId },
        context: client,
      }),
    );
    return ticketView({ number: ticket.number, state: ticket.state, remark: ticket.remark, received_at: ticket.receivedAt, due_at: ticket.dueAt });
  }

  /**
   * The network ID migrated at registration (the account's first self-service link) and its bill: the
   * guide's request names only that one, and the desk finds the others through its billing account.
   */
  private async origin(loginAccountId: string): Promise<Origin> {
    const [row] = (await this.db.query(
      `SELECT c.network_id, b.consolidated,
              (SELECT count(*)::int FROM contracts o
                WHERE o.billing_account_id = c.billing_account_id AND o.status = 'active' AND o.service_type = ANY($2::text[])) AS infosphere_contracts
         FROM contracts c JOIN billing_accounts b ON b.id = c.billing_account_id
        WHERE c.login_account_id = $1
        ORDER BY (c.linked_via = 'self_service') DESC, c.linked_at, c.network_id
        LIMIT 1`,
      [loginAccountId, INFOSPHERE_SERVICE_TYPES],
    )) as Origin[];
    // Every signed-in account has its registration contract (a desk unlink could leave none).
    if (!row) throw new AppError('no_contract', HttpStatus.CONFLICT, 'No contract is linked to this login account: please contact the support desk');
    return row;
  }
}

function eligibilityOf(origin: Origin) {
  return {
    consolidated: origin.consolidated,
    infosphereContracts: origin.infosphere_contracts,
    minimum: BULK_MINIMUM_CONTRACTS,
    eligible: origin.consolidated && origin.infosphere_contracts >= BULK_MINIMUM_CONTRACTS,
  };
}

function ticketView(t: TicketRow) {
  return {
    number: t.number,
    state: t.state,
    open: isOpenState(t.state),
    topCruise: t.remark === TOP_CRUISE_REMARK,
    remark: t.remark,
    receivedAt: t.received_at.toISOString(),
    dueAt: t.due_at.toISOString(),
    /** Contracts this request linked, once executed. */
    linkedCount: t.linked_count ?? 0,
    /** Why it was refused: a validation code, or the desk's words for a rejection. */
    refusal: t.auto_reject_reason ? { code: t.auto_reject_reason } : t.customer_reason ? { text: t.customer_reason } : null,
  };
}
