import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';

export function buildOpenApiDocument(app: NestFastifyApplication) {
  const config = new DocumentBuilder()
    .setTitle('Ikou API')
    .setDescription('Customer self-service (/api/customer) and support-desk console (/api/console) for the InfoSphere login-account migration')
    .setVersion('0.1.0')
    .build();
  return SwaggerModule.createDocument(app, config);
}

export function setupOpenApi(app: NestFastifyApplication): void {
  SwaggerModule.setup('api/docs', app, () => buildOpenApiDocument(app), { jsonDocumentUrl: 'api/docs-json' });
}
