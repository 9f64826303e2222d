import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { UI_APPS, uiBuilt } from './ui-paths';

/** Serves the built customer site at / and the console at /console/ from the API's own origin. */
export async function registerUiStatic(fastify: FastifyInstance): Promise<void> {
  let decorated = false;
  for (const app of ['console', 'portal'] as const) {
    if (!uiBuilt(app)) continue;
    await fastify.register(fastifyStatic, {
      root: UI_APPS[app].root,
      prefix: UI_APPS[app].prefix,
      decorateReply: !decorated,
      wildcard: true,
      index: 'index.html',
      // Hashed assets never change; index.html must always be fresh.
      setHeaders: (res, path) => {
        res.header('Cache-Control', path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
    decorated = true;
  }
}
