import type { SqlExecutor } from '@itsm/event-store';
import type { ActiveMajorIncidents, ChangeCatalog } from '@itsm/changes-application';
import type { Page, WaitOptions } from '@itsm/projections';
import type { ChangeConflictResponse } from './responses/change-conflict.response';
import type { FreezeWindowResponse } from './responses/freeze-window.response';
import type { ScheduledChangeResponse } from './responses/schedule.response';

/**
 * What the changes API reads (implemented by @itsm/changes-read-models' `createChangesReadModels`; the host passes that
 * factory to `ChangesModule.forRoot`, since the API lib does not depend on the read-model lib). A cursor it did not
 * hand out is refused with `InvalidCursor` (400); a wait that times out rejects with `ReadModelBehind`.
 */
export interface ChangesReadModelsPort {
  conflicts: {
    /** Null when the schedule does not know the change (yet). */
    conflictsOf(changeId: string): Promise<ChangeConflictResponse[] | null>;
  };
  schedule: {
    schedule(range: { from: Date; to: Date; limit?: number; cursor?: string }): Promise<Page<ScheduledChangeResponse>>;
  };
  freezeWindows: {
    list(filter: { from?: Date; to?: Date; limit?: number; cursor?: string }): Promise<Page<FreezeWindowResponse>>;
  };
  consistency: {
    schedule(position: number, options?: WaitOptions): Promise<void>;
  };
}

/** The copies the conflict detection reads, as the application's adapters give them. */
export interface ConflictSourcesPort {
  catalog: Pick<ChangeCatalog, 'services' | 'relatedServices' | 'maintenanceWindows'>;
  majorIncidents: ActiveMajorIncidents;
}

export type ChangesReadModelsFactory = (dependencies: { db: SqlExecutor; sources: ConflictSourcesPort }) => ChangesReadModelsPort;

/** The read models of the changes API (`ChangesReadModelsPort`). */
export const CHANGES_READ_MODELS = Symbol('CHANGES_READ_MODELS');
