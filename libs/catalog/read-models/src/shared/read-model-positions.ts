import type { SqlExecutor } from '@itsm/event-store';
import { qualifiedTable, type ReadModelLocation } from './read-model-location';

/** A read model did not reach the asked log position in time (the caller may answer from what it has, or 503). */
export class ReadModelBehind extends Error {
  override readonly name = 'ReadModelBehind';
  constructor(
    readonly projection: string,
    readonly position: number,
    readonly reached: number,
  ) {
    super(`Read model ${projection} is at log position ${reached}, not yet at ${position}`);
  }
}

export interface WaitOptions {
  timeoutMs?: number;
  pollMs?: number;
}

/**
 * Read-your-writes for lists: a write answers with the log position of its last event, and a read that names it
 * waits until the projection's checkpoint (committed with its rows) has reached it.
 */
export class ReadModelPositions {
  private readonly checkpoints: string;

  constructor(
    private readonly db: SqlExecutor,
    location: ReadModelLocation,
  ) {
    this.checkpoints = qualifiedTable(location.checkpointSchema, 'checkpoints');
  }

  /** The live checkpoint of a projection (-1 before its first event). */
  async positionOf(projection: string): Promise<number> {
    const [row] = await this.db.query<{ position: string | number }>(
      `SELECT position FROM ${this.checkpoints} WHERE name = $1 AND slot = 'live'`,
      [projection],
    );
    return row === undefined ? -1 : Number(row.position);
  }

  /** Resolves once `projection` has applied everything up to `position`; throws ReadModelBehind after the timeout. */
  async waitForPosition(projection: string, position: number, { timeoutMs = 5_000, pollMs = 10 }: WaitOptions = {}): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const reached = await this.positionOf(projection);
      if (reached >= position) return;
      if (Date.now() >= deadline) throw new ReadModelBehind(projection, position, reached);
      await new Promise((resolve) => setTimeout(resolve, pollMs));
    }
  }
}
