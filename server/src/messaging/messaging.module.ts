import { Global, Module } from '@nestjs/common';
import { MESSAGING_SHARED_PROVIDERS } from './messaging.providers';
import { OutboxService } from './outbox.service';

/** Every feature may queue messages: OutboxService.queueMail(tx, …) inside its own transaction. */
@Global()
@Module({ providers: [...MESSAGING_SHARED_PROVIDERS, OutboxService], exports: [OutboxService] })
export class MessagingModule {}
