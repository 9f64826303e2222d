import type { FastifyInstance } from 'fastify';

/**
 * API answers carry CSRF tokens, contracts, recovery codes and console data: no cache on the way (a proxy,
 * a CDN, the browser's back button) may keep them (ASVS V8.1.1, V8.2.1). A route that sets its own
 * Cache-Control keeps it.
 */
export function keepApiAnswersOutOfCaches(fastify: FastifyInstance): void {
  fastify.addHook('onSend', async (request, reply, payload) => {
    if (request.url.startsWith('/api/') && !reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
    return payload;
  });
}
