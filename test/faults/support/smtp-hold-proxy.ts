import { type Server, type Socket, createConnection, createServer } from 'node:net';

const END_OF_DATA = Buffer.from('\r\n.\r\n');

/**
 * A TCP relay in front of an SMTP server that can withhold the server's reply to the end of one message
 * (`holdNextMessage`): the server has accepted and kept the message, the client is still waiting for its
 * "250 OK". That is the crash window of every mail sender: kill it now and it cannot know the mail left.
 */
export class SmtpHoldProxy {
  private armed = false;
  private heldCount = 0;
  private readonly sockets = new Set<Socket>();

  private readonly server: Server;

  private constructor(targetPort: number) {
    this.server = createServer((client) => this.relay(client, targetPort));
  }

  static async start(targetPort: number): Promise<SmtpHoldProxy> {
    const proxy = new SmtpHoldProxy(targetPort);
    await new Promise<void>((resolve) => proxy.server.listen(0, '127.0.0.1', resolve));
    return proxy;
  }

  get port(): number {
    return (this.server.address() as { port: number }).port;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  /** Replies withheld so far (their connections stay open until the client goes away). */
  get held(): number {
    return this.heldCount;
  }

  /** The next message to finish its DATA gets no reply. */
  holdNextMessage(): void {
    this.armed = true;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private relay(client: Socket, targetPort: number): void {
    const upstream = createConnection(targetPort, '127.0.0.1');
    this.sockets.add(client).add(upstream);
    let inData = false;
    let holding = false;
    let tail = Buffer.alloc(0);
    let line = '';
    client.on('data', (chunk: Buffer) => {
      if (inData) {
        const seen = Buffer.concat([tail, chunk]);
        if (seen.includes(END_OF_DATA)) {
          inData = false;
          line = '';
          if (this.armed) {
            this.armed = false;
            holding = true;
            this.heldCount += 1;
          }
        }
        tail = seen.subarray(Math.max(0, seen.length - END_OF_DATA.length + 1));
      } else {
        // Commands are lines: after "DATA" the message follows, up to a line holding a single dot.
        line += chunk.toString('latin1');
        const lines = line.split('\r\n');
        line = lines.pop() ?? '';
        if (lines.some((l) => l.trim().toUpperCase() === 'DATA')) {
          inData = true;
          tail = Buffer.from('\r\n');
        }
      }
      upstream.write(chunk);
    });
    upstream.on('data', (chunk: Buffer) => {
      if (!holding) client.write(chunk);
    });
    const close = () => {
      client.destroy();
      upstream.destroy();
      this.sockets.delete(client);
      this.sockets.delete(upstream);
    };
    client.on('close', close);
    upstream.on('close', close);
    client.on('error', close);
    upstream.on('error', close);
  }
}
