import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../../audit/audit.service';
import { AppError } from '../../common/app-error';
import type { ClientInfo } from '../../common/client-info';
import { inTransaction } from '../../database/transaction';
import { OutboxService } from '../outbox.service';
import { redactMessageBody } from '../redact-message';
import { SmsVoiceOutboxService } from '../sms-voice-outbox.service';

export interface MessageQuery {
  state?: 'pending' | 'sending' | 'sent' | 'failed';
  channel?: 'mail' | 'sms' | 'voice';
  /** The start of a recipient (an email or a +81 number). */
  recipient?: string;
  loginAccountId?: string;
  start: number;
  end: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The outbox across customers for the desk (domain.md §7): failed messages first, with a retry. */
@Injectable()
export class MessageListService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly mail: OutboxService,
    private readonly smsVoice: SmsVoiceOutboxService,
    private readonly audit: AuditService,
  ) {}

  async list(query: MessageQuery) {
    const params: unknown[] = [];
    const where: string[] = [];
    if (query.state) where.push(`state = $${params.push(query.state)}`);
    if (query.channel) where.push(`channel = $${params.push(query.channel)}`);
    if (query.recipient) where.push(`lower(recipient) LIKE $${params.push(`${query.recipient.toLowerCase().replace(/[%_\\]/g, '\\$&')}%`)}`);
    if (query.loginAccountId) where.push(`login_account_id = $${params.push(query.loginAccountId)}`);
    const filter = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const [rows, [{ total }]] = await Promise.all([
      this.db.query(
        `SELECT id, channel, template, recipient, login_account_id, subject, body_text, state, attempts, last_error, created_at, sent_at
           FROM outgoing_messages ${filter}
          ORDER BY (state = 'failed') DESC, created_at DESC, id DESC
          LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
        [...params, query.end - query.start, query.start],
      ) as Promise<Array<{ id: string; channel: string; template: string; recipient: string; login_account_id: string | null; subject: string | null; body_text: string; state: string; attempts: number; last_error: string | null; created_at: Date; sent_at: Date | null }>>,
      this.db.query(`SELECT count(*)::int AS total FROM outgoing_messages ${filter}`, params) as Promise<Array<{ total: number }>>,
    ]);
    return {
      total,
      items: rows.map((m) => ({
        id: m.id,
        channel: m.channel,
        template: m.template,
        recipient: m.recipient,
        loginAccountId: m.login_account_id,
        subject: m.subject,
        body: redactMessageBody(m.template, m.body_text),
        state: m.state,
        attempts: m.attempts,
        lastError: m.last_error,
        createdAt: m.created_at.toISOString(),
        sentAt: m.sent_at?.toISOString() ?? null,
      })),
    };
  }

  /** A failed message goes back to pending and is sent again; anything else is refused. */
  async retry(id: string, staffUserId: string, client: ClientInfo) {
    if (!UUID.test(id)) throw new AppError('message_not_found', HttpStatus.NOT_FOUND, 'No such message');
    return inTransaction(this.db, async (tx) => {
      const [message] = (await tx.manager.query(`SELECT channel, state FROM outgoing_messages WHERE id = $1 FOR UPDATE`, [id])) as Array<{ channel: 'mail' | 'sms' | 'voice'; state: string }>;
      if (!message) throw new AppError('message_not_found', HttpStatus.NOT_FOUND, 'No such message');
      const reopened = message.channel === 'mail' ? await this.mail.retryFailed(tx, id) : await this.smsVoice.retryFailed(tx, id, message.channel);
      if (!reopened) throw new AppError('message_not_failed', HttpStatus.CONFLICT, `Only a failed message can be retried (this one is ${message.state})`);
      await this.audit.record(tx, { actor: { type: 'staff', id: staffUserId }, action: 'messaging.retried', target: { type: 'outgoing_message', id }, before: { state: 'failed' }, after: { state: 'pending' }, ...client });
      return { id, state: 'pending' };
    });
  }
}
