import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;
const ASSIGNED = Symbol('ikou.requestId');

/**
 * One id per request, shared by Fastify and the pino logger, echoed in `x-request-id` so a customer
 * or agent can quote it. A caller's own id is kept when it is short and plain (a proxy's trace id).
 */
export function requestId(req: IncomingMessage): string {
  const holder = req as IncomingMessage & { [ASSIGNED]?: string };
  if (holder[ASSIGNED]) return holder[ASSIGNED];
  const given = req.headers['x-request-id'];
  const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
  holder[ASSIGNED] = id;
  return id;
}
