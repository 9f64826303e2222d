import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { Clock } from '../common/clock';
import type { Tx } from '../database/transaction';
import { maskEmail } from '../observability/mask';
import { MailQueue } from './mail.queue';
import { MESSAGING_OPTIONS, type MessagingOptions } from './messaging.options';
import type { OutgoingMessage } from './outgoing-message';
import { OutboxRepository } from './outbox.repository';
import { renderMail, type MailTemplateDataMap, type MailTemplateName } from './templates/mail-templates';

export interface QueueMailInput<N extends MailTemplateName> {
  template: N;
  /** One address; the message goes to it exactly as given (trimmed). */
  to: string;
  data: MailTemplateDataMap[N];
  /** The customer this message is about, so staff find it on the customer page. */
  loginAccountId?: string | null;
}

const ONE_ADDRESS = /^[^\s@<>,;:"()[\]\\]+@[^\s@<>,;:"()[\]\\]+\.[^\s@<>,;:"()[\]\\]+$/;

/**
 * The outbox: features queue messages here, inside the transaction of the change that causes them.
 * The message is rendered now and stored as it will be sent; its send job is enqueued only once the
 * transaction committed, so a rolled-back change never mails anyone. Sending is the worker's part.
 */
@Injectable()
export class OutboxService {
  private readonly logger = new Logger(OutboxService.name);
  private readonly messageIdDomain: string;

  constructor(
    private readonly outbox: OutboxRepository,
    private readonly queue: MailQueue,
    private readonly clock: Clock,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
  ) {
    this.messageIdDomain = options.mailFrom.slice(options.mailFrom.lastIndexOf('@') + 1);
  }

  async queueMail<N extends MailTemplateName>(tx: Tx, input: QueueMailInput<N>): Promise<{ id: string }> {
    const to = input.to.trim();
    if (!ONE_ADDRESS.test(to)) throw new Error(`queueMail(${input.template}): "to" must be one email address`);
    const rendered = renderMail(input.template, input.data);
    const id = randomUUID();
    await this.outbox.insert(
      tx.manager,
      {
        id,
        channel: 'mail',
        template: input.template,
        recipient: to,
        loginAccountId: input.loginAccountId ?? null,
        subject: rendered.subject,
        bodyText: rendered.text,
        bodyHtml: rendered.html,
        messageId: `<${id}@${this.messageIdDomain}>`,
      },
      this.clock.now(),
    );
    tx.afterCommit(() => this.enqueue(id, to));
    return { id };
  }

  /** For the console: a failed message goes back to pending and gets a new series of tries after the commit. */
  async retryFailed(tx: Tx, id: string): Promise<boolean> {
    const reopened = await this.outbox.reopenFailed(tx.manager, id, this.clock.now());
    if (reopened) tx.afterCommit(() => this.enqueue(id));
    return reopened;
  }

  find(id: string): Promise<OutgoingMessage | undefined> {
    return this.outbox.find(id);
  }

  /** Newest first: what the console's customer page shows. */
  listForLoginAccount(loginAccountId: string, limit = 50): Promise<OutgoingMessage[]> {
    return this.outbox.listForLoginAccount(loginAccountId, limit);
  }

  /**
   * The change is committed whatever happens here. Redis being slow or down must not hold the customer's
   * request: wait a little, then leave the message to the reconciler (the row is pending in Postgres).
   */
  private async enqueue(id: string, to?: string): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), this.options.enqueueTimeoutMs);
    });
    try {
      const outcome = await Promise.race([this.queue.enqueueSend(id).then(() => 'queued' as const), timeout]);
      if (outcome === 'timeout') this.logger.warn(`mail ${id} not enqueued within ${this.options.enqueueTimeoutMs} ms; the reconciler will send it`);
    } catch (error) {
      this.logger.warn(
        `mail ${id}${to ? ` to ${maskEmail(to)}` : ''} not enqueued (${(error as Error).message}); the reconciler will send it`,
      );
    } finally {
      clearTimeout(timer);
    }
  }
}
