import type { NewEvent } from '@itsm/event-sourcing';

/**
 * What every event-store contender does in the bench, in its own native API. The bench tracks stream
 * revisions itself (0-based, -1 for a new stream) so each append names the exact expected revision.
 */
export interface Contender {
  readonly name: string;
  append(
    streamId: string,
    events: readonly NewEvent[],
    expectedRevision: number,
  ): Promise<void>;
  /** Returns how many events came back, so the bench can check it read what it wrote. */
  readStream(streamId: string): Promise<number>;
  /** Reads one page of the global log after `afterPosition` (-1: from the start); `lastPosition` continues it. */
  readAllPage(
    afterPosition: number,
    maxCount: number,
  ): Promise<{ count: number; lastPosition: number }>;
  close(): Promise<void>;
}
