import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { LoggerModule } from 'nestjs-pino';
import { streamHeadsProjection } from '@itsm/projections';
import {
  EventStoreModule,
  HealthModule,
  MessageBusModule,
  ProjectionsModule,
  RelayModule,
  validateRuntimeConfig,
} from '@itsm/platform-kit';

/** The embedded all-in-one host: every module in one process (DESIGN §1). */
@Module({
  imports: [
    ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, validate: validateRuntimeConfig }),
    LoggerModule.forRoot({
      pinoHttp: {
        level: process.env.LOG_LEVEL ?? 'info',
        // Health probes run every few seconds; logging them drowns everything else.
        autoLogging: { ignore: (request) => request.url?.startsWith('/health') ?? false },
      },
    }),
    EventStoreModule,
    MessageBusModule,
    RelayModule,
    ProjectionsModule.forRoot([streamHeadsProjection]),
    HealthModule,
  ],
})
export class PlatformModule {}
