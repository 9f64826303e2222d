import type { IncomingMessage } from 'node:http';
import { RequestMethod } from '@nestjs/common';
import type { Params } from 'nestjs-pino';
import type { AppConfig } from '../config/config';
import { requestId } from './request-id';

/** Keys whose values never reach a log line, wherever they appear. */
export const REDACTED_PATHS = [
  'req.headers.cookie',
  'req.headers.authorization',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.newPassword',
  '*.code',
  '*.token',
  '*.secret',
  '*.recoveryCode',
  '*.passwordHash',
];

export function loggerOptions(config: AppConfig): Params {
  return {
    // nestjs-pino's default route ('{/*splat}') matches nothing under NestJS 12 on Fastify: without this
    // line no request was logged at all (found by test/api/log-secrets.e2e-spec.ts).
    forRoutes: [{ path: '{*splat}', method: RequestMethod.ALL }],
    pinoHttp: {
      level: config.logLevel,
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      genReqId: requestId,
      // The query string may carry a password-set token: log the path only.
      serializers: {
        req: (req: { id: string; method: string; url: string; remoteAddress?: string }) => ({
          id: req.id,
          method: req.method,
          path: req.url.split('?')[0],
          remoteAddress: req.remoteAddress,
        }),
      },
      autoLogging: { ignore: (req: IncomingMessage) => ['/health', '/ready', '/metrics'].includes(req.url ?? '') },
    },
  };
}
