import { Body, Controller, Delete, Get, HttpCode, Param, Post, UseGuards } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { CurrentSession, CustomerSessionGuard } from '../accounts/session/customer-session.guard';
import type { CustomerSession } from '../accounts/session/customer-session.service';
import { Client, type ClientInfo } from '../common/client-info';
import { ZodPipe } from '../common/zod-body.pipe';
import { MfaSettingsService } from './mfa-settings.service';

const code = z.string({ message: 'is required' }).regex(/^\s*\d{6}\s*$/, 'must be 6 digits').transform((v) => v.trim());
const stepUpBody = z.object({ code });
const confirmBody = z.object({ factorId: z.uuid({ message: 'is not a factor id' }), code });
const idParam = z.uuid({ message: 'is not an id' });

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
    return this.settings.stepUp(session, body.code, client);
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
