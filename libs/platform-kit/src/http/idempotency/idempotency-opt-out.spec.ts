import { Body, Controller, Module, Post, type INestApplication } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { NestFactory } from '@nestjs/core';
import { validateRuntimeConfig } from '../../config/runtime-config';
import { applyGatewayConventions } from '../apply-gateway-conventions';
import { Public } from '../auth/auth.decorators';
import { GatewayModule } from '../gateway.module';
import { call } from '../testing/gateway-test-app';
import { IdempotencyInterceptor } from './idempotency.interceptor';

@Controller('api/v1/counted')
class CountedController {
  executions = 0;

  @Post()
  @Public()
  create(@Body() body: unknown) {
    this.executions += 1;
    return { execution: this.executions, body };
  }
}

describe('GatewayModule.forRoot({ idempotency: false })', () => {
  let app: INestApplication;
  let url: string;

  beforeAll(async () => {
    const env = { LOG_LEVEL: 'silent', ITSM_JWT_SECRET: 'idempotency-opt-out-spec-secret-32+chars' };
    // No EventStoreModule: without the idempotency store the conventions need no SQL_DATABASE.
    @Module({
      imports: [
        ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, skipProcessEnv: true, validate: () => validateRuntimeConfig(env) }),
        GatewayModule.forRoot({ idempotency: false }),
      ],
      controllers: [CountedController],
    })
    class OptOutModule {}
    app = await NestFactory.create(OptOutModule, { logger: false, abortOnError: false });
    applyGatewayConventions(app);
    await app.listen(0, '127.0.0.1');
    url = `${await app.getUrl()}/api/v1/counted`;
  });
  afterAll(() => app?.close());

  it('starts without a SQL database and provides no idempotency interceptor', () => {
    expect(() => app.get(IdempotencyInterceptor)).toThrow();
  });

  it('leaves Idempotency-Key to whoever handles the request: a repeat runs again and is not a replay', async () => {
    const send = () => call(url, { method: 'POST', headers: { 'idempotency-key': 'same-key' }, body: { name: 'twice' } });
    const first = await send();
    const second = await send();
    expect([first.status, second.status]).toEqual([201, 201]);
    expect([first.body.execution, second.body.execution]).toEqual([1, 2]);
    expect(second.headers.get('idempotent-replayed')).toBeNull();
  });

  it('does not judge the key either: a malformed one reaches the handler', async () => {
    const answer = await call(url, { method: 'POST', headers: { 'idempotency-key': 'x'.repeat(300) }, body: {} });
    expect(answer.status).toBe(201);
  });
});
