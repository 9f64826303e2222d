import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { MessageChannel, OutgoingMessage } from './outgoing-message';
import { WriteBatcher } from './write-batcher';

export interface NewOutgoingMessage {
  id: string;
  channel: MessageChannel;
  template: string;
  recipient: string;
  loginAccountId: string | null;
  subject: string | null;
  bodyText: string;
  bodyHtml: string | null;
  messageId: string;
}

interface Claim {
  id: string;
  now: Date;
  staleBefore: Date;
  takeOver: boolean;
}

interface SentMark {
  id: string;
  now: Date;
  providerResponse: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const COLUMNS = `id, channel, template, recipient, login_account_id AS "loginAccountId", subject, body_text AS "bodyText",
  body_html AS "bodyHtml", message_id AS "messageId", state, attempts, last_error AS "lastError",
  last_attempt_at AS "lastAttemptAt", sent_at AS "sentAt", provider_response AS "providerResponse",
  created_at AS "createdAt", updated_at AS "updatedAt"`;

/**
 * SQL for outgoing_messages. Every state change is one conditional UPDATE, so two workers (or a stray
 * duplicate job) cannot both take a message: the WHERE clause decides, not a read before the write.
 * UPDATEs are wrapped in a CTE so TypeORM returns plain rows.
 */
@Injectable()
export class OutboxRepository {
  constructor(private readonly db: DataSource) {}

  async insert(manager: EntityManager, m: NewOutgoingMessage, now: Date): Promise<void> {
    await manager.query(
      `INSERT INTO outgoing_messages
         (id, channel, template, recipient, login_account_id, subject, body_text, body_html, message_id, state, attempts, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'pending', 0, $10, $10)`,
      [m.id, m.channel, m.template, m.recipient, m.loginAccountId, m.subject, m.bodyText, m.bodyHtml, m.messageId, now],
    );
  }

  async find(id: string): Promise<OutgoingMessage | undefined> {
    const [row] = (await this.db.query(`SELECT ${COLUMNS} FROM outgoing_messages WHERE id = $1`, [id])) as OutgoingMessage[];
    return row;
  }

  async listForLoginAccount(loginAccountId: string, limit: number): Promise<OutgoingMessage[]> {
    return (await this.db.query(
      `SELECT ${COLUMNS} FROM outgoing_messages WHERE login_account_id = $1 ORDER BY created_at DESC, id LIMIT $2`,
      [loginAccountId, limit],
    )) as OutgoingMessage[];
  }

  /**
   * Takes a message for one send: pending, or 'sending' but abandoned (its lease ran out, or `takeOver`:
   * the caller knows the claimant died). Counts the attempt before sending, so a crash mid-send still
   * shows. Undefined: sent, failed, or being sent now. Claims made while one is in flight go to Postgres
   * together in one UPDATE (WriteBatcher); each row is still decided by its own WHERE.
   */
  claim(id: string, now: Date, leaseMs: number, takeOver = false): Promise<OutgoingMessage | undefined> {
    if (!UUID.test(id)) return Promise.resolve(undefined);
    return this.claims.add({ id, now, staleBefore: new Date(now.getTime() - leaseMs), takeOver });
  }

  private readonly claims = new WriteBatcher<Claim, OutgoingMessage | undefined>(async (claims) => {
    const rows = (await this.db.query(
      `WITH claimed AS (
         UPDATE outgoing_messages m SET state = 'sending', attempts = m.attempts + 1, last_attempt_at = c.now, updated_at = c.now
           FROM unnest($1::uuid[], $2::timestamptz[], $3::timestamptz[], $4::boolean[]) WITH ORDINALITY AS c (id, now, stale_before, take_over, n)
          WHERE m.id = c.id AND (m.state = 'pending' OR (m.state = 'sending' AND (m.last_attempt_at < c.stale_before OR c.take_over)))
          RETURNING m.*, c.n)
       SELECT ${COLUMNS}, n::int AS "claimNo" FROM claimed`,
      [claims.map((c) => c.id), claims.map((c) => c.now), claims.map((c) => c.staleBefore), claims.map((c) => c.takeOver)],
    )) as Array<OutgoingMessage & { claimNo: number }>;
    // A row is updated once even when two claims of it share the batch: the claim it was updated for wins, as
    // with one UPDATE each; the other gets nothing.
    const won = new Map(rows.map(({ claimNo, ...row }) => [claimNo - 1, row]));
    return claims.map((_, i) => won.get(i));
  });

  /**
   * Recorded whatever state the row is in: the message did leave, even if a later claim overlapped.
   * Batched like claims: sends finishing together are recorded by one UPDATE.
   */
  async markSent(id: string, now: Date, providerResponse: string): Promise<void> {
    await this.sentMarks.add({ id, now, providerResponse });
  }

  private readonly sentMarks = new WriteBatcher<SentMark, void>(async (marks) => {
    await this.db.query(
      `UPDATE outgoing_messages m SET state = 'sent', sent_at = coalesce(m.sent_at, s.now), provider_response = s.response, updated_at = s.now
         FROM unnest($1::uuid[], $2::timestamptz[], $3::text[]) AS s (id, now, response)
        WHERE m.id = s.id`,
      [marks.map((s) => s.id), marks.map((s) => s.now), marks.map((s) => s.providerResponse)],
    );
    return marks.map(() => undefined);
  });

  /** Only the claim that made this attempt (same attempt number) moves the row on. */
  async markAttemptFailed(id: string, attempt: number, now: Date, error: string, final: boolean): Promise<void> {
    await this.db.query(
      `UPDATE outgoing_messages SET state = $4, last_error = $5, updated_at = $3
        WHERE id = $1 AND attempts = $2 AND state = 'sending'`,
      [id, attempt, now, final ? 'failed' : 'pending', error],
    );
  }

  /** Mail rows that should have a send job: pending for a while, or abandoned while sending. Oldest first. */
  async findUnfinishedMail(now: Date, pendingAfterMs: number, sendingLeaseMs: number, limit: number): Promise<string[]> {
    const rows = (await this.db.query(
      `SELECT id FROM outgoing_messages
        WHERE channel = 'mail'
          AND ((state = 'pending' AND created_at < $1) OR (state = 'sending' AND last_attempt_at < $2))
        ORDER BY created_at LIMIT $3`,
      [new Date(now.getTime() - pendingAfterMs), new Date(now.getTime() - sendingLeaseMs), limit],
    )) as Array<{ id: string }>;
    return rows.map((row) => row.id);
  }

  /** failed → pending, in the caller's transaction; false when the message is not failed. */
  async reopenFailed(manager: EntityManager, id: string, now: Date): Promise<boolean> {
    const rows = (await manager.query(
      `WITH reopened AS (
         UPDATE outgoing_messages SET state = 'pending', updated_at = $2 WHERE id = $1 AND state = 'failed' RETURNING id)
       SELECT id FROM reopened`,
      [id, now],
    )) as Array<{ id: string }>;
    return rows.length === 1;
  }
}
