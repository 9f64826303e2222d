import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort } from '../../server/src/runtime/free-port';
import { TEST_REDIS_URL, createTestDatabase, testRedisPrefix, type TestDatabase } from './services';

export const ROOT = resolve(__dirname, '..', '..');
export const MAIN = join(ROOT, 'dist', 'server', 'src', 'main.js');

export interface RunningApp {
  baseUrl: string;
  port: number;
  database: TestDatabase;
  redisPrefix: string;
  process: ChildProcess;
  output(): string;
  /** SIGTERM (or the given signal), wait for the exit; resolves with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
  /** SIGKILL, as a crash: the database and Redis prefix stay, for `startApp(env, { resume: this })`. */
  crash(): Promise<void>;
}

/**
 * The built API (`npm run build`) on a real port, with its own database and Redis prefix; or, with
 * `resume`, a restart on the database and prefix of an app that crashed.
 */
export async function startApp(env: Record<string, string> = {}, options: { resume?: RunningApp } = {}): Promise<RunningApp> {
  const database = options.resume?.database ?? (await createTestDatabase());
  const port = await freePort();
  const redisPrefix = options.resume?.redisPrefix ?? testRedisPrefix();
  const child = spawn(process.execPath, [MAIN], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'test',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: database.url,
      REDIS_URL: TEST_REDIS_URL,
      REDIS_PREFIX: redisPrefix,
      DATA_DIR: mkdtempSync(join(tmpdir(), 'ikou-e2e-')),
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  const baseUrl = `http://127.0.0.1:${port}`;
  const app: RunningApp = {
    baseUrl,
    port,
    database,
    redisPrefix,
    process: child,
    output: () => output,
    stop: async (signal = 'SIGTERM') => {
      if (child.exitCode === null) child.kill(signal);
      const code = await exited;
      await database.drop();
      return code;
    },
    crash: async () => {
      if (child.exitCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
  const deadline = Date.now() + 30_000;
  while (!output.includes('Ikou is up')) {
    if (child.exitCode !== null || Date.now() > deadline) {
      await app.stop();
      throw new Error(`the app did not start:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return app;
}

/** Runs the entry point to its exit and returns what it printed. */
export function runToExit(env: Record<string, string>, timeoutMs = 20_000): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [MAIN], { cwd: ROOT, env: { PATH: process.env.PATH, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr += c));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      fail(new Error(`did not exit within ${timeoutMs} ms:\n${stdout}${stderr}`));
    }, timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      done({ code, stdout, stderr });
    });
  });
}
