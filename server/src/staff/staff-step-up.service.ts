import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { AppError } from '../common/app-error';
import type { ClientInfo } from '../common/client-info';
import { Clock } from '../common/clock';
import { RateLimiter } from '../common/rate-limiter';
import { inTransaction, type Tx } from '../database/transaction';
import type { SecretBox } from '../mfa/secret-box';
import { totpSecretBox } from '../mfa/totp-secret-box';
import { checkTotpCode } from '../mfa/totp/totp';
import { RUNTIME, type Runtime } from '../runtime/runtime';

/** Wrong step-up codes a staff member may type in 15 minutes before a pause. */
const STEP_UP_FAILURES = 5;

/**
 * The staff member's own fresh TOTP code, asked again right before a dangerous support action (an MFA
 * reset, a recovery code): a session left open on a desk is not enough to take over a customer account.
 * The code is checked inside the action's transaction and spent there (the step is recorded).
 */
@Injectable()
export class StaffStepUpService {
  private readonly box: SecretBox;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly limiter: RateLimiter,
    private readonly clock: Clock,
    @Inject(RUNTIME) runtime: Runtime,
  ) {
    this.box = totpSecretBox(runtime.config);
  }

  /** Throws unless `code` is the staff member's current, unused TOTP code; a wrong one is counted and audited. */
  async verify(tx: Tx, staffUserId: string, code: string, client: Partial<ClientInfo>): Promise<void> {
    // Charged before the check and refunded on a right code: parallel wrong codes cannot all pass the count.
    const gate = await this.limiter.hit('staff-step-up', staffUserId, STEP_UP_FAILURES, 900);
    if (!gate.allowed) {
      throw new AppError('step_up_rate_limited', HttpStatus.TOO_MANY_REQUESTS, 'Too many wrong codes: wait before trying again', {
        retryAt: new Date(this.clock.now().getTime() + gate.retryAfterSeconds * 1000).toISOString(),
      });
    }
    const [staff] = (await tx.manager.query(`SELECT totp_secret, totp_last_step FROM staff_users WHERE id = $1 AND active FOR UPDATE`, [staffUserId])) as Array<{
      totp_secret: string | null;
      totp_last_step: string | null;
    }>;
    const check = staff?.totp_secret
      ? await checkTotpCode(
          this.box.decrypt(staff.totp_secret, `staff-totp:${staffUserId}`),
          code,
          this.clock.now(),
          staff.totp_last_step === null ? null : Number(staff.totp_last_step),
        )
      : ({ result: 'invalid' } as const);
    if (check.result !== 'ok') {
      // Outside the action's transaction, which the refusal rolls back: the failure stays on record.
      await inTransaction(this.db, (own) =>
        this.audit.record(own, { actor: { type: 'staff', id: staffUserId }, action: 'staff.step_up_failed', target: { type: 'staff_user', id: staffUserId }, ...client }),
      );
      throw AppError.invalidInput([{ field: 'stepUpCode', message: check.result === 'replayed' ? 'was already used: wait for the next code' : 'is not your current authenticator code' }]);
    }
    await this.limiter.refund('staff-step-up', staffUserId);
    await tx.manager.query(`UPDATE staff_users SET totp_last_step = $2 WHERE id = $1`, [staffUserId, check.step]);
  }
}
