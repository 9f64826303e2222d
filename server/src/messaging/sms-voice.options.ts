import type { FactoryProvider } from '@nestjs/common';
import type { AppConfig } from '../config/config';
import { RUNTIME, type Runtime } from '../runtime/runtime';
import { LogSmsVoiceGateway } from './log-sms-voice.gateway';
import { SMS_VOICE_GATEWAY, type SmsVoiceGateway } from './sms-voice-gateway';
import { TwilioSmsVoiceGateway } from './twilio-sms-voice.gateway';

/** SMS and voice delivery settings. Codes live 5 minutes, so retries are few and quick. */
export interface SmsVoiceOptions {
  /** Sends per message in all, first try included. */
  sendAttempts: number;
  /** The n-th retry waits retryBaseMs × 2^(n-1). */
  retryBaseMs: number;
  /** A message older than this is not worth sending any more (its code has expired): the reconciler leaves it. */
  maxAgeMs: number;
  reconcile: { everyMs: number; pendingAfterMs: number; sendingLeaseMs: number; batchSize: number };
  enqueueTimeoutMs: number;
}

export const SMS_VOICE_OPTIONS = Symbol('SMS_VOICE_OPTIONS');

export const DEFAULT_SMS_VOICE_OPTIONS: SmsVoiceOptions = {
  sendAttempts: 4,
  retryBaseMs: 3_000,
  maxAgeMs: 5 * 60_000,
  reconcile: { everyMs: 30_000, pendingAfterMs: 30_000, sendingLeaseMs: 60_000, batchSize: 200 },
  enqueueTimeoutMs: 2_000,
};

export const smsVoiceOptionsProvider: FactoryProvider<SmsVoiceOptions> = {
  provide: SMS_VOICE_OPTIONS,
  useFactory: () => DEFAULT_SMS_VOICE_OPTIONS,
};

export function smsVoiceGateway(config: Pick<AppConfig, 'smsGateway'>): SmsVoiceGateway {
  return config.smsGateway ? new TwilioSmsVoiceGateway(config.smsGateway) : new LogSmsVoiceGateway();
}

export const smsVoiceGatewayProvider: FactoryProvider<SmsVoiceGateway> = {
  provide: SMS_VOICE_GATEWAY,
  useFactory: (runtime: Runtime) => smsVoiceGateway(runtime.config),
  inject: [RUNTIME],
};
