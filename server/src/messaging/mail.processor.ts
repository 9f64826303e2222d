import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { UnrecoverableError, type Job } from 'bullmq';
import { JobName, QueueName } from '../queue/queue-names';
import { MailDeliveryService } from './mail-delivery.service';
import { MailQueue, type MailSendJobData } from './mail.queue';
import { MAIL_TRANSPORT, MailSendError, type MailTransport } from './mail-transport';

/**
 * Sends in progress per worker, 6 for each of the SMTP pool's 5 connections: while some sends wait on
 * Postgres (claim, mark sent) or Redis, the connections still have mail to send. At 5 (one per
 * connection) they idled through that bookkeeping: the outbox sent ~40 % of what nodemailer alone did
 * (docs/benchmarks.md, "Mail outbox").
 */
export const MAIL_SENDS_AT_ONCE = 30;

/** The reconcile schedule is put back this often: an emptied Redis loses it with every job. */
const RESCHEDULE_EVERY_MS = 10_000;

/**
 * Sends outbox mail and runs the reconciler; loaded only where workers run. A killed worker's send is
 * taken over within ~15 s (lock 10 s, checked every 5 s) instead of BullMQ's 30–60 s; the lock stays
 * longer than the ticket worker's because a false stall here costs a duplicate mail, not a no-op.
 */
@Processor(QueueName.Mail, { concurrency: MAIL_SENDS_AT_ONCE, lockDuration: 10_000, stalledInterval: 5_000 })
export class MailProcessor extends WorkerHost implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(MailProcessor.name);
  private rescheduling: NodeJS.Timeout | undefined;
  private scheduled = true;

  constructor(
    private readonly delivery: MailDeliveryService,
    private readonly queue: MailQueue,
    @Inject(MAIL_TRANSPORT) private readonly transport: MailTransport,
  ) {
    super();
  }

  onApplicationBootstrap(): void {
    // Not awaited: with Redis down at start the schedule is made when it answers, without holding the boot.
    const schedule = () =>
      this.queue.scheduleReconcile().then(
        () => (this.scheduled = true),
        (error: Error) => {
          if (this.scheduled) this.logger.warn(`mail reconciler not scheduled: ${error.message}`);
          this.scheduled = false;
        },
      );
    void schedule();
    this.rescheduling = setInterval(schedule, RESCHEDULE_EVERY_MS).unref();
    this.logger.log(`mail transport: ${this.transport.kind === 'smtp' ? 'SMTP' : 'development sink (SMTP_URL unset, mail is only logged)'}`);
  }

  async process(job: Job): Promise<unknown> {
    switch (job.name) {
      case JobName.MailSend: {
        const { outboxId } = job.data as MailSendJobData;
        try {
          // A stalled job was moved back by BullMQ after its worker's lock lapsed: that worker died mid-run.
          const takeOver = job.stalledCounter > 0;
          return await this.delivery.deliver(outboxId, { lastAttempt: job.attemptsMade + 1 >= (job.opts.attempts ?? 1), takeOver });
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
    clearInterval(this.rescheduling);
    try {
      await this.worker.close();
    } catch {
      // never started (no worker registered): nothing to wait for
    }
    await this.transport.close();
  }
}
