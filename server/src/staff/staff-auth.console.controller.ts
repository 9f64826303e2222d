import { Body, Controller, Get, HttpCode, Inject, Post, Res, UseGuards } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { clearCookie, setCookie } from '../accounts/session/session-cookie';
import { Client, type ClientInfo } from '../common/client-info';
import { ZodPipe } from '../common/zod-body.pipe';
import { emailField, passwordField, secretTokenField } from '../common/zod-fields';
import { RUNTIME, type Runtime } from '../runtime/runtime';
import { staffCookieName } from './staff-cookie';
import { CurrentStaff, StaffRoles, StaffSessionGuard } from './staff-session.guard';
import { StaffSessionService, type StaffSession } from './staff-session.service';
import { StaffSignInService, type StaffSignedIn } from './staff-sign-in.service';
import { STAFF_ROLES } from './staff-user.entity';

const passwordBody = z.object({ email: emailField, password: passwordField });
const codeBody = z.object({ flowToken: secretTokenField, code: z.string({ message: 'is required' }).min(1, 'is required').max(20, 'is too long') });

/** Staff sign-in to /console/ (docs/security.md, "Console roles"). */
@ApiTags('console: sign-in')
@Controller('api/console/auth')
export class StaffAuthConsoleController {
  constructor(
    private readonly signIn: StaffSignInService,
    private readonly sessions: StaffSessionService,
    @Inject(RUNTIME) private readonly runtime: Runtime,
  ) {}

  @Post('password')
  @HttpCode(200)
  password(@Body(new ZodPipe(passwordBody)) body: z.infer<typeof passwordBody>, @Client() client: ClientInfo) {
    return this.signIn.password(body.email, body.password, client);
  }

  @Post('totp/enroll')
  @HttpCode(200)
  async enroll(@Body(new ZodPipe(codeBody)) body: z.infer<typeof codeBody>, @Client() client: ClientInfo, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.answer(reply, await this.signIn.enroll(body.flowToken, body.code, client));
  }

  @Post('totp/challenge')
  @HttpCode(200)
  async challenge(@Body(new ZodPipe(codeBody)) body: z.infer<typeof codeBody>, @Client() client: ClientInfo, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.answer(reply, await this.signIn.challenge(body.flowToken, body.code, client));
  }

  @Get('me')
  @UseGuards(StaffSessionGuard)
  @StaffRoles(...STAFF_ROLES)
  me(@CurrentStaff() staff: StaffSession) {
    return { id: staff.staffUserId, email: staff.email, displayName: staff.displayName, role: staff.role, csrfToken: staff.csrfToken };
  }

  @Post('logout')
  @HttpCode(200)
  @UseGuards(StaffSessionGuard)
  @StaffRoles(...STAFF_ROLES)
  async logout(@CurrentStaff() staff: StaffSession, @Res({ passthrough: true }) reply: FastifyReply) {
    await this.sessions.revoke(staff.id);
    clearCookie(reply, staffCookieName(this.production), this.production);
    return { signedOut: true };
  }

  private get production(): boolean {
    return this.runtime.config.isProduction;
  }

  private answer(reply: FastifyReply, outcome: StaffSignedIn) {
    setCookie(reply, staffCookieName(this.production), outcome.session.token, this.production, outcome.session.maxAgeSeconds);
    return outcome.body;
  }
}
