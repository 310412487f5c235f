import type { ChangeConflictKind, ChangeType } from '@itsm/contracts';
import type { SqlExecutor } from '@itsm/event-store';
import type { ChangeCatalog } from './change-catalog.port';
import type { ActiveMajorIncidents, CausedIncidents } from './change-incidents.port';

/** A conflict of a change's window, as the live conflict detection reports it. */
export interface DetectedConflict {
  kind: ChangeConflictKind;
  /** One sentence for people. */
  detail: string;
}

/** The live conflict detection (the changes read models' `ConflictQueries`). */
export interface ChangeConflictDetection {
  /** The conflicts an existing change (`changeId`, left out of its own overlaps) has in this window. */
  conflictsFor(candidate: {
    serviceIds: readonly string[];
    plannedStart: string;
    plannedEnd: string;
    implementer: { group: string; agent?: string | null };
    type?: ChangeType;
    changeId?: string | null;
  }): Promise<DetectedConflict[]>;
}

/** An implementer group's recent record, from the change list: failed (failed or backed out) of completed changes. */
export interface ImplementerRecords {
  recentRecord(group: string, since: Date): Promise<{ failed: number; total: number }>;
}

/** What the handlers read from the changes' own read models. */
export interface ChangeQueries {
  conflicts: ChangeConflictDetection;
  implementerRecords: ImplementerRecords;
}

/**
 * Builds the queries over the read models (`createChangesReadModels` of @itsm/changes-read-models, which the host
 * passes in: the application lib does not import the read-model lib). `sources` are this module's copies of the
 * catalog and of incidents, which the conflict detection reads.
 */
export type ChangeQueriesFactory = (dependencies: {
  db: SqlExecutor;
  /** `causedIncidents`: the incidents caused by changes, for the DORA figures. */
  sources: { catalog: ChangeCatalog; majorIncidents: ActiveMajorIncidents; causedIncidents: CausedIncidents };
}) => ChangeQueries;
