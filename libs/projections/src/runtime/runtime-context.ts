import type { RecordedEvent } from '@itsm/event-sourcing';
import type { SqlExecutor } from '@itsm/event-store';
import type { Deduplication } from './apply-batch';
import type { CheckpointTables } from './checkpoints';
import type { ProjectionEventSource } from './event-source';

/** What the runtime's parts share: the database, the log, where tables and checkpoints live, and batch sizes. */
export interface RuntimeContext {
  db: SqlExecutor;
  source: ProjectionEventSource;
  /** Schema of the read-model tables. */
  schema: string;
  checkpoints: CheckpointTables;
  deduplication: Deduplication;
  /** Brings every event to the latest schema of its type before a projection sees it. */
  upcast(event: RecordedEvent): RecordedEvent;
  batchSize: number;
  headPosition(): Promise<number>;
}
