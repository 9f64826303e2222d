import { Logger } from '@nestjs/common';
import { maskPhone } from '../mfa/mask-phone';
import type { GatewayResult, SmsMessage, SmsVoiceGateway, VoiceCall } from './sms-voice-gateway';

export const LOG_GATEWAY_RESPONSE = 'development gateway: logged, not sent';

/**
 * Development (SMS_* unset): nothing leaves the machine. The log names the masked number only, never the
 * text (it holds the code); the outbox row keeps the message for the console.
 */
export class LogSmsVoiceGateway implements SmsVoiceGateway {
  readonly kind = 'log' as const;
  private readonly logger = new Logger(LogSmsVoiceGateway.name);

  sendSms(message: SmsMessage): Promise<GatewayResult> {
    this.logger.log(`SMS to ${maskPhone(message.to)} not sent (development gateway); read it in the console's outbox`);
    return Promise.resolve({ response: LOG_GATEWAY_RESPONSE });
  }

  call(call: VoiceCall): Promise<GatewayResult> {
    this.logger.log(`voice call to ${maskPhone(call.to)} not placed (development gateway); read it in the console's outbox`);
    return Promise.resolve({ response: LOG_GATEWAY_RESPONSE });
  }
}
