import { randomUUID } from 'node:crypto';
import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AuditEventInput } from '../audit/audit-event';
import { AuditService } from '../audit/audit.service';
import { AppError } from '../common/app-error';
import { Clock } from '../common/clock';
import { hashSecretToken, newSecretToken, SECRET_TOKEN_PATTERN } from '../common/secret-token';
import { inTransaction, type Tx } from '../database/transaction';
import { RUNTIME, type Runtime } from '../runtime/runtime';
import { maskPhone } from './mask-phone';
import { hashRecoveryCode, newRecoveryCode, normaliseRecoveryCode, sameHash } from './recovery-code';
import type { SecretBox } from './secret-box';
import { totpSecretBox } from './totp-secret-box';
import { checkTotpCode, newTotpSecret, otpauthUri, qrDataUrl } from './totp/totp';

export const MFA_LIMITS = {
  /** Consecutive failures that lock a factor until a success or a desk agent clears them (architecture.md, "Lockouts"). */
  failureCap: 100,
  rememberDeviceDays: 30,
  /** A TOTP enrollment not confirmed within this time must be started again. */
  pendingEnrollmentMinutes: 60,
  factorLabelLength: 100,
  deviceLabelLength: 200,
} as const;

export type MfaFactorType = 'totp' | 'sms' | 'voice' | 'email';
export type MfaFactorState = 'pending' | 'active';

export interface MfaFactorView {
  id: string;
  type: MfaFactorType;
  state: MfaFactorState;
  label: string | null;
  /** SMS and voice factors only: `+81 ••••••5678`. */
  maskedPhone?: string;
  createdAt: Date;
  confirmedAt: Date | null;
  lastUsedAt: Date | null;
}

export interface TotpEnrollment {
  factorId: string;
  /** Base32 (RFC 4648, no padding), for manual entry. Shown once; only the encrypted bytes are stored. */
  secret: string;
  otpauthUri: string;
  /** `data:image/png;base64,…` of the QR code of `otpauthUri`. */
  qrDataUrl: string;
}

export type TotpVerification = { ok: true; factorId: string } | { ok: false; reason: 'invalid' | 'replayed' | 'capped' };

export interface RememberedDeviceView {
  id: string;
  label: string;
  createdAt: Date;
  expiresAt: Date;
  lastUsedAt: Date | null;
}

/**
 * Who acts and from where, for the audit log. By default the customer owning the login account; a desk
 * agent passes `actor: { type: 'staff', id }`. A controller's `ClientInfo` spreads straight in.
 */
export interface MfaContext {
  actor?: AuditEventInput['actor'];
  ip?: string | null;
  userAgent?: string | null;
  requestId?: string | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DAY_MS = 86_400_000;

const factorNotFound = () => new AppError('factor_not_found', HttpStatus.NOT_FOUND, 'No such factor on this account');
const enrollmentNotFound = () => new AppError('enrollment_not_found', HttpStatus.NOT_FOUND, 'No such enrollment in progress: start again');
const enrollmentExpired = () => new AppError('enrollment_expired', HttpStatus.GONE, 'This enrollment has expired: start again');
const deviceNotFound = () => new AppError('device_not_found', HttpStatus.NOT_FOUND, 'No such remembered device on this account');

interface FactorRow {
  id: string;
  type: MfaFactorType;
  state: MfaFactorState;
  label: string | null;
  phone_e164: string | null;
  created_at: Date;
  confirmed_at: Date | null;
  last_used_at: Date | null;
}

interface TotpRow {
  id: string;
  secret_encrypted: string;
  last_accepted_step: string | null;
  consecutive_failures: number;
  created_at: Date;
}

/**
 * The MFA rules (domain.md §4.2; architecture.md "Security rules"): TOTP factors, the recovery code,
 * remembered devices. The login flow calls it; it never decides what the customer sees next.
 *
 * Methods that change state take the caller's `Tx` and record their audit event in it, so the change
 * and its event commit together. Failed checks (`verifyTotp` → ok: false, `useRecoveryCode` → false,
 * `confirmTotpEnrollment` → false) also write: a failure counter and an audit event. They return
 * instead of throwing so that the caller can COMMIT them; a caller that throws inside the same
 * transaction after a failed check rolls the count back and hands an attacker unlimited guesses.
 */
@Injectable()
export class MfaService {
  private readonly box: SecretBox;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    @Inject(RUNTIME) runtime: Runtime,
  ) {
    this.box = totpSecretBox(runtime.config);
  }

