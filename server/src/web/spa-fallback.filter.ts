import { type ArgumentsHost, Catch, type ExceptionFilter, NotFoundException } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { API_PATHS, UI_APPS, uiBuilt } from './ui-paths';

/**
 * Client-side routes (/register, /console/customers/…) reach the server on reload: answer them with the
 * app's index.html. Anything under the API paths keeps its JSON 404.
 */
@Catch(NotFoundException)
export class SpaFallbackFilter implements ExceptionFilter {
  catch(exception: NotFoundException, host: ArgumentsHost) {
    const request = host.switchToHttp().getRequest<FastifyRequest>();
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const path = request.url;
    const wantsPage = request.method === 'GET' && !API_PATHS.test(path) && !/\.[a-z0-9]{1,5}$/i.test(path.split('?')[0]);
    if (wantsPage) {
      const app = path === '/console' || path.startsWith('/console/') ? 'console' : 'portal';
      if (uiBuilt(app)) {
        if (path === '/console') return reply.redirect('/console/', 302);
        return reply.header('Cache-Control', 'no-cache').sendFile('index.html', UI_APPS[app].root);
      }
    }
    return reply.status(404).send(exception.getResponse());
  }
}
