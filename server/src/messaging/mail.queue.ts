import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable } from '@nestjs/common';
import type { JobsOptions, Queue } from 'bullmq';
import { JobName, QueueName } from '../queue/queue-names';
import { MESSAGING_OPTIONS, type MessagingOptions } from './messaging.options';

export interface MailSendJobData {
  /** outgoing_messages.id */
  outboxId: string;
}

/** The jobs of the mail queue, by name. */
export type MailJob = { name: JobName.MailSend; data: MailSendJobData } | { name: JobName.MailReconcile; data: Record<string, never> };

const RECONCILE_SCHEDULER_ID = 'mail-reconcile';

/** The mail queue behind one small class: job ids, retries and the reconcile schedule are decided here. */
@Injectable()
export class MailQueue {
  constructor(
    @InjectQueue(QueueName.Mail) private readonly queue: Queue,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
  ) {}

  static sendJobId(outboxId: string): string {
    return `mail-${outboxId}`;
  }

  /**
   * Idempotent: while a job for this message exists (waiting, delayed for a retry, running), adding it again
   * changes nothing. Finished jobs are removed, so a later enqueue makes a new job, which then finds the
   * row sent or failed and does nothing.
   */
  async enqueueSend(outboxId: string): Promise<void> {
    await this.queue.add(JobName.MailSend, { outboxId } satisfies MailSendJobData, this.sendJobOptions(outboxId));
  }

  sendJobOptions(outboxId: string): JobsOptions {
    return {
      jobId: MailQueue.sendJobId(outboxId),
      attempts: this.options.sendAttempts,
      backoff: { type: 'exponential', delay: this.options.retryBaseMs, jitter: 0.2 },
      // Postgres keeps the story (attempts, last error, sent at); Redis only the work still to do.
      removeOnComplete: true,
      removeOnFail: true,
    };
  }

  /** Every worker calls this at start; upserting one scheduler id keeps a single schedule however many run. */
  async scheduleReconcile(): Promise<void> {
    await this.queue.upsertJobScheduler(
      RECONCILE_SCHEDULER_ID,
      { every: this.options.reconcile.everyMs },
      { name: JobName.MailReconcile, data: {}, opts: { removeOnComplete: true, removeOnFail: 10 } },
    );
  }
}
