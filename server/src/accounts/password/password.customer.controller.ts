import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { Client, type ClientInfo } from '../../common/client-info';
import { ZodPipe } from '../../common/zod-body.pipe';
import { emailField, secretTokenField } from '../../common/zod-fields';
import { PasswordLinkService } from './password-link.service';

const tokenBody = z.object({ token: secretTokenField });
const setBody = z.object({ token: secretTokenField, password: z.string({ message: 'is required' }).max(4096, 'must be at most 128 characters') });
const requestBody = z.object({ email: emailField });

@ApiTags('customer: password')
@Controller('api/customer/password')
export class PasswordCustomerController {
  constructor(private readonly links: PasswordLinkService) {}

  @Post('token-status')
  @HttpCode(200)
  status(@Body(new ZodPipe(tokenBody)) body: z.infer<typeof tokenBody>) {
    return this.links.status(body.token);
  }

  @Post('set')
  @HttpCode(200)
  set(@Body(new ZodPipe(setBody)) body: z.infer<typeof setBody>, @Client() client: ClientInfo) {
    return this.links.setPassword(body.token, body.password, client);
  }

  @Post('request-link')
  @HttpCode(202)
  async request(@Body(new ZodPipe(requestBody)) body: z.infer<typeof requestBody>, @Client() client: ClientInfo) {
    await this.links.requestLink(body.email, client);
    return { accepted: true };
  }
}