  // ── Factors ─────────────────────────────────────────────────────────────────────────────────────

  /** The account's factors, oldest first: active ones, plus pending enrollments when asked. */
  async listFactors(loginAccountId: string, options: { includePending?: boolean } = {}): Promise<MfaFactorView[]> {
    if (!UUID.test(loginAccountId)) return [];
    const rows = (await this.db.query(
      `SELECT id, type, state, label, phone_e164, created_at, confirmed_at, last_used_at
         FROM mfa_factors
        WHERE login_account_id = $1 AND (state = 'active' OR $2)
        ORDER BY created_at, id`,
      [loginAccountId, options.includePending === true],
    )) as FactorRow[];
    return rows.map((r) => ({
      id: r.id,
      type: r.type,
      state: r.state,
      label: r.label,
      ...(r.phone_e164 ? { maskedPhone: maskPhone(r.phone_e164) } : {}),
      createdAt: r.created_at,
      confirmedAt: r.confirmed_at,
      lastUsedAt: r.last_used_at,
    }));
  }

  async hasActiveFactor(loginAccountId: string): Promise<boolean> {
    if (!UUID.test(loginAccountId)) return false;
    const [row] = (await this.db.query(`SELECT EXISTS (SELECT 1 FROM mfa_factors WHERE login_account_id = $1 AND state = 'active') AS present`, [
      loginAccountId,
    ])) as Array<{ present: boolean }>;
    return row.present;
  }

  /**
   * Removes a factor (an abandoned enrollment too), never the account's last active one: MFA cannot be
   * disabled. The caller has asked for a fresh second factor and mails the notice (architecture.md).
   */
  async removeFactor(tx: Tx, loginAccountId: string, factorId: string, context?: MfaContext): Promise<void> {
    if (!UUID.test(factorId) || !UUID.test(loginAccountId)) throw factorNotFound();
    // Locking every factor of the account serialises two removals racing for the last two factors.
    const rows = (await tx.manager.query(`SELECT id, type, state FROM mfa_factors WHERE login_account_id = $1 ORDER BY id FOR UPDATE`, [
      loginAccountId,
    ])) as Array<{ id: string; type: MfaFactorType; state: MfaFactorState }>;
    const factor = rows.find((r) => r.id === factorId.toLowerCase());
    if (!factor) throw factorNotFound();
    if (factor.state === 'active' && rows.filter((r) => r.state === 'active').length === 1) {
      throw new AppError('last_factor', HttpStatus.CONFLICT, 'The last factor cannot be removed: enroll another one first');
    }
    await tx.manager.query(`DELETE FROM mfa_factors WHERE id = $1`, [factor.id]);
    await this.record(tx, loginAccountId, 'mfa.factor_removed', context, { factorId: factor.id, type: factor.type, state: factor.state });
  }

  // ── TOTP ────────────────────────────────────────────────────────────────────────────────────────

  /**
   * Starts a TOTP enrollment: a fresh 160-bit secret, stored encrypted on a pending factor that replaces
   * any earlier pending TOTP enrollment of the account. Runs in `options.tx` when given, else in its own.
   */
  async startTotpEnrollment(
    loginAccountId: string,
    email: string,
    options: { label?: string | null; context?: MfaContext; tx?: Tx } = {},
  ): Promise<TotpEnrollment> {
    const secret = newTotpSecret();
    const factorId = randomUUID();
    const now = this.clock.now();
    const encrypted = this.box.encrypt(secret.bytes, secretContext(factorId, loginAccountId));
    const label = options.label ? options.label.slice(0, MFA_LIMITS.factorLabelLength) : null;
    const work = async (tx: Tx) => {
      await tx.manager.query(`DELETE FROM mfa_factors WHERE login_account_id = $1 AND type = 'totp' AND state = 'pending'`, [loginAccountId]);
      await tx.manager.query(
        `INSERT INTO mfa_factors (id, login_account_id, type, state, label, secret_encrypted, created_at) VALUES ($1, $2, 'totp', 'pending', $3, $4, $5)`,
        [factorId, loginAccountId, label, encrypted, now],
      );
      await this.record(tx, loginAccountId, 'mfa.totp_enrollment_started', options.context, { factorId, type: 'totp' });
    };
    if (options.tx) await work(options.tx);
    else await inTransaction(this.db, work);
    const uri = otpauthUri(secret.base32, email);
    return { factorId, secret: secret.base32, otpauthUri: uri, qrDataUrl: await qrDataUrl(uri) };
  }

