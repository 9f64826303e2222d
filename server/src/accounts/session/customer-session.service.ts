import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { ClientInfo } from '../../common/client-info';
import { Clock } from '../../common/clock';
import { hashSecretToken, newSecretToken } from '../../common/secret-token';
import type { Tx } from '../../database/transaction';
import { SESSION_ABSOLUTE_HOURS, SESSION_IDLE_MINUTES } from './session-cookie';

export interface CustomerSession {
  id: string;
  loginAccountId: string;
  email: string;
  csrfToken: string;
}

/**
 * Customer sessions in Postgres (one row per sign-in, token stored hashed): 30 minutes idle, 12 hours
 * absolute (AAL2), revocable server-side. Created only by the login flow's last step.
 */
@Injectable()
export class CustomerSessionService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
  ) {}

  async create(tx: Tx, loginAccountId: string, client: ClientInfo): Promise<{ token: string; csrfToken: string; maxAgeSeconds: number }> {
    const now = this.clock.now();
    const { token, hash } = newSecretToken();
    const csrfToken = randomBytes(24).toString('base64url');
    await tx.manager.query(
      `INSERT INTO customer_sessions (token_hash, csrf_token, login_account_id, created_at, last_seen_at, expires_at, ip, user_agent)
       VALUES ($1, $2, $3, $4, $4, $5, $6, $7)`,
      [hash, csrfToken, loginAccountId, now, new Date(now.getTime() + SESSION_ABSOLUTE_HOURS * 3_600_000), client.ip, client.userAgent],
    );
    return { token, csrfToken, maxAgeSeconds: SESSION_ABSOLUTE_HOURS * 3600 };
  }

  /** The live session for a cookie value, sliding its idle timer; undefined when absent, idle, expired or revoked. */
  async resolve(token: string): Promise<CustomerSession | undefined> {
    const now = this.clock.now();
    const idleSince = new Date(now.getTime() - SESSION_IDLE_MINUTES * 60_000);
    const rows = (await this.db.query(
      `UPDATE customer_sessions s SET last_seen_at = $2
         FROM login_accounts a
        WHERE s.token_hash = $1 AND a.id = s.login_account_id AND a.state = 'active'
          AND s.revoked_at IS NULL AND s.expires_at > $2 AND s.last_seen_at > $3
        RETURNING s.id, s.login_account_id, s.csrf_token, a.email`,
      [hashSecretToken(token), now, idleSince],
    )) as [Array<{ id: string; login_account_id: string; csrf_token: string; email: string }>, number];
    const row = rows[0][0];
    return row ? { id: row.id, loginAccountId: row.login_account_id, email: row.email, csrfToken: row.csrf_token } : undefined;
  }

  async revoke(sessionId: string): Promise<void> {
    await this.db.query(`UPDATE customer_sessions SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL`, [sessionId, this.clock.now()]);
  }
}
