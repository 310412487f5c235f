import { Module, type DynamicModule } from '@nestjs/common';
import { ChangesApplicationModule, type ChangesApplicationOptions } from '@itsm/changes-application';
import { RaiseChangeController } from './raise-change/raise-change.controller';

/** One controller per use case (`src/<use-case>/`). */
export const CHANGES_CONTROLLERS = [RaiseChangeController];

/**
 * The changes context behind /api/v1/changes: the controllers over the handlers of
 * ChangesApplicationModule (the composition root). Needs the global EventStoreModule, GatewayModule and
 * HealthModule; its projections run in ProjectionsModule (`changesProjections` of @itsm/changes-read-models).
 */
@Module({})
export class ChangesModule {
  static forRoot(options: ChangesApplicationOptions = {}): DynamicModule {
    return {
      module: ChangesModule,
      imports: [ChangesApplicationModule.forRoot(options)],
      controllers: CHANGES_CONTROLLERS,
      exports: [ChangesApplicationModule],
    };
  }
}
