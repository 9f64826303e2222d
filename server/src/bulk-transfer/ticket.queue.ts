import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { JobName, QueueName } from '../queue/queue-names';

export interface TicketJobData {
  ticketId: string;
}

const RECONCILE_SCHEDULER_ID = 'ticket-reconcile';
export const TICKET_RECONCILE_EVERY_MS = 10_000;

/**
 * The bulk-transfer queue behind one small class. Job ids are deterministic (`ticket-<id>-validate`), so
 * enqueueing twice is harmless; Postgres says what is unfinished and the reconciler re-enqueues it.
 */
@Injectable()
export class TicketQueue {
  private readonly logger = new Logger(TicketQueue.name);

  constructor(@InjectQueue(QueueName.BulkTransfer) private readonly queue: Queue) {}

  static validateJobId(ticketId: string): string {
    return `ticket-${ticketId}-validate`;
  }

  /** Never throws: a Redis hiccup leaves the ticket `received` in Postgres, where the reconciler finds it. */
  async enqueueValidation(ticketId: string): Promise<void> {
    await this.queue
      .add(JobName.TicketValidate, { ticketId } satisfies TicketJobData, {
        jobId: TicketQueue.validateJobId(ticketId),
        attempts: 5,
        backoff: { type: 'exponential', delay: 1000 },
        removeOnComplete: true,
        // Gone once failed, so the reconciler's next enqueue under the same id is not swallowed.
        removeOnFail: true,
      })
      .catch((error: Error) => this.logger.warn(`ticket ${ticketId} validation not enqueued (${error.message}); the reconciler will`));
  }

  static executeJobId(ticketId: string): string {
    return `ticket-${ticketId}-execute`;
  }

  /** Never throws: an approved ticket stays in Postgres, where the reconciler finds it. */
  async enqueueExecution(ticketId: string): Promise<void> {
    await this.queue
      .add(JobName.TicketExecute, { ticketId } satisfies TicketJobData, {
        jobId: TicketQueue.executeJobId(ticketId),
        attempts: 5,
        backoff: { type: 'exponential', delay: 1000 },
        removeOnComplete: true,
        removeOnFail: true,
      })
      .catch((error: Error) => this.logger.warn(`ticket ${ticketId} execution not enqueued (${error.message}); the reconciler will`));
  }

  async scheduleReconcile(): Promise<void> {
    await this.queue.upsertJobScheduler(
      RECONCILE_SCHEDULER_ID,
      { every: TICKET_RECONCILE_EVERY_MS },
      { name: JobName.TicketReconcile, data: {}, opts: { removeOnComplete: true, removeOnFail: 10 } },
    );
  }
}
