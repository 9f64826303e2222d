import type { FactoryProvider } from '@nestjs/common';
import { LogMailTransport } from './log-mail.transport';
import { MAIL_TRANSPORT, type MailTransport } from './mail-transport';
import { MESSAGING_OPTIONS, type MessagingOptions } from './messaging.options';
import { SmtpMailTransport } from './smtp-mail.transport';

/** SMTP when SMTP_URL is set, else the development sink that only logs. */
export function createMailTransport(options: Pick<MessagingOptions, 'smtpUrl'>): MailTransport {
  return options.smtpUrl ? new SmtpMailTransport(options.smtpUrl) : new LogMailTransport();
}

export const mailTransportProvider: FactoryProvider<MailTransport> = {
  provide: MAIL_TRANSPORT,
  useFactory: (options: MessagingOptions) => createMailTransport(options),
  inject: [MESSAGING_OPTIONS],
};
