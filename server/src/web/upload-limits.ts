import type { FastifyInstance } from 'fastify';

/** The largest CSV upload anywhere (a legacy export of a few hundred thousand contracts). */
export const CSV_BODY_LIMIT_BYTES = 64 * 1024 * 1024;

/** Smaller limits for some upload routes, refused from the Content-Length header before the body is read. */
const ROUTE_LIMITS: Array<{ path: string; bytes: number }> = [{ path: '/api/console/tickets/import', bytes: 5 * 1024 * 1024 }];

/** CSV uploads arrive as the raw body (Content-Type: text/csv), each route within its limit. */
export function acceptCsvUploads(fastify: FastifyInstance): void {
  fastify.addContentTypeParser('text/csv', { parseAs: 'buffer', bodyLimit: CSV_BODY_LIMIT_BYTES }, (_request, body, done) => done(null, body));
  fastify.addHook('onRequest', async (request, reply) => {
    const limit = ROUTE_LIMITS.find((r) => request.url.split('?')[0] === r.path);
    if (limit && Number(request.headers['content-length'] ?? 0) > limit.bytes) {
      return reply.code(413).send({ statusCode: 413, code: 'payload_too_large', message: `The file is larger than ${limit.bytes / 1024 / 1024} MB` });
    }
  });
}
