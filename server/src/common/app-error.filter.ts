import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { AppError } from './app-error';

/** One JSON shape for every refusal: { statusCode, code, message, ...extra }. */
@Catch(AppError)
export class AppErrorFilter implements ExceptionFilter {
  catch(error: AppError, host: ArgumentsHost) {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    for (const [name, value] of Object.entries(error.headers)) reply.header(name, value);
    return reply.status(error.status).send({ statusCode: error.status, code: error.code, message: error.message, ...error.extra });
  }
}

/**
 * Fastify's own refusals (malformed JSON, body too large, wrong content type) arrive as HttpExceptions
 * or errors with a statusCode: keep their 4xx instead of letting them become 500s.
 */
@Catch()
export class FallbackErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(error: unknown, host: ArgumentsHost) {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    if (error instanceof HttpException) {
      const body = error.getResponse();
      return reply.status(error.getStatus()).send(typeof body === 'string' ? { statusCode: error.getStatus(), message: body } : body);
    }
    const status = (error as { statusCode?: unknown })?.statusCode;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      const code = String((error as { code?: unknown }).code ?? 'bad_request').toLowerCase();
      return reply.status(status).send({ statusCode: status, code, message: (error as Error).message });
    }
    this.logger.error(error);
    return reply.status(500).send({ statusCode: 500, code: 'internal_error', message: 'Internal server error' });
  }
}
