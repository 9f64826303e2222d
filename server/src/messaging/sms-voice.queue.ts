import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable } from '@nestjs/common';
import type { JobsOptions, Queue } from 'bullmq';
import { JobName, QueueName } from '../queue/queue-names';
import { SMS_VOICE_OPTIONS, type SmsVoiceOptions } from './sms-voice.options';

export interface SmsVoiceSendJobData {
  /** outgoing_messages.id (channel 'sms' or 'voice') */
  outboxId: string;
}

const RECONCILE_SCHEDULER_ID = 'sms-voice-reconcile';

/** The SMS/voice queue: same shape as MailQueue (one idempotent job per outbox row). */
@Injectable()
export class SmsVoiceQueue {
  constructor(
    @InjectQueue(QueueName.SmsVoice) private readonly queue: Queue,
    @Inject(SMS_VOICE_OPTIONS) private readonly options: SmsVoiceOptions,
  ) {}

  static sendJobId(outboxId: string): string {
    return `sms-voice-${outboxId}`;
  }

  async enqueueSend(outboxId: string): Promise<void> {
    await this.queue.add(JobName.SmsVoiceSend, { outboxId } satisfies SmsVoiceSendJobData, this.sendJobOptions(outboxId));
  }

  sendJobOptions(outboxId: string): JobsOptions {
    return {
      jobId: SmsVoiceQueue.sendJobId(outboxId),
      attempts: this.options.sendAttempts,
      backoff: { type: 'exponential', delay: this.options.retryBaseMs, jitter: 0.2 },
      removeOnComplete: true,
      removeOnFail: true,
    };
  }

  async scheduleReconcile(): Promise<void> {
    await this.queue.upsertJobScheduler(
      RECONCILE_SCHEDULER_ID,
      { every: this.options.reconcile.everyMs },
      { name: JobName.SmsVoiceReconcile, data: {}, opts: { removeOnComplete: true, removeOnFail: 10 } },
    );
  }
}
