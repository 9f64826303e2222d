import { Module } from '@nestjs/common';
import { MailDeliveryService } from './mail-delivery.service';
import { MailProcessor } from './mail.processor';
import { mailTransportProvider } from './mail-transport.factory';
import { MESSAGING_SHARED_PROVIDERS } from './messaging.providers';

/** The sending side: the mail processor, its transport (SMTP or the development sink) and the reconciler. */
@Module({ providers: [...MESSAGING_SHARED_PROVIDERS, mailTransportProvider, MailDeliveryService, MailProcessor] })
export class MessagingWorkerModule {}
