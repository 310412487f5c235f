import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { LoggerModule } from 'nestjs-pino';
import { HealthModule, validateRuntimeConfig } from '@itsm/platform-kit';
import { ProjectionsController } from './projections.controller';
import { ProjectorRuntimeModule } from './projector-runtime.module';

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
    ProjectorRuntimeModule,
    HealthModule,
  ],
  controllers: [ProjectionsController],
})
export class ProjectorModule {}
