import { MailQueue } from './mail.queue';
import { messagingOptionsProvider } from './messaging.options';
import { OutboxRepository } from './outbox.repository';
import { smsVoiceOptionsProvider } from './sms-voice.options';
import { SmsVoiceQueue } from './sms-voice.queue';

/** Stateless providers both messaging modules use (each module gets its own instances). */
export const MESSAGING_SHARED_PROVIDERS = [messagingOptionsProvider, OutboxRepository, MailQueue, smsVoiceOptionsProvider, SmsVoiceQueue];
