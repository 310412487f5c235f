import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { LoggerModule } from 'nestjs-pino';
import { EventStoreModule, HealthModule, MessageBusModule, ProjectionsModule, validateRuntimeConfig } from '@itsm/platform-kit';
import { hostedProjections } from './hosted-projections';

/** The projector process (DESIGN §2): hosts the read-model projections and their rebuilds. */
@Module({
  imports: [
    ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, validate: validateRuntimeConfig }),
    LoggerModule.forRoot({
      pinoHttp: {
        level: process.env.LOG_LEVEL ?? 'info',
        autoLogging: { ignore: (request) => request.url?.startsWith('/health') ?? false },
      },
    }),
    EventStoreModule,
    MessageBusModule,
    // Distributed: live events from Kafka, as every other consumer; otherwise from the log's subscription.
    ProjectionsModule.forRoot(hostedProjections, { liveFrom: process.env.KAFKA_BROKERS ? 'message-bus' : 'event-store' }),
    HealthModule,
  ],
})
export class ProjectorModule {}
