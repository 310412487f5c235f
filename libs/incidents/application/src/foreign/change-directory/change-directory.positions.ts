import type { SqlExecutor } from '@itsm/event-store';
import { DEFAULT_READ_MODEL_LOCATION, ReadModelPositions, type WaitOptions } from '@itsm/projections';
import { incidentsChangesProjection } from './incidents-changes.projection';

/**
 * Read-your-writes for a link right after a change was raised: resolves once the incidents' copy of changes has
 * taken in the log up to `position` (the changes write's X-Log-Position), so the link finds the change by its number.
 */
export class ChangeDirectoryPositions {
  private readonly positions: ReadModelPositions;

  constructor(db: SqlExecutor, checkpointSchema: string = DEFAULT_READ_MODEL_LOCATION.checkpointSchema) {
    this.positions = new ReadModelPositions(db, { checkpointSchema });
  }

  waitFor(position: number, options?: WaitOptions): Promise<void> {
    return this.positions.waitForPosition(incidentsChangesProjection.name, position, options);
  }
}