  /**
   * Confirms a pending TOTP enrollment with the code the customer's app shows. True: the factor is
   * active and the code's step spent. False: wrong code (counted). Throws `enrollment_not_found` (404)
   * or `enrollment_expired` (410) when there is nothing to confirm.
   */
  async confirmTotpEnrollment(tx: Tx, loginAccountId: string, factorId: string, code: string, context?: MfaContext): Promise<boolean> {
    if (!UUID.test(factorId) || !UUID.test(loginAccountId)) throw enrollmentNotFound();
    const now = this.clock.now();
    const [factor] = (await tx.manager.query(
      `SELECT id, secret_encrypted, last_accepted_step, consecutive_failures, created_at
         FROM mfa_factors
        WHERE id = $1 AND login_account_id = $2 AND type = 'totp' AND state = 'pending'
        FOR UPDATE`,
      [factorId, loginAccountId],
    )) as TotpRow[];
    if (!factor) throw enrollmentNotFound();
    if (now.getTime() - factor.created_at.getTime() > MFA_LIMITS.pendingEnrollmentMinutes * 60_000) throw enrollmentExpired();
    if (factor.consecutive_failures >= MFA_LIMITS.failureCap) return false;

    const check = await checkTotpCode(this.totpSecret(factor, loginAccountId), code, now, null);
    if (check.result !== 'ok') {
      await tx.manager.query(`UPDATE mfa_factors SET consecutive_failures = consecutive_failures + 1 WHERE id = $1`, [factor.id]);
      await this.record(tx, loginAccountId, 'mfa.enrollment_failed', context, { factorId: factor.id, type: 'totp' });
      return false;
    }
    await tx.manager.query(
      `UPDATE mfa_factors SET state = 'active', confirmed_at = $2, last_accepted_step = $3, consecutive_failures = 0 WHERE id = $1`,
      [factor.id, now, check.step],
    );
    await this.record(tx, loginAccountId, 'mfa.factor_enrolled', context, { factorId: factor.id, type: 'totp' });
    return true;
  }

  /**
   * Checks a code against the account's active TOTP factors (±1 step of 30 s). A code for a step at or
   * before the factor's last accepted one is 'replayed'. Every refusal counts one failure on each factor
   * tried; a factor at 100 consecutive failures is no longer tried ('capped' once all are) until a
   * success on it or a desk agent clears the count. Commit the transaction on `ok: false` too.
   */
  async verifyTotp(tx: Tx, loginAccountId: string, code: string, context?: MfaContext): Promise<TotpVerification> {
    if (!UUID.test(loginAccountId)) return { ok: false, reason: 'invalid' };
    const now = this.clock.now();
    // The row locks make concurrent submissions of one code take turns: the second sees the step spent.
    const factors = (await tx.manager.query(
      `SELECT id, secret_encrypted, last_accepted_step, consecutive_failures, created_at
         FROM mfa_factors
        WHERE login_account_id = $1 AND type = 'totp' AND state = 'active'
        ORDER BY created_at, id
        FOR UPDATE`,
      [loginAccountId],
    )) as TotpRow[];
    const open = factors.filter((f) => f.consecutive_failures < MFA_LIMITS.failureCap);
    if (factors.length > 0 && open.length === 0) {
      await this.record(tx, loginAccountId, 'mfa.challenge_failed', context, { method: 'totp', reason: 'capped' });
      return { ok: false, reason: 'capped' };
    }

    let replayed = false;
    for (const factor of open) {
      const last = factor.last_accepted_step === null ? null : Number(factor.last_accepted_step);
      const check = await checkTotpCode(this.totpSecret(factor, loginAccountId), code, now, last);
      if (check.result === 'ok') {
        await tx.manager.query(`UPDATE mfa_factors SET last_accepted_step = $2, consecutive_failures = 0, last_used_at = $3 WHERE id = $1`, [
          factor.id,
          check.step,
          now,
        ]);
        await this.record(tx, loginAccountId, 'mfa.challenge_succeeded', context, { method: 'totp', factorId: factor.id });
        return { ok: true, factorId: factor.id };
      }
      if (check.result === 'replayed') replayed = true;
    }

    const reason = replayed ? 'replayed' : 'invalid';
    let locked: Array<{ id: string }> = [];
    if (open.length > 0) {
      const [rows] = (await tx.manager.query(
        `UPDATE mfa_factors SET consecutive_failures = consecutive_failures + 1 WHERE id = ANY($1::uuid[]) RETURNING id, consecutive_failures`,
        [open.map((f) => f.id)],
      )) as [Array<{ id: string; consecutive_failures: number }>, number];
      locked = rows.filter((r) => r.consecutive_failures >= MFA_LIMITS.failureCap);
    }
    await this.record(tx, loginAccountId, 'mfa.challenge_failed', context, { method: 'totp', reason, factorsTried: open.length });
    for (const factor of locked) {
      await this.record(tx, loginAccountId, 'mfa.factor_locked', context, { factorId: factor.id, type: 'totp', consecutiveFailures: MFA_LIMITS.failureCap });
    }
    return { ok: false, reason };
  }

