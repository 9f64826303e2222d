import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { Clock } from '../common/clock';
import type { Tx } from '../database/transaction';
import { OutboxRepository } from './outbox.repository';
import { SMS_VOICE_OPTIONS, type SmsVoiceOptions } from './sms-voice.options';
import { SmsVoiceQueue } from './sms-voice.queue';

export interface QueuePhoneMessageInput {
  /** E.164 (`+819012345678`), already normalised (mfa/phone-number.ts). */
  to: string;
  /** SMS: the text. Voice: what the call says (the gateway wraps it in TwiML). */
  body: string;
  /** A name for the console, e.g. `mfa-code`. */
  template: string;
  loginAccountId?: string | null;
}

const E164 = /^\+[1-9][0-9]{6,14}$/;

/**
 * The outbox for texts and calls, like OutboxService.queueMail: the row is written in the caller's
 * transaction and its job enqueued only after the commit. Every retry of the job sends this row's body,
 * so a retried send carries the same code.
 */
@Injectable()
export class SmsVoiceOutboxService {
  private readonly logger = new Logger(SmsVoiceOutboxService.name);

  constructor(
    private readonly outbox: OutboxRepository,
    private readonly queue: SmsVoiceQueue,
    private readonly clock: Clock,
    @Inject(SMS_VOICE_OPTIONS) private readonly options: SmsVoiceOptions,
  ) {}

  queueSms(tx: Tx, input: QueuePhoneMessageInput): Promise<{ id: string }> {
    return this.queue_(tx, 'sms', input);
  }

  queueVoice(tx: Tx, input: QueuePhoneMessageInput): Promise<{ id: string }> {
    return this.queue_(tx, 'voice', input);
  }

  private async queue_(tx: Tx, channel: 'sms' | 'voice', input: QueuePhoneMessageInput): Promise<{ id: string }> {
    if (!E164.test(input.to)) throw new Error(`queue ${channel} (${input.template}): "to" must be an E.164 number`);
    if (!input.body) throw new Error(`queue ${channel} (${input.template}): empty body`);
    const id = randomUUID();
    await this.outbox.insert(
      tx.manager,
      {
        id,
        channel,
        template: input.template,
        recipient: input.to,
        loginAccountId: input.loginAccountId ?? null,
        subject: null,
        bodyText: input.body,
        bodyHtml: null,
        messageId: `${channel}-${id}`,
      },
      this.clock.now(),
    );
    tx.afterCommit(() => this.enqueue(id, channel));
    return { id };
  }

  /** For the console: a failed SMS or call goes back to pending and gets a new series of tries after the commit. */
  async retryFailed(tx: Tx, id: string, channel: 'sms' | 'voice'): Promise<boolean> {
    const reopened = await this.outbox.reopenFailed(tx.manager, id, this.clock.now());
    if (reopened) tx.afterCommit(() => this.enqueue(id, channel));
    return reopened;
  }

  private async enqueue(id: string, channel: string): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), this.options.enqueueTimeoutMs);
    });
    try {
      const outcome = await Promise.race([this.queue.enqueueSend(id).then(() => 'queued' as const), timeout]);
      if (outcome === 'timeout') this.logger.warn(`${channel} ${id} not enqueued within ${this.options.enqueueTimeoutMs} ms; the reconciler will send it`);
    } catch (error) {
      this.logger.warn(`${channel} ${id} not enqueued (${(error as Error).message}); the reconciler will send it`);
    } finally {
      clearTimeout(timer);
    }
  }
}
