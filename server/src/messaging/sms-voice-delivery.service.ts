import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '../common/clock';
import { maskPhone } from '../mfa/mask-phone';
import type { DeliveryOutcome } from './mail-delivery.service';
import { OutboxRepository } from './outbox.repository';
import { shortError } from './smtp-mail.transport';
import { SMS_VOICE_GATEWAY, SmsVoiceSendError, type SmsVoiceGateway } from './sms-voice-gateway';
import { SMS_VOICE_OPTIONS, type SmsVoiceOptions } from './sms-voice.options';
import { SmsVoiceQueue } from './sms-voice.queue';

/** The worker's side for texts and calls: one send per try, same claim/mark rules as mail. */
@Injectable()
export class SmsVoiceDeliveryService {
  private readonly logger = new Logger(SmsVoiceDeliveryService.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly outbox: OutboxRepository,
    private readonly queue: SmsVoiceQueue,
    private readonly clock: Clock,
    @Inject(SMS_VOICE_GATEWAY) private readonly gateway: SmsVoiceGateway,
    @Inject(SMS_VOICE_OPTIONS) private readonly options: SmsVoiceOptions,
  ) {}

  /**
   * One try. A message older than `maxAgeMs` carries an expired code: it is marked failed, not sent.
   * On failure the error is thrown again for the queue to retry (or UnrecoverableError when permanent).
   */
  async deliver(outboxId: string, { lastAttempt }: { lastAttempt: boolean }): Promise<DeliveryOutcome> {
    const now = this.clock.now();
    const message = await this.outbox.claim(outboxId, now, this.options.reconcile.sendingLeaseMs);
    if (!message) {
      const current = await this.outbox.find(outboxId);
      this.logger.log(`message ${outboxId} not sent by this job: ${current ? `it is ${current.state}` : 'no such message'}`);
      return 'skipped';
    }
    const what = `${message.channel} ${message.id} (${message.template}) to ${maskPhone(message.recipient)}, attempt ${message.attempts}`;
    try {
      if (message.channel !== 'sms' && message.channel !== 'voice') throw new SmsVoiceSendError(`not an SMS or voice message (${message.channel})`, true);
      if (now.getTime() - new Date(message.createdAt).getTime() > this.options.maxAgeMs) {
        throw new SmsVoiceSendError('too old to send: its code has expired', true);
      }
      const result =
        message.channel === 'sms'
          ? await this.gateway.sendSms({ to: message.recipient, body: message.bodyText })
          : await this.gateway.call({ to: message.recipient, say: message.bodyText });
      await this.outbox.markSent(message.id, this.clock.now(), shortError(result.response));
      this.logger.log(`${what}: ${this.gateway.kind === 'log' ? 'recorded as sent (development gateway)' : 'sent'}`);
      return 'sent';
    } catch (error) {
      const failure = error instanceof SmsVoiceSendError ? error : new SmsVoiceSendError(shortError(String((error as Error)?.message ?? error)), false);
      const final = lastAttempt || failure.permanent;
      await this.outbox.markAttemptFailed(message.id, message.attempts, this.clock.now(), failure.message, final);
      const outcome = failure.permanent ? 'refused for good, marked failed' : final ? 'last attempt, marked failed' : 'will retry';
      // The provider's error text may quote the number: the row has it, the log does not.
      this.logger.warn(`${what}: not sent (${outcome})`);
      throw failure;
    }
  }

  /** Texts and calls still worth sending whose job went missing get it again (codes expire: young rows only). */
  async reconcile(): Promise<number> {
    const now = this.clock.now().getTime();
    const { pendingAfterMs, sendingLeaseMs, batchSize } = this.options.reconcile;
    const rows = (await this.db.query(
      `SELECT id FROM outgoing_messages
        WHERE channel IN ('sms', 'voice') AND created_at > $1
          AND ((state = 'pending' AND created_at < $2) OR (state = 'sending' AND last_attempt_at < $3))
        ORDER BY created_at LIMIT $4`,
      [new Date(now - this.options.maxAgeMs), new Date(now - pendingAfterMs), new Date(now - sendingLeaseMs), batchSize],
    )) as Array<{ id: string }>;
    for (const row of rows) await this.queue.enqueueSend(row.id);
    if (rows.length) this.logger.log(`reconciler: ${rows.length} unfinished text(s)/call(s) given their send job again`);
    return rows.length;
  }
}
