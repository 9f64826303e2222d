import { Body, Controller, Get, HttpCode, Inject, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { CurrentSession, CustomerSessionGuard } from '../accounts/session/customer-session.guard';
import { CustomerSessionService, type CustomerSession } from '../accounts/session/customer-session.service';
import { clearCookie, cookieName, readCookie, setCookie } from '../accounts/session/session-cookie';
import { Client, type ClientInfo } from '../common/client-info';
import { ZodPipe } from '../common/zod-body.pipe';
import { RUNTIME, type Runtime } from '../runtime/runtime';
import {
  challengeSendBody,
  codeChallengeBody,
  codeConfirmBody,
  flowBody,
  passwordBody,
  phoneEnrollBody,
  recoveryAckBody,
  recoveryChallengeBody,
  resendBody,
  totpChallengeBody,
  totpConfirmBody,
} from './login.dto';
import { LoginFlowService, type StepOutcome } from './login-flow.service';

@ApiTags('customer: sign-in')
@Controller('api/customer')
export class LoginCustomerController {
  constructor(
    private readonly flow: LoginFlowService,
    private readonly sessions: CustomerSessionService,
    @Inject(RUNTIME) private readonly runtime: Runtime,
  ) {}

  @Post('login/password')
  @HttpCode(200)
  async password(@Body(new ZodPipe(passwordBody)) body: z.infer<typeof passwordBody>, @Client() client: ClientInfo, @Req() req: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    const device = readCookie(req, cookieName('device', this.production));
    return this.answer(reply, await this.flow.password(body.email, body.password, device, client));
  }

  @Post('login/enroll/totp/start')
  @HttpCode(200)
  async totpStart(@Body(new ZodPipe(flowBody)) body: z.infer<typeof flowBody>, @Client() client: ClientInfo, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.answer(reply, await this.flow.startTotpEnrollment(body.flowToken, client));
  }

  @Post('login/enroll/totp/confirm')
  @HttpCode(200)
  async totpConfirm(@Body(new ZodPipe(totpConfirmBody)) body: z.infer<typeof totpConfirmBody>, @Client() client: ClientInfo, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.answer(reply, await this.flow.confirmTotpEnrollment(body.flowToken, body.factorId, body.code, client));
  }

  @Post('login/challenge/totp')
  @HttpCode(200)
  async totpChallenge(@Body(new ZodPipe(totpChallengeBody)) body: z.infer<typeof totpChallengeBody>, @Client() client: ClientInfo, @Res({ passthrough: true }) reply: FastifyReply) {
    const label = (client.userAgent ?? 'unknown device').slice(0, 120);
    return this.answer(reply, await this.flow.challengeTotp(body.flowToken, body.code, body.rememberDevice, label, client));
  }

  @Post('login/enroll/phone/start')
  @HttpCode(200)
  async phoneStart(@Body(new ZodPipe(phoneEnrollBody)) body: z.infer<typeof phoneEnrollBody>, @Client() client: ClientInfo, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.answer(reply, await this.flow.startPhoneEnrollment(body.flowToken, body.phone, body.channel, client));
  }

  @Post('login/enroll/email/start')
  @HttpCode(200)
  async emailStart(@Body(new ZodPipe(flowBody)) body: z.infer<typeof flowBody>, @Client() client: ClientInfo, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.answer(reply, await this.flow.startEmailEnrollment(body.flowToken, client));
  }

  @Post('login/enroll/code/resend')
  @HttpCode(200)
  async codeResend(@Body(new ZodPipe(resendBody)) body: z.infer<typeof resendBody>, @Client() client: ClientInfo, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.answer(reply, await this.flow.resendEnrollmentCode(body.flowToken, body.pendingFactorId, client));
  }

  @Post('login/enroll/code/confirm')
  @HttpCode(200)
  async codeConfirm(@Body(new ZodPipe(codeConfirmBody)) body: z.infer<typeof codeConfirmBody>, @Client() client: ClientInfo, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.answer(reply, await this.flow.confirmCodeEnrollment(body.flowToken, body.pendingFactorId, body.code, client));
  }

  @Post('login/challenge/send')
  @HttpCode(200)
  async challengeSend(@Body(new ZodPipe(challengeSendBody)) body: z.infer<typeof challengeSendBody>, @Client() client: ClientInfo, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.answer(reply, await this.flow.sendChallengeCode(body.flowToken, body.factorId, client));
  }

  @Post('login/challenge/code')
  @HttpCode(200)
  async codeChallenge(@Body(new ZodPipe(codeChallengeBody)) body: z.infer<typeof codeChallengeBody>, @Client() client: ClientInfo, @Res({ passthrough: true }) reply: FastifyReply) {
    const label = (client.userAgent ?? 'unknown device').slice(0, 120);
    return this.answer(reply, await this.flow.challengeCode(body.flowToken, body.factorId, body.code, body.rememberDevice, label, client));
  }

  @Post('login/challenge/recovery')
  @HttpCode(200)
  async recoveryChallenge(@Body(new ZodPipe(recoveryChallengeBody)) body: z.infer<typeof recoveryChallengeBody>, @Client() client: ClientInfo, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.answer(reply, await this.flow.challengeRecovery(body.flowToken, body.recoveryCode, client));
  }

  @Post('login/recovery-ack')
  @HttpCode(200)
  async recoveryAck(@Body(new ZodPipe(recoveryAckBody)) body: z.infer<typeof recoveryAckBody>, @Client() client: ClientInfo, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.answer(reply, await this.flow.acknowledgeRecoveryCode(body.flowToken, client));
  }

  @Get('session')
  @UseGuards(CustomerSessionGuard)
  session(@CurrentSession() session: CustomerSession) {
    return { email: session.email, csrfToken: session.csrfToken };
  }

  @Post('logout')
  @HttpCode(200)
  @UseGuards(CustomerSessionGuard)
  async logout(@CurrentSession() session: CustomerSession, @Res({ passthrough: true }) reply: FastifyReply) {
    await this.sessions.revoke(session.id);
    clearCookie(reply, cookieName('session', this.production), this.production);
    return { signedOut: true };
  }

  private get production(): boolean {
    return this.runtime.config.isProduction;
  }

  private answer(reply: FastifyReply, outcome: StepOutcome) {
    if (outcome.session) setCookie(reply, cookieName('session', this.production), outcome.session.token, this.production, outcome.session.maxAgeSeconds);
    if (outcome.device) setCookie(reply, cookieName('device', this.production), outcome.device.token, this.production, outcome.device.maxAgeSeconds);
    return outcome.body;
  }
}
