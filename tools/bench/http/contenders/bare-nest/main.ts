import 'reflect-metadata';
import { Controller, Get, HttpCode, Module, Post } from '@nestjs/common';
import { createBenchApp } from '../create-app';
import { listenForBench } from '../listen';

/** The same body for every request: what Nest and Express cost with nothing behind them. */
const SERVICE = { id: 'service-0193a4e1-0000-7000-8000-000000000000', number: 'SVC0000001', name: 'constant', lifecycle: 'pipeline' };

@Controller()
class ConstantController {
  @Get('health/live')
  live() {
    return { status: 'ok' };
  }

  @Post('api/v1/services')
  @HttpCode(201)
  create() {
    return SERVICE;
  }

  @Get('api/v1/services/:id')
  read() {
    return SERVICE;
  }

  @Get('api/v1/services')
  list() {
    return { items: [SERVICE], nextCursor: null };
  }
}

@Module({ controllers: [ConstantController] })
class BareNestModule {}

/** Contender (a) of the HTTP bench: a bare NestJS app on the platform's HTTP adapter (Express), or on Fastify. */
const main = async () => listenForBench(await createBenchApp(BareNestModule));

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
