import type { EventStore, SqlExecutor } from '@itsm/event-store';
import { DEFAULT_READ_MODEL_LOCATION, ProcessPositions, type WaitOptions } from '@itsm/projections';
import { CAUSED_INCIDENTS_PROCESS, CAUSED_INCIDENTS_EVENT_TYPES } from './caused-incidents.process';

/**
 * Read-your-writes for the caused-incidents process (from the log): resolves once it has handled the log up to
 * `position`, e.g. an incident's `caused-by` link, so that the change read right after shows the incident.
 */
export class CausedIncidentsPositions {
  private readonly positions: ProcessPositions;

  constructor(db: SqlExecutor, log: Pick<EventStore, 'readAll'>, checkpointSchema: string = DEFAULT_READ_MODEL_LOCATION.checkpointSchema) {
    this.positions = new ProcessPositions(db, log, checkpointSchema);
  }

  waitFor(position: number, options?: WaitOptions): Promise<void> {
    return this.positions.waitFor({ name: CAUSED_INCIDENTS_PROCESS, eventTypes: CAUSED_INCIDENTS_EVENT_TYPES }, position, options);
  }
}
