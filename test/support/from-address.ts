import { Agent, request } from 'node:http';

/**
 * JSON calls to the app from a loopback source address of the test's choosing (all of 127.0.0.0/8 is
 * local on Linux), so the per-address limits see another client, as they would behind a real proxy.
 * Keep-alive: a timing sample is the request, not a TCP handshake.
 */
export function fromAddress(baseUrl: string, localAddress: string) {
  const agent = new Agent({ keepAlive: true, maxSockets: 4 });
  const url = new URL(baseUrl);
  const call = (method: string, path: string, body?: unknown) =>
    new Promise<{ status: number; text: string; body: Record<string, unknown> }>((done, fail) => {
      const payload = body === undefined ? undefined : JSON.stringify(body);
      const req = request(
        { host: url.hostname, port: url.port, path, method, agent, localAddress, headers: payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {} },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk) => (text += chunk));
          res.on('end', () => {
            let parsed: Record<string, unknown> = {};
            try {
              parsed = JSON.parse(text) as Record<string, unknown>;
            } catch {
              // empty or not JSON
            }
            done({ status: res.statusCode ?? 0, text, body: parsed });
          });
        },
      );
      req.on('error', fail);
      req.end(payload);
    });
  return { address: localAddress, call, post: (path: string, body: unknown) => call('POST', path, body), close: () => agent.destroy() };
}
