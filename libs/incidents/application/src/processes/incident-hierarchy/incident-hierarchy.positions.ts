import type { SqlExecutor } from '@itsm/event-store';
import { DEFAULT_READ_MODEL_LOCATION, ReadModelPositions, type WaitOptions } from '@itsm/projections';
import { INCIDENT_HIERARCHY } from './incident-hierarchy.process';

/**
 * Read-your-writes for what the incident-hierarchy process does after a write (the parent's side of a link, the
 * children a resolution reaches): resolves once the process has handled the log up to `position`.
 */
export class IncidentHierarchyPositions {
  private readonly positions: ReadModelPositions;

  constructor(db: SqlExecutor, checkpointSchema: string = DEFAULT_READ_MODEL_LOCATION.checkpointSchema) {
    this.positions = new ReadModelPositions(db, { checkpointSchema });
  }

  waitFor(position: number, options?: WaitOptions): Promise<void> {
    return this.positions.waitForPosition(INCIDENT_HIERARCHY, position, options);
  }
}
