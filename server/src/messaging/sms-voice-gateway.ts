/** One text message to one number. */
export interface SmsMessage {
  /** E.164. */
  to: string;
  body: string;
}

/** One call that speaks `say` (Japanese) and hangs up. */
export interface VoiceCall {
  /** E.164. */
  to: string;
  say: string;
}

export interface GatewayResult {
  /** What the provider answered (its message or call id), for outgoing_messages.provider_response. */
  response: string;
}

/**
 * SMS and voice delivery (domain.md §4.2 methods 1, 2). Implementations throw SmsVoiceSendError:
 * `permanent` for a refusal that a retry cannot fix (4xx), transient otherwise (5xx, network, timeout).
 */
export interface SmsVoiceGateway {
  readonly kind: 'twilio' | 'log';
  sendSms(message: SmsMessage): Promise<GatewayResult>;
  call(call: VoiceCall): Promise<GatewayResult>;
}

export const SMS_VOICE_GATEWAY = Symbol('SMS_VOICE_GATEWAY');

export class SmsVoiceSendError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
  ) {
    super(message);
  }
}

const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** The TwiML of a call that reads `say` in Japanese. */
export function voiceTwiml(say: string): string {
  return `<Response><Say language="ja-JP">${say.replace(/[&<>"']/g, (c) => XML_ESCAPES[c])}</Say></Response>`;
}
