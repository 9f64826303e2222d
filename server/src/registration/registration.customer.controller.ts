import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { z } from 'zod';
import { CURRENT_CONSENT } from '../accounts/consent-versions';
import { Client, type ClientInfo } from '../common/client-info';
import { ZodPipe } from '../common/zod-body.pipe';
import { completeBody, legacyCheckBody } from './registration.dto';
import { RegistrationService } from './registration.service';

@ApiTags('customer: registration')
@Controller('api/customer/registration')
export class RegistrationCustomerController {
  constructor(private readonly registration: RegistrationService) {}

  @Get('terms')
  terms() {
    return CURRENT_CONSENT;
  }

  @Post('legacy-check')
  @HttpCode(200)
  legacyCheck(@Body(new ZodPipe(legacyCheckBody)) body: z.infer<typeof legacyCheckBody>, @Client() client: ClientInfo) {
    return this.registration.verifyLegacy(body.networkId, body.password, client);
  }

  @Post('complete')
  @HttpCode(200)
  complete(@Body(new ZodPipe(completeBody)) body: z.infer<typeof completeBody>, @Client() client: ClientInfo) {
    return this.registration.complete(body.flowToken, body.email, client);
  }
}
