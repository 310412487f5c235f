import type { IncidentStateName, Priority } from '@itsm/contracts';
import type { SqlExecutor } from '@itsm/event-store';
import type { Page, WaitOptions } from '@itsm/projections';
import type { IncidentListItemResponse } from './responses/incident-list.response';
import type { IncidentHistoryEntryResponse } from './responses/incident-history.response';

export interface IncidentListFilter {
  /** One value, or several (any of them matches). */
  state?: IncidentStateName | readonly IncidentStateName[];
  priority?: Priority | readonly Priority[];
  serviceId?: string;
  assignmentGroup?: string | readonly string[];
  assignee?: string;
  /** Set by the API to the requester's own id: requesters see only the incidents they called in. */
  callerId?: string;
  breached?: boolean;
  major?: boolean;
  q?: string;
  limit?: number;
  cursor?: string;
}

/**
 * What the incidents API reads (implemented by @itsm/incidents-read-models' `createIncidentReadModels`; the host
 * passes that factory to `IncidentsModule.forRoot`, since the API lib does not depend on the read-model lib).
 * A cursor it did not hand out is refused with `InvalidCursor` (400); a wait that times out rejects with
 * `ReadModelBehind` (both of @itsm/projections).
 */
export interface IncidentReadModelsPort {
  list: {
    list(filter: IncidentListFilter): Promise<Page<IncidentListItemResponse>>;
    /** The id of the incident with this number, or null when the list does not know it (yet). */
    idOfNumber(number: string): Promise<string | null>;
  };
  history: {
    /** `upToRevision`: only the changes of the stream up to that revision. */
    historyOf(
      incidentId: string,
      options?: { upToRevision?: number },
    ): Promise<Omit<IncidentHistoryEntryResponse, 'position'>[]>;
  };
  /** Read-your-writes: resolves once the list and the history (one projection) include a write's log position. */
  consistency: {
    list(position: number, options?: WaitOptions): Promise<void>;
  };
}

export type IncidentReadModelsFactory = (dependencies: {
  db: SqlExecutor;
}) => IncidentReadModelsPort;
