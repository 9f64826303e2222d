import { Body, Controller, Delete, Get, HttpCode, Param, Post, UseGuards } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { CurrentSession, CustomerSessionGuard } from '../accounts/session/customer-session.guard';
import type { CustomerSession } from '../accounts/session/customer-session.service';
import { Client, type ClientInfo } from '../common/client-info';
import { ZodPipe } from '../common/zod-body.pipe';
import { MfaSettingsService } from './mfa-settings.service';

const code = z.string({ message: 'is required' }).regex(/^\s*\d{6}\s*$/, 'must be 6 digits').transform((v) => v.trim());
const stepUpBody = z.object({ code, factorId: z.uuid({ message: 'is not a factor id' }).optional() });
const stepUpSendBody = z.object({ factorId: z.uuid({ message: 'is not a factor id' }) });
const confirmBody = z.object({ factorId: z.uuid({ message: 'is not a factor id' }), code });
const idParam = z.uuid({ message: 'is not an id' });
const codeStartBody = z
  .object({ channel: z.enum(['sms', 'voice', 'email'], { message: 'must be sms, voice or email' }), phone: z.string().max(40, 'is too long').optional() })
  .refine((b) => b.channel === 'email' || !!b.phone, { message: 'is required for sms and voice', path: ['phone'] });
const codeConfirmBody = z.object({ pendingFactorId: z.uuid({ message: 'is not a factor id' }), code });

@ApiTags('customer: MFA settings')
@Controller('api/customer/mfa')
@UseGuards(CustomerSessionGuard)
export class MfaSettingsCustomerController {
  constructor(private readonly settings: MfaSettingsService) {}

  @Get()
  overview(@CurrentSession() session: CustomerSession) {
    return this.settings.overview(session);
  }

  @Post('step-up')
  @HttpCode(200)
  stepUp(@CurrentSession() session: CustomerSession, @Body(new ZodPipe(stepUpBody)) body: z.infer<typeof stepUpBody>, @Client() client: ClientInfo) {
    return this.settings.stepUp(session, body.code, body.factorId, client);
  }

  @Post('step-up/send')
  @HttpCode(200)
  stepUpSend(@CurrentSession() session: CustomerSession, @Body(new ZodPipe(stepUpSendBody)) body: z.infer<typeof stepUpSendBody>, @Client() client: ClientInfo) {
    return this.settings.sendStepUpCode(session, body.factorId, client);
  }

  @Post('totp/start')
  @HttpCode(200)
  startTotp(@CurrentSession() session: CustomerSession, @Client() client: ClientInfo) {
    return this.settings.startTotp(session, client);
  }

  @Post('totp/confirm')
  @HttpCode(200)
  confirmTotp(@CurrentSession() session: CustomerSession, @Body(new ZodPipe(confirmBody)) body: z.infer<typeof confirmBody>, @Client() client: ClientInfo) {
    return this.settings.confirmTotp(session, body.factorId, body.code, client);
  }

  @Post('code/start')
  @HttpCode(200)
  startCode(@CurrentSession() session: CustomerSession, @Body(new ZodPipe(codeStartBody)) body: z.infer<typeof codeStartBody>, @Client() client: ClientInfo) {
    return this.settings.startCodeFactor(session, body.channel, body.phone, client);
  }

  @Post('code/confirm')
  @HttpCode(200)
  confirmCode(@CurrentSession() session: CustomerSession, @Body(new ZodPipe(codeConfirmBody)) body: z.infer<typeof codeConfirmBody>, @Client() client: ClientInfo) {
    return this.settings.confirmCodeFactor(session, body.pendingFactorId, body.code, client);
  }

  @Delete('factors/:id')
  removeFactor(@CurrentSession() session: CustomerSession, @Param('id', new ZodPipe(idParam)) id: string, @Client() client: ClientInfo) {
    return this.settings.removeFactor(session, id, client);
  }

  @Post('recovery-code')
  @HttpCode(200)
  newRecoveryCode(@CurrentSession() session: CustomerSession, @Client() client: ClientInfo) {
    return this.settings.newRecoveryCode(session, client);
  }

  @Delete('devices/:id')
  revokeDevice(@CurrentSession() session: CustomerSession, @Param('id', new ZodPipe(idParam)) id: string, @Client() client: ClientInfo) {
    return this.settings.revokeDevice(session, id, client);
  }

  @Post('sessions/end-others')
  @HttpCode(200)
  endOthers(@CurrentSession() session: CustomerSession) {
    return this.settings.endOtherSessions(session);
  }
}
