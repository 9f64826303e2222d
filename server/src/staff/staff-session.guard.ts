import { type CanActivate, createParamDecorator, type ExecutionContext, HttpStatus, Inject, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { readCookie } from '../accounts/session/session-cookie';
import { AppError } from '../common/app-error';
import { RUNTIME, type Runtime } from '../runtime/runtime';
import { staffCookieName } from './staff-cookie';
import { type StaffSession, StaffSessionService } from './staff-session.service';
import type { StaffRole } from './staff-user.entity';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const ROLES_KEY = 'ikou:staff-roles';

type WithStaff = FastifyRequest & { staffSession?: StaffSession };

/** The roles that may call a console route (docs/security.md, "Console roles"). A route without it is closed to everyone. */
export const StaffRoles = (...roles: StaffRole[]) => SetMetadata(ROLES_KEY, roles);

/**
 * Lets a request through only with a live staff session whose role the route names; cookie-authenticated
 * writes must also carry the session's CSRF token in `X-CSRF-Token`. Deny by default: a console route
 * that forgot @StaffRoles answers 403 to every role.
 */
@Injectable()
export class StaffSessionGuard implements CanActivate {
  constructor(
    private readonly sessions: StaffSessionService,
    private readonly reflector: Reflector,
    @Inject(RUNTIME) private readonly runtime: Runtime,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<WithStaff>();
    const token = readCookie(request, staffCookieName(this.runtime.config.isProduction));
    const session = token ? await this.sessions.resolve(token) : undefined;
    if (!session) throw new AppError('staff_not_signed_in', HttpStatus.UNAUTHORIZED, 'Please sign in to the console');
    if (!SAFE_METHODS.has(request.method) && request.headers['x-csrf-token'] !== session.csrfToken) {
      throw new AppError('csrf_token_invalid', HttpStatus.FORBIDDEN, 'Missing or wrong X-CSRF-Token header');
    }
    const roles = this.reflector.getAllAndOverride<StaffRole[] | undefined>(ROLES_KEY, [context.getHandler(), context.getClass()]) ?? [];
    if (!roles.includes(session.role)) throw new AppError('forbidden_role', HttpStatus.FORBIDDEN, `Your role (${session.role}) may not do this`);
    request.staffSession = session;
    return true;
  }
}

export const CurrentStaff = createParamDecorator(
  (_data: unknown, ctx: ExecutionContext): StaffSession => ctx.switchToHttp().getRequest<WithStaff>().staffSession!,
);
