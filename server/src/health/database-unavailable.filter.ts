import { type ArgumentsHost, Catch, type ExceptionFilter, Logger } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { isDatabaseUnavailable } from './database-unavailable';

/** A database restart or failover takes seconds: ask clients to come back soon. */
export const RETRY_AFTER_SECONDS = 5;
/** One log line per outage period, not one per request. */
const LOG_EVERY_MS = 10_000;

/**
 * While Postgres is unreachable a request that needs it gets a clean 503 with Retry-After, never a 500:
 * nothing is wrong with the request, and /ready already says 503, so load balancers and clients hold
 * off. Every other error goes on to `otherwise` (the catch-all), since Nest gives an error to one filter only.
 */
@Catch()
export class DatabaseUnavailableFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');
  private lastLogged = 0;
  private unlogged = 0;

  constructor(private readonly otherwise: ExceptionFilter) {}

  catch(error: unknown, host: ArgumentsHost) {
    if (!isDatabaseUnavailable(error)) return this.otherwise.catch(error, host);
    this.logOutage(error);
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    return reply
      .header('Retry-After', String(RETRY_AFTER_SECONDS))
      .status(503)
      .send({ statusCode: 503, code: 'service_unavailable', message: 'The service is briefly unavailable: try again in a few seconds' });
  }

  private logOutage(error: unknown): void {
    const now = Date.now();
    if (now - this.lastLogged < LOG_EVERY_MS) {
      this.unlogged += 1;
      return;
    }
    const more = this.unlogged ? ` (and ${this.unlogged} more since the last line)` : '';
    this.logger.warn(`database unavailable, answered 503${more}: ${(error as Error)?.message ?? String(error)}`);
    this.lastLogged = now;
    this.unlogged = 0;
  }
}