  // ── Recovery code ───────────────────────────────────────────────────────────────────────────────

  /** A new recovery code, replacing any earlier one. The clear code exists only in this return value: show it once. */
  async issueRecoveryCode(tx: Tx, loginAccountId: string, context?: MfaContext): Promise<string> {
    const { code, hash } = newRecoveryCode();
    const [, replaced] = (await tx.manager.query(`DELETE FROM mfa_recovery_codes WHERE login_account_id = $1`, [loginAccountId])) as [unknown, number];
    await tx.manager.query(`INSERT INTO mfa_recovery_codes (login_account_id, code_hash, created_at) VALUES ($1, $2, $3)`, [
      loginAccountId,
      hash,
      this.clock.now(),
    ]);
    await this.record(tx, loginAccountId, 'mfa.recovery_code_issued', context, { replaced: replaced > 0 });
    return code;
  }

  async hasRecoveryCode(loginAccountId: string): Promise<boolean> {
    if (!UUID.test(loginAccountId)) return false;
    const [row] = (await this.db.query(`SELECT EXISTS (SELECT 1 FROM mfa_recovery_codes WHERE login_account_id = $1) AS present`, [loginAccountId])) as Array<{
      present: boolean;
    }>;
    return row.present;
  }

  /**
   * True when `code` is the account's recovery code, which is then spent: issue a fresh one and show it.
   * Input is forgiving (case, spaces, hyphens, full-width, 0/1/8). Commit on false too (the audit event).
   */
  async useRecoveryCode(tx: Tx, loginAccountId: string, code: string, context?: MfaContext): Promise<boolean> {
    if (!UUID.test(loginAccountId)) return false;
    const normalised = normaliseRecoveryCode(code);
    const [row] = (await tx.manager.query(`SELECT code_hash FROM mfa_recovery_codes WHERE login_account_id = $1 FOR UPDATE`, [loginAccountId])) as Array<{
      code_hash: string;
    }>;
    const candidate = hashRecoveryCode(normalised ?? '');
    const ok = normalised !== null && row !== undefined && sameHash(row.code_hash, candidate);
    if (!ok) {
      await this.record(tx, loginAccountId, 'mfa.recovery_code_failed', context, null);
      return false;
    }
    await tx.manager.query(`DELETE FROM mfa_recovery_codes WHERE login_account_id = $1`, [loginAccountId]);
    await this.record(tx, loginAccountId, 'mfa.recovery_code_used', context, null);
    return true;
  }

  // ── Remembered devices ──────────────────────────────────────────────────────────────────────────

