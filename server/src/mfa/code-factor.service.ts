import { randomUUID } from 'node:crypto';
import { HttpStatus, Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import { AppError } from '../common/app-error';
import { Clock } from '../common/clock';
import type { Tx } from '../database/transaction';
import { OutboxService } from '../messaging/outbox.service';
import { SmsVoiceOutboxService } from '../messaging/sms-voice-outbox.service';
import { maskEmail } from '../observability/mask';
import { maskPhone } from './mask-phone';
import { MFA_LIMITS, type MfaContext } from './mfa.service';
import { OneTimeCodeService, OTP_LIMITS, type OtpChannel, type OtpPurpose, type SendBudget } from './one-time-code.service';
import { parsePhoneInput, type PhoneChannel } from './phone-number';

export type CodeVerification = { ok: true; factorId: string } | { ok: false; reason: 'invalid' | 'expired' | 'too_many_attempts' | 'capped' };

export interface CodeSent {
  factorId: string;
  channel: OtpChannel;
  /** `+81 ••••••5678` or `t***@example.jp`: where the code went. */
  maskedRecipient: string;
  expiresAt: Date;
  /** Seconds before "send again" works (30 right after a send). */
  cooldownSeconds: number;
  remainingThisHour: number;
}

export interface PhoneEnrollmentStarted extends CodeSent {
  pendingFactorId: string;
  /** `+81 90-1234-5678`: the normalised number, shown back to the customer. */
  phoneDisplay: string;
}

export interface CodeOptions {
  /** The login flow that asked: a code is accepted only in that flow. */
  flowId?: string | null;
  context?: MfaContext;
}

interface CodeFactorRow {
  id: string;
  type: OtpChannel | 'totp';
  state: 'pending' | 'active';
  phone_e164: string | null;
  consecutive_failures: number;
  created_at: Date;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const factorNotFound = () => new AppError('factor_not_found', HttpStatus.NOT_FOUND, 'No such factor on this account');
const enrollmentNotFound = () => new AppError('enrollment_not_found', HttpStatus.NOT_FOUND, 'No such enrollment in progress: start again');
const enrollmentExpired = () => new AppError('enrollment_expired', HttpStatus.GONE, 'This enrollment has expired: start again');

/** The SMS text (Japanese), the code in it. */
export function smsCodeText(code: string): string {
  return `InfoSphere 認証コード: ${code}（${OTP_LIMITS.ttlMinutes}分間有効）。このコードを他人に教えないでください。`;
}

/** What the call says: the digits one by one, twice. */
export function voiceCodeText(code: string): string {
  const digits = code.split('').join('、');
  return `認証コードは ${digits} です。繰り返します。${digits} です。`;
}

/**
 * SMS, voice and email factors (domain.md §4.2 methods 1, 2, 5): enrollment by a code sent to the
 * number or the account's email, and the login challenge. Same conventions as MfaService: the caller's
 * Tx, an audit event per change, failed checks return (commit them) instead of throwing.
 */
@Injectable()
export class CodeFactorService {
  constructor(
    private readonly codes: OneTimeCodeService,
    private readonly smsVoice: SmsVoiceOutboxService,
    private readonly mail: OutboxService,
    private readonly clock: Clock,
    private readonly audit: AuditService,
  ) {}

  /**
   * Methods 1, 2: a pending SMS or voice factor for `phone` (any written form, see phone-number.ts),
   * replacing an earlier pending phone enrollment, and its first code sent. Throws AppError 400
   * `invalid_phone` (extra.reason), 429 `send_cooldown` / `send_limit`.
   */
  async startPhoneEnrollment(
    tx: Tx,
    loginAccountId: string,
    input: { phone: string; channel: PhoneChannel } & CodeOptions,
  ): Promise<PhoneEnrollmentStarted> {
    const parsed = parsePhoneInput(input.phone, input.channel);
    if (!parsed.ok) {
      throw new AppError('invalid_phone', HttpStatus.BAD_REQUEST, `phone: ${parsed.reason}`, {
        reason: parsed.reason,
        errors: [{ field: 'phone', message: parsed.reason }],
      });
    }
    const factorId = randomUUID();
    await tx.manager.query(`DELETE FROM mfa_factors WHERE login_account_id = $1 AND type IN ('sms', 'voice') AND state = 'pending'`, [loginAccountId]);
    await tx.manager.query(
      `INSERT INTO mfa_factors (id, login_account_id, type, state, phone_e164, created_at) VALUES ($1, $2, $3, 'pending', $4, $5)`,
      [factorId, loginAccountId, input.channel, parsed.e164, this.clock.now()],
    );
    await this.record(tx, loginAccountId, 'mfa.phone_enrollment_started', input.context, {
      factorId,
      type: input.channel,
      maskedPhone: maskPhone(parsed.e164),
    });
    const sent = await this.send(tx, loginAccountId, { id: factorId, type: input.channel, phone: parsed.e164 }, `enroll_${input.channel}`, input);
    return { ...sent, pendingFactorId: factorId, phoneDisplay: parsed.display };
  }

  /**
   * Method 5: a pending email factor on the account's own email, refused (409 `email_requires_other_factor`)
   * until another factor is active, and 409 `email_factor_exists` when one is already.
   */
  async startEmailEnrollment(tx: Tx, loginAccountId: string, options: CodeOptions = {}): Promise<CodeSent & { pendingFactorId: string }> {
    if (!UUID.test(loginAccountId)) throw enrollmentNotFound();
    const factors = (await tx.manager.query(`SELECT type, state FROM mfa_factors WHERE login_account_id = $1 ORDER BY id FOR UPDATE`, [
      loginAccountId,
    ])) as Array<{ type: string; state: string }>;
    if (!factors.some((f) => f.state === 'active' && f.type !== 'email')) {
      throw new AppError('email_requires_other_factor', HttpStatus.CONFLICT, 'Email codes are offered only after another method is enrolled');
    }
    if (factors.some((f) => f.state === 'active' && f.type === 'email')) {
      throw new AppError('email_factor_exists', HttpStatus.CONFLICT, 'Email codes are already enrolled');
    }
    const factorId = randomUUID();
    await tx.manager.query(`DELETE FROM mfa_factors WHERE login_account_id = $1 AND type = 'email' AND state = 'pending'`, [loginAccountId]);
    await tx.manager.query(`INSERT INTO mfa_factors (id, login_account_id, type, state, created_at) VALUES ($1, $2, 'email', 'pending', $3)`, [
      factorId,
      loginAccountId,
      this.clock.now(),
    ]);
    await this.record(tx, loginAccountId, 'mfa.email_enrollment_started', options.context, { factorId, type: 'email' });
    const sent = await this.send(tx, loginAccountId, { id: factorId, type: 'email', phone: null }, 'enroll_email', options);
    return { ...sent, pendingFactorId: factorId };
  }

  /** "send text" / "call again" / "send the mail again" during an enrollment: a new code (the old one dies). */
  async resendEnrollmentCode(tx: Tx, loginAccountId: string, pendingFactorId: string, options: CodeOptions = {}): Promise<CodeSent> {
    const factor = await this.lockFactor(tx, loginAccountId, pendingFactorId, 'pending');
    if (!factor) throw enrollmentNotFound();
    this.checkPendingAge(factor);
    const type = factor.type as OtpChannel;
    return this.send(tx, loginAccountId, { id: factor.id, type, phone: factor.phone_e164 }, `enroll_${type}`, options);
  }

  /**
   * Confirms a pending SMS, voice or email factor with its code. ok: the factor is active. ok: false is
   * counted (code tries, factor failures): commit it. Throws `enrollment_not_found` (404), `enrollment_expired` (410).
   */
  async confirmEnrollment(tx: Tx, loginAccountId: string, pendingFactorId: string, code: string, options: CodeOptions = {}): Promise<CodeVerification> {
    const factor = await this.lockFactor(tx, loginAccountId, pendingFactorId, 'pending');
    if (!factor) throw enrollmentNotFound();
    this.checkPendingAge(factor);
    const type = factor.type as OtpChannel;
    const result = await this.checkCode(tx, loginAccountId, factor, `enroll_${type}`, code, options, 'mfa.enrollment_failed');
    if (!result.ok) return result;
    await tx.manager.query(`UPDATE mfa_factors SET state = 'active', confirmed_at = $2, consecutive_failures = 0 WHERE id = $1`, [factor.id, this.clock.now()]);
    await this.record(tx, loginAccountId, 'mfa.factor_enrolled', options.context, { factorId: factor.id, type });
    return result;
  }

  /** A login challenge code for an active SMS, voice or email factor (also its "send again"). 429 as above. */
  async sendChallengeCode(tx: Tx, loginAccountId: string, factorId: string, options: CodeOptions = {}): Promise<CodeSent> {
    const factor = await this.lockFactor(tx, loginAccountId, factorId, 'active');
    if (!factor) throw factorNotFound();
    return this.send(tx, loginAccountId, { id: factor.id, type: factor.type as OtpChannel, phone: factor.phone_e164 }, 'challenge', options);
  }

  /** Checks a challenge code. Never throws for a wrong code: commit on ok: false. 'capped' at 100 consecutive failures. */
  async verifyChallengeCode(tx: Tx, loginAccountId: string, factorId: string, code: string, options: CodeOptions = {}): Promise<CodeVerification> {
    const factor = await this.lockFactor(tx, loginAccountId, factorId, 'active');
    if (!factor) return { ok: false, reason: 'invalid' };
    const result = await this.checkCode(tx, loginAccountId, factor, 'challenge', code, options, 'mfa.challenge_failed');
    if (!result.ok) return result;
    await tx.manager.query(`UPDATE mfa_factors SET consecutive_failures = 0, last_used_at = $2 WHERE id = $1`, [factor.id, this.clock.now()]);
    await this.record(tx, loginAccountId, 'mfa.challenge_succeeded', options.context, { method: factor.type, factorId: factor.id });
    return result;
  }

  /** For the page's "send again in N s": the account's budget, and the factor's number's when it has one. */
  async sendBudget(tx: Pick<Tx, 'manager'>, loginAccountId: string, factorId?: string): Promise<SendBudget> {
    let phone: string | null = null;
    if (factorId && UUID.test(factorId)) {
      const [row] = (await tx.manager.query(`SELECT phone_e164 FROM mfa_factors WHERE id = $1 AND login_account_id = $2`, [factorId, loginAccountId])) as Array<{
        phone_e164: string | null;
      }>;
      phone = row?.phone_e164 ?? null;
    }
    return this.codes.budget(tx, loginAccountId, phone);
  }

  // ── Internals ───────────────────────────────────────────────────────────────────────────────────

  private async lockFactor(tx: Tx, loginAccountId: string, factorId: string, state: 'pending' | 'active'): Promise<CodeFactorRow | undefined> {
    if (!UUID.test(factorId) || !UUID.test(loginAccountId)) return undefined;
    const [row] = (await tx.manager.query(
      `SELECT id, type, state, phone_e164, consecutive_failures, created_at FROM mfa_factors
        WHERE id = $1 AND login_account_id = $2 AND state = $3 AND type IN ('sms', 'voice', 'email')
        FOR UPDATE`,
      [factorId, loginAccountId, state],
    )) as CodeFactorRow[];
    return row;
  }

  private checkPendingAge(factor: CodeFactorRow): void {
    if (this.clock.now().getTime() - factor.created_at.getTime() > MFA_LIMITS.pendingEnrollmentMinutes * 60_000) throw enrollmentExpired();
  }

  private async checkCode(
    tx: Tx,
    loginAccountId: string,
    factor: CodeFactorRow,
    purpose: OtpPurpose,
    code: string,
    options: CodeOptions,
    failureAction: string,
  ): Promise<CodeVerification> {
    if (factor.consecutive_failures >= MFA_LIMITS.failureCap) {
      await this.record(tx, loginAccountId, failureAction, options.context, { method: factor.type, factorId: factor.id, reason: 'capped' });
      return { ok: false, reason: 'capped' };
    }
    const check = await this.codes.check(tx, { loginAccountId, factorId: factor.id, purpose, code, flowId: options.flowId });
    if (check.ok) return { ok: true, factorId: factor.id };
    const [rows] = (await tx.manager.query(`UPDATE mfa_factors SET consecutive_failures = consecutive_failures + 1 WHERE id = $1 RETURNING consecutive_failures`, [
      factor.id,
    ])) as [Array<{ consecutive_failures: number }>, number];
    await this.record(tx, loginAccountId, failureAction, options.context, { method: factor.type, factorId: factor.id, reason: check.reason });
    if (rows[0].consecutive_failures === MFA_LIMITS.failureCap) {
      await this.record(tx, loginAccountId, 'mfa.factor_locked', options.context, { factorId: factor.id, type: factor.type, consecutiveFailures: MFA_LIMITS.failureCap });
    }
    return { ok: false, reason: check.reason };
  }

  /** Budget, code, message, audit: all in the caller's transaction, the code stored before the message is queued. */
  private async send(
    tx: Tx,
    loginAccountId: string,
    factor: { id: string; type: OtpChannel; phone: string | null },
    purpose: OtpPurpose,
    options: CodeOptions,
  ): Promise<CodeSent> {
    const issued = await this.codes.issue(tx, { loginAccountId, purpose, channel: factor.type, factorId: factor.id, phoneE164: factor.phone, flowId: options.flowId });
    let outboxId: string;
    let maskedRecipient: string;
    if (factor.type === 'email') {
      const [account] = (await tx.manager.query(`SELECT email FROM login_accounts WHERE id = $1`, [loginAccountId])) as Array<{ email: string }>;
      if (!account) throw factorNotFound();
      ({ id: outboxId } = await this.mail.queueMail(tx, {
        template: 'mfa-code',
        to: account.email,
        data: { code: issued.code, validMinutes: OTP_LIMITS.ttlMinutes },
        loginAccountId,
      }));
      maskedRecipient = maskEmail(account.email);
    } else {
      const to = factor.phone!;
      const queued =
        factor.type === 'sms'
          ? await this.smsVoice.queueSms(tx, { to, body: smsCodeText(issued.code), template: 'mfa-code', loginAccountId })
          : await this.smsVoice.queueVoice(tx, { to, body: voiceCodeText(issued.code), template: 'mfa-code', loginAccountId });
      outboxId = queued.id;
      maskedRecipient = maskPhone(to);
    }
    await this.record(tx, loginAccountId, 'mfa.code_sent', options.context, { factorId: factor.id, channel: factor.type, purpose, outboxId, to: maskedRecipient });
    return {
      factorId: factor.id,
      channel: factor.type,
      maskedRecipient,
      expiresAt: issued.expiresAt,
      cooldownSeconds: issued.budget.cooldownSeconds,
      remainingThisHour: issued.budget.remainingThisHour,
    };
  }

  private async record(tx: Tx, loginAccountId: string, action: string, context: MfaContext | undefined, after: unknown): Promise<void> {
    await this.audit.record(tx, {
      actor: context?.actor ?? { type: 'customer', id: loginAccountId },
      action,
      target: { type: 'login_account', id: loginAccountId },
      ip: context?.ip,
      userAgent: context?.userAgent,
      requestId: context?.requestId,
      after,
    });
  }
}
