import type { SqlExecutor } from '@itsm/event-store';
import { DEFAULT_READ_MODEL_LOCATION, ReadModelPositions, type WaitOptions } from '@itsm/projections';
import { CAUSED_INCIDENTS_PROCESS } from './caused-incidents.process';

/**
 * Read-your-writes for the caused-incidents process (from the log): resolves once it has handled the log up to
 * `position`, e.g. an incident's `caused-by` link, so that the change read right after shows the incident.
 */
export class CausedIncidentsPositions {
  private readonly positions: ReadModelPositions;

  constructor(db: SqlExecutor, checkpointSchema: string = DEFAULT_READ_MODEL_LOCATION.checkpointSchema) {
    this.positions = new ReadModelPositions(db, { checkpointSchema });
  }

  waitFor(position: number, options?: WaitOptions): Promise<void> {
    return this.positions.waitForPosition(CAUSED_INCIDENTS_PROCESS, position, options);
  }
}
