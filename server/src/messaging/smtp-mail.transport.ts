import { createTransport } from 'nodemailer';
import { MailSendError, type MailTransport, type MailTransportResult, type OutgoingMail } from './mail-transport';

/** The SMTP adapter: the only code that talks to nodemailer. One pool of connections per process. */
export class SmtpMailTransport implements MailTransport {
  readonly kind = 'smtp';
  private readonly transporter;

  constructor(url: string) {
    this.transporter = createTransport({
      url,
      pool: true,
      maxConnections: 5,
      // Nodemailer's defaults wait up to 2 minutes to connect and 10 for an idle socket: a dead server
      // would hold a worker slot that long. These bound one try well below the outbox's sending lease.
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 60_000,
      // Messages come from our templates only: no attachments, so nothing may be read from disk or URLs.
      disableFileAccess: true,
      disableUrlAccess: true,
    });
  }

  async send(mail: OutgoingMail): Promise<MailTransportResult> {
    try {
      const info = await this.transporter.sendMail({
        from: mail.from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        messageId: mail.messageId,
      });
      return { response: info.response };
    } catch (error) {
      throw toMailSendError(error);
    }
  }

  close(): void {
    this.transporter.close();
  }
}

interface NodemailerError {
  message?: string;
  code?: string;
  responseCode?: number;
  command?: string;
}

/**
 * Permanent only when the server rejects this message or its recipient with a 5xx (RFC 5321: do not
 * repeat as is). A 5xx to AUTH or MAIL FROM is our configuration, which someone will fix: keep retrying.
 */
export function toMailSendError(error: unknown): MailSendError {
  const e = (error ?? {}) as NodemailerError;
  const command = (e.command ?? '').toUpperCase();
  const code = e.responseCode;
  const permanent = code !== undefined && code >= 500 && code < 600 && (command.startsWith('RCPT') || command === 'DATA' || e.code === 'EMESSAGE');
  const text = [e.code, e.responseCode].filter((part) => part !== undefined).join(' ');
  return new MailSendError(shortError(`${text ? `${text}: ` : ''}${e.message ?? String(error)}`), permanent);
}

/** One line, at most 500 characters, with any user:password in a URL blanked. */
export function shortError(message: string): string {
  return message
    .replace(/\/\/[^/\s@]*@/g, '//***@')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 500);
}
