import { Global, Inject, Module, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { EVENT_STORE, type RuntimeConfig } from '@itsm/platform-kit';
import { openProjector, type Projector } from './open-projector';
import { PROJECTOR } from './projector.tokens';

/** Opens the projector once, shares its event store with the health checks, follows the log while the app runs. */
@Global()
@Module({
  providers: [
    {
      provide: PROJECTOR,
      inject: [ConfigService],
      useFactory: (config: ConfigService<RuntimeConfig, true>) =>
        openProjector({
          DATABASE_URL: config.get('DATABASE_URL', { infer: true }),
          EVENTSTORE_URL: config.get('EVENTSTORE_URL', { infer: true }),
          ITSM_DATA_DIR: config.get('ITSM_DATA_DIR', { infer: true }),
        }),
    },
    { provide: EVENT_STORE, inject: [PROJECTOR], useFactory: (projector: Projector) => projector.store },
  ],
  exports: [PROJECTOR, EVENT_STORE],
})
export class ProjectorRuntimeModule implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(@Inject(PROJECTOR) private readonly projector: Projector) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.projector.runtime.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.projector.close();
  }
}
