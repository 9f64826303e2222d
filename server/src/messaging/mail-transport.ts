/** One message as the transport sends it: the outbox row's content plus the sender. */
export interface OutgoingMail {
  from: string;
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** RFC 5322 Message-ID with its angle brackets, the same on every resend of one outbox row. */
  messageId: string;
}

export interface MailTransportResult {
  /** What the server answered (e.g. "250 2.0.0 Ok: queued as …"); kept as provider_response. */
  response: string;
}

/** Where mail leaves the system. Only the worker holds one; the outbox service never sees it. */
export interface MailTransport {
  readonly kind: 'smtp' | 'log';
  send(mail: OutgoingMail): Promise<MailTransportResult>;
  close(): Promise<void> | void;
}

export const MAIL_TRANSPORT = Symbol('MAIL_TRANSPORT');

/**
 * A failed send, described without credentials and short enough for outgoing_messages.last_error.
 * `permanent`: the server refused this very message for good (5xx to RCPT or DATA); retrying cannot help.
 */
export class MailSendError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
  ) {
    super(message);
    this.name = 'MailSendError';
  }
}
