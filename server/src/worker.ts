import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { describeStartupError } from './runtime/cli';
import { prepareRuntime } from './runtime/prepare';
import { onShutdownSignal } from './runtime/shutdown';
import { WorkerAppModule } from './worker-app.module';

async function bootstrap() {
  const { runtime, services } = await prepareRuntime('worker', (line) => process.stdout.write(`${line}\n`));
  const app = await NestFactory.createApplicationContext(WorkerAppModule.forRoot(runtime), { bufferLogs: true });
  app.useLogger(app.get(Logger));
  onShutdownSignal(async () => {
    await app.close(); // BullMQ workers stop taking jobs and wait for running ones
    await services.stop();
  });
  app.get(Logger).log('worker started');
}

bootstrap().catch((error) => {
  process.stderr.write(`Ikou worker did not start: ${describeStartupError(error)}\n`);
  if (process.env.DEBUG_STARTUP) console.error(error);
  process.exit(1);
});
