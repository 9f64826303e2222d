import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { hashPassword, verifyPassword } from '../accounts/password/password-hasher';
import { AuditService } from '../audit/audit.service';
import { answerFloor, WRONG_PASSWORD_FLOOR_MS } from '../common/answer-floor';
import { AppError } from '../common/app-error';
import type { ClientInfo } from '../common/client-info';
import { Clock } from '../common/clock';
import { RateLimiter } from '../common/rate-limiter';
import { hashSecretToken, newSecretToken } from '../common/secret-token';
import { inTransaction, type Tx } from '../database/transaction';
import type { SecretBox } from '../mfa/secret-box';
import { totpSecretBox } from '../mfa/totp-secret-box';
import { checkTotpCode, newTotpSecret, otpauthUri, qrDataUrl } from '../mfa/totp/totp';
import { RUNTIME, type Runtime } from '../runtime/runtime';
import { StaffSessionService } from './staff-session.service';
import type { StaffRole } from './staff-user.entity';

const FLOW_MINUTES = 10;
/** Wrong codes a sign-in flow survives; then the password is asked again. */
const FLOW_CODE_ATTEMPTS = 5;
/** Failed passwords per email and IP in 15 minutes (an attacker elsewhere cannot lock a staff member out). */
const PASSWORD_FAILURES = 5;
/**
 * Wrong codes per staff member in 15 minutes, across flows: someone who has the password cannot open
 * flow after flow to keep guessing (5 per flow × 30 flows a minute otherwise).
 */
const CODE_FAILURES = 10;

type FlowState = 'totp_enroll' | 'totp_challenge';

export interface StaffSignedIn {
  session: { token: string; csrfToken: string; maxAgeSeconds: number };
  body: { state: 'signed_in'; csrfToken: string; staff: { id: string; email: string; displayName: string; role: StaffRole } };
}

const invalidCredentials = () => new AppError('invalid_credentials', HttpStatus.UNAUTHORIZED, 'The email or the password is not correct');
const flowExpired = () => new AppError('flow_expired', HttpStatus.GONE, 'This sign-in has expired: start again');
const invalidCode = () => new AppError('invalid_code', HttpStatus.UNAUTHORIZED, 'The code is not correct');

/**
 * Staff sign-in to the console: email + password, then TOTP every time; the first sign-in enrolls the
 * authenticator (domain.md §2). A server-side flow like the customers' (`totp_enroll` | `totp_challenge`
 * → `signed_in`); the session exists only after the code.
 */
