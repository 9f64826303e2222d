import { MailQueue } from './mail.queue';
import { messagingOptionsProvider } from './messaging.options';
import { OutboxRepository } from './outbox.repository';

/** Stateless providers both messaging modules use (each module gets its own instances). */
export const MESSAGING_SHARED_PROVIDERS = [messagingOptionsProvider, OutboxRepository, MailQueue];
