import { createHmac, hkdfSync, randomInt, randomUUID, timingSafeEqual } from 'node:crypto';
import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { AppError } from '../common/app-error';
import { Clock } from '../common/clock';
import type { Tx } from '../database/transaction';
import { RUNTIME, type Runtime } from '../runtime/runtime';

export const OTP_LIMITS = {
  ttlMinutes: 5,
  /** Wrong tries per code; the code is dead after them. */
  maxAttempts: 5,
  /** Between two sends to one account or one phone number, any channel. */
  cooldownSeconds: 30,
  /** Sends per rolling hour to one account or one phone number, any channel. */
  hourlyCap: 10,
} as const;

export type OtpPurpose = 'enroll_sms' | 'enroll_voice' | 'enroll_email' | 'challenge';
export type OtpChannel = 'sms' | 'voice' | 'email';

export interface SendBudget {
  /** Seconds before the next send is allowed: 0 when it is allowed now ("send again in N s"). */
  cooldownSeconds: number;
  /** Sends left in the rolling hour (the smaller of the account's and the number's). */
  remainingThisHour: number;
}

export type CodeCheck = { ok: true; codeId: string } | { ok: false; reason: 'invalid' | 'expired' | 'too_many_attempts' };

interface CodeRow {
  id: string;
  code_hash: string;
  expires_at: Date;
  attempts: number;
  max_attempts: number;
  used_at: Date | null;
  flow_id: string | null;
}

/** A fresh six-digit code from the CSPRNG, leading zeros kept. */
export function newOneTimeCode(): string {
  return String(randomInt(0, 1_000_000)).padStart(6, '0');
}

/** Full-width digits, spaces and hyphens forgiven; null when not six digits. */
export function normaliseOneTimeCode(input: string): string | null {
  if (typeof input !== 'string') return null;
  const cleaned = input.normalize('NFKC').replace(/[\s-]/g, '');
  return /^\d{6}$/.test(cleaned) ? cleaned : null;
}

/**
 * SMS, voice and email one-time codes in `one_time_codes` (architecture.md "Security rules"): six digits
 * from crypto.randomInt, stored as HMAC-SHA256(key, "<row id>:<code>") where the key is derived with HKDF
 * from the TOTP encryption key (config.secrets.totpKey); 5 minutes; single use; 5 wrong tries; constant-time
 * compare. One row per send, so the send budget is a count over this table, serialised by advisory locks.
 */
@Injectable()
export class OneTimeCodeService {
  private readonly key: Buffer;

  constructor(
    private readonly clock: Clock,
    @Inject(RUNTIME) runtime: Runtime,
  ) {
    this.key = Buffer.from(hkdfSync('sha256', runtime.config.secrets.totpKey, 'ikou', 'one_time_codes.code_hash v1', 32));
  }

  /** What the page shows: "send again in N s" and how many sends are left this hour. Read-only. */
  async budget(tx: Pick<Tx, 'manager'>, loginAccountId: string, phoneE164?: string | null): Promise<SendBudget> {
    const now = this.clock.now().getTime();
    const hourAgo = new Date(now - 3_600_000);
    const scopes: Array<[string, string]> = [['login_account_id', loginAccountId]];
    if (phoneE164) scopes.push(['phone_e164', phoneE164]);
    let cooldownMs = 0;
    let remaining: number = OTP_LIMITS.hourlyCap;
    let capRetryMs = 0;
    for (const [column, value] of scopes) {
      const [row] = (await tx.manager.query(
        `SELECT count(*)::int AS sent, max(created_at) AS last, min(created_at) AS oldest
           FROM one_time_codes WHERE ${column} = $1 AND created_at > $2`,
        [value, hourAgo],
      )) as Array<{ sent: number; last: Date | null; oldest: Date | null }>;
      if (row.last) cooldownMs = Math.max(cooldownMs, row.last.getTime() + OTP_LIMITS.cooldownSeconds * 1000 - now);
      remaining = Math.min(remaining, Math.max(0, OTP_LIMITS.hourlyCap - row.sent));
      if (row.sent >= OTP_LIMITS.hourlyCap && row.oldest) capRetryMs = Math.max(capRetryMs, row.oldest.getTime() + 3_600_000 - now);
    }
    const cooldownSeconds = Math.max(Math.ceil(cooldownMs / 1000), remaining === 0 ? Math.ceil(capRetryMs / 1000) : 0, 0);
    return { cooldownSeconds, remainingThisHour: remaining };
  }

