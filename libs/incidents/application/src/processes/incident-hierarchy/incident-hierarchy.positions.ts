import type { EventStore, SqlExecutor } from '@itsm/event-store';
import { DEFAULT_READ_MODEL_LOCATION, ProcessPositions, type WaitOptions } from '@itsm/projections';
import { INCIDENT_HIERARCHY, INCIDENT_HIERARCHY_EVENT_TYPES } from './incident-hierarchy.process';

/**
 * Read-your-writes for what the incident-hierarchy process does after a write (the parent's side of a link, the
 * children a resolution reaches): resolves once the process has handled the log up to `position`.
 */
export class IncidentHierarchyPositions {
  private readonly positions: ProcessPositions;

  constructor(db: SqlExecutor, log: Pick<EventStore, 'readAll'>, checkpointSchema: string = DEFAULT_READ_MODEL_LOCATION.checkpointSchema) {
    this.positions = new ProcessPositions(db, log, checkpointSchema);
  }

  waitFor(position: number, options?: WaitOptions): Promise<void> {
    return this.positions.waitFor({ name: INCIDENT_HIERARCHY, eventTypes: INCIDENT_HIERARCHY_EVENT_TYPES }, position, options);
  }
}