  /**
   * "Remember this device for 30 days": a 256-bit device token for a long-lived cookie (only its SHA-256
   * is kept). It skips the MFA challenge, never the password, and is no session.
   */
  async rememberDevice(tx: Tx, loginAccountId: string, label: string, context?: MfaContext): Promise<{ id: string; token: string; expiresAt: Date }> {
    const now = this.clock.now();
    const expiresAt = new Date(now.getTime() + MFA_LIMITS.rememberDeviceDays * DAY_MS);
    const { token, hash } = newSecretToken();
    const cleanLabel = (label ?? '').slice(0, MFA_LIMITS.deviceLabelLength);
    const [row] = (await tx.manager.query(
      `INSERT INTO remembered_devices (login_account_id, token_hash, label, created_at, expires_at) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [loginAccountId, hash, cleanLabel, now, expiresAt],
    )) as Array<{ id: string }>;
    await this.record(tx, loginAccountId, 'mfa.device_remembered', context, { deviceId: row.id, label: cleanLabel, expiresAt: expiresAt.toISOString() });
    return { id: row.id, token, expiresAt };
  }

  /** True when `token` is a live (unexpired, unrevoked) device token of this account; records the use. */
  async isRememberedDevice(loginAccountId: string, token: string): Promise<boolean> {
    if (!UUID.test(loginAccountId) || typeof token !== 'string' || !SECRET_TOKEN_PATTERN.test(token)) return false;
    const now = this.clock.now();
    const [, count] = (await this.db.query(
      `UPDATE remembered_devices SET last_used_at = $3
        WHERE token_hash = $1 AND login_account_id = $2 AND revoked_at IS NULL AND expires_at > $3`,
      [hashSecretToken(token), loginAccountId, now],
    )) as [unknown, number];
    return count === 1;
  }

  /** Live remembered devices, newest first. */
  async listDevices(loginAccountId: string): Promise<RememberedDeviceView[]> {
    if (!UUID.test(loginAccountId)) return [];
    const rows = (await this.db.query(
      `SELECT id, label, created_at, expires_at, last_used_at FROM remembered_devices
        WHERE login_account_id = $1 AND revoked_at IS NULL AND expires_at > $2
        ORDER BY created_at DESC, id`,
      [loginAccountId, this.clock.now()],
    )) as Array<{ id: string; label: string; created_at: Date; expires_at: Date; last_used_at: Date | null }>;
    return rows.map((r) => ({ id: r.id, label: r.label, createdAt: r.created_at, expiresAt: r.expires_at, lastUsedAt: r.last_used_at }));
  }

  /** Revokes one device of the account (idempotent); `device_not_found` (404) when it is not the account's. */
  async revokeDevice(tx: Tx, loginAccountId: string, deviceId: string, context?: MfaContext): Promise<void> {
    if (!UUID.test(deviceId) || !UUID.test(loginAccountId)) throw deviceNotFound();
    const [device] = (await tx.manager.query(
      `SELECT id, revoked_at FROM remembered_devices WHERE id = $1 AND login_account_id = $2 FOR UPDATE`,
      [deviceId, loginAccountId],
    )) as Array<{ id: string; revoked_at: Date | null }>;
    if (!device) throw deviceNotFound();
    if (device.revoked_at) return;
    await tx.manager.query(`UPDATE remembered_devices SET revoked_at = $2 WHERE id = $1`, [device.id, this.clock.now()]);
    await this.record(tx, loginAccountId, 'mfa.device_revoked', context, { deviceId: device.id });
  }

  /** Revokes every device of the account (password reset, MFA reset, "sign out everywhere"); returns how many. */
  async revokeAllDevices(tx: Tx, loginAccountId: string, context?: MfaContext): Promise<number> {
    if (!UUID.test(loginAccountId)) return 0;
    const [, count] = (await tx.manager.query(
      `UPDATE remembered_devices SET revoked_at = $2 WHERE login_account_id = $1 AND revoked_at IS NULL AND expires_at > $2`,
      [loginAccountId, this.clock.now()],
    )) as [unknown, number];
    if (count > 0) await this.record(tx, loginAccountId, 'mfa.devices_revoked', context, { count });
    return count;
  }

  /**
   * The desk's MFA reset (domain.md §6.4): every factor, the recovery code, unused one-time codes and the
   * remembered devices go; the next sign-in enrolls again (MFA itself stays mandatory).
   */
  async resetAll(tx: Tx, loginAccountId: string, context: MfaContext): Promise<{ factorsRemoved: number; devicesRevoked: number }> {
    const now = this.clock.now();
    await tx.manager.query(`UPDATE one_time_codes SET revoked_at = $2 WHERE login_account_id = $1 AND used_at IS NULL AND revoked_at IS NULL`, [loginAccountId, now]);
    const [, factorsRemoved] = (await tx.manager.query(`DELETE FROM mfa_factors WHERE login_account_id = $1`, [loginAccountId])) as [unknown, number];
    await tx.manager.query(`DELETE FROM mfa_recovery_codes WHERE login_account_id = $1`, [loginAccountId]);
    const devicesRevoked = await this.revokeAllDevices(tx, loginAccountId, context);
    await this.record(tx, loginAccountId, 'mfa.reset', context, { factorsRemoved, devicesRevoked });
    return { factorsRemoved, devicesRevoked };
  }

  // ── Internals ───────────────────────────────────────────────────────────────────────────────────

  private totpSecret(factor: TotpRow, loginAccountId: string): Buffer {
    return this.box.decrypt(factor.secret_encrypted, secretContext(factor.id, loginAccountId));
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

/** Bound into the ciphertext: a seed copied onto another factor or account does not decrypt. */
function secretContext(factorId: string, loginAccountId: string): string {
  return `mfa_factors.secret_encrypted:${factorId.toLowerCase()}:${loginAccountId.toLowerCase()}`;
}
