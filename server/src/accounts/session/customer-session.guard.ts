import { type CanActivate, createParamDecorator, type ExecutionContext, HttpStatus, Inject, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../../common/app-error';
import { RUNTIME, type Runtime } from '../../runtime/runtime';
import { type CustomerSession, CustomerSessionService } from './customer-session.service';
import { cookieName, readCookie } from './session-cookie';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

type WithSession = FastifyRequest & { customerSession?: CustomerSession };

/**
 * Lets a request through only with a live customer session cookie; cookie-authenticated writes must
 * also carry the session's CSRF token in `X-CSRF-Token` (a cross-site form cannot set headers).
 */
@Injectable()
export class CustomerSessionGuard implements CanActivate {
  constructor(
    private readonly sessions: CustomerSessionService,
    @Inject(RUNTIME) private readonly runtime: Runtime,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<WithSession>();
    const token = readCookie(request, cookieName('session', this.runtime.config.isProduction));
    const session = token ? await this.sessions.resolve(token) : undefined;
    if (!session) throw new AppError('not_signed_in', HttpStatus.UNAUTHORIZED, 'Please sign in');
    if (!SAFE_METHODS.has(request.method) && request.headers['x-csrf-token'] !== session.csrfToken) {
      throw new AppError('csrf_token_invalid', HttpStatus.FORBIDDEN, 'Missing or wrong X-CSRF-Token header');
    }
    request.customerSession = session;
    return true;
  }
}

export const CurrentSession = createParamDecorator(
  (_data: unknown, ctx: ExecutionContext): CustomerSession => ctx.switchToHttp().getRequest<WithSession>().customerSession!,
);
