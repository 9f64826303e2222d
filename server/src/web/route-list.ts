import type { FastifyInstance } from 'fastify';

/**
 * Test environment only: every route the app serves, as Fastify registered it (Nest controllers, the
 * API docs, the static UIs), so the abuse tests fail when a route exists that their table does not name.
 * Must be called before any route is registered: the hook sees only routes added after it.
 */
export function exposeRouteList(fastify: FastifyInstance): void {
  const routes = new Set<string>();
  fastify.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) routes.add(`${method} ${route.url}`);
  });
  fastify.get('/api/test/routes', async () => [...routes].sort());
}
