import 'reflect-metadata';
import fastifyCookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger } from 'nestjs-pino';
import { requestId } from './observability/request-id';
import { AppModule } from './app.module';
import { AppErrorFilter, FallbackErrorFilter } from './common/app-error.filter';
import { DatabaseUnavailableFilter } from './health/database-unavailable.filter';
import { MetricsService } from './metrics/metrics.service';
import { setupOpenApi } from './openapi';
import { describeStartupError } from './runtime/cli';
import { onShutdownSignal } from './runtime/shutdown';
import { prepareRuntime } from './runtime/prepare';
import { SpaFallbackFilter } from './web/spa-fallback.filter';
import { registerUiStatic } from './web/ui-static';
import { contentSecurityPolicy } from './web/security-headers';
import { acceptCsvUploads } from './web/upload-limits';
import { keepApiAnswersOutOfCaches } from './web/no-store';
import { exposeRouteList } from './web/route-list';

const say = (line: string) => process.stdout.write(`${line}\n`);

async function bootstrap() {
  const role = process.env.RUN_WORKER === 'false' || process.env.NODE_ENV === 'production' ? 'api' : 'api+worker';
  const { runtime, services } = await prepareRuntime(process.env.RUN_WORKER === 'true' ? 'api+worker' : role, say);
  const { config } = runtime;
  const adapter = new FastifyAdapter({
    trustProxy: config.isProduction,
    bodyLimit: 1024 * 1024,
    return503OnClosing: true,
    requestIdHeader: false,
    genReqId: requestId,
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(runtime), adapter, { bufferLogs: true });
  app.useLogger(app.get(Logger));
  // Nest tries global filters last-registered first: the catch-all goes first.
  app.useGlobalFilters(new DatabaseUnavailableFilter(new FallbackErrorFilter()), new SpaFallbackFilter(), new AppErrorFilter());
  const fastify = app.getHttpAdapter().getInstance();
  if (config.env === 'test') exposeRouteList(fastify);
  await app.register(fastifyCookie);
  await app.register(helmet, { contentSecurityPolicy: { directives: contentSecurityPolicy }, hsts: config.isProduction });
  acceptCsvUploads(fastify);
  keepApiAnswersOutOfCaches(fastify);
  fastify.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  app.get(MetricsService).attach(fastify);
  setupOpenApi(app);
  if (config.http.serveUi) await registerUiStatic(fastify);

  onShutdownSignal(async () => {
    await app.close(); // stops accepting, drains in-flight requests, closes BullMQ workers after their running jobs
    await services.stop();
  });

  await app.listen({ port: config.http.port, host: config.http.host });
  const base = config.http.publicUrl;
  say(
    [
      `Ikou is up (${runtime.role}, ${config.env}${services.embeddedDatabase ? ', embedded PostgreSQL' : ''})`,
      `  customer site  ${base}/`,
      `  console        ${base}/console/`,
      `  API docs       ${base}/api/docs`,
      `  readiness      ${base}/ready`,
    ].join('\n'),
  );
}

bootstrap().catch((error) => {
  process.stderr.write(`Ikou did not start: ${describeStartupError(error)}\n`);
  if (process.env.DEBUG_STARTUP) console.error(error);
  process.exit(1);
});
