import type { SqlExecutor } from '@itsm/event-store';
import { checkpointTables, readCheckpoint, type CheckpointTables } from '../runtime/checkpoints';
import { assertIdentifier } from '../runtime/sql-names';
import type { ReadModelLocation } from './read-model-location';

/** A read model did not reach the asked log position in time (the caller may answer from what it has). */
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
  /** How long to wait for the checkpoint; default DEFAULT_WAIT_TIMEOUT_MS. */
  timeoutMs?: number;
  pollMs?: number;
}

/** How long a read waits for its projection to reach a write, unless told otherwise. */
export const DEFAULT_WAIT_TIMEOUT_MS = 5_000;

/**
 * Read-your-writes for lists: a write answers with the log position of its last event, and a read that names it
 * waits until the projection's checkpoint (committed with its rows) has reached it.
 */
export class ReadModelPositions {
  private readonly checkpoints: CheckpointTables;

  constructor(
    private readonly db: SqlExecutor,
    location: Pick<ReadModelLocation, 'checkpointSchema'>,
  ) {
    this.checkpoints = checkpointTables(assertIdentifier('Checkpoint schema', location.checkpointSchema));
  }

  /** The live checkpoint of a projection (-1 before its first event). */
  async positionOf(projection: string): Promise<number> {
    return (await readCheckpoint(this.db, this.checkpoints, projection, 'live'))?.position ?? -1;
  }

  /** Resolves once `projection` has applied everything up to `position`; throws ReadModelBehind after the timeout. */
  async waitForPosition(projection: string, position: number, { timeoutMs = DEFAULT_WAIT_TIMEOUT_MS, pollMs = 10 }: WaitOptions = {}): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const reached = await this.positionOf(projection);
      if (reached >= position) return;
      if (Date.now() >= deadline) throw new ReadModelBehind(projection, position, reached);
      await new Promise((resolve) => setTimeout(resolve, pollMs));
    }
  }
}
