import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { PasswordLinkService } from '../accounts/password/password-link.service';
import { AuditService } from '../audit/audit.service';
import { AppError } from '../common/app-error';
import { inTransaction } from '../database/transaction';
import { OutboxService } from '../messaging/outbox.service';
import { RUNTIME, type Runtime } from '../runtime/runtime';
import { auditContext, lockCustomer, type DeskActor } from './desk-context';

/** Small rescues (domain.md §6.6): clear a legacy-login lockout, send the password-set mail again. */
@Injectable()
export class DeskAccountService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly passwordLinks: PasswordLinkService,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    @Inject(RUNTIME) private readonly runtime: Runtime,
  ) {}

  /** Clears the counters of a network ID on one of the customer's billing accounts (the hidden cap too). */
  async clearLockout(loginAccountId: string, networkId: string, reason: string, desk: DeskActor) {
    return inTransaction(this.db, async (tx) => {
      const customer = await lockCustomer(tx, loginAccountId);
      const removed = (await tx.manager.query(
        `DELETE FROM legacy_login_attempts l USING contracts c
          WHERE l.network_id = $1 AND c.network_id = l.network_id
            AND c.billing_account_id IN (SELECT billing_account_id FROM contracts WHERE login_account_id = $2)
          RETURNING l.failures, l.consecutive_failures, l.locked_until`,
        [networkId, customer.id],
      )) as [Array<{ failures: number; consecutive_failures: number; locked_until: Date | null }>, number];
      if (removed[1] === 0) throw new AppError('no_lockout', HttpStatus.NOT_FOUND, 'No failed attempts are recorded for this network ID on this customer\'s billing accounts');
      const before = removed[0][0];
      await this.audit.record(tx, {
        ...auditContext(desk),
        action: 'support.lockout_cleared',
        target: { type: 'legacy_network_id', id: networkId },
        before: { failures: before.failures, consecutiveFailures: before.consecutive_failures, lockedUntil: before.locked_until?.toISOString() ?? null },
        after: { loginAccountId: customer.id },
        reason,
      });
      return { networkId, cleared: true };
    });
  }

  /** A fresh password-set link by mail: the first password while pending, a reset once active. */
  async resendPasswordLink(loginAccountId: string, reason: string, desk: DeskActor) {
    return inTransaction(this.db, async (tx) => {
      const customer = await lockCustomer(tx, loginAccountId);
      if (customer.state === 'disabled') throw new AppError('customer_disabled', HttpStatus.CONFLICT, 'This login account is disabled');
      const purpose = customer.state === 'pending_password' ? 'initial' : 'reset';
      const url = await this.passwordLinks.issue(tx, customer.id, purpose);
      await this.outbox.queueMail(tx, {
        template: 'password-set-link',
        to: customer.email,
        loginAccountId: customer.id,
        data: { email: customer.email, passwordSetUrl: url, passwordResetRequestUrl: this.passwordLinks.requestUrl(), validHours: this.runtime.config.passwordLinkHours },
      });
      await this.audit.record(tx, { ...auditContext(desk), action: 'support.password_link_sent', target: { type: 'login_account', id: customer.id }, after: { purpose }, reason });
      return { sent: true, purpose };
    });
  }
}
