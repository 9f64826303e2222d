import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { AppError } from '../common/app-error';
import { Clock } from '../common/clock';
import { inTransaction, type Tx } from '../database/transaction';
import { OutboxService } from '../messaging/outbox.service';
import type { DeskMfaChange } from '../messaging/templates/desk-mfa-change.template';
import { MfaService } from '../mfa/mfa.service';
import { RUNTIME, type Runtime } from '../runtime/runtime';
import { StaffStepUpService } from '../staff/staff-step-up.service';
import { auditContext, lockCustomer, type DeskActor } from './desk-context';

export const MFA_RESET_REASONS = ['lost_device', 'new_phone', 'lost_recovery_code', 'locked_out', 'other'] as const;
export type MfaResetReason = (typeof MFA_RESET_REASONS)[number];

export interface MfaResetRequest {
  reasonCode: MfaResetReason;
  /** How the caller's identity was checked (questions asked, documents seen): required, kept in the audit log. */
  identityCheck: string;
  stepUpCode: string;
  ticketNumber?: string;
}

/**
 * The desk's two MFA rescues (domain.md §6.4, §6.5), each behind the agent's own fresh TOTP code and a
 * reason, each ending with a notice mail to the customer. A reset signs the customer out everywhere; a
 * reissued recovery code is returned once to be read out, stored only as a hash, never mailed.
 */
@Injectable()
export class DeskMfaService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly mfa: MfaService,
    private readonly stepUp: StaffStepUpService,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
    @Inject(RUNTIME) private readonly runtime: Runtime,
  ) {}

  async reset(loginAccountId: string, request: MfaResetRequest, desk: DeskActor) {
    return inTransaction(this.db, async (tx) => {
      const customer = await lockCustomer(tx, loginAccountId);
      await this.stepUp.verify(tx, desk.staffUserId, request.stepUpCode, desk.client);
      let ticketId: string | null = null;
      if (request.ticketNumber) {
        const [ticket] = (await tx.manager.query(`SELECT id FROM bulk_transfer_tickets WHERE number = $1 AND login_account_id = $2`, [
          request.ticketNumber,
          customer.id,
        ])) as Array<{ id: string }>;
        if (!ticket) throw AppError.invalidInput([{ field: 'ticketNumber', message: 'is not a ticket of this customer' }]);
        ticketId = ticket.id;
      }
      const context = auditContext(desk);
      const removed = await this.mfa.resetAll(tx, customer.id, context);
      const [, sessionsEnded] = (await tx.manager.query(
        `UPDATE customer_sessions SET revoked_at = $2 WHERE login_account_id = $1 AND revoked_at IS NULL`,
        [customer.id, this.clock.now()],
      )) as [unknown, number];
      await this.audit.record(tx, {
        ...context,
        action: 'support.mfa_reset',
        target: { type: 'login_account', id: customer.id },
        reason: `${request.reasonCode}: ${request.identityCheck}`.slice(0, 1000),
        after: { ...removed, sessionsEnded, reasonCode: request.reasonCode, ticketNumber: request.ticketNumber ?? null, ticketId },
      });
      await this.notify(tx, customer, 'mfa_reset');
      return { ...removed, sessionsEnded };
    });
  }

  async reissueRecoveryCode(loginAccountId: string, reason: string, stepUpCode: string, desk: DeskActor) {
    return inTransaction(this.db, async (tx) => {
      const customer = await lockCustomer(tx, loginAccountId);
      await this.stepUp.verify(tx, desk.staffUserId, stepUpCode, desk.client);
      if (!(await this.mfa.hasActiveFactor(customer.id))) {
        throw new AppError('no_factor', HttpStatus.CONFLICT, 'This customer has no second factor yet: they get a recovery code when they enroll one');
      }
      const context = auditContext(desk);
      const recoveryCode = await this.mfa.issueRecoveryCode(tx, customer.id, context);
      await this.audit.record(tx, { ...context, action: 'support.recovery_code_reissued', target: { type: 'login_account', id: customer.id }, reason });
      await this.notify(tx, customer, 'recovery_code_reissued');
      return { recoveryCode };
    });
  }

  private async notify(tx: Tx, customer: { id: string; email: string }, change: DeskMfaChange) {
    await this.outbox.queueMail(tx, {
      template: 'desk-mfa-change',
      to: customer.email,
      loginAccountId: customer.id,
      data: { email: customer.email, change, changedAt: this.clock.now().toISOString(), loginUrl: `${this.runtime.config.http.publicUrl}/login` },
    });
  }
}
