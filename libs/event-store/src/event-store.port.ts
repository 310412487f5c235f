import type { ExpectedRevision, NewEvent, RecordedEvent, StreamReaderWriter } from '@itsm/event-sourcing';

/** Selects events by type and/or stream-id prefix; both lists are alternatives (OR), the two are combined with AND. */
export interface EventFilter {
  types?: string[];
  streamPrefixes?: string[];
}

export interface AppendOptions {
  expectedRevision: ExpectedRevision;
}

export interface AppendResult {
  /** Revision of the stream's last event after this append. */
  nextExpectedRevision: number;
  /** Global position of the last appended event. */
  lastGlobalPosition: number;
  events: RecordedEvent[];
}

/** One stream's part of a multi-stream append. */
export interface StreamAppend extends AppendOptions {
  streamId: string;
  events: NewEvent[];
}

export interface ReadStreamOptions {
  fromRevision?: number;
  /** Inclusive. */
  toRevision?: number;
  /** Only events recorded at or before this time: the stream as it was then. */
  asOf?: Date;
}

export interface ReadAllOptions {
  /** Exclusive: returns events after this position; omit (or -1) to start at the beginning. */
  fromPosition?: number;
  maxCount?: number;
  filter?: EventFilter;
}

export interface ReadAllResult {
  events: RecordedEvent[];
  /**
   * The position up to which the log has been read (≥ the last event's position when a filter skipped
   * events): a checkpoint to continue from. Never passes an event that is not yet visible.
   */
  lastPosition: number;
}

export interface SubscribeOptions {
  /** Last position already handled (exclusive); omit or null to start from the beginning. */
  fromCheckpoint?: number | null;
  filter?: EventFilter;
  /** Called once per event, in global order; the next event waits until it resolves. */
  onEvent: (event: RecordedEvent) => Promise<void>;
  /** Called when the subscription stops because `onEvent` or the store failed. */
  onError?: (error: unknown) => void;
  batchSize?: number;
}

/**
 * A recorded event with its data and actor still the stored JSON text, parsed by nobody: for readers that pass them
 * on as they are (the relay's Kafka messages). The text is the database's rendering of the JSON (PostgreSQL's jsonb
 * output: `{"a": 1}`), equal in value to what `JSON.stringify` of the parsed event writes.
 */
export interface RecordedEventJson extends Omit<RecordedEvent, 'data' | 'actor'> {
  dataJson: string;
  actorJson: string;
}

export interface SubscribeJsonOptions extends Omit<SubscribeOptions, 'onEvent'> {
  onEvent: (event: RecordedEventJson) => Promise<void>;
}

export interface SubscribeBatchOptions extends Omit<SubscribeOptions, 'onEvent'> {
  /**
   * Called once per read of the log, in global order, with the events read and the position up to which the log
   * was read (past the last event when the filter skipped some); the next read waits until it resolves. Appends
   * made meanwhile come together in the next read, so a busy log hands over bigger batches.
   */
  onBatch: (events: RecordedEvent[], readUpTo: number) => Promise<void>;
}

export interface Subscription {
  /** Stops after the event being handled; resolves when the subscription has stopped. */
  stop(): Promise<void>;
  /** Position of the last event handled (or the start checkpoint). */
  readonly checkpoint: number | null;
}

/** The event log (DESIGN §3): one ordered, append-only history for every context. */
export interface EventStore extends StreamReaderWriter {
  appendToStream(streamId: string, events: NewEvent[], options: AppendOptions): Promise<AppendResult>;
  /**
   * Appends to several streams atomically — all or none, in the order given — for imports that write many new
   * streams. Optional: a store without multi-stream transactions (EventStoreDB) does not offer it.
   */
  appendToStreams?(appends: readonly StreamAppend[]): Promise<AppendResult[]>;
  /**
   * Writes recorded events back exactly (positions, revisions, times, hashes) after the log's head, in position
   * order: restoring a backup. Optional: EventStoreDB assigns positions itself and cannot keep them.
   */
  importEvents?(events: readonly RecordedEvent[]): Promise<void>;
  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  readAll(options?: ReadAllOptions): Promise<ReadAllResult>;
  /**
   * The position of the log's last event (0 when empty), in one cheap read: where a run that reads up to the head
   * stops. Optional: without it, `readHeadPosition` (projections) asks `readAll` with a filter that matches nothing.
   */
  headPosition?(): Promise<number>;
  subscribeToAll(options: SubscribeOptions): Subscription;
  /**
   * `subscribeToAll` handing over each read whole (`onBatch`), for a reader that writes a batch in one transaction
   * (the projection runtime). Optional: stores that read the log in pages (PostgreSQL, PGlite) offer it.
   */
  subscribeToAllBatches?(options: SubscribeBatchOptions): Subscription;
  /**
   * `subscribeToAll` with data and actor left as JSON text (`RecordedEventJson`), so a reader that forwards them
   * parses nothing. Optional: stores that hold JSON text (PostgreSQL, PGlite) offer it.
   */
  subscribeToAllJson?(options: SubscribeJsonOptions): Subscription;
  /** Checks that the store is reachable (for `/health/ready`). */
  ping(): Promise<void>;
  close(): Promise<void>;
}
