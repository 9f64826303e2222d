export type MessageChannel = 'mail' | 'sms' | 'voice';

/**
 * pending → sending → sent; a failed try goes back to pending (its job retries later), the last one
 * to failed, which waits for a human (OutboxService.retryFailed).
 */
export type MessageState = 'pending' | 'sending' | 'sent' | 'failed';

/** One row of outgoing_messages: exactly what was (or will be) sent, and how sending went. */
export interface OutgoingMessage {
  id: string;
  channel: MessageChannel;
  template: string;
  recipient: string;
  loginAccountId: string | null;
  subject: string | null;
  bodyText: string;
  bodyHtml: string | null;
  /** RFC 5322 Message-ID, fixed at creation so every resend of this row carries the same one. */
  messageId: string;
  state: MessageState;
  attempts: number;
  lastError: string | null;
  lastAttemptAt: Date | null;
  sentAt: Date | null;
  providerResponse: string | null;
  createdAt: Date;
  updatedAt: Date;
}
