import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { ClientInfo } from '../common/client-info';
import { Clock } from '../common/clock';
import { hashSecretToken, newSecretToken } from '../common/secret-token';
import type { Tx } from '../database/transaction';
import type { StaffRole } from './staff-user.entity';

/** domain.md issue: staff sessions end after 30 minutes without a request; a working day at most. */
export const STAFF_IDLE_MINUTES = 30;
export const STAFF_ABSOLUTE_HOURS = 12;

export interface StaffSession {
  id: string;
  staffUserId: string;
  email: string;
  displayName: string;
  role: StaffRole;
  csrfToken: string;
}

/**
 * Staff sessions in Postgres, separate from the customers' (own table, own cookie, own guard): token
 * stored hashed, idle and absolute limits, revocable; a deactivated staff member's sessions stop at once.
 */
@Injectable()
export class StaffSessionService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
  ) {}

  async create(tx: Tx, staffUserId: string, client: ClientInfo): Promise<{ token: string; csrfToken: string; maxAgeSeconds: number }> {
    const now = this.clock.now();
    const { token, hash } = newSecretToken();
    const csrfToken = randomBytes(24).toString('base64url');
    await tx.manager.query(
      `INSERT INTO staff_sessions (token_hash, csrf_token, staff_user_id, created_at, last_seen_at, expires_at, ip, user_agent)
       VALUES ($1, $2, $3, $4, $4, $5, $6, $7)`,
      [hash, csrfToken, staffUserId, now, new Date(now.getTime() + STAFF_ABSOLUTE_HOURS * 3_600_000), client.ip, client.userAgent],
    );
    return { token, csrfToken, maxAgeSeconds: STAFF_ABSOLUTE_HOURS * 3600 };
  }

  /** The live session for a cookie value, sliding its idle timer; undefined when absent, idle, expired, revoked or the staff member inactive. */
  async resolve(token: string): Promise<StaffSession | undefined> {
    const now = this.clock.now();
    const idleSince = new Date(now.getTime() - STAFF_IDLE_MINUTES * 60_000);
    const rows = (await this.db.query(
      `UPDATE staff_sessions s SET last_seen_at = $2
         FROM staff_users u
        WHERE s.token_hash = $1 AND u.id = s.staff_user_id AND u.active
          AND s.revoked_at IS NULL AND s.expires_at > $2 AND s.last_seen_at > $3
        RETURNING s.id, s.staff_user_id, s.csrf_token, u.email, u.display_name, u.role`,
      [hashSecretToken(token), now, idleSince],
    )) as [Array<{ id: string; staff_user_id: string; csrf_token: string; email: string; display_name: string; role: StaffRole }>, number];
    const row = rows[0][0];
    return row
      ? { id: row.id, staffUserId: row.staff_user_id, email: row.email, displayName: row.display_name, role: row.role, csrfToken: row.csrf_token }
      : undefined;
  }

  async revoke(sessionId: string): Promise<void> {
    await this.db.query(`UPDATE staff_sessions SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL`, [sessionId, this.clock.now()]);
  }
}
