import { ConfigError } from '../config/config';

/** Turns any error into one line on stderr and exit code 1: operators read messages, not stack traces. */
export function describeStartupError(error: unknown): string {
  if (error instanceof ConfigError) return error.message;
  const e = error as NodeJS.ErrnoException & { address?: string; port?: number };
  if (e?.code === 'ECONNREFUSED') return `cannot connect to ${e.address ?? 'a service'}:${e.port ?? ''} (connection refused)`;
  if (e?.code === 'ENOTFOUND') return `cannot resolve host ${(e as { hostname?: string }).hostname ?? ''}`;
  if (e instanceof AggregateError && e.errors.length) return describeStartupError(e.errors[0]);
  return e instanceof Error ? e.message.split('\n')[0] : String(error);
}

export function runCli(main: (log: (line: string) => void) => Promise<void>): void {
  const log = (line: string) => process.stdout.write(`${line}\n`);
  main(log).then(
    () => process.exit(0),
    (error) => {
      process.stderr.write(`${describeStartupError(error)}\n`);
      if (process.env.DEBUG_STARTUP) console.error(error);
      process.exit(1);
    },
  );
}
