import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { createValidationPipe } from '@itsm/platform-kit';
import { createBenchApp } from '../create-app';
import { listenForBench } from '../listen';
import { openCrudDatabase } from './database';
import { HealthController, ServicesController } from './services.controller';
import { ServicesTable } from './services.table';

/**
 * Contender (b) of the HTTP bench: what a plain NestJS + `pg` CRUD app costs for the same routes, with the same
 * validation (the platform's DTO and validation pipe) and the same JWT check: INSERT one row, SELECT it by id.
 * On Express like the platform, or on Fastify (BENCH_HTTP_ADAPTER).
 */
const main = async () => {
  const database = await openCrudDatabase();
  const table = await ServicesTable.open(database.connectionString);
  @Module({ controllers: [HealthController, ServicesController], providers: [{ provide: ServicesTable, useValue: table }] })
  class NestPgCrudModule {}
  const app = await createBenchApp(NestPgCrudModule);
  app.useGlobalPipes(createValidationPipe());
  await listenForBench(app, async () => {
    await table.close();
    await database.stop();
  });
};

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
