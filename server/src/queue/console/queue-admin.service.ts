import { getQueueToken } from '@nestjs/bullmq';
import { HttpStatus, Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { Queue } from 'bullmq';
import { AppError } from '../../common/app-error';
import { ALL_QUEUES, type QueueName } from '../queue-names';

const COUNTED = ['waiting', 'active', 'delayed', 'completed', 'failed', 'prioritized'] as const;

/** Queue health for admins (domain.md §6.9): job counts per queue, the failed jobs, and a retry. */
@Injectable()
export class QueueAdminService {
  constructor(private readonly modules: ModuleRef) {}

  async overview() {
    return Promise.all(
      ALL_QUEUES.map(async (name) => {
        const counts = await this.queue(name).getJobCounts(...COUNTED);
        return { name, counts };
      }),
    );
  }

  async failed(name: string, page: { start: number; end: number }) {
    const queue = this.queue(name);
    const [jobs, total] = await Promise.all([queue.getFailed(page.start, page.end - 1), queue.getFailedCount()]);
    return {
      total,
      items: jobs.map((job) => ({
        id: `${name}:${job.id}`,
        queue: name,
        jobId: job.id,
        name: job.name,
        attemptsMade: job.attemptsMade,
        failedReason: job.failedReason,
        timestamp: new Date(job.timestamp).toISOString(),
        finishedOn: job.finishedOn ? new Date(job.finishedOn).toISOString() : null,
      })),
    };
  }

  async retry(name: string, jobId: string): Promise<{ retried: true }> {
    const job = await this.queue(name).getJob(jobId);
    if (!job) throw new AppError('job_not_found', HttpStatus.NOT_FOUND, 'No such job');
    if (!(await job.isFailed())) throw new AppError('job_not_failed', HttpStatus.CONFLICT, 'Only a failed job can be retried');
    await job.retry('failed');
    return { retried: true };
  }

  private queue(name: string): Queue {
    if (!(ALL_QUEUES as string[]).includes(name)) throw new AppError('queue_not_found', HttpStatus.NOT_FOUND, `No queue named ${name}`);
    return this.modules.get<Queue>(getQueueToken(name as QueueName), { strict: false });
  }
}
