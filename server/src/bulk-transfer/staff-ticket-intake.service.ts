import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppError } from '../common/app-error';
import type { ClientInfo } from '../common/client-info';
import { Clock } from '../common/clock';
import { inTransaction } from '../database/transaction';
import { TOP_CRUISE_REMARK, type StaffTicketChannel } from './inquiry';
import type { StaffTicketInput } from './staff-ticket-input';
import { TicketIntakeService, type OpenedTicket } from './ticket-intake.service';

/** How far back a request's receipt may be dated (a letter found in a drawer is a new request). */
const MAX_BACKDATE_DAYS = 90;

/**
 * An agent opens a ticket for a request that came by the inquiry form, phone or mail (domain.md §4.4).
 * The login email must exist; the validation worker checks the rest (network ID linked, billing).
 */
@Injectable()
export class StaffTicketIntakeService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly intake: TicketIntakeService,
    private readonly clock: Clock,
  ) {}

  async create(staffId: string, input: StaffTicketInput, client: Partial<ClientInfo>): Promise<OpenedTicket> {
    const receivedAt = this.receivedAt(input.receivedAt);
    return inTransaction(this.db, async (tx) => {
      const [staff] = (await tx.manager.query(`SELECT id FROM staff_users WHERE id = $1 AND active`, [staffId])) as Array<{ id: string }>;
      if (!staff) throw new AppError('staff_inactive', HttpStatus.FORBIDDEN, 'This staff account is not active');
      const [account] = (await tx.manager.query(`SELECT id, email, state FROM login_accounts WHERE lower(email) = lower($1)`, [input.email])) as Array<{
        id: string;
        email: string;
        state: string;
      }>;
      if (!account || account.state === 'disabled') {
        throw AppError.invalidInput([{ field: 'email', message: 'no login account has this email: the customer registers first (flow 4.1)' }]);
      }
      return this.intake.open(tx, {
        loginAccountId: account.id,
        email: account.email,
        networkId: input.networkId,
        topCruise: input.remark === TOP_CRUISE_REMARK,
        channel: input.channel as StaffTicketChannel,
        receivedAt,
        sourceReference: input.sourceReference || null,
        customerNote: input.customerNote || null,
        staffId,
        actor: { type: 'staff', id: staffId },
        context: client,
      });
    });
  }

  private receivedAt(value: string | undefined): Date {
    const now = this.clock.now();
    if (!value) return now;
    const at = new Date(value);
    if (at.getTime() > now.getTime() + 60_000) throw AppError.invalidInput([{ field: 'receivedAt', message: 'must not be in the future' }]);
    if (at.getTime() < now.getTime() - MAX_BACKDATE_DAYS * 86_400_000) {
      throw AppError.invalidInput([{ field: 'receivedAt', message: `must be within the last ${MAX_BACKDATE_DAYS} days` }]);
    }
    return at;
  }
}
