import type { FastifyReply, FastifyRequest } from 'fastify';

export const SESSION_IDLE_MINUTES = 30;
export const SESSION_ABSOLUTE_HOURS = 12;

/**
 * `__Host-` cookies must be Secure, which plain-http development and tests cannot send back; so the
 * prefix (and Secure) is used in production only. Always httpOnly, SameSite=Lax, path /.
 */
export function cookieName(base: 'session' | 'device', production: boolean): string {
  return production ? `__Host-ikou_${base}` : `ikou_${base}`;
}

export function setCookie(reply: FastifyReply, name: string, value: string, production: boolean, maxAgeSeconds: number): void {
  reply.setCookie(name, value, { path: '/', httpOnly: true, sameSite: 'lax', secure: production, maxAge: maxAgeSeconds });
}

export function clearCookie(reply: FastifyReply, name: string, production: boolean): void {
  reply.clearCookie(name, { path: '/', httpOnly: true, sameSite: 'lax', secure: production });
}

export function readCookie(request: FastifyRequest, name: string): string | undefined {
  const value = request.cookies?.[name];
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}
