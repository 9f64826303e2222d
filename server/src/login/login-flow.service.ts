import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { hashPassword, verifyPassword } from '../accounts/password/password-hasher';
import { CustomerSessionService } from '../accounts/session/customer-session.service';
import { AuditService } from '../audit/audit.service';
import { answerFloor, WRONG_PASSWORD_FLOOR_MS } from '../common/answer-floor';
import { AppError } from '../common/app-error';
import type { ClientInfo } from '../common/client-info';
import { Clock } from '../common/clock';
import { RateLimiter } from '../common/rate-limiter';
import { hashSecretToken, newSecretToken } from '../common/secret-token';
import { inTransaction, type Tx } from '../database/transaction';
import { CodeFactorService, type CodeVerification } from '../mfa/code-factor.service';
import { MfaService } from '../mfa/mfa.service';
import { RUNTIME, type Runtime } from '../runtime/runtime';

export type LoginState = 'mfa_enroll' | 'mfa_challenge' | 'recovery_ack' | 'signed_in';

const FLOW_MINUTES = 15;

/** What the HTTP layer must do with cookies once a step answered. */
export interface StepOutcome {
  body: Record<string, unknown>;
  session?: { token: string; maxAgeSeconds: number };
  device?: { token: string; maxAgeSeconds: number };
}

interface FlowRow {
  id: string;
  login_account_id: string;
  email: string;
  state: LoginState;
  remember_device: boolean;
}

const invalidCredentials = () => new AppError('invalid_credentials', HttpStatus.UNAUTHORIZED, 'The email address or the password is not correct');
const flowExpired = () => new AppError('flow_expired', HttpStatus.GONE, 'This sign-in has expired: start again');
const invalidCode = () => new AppError('invalid_code', HttpStatus.UNAUTHORIZED, 'The code is not correct');

/** Why a one-time code was refused; the page offers "send again" for the last two. */
function codeRefusal(result: Extract<CodeVerification, { ok: false }>): AppError {
  if (result.reason === 'capped') return new AppError('factor_locked', HttpStatus.LOCKED, 'This factor is locked: use another method or contact the support desk');
  if (result.reason === 'expired') return new AppError('code_expired', HttpStatus.GONE, 'The code has expired: send a new one');
  if (result.reason === 'too_many_attempts') return new AppError('code_attempts_exhausted', HttpStatus.GONE, 'Too many wrong codes: send a new one');
  return invalidCode();
}

/**
 * Sign-in (domain.md §4.2) as a server-side flow: password → `mfa_enroll` (first time) or
 * `mfa_challenge` → (`recovery_ack` after an enrollment or a recovery code) → `signed_in`. Each step
 * names the state it needs, so none can be skipped; the session cookie exists only after the last one.
 * MFA cannot be turned off: without an active factor the flow always goes through enrollment.
 */
