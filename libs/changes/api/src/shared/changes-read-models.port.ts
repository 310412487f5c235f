import type { ChangeStateName, ChangeType, RiskLevel } from '@itsm/contracts';
import type { AssessedChange, ChangeQueriesFactory, DetectedConflict } from '@itsm/changes-application';
import type { Page, WaitOptions } from '@itsm/projections';
import type { ChangeConflictResponse } from './responses/change-conflict.response';
import type { ChangeHistoryEntryResponse } from './responses/change-history.response';
import type { ChangeListItemResponse } from './responses/change-list.response';
import type { FreezeWindowResponse } from './responses/freeze-window.response';
import type { ScheduledChangeResponse } from './responses/schedule.response';
import type { ServiceDoraResponse } from '../service-dora/service-dora.response';

export interface ChangeListFilter {
  /** One value, or several (any of them matches). */
  state?: ChangeStateName | readonly ChangeStateName[];
  type?: ChangeType | readonly ChangeType[];
  risk?: RiskLevel | readonly RiskLevel[];
  serviceId?: string;
  implementerGroup?: string | readonly string[];
  /** Set by the API to the caller's id when they see only the changes they requested. */
  requesterId?: string;
  q?: string;
  limit?: number;
  cursor?: string;
}

/**
 * What the changes API reads (implemented by @itsm/changes-read-models' `createChangesReadModels`; the host passes that
 * factory to `ChangesModule.forRoot`, since the API lib does not depend on the read-model lib). A cursor it did not
 * hand out is refused with `InvalidCursor` (400); a wait that times out rejects with `ReadModelBehind`. The same
 * object serves the application's queries (`ChangeQueries`: conflict detection, implementer records).
 */
export interface ChangesReadModelsPort {
  changeList: {
    list(filter: ChangeListFilter): Promise<Page<ChangeListItemResponse>>;
    /** The id of the change with this number, or null when the list does not know it (yet). */
    idOfNumber(number: string): Promise<string | null>;
  };
  history: {
    /** `upToRevision`: only the lines of the stream up to that revision (the change as it stood `asOf`). */
    historyOf(changeId: string, options?: { upToRevision?: number }): Promise<ChangeHistoryEntryResponse[]>;
  };
  implementerRecords: { recentRecord(group: string, since: Date): Promise<{ failed: number; total: number }> };
  conflicts: {
    /** Null when the schedule does not know the change (yet). */
    conflictsOf(changeId: string): Promise<ChangeConflictResponse[] | null>;
    conflictsFor(candidate: Parameters<ReturnType<ChangeQueriesFactory>['conflicts']['conflictsFor']>[0]): Promise<DetectedConflict[]>;
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
    /** Resolves once the change list and history include a write's log position. */
    list(position: number, options?: WaitOptions): Promise<void>;
    /** The deliveries the DORA figures read. */
    deliveries(position: number, options?: WaitOptions): Promise<void>;
  };
}

export type ChangesReadModelsFactory = (dependencies: Parameters<ChangeQueriesFactory>[0]) => ChangesReadModelsPort;

/** The read models of the changes API (`ChangesReadModelsPort`). */
export const CHANGES_READ_MODELS = Symbol('CHANGES_READ_MODELS');
