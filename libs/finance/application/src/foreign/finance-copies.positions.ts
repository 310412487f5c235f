import type { SqlExecutor } from '@itsm/event-store';
import { DEFAULT_READ_MODEL_LOCATION, ReadModelPositions, type WaitOptions } from '@itsm/projections';
import { FINANCE_CATALOG_PROJECTION } from './catalog-copy/finance-catalog.projection';
import { FINANCE_CREDITS_PROJECTION } from '../credits/finance-credits.projection';
import { FINANCE_INCIDENTS_PROJECTION } from './incidents-copy/finance-incidents.projection';

/**
 * Read-your-writes for finance's copies of other contexts: resolves once a copy has taken in the log up to
 * `position` (the other context's write's X-Log-Position), so that a command right after a catalog write (a usage
 * batch naming a service just registered) sees it.
 */
export class FinanceCopyPositions {
  private readonly positions: ReadModelPositions;

  constructor(db: SqlExecutor, checkpointSchema: string = DEFAULT_READ_MODEL_LOCATION.checkpointSchema) {
    this.positions = new ReadModelPositions(db, { checkpointSchema });
  }

  catalog(position: number, options?: WaitOptions): Promise<void> {
    return this.positions.waitForPosition(FINANCE_CATALOG_PROJECTION, position, options);
  }

  incidents(position: number, options?: WaitOptions): Promise<void> {
    return this.positions.waitForPosition(FINANCE_INCIDENTS_PROJECTION, position, options);
  }

  /** The credits projection (policies, service credits, disputes): finance's own, kept beside the handlers. */
  credits(position: number, options?: WaitOptions): Promise<void> {
    return this.positions.waitForPosition(FINANCE_CREDITS_PROJECTION, position, options);
  }
}