@Injectable()
export class LoginFlowService {
  private readonly dummyHash = hashPassword('dummy password for unknown accounts');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly mfa: MfaService,
    private readonly codes: CodeFactorService,
    private readonly sessions: CustomerSessionService,
    private readonly audit: AuditService,
    private readonly limiter: RateLimiter,
    private readonly clock: Clock,
    @Inject(RUNTIME) private readonly runtime: Runtime,
  ) {}

  async password(email: string, password: string, deviceToken: string | undefined, client: ClientInfo): Promise<StepOutcome> {
    // Both limits before hashing. Failures count per email *and* IP: an attacker elsewhere cannot lock the customer out.
    // Each attempt is charged as a failure before the hash and refunded when the password is right, so
    // 20 parallel guesses are 20 charges and at most 10 reach the hash.
    const failureKey = `${email.toLowerCase()}|${client.ip}`;
    const floor = answerFloor(WRONG_PASSWORD_FLOOR_MS);
    const perIp = await this.limiter.hit('login-ip', client.ip, 60, 60);
    const perAccountIp = perIp.allowed ? await this.limiter.hit('login-failures', failureKey, 10, 900) : perIp;
    if (!perIp.allowed || !perAccountIp.allowed) {
      const wait = Math.max(perIp.allowed ? 0 : perIp.retryAfterSeconds, perAccountIp.allowed ? 0 : perAccountIp.retryAfterSeconds);
      throw new AppError('rate_limited', HttpStatus.TOO_MANY_REQUESTS, 'Too many attempts: try again later', {
        retryAt: new Date(Date.now() + wait * 1000).toISOString(),
      }, { 'Retry-After': String(wait) });
    }
    const [account] = (await this.db.query(
      `SELECT id, email, password_hash FROM login_accounts WHERE lower(email) = lower($1) AND state = 'active'`,
      [email],
    )) as Array<{ id: string; email: string; password_hash: string }>;
    const ok = account ? await verifyPassword(account.password_hash, password) : (await verifyPassword(await this.dummyHash, password), false);
    if (!ok || !account) {
      if (account) await this.recordFailure(account.id, 'login.password_failed', client);
      await floor();
      throw invalidCredentials();
    }
    await this.limiter.refund('login-failures', failureKey);
    const hasFactor = await this.mfa.hasActiveFactor(account.id);
    if (hasFactor && deviceToken && (await this.mfa.isRememberedDevice(account.id, deviceToken))) {
      return inTransaction(this.db, async (tx) => this.signIn(tx, account.id, client, 'remembered_device'));
    }
    const state: LoginState = hasFactor ? 'mfa_challenge' : 'mfa_enroll';
    const { token, hash } = newSecretToken();
    const now = this.clock.now();
    await inTransaction(this.db, async (tx) => {
      await tx.manager.query(
        `INSERT INTO login_flows (token_hash, login_account_id, state, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)`,
        [hash, account.id, state, now, new Date(now.getTime() + FLOW_MINUTES * 60_000)],
      );
      await this.audit.record(tx, { actor: { type: 'customer', id: account.id }, action: 'login.password_ok', target: { type: 'login_account', id: account.id }, ...client });
    });
    const factors = hasFactor ? (await this.mfa.listFactors(account.id)).map((f) => ({ id: f.id, type: f.type, label: f.label })) : [];
    return { body: { flowToken: token, state, factors, recoveryCodeAvailable: hasFactor } };
  }

  async startTotpEnrollment(flowToken: string, client: ClientInfo): Promise<StepOutcome> {
    const flow = await this.flowIn(this.db, flowToken, ['mfa_enroll']);
    const enrollment = await this.mfa.startTotpEnrollment(flow.login_account_id, flow.email, { context: client });
    return { body: { state: flow.state, ...enrollment } };
  }

  async confirmTotpEnrollment(flowToken: string, factorId: string, code: string, client: ClientInfo): Promise<StepOutcome> {
    await this.limitCodes(client);
    const outcome = await inTransaction(this.db, async (tx) => {
      const flow = await this.flowIn(tx.manager, flowToken, ['mfa_enroll'], true);
      // A failed confirmation returns (and commits its failure count) instead of throwing inside.
      if (!(await this.mfa.confirmTotpEnrollment(tx, flow.login_account_id, factorId, code, client))) return undefined;
      const recoveryCode = await this.mfa.issueRecoveryCode(tx, flow.login_account_id, client);
      await this.moveTo(tx, flow.id, 'recovery_ack');
      return { body: { state: 'recovery_ack', recoveryCode } };
    });
    if (!outcome) throw invalidCode();
    return outcome;
  }

  async challengeTotp(flowToken: string, code: string, rememberDevice: boolean, deviceLabel: string, client: ClientInfo): Promise<StepOutcome> {
    await this.limitCodes(client);
    const outcome = await inTransaction(this.db, async (tx) => {
      const flow = await this.flowIn(tx.manager, flowToken, ['mfa_challenge'], true);
      const result = await this.mfa.verifyTotp(tx, flow.login_account_id, code, client);
      if (!result.ok) return { refused: result.reason };
      const signedIn = await this.signIn(tx, flow.login_account_id, client, 'totp', flow.id);
      if (rememberDevice) {
        const device = await this.mfa.rememberDevice(tx, flow.login_account_id, deviceLabel, client);
        signedIn.device = { token: device.token, maxAgeSeconds: Math.round((device.expiresAt.getTime() - this.clock.now().getTime()) / 1000) };
      }
      return signedIn;
    });
    if ('refused' in outcome) {
      // The failure counter and its audit event must survive the refusal, so they committed above.
      if (outcome.refused === 'capped') throw new AppError('factor_locked', HttpStatus.LOCKED, 'This factor is locked: use another method or contact the support desk');
      throw invalidCode();
    }
    return outcome;
  }

  /** Methods 1 and 2 at first sign-in: a code by SMS or voice call to the number given. */
  async startPhoneEnrollment(flowToken: string, phone: string, channel: 'sms' | 'voice', client: ClientInfo): Promise<StepOutcome> {
    return inTransaction(this.db, async (tx) => {
      const flow = await this.flowIn(tx.manager, flowToken, ['mfa_enroll'], true);
      const sent = await this.codes.startPhoneEnrollment(tx, flow.login_account_id, { phone, channel, flowId: flow.id, context: client });
      return { body: { state: flow.state, ...sent } };
    });
  }

  /** Method 5 is offered only after another factor exists (guide): at first sign-in this always refuses. */
  async startEmailEnrollment(flowToken: string, client: ClientInfo): Promise<StepOutcome> {
    return inTransaction(this.db, async (tx) => {
      const flow = await this.flowIn(tx.manager, flowToken, ['mfa_enroll'], true);
      const sent = await this.codes.startEmailEnrollment(tx, flow.login_account_id, { flowId: flow.id, context: client });
      return { body: { state: flow.state, ...sent } };
    });
  }

  /** "send text" / "call again". */
  async resendEnrollmentCode(flowToken: string, pendingFactorId: string, client: ClientInfo): Promise<StepOutcome> {
    return inTransaction(this.db, async (tx) => {
      const flow = await this.flowIn(tx.manager, flowToken, ['mfa_enroll'], true);
      return { body: { state: flow.state, ...(await this.codes.resendEnrollmentCode(tx, flow.login_account_id, pendingFactorId, { flowId: flow.id, context: client })) } };
    });
  }

  async confirmCodeEnrollment(flowToken: string, pendingFactorId: string, code: string, client: ClientInfo): Promise<StepOutcome> {
    await this.limitCodes(client);
    const outcome = await inTransaction(this.db, async (tx) => {
      const flow = await this.flowIn(tx.manager, flowToken, ['mfa_enroll'], true);
      const result = await this.codes.confirmEnrollment(tx, flow.login_account_id, pendingFactorId, code, { flowId: flow.id, context: client });
      if (!result.ok) return { refused: result };
      const recoveryCode = await this.mfa.issueRecoveryCode(tx, flow.login_account_id, client);
      await this.moveTo(tx, flow.id, 'recovery_ack');
      return { body: { state: 'recovery_ack', recoveryCode } };
    });
    if ('refused' in outcome && outcome.refused) throw codeRefusal(outcome.refused);
    return outcome as StepOutcome;
  }

  /** Sends a code to an enrolled SMS, voice or email factor ("Try another method", "send again"). */
  async sendChallengeCode(flowToken: string, factorId: string, client: ClientInfo): Promise<StepOutcome> {
    return inTransaction(this.db, async (tx) => {
      const flow = await this.flowIn(tx.manager, flowToken, ['mfa_challenge'], true);
      return { body: { state: flow.state, ...(await this.codes.sendChallengeCode(tx, flow.login_account_id, factorId, { flowId: flow.id, context: client })) } };
    });
  }

  async challengeCode(flowToken: string, factorId: string, code: string, rememberDevice: boolean, deviceLabel: string, client: ClientInfo): Promise<StepOutcome> {
    await this.limitCodes(client);
    const outcome = await inTransaction(this.db, async (tx) => {
      const flow = await this.flowIn(tx.manager, flowToken, ['mfa_challenge'], true);
      const result = await this.codes.verifyChallengeCode(tx, flow.login_account_id, factorId, code, { flowId: flow.id, context: client });
      if (!result.ok) return { refused: result };
      const signedIn = await this.signIn(tx, flow.login_account_id, client, 'one_time_code', flow.id);
      if (rememberDevice) {
        const device = await this.mfa.rememberDevice(tx, flow.login_account_id, deviceLabel, client);
        signedIn.device = { token: device.token, maxAgeSeconds: Math.round((device.expiresAt.getTime() - this.clock.now().getTime()) / 1000) };
      }
      return signedIn;
    });
    if ('refused' in outcome && outcome.refused) throw codeRefusal(outcome.refused);
    return outcome as StepOutcome;
  }

  async challengeRecovery(flowToken: string, recoveryCode: string, client: ClientInfo): Promise<StepOutcome> {
    await this.limitCodes(client);
    const outcome = await inTransaction(this.db, async (tx) => {
      const flow = await this.flowIn(tx.manager, flowToken, ['mfa_challenge'], true);
      if (!(await this.mfa.useRecoveryCode(tx, flow.login_account_id, recoveryCode, client))) return undefined;
      // The spent code is replaced at once; the customer must record the new one before going on.
      const fresh = await this.mfa.issueRecoveryCode(tx, flow.login_account_id, client);
      await this.moveTo(tx, flow.id, 'recovery_ack');
      return { body: { state: 'recovery_ack', recoveryCode: fresh } };
    });
    if (!outcome) throw invalidCode();
    return outcome;
  }

  async acknowledgeRecoveryCode(flowToken: string, client: ClientInfo): Promise<StepOutcome> {
    return inTransaction(this.db, async (tx) => {
      const flow = await this.flowIn(tx.manager, flowToken, ['recovery_ack'], true);
      return this.signIn(tx, flow.login_account_id, client, 'recovery_code_recorded', flow.id);
    });
  }

  private async signIn(tx: Tx, loginAccountId: string, client: ClientInfo, via: string, flowId?: string): Promise<StepOutcome> {
    if (flowId) await this.moveTo(tx, flowId, 'signed_in');
    const session = await this.sessions.create(tx, loginAccountId, client);
    await this.audit.record(tx, {
      actor: { type: 'customer', id: loginAccountId },
      action: 'login.signed_in',
      target: { type: 'login_account', id: loginAccountId },
      after: { via },
      ...client,
    });
    return { body: { state: 'signed_in', csrfToken: session.csrfToken }, session: { token: session.token, maxAgeSeconds: session.maxAgeSeconds } };
  }

  private async moveTo(tx: Tx, flowId: string, state: LoginState): Promise<void> {
    await tx.manager.query(`UPDATE login_flows SET state = $2, completed_at = CASE WHEN $2 = 'signed_in' THEN $3::timestamptz END WHERE id = $1`, [
      flowId,
      state,
      this.clock.now(),
    ]);
  }

  /** The flow behind a token, if it is live and in one of the states this step needs. */
  private async flowIn(runner: { query: DataSource['query'] }, flowToken: string, states: LoginState[], lock = false): Promise<FlowRow> {
    const [flow] = (await runner.query(
      `SELECT f.id, f.login_account_id, a.email, f.state, f.remember_device
         FROM login_flows f JOIN login_accounts a ON a.id = f.login_account_id
        WHERE f.token_hash = $1 AND f.expires_at > $2 AND f.state <> 'signed_in' AND a.state = 'active'
        ${lock ? 'FOR UPDATE OF f' : ''}`,
      [hashSecretToken(flowToken), this.clock.now()],
    )) as FlowRow[];
    if (!flow) throw flowExpired();
    if (!states.includes(flow.state)) {
      throw new AppError('wrong_step', HttpStatus.CONFLICT, `This sign-in is at step ${flow.state}`, { state: flow.state });
    }
    return flow;
  }

  private async limitCodes(client: ClientInfo): Promise<void> {
    const perIp = await this.limiter.hit('mfa-code-ip', client.ip, this.runtime.config.legacyIpLimitPerMinute, 60);
    if (!perIp.allowed) {
      throw new AppError('rate_limited', HttpStatus.TOO_MANY_REQUESTS, 'Too many codes tried: wait a minute', {}, { 'Retry-After': String(perIp.retryAfterSeconds) });
    }
  }

  private async recordFailure(loginAccountId: string, action: string, client: ClientInfo): Promise<void> {
    await inTransaction(this.db, (tx) =>
      this.audit.record(tx, { actor: { type: 'anonymous' }, action, target: { type: 'login_account', id: loginAccountId }, ...client }),
    );
  }
}