  /**
   * Takes one send from the budget and stores a new code (earlier live codes of the same factor and
   * purpose are revoked). Call it in the transaction that queues the message, before queueing it.
   * Throws AppError 429 `send_cooldown` or `send_limit` (extra.retryAfterSeconds, Retry-After header).
   */
  async issue(
    tx: Tx,
    input: { loginAccountId: string; purpose: OtpPurpose; channel: OtpChannel; factorId: string; phoneE164?: string | null; flowId?: string | null },
  ): Promise<{ codeId: string; code: string; expiresAt: Date; budget: SendBudget }> {
    // Serialise sends per account and per number, so two racing requests cannot both pass the budget.
    await tx.manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 7413))`, [`otp:account:${input.loginAccountId}`]);
    if (input.phoneE164) await tx.manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 7413))`, [`otp:phone:${input.phoneE164}`]);
    const before = await this.budget(tx, input.loginAccountId, input.phoneE164);
    if (before.remainingThisHour === 0) {
      throw refusal('send_limit', `Too many codes sent this hour: try again in ${before.cooldownSeconds} s`, before.cooldownSeconds);
    }
    if (before.cooldownSeconds > 0) {
      throw refusal('send_cooldown', `A code was just sent: send again in ${before.cooldownSeconds} s`, before.cooldownSeconds);
    }
    const now = this.clock.now();
    await tx.manager.query(
      `UPDATE one_time_codes SET revoked_at = $4
        WHERE login_account_id = $1 AND factor_id = $2 AND purpose = $3 AND used_at IS NULL AND revoked_at IS NULL`,
      [input.loginAccountId, input.factorId, input.purpose, now],
    );
    const codeId = randomUUID();
    const code = newOneTimeCode();
    const expiresAt = new Date(now.getTime() + OTP_LIMITS.ttlMinutes * 60_000);
    await tx.manager.query(
      `INSERT INTO one_time_codes (id, login_account_id, factor_id, purpose, channel, phone_e164, code_hash, created_at, expires_at, max_attempts, flow_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [
        codeId,
        input.loginAccountId,
        input.factorId,
        input.purpose,
        input.channel,
        input.phoneE164 ?? null,
        this.hash(codeId, code),
        now,
        expiresAt,
        OTP_LIMITS.maxAttempts,
        input.flowId ?? null,
      ],
    );
    const budget = { cooldownSeconds: OTP_LIMITS.cooldownSeconds, remainingThisHour: before.remainingThisHour - 1 };
    return { codeId, code, expiresAt, budget };
  }

  /**
   * Checks `code` against the newest live code of this factor and purpose. A wrong code (or one from
   * another flow) counts a try; the fifth kills the code. Commit on ok: false too.
   */
  async check(
    tx: Tx,
    input: { loginAccountId: string; factorId: string; purpose: OtpPurpose; code: string; flowId?: string | null },
  ): Promise<CodeCheck> {
    const [row] = (await tx.manager.query(
      `SELECT id, code_hash, expires_at, attempts, max_attempts, used_at, flow_id
         FROM one_time_codes
        WHERE login_account_id = $1 AND factor_id = $2 AND purpose = $3 AND revoked_at IS NULL
        ORDER BY created_at DESC, id DESC LIMIT 1
        FOR UPDATE`,
      [input.loginAccountId, input.factorId, input.purpose],
    )) as CodeRow[];
    if (!row || row.used_at) return { ok: false, reason: 'invalid' };
    const now = this.clock.now();
    if (now.getTime() >= row.expires_at.getTime()) return { ok: false, reason: 'expired' };
    if (row.attempts >= row.max_attempts) return { ok: false, reason: 'too_many_attempts' };
    const normalised = normaliseOneTimeCode(input.code);
    const candidate = Buffer.from(this.hash(row.id, normalised ?? 'x'), 'hex');
    const stored = Buffer.from(row.code_hash, 'hex');
    const sameFlow = row.flow_id === null || (input.flowId ?? '').toLowerCase() === row.flow_id;
    const match = normalised !== null && candidate.length === stored.length && timingSafeEqual(candidate, stored) && sameFlow;
    if (!match) {
      const [rows] = (await tx.manager.query(`UPDATE one_time_codes SET attempts = attempts + 1 WHERE id = $1 RETURNING attempts`, [row.id])) as [
        Array<{ attempts: number }>,
        number,
      ];
      return { ok: false, reason: rows[0].attempts >= row.max_attempts ? 'too_many_attempts' : 'invalid' };
    }
    await tx.manager.query(`UPDATE one_time_codes SET used_at = $2 WHERE id = $1`, [row.id, now]);
    return { ok: true, codeId: row.id };
  }

  private hash(codeId: string, code: string): string {
    return createHmac('sha256', this.key).update(`${codeId.toLowerCase()}:${code}`).digest('hex');
  }
}

function refusal(code: 'send_cooldown' | 'send_limit', message: string, retryAfterSeconds: number): AppError {
  return new AppError(code, HttpStatus.TOO_MANY_REQUESTS, message, { retryAfterSeconds }, { 'Retry-After': String(retryAfterSeconds) });
}
