import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { CustomerSession } from '../accounts/session/customer-session.service';
import { AppError } from '../common/app-error';
import type { ClientInfo } from '../common/client-info';
import { Clock } from '../common/clock';
import { inTransaction, type Tx } from '../database/transaction';
import { CodeFactorService } from '../mfa/code-factor.service';
import { MfaService } from '../mfa/mfa.service';
import { OutboxService } from '../messaging/outbox.service';
import { RUNTIME, type Runtime } from '../runtime/runtime';

export const STEP_UP_MINUTES = 5;

/**
 * The customer's own factor settings (§4.2: enroll more, remove any but the last). Every change needs a
 * second factor proven in this session within the last 5 minutes, mails the customer a notice, and the
 * answer offers to end the other sessions.
 */
@Injectable()
export class MfaSettingsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly mfa: MfaService,
    private readonly codes: CodeFactorService,
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
    @Inject(RUNTIME) private readonly runtime: Runtime,
  ) {}

  async overview(session: CustomerSession) {
    const [factors, devices, hasRecoveryCode, stepUp] = await Promise.all([
      this.mfa.listFactors(session.loginAccountId),
      this.mfa.listDevices(session.loginAccountId),
      this.mfa.hasRecoveryCode(session.loginAccountId),
      this.steppedUpUntil(session),
    ]);
    const otherSessions = (await this.db.query(
      `SELECT count(*)::int AS n FROM customer_sessions WHERE login_account_id = $1 AND id <> $2 AND revoked_at IS NULL AND expires_at > $3`,
      [session.loginAccountId, session.id, this.clock.now()],
    )) as Array<{ n: number }>;
    return { factors, devices, hasRecoveryCode, steppedUpUntil: stepUp?.toISOString() ?? null, otherSessions: otherSessions[0].n };
  }

  /** Sends a step-up code to an enrolled SMS, voice or email factor. */
  async sendStepUpCode(session: CustomerSession, factorId: string, client: ClientInfo) {
    return inTransaction(this.db, (tx) => this.codes.sendChallengeCode(tx, session.loginAccountId, factorId, { context: client }));
  }

  /** Proves a second factor again (TOTP, or the code sent to `factorId`); opens a 5-minute window for changes. */
  async stepUp(session: CustomerSession, code: string, factorId: string | undefined, client: ClientInfo) {
    const result = await inTransaction(this.db, async (tx) => {
      const verified = factorId
        ? await this.codes.verifyChallengeCode(tx, session.loginAccountId, factorId, code, { context: client })
        : await this.mfa.verifyTotp(tx, session.loginAccountId, code, client);
      if (verified.ok) await tx.manager.query(`UPDATE customer_sessions SET stepped_up_at = $2 WHERE id = $1`, [session.id, this.clock.now()]);
      return verified;
    });
    if (!result.ok) {
      if (result.reason === 'capped') throw new AppError('factor_locked', HttpStatus.LOCKED, 'This factor is locked: contact the support desk');
      throw new AppError('invalid_code', HttpStatus.UNAUTHORIZED, 'The code is not correct');
    }
    return { steppedUpUntil: new Date(this.clock.now().getTime() + STEP_UP_MINUTES * 60_000).toISOString() };
  }

  async startTotp(session: CustomerSession, client: ClientInfo) {
    await this.requireStepUp(session);
    return this.mfa.startTotpEnrollment(session.loginAccountId, session.email, { context: client });
  }

  async confirmTotp(session: CustomerSession, factorId: string, code: string, client: ClientInfo) {
    await this.requireStepUp(session);
    const ok = await this.change(session, client, 'factor_added', (tx) => this.mfa.confirmTotpEnrollment(tx, session.loginAccountId, factorId, code, client), {
      commitOnFalse: true,
    });
    if (!ok) throw new AppError('invalid_code', HttpStatus.UNAUTHORIZED, 'The code is not correct');
    return this.overview(session);
  }

  /** SMS, voice (to a phone) or email (to the account's own address, only beside another factor). */
  async startCodeFactor(session: CustomerSession, channel: 'sms' | 'voice' | 'email', phone: string | undefined, client: ClientInfo) {
    await this.requireStepUp(session);
    return inTransaction(this.db, (tx) =>
      channel === 'email'
        ? this.codes.startEmailEnrollment(tx, session.loginAccountId, { context: client })
        : this.codes.startPhoneEnrollment(tx, session.loginAccountId, { phone: phone ?? '', channel, context: client }),
    );
  }

  async confirmCodeFactor(session: CustomerSession, pendingFactorId: string, code: string, client: ClientInfo) {
    await this.requireStepUp(session);
    const result = await this.change(
      session,
      client,
      'factor_added',
      async (tx) => (await this.codes.confirmEnrollment(tx, session.loginAccountId, pendingFactorId, code, { context: client })).ok,
      { commitOnFalse: true },
    );
    if (!result) throw new AppError('invalid_code', HttpStatus.UNAUTHORIZED, 'The code is not correct, expired or used up: send a new one');
    return this.overview(session);
  }

  async removeFactor(session: CustomerSession, factorId: string, client: ClientInfo) {
    await this.requireStepUp(session);
    await this.change(session, client, 'factor_removed', (tx) => this.mfa.removeFactor(tx, session.loginAccountId, factorId, client));
    return this.overview(session);
  }

  async newRecoveryCode(session: CustomerSession, client: ClientInfo) {
    await this.requireStepUp(session);
    const recoveryCode = await this.change(session, client, 'recovery_code_reissued', (tx) => this.mfa.issueRecoveryCode(tx, session.loginAccountId, client));
    return { recoveryCode };
  }

  async revokeDevice(session: CustomerSession, deviceId: string, client: ClientInfo) {
    await this.change(session, client, 'device_revoked', (tx) => this.mfa.revokeDevice(tx, session.loginAccountId, deviceId, client));
    return this.overview(session);
  }

  async endOtherSessions(session: CustomerSession) {
    const result = (await this.db.query(
      `UPDATE customer_sessions SET revoked_at = $3 WHERE login_account_id = $1 AND id <> $2 AND revoked_at IS NULL`,
      [session.loginAccountId, session.id, this.clock.now()],
    )) as [unknown[], number];
    return { ended: result[1] };
  }

  private async steppedUpUntil(session: CustomerSession): Promise<Date | undefined> {
    const [row] = (await this.db.query(`SELECT stepped_up_at FROM customer_sessions WHERE id = $1`, [session.id])) as Array<{ stepped_up_at: Date | null }>;
    if (!row?.stepped_up_at) return undefined;
    const until = new Date(row.stepped_up_at.getTime() + STEP_UP_MINUTES * 60_000);
    return until > this.clock.now() ? until : undefined;
  }

  private async requireStepUp(session: CustomerSession): Promise<void> {
    if (!(await this.steppedUpUntil(session))) {
      throw new AppError('step_up_required', HttpStatus.FORBIDDEN, 'Confirm with your second factor first');
    }
  }

  /** Runs one change with its notice mail in one transaction. */
  private async change<T>(session: CustomerSession, client: ClientInfo, what: string, work: (tx: Tx) => Promise<T>, options: { commitOnFalse?: boolean } = {}): Promise<T> {
    return inTransaction(this.db, async (tx) => {
      const result = await work(tx);
      if (options.commitOnFalse && result === false) return result;
      await this.outbox.queueMail(tx, {
        template: 'mfa-settings-changed',
        to: session.email,
        loginAccountId: session.loginAccountId,
        data: { email: session.email, change: what, changedAt: this.clock.now().toISOString(), ip: client.ip, loginUrl: `${this.runtime.config.http.publicUrl}/login` },
      });
      return result;
    });
  }
}
