import type { EventStore, SqlExecutor } from '@itsm/event-store';
import { DEFAULT_WAIT_TIMEOUT_MS, ReadModelBehind, ReadModelPositions, type WaitOptions } from '../read-models/read-model-positions';
import type { EventProcess } from './event-process';

/**
 * Read-your-writes for an event process. A process reads only its own event types (ProcessRunner), so its
 * checkpoint stays at the last one it handled: it has handled the log up to a position when its checkpoint is
 * there, or when the log holds none of its types between the checkpoint and that position.
 */
export class ProcessPositions {
  private readonly checkpoints: ReadModelPositions;

  constructor(
    db: SqlExecutor,
    private readonly log: Pick<EventStore, 'readAll'>,
    checkpointSchema: string,
  ) {
    this.checkpoints = new ReadModelPositions(db, { checkpointSchema });
  }

  /** Resolves once `process` has handled every event of its types up to `position`; throws ReadModelBehind after the timeout. */
  async waitFor(process: Pick<EventProcess, 'name' | 'eventTypes'>, position: number, { timeoutMs = DEFAULT_WAIT_TIMEOUT_MS, pollMs = 10 }: WaitOptions = {}): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const reached = await this.checkpoints.positionOf(process.name);
      if (reached >= position || !(await this.pendingUpTo(process, reached, position))) return;
      if (Date.now() >= deadline) throw new ReadModelBehind(process.name, position, reached);
      await new Promise((resolve) => setTimeout(resolve, pollMs));
    }
  }

  /** Whether the log holds an event of the process's types after `reached` and at or before `position`. */
  private async pendingUpTo(process: Pick<EventProcess, 'eventTypes'>, reached: number, position: number): Promise<boolean> {
    const { events } = await this.log.readAll({ fromPosition: reached, maxCount: 1, filter: { types: [...process.eventTypes] } });
    return events.length > 0 && events[0].globalPosition <= position;
  }
}
