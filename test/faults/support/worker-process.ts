import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from '../../support/app-process';

export const WORKER = join(ROOT, 'dist', 'server', 'src', 'worker.js');

export interface RunningWorker {
  process: ChildProcess;
  /** When the worker said it was up (Date.now()): recovery times are measured from here. */
  startedAt: number;
  output(): string;
  /** SIGKILL, as a crash: no shutdown hook runs, its jobs keep their locks until they expire. */
  crash(): Promise<void>;
  stop(): Promise<number | null>;
}

/**
 * The built worker entry point (`npm run start:worker`) as a process of its own, on the database and
 * Redis prefix of an API started with RUN_WORKER=false: the production layout, where a worker can die
 * while the API goes on answering.
 */
export async function startWorker(env: Record<string, string>): Promise<RunningWorker> {
  const child = spawn(process.execPath, [WORKER], {
    cwd: ROOT,
    // info level: "worker started" is how we know it listens to its queues.
    env: { PATH: process.env.PATH, NODE_ENV: 'test', ...env, LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  const worker: RunningWorker = {
    process: child,
    startedAt: 0,
    output: () => output,
    crash: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
  const deadline = Date.now() + 30_000;
  while (!output.includes('"msg":"worker started"')) {
    if (child.exitCode !== null || Date.now() > deadline) {
      await worker.crash();
      throw new Error(`the worker did not start:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  worker.startedAt = Date.now();
  return worker;
}
