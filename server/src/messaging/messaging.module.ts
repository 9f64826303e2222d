import { Global, Module } from '@nestjs/common';
import { MESSAGING_SHARED_PROVIDERS } from './messaging.providers';
import { OutboxService } from './outbox.service';
import { SmsVoiceOutboxService } from './sms-voice-outbox.service';

/** Every feature may queue messages inside its own transaction: OutboxService.queueMail, SmsVoiceOutboxService.queueSms/queueVoice. */
@Global()
@Module({ providers: [...MESSAGING_SHARED_PROVIDERS, OutboxService, SmsVoiceOutboxService], exports: [OutboxService, SmsVoiceOutboxService] })
export class MessagingModule {}
