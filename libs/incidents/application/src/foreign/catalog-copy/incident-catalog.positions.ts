import type { SqlExecutor } from '@itsm/event-store';
import { DEFAULT_READ_MODEL_LOCATION, ReadModelPositions, type WaitOptions } from '@itsm/projections';
import { incidentsCatalogProjection } from './incidents-catalog.projection';

/**
 * Read-your-writes for an open right after a catalog write: resolves once the incidents' catalog copy has taken in
 * the log up to `position` (the catalog write's X-Log-Position), so the open decides on the service as written.
 */
export class IncidentCatalogPositions {
  private readonly positions: ReadModelPositions;

  constructor(db: SqlExecutor, checkpointSchema: string = DEFAULT_READ_MODEL_LOCATION.checkpointSchema) {
    this.positions = new ReadModelPositions(db, { checkpointSchema });
  }

  waitFor(position: number, options?: WaitOptions): Promise<void> {
    return this.positions.waitForPosition(incidentsCatalogProjection.name, position, options);
  }
}
