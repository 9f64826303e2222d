import { Inject, Injectable, Logger } from '@nestjs/common';
import { Clock } from '../common/clock';
import { maskEmail } from '../observability/mask';
import { MailQueue } from './mail.queue';
import { MAIL_TRANSPORT, MailSendError, type MailTransport } from './mail-transport';
import { MESSAGING_OPTIONS, type MessagingOptions } from './messaging.options';
import { OutboxRepository } from './outbox.repository';
import { shortError } from './smtp-mail.transport';

export type DeliveryOutcome =
  /** Sent now. */
  | 'sent'
  /** Nothing done: already sent, failed (waits for a human), or another worker is sending it right now. */
  | 'skipped';

/**
 * The worker's side of the outbox: send one message (at most one send at a time per message, never after
 * it was recorded as sent) and find messages whose job went missing.
 */
@Injectable()
export class MailDeliveryService {
  private readonly logger = new Logger(MailDeliveryService.name);

  constructor(
    private readonly outbox: OutboxRepository,
    private readonly queue: MailQueue,
    private readonly clock: Clock,
    @Inject(MAIL_TRANSPORT) private readonly transport: MailTransport,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
  ) {}

  /**
   * One try. On failure the row records it and goes back to pending (or to failed when `lastAttempt`, or
   * when the server refused the message for good) and the error is thrown again for the queue to retry.
   * `takeOver`: this job's previous run died (its worker was killed mid-send), so a row it left 'sending'
   * is sent again now rather than after the lease; the mail may go twice if the server had accepted it.
   */
  async deliver(outboxId: string, { lastAttempt, takeOver = false }: { lastAttempt: boolean; takeOver?: boolean }): Promise<DeliveryOutcome> {
    const message = await this.outbox.claim(outboxId, this.clock.now(), this.options.reconcile.sendingLeaseMs, takeOver);
    if (!message) {
      const current = await this.outbox.find(outboxId);
      this.logger.log(`mail ${outboxId} not sent by this job: ${current ? `it is ${current.state}` : 'no such message'}`);
      return 'skipped';
    }
    const what = `mail ${message.id} (${message.template}) to ${maskEmail(message.recipient)}, attempt ${message.attempts}`;
    try {
      if (message.channel !== 'mail' || message.subject === null) throw new MailSendError(`not a mail message (${message.channel})`, true);
      const result = await this.transport.send({
        from: this.options.mailFrom,
        to: message.recipient,
        subject: message.subject,
        text: message.bodyText,
        html: message.bodyHtml ?? undefined,
        messageId: message.messageId,
      });
      await this.outbox.markSent(message.id, this.clock.now(), shortError(result.response));
      this.logger.log(`${what}: ${this.transport.kind === 'log' ? 'recorded as sent (development sink)' : 'sent'}`);
      return 'sent';
    } catch (error) {
      const failure = error instanceof MailSendError ? error : new MailSendError(shortError(String((error as Error)?.message ?? error)), false);
      const final = lastAttempt || failure.permanent;
      await this.outbox.markAttemptFailed(message.id, message.attempts, this.clock.now(), failure.message, final);
      const outcome = failure.permanent ? 'refused for good, marked failed' : final ? 'last attempt, marked failed' : 'will retry';
      // The error text may quote the recipient's address: the log keeps it out, the row has it.
      this.logger.warn(`${what}: not sent (${outcome})`);
      throw failure;
    }
  }

  /**
   * Postgres is the truth: every mail that should be on its way gets its job again (a no-op while the job
   * exists). Covers an enqueue lost after the commit, an emptied Redis and a worker that died mid-send.
   */
  async reconcile(): Promise<number> {
    const { pendingAfterMs, sendingLeaseMs, batchSize } = this.options.reconcile;
    const ids = await this.outbox.findUnfinishedMail(this.clock.now(), pendingAfterMs, sendingLeaseMs, batchSize);
    for (const id of ids) await this.queue.enqueueSend(id);
    if (ids.length) this.logger.log(`reconciler: ${ids.length} unfinished mail(s) given their send job again`);
    return ids.length;
  }
}
