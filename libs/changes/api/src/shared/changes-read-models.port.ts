import type { SqlExecutor } from '@itsm/event-store';
import type { ActiveMajorIncidents, AssessedChange, CausedIncidents, ChangeCatalog } from '@itsm/changes-application';
import type { Page, WaitOptions } from '@itsm/projections';
import type { ChangeConflictResponse } from './responses/change-conflict.response';
import type { FreezeWindowResponse } from './responses/freeze-window.response';
import type { ScheduledChangeResponse } from './responses/schedule.response';
import type { ServiceDoraResponse } from '../service-dora/service-dora.response';

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
  /** The DORA figures of a service over [from, to); null when the catalog copy does not know the service. */
  dora: {
    forService(serviceId: string, range: { from: Date; to: Date }): Promise<ServiceDoraResponse | null>;
  };
  /** The assessed changes a risk back-test replays. */
  riskHistory: {
    assessedChanges(options?: { onProgress?: (read: number) => void }): Promise<AssessedChange[]>;
  };
  consistency: {
    schedule(position: number, options?: WaitOptions): Promise<void>;
    /** The deliveries the DORA figures read. */
    deliveries(position: number, options?: WaitOptions): Promise<void>;
  };
}

/** The copies the conflict detection reads, as the application's adapters give them. */
export interface ConflictSourcesPort {
  catalog: Pick<ChangeCatalog, 'services' | 'relatedServices' | 'maintenanceWindows'>;
  majorIncidents: ActiveMajorIncidents;
}

/** Every copy the read models read: the conflict detection's, and the incidents caused by changes (DORA). */
export interface ChangesSourcesPort extends ConflictSourcesPort {
  causedIncidents: CausedIncidents;
}

export type ChangesReadModelsFactory = (dependencies: { db: SqlExecutor; sources: ChangesSourcesPort }) => ChangesReadModelsPort;

/** The read models of the changes API (`ChangesReadModelsPort`). */
export const CHANGES_READ_MODELS = Symbol('CHANGES_READ_MODELS');
