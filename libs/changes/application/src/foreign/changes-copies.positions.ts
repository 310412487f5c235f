import type { SqlExecutor } from '@itsm/event-store';
import { DEFAULT_READ_MODEL_LOCATION, ReadModelPositions, type WaitOptions } from '@itsm/projections';
import { changesCatalogProjection } from './catalog-copy/changes-catalog.projection';
import { changesIncidentsProjection } from './incidents-copy/changes-incidents.projection';

/**
 * Read-your-writes for the changes' copies of other contexts: resolves once a copy has taken in the log up to
 * `position` (the other context's write's X-Log-Position), so that a command or a conflict check right after a
 * catalog or incident write sees it.
 */
export class ChangesCopyPositions {
  private readonly positions: ReadModelPositions;

  constructor(db: SqlExecutor, checkpointSchema: string = DEFAULT_READ_MODEL_LOCATION.checkpointSchema) {
    this.positions = new ReadModelPositions(db, { checkpointSchema });
  }

  catalog(position: number, options?: WaitOptions): Promise<void> {
    return this.positions.waitForPosition(changesCatalogProjection.name, position, options);
  }

  incidents(position: number, options?: WaitOptions): Promise<void> {
    return this.positions.waitForPosition(changesIncidentsProjection.name, position, options);
  }
}
