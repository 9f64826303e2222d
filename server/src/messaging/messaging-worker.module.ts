import { Module } from '@nestjs/common';
import { MailDeliveryService } from './mail-delivery.service';
import { MailProcessor } from './mail.processor';
import { mailTransportProvider } from './mail-transport.factory';
import { MESSAGING_SHARED_PROVIDERS } from './messaging.providers';
import { SmsVoiceDeliveryService } from './sms-voice-delivery.service';
import { smsVoiceGatewayProvider } from './sms-voice.options';
import { SmsVoiceProcessor } from './sms-voice.processor';

/** The sending side: the mail and SMS/voice processors, their transports (or development sinks) and reconcilers. */
@Module({
  providers: [...MESSAGING_SHARED_PROVIDERS, mailTransportProvider, MailDeliveryService, MailProcessor, smsVoiceGatewayProvider, SmsVoiceDeliveryService, SmsVoiceProcessor],
})
export class MessagingWorkerModule {}
