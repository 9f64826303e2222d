import type { FactoryProvider } from '@nestjs/common';
import type { AppConfig } from '../config/config';
import { RUNTIME, type Runtime } from '../runtime/runtime';

/** What messaging needs from the configuration, in one object tests can write by hand. */
export interface MessagingOptions {
  mailFrom: string;
  /** Unset: mail is recorded and logged as sent to the development sink, never sent. */
  smtpUrl?: string;
  /** Sends per message in all, first try included. */
  sendAttempts: number;
  /** The n-th retry waits retryBaseMs × 2^(n-1). */
  retryBaseMs: number;
  reconcile: {
    everyMs: number;
    /** A pending row younger than this is left to its own job (its enqueue may still be on its way). */
    pendingAfterMs: number;
    /** A row 'sending' for longer than this was abandoned by a dead worker; far above any SMTP timeout. */
    sendingLeaseMs: number;
    batchSize: number;
  };
  /** queueMail's caller waits at most this long for Redis after the commit; the reconciler covers the rest. */
  enqueueTimeoutMs: number;
}

export const MESSAGING_OPTIONS = Symbol('MESSAGING_OPTIONS');

export function messagingOptions(config: Pick<AppConfig, 'mailFrom' | 'smtpUrl' | 'mailRetry'>): MessagingOptions {
  return {
    mailFrom: config.mailFrom,
    smtpUrl: config.smtpUrl,
    sendAttempts: config.mailRetry.attempts,
    retryBaseMs: config.mailRetry.baseDelayMs,
    reconcile: { everyMs: 30_000, pendingAfterMs: 60_000, sendingLeaseMs: 5 * 60_000, batchSize: 500 },
    enqueueTimeoutMs: 2_000,
  };
}

export const messagingOptionsProvider: FactoryProvider<MessagingOptions> = {
  provide: MESSAGING_OPTIONS,
  useFactory: (runtime: Runtime) => messagingOptions(runtime.config),
  inject: [RUNTIME],
};
