import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { UnrecoverableError, type Job } from 'bullmq';
import { JobName, QueueName } from '../queue/queue-names';
import { MailDeliveryService } from './mail-delivery.service';
import { MailQueue, type MailSendJobData } from './mail.queue';
import { MAIL_TRANSPORT, MailSendError, type MailTransport } from './mail-transport';

/** Sends outbox mail and runs the reconciler; loaded only where workers run. */
@Processor(QueueName.Mail, { concurrency: 5 })
export class MailProcessor extends WorkerHost implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(MailProcessor.name);

  constructor(
    private readonly delivery: MailDeliveryService,
    private readonly queue: MailQueue,
    @Inject(MAIL_TRANSPORT) private readonly transport: MailTransport,
  ) {
    super();
  }

  onApplicationBootstrap(): void {
    // Not awaited: with Redis down at start the schedule is made when it answers, without holding the boot.
    this.queue.scheduleReconcile().catch((error: Error) => this.logger.warn(`mail reconciler not scheduled: ${error.message}`));
    this.logger.log(`mail transport: ${this.transport.kind === 'smtp' ? 'SMTP' : 'development sink (SMTP_URL unset, mail is only logged)'}`);
  }

  async process(job: Job): Promise<unknown> {
    switch (job.name) {
      case JobName.MailSend: {
        const { outboxId } = job.data as MailSendJobData;
        try {
          return await this.delivery.deliver(outboxId, { lastAttempt: job.attemptsMade + 1 >= (job.opts.attempts ?? 1) });
        } catch (error) {
          if (error instanceof MailSendError && error.permanent) throw new UnrecoverableError(error.message);
          throw error;
        }
      }
      case JobName.MailReconcile:
        return { requeued: await this.delivery.reconcile() };
      default:
        throw new UnrecoverableError(`unknown job ${job.name} on ${QueueName.Mail}`);
    }
  }

  /** After the worker stopped taking jobs and its running sends finished, close the SMTP pool. */
  async onApplicationShutdown(): Promise<void> {
    try {
      await this.worker.close();
    } catch {
      // never started (no worker registered): nothing to wait for
    }
    await this.transport.close();
  }
}