@Injectable()
export class StaffSignInService {
  private readonly box: SecretBox;
  private readonly dummyHash = hashPassword('dummy password for unknown staff');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly sessions: StaffSessionService,
    private readonly audit: AuditService,
    private readonly limiter: RateLimiter,
    private readonly clock: Clock,
    @Inject(RUNTIME) runtime: Runtime,
  ) {
    this.box = totpSecretBox(runtime.config);
  }

  async password(email: string, password: string, client: ClientInfo) {
    const failureKey = `${email.toLowerCase()}|${client.ip}`;
    const floor = answerFloor(WRONG_PASSWORD_FLOOR_MS);
    const perIp = await this.limiter.hit('staff-login-ip', client.ip, 30, 60);
    // Charged before the hash, refunded on a right password: parallel guesses cannot all pass the count.
    const failures = perIp.allowed ? await this.limiter.hit('staff-login-failures', failureKey, PASSWORD_FAILURES, 900) : perIp;
    if (!perIp.allowed || !failures.allowed) {
      const wait = Math.max(perIp.allowed ? 0 : perIp.retryAfterSeconds, failures.allowed ? 0 : failures.retryAfterSeconds);
      throw new AppError('rate_limited', HttpStatus.TOO_MANY_REQUESTS, 'Too many attempts: try again later', {
        retryAt: new Date(this.clock.now().getTime() + wait * 1000).toISOString(),
      }, { 'Retry-After': String(wait) });
    }
    const [staff] = (await this.db.query(
      `SELECT id, email, password_hash, totp_enrolled_at FROM staff_users WHERE lower(email) = lower($1) AND active`,
      [email],
    )) as Array<{ id: string; email: string; password_hash: string; totp_enrolled_at: Date | null }>;
    const ok = staff ? await verifyPassword(staff.password_hash, password) : (await verifyPassword(await this.dummyHash, password), false);
    if (!ok || !staff) {
      if (staff) {
        await inTransaction(this.db, async (tx) => {
          await tx.manager.query(
            `UPDATE staff_users SET failed_attempts = failed_attempts + 1, consecutive_failures = consecutive_failures + 1 WHERE id = $1`,
            [staff.id],
          );
          await this.audit.record(tx, { actor: { type: 'staff', id: staff.id }, action: 'staff.password_failed', target: { type: 'staff_user', id: staff.id }, ...client });
        });
      }
      await floor();
      throw invalidCredentials();
    }
    await this.limiter.refund('staff-login-failures', failureKey);
    const state: FlowState = staff.totp_enrolled_at ? 'totp_challenge' : 'totp_enroll';
    const { token, hash } = newSecretToken();
    const now = this.clock.now();
    const secret = state === 'totp_enroll' ? newTotpSecret() : null;
    await inTransaction(this.db, async (tx) => {
      const [flow] = (await tx.manager.query(
        `INSERT INTO staff_login_flows (token_hash, staff_user_id, state, created_at, expires_at) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
        [hash, staff.id, state, now, new Date(now.getTime() + FLOW_MINUTES * 60_000)],
      )) as Array<{ id: string }>;
      if (secret) {
        await tx.manager.query(`UPDATE staff_login_flows SET pending_totp_secret = $2 WHERE id = $1`, [flow.id, this.box.encrypt(secret.bytes, `staff-flow:${flow.id}`)]);
      }
      await this.audit.record(tx, { actor: { type: 'staff', id: staff.id }, action: 'staff.password_ok', target: { type: 'staff_user', id: staff.id }, ...client });
    });
    if (!secret) return { flowToken: token, state };
    const uri = otpauthUri(secret.base32, `console:${staff.email}`);
    return { flowToken: token, state, enrollment: { secret: secret.base32, otpauthUri: uri, qrDataUrl: await qrDataUrl(uri) } };
  }

  /** First sign-in: the code from the newly added authenticator proves it works; the seed becomes the staff member's. */
  async enroll(flowToken: string, code: string, client: ClientInfo): Promise<StaffSignedIn> {
    return this.withFlow(flowToken, 'totp_enroll', client, async (tx, flow) => {
      const secret = this.box.decrypt(flow.pending_totp_secret!, `staff-flow:${flow.id}`);
      const check = await checkTotpCode(secret, code, this.clock.now(), null);
      if (check.result !== 'ok') return null;
      await tx.manager.query(
        `UPDATE staff_users SET totp_secret = $2, totp_last_step = $3, totp_enrolled_at = $4, updated_at = $4 WHERE id = $1`,
        [flow.staff_user_id, this.box.encrypt(secret, `staff-totp:${flow.staff_user_id}`), check.step, this.clock.now()],
      );
      await this.audit.record(tx, { actor: { type: 'staff', id: flow.staff_user_id }, action: 'staff.totp_enrolled', target: { type: 'staff_user', id: flow.staff_user_id }, ...client });
      return true;
    });
  }

  async challenge(flowToken: string, code: string, client: ClientInfo): Promise<StaffSignedIn> {
    return this.withFlow(flowToken, 'totp_challenge', client, async (tx, flow) => {
      const [staff] = (await tx.manager.query(`SELECT totp_secret, totp_last_step FROM staff_users WHERE id = $1 FOR UPDATE`, [flow.staff_user_id])) as Array<{
        totp_secret: string | null;
        totp_last_step: string | null;
      }>;
      if (!staff?.totp_secret) return null;
      const secret = this.box.decrypt(staff.totp_secret, `staff-totp:${flow.staff_user_id}`);
      const check = await checkTotpCode(secret, code, this.clock.now(), staff.totp_last_step === null ? null : Number(staff.totp_last_step));
      if (check.result !== 'ok') return null;
      await tx.manager.query(`UPDATE staff_users SET totp_last_step = $2 WHERE id = $1`, [flow.staff_user_id, check.step]);
      return true;
    });
  }

  /**
   * Runs a code step on a live flow. A wrong code is counted and *committed* before the refusal; at the
   * last allowed failure the flow dies. A right one ends the flow and opens the session.
   */
  private async withFlow(
    flowToken: string,
    state: FlowState,
    client: ClientInfo,
    step: (tx: Tx, flow: FlowRow) => Promise<true | null>,
  ): Promise<StaffSignedIn> {
    const now = this.clock.now();
    const [owner] = (await this.db.query(`SELECT staff_user_id FROM staff_login_flows WHERE token_hash = $1`, [hashSecretToken(flowToken)])) as Array<{ staff_user_id: string }>;
    if (owner) {
      // Charged first (refunded below unless a code was wrong), so parallel flows cannot all pass the cap.
      const gate = await this.limiter.hit('staff-code-failures', owner.staff_user_id, CODE_FAILURES, 900);
      if (!gate.allowed) {
        throw new AppError('rate_limited', HttpStatus.TOO_MANY_REQUESTS, 'Too many wrong codes: try again later', {
          retryAt: new Date(now.getTime() + gate.retryAfterSeconds * 1000).toISOString(),
        }, { 'Retry-After': String(gate.retryAfterSeconds) });
      }
    }
    const outcome = await inTransaction(this.db, async (tx): Promise<StepResult> => {
      const [flow] = (await tx.manager.query(
        `SELECT id, staff_user_id, pending_totp_secret, code_failures FROM staff_login_flows
          WHERE token_hash = $1 AND state = $2 AND expires_at > $3 FOR UPDATE`,
        [hashSecretToken(flowToken), state, now],
      )) as FlowRow[];
      if (!flow) return { kind: 'expired' } as const;
      const ok = await step(tx, flow);
      if (!ok) {
        const failures = flow.code_failures + 1;
        if (failures >= FLOW_CODE_ATTEMPTS) await tx.manager.query(`DELETE FROM staff_login_flows WHERE id = $1`, [flow.id]);
        else await tx.manager.query(`UPDATE staff_login_flows SET code_failures = $2 WHERE id = $1`, [flow.id, failures]);
        await this.audit.record(tx, { actor: { type: 'staff', id: flow.staff_user_id }, action: 'staff.totp_failed', target: { type: 'staff_user', id: flow.staff_user_id }, ...client });
        return { kind: failures >= FLOW_CODE_ATTEMPTS ? 'exhausted' : 'invalid' };
      }
      await tx.manager.query(`UPDATE staff_login_flows SET state = 'signed_in', pending_totp_secret = NULL WHERE id = $1`, [flow.id]);
      const [staff] = (await tx.manager.query(
        `UPDATE staff_users SET consecutive_failures = 0, last_sign_in_at = $2 WHERE id = $1 RETURNING id, email, display_name, role`,
        [flow.staff_user_id, now],
      )) as [Array<{ id: string; email: string; display_name: string; role: StaffRole }>, number];
      const session = await this.sessions.create(tx, flow.staff_user_id, client);
      await this.audit.record(tx, { actor: { type: 'staff', id: flow.staff_user_id }, action: 'staff.signed_in', target: { type: 'staff_user', id: flow.staff_user_id }, ...client });
      const s = staff[0];
      return { kind: 'ok', session, staff: { id: s.id, email: s.email, displayName: s.display_name, role: s.role } } as const;
    });
    if (outcome.kind !== 'invalid' && outcome.kind !== 'exhausted' && owner) await this.limiter.refund('staff-code-failures', owner.staff_user_id);
    if (outcome.kind !== 'ok') throw outcome.kind === 'invalid' ? invalidCode() : flowExpired();
    return { session: outcome.session, body: { state: 'signed_in', csrfToken: outcome.session.csrfToken, staff: outcome.staff } };
  }
}

type StepResult =
  | { kind: 'expired' | 'invalid' | 'exhausted' }
  | { kind: 'ok'; session: StaffSignedIn['session']; staff: StaffSignedIn['body']['staff'] };

interface FlowRow {
  id: string;
  staff_user_id: string;
  pending_totp_secret: string | null;
  code_failures: number;
}
