import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';

export interface ClientInfo {
  ip: string;
  userAgent: string | null;
  requestId: string;
}

/** Who is calling, for rate limits and the audit log. `ip` honours X-Forwarded-For only behind trustProxy. */
export const Client = createParamDecorator((_data: unknown, ctx: ExecutionContext): ClientInfo => {
  const request = ctx.switchToHttp().getRequest<FastifyRequest>();
  const agent = request.headers['user-agent'];
  return { ip: request.ip, userAgent: typeof agent === 'string' ? agent.slice(0, 400) : null, requestId: String(request.id) };
});
