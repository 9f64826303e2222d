import { Logger } from '@nestjs/common';
import { maskEmail } from '../observability/mask';
import type { MailTransport, MailTransportResult, OutgoingMail } from './mail-transport';

export const LOG_TRANSPORT_RESPONSE = 'not sent: logged to the development sink (SMTP_URL unset)';

/**
 * Development sink for when SMTP_URL is unset: the message stays in the outbox (readable in full there)
 * and one log line says it "went". Never the body: it may carry a password-set link.
 */
export class LogMailTransport implements MailTransport {
  readonly kind = 'log';

  constructor(private readonly logger: Pick<Logger, 'log'> = new Logger('MailDevSink')) {}

  async send(mail: OutgoingMail): Promise<MailTransportResult> {
    this.logger.log(`mail to ${maskEmail(mail.to)} not sent (SMTP_URL unset), subject: ${mail.subject}, message id: ${mail.messageId}`);
    return { response: LOG_TRANSPORT_RESPONSE };
  }

  close(): void {}
}
