import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { UnrecoverableError, type Job } from 'bullmq';
import { JobName, QueueName } from '../queue/queue-names';
import { SMS_VOICE_GATEWAY, SmsVoiceSendError, type SmsVoiceGateway } from './sms-voice-gateway';
import { SmsVoiceDeliveryService } from './sms-voice-delivery.service';
import { SmsVoiceQueue, type SmsVoiceSendJobData } from './sms-voice.queue';

/** The reconcile schedule is put back this often: an emptied Redis loses it with every job. */
const RESCHEDULE_EVERY_MS = 10_000;

/** Sends outbox texts and calls and runs their reconciler; loaded only where workers run. */
@Processor(QueueName.SmsVoice, { concurrency: 5 })
export class SmsVoiceProcessor extends WorkerHost implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(SmsVoiceProcessor.name);
  private rescheduling: NodeJS.Timeout | undefined;
  private scheduled = true;

  constructor(
    private readonly delivery: SmsVoiceDeliveryService,
    private readonly queue: SmsVoiceQueue,
    @Inject(SMS_VOICE_GATEWAY) private readonly gateway: SmsVoiceGateway,
  ) {
    super();
  }

  onApplicationBootstrap(): void {
    const schedule = () =>
      this.queue.scheduleReconcile().then(
        () => (this.scheduled = true),
        (error: Error) => {
          if (this.scheduled) this.logger.warn(`SMS/voice reconciler not scheduled: ${error.message}`);
          this.scheduled = false;
        },
      );
    void schedule();
    this.rescheduling = setInterval(schedule, RESCHEDULE_EVERY_MS).unref();
    this.logger.log(`SMS/voice gateway: ${this.gateway.kind === 'twilio' ? 'Twilio-compatible REST' : 'development (SMS_* unset, texts and calls are only logged)'}`);
  }

  async process(job: Job): Promise<unknown> {
    switch (job.name) {
      case JobName.SmsVoiceSend: {
        const { outboxId } = job.data as SmsVoiceSendJobData;
        try {
          return await this.delivery.deliver(outboxId, { lastAttempt: job.attemptsMade + 1 >= (job.opts.attempts ?? 1) });
        } catch (error) {
          if (error instanceof SmsVoiceSendError && error.permanent) throw new UnrecoverableError(error.message);
          throw error;
        }
      }
      case JobName.SmsVoiceReconcile:
        return { requeued: await this.delivery.reconcile() };
      default:
        throw new UnrecoverableError(`unknown job ${job.name} on ${QueueName.SmsVoice}`);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.rescheduling);
    try {
      await this.worker.close();
    } catch {
      // never started
    }
  }
}
