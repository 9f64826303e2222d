import { shortError } from './smtp-mail.transport';
import { SmsVoiceSendError, voiceTwiml, type GatewayResult, type SmsMessage, type SmsVoiceGateway, type VoiceCall } from './sms-voice-gateway';

export interface TwilioGatewayOptions {
  /** `https://api.twilio.com`, or any Twilio-compatible base URL (no trailing slash). */
  url: string;
  accountSid: string;
  authToken: string;
  /** The sender / caller ID, E.164. */
  fromNumber: string;
  /** One HTTP request at most this long; then it counts as a transient failure. */
  timeoutMs?: number;
}

/**
 * Twilio's REST API (2010-04-01): `Messages.json` for SMS, `Calls.json` with inline TwiML for voice;
 * form-encoded, HTTP Basic with the account SID and auth token. 5xx, 429 and network errors are
 * transient (the queue retries), other 4xx permanent (the number or the request is refused).
 */
export class TwilioSmsVoiceGateway implements SmsVoiceGateway {
  readonly kind = 'twilio' as const;
  private readonly authorization: string;

  constructor(private readonly options: TwilioGatewayOptions) {
    this.authorization = `Basic ${Buffer.from(`${options.accountSid}:${options.authToken}`).toString('base64')}`;
  }

  sendSms(message: SmsMessage): Promise<GatewayResult> {
    return this.post('Messages.json', { To: message.to, From: this.options.fromNumber, Body: message.body });
  }

  call(call: VoiceCall): Promise<GatewayResult> {
    return this.post('Calls.json', { To: call.to, From: this.options.fromNumber, Twiml: voiceTwiml(call.say) });
  }

  private async post(resource: string, fields: Record<string, string>): Promise<GatewayResult> {
    const url = `${this.options.url}/2010-04-01/Accounts/${encodeURIComponent(this.options.accountSid)}/${resource}`;
    let response: Response;
    try {
      response = await fetch(url, {
        method: 'POST',
        headers: { authorization: this.authorization, 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: new URLSearchParams(fields).toString(),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000),
      });
    } catch (error) {
      throw new SmsVoiceSendError(`gateway unreachable: ${shortError(String((error as Error)?.message ?? error))}`, false);
    }
    const text = await response.text().catch(() => '');
    let body: Record<string, unknown> = {};
    try {
      body = JSON.parse(text) as Record<string, unknown>;
    } catch {
      // not JSON: keep the status only
    }
    if (response.status >= 200 && response.status < 300) {
      return { response: shortError(`${response.status} sid=${String(body.sid ?? '?')} status=${String(body.status ?? '?')}`) };
    }
    const detail = body.code !== undefined || body.message !== undefined ? ` code=${String(body.code ?? '?')} ${String(body.message ?? '')}` : '';
    const permanent = response.status >= 400 && response.status < 500 && response.status !== 429 && response.status !== 408;
    throw new SmsVoiceSendError(shortError(`HTTP ${response.status}${detail}`), permanent);
  }
}
