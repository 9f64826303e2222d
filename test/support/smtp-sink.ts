import { simpleParser, type AddressObject, type ParsedMail } from 'mailparser';
import { SMTPServer, type SMTPServerSession } from 'smtp-server';

/** One message the sink accepted, parsed by a real MIME parser (mailparser). */
export interface CaughtMail {
  /** First address of the To header, as written. */
  to: string;
  /** Address of the From header. */
  from: string;
  subject: string;
  text: string;
  html: string;
  /** Message-ID header, with its angle brackets. */
  messageId: string;
  envelope: { mailFrom: string; rcptTo: string[] };
  raw: Buffer;
  parsed: ParsedMail;
}

export interface Refusal {
  /** SMTP reply code: 4xx asks the client to try again later, 5xx refuses for good. */
  code: number;
  /** Where to refuse: the recipient (RCPT TO) or the message (after DATA). */
  stage: 'rcpt' | 'data';
}

/**
 * A real SMTP server in the test process (no TLS; any login or none) that keeps every message it accepts.
 * It can refuse for a while (`refuse`) and go down and come back on the same port (`stop`, `start`),
 * to play a mail server that is unavailable.
 */
export class SmtpSink {
  readonly messages: CaughtMail[] = [];
  private server: SMTPServer | undefined;
  private refusal: Refusal | undefined;
  private waiters = new Set<() => void>();

  private constructor(private portNumber: number) {}

  /** A listening sink on `port`, or on a free port when omitted. */
  static async start(port = 0): Promise<SmtpSink> {
    const sink = new SmtpSink(port);
    await sink.start();
    return sink;
  }

  get port(): number {
    return this.portNumber;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.portNumber}`;
  }

  get listening(): boolean {
    return this.server !== undefined;
  }

  /** Listens again on the same port (after `stop`), keeping the messages caught so far. */
  async start(): Promise<void> {
    if (this.server) return;
    const server = new SMTPServer({
      secure: false,
      disabledCommands: ['STARTTLS'],
      authOptional: true,
      // Any user name and password is fine (over plain text): lets a test check credentials never leak.
      allowInsecureAuth: true,
      onAuth: (auth, _session, callback) => callback(null, { user: auth.username }),
      logger: false,
      banner: 'ikou test sink',
      closeTimeout: 20,
      onRcptTo: (_address, _session, callback) => {
        callback(this.refusal?.stage === 'rcpt' ? refusalError(this.refusal) : undefined);
      },
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('error', (error) => callback(error));
        stream.on('end', () => {
          if (this.refusal?.stage === 'data') return callback(refusalError(this.refusal));
          const raw = Buffer.concat(chunks);
          this.keep(raw, session).then(
            () => callback(),
            (error: Error) => callback(error),
          );
        });
      },
    });
    server.on('error', () => undefined); // a client dropping its connection is not a test failure
    await new Promise<void>((resolve, reject) => {
      server.server.once('error', reject);
      server.listen(this.portNumber, '127.0.0.1', () => {
        server.server.off('error', reject);
        resolve();
      });
    });
    this.portNumber = (server.server.address() as { port: number }).port;
    this.server = server;
  }

  /** Stops listening and drops open connections (a client's pooled connection too): the server is down. */
  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Answer every recipient (or every message) with this reply until `accept()`. */
  refuse(refusal: Partial<Refusal> = {}): void {
    this.refusal = { code: refusal.code ?? 451, stage: refusal.stage ?? 'rcpt' };
  }

  accept(): void {
    this.refusal = undefined;
  }

  clear(): void {
    this.messages.length = 0;
  }

  /** The first message (already caught or arriving within timeoutMs) that matches. */
  async waitFor(predicate: (mail: CaughtMail) => boolean, timeoutMs = 10_000): Promise<CaughtMail> {
    const found = () => this.messages.find(predicate);
    const already = found();
    if (already) return already;
    return new Promise<CaughtMail>((resolve, reject) => {
      const check = () => {
        const mail = found();
        if (!mail) return;
        this.waiters.delete(check);
        clearTimeout(timer);
        resolve(mail);
      };
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        reject(new Error(`SmtpSink: no matching mail within ${timeoutMs} ms (${this.messages.length} caught)`));
      }, timeoutMs);
      this.waiters.add(check);
    });
  }

  private async keep(raw: Buffer, session: SMTPServerSession): Promise<void> {
    const parsed = await simpleParser(raw);
    this.messages.push({
      to: firstAddress(parsed.to),
      from: firstAddress(parsed.from),
      subject: parsed.subject ?? '',
      text: parsed.text ?? '',
      html: parsed.html || '',
      messageId: parsed.messageId ?? '',
      envelope: {
        mailFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
        rcptTo: session.envelope.rcptTo.map((rcpt) => rcpt.address),
      },
      raw,
      parsed,
    });
    for (const waiter of [...this.waiters]) waiter();
  }
}

function firstAddress(field: AddressObject | AddressObject[] | undefined): string {
  const object = Array.isArray(field) ? field[0] : field;
  return object?.value[0]?.address ?? '';
}

function refusalError({ code }: Refusal): Error {
  const text = code >= 500 ? 'Refused by the test sink' : 'Try again later (test sink)';
  return Object.assign(new Error(text), { responseCode: code });
}
