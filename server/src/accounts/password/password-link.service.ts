import { HttpStatus, Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../../audit/audit.service';
import { AppError } from '../../common/app-error';
import type { ClientInfo } from '../../common/client-info';
import { Clock } from '../../common/clock';
import { RateLimiter } from '../../common/rate-limiter';
import { hashSecretToken, newSecretToken } from '../../common/secret-token';
import { inTransaction, type Tx } from '../../database/transaction';
import { MfaService } from '../../mfa/mfa.service';
import { OutboxService } from '../../messaging/outbox.service';
import { maskEmail } from '../../observability/mask';
import { RUNTIME, type Runtime } from '../../runtime/runtime';
import { hashPassword } from './password-hasher';
import { passwordProblem } from './password-policy';

const linkInvalid = () => new AppError('link_invalid', HttpStatus.GONE, 'This link is unknown, already used or expired');

/**
 * The mailed link that sets the first password (and later resets it): random, stored hashed, single
 * use, expires after PASSWORD_LINK_HOURS (24). Issuing a new one revokes the older unused ones.
 */
@Injectable()
export class PasswordLinkService {
  private readonly logger = new Logger(PasswordLinkService.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    private readonly mfa: MfaService,
    private readonly limiter: RateLimiter,
    @Inject(RUNTIME) private readonly runtime: Runtime,
  ) {}

  /** Creates a link inside the caller's transaction; returns the URL to mail. */
  async issue(tx: Tx, loginAccountId: string, purpose: 'initial' | 'reset'): Promise<string> {
    const now = this.clock.now();
    const { token, hash } = newSecretToken();
    await tx.manager.query(
      `UPDATE password_set_tokens SET revoked_at = $2 WHERE login_account_id = $1 AND used_at IS NULL AND revoked_at IS NULL`,
      [loginAccountId, now],
    );
    await tx.manager.query(
      `INSERT INTO password_set_tokens (login_account_id, token_hash, purpose, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)`,
      [loginAccountId, hash, purpose, now, new Date(now.getTime() + this.runtime.config.passwordLinkHours * 3_600_000)],
    );
    return this.linkUrl(token);
  }

  linkUrl(token: string): string {
    // In the fragment: browsers never send it to the server or in a Referer, so it stays out of logs.
    return `${this.runtime.config.http.publicUrl}/password/set#token=${token}`;
  }

  requestUrl(): string {
    return `${this.runtime.config.http.publicUrl}/password/request`;
  }

  async status(token: string): Promise<{ valid: true; email: string }> {
    const row = await this.findUsable(this.db, token);
    return { valid: true, email: maskEmail(row.email) };
  }

  async setPassword(token: string, password: string, client: ClientInfo): Promise<{ email: string }> {
    const row = await this.findUsable(this.db, token);
    const networkIds = (
      (await this.db.query(`SELECT network_id FROM contracts WHERE login_account_id = $1`, [row.login_account_id])) as Array<{ network_id: string }>
    ).map((r) => r.network_id);
    const problem = passwordProblem(password, { email: row.email, networkIds });
    if (problem) throw AppError.invalidInput([{ field: 'password', message: problem }]);
    const passwordHash = await hashPassword(password);
    const now = this.clock.now();
    return inTransaction(this.db, async (tx) => {
      // Spending the link and setting the password happen together or not at all; a second use finds it spent.
      const spent = (await tx.manager.query(
        `UPDATE password_set_tokens SET used_at = $2
          WHERE token_hash = $1 AND used_at IS NULL AND revoked_at IS NULL AND expires_at > $2
          RETURNING login_account_id`,
        [hashSecretToken(token), now],
      )) as [Array<{ login_account_id: string }>, number];
      if (spent[1] !== 1) throw linkInvalid();
      await tx.manager.query(
        `UPDATE login_accounts SET password_hash = $2, state = CASE WHEN state = 'pending_password' THEN 'active' ELSE state END, updated_at = $3
          WHERE id = $1`,
        [row.login_account_id, passwordHash, now],
      );
      // A new password ends every way in that the old one opened: sessions and remembered devices.
      await tx.manager.query(`UPDATE customer_sessions SET revoked_at = $2 WHERE login_account_id = $1 AND revoked_at IS NULL`, [
        row.login_account_id,
        now,
      ]);
      await this.mfa.revokeAllDevices(tx, row.login_account_id, client);
      await this.audit.record(tx, {
        actor: { type: 'customer', id: row.login_account_id },
        action: row.purpose === 'initial' ? 'account.password_set' : 'account.password_reset',
        target: { type: 'login_account', id: row.login_account_id },
        ip: client.ip,
        userAgent: client.userAgent,
        requestId: client.requestId,
      });
      return { email: row.email };
    });
  }

  /**
   * Same answer, as fast, whether or not the email exists; an existing account gets a fresh link by
   * mail. Looking the account up and issuing the link take time only when it exists (about 10 ms more,
   * test/api/abuse-existence.e2e-spec.ts), so that work runs after the answer; a request lost to a
   * restart in between is asked again by the customer.
   */
  async requestLink(email: string, client: ClientInfo): Promise<void> {
    const perIp = await this.limiter.hit('password-link-ip', client.ip, 20, 3600);
    const perEmail = await this.limiter.hit('password-link-email', email.toLowerCase(), 5, 3600);
    if (!perIp.allowed) {
      throw new AppError('rate_limited', HttpStatus.TOO_MANY_REQUESTS, 'Too many requests: try again later', {}, { 'Retry-After': String(perIp.retryAfterSeconds) });
    }
    if (!perEmail.allowed) return; // silently: answering differently would reveal that the email exists
    void this.mailLinkIfAccount(email, client).catch((error: Error) => this.logger.error(`password link for ${maskEmail(email)} not issued: ${error.message}`));
  }

  private async mailLinkIfAccount(email: string, client: ClientInfo): Promise<void> {
    const [account] = (await this.db.query(`SELECT id, email FROM login_accounts WHERE lower(email) = lower($1) AND state <> 'disabled'`, [email])) as Array<{
      id: string;
      email: string;
    }>;
    if (!account) return;
    await inTransaction(this.db, async (tx) => {
      const url = await this.issue(tx, account.id, 'reset');
      await this.outbox.queueMail(tx, {
        template: 'password-set-link',
        to: account.email,
        loginAccountId: account.id,
        data: { email: account.email, passwordSetUrl: url, passwordResetRequestUrl: this.requestUrl(), validHours: this.runtime.config.passwordLinkHours },
      });
      await this.audit.record(tx, {
        actor: { type: 'anonymous' },
        action: 'account.password_link_requested',
        target: { type: 'login_account', id: account.id },
        ip: client.ip,
        userAgent: client.userAgent,
        requestId: client.requestId,
      });
    });
  }

  private async findUsable(db: DataSource, token: string) {
    const [row] = (await db.query(
      `SELECT t.login_account_id, t.purpose, a.email
         FROM password_set_tokens t JOIN login_accounts a ON a.id = t.login_account_id
        WHERE t.token_hash = $1 AND t.used_at IS NULL AND t.revoked_at IS NULL AND t.expires_at > $2`,
      [hashSecretToken(token), this.clock.now()],
    )) as Array<{ login_account_id: string; purpose: 'initial' | 'reset'; email: string }>;
    if (!row) throw linkInvalid();
    return row;
  }
}
